/**
 * A limit must not let a pickle hide its imports: after the stack (MARKs included), memo, opcode or
 * stacked-pickle limit, and for pickles nested deeper than the nesting limit, the rest of the stream
 * is read for its imports only, and the limit itself is a high finding for pickle data. The time
 * limit stays a hard stop.
 */
import { lintText, type FileResult } from '@oculum/core';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import plugin, { modelLanguage } from '../src/index.js';
import { scanPickleBytes } from '../src/pickle/machine.js';
import { policyFor } from '../src/policy.js';
import { judgeGlobal } from '../src/rules/util.js';
import { scanModelBytes, scanModelFile } from '../src/scanner.js';
import { bytes, FIXTURES, su, u32le } from './helpers.js';

const names = (r: { globals: Array<{ module: string; name: string }> }) => r.globals.map((g) => `${g.module}.${g.name}`);
/** `os.system('x')` in protocol 0/1 opcodes (GLOBAL, MARK, STRING, TUPLE, REDUCE, STOP). */
const EVIL = "cos\nsystem\n(S'touch /tmp/oculum-pwned'\ntR.";
const limitMessages = (r: { problems: Array<{ kind: string; message: string }> }) => r.problems.filter((p) => p.kind === 'limit').map((p) => p.message);

describe('the pickle machine reads on for imports after a structural limit', () => {
  it('a stack padded past its limit (NONE × limit + 1)', () => {
    const r = scanPickleBytes(bytes([0x80, 2], new Array(101).fill(0x4e), EVIL), { limits: { maxStack: 100 } });
    expect(names(r)).toEqual(['os.system']);
    expect(r.calls.map((c) => c.opcode)).toEqual(['REDUCE']);
    expect(limitMessages(r)).toEqual(['stack grew beyond 100 items; what follows was read for its imports only']);
    expect(r.problems.filter((p) => p.kind === 'malformed')).toEqual([]);
    expect(r.pickles).toBe(1);
  });

  it('MARKs nested past the stack limit (they were unbounded)', () => {
    const r = scanPickleBytes(bytes([0x80, 2], new Array(101).fill(0x28), EVIL), { limits: { maxStack: 100 } });
    expect(names(r)).toEqual(['os.system']);
    expect(limitMessages(r)[0]).toMatch(/^stack and MARKs grew beyond 100 items/);
  });

  it('an opcode count past its limit (push/pop filler)', () => {
    const fill = new Array(200).fill([0x4e, 0x30]).flat();
    const r = scanPickleBytes(bytes([0x80, 2], fill, EVIL), { limits: { maxOpcodes: 100 } });
    expect(names(r)).toEqual(['os.system']);
    expect(limitMessages(r)).toEqual(['more than 100 opcodes; what follows was read for its imports only']);
  });

  it('a memo flooded past its limit (MEMOIZE and LONG_BINPUT)', () => {
    const memoize = new Array(20).fill([0x4e, 0x94]).flat();
    const r = scanPickleBytes(bytes([0x80, 4], memoize, su('os'), su('system'), [0x93], su('x'), [0x85, 0x52, 0x2e]), { limits: { maxMemo: 10 } });
    expect(names(r)).toEqual(['os.system']);
    const puts = Array.from({ length: 20 }, (_, i) => [0x72, ...u32le(i)]).flat();
    const r2 = scanPickleBytes(bytes([0x80, 2, 0x4e], puts, [0x30], EVIL), { limits: { maxMemo: 10 } });
    expect(names(r2)).toEqual(['os.system']);
    expect(limitMessages(r2)[0]).toMatch(/^memo grew beyond 10 entries/);
  });

  it('STACK_GLOBAL operands fetched from the memo, written before or after the limit', () => {
    const flood = new Array(20).fill([0x4e, 0x94]).flat();
    // 'os' and 'system' memoised (keys 0, 1) before the memo fills up, fetched after it.
    const before = bytes([0x80, 4], su('os'), [0x94], su('system'), [0x94, 0x30, 0x30], flood, [0x68, 0, 0x68, 1, 0x93], su('x'), [0x85, 0x52, 0x2e]);
    expect(names(scanPickleBytes(before, { limits: { maxMemo: 10 } }))).toEqual(['os.system']);
    // Key 0 held 'collections' before the limit and 'os' after it (BINPUT): the newer value counts.
    const after = bytes([0x80, 4], su('collections'), [0x94, 0x30], flood, su('os'), [0x71, 0], su('system'), [0x72, ...u32le(5000)], [0x30, 0x30], [0x68, 0, 0x6a, ...u32le(5000), 0x93], su('x'), [0x85, 0x52, 0x2e]);
    expect(names(scanPickleBytes(after, { limits: { maxMemo: 10 } }))).toEqual(['os.system']);
  });

  it('a STACK_GLOBAL whose operands are not plain strings: the two latest strings, and a computed name', () => {
    const flood = new Array(20).fill([0x4e, 0x94]).flat();
    // 'os', 'system', then NONE POP: the top is 'system' again, but the machine no longer knows it.
    const data = bytes([0x80, 4], flood, su('os'), su('system'), [0x4e, 0x30, 0x93], su('x'), [0x85, 0x52, 0x2e]);
    const r = scanPickleBytes(data, { limits: { maxMemo: 10 } });
    expect(names(r)).toEqual(['os.system', '<computed>.<computed>']);
    expect(policyFor({}).judge('<computed>', '<computed>').verdict).toBe('dangerous');
  });

  it('past 64 stacked pickles', () => {
    const r = scanPickleBytes(bytes('N.'.repeat(65), EVIL));
    expect(names(r)).toEqual(['os.system']);
    expect(limitMessages(r)).toEqual(['more than 64 stacked pickles; what follows was read for its imports only']);
  });

  it('a getattr read after a limit counts as called', () => {
    const data = bytes([0x80, 2], new Array(11).fill(0x4e), 'cbuiltins\ngetattr\n', 'ccollections\nOrderedDict\n)R', su('keys'), [0x86, 0x52, 0x2e]);
    const r = scanPickleBytes(data, { limits: { maxStack: 10 } });
    const g = r.globals.find((x) => x.name === 'getattr');
    expect(g?.getattr?.other).toMatch(/not followed/);
    expect(policyFor({}).judgeGetattr(g!.getattr!).verdict).toBe('dangerous');
  });

  it('stops reading for imports where the unpickler stops (an invalid opcode), not at data it cannot import', () => {
    const r = scanPickleBytes(bytes([0x80, 2], new Array(11).fill(0x4e), [0xff], EVIL), { limits: { maxStack: 10 } });
    expect(names(r)).toEqual([]);
    expect(limitMessages(r)[1]).toMatch(/^reading for imports stopped: invalid opcode 0xff/);
    const r2 = scanPickleBytes(bytes([0x80, 2], new Array(11).fill(0x4e), 'c\x01\x02\n\x03\n', EVIL), { limits: { maxStack: 10 } });
    expect(names(r2)).toEqual([]);
    expect(limitMessages(r2)[1]).toMatch(/cannot be imported/);
  });

  it('the time limit stays a hard stop', () => {
    const r = scanPickleBytes(bytes([0x80, 2], new Array(70_000).fill(0x4e), EVIL), { limits: { deadline: Date.now() - 1 } });
    expect(names(r)).toEqual([]);
    expect(limitMessages(r)).toEqual(['time limit reached while scanning pickle opcodes']);
  });

  it('a full scan is unchanged within the limits', () => {
    // 99 NONEs, then os.system, a MARK and its argument: 102 items and MARKs at most.
    const r = scanPickleBytes(bytes([0x80, 2], new Array(99).fill(0x4e), EVIL), { limits: { maxStack: 102 } });
    expect(names(r)).toEqual(['os.system']);
    expect(r.calls[0]).toMatchObject({ callee: 'os.system', args: '("touch /tmp/oculum-pwned",)' });
    expect(r.problems).toEqual([]);
  });
});

