/**
 * Baselines (review ciux P2-8): `oculum scan --write-baseline [FILE]` and `--baseline FILE`, end to end
 * through `main` on temporary projects.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errors, project, run } from './helpers.js';

const RULE = 'torch/load-without-weights-only';
const LOAD = (name: string) => `m = torch.load("${name}")\n`;
/** A protocol-2 pickle whose GLOBAL is `posix.system` (`os.system('id')` on load). */
const EVIL_PICKLE = Buffer.from('gAJjcG9zaXgKc3lzdGVtCnEAWAIAAABpZHEBhXECUnEDLg==', 'base64');

interface JsonFinding {
  ruleId: string;
  line: number;
  fingerprint: string;
  suppressed: { kind: string; justification: string | null } | null;
}
interface JsonReport {
  summary: { findings: number; suppressed: number; baselined: number };
  files: Array<{ file: string; findings: JsonFinding[] }>;
  baseline?: { file: string; matched: number; unmatched: number };
}

function tree(): string {
  return project({
    'src/a.py': `import torch\n${LOAD('a.pt')}`,
    'tests/b.py': `import torch\n${LOAD('b.pt')}${LOAD('c.pt')}`,
  });
}

function entries(dir: string, file = '.oculum-baseline.json'): Array<{ path: string; ruleId: string; fingerprint: string; count?: number }> {
  return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')).entries;
}

function active(report: JsonReport): string[] {
  return report.files.flatMap((f) => f.findings.filter((x) => !x.suppressed).map((x) => `${f.file}:${x.line}`));
}

