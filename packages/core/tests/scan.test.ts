import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shebangInterpreter } from '../src/config/plugins.js';
import { discoverFiles, GitIgnore, PatternIgnore } from '../src/discovery.js';
import { UsageError } from '../src/errors.js';
import { scan } from '../src/scan.js';
import type { ScanResult } from '../src/types.js';
import { project, TOY_PLUGIN } from './helpers.js';

const run = (cwd: string, extra: Record<string, unknown> = {}) => scan({ cwd, plugins: [TOY_PLUGIN], workers: 0, ...extra });
const rel = (result: ScanResult, file: string) => file.slice(result.cwd.length + 1);
const files = (result: ScanResult) => result.files.map((f) => rel(result, f.file));
const findings = (result: ScanResult) => result.files.flatMap((f) => f.findings.map((x) => `${rel(result, f.file)}:${x.line}:${x.column} ${x.ruleId}`));

describe('discovery', () => {
  it('reads .gitignore files down a tree 1,900 directories deep (each directory\'s ancestors were read again: 30 s)', async () => {
    const cwd = project({ '.gitignore': '*.log\n', 'top.toy': 'danger\n' });
    let dir = cwd;
    for (let i = 0; i < 1900; i++) {
      dir = join(dir, 'a');
      mkdirSync(dir);
      if (i === 1000) writeFileSync(join(dir, '.gitignore'), '!keep.log\n');
    }
    for (const name of ['x.toy', 'a.log', 'keep.log']) writeFileSync(join(dir, name), 'danger\n');
    const found = await discoverFiles({ cwd, paths: ['.'], gitignore: new GitIgnore(cwd), patterns: new PatternIgnore([]), diagnostics: [] });
    // `*.log` from the top, `!keep.log` from 1,000 levels down
    expect(found.filter((f) => f.startsWith(join(dir, '/'))).map((f) => f.slice(dir.length + 1))).toEqual(['keep.log', 'x.toy']);
    const result = await run(cwd);
    expect(findings(result)).toHaveLength(2);
  });

  it('walks directories, respects .gitignore and skips node_modules and .git', async () => {
    const cwd = project({
      '.gitignore': 'build/\n*.skip.toy\n!keep.skip.toy\n',
      'src/a.toy': 'x\n',
      'src/b.skip.toy': 'x\n',
      'src/keep.skip.toy': 'x\n',
      'src/.gitignore': 'local.toy\n',
      'src/local.toy': 'x\n',
      'build/c.toy': 'x\n',
      'node_modules/p/d.toy': 'x\n',
      '.git/e.toy': 'x\n',
      'README.md': 'not a toy\n',
    });
    const result = await run(cwd);
    expect(files(result)).toEqual(['src/a.toy', 'src/keep.skip.toy']);
    expect(result.stats.files).toBe(2);
  });

  it("respects the repository's .git/info/exclude, under its .gitignore files", async () => {
    const cwd = project({
      '.git/info/exclude': '# local\nscratch/\n*.local.toy\n',
      '.gitignore': '!keep.local.toy\n',
      'src/a.toy': 'x\n',
      'src/b.local.toy': 'x\n',
      'src/keep.local.toy': 'x\n',
      'scratch/c.toy': 'x\n',
    });
    expect(files(await run(cwd))).toEqual(['src/a.toy', 'src/keep.local.toy']);
    // a linked worktree or submodule: `.git` is a file pointing at the git directory
    const linked = project({ 'tree/a.toy': 'x\n', 'tree/b.toy': 'x\n', 'gitdir/info/exclude': 'b.toy\n' });
    writeFileSync(join(linked, 'tree', '.git'), 'gitdir: ../gitdir\n');
    expect(files(await run(join(linked, 'tree')))).toEqual(['a.toy']);
  });

  it('accepts files, directories and globs; explicit files are always scanned', async () => {
    const cwd = project({ '.gitignore': 'ignored.toy\n', 'a/x.toy': 'x\n', 'b/y.toy': 'x\n', 'b/z.toy': 'x\n', 'ignored.toy': 'x\n' });
    expect(files(await run(cwd, { paths: ['a', 'b/*.toy', 'ignored.toy'] }))).toEqual(['a/x.toy', 'b/y.toy', 'b/z.toy', 'ignored.toy']);
    expect(files(await run(cwd, { paths: ['b/{y,nope}.toy'] }))).toEqual(['b/y.toy']);
  });

  it('with forceExclude, leaves out named files that .gitignore or ignorePatterns ignore', async () => {
    const cwd = project({ '.gitignore': 'gen/\n', '.oculumrc': '{ "ignorePatterns": ["third_party/**"] }', 'gen/a.toy': 'x\n', 'third_party/b.toy': 'x\n', 'src/c.toy': 'x\n' });
    const paths = ['gen/a.toy', 'third_party/b.toy', 'src/c.toy'];
    expect(files(await run(cwd, { paths }))).toEqual(['gen/a.toy', 'src/c.toy', 'third_party/b.toy']);
    expect(files(await run(cwd, { paths, forceExclude: true }))).toEqual(['src/c.toy']);
  });

  it('a missing path is a UsageError; a glob matching nothing is a warning', async () => {
    const cwd = project({ 'a.toy': 'x\n' });
    await expect(run(cwd, { paths: ['missing'] })).rejects.toThrow(UsageError);
    await expect(run(cwd, { paths: ['missing'] })).rejects.toThrow('No such file or directory: missing');
    const result = await run(cwd, { paths: ['*.none'] });
    expect(result.diagnostics.map((d) => d.message)).toEqual(['No files match the pattern "*.none"']);
  });

  // A Hugging Face cache repo keeps its files in blobs/ and links them from snapshots/<rev>/.
  it('scans links to files inside the named directory once, and says which links it did not follow', async () => {
    const cwd = project({ 'repo/blobs/abc': 'danger\n', 'repo/snapshots/r1/.keep': '', 'outside/secret.toy': 'danger\n', 'dir/a.toy': 'x\n' });
    symlinkSync('../../blobs/abc', join(cwd, 'repo/snapshots/r1/model.toy'));
    symlinkSync(join(cwd, 'outside/secret.toy'), join(cwd, 'repo/snapshots/r1/leak.toy'));
    symlinkSync(join(cwd, 'dir'), join(cwd, 'repo/snapshots/r1/sub'));
    symlinkSync(join(cwd, 'nowhere'), join(cwd, 'repo/snapshots/r1/broken.toy'));
    // the snapshot alone: its link to a file in blobs/ leads outside it
    const snapshot = await run(cwd, { paths: ['repo/snapshots/r1'] });
    expect(files(snapshot)).toEqual([]);
    expect(snapshot.diagnostics.map((d) => d.message)).toEqual([
      'Symbolic links in "repo/snapshots/r1" not followed: 2 links to files outside it, 1 link to directories, 1 broken link (name a link or its target on the command line to scan it)',
    ]);
    // the repo: the blob once, under the link's name (`abc` has no extension a language reads)
    const repo = await run(cwd, { paths: ['repo'] });
    expect(files(repo)).toEqual(['repo/snapshots/r1/model.toy']);
    expect(findings(repo)).toEqual(['repo/snapshots/r1/model.toy:1:1 toy/no-danger']);
    // two links to one file: the first (in walk order) only
    symlinkSync('../blobs/abc', join(cwd, 'repo/snapshots/alias.toy'));
    expect(files(await run(cwd, { paths: ['repo'] }))).toEqual(['repo/snapshots/alias.toy']);
    // a link to a file of the named directory found by the walk too, of the same extension: once, under the file's name
    symlinkSync('a.toy', join(cwd, 'dir/b.toy'));
    expect(files(await run(cwd, { paths: ['dir'] }))).toEqual(['dir/a.toy']);
    // the same directory named through a link to it (its real path differs from the one walked)
    symlinkSync(join(cwd, 'dir'), join(cwd, 'via'));
    expect(files(await run(cwd, { paths: ['via'] }))).toEqual(['via/a.toy']);
  });

  it('finds the walked file a link leads to when the named directory is reached through a link', async () => {
    const cwd = project({ 'real/blob': 'danger\n', 'real/same.toy': 'x\n' });
    symlinkSync('blob', join(cwd, 'real/model.toy'));
    symlinkSync('same.toy', join(cwd, 'real/again.toy'));
    symlinkSync(join(cwd, 'real'), join(cwd, 'via'));
    const discover = (path: string) =>
      discoverFiles({ cwd, paths: [path], gitignore: new GitIgnore(cwd), patterns: new PatternIgnore([]), diagnostics: [] }).then((found) => found.map((f) => f.slice(cwd.length + 1)));
    // the blob once, under the link's name; the link of the same extension gives way to its target
    for (const dir of ['real', 'via']) expect(await discover(dir), dir).toEqual([`${dir}/model.toy`, `${dir}/same.toy`]);
  });

  it('scans a Hugging Face cache snapshot named alone: its links into the repository\'s blobs/, nothing else outside it', async () => {
    const cwd = project({ 'hub/models--org--tiny/blobs/abc': 'danger\n', 'hub/models--org--tiny/snapshots/r1/.keep': '', 'outside/secret.toy': 'danger\n' });
    const snap = 'hub/models--org--tiny/snapshots/r1';
    symlinkSync('../../blobs/abc', join(cwd, snap, 'model.toy'));
    symlinkSync(join(cwd, 'outside/secret.toy'), join(cwd, snap, 'leak.toy'));
    const result = await run(cwd, { paths: [snap] });
    expect(files(result)).toEqual([`${snap}/model.toy`]);
    expect(findings(result)).toEqual([`${snap}/model.toy:1:1 toy/no-danger`]);
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      `Symbolic links in "${snap}" not followed: 1 link to files outside it (name a link or its target on the command line to scan it)`,
    ]);
  });

  it('scans files git tracks whatever .gitignore says (a checkpoint added with git add -f), in ignored directories too', async () => {
    const cwd = project({ '.gitignore': '*.toy\nbuild/\n', 'kept.toy': 'danger\n', 'scratch.toy': 'danger\n', 'build/ckpt.toy': 'danger\n', 'build/tmp.toy': 'danger\n', 'a.txt': 'x\n' });
    const git = (...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd } });
    git('init', '-q');
    git('add', 'a.txt');
    git('add', '-f', 'kept.toy', 'build/ckpt.toy');
    for (const version of ['2', '3', '4']) {
      git('update-index', '--index-version', version);
      expect(files(await run(cwd)), `index version ${version}`).toEqual(['build/ckpt.toy', 'kept.toy']);
    }
    // an index that cannot be read: .gitignore alone decides
    writeFileSync(join(cwd, '.git/index'), 'DIRC\u0000\u0000\u0000\u0009');
    expect(files(await run(cwd))).toEqual([]);
  });

  it('says so for a file whose name is not valid UTF-8 (it cannot be opened by the decoded name)', async () => {
    const cwd = project({ 'ok.toy': 'danger\n' });
    writeFileSync(Buffer.concat([Buffer.from(join(cwd, 'bad')), Buffer.from([0xff, 0xfe]), Buffer.from('name.toy')]), 'danger\n');
    const result = await run(cwd);
    expect(findings(result)).toEqual(['ok.toy:1:1 toy/no-danger']);
    expect(result.diagnostics.map((d) => `${d.severity} ${d.message}`)).toEqual(['warning Skipped: its name is not valid UTF-8, so it cannot be read (rename the file to scan it)']);
    // `errorOnSkipped`: an error, as an unreadable file is
    const strict = await run(cwd, { errorOnSkipped: true });
    expect(strict.diagnostics.map((d) => `${d.severity} ${d.message}`)).toEqual(['error Skipped: its name is not valid UTF-8, so it cannot be read (rename the file to scan it)']);
  });

  it('says why a directory named on the command line holds nothing to scan', async () => {
    const cwd = project({
      '.gitignore': 'build/\n',
      'store/p@1/node_modules/p/a.toy': 'x\n',
      'store/q@1/node_modules/q/b.toy': 'x\n',
      'build/c.toy': 'x\n',
      'build/d/e.toy': 'x\n',
      'src/f.toy': 'x\n',
    });
    const messages = async (paths: string[]) => (await run(cwd, { paths })).diagnostics.map((d) => d.message);
    expect(await messages(['store'])).toEqual([
      'Nothing to scan in "store": it holds 2 directories named node_modules, .git or .ipynb_checkpoints, never walked into (name a directory inside one to scan it)',
    ]);
    expect(await messages(['build'])).toEqual(['Nothing to scan in "build": it holds 1 directory and 1 file ignored by .gitignore or ignorePatterns']);
    // A directory inside one is walked when named.
    expect(files(await run(cwd, { paths: ['store/p@1/node_modules/p'] }))).toEqual(['store/p@1/node_modules/p/a.toy']);
    // Nothing is said when something else is found there, nor for an empty directory.
    expect(await messages(['.'])).toEqual([]);
    expect(await messages(['src'])).toEqual([]);
  });

  it("does not walk into Python virtual environments or Jupyter's checkpoint copies, unless named", async () => {
    const cwd = project({
      'src/a.toy': 'danger\n',
      '.venv/pyvenv.cfg': 'home = /usr/bin\n',
      '.venv/lib/python3.11/site-packages/pkg/b.toy': 'danger\n',
      'env/conda-meta/history': '\n',
      'env/lib/c.toy': 'danger\n',
      'notebooks/.ipynb_checkpoints/d.toy': 'danger\n',
      'notebooks/d.toy': 'danger\n',
      'tools/pyvenv.cfg/e.toy': 'danger\n',
      'only/venv/pyvenv.cfg': '\n',
      'only/venv/f.toy': 'danger\n',
    });
    // a directory named pyvenv.cfg is no environment's marker
    expect(files(await run(cwd))).toEqual(['notebooks/d.toy', 'src/a.toy', 'tools/pyvenv.cfg/e.toy']);
    expect((await run(cwd, { paths: ['only'] })).diagnostics.map((d) => d.message)).toEqual([
      'Nothing to scan in "only": it holds 1 Python virtual environment (a pyvenv.cfg or conda-meta/ at the top: installed packages), never walked into (name one to scan it)',
    ]);
    // named: scanned
    expect(files(await run(cwd, { paths: ['.venv'] }))).toEqual(['.venv/lib/python3.11/site-packages/pkg/b.toy']);
    expect(files(await run(cwd, { paths: ['only/venv'] }))).toEqual(['only/venv/f.toy']);
  });

  it('says so too when the only files left are ones no language reads (the .gitignore beside ignored model files)', async () => {
    const cwd = project({ 'models/.gitignore': '*.toy\n', 'models/a.toy': 'x\n', 'models/b.toy': 'x\n', 'models/NOTES.md': 'x\n', 'mixed/.gitignore': 'a.toy\n', 'mixed/a.toy': 'x\n', 'mixed/b.toy': 'x\n' });
    const messages = async (paths: string[]) => (await run(cwd, { paths })).diagnostics.map((d) => d.message);
    expect(await messages(['models'])).toEqual([
      'Nothing to scan in "models": it holds 2 files ignored by .gitignore or ignorePatterns; the 2 other files are not read by any loaded language',
    ]);
    // A file that is read: nothing to say.
    expect(await messages(['mixed'])).toEqual([]);
  });

  it('applies the user ignorePatterns', async () => {
    const cwd = project({ '.oculumrc': '{ "ignorePatterns": ["gen/", "*.tmp.toy"] }', 'gen/a.toy': 'x', 'b.tmp.toy': 'x', 'c.toy': 'x' });
    expect(files(await run(cwd))).toEqual(['c.toy']);
  });
});

