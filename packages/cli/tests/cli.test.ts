import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding, ScanResult } from '@oculum/core';
import { exitCodeFor, starterConfig, useColor, VERSION } from '../src/index.js';
import { errors, project, run } from './helpers.js';

describe('oculum --version and --help', () => {
  it('prints the version', async () => {
    for (const flag of ['--version', '-v']) {
      const r = await run([flag]);
      expect(r).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    }
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('prints help with the commands and examples', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const text of ['Usage: oculum', 'scan [options] [paths...]', 'rules [options]', 'init [options]', 'Examples:']) expect(r.stdout).toContain(text);
  });

  it('has help for every command, with examples', async () => {
    const scan = await run(['scan', '--help']);
    expect(scan.code).toBe(0);
    for (const flag of ['--depth', '--format', '--output', '--fail-on', '--max-warnings', '--max-file-size', '--config', '--no-config', '--rule', '--detector', '--fix', '--cache', '--cache-location', '--print-config', '--stdin', '--stdin-filename', '--quiet', '--no-color', 'Examples:', 'Exit codes:', 'OCULUM_NO_CODE_CACHE', 'OCULUM_NO_V8_TUNING']) {
      expect(scan.stdout).toContain(flag);
    }
    expect(scan.stdout).toMatch(/default:\s+"high"/);
    expect(scan.stdout).toMatch(/default:\s+"standard"/);
    for (const cmd of ['rules', 'init']) {
      const r = await run([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: oculum ${cmd}`);
      expect(r.stdout).toContain('Examples:');
    }
    const viaHelp = await run(['help', 'scan']);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toContain('Usage: oculum scan');
  });

  it('treats a missing command as a usage error (help on stderr, exit 2)', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage: oculum');
  });
});

describe('usage errors exit 2 with one line on stderr', () => {
  const cases: Array<[string[], RegExp]> = [
    [['scan', '--bogus'], /^oculum: unknown option '--bogus'/],
    [['frobnicate'], /^oculum: unknown command 'frobnicate'/],
    [['scan', '--fail-on', 'severe'], /^oculum: option '--fail-on <severity>' argument 'severe' is invalid/],
    [['scan', '--depth', 'abyss'], /^oculum: option '--depth <depth>' argument 'abyss' is invalid/],
    [['scan', '--format', 'xml'], /^oculum: option '-f, --format <format>' argument 'xml' is invalid/],
    [['scan', '--max-warnings', 'many'], /^oculum: option '--max-warnings <n>' argument 'many' is invalid\. expected a whole number/],
    [['scan', '--max-warnings', '-2'], /^oculum: option '--max-warnings <n>' argument '-2' is invalid\. expected a whole number \(0 or more\), or -1 for no limit\.$/],
    [['scan', '--max-file-size', 'lots'], /^oculum: option '--max-file-size <size>' argument 'lots' is invalid\. expected a size: bytes, or a number with a unit/],
    [['scan', '--max-file-size', '-1MiB'], /^oculum: option '--max-file-size <size>' argument '-1MiB' is invalid/],
    [['scan', '--max-file-size', '4 parsecs'], /^oculum: option '--max-file-size <size>' argument '4 parsecs' is invalid/],
    [['scan', '--detector', 'unsafe_model_loads'], /^oculum: unknown detector "unsafe_model_loads" \(expected one of: unsafe_model_load, unverified_model_source, unsafe_finetuning\); did you mean "unsafe_model_load"\?$/],
    [['scan', '--detector', 'unsafe_everything'], /^oculum: unknown detector "unsafe_everything" \(expected one of: unsafe_model_load, unverified_model_source, unsafe_finetuning\)$/],
    [['scan', 'does-not-exist'], /^oculum: no such file or directory: does-not-exist$/],
    [['scan', '--config', 'missing.json'], /^oculum: config file not found: missing\.json$/],
    [['scan', '--no-config', '-c', 'x.json'], /^oculum: --config and --no-config cannot be used together/],
    [['scan', '-c', 'x.json', '--no-config'], /^oculum: --config and --no-config cannot be used together/],
    [['rules', '--config=x.json', '--no-config'], /^oculum: --config and --no-config cannot be used together/],
    [['init', '--preset', 'lax'], /^oculum: option '--preset <name>' argument 'lax' is invalid/],
    [['rules', '--detector', 'bogus'], /^oculum: unknown detector "bogus"/],
    [['scan', '--rule', ''], /^oculum: --rule needs a value: got ""$/],
    [['scan', '--detector', ' , '], /^oculum: --detector needs a value/],
  ];
  for (const [argv, message] of cases) {
    it(`oculum ${argv.join(' ')}`, async () => {
      const dir = project({});
      const r = await run(argv, { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const lines = errors(r.stderr).split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('suggests the closest option', async () => {
    const r = await run(['scan', '--fial-on', 'high']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--fail-on');
  });
});

function finding(partial: Partial<Finding>): Finding {
  return {
    ruleId: 'torch/x',
    detector: 'unsafe_model_load',
    severity: 'high',
    confidence: 'high',
    level: 'error',
    file: '/p/a.py',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    messageId: 'm',
    message: 'm',
    remediation: 'r',
    fingerprint: 'f',
    ...partial,
  };
}

function result(findings: Finding[], diagnostics: ScanResult['diagnostics'] = []): ScanResult {
  return {
    cwd: '/p',
    version: '0.1.0',
    files: [{ file: '/p/a.py', findings, diagnostics: [] }],
    diagnostics,
    rules: [],
    stats: { files: 1, parsed: 1, prefiltered: 0, skipped: 0, lines: 1, bytes: 1, durationMs: 1 },
  };
}

describe('exit codes', () => {
  it('is 0 without findings', () => {
    expect(exitCodeFor(result([]), 'high').code).toBe(0);
  });

  it('is 1 for an error-level finding at or above --fail-on (default high)', () => {
    expect(exitCodeFor(result([finding({ severity: 'critical' })]), 'high').code).toBe(1);
    expect(exitCodeFor(result([finding({ severity: 'high' })]), 'high').code).toBe(1);
    expect(exitCodeFor(result([finding({ severity: 'medium' })]), 'high').code).toBe(0);
    expect(exitCodeFor(result([finding({ severity: 'medium' })]), 'medium').code).toBe(1);
    expect(exitCodeFor(result([finding({ severity: 'low' })]), 'low').code).toBe(1);
    expect(exitCodeFor(result([finding({ severity: 'info' })]), 'low').code).toBe(0);
    expect(exitCodeFor(result([finding({ severity: 'info' })]), 'info').code).toBe(1);
    expect(exitCodeFor(result([finding({ severity: 'critical' })]), 'critical').code).toBe(1);
    expect(exitCodeFor(result([finding({ severity: 'high' })]), 'critical').code).toBe(0);
  });

  it('never fails on findings with --fail-on none', () => {
    expect(exitCodeFor(result([finding({ severity: 'critical' })]), 'none').code).toBe(0);
  });

  it('ignores suppressed findings and warn-level findings for --fail-on', () => {
    expect(exitCodeFor(result([finding({ severity: 'critical', suppressed: { kind: 'inSource' } })]), 'low').code).toBe(0);
    expect(exitCodeFor(result([finding({ severity: 'critical', level: 'warn' })]), 'low').code).toBe(0);
  });

  it('is 1 when warn-level findings exceed --max-warnings', () => {
    const warnings = [finding({ level: 'warn' }), finding({ level: 'warn', line: 2 })];
    expect(exitCodeFor(result(warnings), 'high', 2)).toMatchObject({ code: 0, warnings: 2, tooManyWarnings: false });
    expect(exitCodeFor(result(warnings), 'high', 1)).toMatchObject({ code: 1, warnings: 2, tooManyWarnings: true });
    expect(exitCodeFor(result(warnings), 'none', 0).code).toBe(1);
    expect(exitCodeFor(result([finding({ level: 'warn', suppressed: { kind: 'external' } })]), 'high', 0).code).toBe(0);
  });

  it('does not count info findings (the model-format inventory) as warnings', () => {
    expect(exitCodeFor(result([finding({ level: 'warn', severity: 'info' })]), 'high', 0)).toMatchObject({ code: 0, warnings: 0 });
    expect(exitCodeFor(result([finding({ level: 'warn', severity: 'low' })]), 'high', 0)).toMatchObject({ code: 1, warnings: 1 });
  });

  it('is 2 when the scan reports a config or internal error', () => {
    expect(exitCodeFor(result([], [{ kind: 'internal', severity: 'error', message: 'boom' }]), 'high').code).toBe(2);
    expect(exitCodeFor(result([], [{ kind: 'config', severity: 'error', message: 'bad' }]), 'high').code).toBe(2);
    expect(exitCodeFor(result([], [{ kind: 'config', severity: 'warning', message: 'meh' }]), 'high').code).toBe(0);
    expect(exitCodeFor(result([], [{ kind: 'parse-error', severity: 'error', message: 'syntax' }]), 'high').code).toBe(0);
  });
});

describe('colour', () => {
  it('follows --color / --no-color, then NO_COLOR / FORCE_COLOR, then the terminal', () => {
    expect(useColor(false, {}, true)).toBe(false);
    expect(useColor(true, { NO_COLOR: '1' }, false)).toBe(true);
    expect(useColor(undefined, { NO_COLOR: '1' }, true)).toBe(false);
    expect(useColor(undefined, { NO_COLOR: '' }, true)).toBe(true);
    expect(useColor(undefined, { FORCE_COLOR: '1' }, false)).toBe(true);
    expect(useColor(undefined, { FORCE_COLOR: '0' }, true)).toBe(false);
    expect(useColor(undefined, {}, true)).toBe(true);
    expect(useColor(undefined, {}, false)).toBe(false);
    expect(useColor(undefined, {}, undefined)).toBe(false);
  });
});

describe('README', () => {
  it('the pre-commit example passes every source file type pre-commit tags (tsx, jsx and pyi are tags of their own)', () => {
    const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const types = /types_or: \[([^\]]*)\]/.exec(readme)?.[1].split(',').map((t) => t.trim());
    expect(types).toEqual(expect.arrayContaining(['python', 'pyi', 'javascript', 'jsx', 'ts', 'tsx']));
  });
});

describe('oculum init', () => {
  it('writes a commented starter .oculumrc', async () => {
    const dir = project({});
    const r = await run(['init'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Created .oculumrc');
    const text = fs.readFileSync(path.join(dir, '.oculumrc'), 'utf8');
    expect(text).toBe(starterConfig('recommended'));
    expect(text).toMatch(/^\/\/ /);
    const data = JSON.parse(text.replace(/^\s*\/\/.*$/gm, ''));
    expect(data).toEqual({
      extends: ['oculum:recommended'],
      detectors: {},
      rules: {},
      settings: {},
      ignorePatterns: ['node_modules/', '.venv/', 'venv/', 'dist/', 'build/'],
    });
  });

  it('suggests ignoring .oculumcache unless .gitignore already does', async () => {
    const dir = project({});
    expect((await run(['init'], { cwd: dir })).stdout).toContain('add .oculumcache to your .gitignore');
    const ignored = project({ '.gitignore': 'node_modules/\n.oculumcache\n' });
    expect((await run(['init'], { cwd: ignored })).stdout).not.toContain('.oculumcache');
  });

  it('refuses to overwrite without --force', async () => {
    const dir = project({ '.oculumrc': '{ "rules": {} }' });
    const r = await run(['init'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('oculum: .oculumrc already exists (use --force to overwrite it)\n');
    expect(fs.readFileSync(path.join(dir, '.oculumrc'), 'utf8')).toBe('{ "rules": {} }');
    const forced = await run(['init', '--force', '--preset', 'strict'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, '.oculumrc'), 'utf8')).toContain('"extends": ["oculum:strict"]');
  });

  it('refuses to hide another config file beside it, and warns when forced', async () => {
    const dir = project({ '.oculumrc.json': '{}' });
    const refused = await run(['init'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('oculum: this directory is already configured by .oculumrc.json, which a new .oculumrc would hide');
    expect(fs.existsSync(path.join(dir, '.oculumrc'))).toBe(false);
    const r = await run(['init', '--force'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('.oculumrc.json also exists here');
  });

  it('refuses to hide the "oculum" key of package.json; forced, it warns, and the scan says so too', async () => {
    const dir = project({ 'package.json': JSON.stringify({ name: 'x', oculum: { rules: { 'hf/public-hub-upload': 'off' } } }), 'a.py': 'x = 1\n' });
    const refused = await run(['init'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already configured by the "oculum" key of package.json');
    const r = await run(['init', '--force'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('oculum: warning: package.json has an "oculum" key, which .oculumrc now hides');
    const scan = await run(['scan'], { cwd: dir });
    expect(scan.stdout).toContain('warning  package.json ("oculum" key) is ignored: .oculumrc is the config of that directory (one config file per directory; merge them)');
    // a package.json without the key is no config: no warning
    const plain = project({ 'package.json': '{ "name": "x" }' });
    expect((await run(['init'], { cwd: plain })).stderr).not.toContain('package.json');
  });
});

describe('progress bar', () => {
  it('draws on a terminal after the delay, throttled, and erases itself', async () => {
    const { ProgressBar } = await import('../src/progress.js');
    let out = '';
    const bar = new ProgressBar({ write: (s: string) => (out += s), isTTY: true, columns: 80 }, true, 0);
    bar.update(1, 4);
    expect(out).toMatch(/^\r\x1b\[2KScanning [█░]+ +25% 1\/4 files$/);
    bar.update(2, 4); // within 100 ms of the last draw: skipped
    expect(out.match(/Scanning/g)).toHaveLength(1);
    bar.update(4, 4); // the last update always draws
    expect(out).toContain('100% 4/4 files');
    bar.done();
    expect(out.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('stays silent when disabled or before the delay', async () => {
    const { ProgressBar } = await import('../src/progress.js');
    let out = '';
    const stream = { write: (s: string) => (out += s) };
    const off = new ProgressBar(stream, false, 0);
    off.update(1, 2);
    off.done();
    const slow = new ProgressBar(stream, true, 60_000);
    slow.update(1, 2);
    slow.done();
    expect(out).toBe('');
  });
});
