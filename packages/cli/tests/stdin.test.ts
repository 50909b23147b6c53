/** `oculum scan --stdin --stdin-filename PATH`: an editor's buffer, scanned as the file it would be. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scan } from '@oculum/core';
import { loadBuiltinPlugins } from '../src/plugins.js';
import { project, run, SAFE, VULNERABLE } from './helpers.js';

const RULE = 'torch/load-without-weights-only';

describe('oculum scan --stdin', () => {
  it('scans the text, not the file on disk, with the configs of the path it names', async () => {
    const dir = project({
      '.oculumrc': JSON.stringify({ overrides: [{ files: ['tests/**'], rules: { [RULE]: 'warn' } }] }),
      'src/train.py': SAFE,
    });
    const loud = await run(['scan', '--stdin', '--stdin-filename', 'src/train.py', '-f', 'json'], { cwd: dir, stdin: VULNERABLE });
    expect(loud.code).toBe(1);
    const report = JSON.parse(loud.stdout);
    expect(report.files.map((f: { file: string }) => f.file)).toEqual(['src/train.py']);
    expect(report.files[0].findings).toMatchObject([{ ruleId: RULE, line: 3, level: 'error' }]);
    // the file on disk stays as it was, and a buffer not saved yet (no file) is scanned all the same
    expect(fs.readFileSync(path.join(dir, 'src/train.py'), 'utf8')).toBe(SAFE);
    const unsaved = await run(['scan', '--stdin', '--stdin-filename', 'tests/test_new.py'], { cwd: dir, stdin: VULNERABLE });
    expect(unsaved.code).toBe(0);
    expect(unsaved.stdout).toContain('tests/test_new.py');
    expect(unsaved.stdout).toMatch(/\(warning[,)]/);
    expect((await run(['scan', '--stdin', '--stdin-filename', 'src/train.py'], { cwd: dir, stdin: SAFE })).stdout).toBe('✔ No findings (1 file scanned)\n');
  });

  it('picks the language by the extension: a JS buffer, and a name no language reads', async () => {
    const dir = project({});
    const js = await run(['scan', '--stdin', '--stdin-filename', 'web/app.mjs', '-f', 'json'], { cwd: dir, stdin: "import { pipeline } from '@huggingface/transformers';\nawait pipeline('x', 'org/model');\n" });
    expect(JSON.parse(js.stdout).files[0].findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['transformersjs/unpinned-model-revision']);
    const text = await run(['scan', '--stdin', '--stdin-filename', 'notes.txt'], { cwd: dir, stdin: VULNERABLE });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Skipped: not a file any loaded language reads');
    // a name without an extension: the text's #! line says the language, as it does for a file on disk
    const script = await run(['scan', '--stdin', '--stdin-filename', 'scripts/setup', '-f', 'json'], { cwd: dir, stdin: `#!/usr/bin/env python3\n${VULNERABLE}` });
    expect(JSON.parse(script.stdout).files[0].findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['torch/load-without-weights-only']);
  });

  it('with --force-exclude, leaves out a path the ignores cover, and says so', async () => {
    const dir = project({ '.gitignore': 'build/\n' });
    const r = await run(['scan', '--stdin', '--stdin-filename', 'build/gen.py', '--force-exclude', '-f', 'json'], { cwd: dir, stdin: VULNERABLE });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.files.flatMap((f: { findings: unknown[] }) => f.findings)).toEqual([]);
    expect(report.files.flatMap((f: { diagnostics: Array<{ message: string }> }) => f.diagnostics.map((d) => d.message))).toEqual(['Standard input not scanned: its path is ignored by .gitignore (--force-exclude)']);
    expect((await run(['scan', '--stdin', '--stdin-filename', 'build/gen.py'], { cwd: dir, stdin: VULNERABLE })).code).toBe(1);
  });

  it('refuses what it cannot do: no file name, paths, --fix, --cache, a file name alone', async () => {
    const dir = project({});
    const cases: Array<[string[], string]> = [
      [['--stdin'], '--stdin needs --stdin-filename'],
      [['--stdin', '--stdin-filename', 'a.py', 'src'], '--stdin scans standard input only: leave out the paths (src)'],
      [['--stdin', '--stdin-filename', 'a.py', '--fix'], '--fix writes files: it cannot be used with --stdin'],
      [['--stdin', '--stdin-filename', 'a.py', '--cache'], '--cache keeps results of files'],
      [['--stdin-filename', 'a.py'], '--stdin-filename names the text read with --stdin: add --stdin'],
    ];
    for (const [args, message] of cases) {
      const r = await run(['scan', ...args], { cwd: dir, stdin: VULNERABLE });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });

  it('core scan({ stdin, fix }) returns the fixed text and writes nothing', async () => {
    const dir = project({ 'load.py': 'import yaml\n' });
    const { urls } = await loadBuiltinPlugins();
    const result = await scan({ cwd: dir, plugins: urls, fix: true, stdin: { path: 'load.py', text: 'import yaml\ncfg = yaml.load(open("c.yml"), Loader=yaml.Loader)\n' } });
    expect(result.files[0].output).toBe('import yaml\ncfg = yaml.safe_load(open("c.yml"))\n');
    expect(fs.readFileSync(path.join(dir, 'load.py'), 'utf8')).toBe('import yaml\n');
  });

  const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
  it.runIf(fs.existsSync(bin))('reads the process\'s standard input (the oculum binary)', () => {
    const dir = project({});
    const r = spawnSync(process.execPath, [bin, 'scan', '--stdin', '--stdin-filename', 'train.py', '-f', 'json'], { cwd: dir, input: VULNERABLE, encoding: 'utf8', env: { ...process.env, CI: '1' } });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).files[0].findings[0].ruleId).toBe(RULE);
  });
});
