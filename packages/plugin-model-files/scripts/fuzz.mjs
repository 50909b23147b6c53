#!/usr/bin/env node
/**
 * pnpm fuzz — mutation fuzzing of the model-file scanner.
 *
 * Takes every fixture (valid, malicious and malformed files of every format), mutates it (bit
 * flips, interesting bytes, overwritten length fields, truncation, insertion, duplication,
 * splicing with another fixture), and runs the whole pipeline (language detection, streaming
 * parse, every rule) on the result. Asserts for every input: no exception, no hang (each file
 * must finish within its time limit plus a grace period) and a verdict (a format and, through the
 * inventory rule, at least one finding; for a Git LFS pointer, the finding that the model is absent).
 * Failing inputs are saved for replay.
 *
 * `--only <regex>` mutates only the fixtures whose names match (`--only 'zst|zstd'`: the zstd ones).
 *
 *   node packages/plugin-model-files/scripts/fuzz.mjs [--seconds 15] [--iterations N] [--seed 1] [--time-limit-ms 2000] [--only <regex>]
 */
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const SECONDS = opt('seconds', args.includes('--iterations') ? Number.POSITIVE_INFINITY : 15);
const ITERATIONS = opt('iterations', Number.POSITIVE_INFINITY);
let seed = opt('seed', Date.now() % 100000);
const TIME_LIMIT = opt('time-limit-ms', 2000);
const ONLY = args.includes('--only') ? new RegExp(args[args.indexOf('--only') + 1], 'i') : undefined;
const GRACE = 3000;

const pkg = new URL('../', import.meta.url);
let plugin;
let core;
try {
  plugin = await import(new URL('dist/index.js', pkg).href);
  core = await import('@oculum/core');
} catch (error) {
  console.error(`Build first (pnpm build): ${error.message}`);
  process.exit(2);
}
const { modelLanguage, rules } = plugin;
const lintRules = Object.entries(rules).map(([name, rule]) => ({ id: `model/${name}`, rule, level: 'error' }));

const root = fileURLToPath(new URL('tests/fixtures/models/', pkg));
const corpus = [];
for (const kind of readdirSync(root)) {
  for (const f of readdirSync(join(root, kind))) corpus.push({ name: `${kind}/${f}`, data: readFileSync(join(root, kind, f)) });
}
// Splicing takes from every fixture; mutation starts from the selected ones.
const seeds = ONLY ? corpus.filter((c) => ONLY.test(c.name)) : corpus;
if (seeds.length === 0) {
  console.error(`no fixture matches --only ${ONLY}`);
  process.exit(2);
}

// xorshift PRNG: reproducible with --seed
const startSeed = seed;
function rnd() {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
}
const int = (n) => Math.floor(rnd() * n);
const INTERESTING = [0x00, 0xff, 0x7f, 0x80, 0x01, 0x2e, 0x28, 0x63, 0x93, 0x52, 0x0a, 0x7b, 0x50];

function mutate(input) {
  let b = Buffer.from(input);
  const rounds = 1 + int(4);
  for (let r = 0; r < rounds; r++) {
    if (!b.length) b = Buffer.from([int(256)]);
    switch (int(8)) {
      case 0: // bit flips
        for (let i = 0, n = 1 + int(8); i < n; i++) b[int(b.length)] ^= 1 << int(8);
        break;
      case 1: // interesting bytes
        for (let i = 0, n = 1 + int(4); i < n; i++) b[int(b.length)] = INTERESTING[int(INTERESTING.length)];
        break;
      case 2: { // overwrite a 4- or 8-byte little-endian length with a large or boundary value
        const at = int(Math.max(1, b.length - 8));
        const v = [0xffffffff, 0x7fffffff, 0x80000000, 0, 1, b.length, b.length + 1][int(7)];
        if (at + 4 <= b.length) b.writeUInt32LE(v >>> 0, at);
        if (int(2) && at + 8 <= b.length) b.writeUInt32LE(int(2) ? 0xffffffff : 0, at + 4);
        break;
      }
      case 3: // truncate
        b = b.subarray(0, int(b.length + 1));
        break;
      case 4: { // insert random bytes
        const at = int(b.length + 1);
        const ins = Buffer.alloc(1 + int(32));
        for (let i = 0; i < ins.length; i++) ins[i] = int(256);
        b = Buffer.concat([b.subarray(0, at), ins, b.subarray(at)]);
        break;
      }
      case 5: { // duplicate a slice
        const a = int(b.length);
        const len = int(Math.min(256, b.length - a) + 1);
        const at = int(b.length + 1);
        b = Buffer.concat([b.subarray(0, at), b.subarray(a, a + len), b.subarray(at)]);
        break;
      }
      case 6: { // splice with another fixture
        const other = corpus[int(corpus.length)].data;
        const at = int(b.length + 1);
        b = Buffer.concat([b.subarray(0, at), other.subarray(int(other.length))]);
        break;
      }
      default: { // delete a slice
        const a = int(b.length);
        b = Buffer.concat([b.subarray(0, a), b.subarray(a + 1 + int(64))]);
      }
    }
  }
  return b;
}

