/**
 * What a new user met in their first hour (review ux35): an empty path that scanned the whole tree,
 * filters that left no rule and passed, a glob of ignored files called a typing mistake, a green
 * summary beside an unreadable file, `help` of a command that does not exist, `init` hiding the
 * user's own config.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errors, project, run } from './helpers.js';

const LOAD = 'import torch\nm = torch.load("m.pt")\n';

describe('paths a script passes by mistake', () => {
  it('an empty path (an unset variable) is a usage error, not a scan of the whole tree', async () => {
    const dir = project({ 'a.py': LOAD });
    for (const empty of ['', '  ']) {
      const r = await run(['scan', empty], { cwd: dir });
      expect(r.code).toBe(2);
      expect(errors(r.stderr)).toBe('oculum: an empty path was given (an unset variable?): name files or directories to scan, or none to scan the current directory');
      expect(r.stdout).toBe('');
    }
  });

  it('`-` says how to scan standard input', async () => {
    const r = await run(['scan', '-'], { cwd: project({ 'a.py': LOAD }) });
    expect(r.code).toBe(2);
    expect(errors(r.stderr)).toBe('oculum: no such file or directory: - (to scan text from standard input, use --stdin --stdin-filename <path>)');
  });

  it('a glob whose files are all ignored says so, not that they do not exist', async () => {
    const dir = project({ '.gitignore': 'models/\n', 'models/a.pkl': 'x', 'models/b.pkl': 'y', 'a.py': 'x = 1\n' });
    const r = await run(['scan', 'models/*.pkl'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(errors(r.stderr)).toBe(
      'oculum: every file the pattern "models/*.pkl" (2 files) matches is ignored by .gitignore or ignorePatterns (name a file to scan it anyway; --no-error-on-unmatched-pattern scans without it)',
    );
    const typo = await run(['scan', 'modles/*.pkl'], { cwd: dir });
    expect(errors(typo.stderr)).toContain('no files match the pattern "modles/*.pkl" (check for typing mistakes;');
  });
});

describe('filters that leave no rule to run', () => {
  it('a rule outside the detectors asked for', async () => {
    const r = await run(['scan', '--detector', 'unsafe_finetuning', '--rule', 'torch/pickle-load'], { cwd: project({ 'a.py': LOAD }) });
    expect(r.code).toBe(2);
    expect(errors(r.stderr)).toBe('oculum: No rule left to run: the rule filter and the detector filter (unsafe_finetuning) have no rule in common ("torch/pickle-load" is unsafe_model_load)');
  });

  it('a model-file rule at --depth quick, which reads source files only', async () => {
    const r = await run(['scan', '--rule', 'model/dangerous-pickle-global', '--depth', 'quick'], { cwd: project({ 'a.py': LOAD }) });
    expect(r.code).toBe(2);
    expect(errors(r.stderr)).toBe('oculum: No rule left to run at --depth quick: "model/dangerous-pickle-global" runs at --depth standard or deeper');
    // with a rule that runs, the filters are fine
    const ok = await run(['scan', '--rule', 'model/dangerous-pickle-global', '--rule', 'torch/load-without-weights-only', '--depth', 'quick'], { cwd: project({ 'a.py': LOAD }) });
    expect(ok.code).toBe(1);
  });
});

describe('summaries that agree with the diagnostics', () => {
  it('an unreadable notebook is no green run (stylish and markdown)', async () => {
    const dir = project({ 'broken.ipynb': '{"cells": [\n' });
    const r = await run(['scan'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('⚠ No findings, but 1 error (files not read: they may hold what was not found) (1 file scanned)');
    expect(r.stdout).not.toContain('✔');
    const md = await run(['scan', '-f', 'markdown'], { cwd: dir });
    expect(md.stdout).toContain('### ⚠️ Oculum: no findings, but 1 error');
    expect(md.stdout).not.toContain('✅');
  });

  it('--quiet prints no green line beside an error diagnostic either (review s35js P3-4)', async () => {
    const dir = project({ 'broken.ipynb': '{"cells": [\n', 'a.py': 'import torch\nm = torch.load("m.pt")\n', '.oculumrc': '{ "rules": { "torch/load-without-weights-only": "warn" } }' });
    const r = await run(['scan', '--quiet'], { cwd: dir });
    expect(r.stdout).toContain('⚠ No findings, but 1 error (files not read: they may hold what was not found) (1 warning not shown: --quiet; 2 files scanned)');
    expect(r.stdout).not.toContain('✔');
  });

  it('a misspelled directive is warned about in a file with no correct one (review s35js P2-2)', async () => {
    const dir = project({ 'a.py': "import pickle\nx = pickle.load(open('a','rb'))  # OCULUM-IGNORE[torch/pickle-load]\n# oculum-disable-next-line\ny = pickle.load(open('a','rb'))\n" });
    const r = await run(['scan', '-f', 'json'], { cwd: dir });
    const diagnostics = (JSON.parse(r.stdout).files as Array<{ diagnostics: Array<{ line: number; message: string }> }>).flatMap((f) => f.diagnostics);
    expect(diagnostics.map((d) => `${d.line} ${d.message.replace(/ is no directive.*/, '')}`)).toEqual(['2 "OCULUM-IGNORE[torch/pickle-load]"', '3 "oculum-disable-next-line"']);
  });

  it('--quiet counts the model inventory as info, not as warnings', async () => {
    const pickle = Buffer.from('\x80\x02}q\x00X\x01\x00\x00\x00aq\x01K\x01s.', 'latin1').toString('latin1');
    const dir = project({});
    fs.writeFileSync(path.join(dir, 'clf.pkl'), Buffer.from(pickle, 'latin1'));
    const r = await run(['scan', '--quiet'], { cwd: dir });
    expect(r.stderr).toContain('oculum: 1 info finding not shown (--quiet)');
    expect(r.stderr).not.toContain('warn-level');
  });
});

describe('choices in any case', () => {
  it('-f JSON, --depth Quick and --fail-on CRITICAL are read as meant; a wrong value still fails', async () => {
    const dir = project({ 'a.py': LOAD });
    const json = await run(['scan', '-f', 'JSON', '--depth', 'Quick', '--fail-on', 'CRITICAL'], { cwd: dir });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).summary.findings).toBe(1);
    const wrong = await run(['scan', '-f', 'jsn'], { cwd: dir });
    expect(wrong.code).toBe(2);
    expect(errors(wrong.stderr)).toBe("oculum: option '-f, --format <format>' argument 'jsn' is invalid. Allowed choices are stylish, json, sarif, markdown, github.");
  });
});

describe('commands', () => {
  it('`help` of a command that does not exist says so', async () => {
    const r = await run(['help', 'nonexist']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("oculum: unknown command 'nonexist' (the commands are scan, rules, init)\n");
    expect((await run(['help', 'rules'])).code).toBe(0);
  });
});