describe('skipped files', () => {
  it('skips binary, non-UTF-8 and too large source files with a warning, and goes on', async () => {
    const cwd = project({
      'bin.toy': Buffer.from([0x64, 0x00, 0x65]),
      'latin1.toy': Buffer.from([0x64, 0x61, 0x6e, 0xe9, 0x0a]),
      'declared.toy': Buffer.concat([Buffer.from('latin-1 caf'), Buffer.from([0xe9]), Buffer.from(' danger\n')]),
      'big.toy': `danger ${'x'.repeat(200)}\n`,
      'ok.toy': 'danger\n',
      'bom.toy': '\uFEFFdanger\n',
    });
    const result = await run(cwd, { maxFileSize: 100 });
    // declared.toy is not UTF-8, but in the encoding it declares (the language's `decode`)
    expect(findings(result)).toEqual(['bom.toy:1:1 toy/no-danger', 'declared.toy:1:14 toy/no-danger', 'ok.toy:1:1 toy/no-danger']);
    expect(result.diagnostics.map((d) => `${rel(result, d.file!)} ${d.kind} ${d.severity}: ${d.message}`)).toEqual([
      'big.toy skipped warning: Skipped: larger than the 100 B limit (208 B)',
      'bin.toy skipped warning: Skipped: binary content (NUL bytes) in a source file',
      'latin1.toy skipped warning: Skipped: not valid UTF-8, and no encoding it declares decodes it',
    ]);
    expect(result.stats).toMatchObject({ files: 6, skipped: 3, parsed: 3 });
    // `errorOnSkipped` (`--error-on-skipped`): the same files, as errors
    const strict = await run(cwd, { maxFileSize: 100, errorOnSkipped: true });
    expect(strict.diagnostics.map((d) => `${rel(strict, d.file!)} ${d.kind} ${d.severity}`)).toEqual(['big.toy skipped error', 'bin.toy skipped error', 'latin1.toy skipped error']);
    expect(findings(strict)).toEqual(findings(result));
  });

  it('hands files a binary language detects to it, except at depth quick', async () => {
    const cwd = project({ 'model.bin': 'TOYBIN..BAD..', 'other.bin': 'nope', 'weird.toy': Buffer.from('TOYBIN\u0000BAD') });
    const standard = await run(cwd);
    expect(standard.files.map((f) => `${rel(standard, f.file)} ${f.language} ${f.findings.map((x) => x.ruleId)}`)).toEqual([
      'model.bin toybin toy/bad-payload',
      'weird.toy toybin toy/bad-payload',
    ]);
    const quick = await run(cwd, { depth: 'quick' });
    expect(files(quick)).toEqual([]);
    expect(quick.diagnostics.map((d) => d.message)).toEqual(['Skipped: binary content (NUL bytes) in a source file']);
  });
});

