import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'plugin-python-hf', include: ['tests/**/*.test.ts'], testTimeout: 30_000 },
});
