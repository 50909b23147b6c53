import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'plugin-js-transformersjs', include: ['tests/**/*.test.ts'], testTimeout: 30_000 },
});
