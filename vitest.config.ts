import { defineConfig } from 'vitest/config';

// One root config: every package is a Vitest project with its own small config.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'e2e/vitest.config.ts'],
    passWithNoTests: false,
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