describe('source-named files whose bytes a binary language claims', () => {
  // A pickle saved as `payload.py` (CVE-2025-1889: loaders take any name) is a model file, not source.
  it('go to the binary language, whatever the text language would make of them', async () => {
    const cwd = project({
      'nul.toy': Buffer.from('TOYBIN\u0000BAD'),
      'latin.toy': Buffer.concat([Buffer.from('TOYBIN'), Buffer.from([0xe9]), Buffer.from('BAD')]),
      'text.toy': 'TOYBIN..BAD..',
      'plain.toy': 'danger\n',
    });
    const standard = await run(cwd);
    expect(standard.files.map((f) => `${rel(standard, f.file)} ${f.language} ${f.findings.map((x) => x.ruleId)}`)).toEqual([
      'latin.toy toybin toy/bad-payload',
      'nul.toy toybin toy/bad-payload',
      'plain.toy toy toy/no-danger',
      'text.toy toybin toy/bad-payload',
    ]);
    expect(standard.diagnostics).toEqual([]);
    // At depth quick no binary language runs: the text language reads what it can.
    const quick = await run(cwd, { depth: 'quick' });
    expect(files(quick)).toEqual(['plain.toy', 'text.toy']);
    expect(quick.diagnostics.map((d) => `${rel(quick, d.file!)}: ${d.message}`)).toEqual([
      'latin.toy: Skipped: not valid UTF-8, and no encoding it declares decodes it',
      'nul.toy: Skipped: binary content (NUL bytes) in a source file',
    ]);
  });
});