describe('files padded past a limit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oculum-skim-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const rules = Object.entries(plugin.rules ?? {}).map(([name, rule]) => ({ id: `model/${name}`, rule, level: 'error' as const }));
  const lint = (path: string, settings: Record<string, unknown> = {}): Promise<FileResult> => lintText({ path, language: modelLanguage, rules, settings, cwd: dir });
  const found = (r: FileResult) => r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.ruleId} ${f.severity}`).sort();

  it('1,000,001 NONEs before os.system (the default stack limit): critical, and the limit is high', async () => {
    const path = join(dir, 'm.pkl');
    writeFileSync(path, Buffer.concat([bytes([0x80, 2]), new Uint8Array(1_000_001).fill(0x4e), bytes(EVIL)]));
    const r = await lint(path);
    expect(found(r)).toEqual(['model/dangerous-pickle-global critical', 'model/model-scan-limit high']);
    expect(r.findings.find((f) => f.ruleId === 'model/dangerous-pickle-global')?.message).toContain('`os.system`');
    expect(r.findings.find((f) => f.ruleId === 'model/model-scan-limit')).toMatchObject({ confidence: 'medium' });
  });

  it('a joblib file whose opcode limit is hit before its arrays: the arrays are still skipped', async () => {
    const f = await scanModelFile(join(FIXTURES, 'malicious/joblib_after_array.joblib'), { model: { limits: { maxOpcodes: 1 } } });
    expect(names(f)).toContain('posix.system');
    expect(f.problems.map((p) => p.message)).toEqual(['more than 1 opcodes; what follows was read for its imports only (byte 2)']);
  });

  it('a limit outside pickle data stays medium', async () => {
    const path = join(dir, 'x.gguf');
    writeFileSync(path, bytes('GGUF', [3, 0, 0, 0], new Array(16).fill(0)));
    const r = await lint(path, { model: { limits: { timeMs: 0 } } });
    expect(found(r)).toEqual(['model/model-scan-limit medium']);
  });

  it('a decompression limit that cuts the stream keeps the imports read before it (a gzip bomb after os.system)', async () => {
    // os.system(...) called, then 8 MiB of NONE POP and no STOP: the stream is cut at 1 MiB.
    const payload = Buffer.concat([bytes([0x80, 2], EVIL.slice(0, -1)), Buffer.from('N0'.repeat(4 << 20), 'latin1')]);
    const limits = { maxDecompressedBytes: 1 << 20 };
    const path = join(dir, 'bomb.pkl.gz');
    writeFileSync(path, gzipSync(payload));
    const f = await scanModelFile(path, { model: { limits } });
    expect(names(f)).toEqual(['os.system']);
    expect(f.format).toBe('pickle');
    expect(limitMessages(f)).toEqual(['decompressed size exceeds 1048576 bytes']);
    expect(f.problems.filter((p) => p.kind === 'malformed')).toEqual([]); // cut by the limit, not truncated
    const r = await lint(path, { model: { limits } });
    expect(found(r)).toEqual(['model/dangerous-pickle-global critical', 'model/model-scan-limit high']);
    // The same in a deflated zip member.
    const name = Buffer.from('archive/data.pkl');
    const body = deflateRawSync(payload);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(payload.length, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(payload.length, 24);
    cd.writeUInt16LE(name.length, 28);
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(1, 8);
    eocd.writeUInt16LE(1, 10);
    eocd.writeUInt32LE(46 + name.length, 12);
    eocd.writeUInt32LE(30 + name.length + body.length, 16);
    const z = await scanModelBytes(Buffer.concat([local, name, body, cd, name, eocd]), 'm.pt', { model: { limits } });
    expect(names(z)).toEqual(['os.system']);
    expect(limitMessages(z)).toEqual(['decompressed size exceeds 1048576 bytes']);
  });

  /** A pickle that passes `inner` to torch.storage._load_from_bytes (an allowed loader). */
  const wrap = (inner: Uint8Array) => bytes([0x80, 3], 'ctorch.storage\n_load_from_bytes\n', [0x42, ...u32le(inner.length)], inner, [0x85, 0x52, 0x2e]);
  const evil = bytes([0x80, 2], EVIL);

  it('a pickle nested one level deeper than maxDepth is read for its imports', async () => {
    const data = wrap(wrap(wrap(evil))); // the payload at depth 3
    const full = await scanModelBytes(data, 'n.pkl');
    expect(names(full)).toContain('os.system');
    const limited = await scanModelBytes(data, 'n.pkl', { model: { limits: { maxDepth: 2 } } });
    expect(names(limited)).toContain('os.system');
    expect(limited.problems).toContainEqual(expect.objectContaining({ kind: 'limit', pickle: true, message: expect.stringMatching(/^nesting deeper than 2 levels: this pickle was read for its imports only/) }));
    // Deeper still, the payload is not reached, but the limit is high.
    const path = join(dir, 'nested.pkl');
    writeFileSync(path, wrap(data));
    const r = await lint(path, { model: { limits: { maxDepth: 2 } } });
    expect(found(r)).toEqual(['model/model-scan-limit high']);
  });
});

describe('reading for imports only agrees with a full scan on every fixture', () => {
  // Past a limit from the first opcodes on, every pickle fixture must give the same verdicts: no
  // dangerous import lost, none made up (benign files stay benign). getattr chains resolved by a full
  // scan (getattr(os, 'system')) leave `builtins.getattr` itself, which is dangerous; a bound
  // method of an allowed object cannot be followed and is dangerous too.
  const policy = policyFor({});
  const verdicts = (f: Awaited<ReturnType<typeof scanModelFile>>) => {
    const m = new Map<string, string>();
    for (const g of f.globals) {
      const j = judgeGlobal(policy, g);
      if (j.verdict !== 'safe') m.set(`${g.module}.${g.name}`, j.verdict);
    }
    return m;
  };
  const BOUND_METHODS = ['benign/onecycle_scheduler_protocol0.pkl', 'benign/torch_onecycle_checkpoint.pt', 'benign/torch_onecycle_linear_protocol4.pt'];
  for (const settings of [{ maxOpcodes: 1 }, { maxMemo: 0 }]) {
    it(JSON.stringify(settings), async () => {
      const diffs: string[] = [];
      for (const kind of ['benign', 'malicious', 'review']) {
        for (const name of readdirSync(join(FIXTURES, kind)).sort()) {
          const rel = `${kind}/${name}`;
          const full = await scanModelFile(join(FIXTURES, rel), {});
          if (!full.globals.length) continue;
          const skim = await scanModelFile(join(FIXTURES, rel), { model: { limits: settings } });
          const a = verdicts(full);
          const b = verdicts(skim);
          const dangerous = (m: Map<string, string>) => [...m.values()].includes('dangerous');
          if (dangerous(a) !== dangerous(b) && !BOUND_METHODS.includes(rel)) diffs.push(`${rel}: dangerous ${dangerous(a)} → ${dangerous(b)}`);
          // A computed name comes with the guess pickle tools make (the two latest strings).
          const computed = [...b.keys()].some((k) => k.includes('<computed>'));
          const added = [...b].filter(([k, v]) => a.get(k) !== v && k !== 'builtins.getattr' && !k.includes('<computed>') && !(computed && v === 'suspicious'));
          if (added.length) diffs.push(`${rel}: ${added.map(([k, v]) => `${k} ${v}`).join(', ')}`);
          if (kind === 'benign' && BOUND_METHODS.includes(rel)) expect([...b.keys()]).toEqual(['builtins.getattr']);
        }
      }
      expect(diffs).toEqual([]);
    }, 60_000);
  }
});
