#!/usr/bin/env node
// Parse-speed benchmark for @oculum/lang-python (single thread).
// Usage: node packages/lang-python/scripts/bench.mjs [dir] [--limit N]
// Builds nothing: run `pnpm build` in packages/lang-python first.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { python } from '../dist/index.js';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--')) ?? '/usr/lib/python3/dist-packages/torch';
const limitIdx = args.indexOf('--limit');
const limit = limitIdx >= 0 ? Number(args[limitIdx + 1]) : Infinity;

function walk(d, out) {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    let st;
    try { st = statSync(p); } catch { continue; }
    if (st.isDirectory()) walk(p, out);
    else if (name.endsWith('.py') || name.endsWith('.pyi')) out.push(p);
    if (out.length >= limit) break;
  }
  return out;
}

const files = walk(dir, []).slice(0, limit);
const texts = files.map((f) => readFileSync(f, 'utf8'));
let lines = 0;
let bytes = 0;
for (const t of texts) { lines += t.split('\n').length; bytes += t.length; }
await python.init();

// Wall time is reported, and CPU time (user + system of this process), which stays meaningful when
// other processes compete for the cores; rates are computed from CPU time.
function run(label, fn) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let extra = 0;
  for (let i = 0; i < texts.length; i++) extra += fn(texts[i], files[i]) ?? 0;
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1000;
  console.log(`${label.padEnd(42)} wall ${ms.toFixed(0).padStart(6)} ms  cpu ${cpu.toFixed(0).padStart(6)} ms  ${(files.length / cpu * 1000).toFixed(0).padStart(6)} files/s  ${(lines / cpu * 1000).toFixed(0).padStart(8)} lines/s  (${extra})`);
}

console.log(`${files.length} files, ${lines} lines, ${(bytes / 1e6).toFixed(1)} MB from ${dir}`);
run('parse only', (text, path) => { const sc = python.parse({ path, text }); sc.dispose(); });
run('parse + imports.has', (text, path) => { const sc = python.parse({ path, text }); const r = sc.imports.has('torch') ? 1 : 0; sc.dispose(); return r; });
run('parse + full traverse (all named nodes)', (text, path) => {
  const sc = python.parse({ path, text }); let n = 0; sc.traverse(() => { n++; }); sc.dispose(); return n;
});
run('parse + traverse([call])', (text, path) => {
  const sc = python.parse({ path, text }); let n = 0; sc.traverse(() => { n++; }, ['call']); sc.dispose(); return n;
});
const rule = (filtered) => (text, path) => {
  const sc = python.parse({ path, text });
  let found = 0;
  if (sc.imports.has('torch') || sc.imports.has('pickle')) {
    const visit = (node, phase) => {
      if (phase !== 'enter' || node.type !== 'call') return;
      const q = sc.qualifiedName(sc.callee(node));
      if (q === 'torch.load' || q === 'pickle.loads' || q === 'pickle.load') {
        const flag = sc.argument(node, { name: 'weights_only' });
        if (!flag || sc.constant(flag) !== true) found++;
      }
    };
    if (filtered) sc.traverse(visit, ['call']); else sc.traverse(visit);
  }
  sc.dispose();
  return found;
};
run('torch.load-like rule, traverse([call])', rule(true));
run('torch.load-like rule, full traverse', rule(false));
const mem = process.memoryUsage();
console.log(`rss ${(mem.rss / 1e6).toFixed(0)} MB`);