describe('files named on the command line that nothing reads', () => {
  it('get a note saying why, where a directory walk leaves them out silently', async () => {
    const cwd = project({ 'README.md': 'notes\n', 'model.bin': 'TOYBIN..BAD..', 'other.bin': 'nope', 'a.toy': 'x\n' });
    const notes = (result: ScanResult) => result.diagnostics.map((d) => `${rel(result, d.file!)}: ${d.message}`);
    const standard = await run(cwd, { paths: ['README.md', 'other.bin', 'model.bin', 'a.toy'] });
    expect(notes(standard)).toEqual([
      'README.md: Skipped: not a file any loaded language reads: not source by its extension (.toy), nor recognised by its bytes (model files)',
      'other.bin: Skipped: not a file any loaded language reads: not source by its extension (.toy), nor recognised by its bytes (model files)',
    ]);
    expect(files(standard)).toEqual(['a.toy', 'model.bin']);
    expect(standard.stats).toMatchObject({ files: 4, skipped: 2 });
    const quick = await run(cwd, { paths: ['model.bin', 'README.md'], depth: 'quick' });
    expect(notes(quick)).toEqual([
      'README.md: Skipped: not a file any loaded language reads: not source by its extension (.toy), nor recognised by its bytes (model files)',
      'model.bin: Skipped: a toybin file, and --depth quick reads source files only (use --depth standard)',
    ]);
    // The same files found in a directory: nothing to say.
    expect((await run(cwd)).diagnostics).toEqual([]);
  });
});

describe('rule selection', () => {
  it('onlyRules and onlyDetectors', async () => {
    const cwd = project({ 'a.toy': 'danger evil\n' });
    expect(findings(await run(cwd, { onlyRules: ['toy/no-names'] }))).toEqual(['a.toy:1:8 toy/no-names']);
    expect(findings(await run(cwd, { overrideConfig: { extends: 'oculum:strict' }, onlyDetectors: ['unverified_model_source'] }))).toEqual(['a.toy:1:8 toy/no-names']);
    await expect(run(cwd, { onlyDetectors: ['nope'] })).rejects.toThrow(/Unknown detector "nope"/);
  });

  it('rules with minDepth above the depth are off', async () => {
    const cwd = project({ 'a.toy': 'deep thing\n', '.oculumrc': '{ "extends": "oculum:all" }' });
    expect(findings(await run(cwd, { depth: 'standard' }))).toEqual([]);
    expect(findings(await run(cwd, { depth: 'deep' }))).toEqual(['a.toy:1:1 toy/deep-only']);
  });
});

describe('the project config above the working directory', () => {
  it('is read up to the repository root, not beyond it', async () => {
    const config = '{ "rules": { "toy/no-danger": "off" } }';
    const repo = project({ '.git/HEAD': 'ref: refs/heads/main\n', '.oculumrc': config, 'src/a.toy': 'danger evil\n' });
    expect(findings(await run(repo, { paths: ['src'] }))).toEqual([]);
    expect(findings(await run(join(repo, 'src')))).toEqual([]);
    // no repository around: only the working directory's own config counts
    const loose = project({ '.oculumrc': config, 'src/a.toy': 'danger evil\n' });
    expect(findings(await run(loose, { paths: ['src'] }))).toEqual([]);
    expect(findings(await run(join(loose, 'src')))).toEqual(['a.toy:1:1 toy/no-danger']);
  });
});

describe('two config files in one directory', () => {
  it('uses the first (.oculumrc, .oculumrc.json, .oculumrc.yaml, .oculumrc.yml) and warns about the others', async () => {
    const cwd = project({ '.oculumrc': '{}', '.oculumrc.json': '{ "rules": { "toy/no-danger": "off" } }', 'sub/.oculumrc.yml': 'rules: {}\n', 'sub/.oculumrc.yaml': 'rules: {}\n', 'sub/a.toy': 'danger\n', 'package.json': '{ "name": "x" }' });
    const result = await run(cwd);
    expect(findings(result)).toEqual(['sub/a.toy:1:1 toy/no-danger']);
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      '.oculumrc.json is ignored: .oculumrc is the config of that directory (one config file per directory; merge them)',
      'sub/.oculumrc.yml is ignored: sub/.oculumrc.yaml is the config of that directory (one config file per directory; merge them)',
    ]);
  });

  it('warns about a package.json "oculum" key beside a .oculumrc (its config is ignored), in cwd and below', async () => {
    const pkg = JSON.stringify({ name: 'x', oculum: { rules: { 'toy/no-danger': 'off' } } });
    const cwd = project({ '.oculumrc': '{}', 'package.json': pkg, 'sub/.oculumrc.yaml': 'rules: {}\n', 'sub/package.json': pkg, 'sub/a.toy': 'danger\n', 'other/package.json': '{ "name": "y", "description": "no \\"oculum\\" key" }', 'other/.oculumrc': '{}' });
    const result = await run(cwd);
    expect(findings(result)).toEqual(['sub/a.toy:1:1 toy/no-danger']);
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'package.json ("oculum" key) is ignored: .oculumrc is the config of that directory (one config file per directory; merge them)',
      'sub/package.json ("oculum" key) is ignored: sub/.oculumrc.yaml is the config of that directory (one config file per directory; merge them)',
    ]);
  });
});

