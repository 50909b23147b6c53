import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'eslint-plugin-oculum', include: ['tests/**/*.test.ts'], testTimeout: 30_000 },
});
