import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

describe('built package', () => {
  // `pnpm test` builds first; a bare `vitest run` before any build skips this check.
  it.skipIf(!existsSync(dist))('finds both .wasm files from any working directory, in worker threads too', () => {
    const script = `
      import { Worker } from 'node:worker_threads';
      const { python } = await import(${JSON.stringify(dist)});
      await python.init();
      const sc = python.parse({ path: 'a.py', text: 'import torch as t\\nt.load(p)\\n' });
      const main = sc.qualifiedName(sc.callee(sc.ast.descendantsOfType('call')[0]));
      const worker = await new Promise((resolve, reject) => {
        const w = new Worker(\`
          import { parentPort } from 'node:worker_threads';
          const { python } = await import(${JSON.stringify(dist)});
          const sc = await python.parse({ path: 'w.py', text: 'from torch import load as L\\\\nL(p)\\\\n' });
          parentPort.postMessage(sc.qualifiedName(sc.callee(sc.ast.descendantsOfType('call')[0])));
        \`, { eval: true });
        w.on('message', (m) => { resolve(m); w.terminate(); });
        w.on('error', reject);
      });
      console.log(JSON.stringify([main, worker]));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: tmpdir(), encoding: 'utf8' });
    expect(JSON.parse(out.trim())).toEqual(['torch.load', 'torch.load']);
  });

  it.skipIf(!existsSync(dist))('carries its own copy of the grammar (tree-sitter-python is only a devDependency)', async () => {
    const { grammarWasmPath } = await import(pathToFileURL(dist).href);
    expect(grammarWasmPath()).toBe(join(dirname(dist), 'tree-sitter-python.wasm'));
    expect(existsSync(join(dirname(dist), 'tree-sitter-python.LICENSE'))).toBe(true);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(pkg.dependencies['tree-sitter-python']).toBeUndefined();
    expect(pkg.files).toContain('dist');
  });
});
