import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'rule-tester', include: ['tests/**/*.test.ts'], testTimeout: 30_000 },
});
