import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'lang-js', include: ['tests/**/*.test.ts'], testTimeout: 30_000 },
});
