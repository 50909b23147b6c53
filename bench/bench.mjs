#!/usr/bin/env node
// `pnpm bench [path] [--runs N]`: scans a tree with the built CLI (recommended preset) and prints
// files/s, lines/s, CPU time and peak memory, then the cold-start time for one small file.
// Without a path it scans a generated tree (bench/generate.mjs) of 2,000 Python files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'packages/cli/dist/bin.js');
const hook = path.join(root, 'bench/rusage.mjs');

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 3;
if (args.includes('--help')) {
  console.log('usage: pnpm bench [path] [--runs N]\n  path  tree to scan (default: a generated 2,000-file Python tree)');
  process.exit(0);
}
if (!existsSync(bin)) {
  console.error(`bench: ${bin} not found; run \`pnpm build\` first`);
  process.exit(2);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'oculum-bench-'));
const target = args[0] ? path.resolve(args[0]) : generate(path.join(tmp, 'tree'));
if (!existsSync(target)) {
  console.error(`bench: no such path: ${target}`);
  process.exit(2);
}

const SOURCE = /\.(py|pyi|js|mjs|cjs|jsx|ts|mts|cts|tsx)$/;
function count(dir) {
  let files = 0;
  let lines = 0;
  let bytes = 0;
  const walk = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return; // a dangling symlink or an unreadable entry: the scanner skips it too
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules' && name !== '.git') walk(path.join(p, name));
    } else if (SOURCE.test(p)) {
      const text = readFileSync(p, 'utf8');
      files++;
      bytes += st.size;
      for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
    }
  };
  walk(dir);
  return { files, lines, bytes };
}

function scanOnce(scanArgs) {
  const rusage = path.join(tmp, `rusage-${process.hrtime.bigint()}.json`);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', hook, bin, 'scan', ...scanArgs], {
    env: { ...process.env, OCULUM_BENCH_RUSAGE: rusage, NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) {
    console.error(`bench: oculum exited ${r.status}\n${r.stderr}`);
    process.exit(2);
  }
  const usage = existsSync(rusage) ? JSON.parse(readFileSync(rusage, 'utf8')) : { maxRSSKiB: NaN, userUs: NaN, systemUs: NaN };
  // CPU time of every thread of the process (workers and V8's helpers): steadier than the wall
  // clock on a shared machine, and what two cores have to absorb.
  return { ms, peakMiB: usage.maxRSSKiB / 1024, cpuMs: (usage.userUs + usage.systemUs) / 1000 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const { files, lines, bytes } = count(target);
console.log(`tree: ${target}\n  ${files} source files, ${lines} lines, ${(bytes / 1048576).toFixed(1)} MiB; ${os.cpus().length} CPUs, node ${process.version}`);

const out = path.join(tmp, 'out.json');
const outQuick = path.join(tmp, 'out-quick.json');
/** What the last scan into `file` did: files parsed (the rest the prefilter skipped) and findings. */
const lastScan = (file) => {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  return { parsed: doc.stats.parsed, findings: doc.files.reduce((n, f) => n + f.findings.length, 0) };
};
// The two depths alternate, run by run: on a shared machine whose speed drifts, neither gets the
// slower minutes.
const results = [];
const full = [];
for (let i = 0; i < runs; i++) {
  results.push(scanOnce([target, '--depth', 'quick', '--format', 'json', '--output', outQuick]));
  full.push(scanOnce([target, '--format', 'json', '--output', out]));
}
const quickScan = lastScan(outQuick);
const fullScan = lastScan(out);

const small = path.join(tmp, 'small.py');
writeFileSync(small, 'import torch\n\nmodel = torch.load("model.pt")\n');
const cold = [];
for (let i = 0; i < 7; i++) cold.push(scanOnce([small, '--format', 'json', '--output', out]));

const report = (label, rs, scanned) => {
  const ms = median(rs.map((r) => r.ms));
  console.log(
    `${label.padEnd(22)} ${ms.toFixed(0).padStart(6)} ms  ${(files / (ms / 1000)).toFixed(0).padStart(6)} files/s  ` +
      `${(lines / (ms / 1000)).toFixed(0).padStart(8)} lines/s  cpu ${median(rs.map((r) => r.cpuMs)).toFixed(0).padStart(5)} ms  ` +
      `peak ${Math.max(...rs.map((r) => r.peakMiB)).toFixed(0)} MiB  ` +
      `(${scanned.parsed} parsed, ${scanned.findings} findings)`,
  );
};
console.log(`median of ${runs} runs (wall clock and CPU time of the whole CLI process):`);
report('--depth quick', results, quickScan);
report('--depth standard', full, fullScan);
console.log(`${'cold start, 1 file'.padEnd(22)} ${median(cold.map((r) => r.ms)).toFixed(0).padStart(6)} ms  (median of 7)`);
rmSync(tmp, { recursive: true, force: true });
