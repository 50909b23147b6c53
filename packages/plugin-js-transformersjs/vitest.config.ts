import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: {
    // The rule tester registers cases with Vitest's `describe`/`it`; its built dist bundles its own
    // copy of Vitest (no runner state there), so resolve it from source, sharing this Vitest.
    alias: { '@oculum/rule-tester': fileURLToPath(new URL('../rule-tester/src/index.ts', import.meta.url)) },
  },
  test: { name: 'plugin-js-transformersjs', include: ['tests/**/*.test.ts'], testTimeout: 30_000 },
});
