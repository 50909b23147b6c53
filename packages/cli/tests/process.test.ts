/** The `oculum` process when a plugin or rule misbehaves: never exit 0 without a report, never wait for stray timers. */
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { guardExit, stoppedMessage, type GuardedProcess } from '../src/exit-guard.js';
import { printWarningsOnOneLine } from '../src/warnings.js';
import { project, VULNERABLE } from './helpers.js';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

/** A local plugin with one rule `evil/r` whose `create` runs `body` (a plain rule object: no import needed). */
function plugin(create: string, moduleTop = ''): Record<string, string> {
  return {
    'train.py': VULNERABLE,
    '.oculumrc': JSON.stringify({ plugins: ['./p.mjs'], rules: { 'evil/r': 'error' } }),
    'p.mjs': `${moduleTop}
const meta = { detector: 'unsafe_model_load', severity: 'high', languages: ['python'], triggers: ['torch'], docs: { description: 'x', recommended: true }, messages: { m: 'x' }, remediation: 'x', schema: [] };
export default { meta: { name: 'evil', version: '1.0.0', namespace: 'evil' }, rules: { r: { name: 'r', meta, create: ${create} } } };
`,
  };
}

describe.runIf(fs.existsSync(bin))('the oculum process', () => {
  const oculum = (args: string[], cwd: string) =>
    spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 20_000, env: { ...process.env, NO_COLOR: '1', CI: '1' } });

  // (review author36 P2-2) Node's error for an imported module names no line; the message does
  it('names the file and line of a syntax error in a plugin', () => {
    const dir = project({ 'train.py': VULNERABLE, '.oculumrc': JSON.stringify({ plugins: ['./p.mjs'] }), 'p.mjs': 'export default {\n  meta: { namespace: "p" },\n  rules: { a: ) },\n};\n' });
    const r = oculum(['scan', '.'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot load plugin "\.\/p\.mjs": Unexpected token '\)' \(.*\/p\.mjs:3\)/);
  });

  it('exits 2 with a message when a plugin module never finishes loading (was: empty output, exit 0)', () => {
    const dir = project(plugin('() => ({})', 'await new Promise(() => {});'));
    const r = oculum(['scan'], dir);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(stoppedMessage('scan', 'nothing-running'));
    expect(r.stderr).toMatch(/^oculum: stopped before the scan finished: nothing was left running .*a plugin or rule never finished/);
    const rules = oculum(['rules'], dir);
    expect(rules.status).toBe(2);
    expect(rules.stderr).toMatch(/^oculum: stopped before the rules command finished: /);
  });

  it('exits 2 with a message when a rule calls process.exit(0) (was: no output, exit 0)', () => {
    const dir = project(plugin('() => ({ call() { process.exit(0); } })'));
    const r = oculum(['scan', '--workers', '0'], dir);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(stoppedMessage('scan', 'exit', 0));
    expect(r.stderr).toContain('a plugin or rule called process.exit()');
  });

  it('exits 2 when a plugin module calls process.exit(0) while it loads', () => {
    const dir = project(plugin('() => ({})', 'process.exit(0);'));
    const r = oculum(['scan'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^oculum: stopped before the scan finished: the process was made to exit with code 0/);
  });

  it('ends once the report is written, whatever timers a rule left running', () => {
    const dir = project(plugin('() => { setInterval(() => {}, 1000); return { call() {} }; }'));
    const r = oculum(['scan', '--workers', '0'], dir);
    // It ended by itself: not killed by the timeout (a process left to its timers never ends). How soon it ended is
    // not asserted: no count of work tells it, and wall-clock time is the host's.
    expect(r.error).toBeUndefined();
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('torch/load-without-weights-only');
    expect(r.stdout).toContain('✖ 1 finding');
    expect(r.stderr).toBe('');
  });

  it('still exits 0 quietly when nothing is wrong', () => {
    const dir = project({ 'train.py': 'import torch\n' });
    const r = oculum(['scan'], dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});

/** A stand-in for `process`: events, exit calls and streams with pending output. */
function fakeProcess(pending = 0) {
  const events = new EventEmitter();
  const exits: number[] = [];
  const callbacks: Array<() => void> = [];
  const stream = { writableLength: pending, write: (_: string, cb: () => void) => callbacks.push(cb) };
  const proc: GuardedProcess & { exits: number[]; callbacks: Array<() => void>; emit: (e: string, c?: number) => void } = {
    on: (event, listener) => events.on(event, listener),
    exit: (code) => {
      exits.push(code ?? 0);
    },
    exitCode: undefined,
    stdout: stream,
    stderr: stream,
    exits,
    callbacks,
    emit: (e, c) => events.emit(e, c),
  };
  return proc;
}

describe('guardExit', () => {
  it('says so and makes the code 2 when the process ends before the command finished', () => {
    const proc = fakeProcess();
    let err = '';
    guardExit('scan', proc, (t) => (err += t));
    proc.emit('beforeExit', 0);
    expect(err).toBe(stoppedMessage('scan', 'nothing-running'));
    expect(proc.exits).toEqual([2]);
    expect(proc.exitCode).toBe(2);
    proc.emit('exit', 2);
    expect(err).toBe(stoppedMessage('scan', 'nothing-running')); // said once
  });

  it('turns an early process.exit(0) into 2', () => {
    const proc = fakeProcess();
    let err = '';
    guardExit('scan', proc, (t) => (err += t));
    proc.emit('exit', 0);
    expect(err).toBe(stoppedMessage('scan', 'exit', 0));
    expect(proc.exitCode).toBe(2);
  });

  it('once finished, exits with the code after stdout and stderr are flushed, and stays quiet', () => {
    const proc = fakeProcess(10);
    let err = '';
    const deferred: Array<() => void> = [];
    const guard = guardExit('scan', proc, (t) => (err += t), (fn) => deferred.push(fn));
    guard.finish(1);
    expect(proc.exitCode).toBe(1);
    expect(proc.callbacks).toEqual([]); // what is already queued runs first
    deferred[0]();
    expect(proc.exits).toEqual([]);
    proc.callbacks[0]();
    expect(proc.exits).toEqual([]);
    proc.callbacks[1]();
    expect(proc.exits).toEqual([1]);
    proc.emit('exit', 1);
    expect(err).toBe('');
    const flushed = fakeProcess(0);
    guardExit('scan', flushed, () => {}, (fn) => fn()).finish(0);
    expect(flushed.exits).toEqual([0]);
  });

  it('stays quiet after abandon (stdout closed under it)', () => {
    const proc = fakeProcess();
    let err = '';
    guardExit('scan', proc, (t) => (err += t)).abandon();
    proc.emit('exit', 0);
    expect(err).toBe('');
    expect(proc.exitCode).toBeUndefined();
  });
});

describe.runIf(fs.existsSync(bin))('warnings of the oculum process', () => {
  const oculum = (args: string[], cwd: string, env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 20_000, env: { ...process.env, NO_COLOR: '1', CI: '1', NODE_NO_WARNINGS: '', ...env } });

  it('an unknown YAML tag is the config\'s error, with its place; nothing of the yaml parser reaches stderr', () => {
    const yml = 'ignorePatterns: !!python/object/apply:os.system ["x/**"]\nextends: !<tag:evil\u001b[2J> oculum:recommended\n';
    // your own config: the run stops
    const own = oculum(['scan'], project({ 'train.py': 'import torch\n', '.oculumrc.yml': yml }));
    expect(own.status).toBe(2);
    expect(own.stdout).toBe('');
    expect(own.stderr).toBe('oculum: invalid config: .oculumrc.yml:1:17: invalid YAML: a tag that names no YAML type (a config holds plain values)\n');
    // one inside the scanned tree: left out, said in the report, the scan goes on
    const tree = oculum(['scan', '--format', 'json'], project({ 'train.py': 'import torch\n', 'sub/.oculumrc.yml': yml, 'sub/a.py': 'import torch\ntorch.load("m.pt")\n' }));
    expect(tree.stderr).toBe('');
    const doc = JSON.parse(tree.stdout);
    expect(doc.summary.findings).toBe(1);
    const all = [...doc.diagnostics, ...doc.files.flatMap((f: { diagnostics: unknown[] }) => f.diagnostics)] as Array<{ message: string }>;
    expect(all.map((d) => d.message)).toEqual([
      'sub/.oculumrc.yml:1:17: invalid YAML: a tag that names no YAML type (a config holds plain values). This config is left out: the files under it are scanned without it',
    ]);
  });
});

describe('printWarningsOnOneLine', () => {
  function fake(execArgv: string[] = [], listeners = 1) {
    const events = new EventEmitter();
    for (let i = 0; i < listeners; i++) events.on('warning', () => out.push('node default'));
    const out: string[] = [];
    const proc = {
      listeners: (e: 'warning') => events.listeners(e) as Array<(...args: any[]) => void>,
      removeListener: (e: 'warning', l: (...args: any[]) => void) => events.removeListener(e, l),
      on: (e: 'warning', l: (w: Error) => void) => events.on(e, l),
      execArgv,
      noDeprecation: false,
    };
    return { proc, out, emit: (w: Error) => events.emit('warning', w) };
  }
  const yamlWarning = Object.assign(new Error('Unresolved tag: tag:evil\u001b[2J at line 1, column 8:\n\nrules: !<tag:evil\u001b[2J> x\n       ^^^^\n'), { name: 'YAMLWarning', code: 'TAG_RESOLVE_FAILED' });

  it("replaces Node's printer with one escaped line per distinct warning", () => {
    const { proc, out, emit } = fake();
    expect(printWarningsOnOneLine(proc, (t) => out.push(t))).toBe(true);
    emit(yamlWarning);
    emit(yamlWarning);
    expect(out).toEqual(['oculum: warning: [TAG_RESOLVE_FAILED] YAMLWarning: Unresolved tag: tag:evil\\x1b[2J at line 1, column 8\n']);
    proc.noDeprecation = true;
    emit(Object.assign(new Error('old'), { name: 'DeprecationWarning' }));
    expect(out).toHaveLength(1);
  });

  it("leaves Node's printer alone with --no-warnings or --trace-warnings", () => {
    const none = fake([], 0);
    expect(printWarningsOnOneLine(none.proc, (t) => none.out.push(t))).toBe(false);
    const traced = fake(['--trace-warnings']);
    expect(printWarningsOnOneLine(traced.proc, (t) => traced.out.push(t))).toBe(false);
    traced.emit(yamlWarning);
    expect(traced.out).toEqual(['node default']);
  });
});
