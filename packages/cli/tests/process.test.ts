/** The `oculum` process when a plugin or rule misbehaves: never exit 0 without a report, never wait for stray timers. */
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { guardExit, stoppedMessage, type GuardedProcess } from '../src/exit-guard.js';
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
    const started = Date.now();
    const r = oculum(['scan', '--workers', '0'], dir);
    expect(r.error).toBeUndefined(); // not killed by the timeout
    expect(Date.now() - started).toBeLessThan(15_000);
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
    const guard = guardExit('scan', proc, (t) => (err += t));
    guard.finish(1);
    expect(proc.exitCode).toBe(1);
    expect(proc.exits).toEqual([]);
    proc.callbacks[0]();
    expect(proc.exits).toEqual([]);
    proc.callbacks[1]();
    expect(proc.exits).toEqual([1]);
    proc.emit('exit', 1);
    expect(err).toBe('');
    const flushed = fakeProcess(0);
    guardExit('scan', flushed).finish(0);
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
