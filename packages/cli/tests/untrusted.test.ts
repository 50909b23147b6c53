/** What the CLI prints when a file it reads is not what it expects, or is hostile. */
import { describe, expect, it } from 'vitest';
import { shortenQuoted } from '../src/errors.js';
import { errors, project, run, SAFE } from './helpers.js';

const PRIVATE_KEY = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAABlwAAAAdzc2gtcn',
  'NhAAAAAwEAAQAAAYEAxyzSECRETSECRETSECRET',
  '-----END OPENSSH PRIVATE KEY-----',
  '',
].join('\n');

describe('config errors never echo a file', () => {
  it('--config naming a key, a .env or /etc/passwd-like file: says what it got, shows none of it', async () => {
    const dir = project({
      'a.py': SAFE,
      id_rsa: PRIVATE_KEY,
      '.env': 'TOKEN=abc123\n',
      passwd: 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n',
    });
    for (const [file, secret] of [
      ['id_rsa', 'b3BlbnNzaC1rZXkt'],
      ['.env', 'abc123'],
      ['passwd', 'root:x:0:0'],
    ] as const) {
      const r = await run(['scan', '--config', file], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const lines = errors(r.stderr).split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^oculum: invalid config: ${file.replace('.', '\\.')}: \\(root\\): expected an object, got a string of \\d+ characters$`));
      expect(r.stderr).not.toContain(secret);
      const debug = await run(['scan', '--config', file, '--debug'], { cwd: dir });
      expect(debug.code).toBe(2);
      expect(debug.stderr).toMatch(/\n\s+at /);
      expect(debug.stderr).not.toContain(secret);
    }
  });

  it('cuts a long quoted value of a config key to a short excerpt with its length', async () => {
    const dir = project({ 'a.py': SAFE, '.oculumrc': JSON.stringify({ rules: `${'x'.repeat(30)}${'SECRET'.repeat(100)}` }) });
    const r = await run(['scan'], { cwd: dir });
    expect(r.code).toBe(2);
    const line = errors(r.stderr);
    expect(line).toBe(`oculum: invalid config: .oculumrc: rules: expected an object, got "${'x'.repeat(24)}…" (630 characters)`);
  });

  it('shows control characters of a config escaped', async () => {
    const dir = project({ 'a.py': SAFE, '.oculumrc': JSON.stringify({ '\u001b[2J\u001b[1Aevil\u202e': 'x' }) });
    const r = await run(['scan'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(errors(r.stderr)).toContain('\\x1b[2J\\x1b[1Aevil\\u202e');
  });
});

describe('shortenQuoted', () => {
  it('keeps short quoted values, cuts long ones, and can drop them all', () => {
    expect(shortenQuoted('unknown rule "torch/x" in "rules"')).toBe('unknown rule "torch/x" in "rules"');
    const long = JSON.stringify(`a"b\\c${'é'.repeat(60)}`);
    expect(shortenQuoted(`got ${long}, more`)).toBe(`got "a\\"b\\\\c${'é'.repeat(19)}…" (65 characters), more`);
    expect(shortenQuoted('got "TOKEN=abc123"', false)).toBe('got a string of 12 characters');
    expect(shortenQuoted('got "x"', false)).toBe('got a string of 1 character');
  });
});

describe('a glob that matches no file', () => {
  const hint = '(check for typing mistakes; --no-error-on-unmatched-pattern scans without it)';

  it('is an error (exit 2, no report), as in ESLint', async () => {
    const dir = project({ 'src/a.py': SAFE });
    for (const format of ['stylish', 'json', 'sarif', 'markdown']) {
      const r = await run(['scan', 'srcc/**/*.py', '--format', format], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(errors(r.stderr)).toBe(`oculum: no files match the pattern "srcc/**/*.py" ${hint}`);
    }
  });

  it('fails the run beside paths that matched, names every unmatched glob, and shows a long one whole', async () => {
    const dir = project({ 'src/a.py': SAFE });
    const long = 'packages/*/src/**/*.{py,pyi,js,mjs,cjs,ts,tsx,jsx}';
    const r = await run(['scan', 'src', 'src/*.py', 'lib/*.py', long], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(errors(r.stderr)).toBe(`oculum: no files match the patterns "lib/*.py", "${long}" (check for typing mistakes; --no-error-on-unmatched-pattern scans without them)`);
  });

  it('counts a glob whose every file is ignored as unmatched', async () => {
    const dir = project({ 'vendor/a.py': SAFE, 'src/b.py': SAFE, '.oculumrc': '{ "ignorePatterns": ["vendor/**"] }' });
    const r = await run(['scan', 'vendor/*.py'], { cwd: dir });
    expect(r.code).toBe(2);
    // (said as what it is: the files exist, and are ignored)
    expect(errors(r.stderr)).toBe('oculum: every file the pattern "vendor/*.py" (1 file) matches is ignored by .gitignore or ignorePatterns (name a file to scan it anyway; --no-error-on-unmatched-pattern scans without it)');
    expect((await run(['scan', 'src/*.py'], { cwd: dir })).code).toBe(0);
  });

  it('is a warning in the report with --no-error-on-unmatched-pattern (the exit code follows the findings)', async () => {
    const dir = project({ 'src/a.py': SAFE });
    const r = await run(['scan', 'srcc/**/*.py', '--no-error-on-unmatched-pattern'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(errors(r.stderr)).toBe('');
    expect(r.stdout).toContain('No files match the pattern "srcc/**/*.py"');
    expect(r.stdout).toContain('✔ No findings');
    const json = await run(['scan', 'src', 'srcc/*.py', '--no-error-on-unmatched-pattern', '--format', 'json'], { cwd: dir });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).diagnostics).toEqual([{ kind: 'skipped', severity: 'warning', message: 'No files match the pattern "srcc/*.py"' }]);
  });

  it('is documented in --help', async () => {
    const help = await run(['scan', '--help']);
    expect(help.stdout).toContain('--no-error-on-unmatched-pattern');
    expect(help.stdout).toMatch(/2 +usage, configuration or internal error; a path that does not exist, or a glob\s+that matches no file \(unless --no-error-on-unmatched-pattern\)/);
  });
});