describe('--write-baseline', () => {
  it('writes every unsuppressed finding to .oculum-baseline.json (sorted, versioned, pretty, paths from its directory) and exits 0', async () => {
    const dir = tree();
    fs.appendFileSync(path.join(dir, 'src/a.py'), `x = torch.load("d.pt")  # oculum-ignore[${RULE}] -- ours\n`);
    const r = await run(['scan', '--write-baseline'], { cwd: dir });
    expect(errors(r.stderr)).toBe('oculum: wrote 3 baseline entries to .oculum-baseline.json');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('✔ No findings (2 files scanned)\n  1 suppressed (not shown) · 3 findings in the baseline not shown\n');
    const text = fs.readFileSync(path.join(dir, '.oculum-baseline.json'), 'utf8');
    const data = JSON.parse(text);
    expect(Object.keys(data)).toEqual(['version', 'entries']);
    expect(data.version).toBe(1);
    expect(text).toBe(`${JSON.stringify(data, null, 2)}\n`);
    expect(data.entries.map((e: { path: string; ruleId: string }) => `${e.path} ${e.ruleId}`)).toEqual([`src/a.py ${RULE}`, `tests/b.py ${RULE}`, `tests/b.py ${RULE}`]);
    // the finding's own fingerprint, the one JSON and SARIF report
    const report = JSON.parse((await run(['scan', '-f', 'json'], { cwd: dir })).stdout) as JsonReport;
    const fingerprints = report.files.flatMap((f) => f.findings.filter((x) => !x.suppressed).map((x) => `${f.file} ${x.fingerprint}`));
    expect(data.entries.map((e: { path: string; fingerprint: string }) => `${e.path} ${e.fingerprint}`).sort()).toEqual(fingerprints.sort());
    // the same findings give the same bytes
    await run(['scan', '--write-baseline', '--workers', '2'], { cwd: dir });
    expect(fs.readFileSync(path.join(dir, '.oculum-baseline.json'), 'utf8')).toBe(text);
  });

  it('takes a file name ending in .json; a value that is not one (a path to scan) is refused, nothing written', async () => {
    const dir = tree();
    const r = await run(['scan', '--write-baseline', 'ci/oculum-baseline.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(errors(r.stderr)).toBe('oculum: wrote 3 baseline entries to ci/oculum-baseline.json');
    expect(entries(dir, 'ci/oculum-baseline.json').map((e) => e.path)).toEqual(['../src/a.py', '../tests/b.py', '../tests/b.py']);
    const src = await run(['scan', '--write-baseline', 'src'], { cwd: dir });
    expect(src.code).toBe(2);
    expect(errors(src.stderr)).toBe('oculum: --write-baseline takes the baseline file to write, and "src" does not end in .json: to scan src, name it before the option (oculum scan src --write-baseline)');
    expect(fs.statSync(path.join(dir, 'src')).isDirectory()).toBe(true);
    const stdin = await run(['scan', '--stdin', '--stdin-filename', 'x.py', '--write-baseline'], { cwd: dir, stdin: LOAD('x') });
    expect(stdin.code).toBe(2);
    expect(errors(stdin.stderr)).toContain('--write-baseline writes the findings of files: it cannot be used with --stdin');
  });

  it('is not written when the scan fails on a config error (exit 2)', async () => {
    const dir = tree();
    fs.writeFileSync(path.join(dir, 'tests/.oculumrc'), '{ "rules": { "torch/no-such-rule": "error" } }');
    const r = await run(['scan', '--write-baseline'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(errors(r.stderr)).toContain('oculum: the baseline .oculum-baseline.json was not written: the scan reported a configuration or internal error');
    expect(fs.existsSync(path.join(dir, '.oculum-baseline.json'))).toBe(false);
  });
});

describe('--baseline', () => {
  it('suppresses the findings in the baseline: only new ones are reported and fail the run, also after lines moved', async () => {
    const dir = tree();
    await run(['scan', '--write-baseline'], { cwd: dir });
    const same = await run(['scan', '--baseline', '.oculum-baseline.json'], { cwd: dir });
    expect(same.code).toBe(0);
    expect(same.stdout).toBe('✔ No findings (2 files scanned)\n  3 findings in the baseline not shown\n');
    // lines inserted above, the code reformatted, and one new load
    fs.writeFileSync(path.join(dir, 'src/a.py'), `"""Training."""\n\nimport torch\n\nm = torch.load(\n    "a.pt"\n)\nn = torch.load("new.pt")\n`);
    const r = await run(['scan', '--baseline', '.oculum-baseline.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('src/a.py\n  8:5  critical');
    expect(r.stdout).not.toContain('  5:5');
    expect(r.stdout).toContain('1 error, 0 warnings in 1 file · 3 findings in the baseline not shown');
  });

  it('JSON marks them suppressed (kind baseline), SARIF as accepted external suppressions; markdown and github say how many are not shown', async () => {
    const dir = tree();
    await run(['scan', '--write-baseline'], { cwd: dir });
    const json = await run(['scan', '--baseline', '.oculum-baseline.json', '-f', 'json'], { cwd: dir });
    const report = JSON.parse(json.stdout) as JsonReport;
    expect(report.summary).toMatchObject({ findings: 0, suppressed: 3, baselined: 3 });
    expect(report.baseline).toEqual({ file: '.oculum-baseline.json', matched: 3, unmatched: 0 });
    expect(report.files[0]!.findings[0]!.suppressed).toEqual({ kind: 'baseline', justification: 'in the baseline .oculum-baseline.json' });
    const sarif = JSON.parse((await run(['scan', '--baseline', '.oculum-baseline.json', '-f', 'sarif'], { cwd: dir })).stdout);
    expect(sarif.runs[0].results.map((x: { suppressions: unknown }) => x.suppressions)).toEqual(
      Array(3).fill([{ kind: 'external', status: 'accepted', justification: 'in the baseline .oculum-baseline.json' }]),
    );
    const md = await run(['scan', '--baseline', '.oculum-baseline.json', '-f', 'markdown'], { cwd: dir });
    expect(md.stdout).toContain('> 3 findings in the baseline not shown.');
    const gh = await run(['scan', '--baseline', '.oculum-baseline.json', '-f', 'github'], { cwd: dir });
    expect(gh.stdout).toBe('Oculum: 3 findings in the baseline not shown\nOculum: no findings (2 files scanned)\n');
  });

  it('baselined warnings do not count for --max-warnings', async () => {
    const dir = tree();
    fs.writeFileSync(path.join(dir, '.oculumrc'), JSON.stringify({ rules: { [RULE]: 'warn' } }));
    expect((await run(['scan', '--max-warnings', '0'], { cwd: dir })).code).toBe(1);
    await run(['scan', '--write-baseline'], { cwd: dir });
    const r = await run(['scan', '--max-warnings', '0', '--baseline', '.oculum-baseline.json'], { cwd: dir });
    expect(r.code).toBe(0);
  });

  it('says once how many entries no longer match; --write-baseline with --baseline prunes them', async () => {
    const dir = tree();
    await run(['scan', '--write-baseline'], { cwd: dir });
    fs.writeFileSync(path.join(dir, 'tests/b.py'), `import torch\n${LOAD('c.pt')}`);
    const r = await run(['scan', '--baseline', '.oculum-baseline.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('✔ No findings (2 files scanned)\n  2 findings in the baseline not shown\n  1 baseline entry no longer matches; run --write-baseline to prune it\n');
    const json = JSON.parse((await run(['scan', '--baseline', '.oculum-baseline.json', '-f', 'json'], { cwd: dir })).stdout) as JsonReport;
    expect(json.baseline).toEqual({ file: '.oculum-baseline.json', matched: 2, unmatched: 1 });
    const sarif = JSON.parse((await run(['scan', '--baseline', '.oculum-baseline.json', '-f', 'sarif'], { cwd: dir })).stdout);
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications).toEqual([
      { level: 'note', message: { text: '1 entry of the baseline .oculum-baseline.json no longer matches a finding; run --write-baseline to prune it' }, descriptor: { id: 'baseline' } },
    ]);
    // a deleted file's entries no longer match either
    fs.rmSync(path.join(dir, 'src/a.py'));
    const gone = await run(['scan', '--baseline', '.oculum-baseline.json'], { cwd: dir });
    expect(gone.stdout).toContain('2 baseline entries no longer match; run --write-baseline to prune them');
    const pruned = await run(['scan', '--baseline', '.oculum-baseline.json', '--write-baseline'], { cwd: dir });
    expect(pruned.code).toBe(0);
    expect(errors(pruned.stderr)).toBe('oculum: wrote 1 baseline entry to .oculum-baseline.json');
    expect(entries(dir).map((e) => e.path)).toEqual(['tests/b.py']);
    expect((await run(['scan', '--baseline', '.oculum-baseline.json'], { cwd: dir })).stdout).toBe('✔ No findings (1 file scanned)\n  1 finding in the baseline not shown\n');
  });

  it('keys are relative to the baseline file: the same matches from a subdirectory or for a part of the tree, whose other entries are neither stale nor dropped', async () => {
    const dir = tree();
    await run(['scan', '--write-baseline'], { cwd: dir });
    const sub = await run(['scan', '.', '--baseline', '../.oculum-baseline.json', '-f', 'json'], { cwd: path.join(dir, 'tests') });
    expect(sub.code).toBe(0);
    expect(JSON.parse(sub.stdout).baseline).toEqual({ file: '../.oculum-baseline.json', matched: 2, unmatched: 0 });
    const part = await run(['scan', 'src', '--baseline', '.oculum-baseline.json'], { cwd: dir });
    expect(part.stdout).toBe('✔ No findings (1 file scanned)\n  1 finding in the baseline not shown\n');
    // writing from a part of the tree keeps the entries of the rest
    fs.appendFileSync(path.join(dir, 'src/a.py'), LOAD('e.pt'));
    const write = await run(['scan', 'src', '--baseline', '.oculum-baseline.json', '--write-baseline'], { cwd: dir });
    expect(errors(write.stderr)).toBe('oculum: wrote 4 baseline entries to .oculum-baseline.json, 2 of them kept from before for files or rules this scan did not cover');
    expect(entries(dir).map((e) => e.path)).toEqual(['src/a.py', 'src/a.py', 'tests/b.py', 'tests/b.py']);
    // as do the entries of rules a filter left out
    const only = await run(['scan', '--rule', 'torch/pickle-load', '--baseline', '.oculum-baseline.json', '--write-baseline'], { cwd: dir });
    expect(only.code).toBe(0);
    expect(entries(dir)).toHaveLength(4);
  });

  it('works with model files, JavaScript, --cache and worker threads', async () => {
    const dir = project({
      'models/evil.pkl': '',
      'web/load.mjs': "import { pipeline } from '@huggingface/transformers';\nconst p = await pipeline('text-generation', 'someone/model', { revision: 'main' });\n",
      'src/a.py': `import torch\n${LOAD('a.pt')}`,
    });
    fs.writeFileSync(path.join(dir, 'models/evil.pkl'), EVIL_PICKLE);
    const before = JSON.parse((await run(['scan', '-f', 'json'], { cwd: dir })).stdout) as JsonReport;
    expect(before.files.map((f) => f.file)).toEqual(['models/evil.pkl', 'src/a.py', 'web/load.mjs']);
    const written = await run(['scan', '--cache', '--write-baseline'], { cwd: dir });
    expect(written.code).toBe(0);
    expect(new Set(entries(dir).map((e) => e.path))).toEqual(new Set(['models/evil.pkl', 'src/a.py', 'web/load.mjs']));
    for (const extra of [['--cache'], ['--cache', '--workers', '2'], ['--workers', '2']]) {
      const r = await run(['scan', ...extra, '--baseline', '.oculum-baseline.json', '-f', 'json'], { cwd: dir });
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout) as JsonReport;
      expect(active(report)).toEqual([]);
      expect(report.baseline).toMatchObject({ unmatched: 0 });
    }
    // a model file written again with the same risk (another command for the same global) keeps its findings' identity
    const other = Buffer.from(EVIL_PICKLE.toString('latin1').replace('id', 'ls'), 'latin1');
    expect(other.equals(EVIL_PICKLE)).toBe(false);
    fs.writeFileSync(path.join(dir, 'models/evil.pkl'), other);
    const again = await run(['scan', '--baseline', '.oculum-baseline.json'], { cwd: dir });
    expect(again.code).toBe(0);
  });

  it('counts: an entry with a count matches that many findings of its key, no more', async () => {
    const dir = tree();
    const report = JSON.parse((await run(['scan', '-f', 'json'], { cwd: dir })).stdout) as JsonReport;
    const a = report.files.find((f) => f.file === 'src/a.py')!.findings[0]!;
    fs.writeFileSync(path.join(dir, 'b.json'), JSON.stringify({ version: 1, entries: [{ path: 'src/a.py', ruleId: RULE, fingerprint: a.fingerprint, count: 2 }] }));
    const json = JSON.parse((await run(['scan', 'src', '--baseline', 'b.json', '-f', 'json'], { cwd: dir })).stdout) as JsonReport;
    expect(json.baseline).toEqual({ file: 'b.json', matched: 1, unmatched: 1 });
  });

  it('a missing, corrupt, other-version or malformed baseline is an error naming the file (exit 2), before the scan', async () => {
    const dir = tree();
    const cases: Array<[string | undefined, string]> = [
      [undefined, 'oculum: baseline file not found: base.json (write one with --write-baseline base.json)'],
      ['{ "version": 1, "entries": [', 'oculum: the baseline file base.json is not valid JSON (write it again with --write-baseline base.json)'],
      ['{ "version": 2, "entries": [] }', 'oculum: the baseline file base.json has version 2; this Oculum reads version 1 (write it again with --write-baseline base.json)'],
      ['{ "entries": [] }', 'oculum: the baseline file base.json has no "version"; this Oculum reads version 1 (write it again with --write-baseline base.json)'],
      ['{ "version": 1, "entries": [{ "path": "a.py", "ruleId": "x/y" }] }', 'oculum: the baseline file base.json is not an Oculum baseline: entries[0].fingerprint is not a non-empty string (write it again with --write-baseline base.json)'],
      ['[]', 'oculum: the baseline file base.json is not an Oculum baseline: expected an object with "version" and "entries" (write it again with --write-baseline base.json)'],
    ];
    for (const [text, message] of cases) {
      if (text === undefined) fs.rmSync(path.join(dir, 'base.json'), { force: true });
      else fs.writeFileSync(path.join(dir, 'base.json'), text);
      const r = await run(['scan', '--baseline', 'base.json'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(errors(r.stderr)).toBe(message);
      expect(r.stdout).toBe('');
    }
    // with --write-baseline to the same file, a missing one is written
    const fresh = await run(['scan', '--baseline', 'new.json', '--write-baseline'], { cwd: dir });
    expect(fresh.code).toBe(0);
    expect(entries(dir, 'new.json')).toHaveLength(3);
  });

  it('scan --help describes both flags', async () => {
    const help = await run(['scan', '--help']);
    expect(help.stdout).toContain('--baseline <file>');
    expect(help.stdout).toContain('--write-baseline [file]');
    expect(help.stdout).toContain('$ oculum scan --write-baseline');
  });
});

describe('baselines: review w38core', () => {
  const NOTEBOOK = JSON.stringify({
    cells: [{ cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: ['import torch\n', "m = torch.load('a.pt')\n"] }],
    metadata: { kernelspec: { name: 'python3', language: 'python', display_name: 'py' } },
    nbformat: 4,
    nbformat_minor: 5,
  });

  it('a notebook that cannot be parsed (merge-conflict markers) keeps its entries: not said to no longer match, not pruned (P2-1)', async () => {
    const dir = project({ 'nb.ipynb': NOTEBOOK, 'a.py': `import torch\n${LOAD('a.pt')}` });
    await run(['scan', '--no-config', '--write-baseline'], { cwd: dir });
    const before = entries(dir);
    expect(before.map((e) => e.path)).toEqual(['a.py', 'nb.ipynb']);
    fs.writeFileSync(path.join(dir, 'nb.ipynb'), `<<<<<<< HEAD\n${NOTEBOOK}`);
    const json = JSON.parse((await run(['scan', '--no-config', '--baseline', '.oculum-baseline.json', '-f', 'json'], { cwd: dir })).stdout) as JsonReport;
    expect(json.baseline).toEqual({ file: '.oculum-baseline.json', matched: 1, unmatched: 0 });
    const r = await run(['scan', '--no-config', '--baseline', '.oculum-baseline.json'], { cwd: dir });
    expect(r.stdout).toContain('parse-error');
    expect(r.stdout).not.toContain('no longer match');
    const rewrite = await run(['scan', '--no-config', '--baseline', '.oculum-baseline.json', '--write-baseline'], { cwd: dir });
    expect(errors(rewrite.stderr)).toBe('oculum: wrote 2 baseline entries to .oculum-baseline.json, 1 of them kept from before for files or rules this scan did not cover');
    expect(entries(dir)).toEqual(before);
    // the conflict resolved: its finding is still accepted
    fs.writeFileSync(path.join(dir, 'nb.ipynb'), NOTEBOOK);
    const resolved = await run(['scan', '--no-config', '--baseline', '.oculum-baseline.json'], { cwd: dir });
    expect(resolved.code).toBe(0);
    expect(resolved.stdout).toBe('✔ No findings (2 files scanned)\n  2 findings in the baseline not shown\n');
  });

  it('a --baseline path through a symbolic link to the directory matches, and --write-baseline rewrites the same entries (P2-2)', async () => {
    const dir = fs.realpathSync(tree());
    const link = `${dir}-link`;
    fs.symlinkSync(dir, link, 'dir');
    try {
      await run(['scan', '--write-baseline'], { cwd: dir });
      const before = entries(dir);
      // (the working directory is physical, as process.cwd() is; the baseline is named through the link)
      const r = await run(['scan', '.', '--baseline', path.join(link, '.oculum-baseline.json'), '-f', 'json'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).baseline).toEqual({ file: '.oculum-baseline.json', matched: 3, unmatched: 0 });
      const write = await run(['scan', '.', '--baseline', path.join(link, '.oculum-baseline.json'), '--write-baseline'], { cwd: dir });
      expect(errors(write.stderr)).toBe('oculum: wrote 3 baseline entries to .oculum-baseline.json');
      expect(entries(dir)).toEqual(before);
      // a new file under a link to a directory that does not exist yet
      const created = await run(['scan', '.', '--write-baseline', path.join(link, 'ci/new.json')], { cwd: dir });
      expect(created.code).toBe(0);
      expect(entries(dir, 'ci/new.json').map((e) => e.path)).toEqual(['../src/a.py', '../tests/b.py', '../tests/b.py']);
    } finally {
      fs.rmSync(link, { force: true });
    }
  });

  it('--write-baseline onto an existing JSON file that is not a baseline is refused (exit 2), the file left alone; a baseline of another version is replaced (P2-4)', async () => {
    const dir = tree();
    const pkg = '{"name":"x","version":"1.0.0"}\n';
    fs.writeFileSync(path.join(dir, 'package.json'), pkg);
    const r = await run(['scan', '--write-baseline', 'package.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(errors(r.stderr)).toBe(
      'oculum: --write-baseline would overwrite package.json, which is not an Oculum baseline (it has no numeric "version" with its "entries"): it was left alone. Name another file (oculum scan --write-baseline .oculum-baseline.json), or remove package.json first to write a baseline there',
    );
    expect(r.stdout).toBe('');
    expect(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe(pkg);
    fs.writeFileSync(path.join(dir, 'notes.json'), 'not json');
    expect((await run(['scan', '--write-baseline', 'notes.json'], { cwd: dir })).code).toBe(2);
    // an older baseline, a conflicted one and an empty file are written over
    for (const text of ['{ "version": 0, "entries": [] }', '<<<<<<< HEAD\n{ "version": 1, "entries": [] }', '']) {
      fs.writeFileSync(path.join(dir, 'old.json'), text);
      const w = await run(['scan', '--write-baseline', 'old.json'], { cwd: dir });
      expect(w.code).toBe(0);
      expect(entries(dir, 'old.json')).toHaveLength(3);
    }
  });

  it('--quiet does not change baseline.matched nor the "in the baseline not shown" line (P3-1)', async () => {
    const dir = project({ 'a.py': 'import torch\nfrom transformers import AutoModel\nm = torch.load("a.pt")\nx = AutoModel.from_pretrained("someone/model")\n', 'c.json': '{"rules":{"hf/unpinned-revision":"warn"}}' });
    await run(['scan', '.', '-c', 'c.json', '--write-baseline'], { cwd: dir });
    for (const extra of [[], ['--quiet']]) {
      const json = JSON.parse((await run(['scan', '.', '-c', 'c.json', '--baseline', '.oculum-baseline.json', '-f', 'json', ...extra], { cwd: dir })).stdout) as JsonReport;
      expect(json.baseline).toEqual({ file: '.oculum-baseline.json', matched: 2, unmatched: 0 });
      const text = await run(['scan', '.', '-c', 'c.json', '--baseline', '.oculum-baseline.json', ...extra], { cwd: dir });
      expect(text.stdout).toContain('2 findings in the baseline not shown');
      const md = await run(['scan', '.', '-c', 'c.json', '--baseline', '.oculum-baseline.json', '-f', 'markdown', ...extra], { cwd: dir });
      expect(md.stdout).toContain('2 findings in the baseline not shown');
    }
  });

  it('a count above 1,000,000 is refused, the file named (P3-2)', async () => {
    const dir = tree();
    fs.writeFileSync(path.join(dir, 'b.json'), JSON.stringify({ version: 1, entries: [{ path: 'src/a.py', ruleId: RULE, fingerprint: 'ab', count: 1e300 }] }));
    const r = await run(['scan', '--baseline', 'b.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(errors(r.stderr)).toBe('oculum: the baseline file b.json is not an Oculum baseline: entries[0].count is not a whole number from 1 to 1000000 (write it again with --write-baseline b.json)');
  });

  it('scan --help: at --report-unused-directives off a directive that cannot work is still a warning (P3-5)', async () => {
    const help = await run(['scan', '--help']);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('or off (not reported; a directive that cannot work, such as one naming an unknown rule, is still a warning)');
  });
});
