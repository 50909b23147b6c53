import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'plugin-model-files', include: ['tests/**/*.test.ts'], testTimeout: 30_000 },
});
