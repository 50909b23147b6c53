import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'tsup';

const require = createRequire(import.meta.url);

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // The grammar ships inside this package: installing it never runs tree-sitter-python's native
  // install script (a node-gyp build where no prebuild fits). Its licence goes with it.
  onSuccess: async () => {
    const grammar = require.resolve('tree-sitter-python/tree-sitter-python.wasm');
    copyFileSync(grammar, join('dist', 'tree-sitter-python.wasm'));
    copyFileSync(join(dirname(grammar), 'LICENSE'), join('dist', 'tree-sitter-python.LICENSE'));
  },
});