describe('settings the rules read', () => {
  it('must have their shape; a near miss of their name gets a warning', async () => {
    const wrong = project({ 'a.toy': 'x\n', '.oculumrc': '{ "settings": { "trustedPublishers": "meta-llama" } }' });
    await expect(run(wrong)).rejects.toThrow(/settings\.trustedPublishers: must be a list of publisher names/);
    const typo = project({ 'a.toy': 'x\n', '.oculumrc': '{ "settings": { "trustedPublisher": ["meta-llama"], "myTool": 1 } }' });
    const result = await run(typo);
    expect(result.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/unknown setting "trustedPublisher"; did you mean "trustedPublishers"\?/)]);
  });

  it('minConfidence drops less certain findings, after the directives; a bad value is a config error', async () => {
    const cwd = project({ 'a.toy': 'danger evil\n', '.oculumrc': '{ "extends": "oculum:strict" }' });
    const all = await run(cwd);
    const confidences = all.files.flatMap((f) => f.findings.map((x) => x.confidence));
    expect([...new Set(confidences)].sort()).toEqual(['high', 'medium']);
    for (const floor of ['low', 'medium', 'high'] as const) {
      const rank = { low: 0, medium: 1, high: 2 };
      const kept = await run(cwd, { overrideConfig: { settings: { minConfidence: floor } } });
      expect(kept.files.flatMap((f) => f.findings.map((x) => x.confidence))).toEqual(confidences.filter((c) => rank[c] >= rank[floor]));
    }
    const bad = project({ 'a.toy': 'x\n', '.oculumrc': '{ "settings": { "minConfidence": "hi" } }' });
    await expect(run(bad)).rejects.toThrow(/settings\.minConfidence: must be one of "low", "medium", "high"/);
  });
});

describe('a broken config inside the scanned tree', () => {
  it('is reported and left out, and the scan goes on', async () => {
    const cwd = project({
      'a.toy': 'danger\n',
      'sub/.oculumrc': '{ "rules": { "toy/no-dangr": "off" } }',
      'sub/b.toy': 'danger\n',
      'bad/.oculumrc.json': '{ "rules": {',
      'bad/c.toy': 'danger\n',
    });
    const result = await run(cwd);
    expect(findings(result)).toEqual(['a.toy:1:1 toy/no-danger', 'bad/c.toy:1:1 toy/no-danger', 'sub/b.toy:1:1 toy/no-danger']);
    const messages = result.diagnostics.map((d) => `${d.severity} ${d.kind} ${rel(result, d.file!)}`);
    expect(messages).toEqual(['error config bad/.oculumrc.json', 'error config sub/.oculumrc']);
    expect(result.diagnostics[1].message).toMatch(/unknown rule "toy\/no-dangr".*did you mean "toy\/no-danger".*left out/);
  });
});

