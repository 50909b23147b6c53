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