const work = mkdtempSync(join(tmpdir(), 'oculum-fuzz-'));
const crashDir = join(tmpdir(), 'oculum-fuzz-failures');
const settings = { model: { limits: { timeMs: TIME_LIMIT }, sha256MaxBytes: 1 << 20 } };
const deadline = Date.now() + SECONDS * 1000;
let n = 0;
let failures = 0;
let detected = 0;
let slowest = 0;
const verdicts = {};

console.log(`fuzzing ${seeds.length} fixtures, seed ${startSeed}, ${Number.isFinite(SECONDS) ? `${SECONDS}s` : `${ITERATIONS} iterations`}`);
while (n < ITERATIONS && Date.now() < deadline) {
  const base = seeds[int(seeds.length)];
  const data = mutate(base.data);
  const ext = base.name.slice(base.name.lastIndexOf('.'));
  const path = join(work, `case${n}${ext}`);
  writeFileSync(path, data);
  n++;
  const head = data.subarray(0, 512);
  if (!modelLanguage.detect(head, path)) {
    verdicts['not a model file'] = (verdicts['not a model file'] ?? 0) + 1;
    rmSync(path);
    continue;
  }
  detected++;
  const started = Date.now();
  let failure;
  try {
    let timer;
    const hang = new Promise((resolve) => {
      timer = setTimeout(() => resolve('hang'), TIME_LIMIT + GRACE);
    });
    const result = await Promise.race([core.lintText({ path, language: modelLanguage, rules: lintRules, settings, cwd: work }), hang]);
    clearTimeout(timer);
    if (result === 'hang') failure = `no result within ${TIME_LIMIT + GRACE} ms (hang)`;
    else {
      const internal = result.diagnostics.filter((d) => d.kind === 'internal' || d.kind === 'parse-error');
      if (internal.length) failure = `diagnostics: ${internal.map((d) => d.message).join('; ')}`;
      // a Git LFS pointer (still one after the mutation) has no model to list: its verdict is that the model is absent
      else if (!result.findings.some((f) => f.ruleId === 'model/model-format-inventory' || (f.ruleId === 'model/model-scan-limit' && f.messageId === 'absent'))) failure = 'no verdict (no inventory finding)';
      else {
        const worst = ['critical', 'high', 'medium', 'low', 'info'].find((s) => result.findings.some((f) => f.severity === s));
        verdicts[worst] = (verdicts[worst] ?? 0) + 1;
      }
    }
  } catch (error) {
    failure = `exception: ${error?.stack ?? error}`;
  }
  slowest = Math.max(slowest, Date.now() - started);
  if (failure) {
    failures++;
    mkdirSync(crashDir, { recursive: true });
    const saved = join(crashDir, `seed${startSeed}-case${n}${ext}`);
    writeFileSync(saved, data);
    console.error(`FAIL ${base.name} → ${saved}\n  ${failure}`);
  }
  rmSync(path, { force: true });
}
rmSync(work, { recursive: true, force: true });
console.log(`${n} inputs (${detected} detected as model files), ${failures} failures, slowest ${slowest} ms; verdicts ${JSON.stringify(verdicts)}`);
console.log(`${n - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