describe('unused directives across depths and filters', () => {
  it('does not report a directive that may target a rule this scan does not run', async () => {
    const cwd = project({
      '.oculumrc': '{ "extends": "oculum:all" }',
      'a.toy': 'deep thing # oculum-ignore\nok # oculum-ignore[toy/deep-only]\nok # oculum-ignore[toy/no-danger]\n',
    });
    const unused = (r: ScanResult) => r.files.flatMap((f) => f.diagnostics.filter((d) => d.kind === 'unused-directive').map((d) => d.line));
    // standard: deep-only is dormant: the bare directive and the one naming it are not judged
    expect(unused(await run(cwd, { depth: 'standard' }))).toEqual([3]);
    // deep: line 1 suppresses the deep-only finding; line 2 suppresses nothing
    const deep = await run(cwd, { depth: 'deep' });
    expect(unused(deep)).toEqual([2, 3]);
    expect(deep.files[0].findings.map((f) => f.suppressed?.kind)).toEqual(['inSource']);
    // a rule filter makes the other rules dormant
    expect(unused(await run(cwd, { depth: 'deep', onlyRules: ['toy/no-danger'] }))).toEqual([3]);
  });

  it('reports a directive that names no loaded rule, namespace or detector', async () => {
    const cwd = project({ 'a.toy': 'danger # oculum-ignore[toy/no-dangr]\ndanger # oculum-ignore[toy]\ndanger # oculum-ignore[unsafe_model_loadz, toy/no-danger]\n' });
    const result = await run(cwd);
    const messages = result.files[0].diagnostics.map((d) => `${d.line} ${d.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^1 Unknown rule or detector "toy\/no-dangr" .*did you mean "toy\/no-danger"\?$/),
      expect.stringMatching(/^3 Unknown rule or detector "unsafe_model_loadz" .*did you mean "unsafe_model_load"\?$/),
    ]);
    expect(result.files[0].findings.map((f) => !!f.suppressed)).toEqual([false, true, true]);
    // a directive of any length is quoted in part
    const long = await run(project({ 'a.toy': `danger # oculum-ignore[${'x'.repeat(60_000)}]\n` }));
    const [message] = long.files[0].diagnostics.map((d) => d.message);
    expect(message.length).toBeLessThan(400);
    expect(message).toMatch(/^Unknown rule or detector "x{119}…" in ".{119}…": it suppresses nothing/);
  });

  it('reports at most five unknown names per directive, each name once, and counts the rest', async () => {
    // 32,000 unknown names took 58 s and 12 MB of report, one "did you mean" search each
    const names = Array.from({ length: 40_000 }, (_, i) => `x/r${i % 30_000}`);
    const result = await run(project({ 'a.toy': `# oculum-ignore-next-line[${names.join(',')}]
danger
` }));
    const messages = result.files[0].diagnostics.map((d) => d.message);
    expect(messages).toHaveLength(6);
    const named = messages.filter((m) => m.startsWith('Unknown rule or detector'));
    expect(named.map((m) => /"(x\/r\d+)"/.exec(m)![1]).sort()).toEqual(['x/r0', 'x/r1', 'x/r2', 'x/r3', 'x/r4']);
    expect(messages.find((m) => !m.startsWith('Unknown'))).toMatch(/^29995 more unknown rules or detectors in "oculum-ignore-next-line\[x\/r0,x\/r1,.{80,}…" \(not listed\)$/);
    // the names are unknown: the finding stays
    expect(result.files[0].findings.map((f) => f.suppressed?.kind)).toEqual([undefined]);
  });
});

describe('results', () => {
  it('are sorted by file, line, column and rule, with stats and rules', async () => {
    const cwd = project({ 'b.toy': 'evil danger\ndanger\n', 'a.toy': 'danger\n', 'c.toy': 'nothing\n', '.oculumrc': '{ "extends": "oculum:strict" }' });
    const result = await run(cwd);
    expect(findings(result)).toEqual(['a.toy:1:1 toy/no-danger', 'b.toy:1:1 toy/no-names', 'b.toy:1:6 toy/no-danger', 'b.toy:2:1 toy/no-danger']);
    expect(files(result)).toEqual(['a.toy', 'b.toy', 'c.toy']);
    expect(result.stats).toMatchObject({ files: 3, parsed: 3, prefiltered: 0, skipped: 0, lines: 4, bytes: 34 });
    expect(result.rules.map((r) => r.id)).toEqual(['toy/bad-payload', 'toy/deep-only', 'toy/no-danger', 'toy/no-names']);
    expect(result.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('counts prefiltered files', async () => {
    const cwd = project({ 'a.toy': 'nothing\n' });
    expect((await run(cwd)).stats).toMatchObject({ files: 1, parsed: 0, prefiltered: 1 });
  });

  it('fingerprints survive line shifts and distinguish repeated lines', async () => {
    const cwd = project({ 'a.toy': 'danger\nx\ndanger\n' });
    const before = (await run(cwd)).files[0].findings.map((f) => f.fingerprint);
    writeFileSync(join(cwd, 'a.toy'), '\n\n# comment\ndanger\nx\n\ndanger\n');
    const after = (await run(cwd)).files[0].findings.map((f) => f.fingerprint);
    expect(after).toEqual(before);
    expect(new Set(before).size).toBe(2);
  });

  it('fingerprints do not depend on the working directory nor on the path (a move keeps them; GitHub scopes by file)', async () => {
    const cwd = project({ 'ml/a.toy': 'x\ndanger\n' });
    const fromRoot = (await run(cwd, { paths: ['ml/a.toy'] })).files[0].findings.map((f) => f.fingerprint);
    const fromSub = (await run(join(cwd, 'ml'), { paths: ['a.toy'] })).files[0].findings.map((f) => f.fingerprint);
    expect(fromRoot).toHaveLength(1);
    expect(fromSub).toEqual(fromRoot);
    mkdirSync(join(cwd, 'src'));
    writeFileSync(join(cwd, 'src/b.toy'), readFileSync(join(cwd, 'ml/a.toy')));
    rmSync(join(cwd, 'ml'), { recursive: true });
    expect((await run(cwd, { paths: ['src/b.toy'] })).files[0].findings.map((f) => f.fingerprint)).toEqual(fromRoot);
  });

  it('fingerprints survive whitespace edits inside and across the reported lines', async () => {
    const cwd = project({ 'a.toy': 'danger  x\n' });
    const before = (await run(cwd)).files[0].findings.map((f) => f.fingerprint);
    writeFileSync(join(cwd, 'a.toy'), '\tdanger x\n');
    const after = (await run(cwd)).files[0].findings.map((f) => f.fingerprint);
    expect(after).toEqual(before);
    writeFileSync(join(cwd, 'a.toy'), 'danger y\n');
    expect((await run(cwd)).files[0].findings.map((f) => f.fingerprint)).not.toEqual(before);
  });

  it('calls onProgress for every file', async () => {
    const cwd = project({ 'a.toy': 'x', 'b.toy': 'y' });
    const calls: Array<[number, number]> = [];
    await run(cwd, { onProgress: (done: number, total: number) => calls.push([done, total]) });
    expect(calls).toEqual([[1, 2], [2, 2]]);
  });
});

describe('fix', () => {
  it('applies fixes, writes files (keeping a BOM) and reports what remains', async () => {
    const cwd = project({ 'a.toy': 'danger x danger\n', 'b.toy': '\uFEFFdanger # oculum-ignore\ndanger\n', 'c.toy': 'evil\n' });
    const result = await run(cwd, { fix: true });
    expect(readFileSync(join(cwd, 'a.toy'), 'utf8')).toBe('safe x safe\n');
    expect(readFileSync(join(cwd, 'b.toy'), 'utf8')).toBe('\uFEFFdanger # oculum-ignore\nsafe\n');
    expect(readFileSync(join(cwd, 'c.toy'), 'utf8')).toBe('evil\n');
    expect(result.files.map((f) => f.output !== undefined)).toEqual([true, true, false]);
    // the suppressed finding stays (suppressed findings are never fixed)
    expect(findings(result)).toEqual(['b.toy:1:1 toy/no-danger']);
    // what was fixed, where it was (the CLI lists it: the fixed findings are no longer reported)
    expect(result.files.map((f) => f.fixed)).toEqual([
      [
        { ruleId: 'toy/no-danger', line: 1, column: 1 },
        { ruleId: 'toy/no-danger', line: 1, column: 10 },
      ],
      [{ ruleId: 'toy/no-danger', line: 2, column: 1 }],
      undefined,
    ]);
  });
});

describe('cache', () => {
  it('reuses results while content and config are unchanged', async () => {
    const cwd = project({ 'a.toy': 'danger\n', 'b.toy': 'x\n' });
    const first = await run(cwd, { cache: true });
    expect(first.stats.parsed + first.stats.prefiltered).toBe(2);
    const second = await run(cwd, { cache: true });
    expect(second.stats.parsed + second.stats.prefiltered).toBe(0);
    expect(second.files).toEqual(first.files);
    writeFileSync(join(cwd, 'a.toy'), 'danger danger\n');
    const third = await run(cwd, { cache: true });
    expect(third.stats.parsed + third.stats.prefiltered).toBe(1);
    expect(findings(third)).toEqual(['a.toy:1:1 toy/no-danger', 'a.toy:1:8 toy/no-danger']);
    writeFileSync(join(cwd, '.oculumrc'), '{ "rules": { "toy/no-danger": "warn" } }');
    const fourth = await run(cwd, { cache: true });
    expect(fourth.stats.parsed + fourth.stats.prefiltered).toBe(2);
    expect(fourth.files[0].findings[0].level).toBe('warn');
  });

  it('keeps entries of files outside a partial scan and drops deleted files', async () => {
    const cwd = project({ 'a.toy': 'danger\n', 'b.toy': 'danger\n' });
    await run(cwd, { cache: true });
    await run(cwd, { cache: true, paths: ['a.toy'] });
    const entries = () => Object.keys(JSON.parse(JSON.parse(readFileSync(join(cwd, '.oculumcache'), 'utf8')).entries));
    expect(entries()).toEqual(['a.toy', 'b.toy']);
    rmSync(join(cwd, 'b.toy'));
    await run(cwd, { cache: true, paths: ['a.toy'] });
    expect(entries()).toEqual(['a.toy']);
  });

  it('accepts a cache path and survives a corrupt cache file, saying so', async () => {
    const cwd = project({ 'a.toy': 'danger\n', 'my.cache': '{not json' });
    const first = await run(cwd, { cache: 'my.cache' });
    expect(findings(first)).toEqual(['a.toy:1:1 toy/no-danger']);
    expect(first.diagnostics.map((d) => d.message)).toEqual(['The cache my.cache was not used: it is not a cache file Oculum can read. Every file is scanned afresh']);
    expect(JSON.parse(readFileSync(join(cwd, 'my.cache'), 'utf8')).format).toBe(3);
  });

  // A cache file comes with the tree: one committed to a repository could say "no findings" for its
  // files. Only a cache this user signed is read; an entry of the wrong shape is dropped.
  it('does not believe a cache it did not sign, nor an entry of the wrong shape', async () => {
    const cwd = project({ 'a.toy': 'danger\n', 'b.toy': 'danger\n' });
    await run(cwd, { cache: true });
    const file = join(cwd, '.oculumcache');
    const written = JSON.parse(readFileSync(file, 'utf8'));
    const entries = JSON.parse(written.entries);
    for (const e of Object.values(entries) as Array<{ result: { findings: unknown[] } }>) e.result.findings = [];
    // emptied findings, the signature left as it was: not believed
    writeFileSync(file, JSON.stringify({ ...written, entries: JSON.stringify(entries) }));
    const forged = await run(cwd, { cache: true });
    expect(findings(forged)).toEqual(['a.toy:1:1 toy/no-danger', 'b.toy:1:1 toy/no-danger']);
    expect(forged.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^The cache \.oculumcache was not used: it was not written by this user \(its signature does not match/)]);
    // signed with this user's key (so only this user could have written it), but of the wrong shape: dropped
    const { cacheSecret } = await import('../src/cache.js');
    const { createHmac } = await import('node:crypto');
    const again = JSON.parse(readFileSync(file, 'utf8'));
    const bad = JSON.parse(again.entries);
    (Object.values(bad)[0] as { result: { findings: unknown } }).result.findings = 'x';
    const text = JSON.stringify(bad);
    writeFileSync(file, JSON.stringify({ ...again, entries: text, mac: createHmac('sha256', cacheSecret()!).update(text).digest('hex') }));
    const shaped = await run(cwd, { cache: true });
    expect(findings(shaped)).toEqual(['a.toy:1:1 toy/no-danger', 'b.toy:1:1 toy/no-danger']);
    expect(shaped.diagnostics).toEqual([]);
  });

  // A cache restored on a CI runner whose checkout is at another path (GitLab's /builds/<id>/) is
  // used: its entries are kept by path from the cache's directory. One this user wrote for scans run
  // from another directory, or by another version, cannot be used: a note says so, not silence.
  it('uses a cache restored at another checkout path, and says why one for another scan directory or version is not used', async () => {
    const cwd = project({ 'a.toy': 'danger\n', 'sub/b.toy': 'x danger\n' });
    const first = await run(cwd, { cache: true });
    const written = JSON.parse(readFileSync(join(cwd, '.oculumcache'), 'utf8'));
    expect(Object.keys(JSON.parse(written.entries))).toEqual(['a.toy', 'sub/b.toy']);
    expect(written.root).toBe('.');
    const moved = project({ 'a.toy': 'danger\n', 'sub/b.toy': 'x danger\n' });
    writeFileSync(join(moved, '.oculumcache'), readFileSync(join(cwd, '.oculumcache')));
    const there = await run(moved, { cache: true });
    expect(there.stats.parsed + there.stats.prefiltered).toBe(0);
    expect(there.diagnostics).toEqual([]);
    expect(there.files.map((f) => f.file)).toEqual([join(moved, 'a.toy'), join(moved, 'sub/b.toy')]);
    // every finding's file is the moved one (not the path the cache was written at), the rest as before
    expect(there.files.flatMap((f) => f.findings.map((x) => x.file))).toEqual([join(moved, 'a.toy'), join(moved, 'sub/b.toy')]);
    expect(there.files.map((f) => f.findings.map(({ file: _file, ...x }) => x))).toEqual(first.files.map((f) => f.findings.map(({ file: _file, ...x }) => x)));
    // run from sub/ with the same cache file: results relative to another directory, not used
    const fromSub = await run(join(moved, 'sub'), { cache: join(moved, '.oculumcache') });
    expect(findings(fromSub)).toEqual(['b.toy:1:3 toy/no-danger']);
    expect(fromSub.stats.parsed).toBe(1);
    expect(fromSub.diagnostics.map((d) => `${d.severity} ${d.message}`)).toEqual([
      `note The cache ${join(moved, '.oculumcache')} was not used: it was written for scans run from another directory (the cache's own directory), whose results differ (paths in messages are relative to it); run from there, or keep one cache per directory (--cache-location). Every file is scanned afresh`,
    ]);
    // (said once: the cache is then written for this directory)
    expect((await run(join(moved, 'sub'), { cache: join(moved, '.oculumcache') })).diagnostics).toEqual([]);
    writeFileSync(join(cwd, '.oculumcache'), JSON.stringify({ ...written, key: 'other', version: '0.0.1' }));
    const older = await run(cwd, { cache: true });
    expect(older.diagnostics.map((d) => `${d.severity} ${d.message}`)).toEqual(['note The cache .oculumcache was not used: it was written by another version of Oculum (0.0.1). Every file is scanned afresh']);
    // an older cache format (after an upgrade) is the same situation: the same note, not a warning
    writeFileSync(join(cwd, '.oculumcache'), JSON.stringify({ format: 2, key: 'k', mac: '0'.repeat(64), entries: '{}' }));
    const oldFormat = await run(cwd, { cache: true });
    expect(oldFormat.diagnostics.map((d) => `${d.severity} ${d.message}`)).toEqual(['note The cache .oculumcache was not used: it was written by another version of Oculum. Every file is scanned afresh']);
  });

  it('shares a cache between machines that have the same OCULUM_CACHE_SECRET', async () => {
    const { cacheSecret } = await import('../src/cache.js');
    expect(cacheSecret({ OCULUM_CACHE_SECRET: 'ci-secret' })?.toString()).toBe('ci-secret');
    const home = mkdtempSync(join(tmpdir(), 'oculum-home-'));
    try {
      const made = cacheSecret({ XDG_CACHE_HOME: home });
      expect(made?.length).toBe(32);
      expect(cacheSecret({ XDG_CACHE_HOME: home })?.equals(made!)).toBe(true); // kept, not made anew
      expect(statSync(join(home, 'oculum', 'result-cache.key')).mode & 0o077).toBe(0);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('keeps .oculumcache in a cache directory, and reports a cache it cannot write as a warning', async () => {
    const cwd = project({ 'a.toy': 'danger\n', 'cachedir/.keep': '', 'plain.txt': 'x' });
    await run(cwd, { cache: 'cachedir' });
    expect(JSON.parse(readFileSync(join(cwd, 'cachedir', '.oculumcache'), 'utf8')).format).toBe(3);
    // a cache under a file cannot be written: the results stand, with a warning, and no temporary file
    const result = await run(cwd, { cache: 'plain.txt/x/.oculumcache' });
    expect(findings(result)).toEqual(['a.toy:1:1 toy/no-danger']);
    expect(result.diagnostics.map((d) => `${d.severity} ${d.message}`)).toEqual([expect.stringMatching(/^warning Could not write the cache .*ENOTDIR/)]);
    expect(readdirSync(cwd).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('scripts without an extension', () => {
  it('reads a file whose #! line names a language\'s interpreter, at every depth; others are left out', async () => {
    const cwd = project({
      'bin/setup': '#!/usr/bin/env toy\ndanger\n',
      'bin/versioned': '#!/usr/local/bin/toy2.1 -x\ndanger\n',
      'bin/env-s': '#!/usr/bin/env -S FOO=1 toy -q\ndanger\n',
      'bin/shell': '#!/bin/sh\ndanger\n',
      'LICENSE': 'danger\n',
      'notes.txt': '#!/usr/bin/env toy\ndanger\n',
    });
    const all = ['bin/env-s:2:1 toy/no-danger', 'bin/setup:2:1 toy/no-danger', 'bin/versioned:2:1 toy/no-danger'];
    expect(findings(await run(cwd, { depth: 'standard' })).sort()).toEqual(all);
    // --depth quick reads no other file's bytes: an executable script only, or one named
    expect(findings(await run(cwd, { depth: 'quick' }))).toEqual([]);
    chmodSync(join(cwd, 'bin/setup'), 0o755);
    expect(findings(await run(cwd, { depth: 'quick' }))).toEqual(['bin/setup:2:1 toy/no-danger']);
    expect(findings(await run(cwd, { depth: 'quick', paths: ['bin/versioned'] }))).toEqual(['bin/versioned:2:1 toy/no-danger']);
    // named, a script of no language says why
    const named = await run(cwd, { paths: ['bin/shell'] });
    expect(named.diagnostics.map((d) => d.message).join('\n')).toMatch(/nor by a #! line that runs toy,/);
  });

  it('leaves out an archive behind a #! line (a zipapp), and prefers a link target\'s name when the link has no extension', async () => {
    const cwd = project({ 'bin/app': '#!/usr/bin/env toy\nPK\u0003\u0004\u0000\u0000danger\n', 'src/train.toy': 'danger\n' });
    symlinkSync('../src/train.toy', join(cwd, 'bin/train'));
    const result = await run(cwd);
    expect(findings(result)).toEqual(['src/train.toy:1:1 toy/no-danger']);
    expect(result.diagnostics).toEqual([]);
  });

  it('reads the interpreter of a #! line as the kernel and env do (shebangInterpreter)', () => {
    const of = (line: string) => shebangInterpreter(Buffer.from(`${line}\nx\n`));
    expect(of('#!/usr/bin/python3')).toBe('python3');
    expect(of('#! /usr/bin/env python3 -u')).toBe('python3');
    expect(of('#!/usr/bin/env -S FOO=1 python3 -u')).toBe('python3');
    expect(of('#!/usr/bin/env -u PYTHONPATH python3')).toBe('python3');
    expect(of('#!/usr/bin/env --split-string=python3 -u')).toBe('python3');
    expect(of('#!/usr/bin/env -S uv run --script')).toBe('python');
    expect(of('#!/bin/sh')).toBe('sh');
    expect(of('# not a shebang')).toBeUndefined();
    expect(of('#!/usr/bin/env')).toBeUndefined();
    // a package runner: the package it runs
    expect(of('#!/usr/bin/env -S npx zx')).toBe('zx');
    expect(of('#!/usr/bin/env -S npx -y zx@8')).toBe('zx');
    expect(of('#!/usr/bin/env -S npx --yes --package zx@8 zx')).toBe('zx');
    expect(of('#!/usr/bin/env -S pnpm dlx zx')).toBe('zx');
    expect(of('#!/usr/bin/env -S bunx zx')).toBe('zx');
    expect(of('#!/usr/bin/env -S bun x tsx')).toBe('tsx');
    expect(of('#!/usr/bin/env -S npx tsx')).toBe('tsx');
    expect(of('#!/usr/bin/env bun')).toBe('bun');
    expect(of('#!/usr/bin/env -S pnpm install')).toBe('pnpm');
  });
});
