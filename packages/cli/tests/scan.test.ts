/** End-to-end scans of temporary projects through `main` (in-process) and the built `oculum` binary. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { errors, project, run, SAFE, VULNERABLE } from './helpers.js';

const RULE = 'torch/load-without-weights-only';

describe('oculum scan (in-process)', () => {
  it('reports torch.load without weights_only and exits 1', async () => {
    const dir = project({ 'train.py': VULNERABLE });
    const r = await run(['scan'], { cwd: dir });
    expect(errors(r.stderr)).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('train.py');
    expect(r.stdout).toMatch(/ 3:9 +critical +.*torch\.load.* torch\/load-without-weights-only/);
    expect(r.stdout).toContain('✖ 1 finding (1 critical) — unsafe_model_load: 1');
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('exits 0 and says so when the code is safe', async () => {
    const dir = project({ 'train.py': SAFE });
    const r = await run(['scan', '.'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('✔ No findings (1 file scanned)\n');
  });

  it('--max-file-size sets the size limit of source files (a notebook may be 64 times it; 0: no limit)', async () => {
    const padding = `# ${'x'.repeat(3000)}\n`;
    const cell = { cell_type: 'code', metadata: {}, source: [VULNERABLE], outputs: [{ output_type: 'stream', name: 'stdout', text: ['y'.repeat(200_000)] }] };
    const dir = project({ 'big.py': VULNERABLE + padding, 'nb.ipynb': JSON.stringify({ cells: [cell], metadata: {}, nbformat: 4, nbformat_minor: 5 }) });
    const small = await run(['scan', '--max-file-size', '2KiB', '-f', 'json'], { cwd: dir });
    const report = JSON.parse(small.stdout);
    expect(report.files.filter((f: { findings: unknown[] }) => f.findings.length > 0).map((f: { file: string }) => path.basename(f.file))).toEqual([]);
    const skipped = report.files.flatMap((f: { diagnostics: Array<{ message: string }> }) => f.diagnostics.map((d) => d.message)).sort();
    expect(skipped).toEqual([expect.stringMatching(/^Skipped: larger than the 128 KiB limit \(19\d\.\d KiB\)$/), expect.stringMatching(/^Skipped: larger than the 2 KiB limit \(3\.\d KiB\)$/)]);
    const big = await run(['scan', '--max-file-size', '4KiB'], { cwd: dir });
    expect(big.stdout).toContain('2 findings');
    expect((await run(['scan', '--max-file-size', '0'], { cwd: dir })).stdout).toContain('2 findings');
  });

  it('scans only the given paths', async () => {
    const dir = project({ 'bad/train.py': VULNERABLE, 'good/train.py': SAFE });
    expect((await run(['scan', 'good'], { cwd: dir })).code).toBe(0);
    expect((await run(['scan', 'good', 'bad/train.py'], { cwd: dir })).code).toBe(1);
  });

  it('honours --fail-on', async () => {
    const dir = project({ 'train.py': VULNERABLE });
    expect((await run(['scan', '--fail-on', 'critical'], { cwd: dir })).code).toBe(1);
    const none = await run(['scan', '--fail-on', 'none'], { cwd: dir });
    expect(none.code).toBe(0);
    expect(none.stdout).toContain(RULE);
  });

  it('writes json to a file and nothing to stdout', async () => {
    const dir = project({ 'src/train.py': VULNERABLE });
    const r = await run(['scan', '--format', 'json', '--output', 'reports/oculum.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'reports/oculum.json'), 'utf8'));
    expect(report.version).toBe(1);
    expect(report.files).toHaveLength(1);
    expect(report.files[0].file).toBe('src/train.py');
    expect(report.files[0].findings[0]).toMatchObject({ ruleId: RULE, detector: 'unsafe_model_load', severity: 'critical', line: 3, column: 9, suppressed: null });
    expect(report.rules.some((rule: { id: string }) => rule.id === RULE)).toBe(true);
  });

  it('says why an output file cannot be written, and exits 2 (never spins)', async () => {
    const dir = project({ 'train.py': VULNERABLE, 'afile': 'x' });
    const underFile = await run(['scan', '--output', 'afile/x.json'], { cwd: dir });
    expect(underFile.code).toBe(2);
    expect(underFile.stderr).toContain('cannot write output file afile/x.json: a part of the path is not a directory (ENOTDIR)');
    // Node's recursive mkdir never returns under /proc
    const proc = await run(['scan', '--output', '/proc/oculum-nope/x.json'], { cwd: dir });
    expect(proc.code).toBe(2);
    expect(proc.stderr).toContain('cannot write output file /proc/oculum-nope/x.json: no such file or directory (ENOENT)');
  });

  it('writes SARIF URIs relative to the repository root when run in a subdirectory (as GitHub code scanning reads them)', async () => {
    const dir = project({ '.git/HEAD': 'ref: refs/heads/main\n', 'ml/src/train.py': VULNERABLE });
    const r = await run(['scan', '.', '-f', 'sarif'], { cwd: path.join(dir, 'ml') });
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'ml/src/train.py', uriBaseId: '%SRCROOT%' });
    expect(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe(pathToFileURL(fs.realpathSync(dir)).href + '/');
  });

  it('prints SARIF with the finding relative to %SRCROOT%', async () => {
    const dir = project({ 'src/train.py': VULNERABLE });
    const r = await run(['scan', '-f', 'sarif'], { cwd: dir });
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    const result = log.runs[0].results[0];
    expect(result.ruleId).toBe(RULE);
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'src/train.py', uriBaseId: '%SRCROOT%' });
    expect(result.partialFingerprints.primaryLocationLineHash).toMatch(/\S/);
    expect(log.runs[0].tool.driver.rules[result.ruleIndex].id).toBe(RULE);
  });

  it('gives fix offsets and columns in UTF-16 code units of the text after a leading BOM (not counted, as in ESLint), in JSON and SARIF alike', async () => {
    const text = 'import torch; m = torch.load("m.pt")\nn = torch.load("n.pt")\n';
    const dir = project({ 'bom.py': `\uFEFF${text}` });
    const json = JSON.parse((await run(['scan', '-f', 'json'], { cwd: dir })).stdout);
    const findings = json.files[0].findings;
    expect(findings.map((f: { line: number; column: number }) => `${f.line}:${f.column}`)).toEqual(['1:19', '2:5']);
    const ranges = findings.map((f: { suggestions: Array<{ fix: { range: [number, number] } }> }) => f.suggestions[0].fix.range);
    const first = text.indexOf(')');
    expect(ranges).toEqual([[first, first], [text.lastIndexOf(')'), text.lastIndexOf(')')]]);
    // applied to the text without its BOM, the edit lands before the call's `)`
    expect(text.slice(0, first) + ', weights_only=True' + text.slice(first)).toContain('torch.load("m.pt", weights_only=True)');
    const sarif = JSON.parse((await run(['scan', '-f', 'sarif'], { cwd: dir })).stdout);
    const results = sarif.runs[0].results;
    expect(results.map((r: { locations: Array<{ physicalLocation: { region: { startLine: number; startColumn: number } } }> }) => r.locations[0].physicalLocation.region).map((g: { startLine: number; startColumn: number }) => `${g.startLine}:${g.startColumn}`)).toEqual(['1:19', '2:5']);
    const regions = results.map((r: { fixes: Array<{ artifactChanges: Array<{ replacements: Array<{ deletedRegion: { charOffset: number; charLength: number } }> }> }> }) => r.fixes[0].artifactChanges[0].replacements[0].deletedRegion);
    expect(regions).toEqual(ranges.map(([start, end]: [number, number]) => ({ charOffset: start, charLength: end - start })));
  });

  it('prints a markdown table', async () => {
    const dir = project({ 'train.py': VULNERABLE });
    const r = await run(['scan', '--format', 'markdown'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('### 🛡️ Oculum: 1 finding (1 critical)');
    expect(r.stdout).toMatch(/^\| 🔴 critical \| \[`torch\/load-without-weights-only`\]\(\S+load-without-weights-only\.md\) \| `train\.py:3` \|/m);
  });

  it('--format github annotates findings with paths from the repository root, exit code unchanged', async () => {
    const dir = project({ '.git/HEAD': 'ref: refs/heads/main\n', 'ml/train.py': VULNERABLE });
    const r = await run(['scan', '-f', 'github'], { cwd: path.join(dir, 'ml') });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=ml\/train\.py,line=3,col=9,endColumn=\d+,title=torch\/load-without-weights-only \(critical(%2C medium confidence)?\)::`torch\.load`/m);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('Oculum: 1 error, 0 warnings in 1 file — the run fails');
  });

  it('names a FIFO, a device link or a link loop given on the command line, and scans the other paths', async () => {
    const dir = project({ 'ok.py': VULNERABLE });
    const fifo = spawnSync('mkfifo', [path.join(dir, 'pipe.py')]);
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.py'));
    fs.symlinkSync('loop.py', path.join(dir, 'loop.py'));
    const names = ['zero.py', 'loop.py', 'ok.py', ...(fifo.status === 0 ? ['pipe.py'] : [])];
    const r = await run(['scan', ...names, '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.files.flatMap((f: { findings: Array<{ ruleId: string }> }) => f.findings.map((x) => x.ruleId))).toEqual([RULE]);
    const said = report.files.flatMap((f: { file: string; diagnostics: Array<{ message: string }> }) => f.diagnostics.map((d) => `${f.file}: ${d.message}`)).sort();
    expect(said).toEqual(
      [
        'loop.py: Skipped: a loop of symbolic links, which leads to no file',
        ...(fifo.status === 0 ? ['pipe.py: Skipped: a named pipe (FIFO), never read'] : []),
        'zero.py: Skipped: a device, never read',
      ].sort(),
    );
    expect((await run(['scan', 'missing.py'], { cwd: dir })).stderr).toContain('no such file or directory: missing.py');
  });

  it('reads a Python file in the encoding it declares, even when its bytes are UTF-8, and writes no fix into it', async () => {
    // under `# coding: utf-7`, CPython runs the load that a UTF-8 reader takes for a comment
    const dir = project({ 'u7.py': '# coding: utf-7\nimport torch #+AAo-torch.load(path)\n', 'bad7.py': '# coding: utf-7\nimport torch #+AA-torch.load(path)\n' });
    fs.writeFileSync(path.join(dir, 'l1.py'), Buffer.concat([Buffer.from('# -*- coding: latin-1 -*-\nimport yaml\nname = "caf'), Buffer.from([0xe9]), Buffer.from('"\ncfg = yaml.load(open("c.yml"), Loader=yaml.Loader)\n')]));
    const before = fs.readFileSync(path.join(dir, 'l1.py'));
    const r = await run(['scan', '--fix', '-f', 'json'], { cwd: dir });
    const report = JSON.parse(r.stdout);
    const byFile = Object.fromEntries(report.files.map((f: { file: string; findings: Array<{ ruleId: string; line: number }>; diagnostics: Array<{ message: string }> }) => [f.file, f]));
    expect(byFile['u7.py'].findings.map((f: { ruleId: string; line: number }) => `${f.line} ${f.ruleId}`)).toEqual([`3 ${RULE}`]);
    expect(byFile['bad7.py'].diagnostics.map((d: { message: string }) => d.message)).toEqual(['Skipped: it declares the encoding "utf-7", which Oculum cannot decode (or its bytes are not valid in it)']);
    // the fixable YAML load stays, and the latin-1 file keeps its bytes
    expect(byFile['l1.py'].findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['torch/yaml-unsafe-load']);
    expect(byFile['l1.py'].diagnostics.map((d: { message: string }) => d.message)).toEqual(['Fixes not applied: the file is read in its declared encoding "latin1", and Oculum writes UTF-8 only']);
    expect(fs.readFileSync(path.join(dir, 'l1.py')).equals(before)).toBe(true);
  });

  it('does not call fixable a finding --fix could not write (a latin-1 file), in stylish and JSON alike', async () => {
    const dir = project({});
    fs.writeFileSync(path.join(dir, 'l1.py'), Buffer.concat([Buffer.from('# -*- coding: latin-1 -*-\nimport yaml\nname = "caf'), Buffer.from([0xe9]), Buffer.from('"\ncfg = yaml.load(open("c.yml"), Loader=yaml.Loader)\n')]));
    const r = await run(['scan', '--fix'], { cwd: dir });
    expect(r.stdout).toContain('Fixes not applied: the file is read in its declared encoding "latin1"');
    expect(r.stdout).toContain('(fix not applied)');
    expect(r.stdout).not.toContain('(fixable)');
    expect(r.stdout).not.toContain('fixable with the `--fix` option');
    expect(JSON.parse((await run(['scan', '--fix', '-f', 'json'], { cwd: dir })).stdout).summary.fixable).toBe(0);
  });

  it('names the ESLint plugin for suggestions only when JS/TS findings have them', async () => {
    const py = await run(['scan'], { cwd: project({ 'train.py': VULNERABLE }) });
    expect(py.stdout).toContain('1 finding has a suggested change that `--fix` does not apply (review them: `--format json` or SARIF lists them).');
    expect(py.stdout).not.toContain('ESLint');
    const js = await run(['scan'], { cwd: project({ 'train.py': VULNERABLE, 'load.ts': "export const WEIGHTS = 'http://models.example.com/m.safetensors';\n" }) });
    expect(js.stdout).toContain('2 findings have suggested changes that `--fix` does not apply (review them: `--format json` or SARIF lists them, and the ESLint plugin offers those of JS/TS files in your editor).');
  });

  it('reads a JS file with a NUL byte (V8 runs it), not a Python one (CPython refuses it), and names UTF-16', async () => {
    const dir = project({
      'z.mjs': "import { pipeline } from '@huggingface/transformers';\n// \0\nawait pipeline('text-generation', 'org/model');\n",
      'z.py': 'import torch\n# \0\ntorch.load(p)\n',
    });
    fs.writeFileSync(path.join(dir, 'u16.py'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('import torch\ntorch.load(p)\n', 'utf16le')]));
    const report = JSON.parse((await run(['scan', '-f', 'json'], { cwd: dir })).stdout);
    const said = (file: string) => report.files.find((f: { file: string }) => f.file === file);
    expect(said('z.mjs').findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['transformersjs/unpinned-model-revision']);
    expect(said('z.py').diagnostics[0].message).toBe('Skipped: binary content (NUL bytes) in a source file');
    expect(said('u16.py').diagnostics[0].message).toBe('Skipped: UTF-16LE or UTF-32LE text (by its byte-order mark): source files are read as UTF-8');
  });

  it('scans pickles under source-code names as model files (loaders take any name), and source as source', async () => {
    const p0 = "cposix\nsystem\n(S'touch /tmp/oculum-pwned'\ntR.";
    // protocol 4 without FRAME or MEMOIZE: no NUL byte, and not UTF-8 (0x80, 0x8c, 0x93)
    const su = (t: string) => Buffer.concat([Buffer.from([0x8c, t.length]), Buffer.from(t)]);
    const p4 = Buffer.concat([Buffer.from([0x80, 0x04]), su('posix'), su('system'), Buffer.from([0x93]), su('touch /tmp/oculum-pwned'), Buffer.from([0x85, 0x52, 0x2e])]);
    const dir = project({ 'payload.py': p0, 'payload.js': p0, 'train.py': VULNERABLE });
    fs.writeFileSync(path.join(dir, 'p4.py'), p4);
    fs.writeFileSync(path.join(dir, 'p4.js'), p4);
    const report = JSON.parse((await run(['scan', '-f', 'json', '--fail-on', 'none'], { cwd: dir })).stdout);
    const said = (file: string) => report.files.find((f: { file: string }) => f.file === file);
    for (const file of ['payload.py', 'payload.js', 'p4.py', 'p4.js']) {
      expect(said(file)?.language, file).toBe('model');
      expect(said(file).findings.map((f: { ruleId: string; severity: string }) => `${f.ruleId} ${f.severity}`), file).toContain('model/dangerous-pickle-global critical');
    }
    expect(said('train.py')?.language).toBe('python');
    expect(said('train.py').findings.map((f: { ruleId: string }) => f.ruleId)).toEqual([RULE]);
  });

  it('an unclosed oculum-ignore-start in a CR-only file runs to its last line (lines as CPython counts them)', async () => {
    const dir = project({ 'cr.py': 'import torch\n# oculum-ignore-start\rtorch.load(a)\rtorch.load(b)\rtorch.load(c)\r' });
    const report = JSON.parse((await run(['scan', '-f', 'json'], { cwd: dir })).stdout);
    expect(report.files[0].findings.map((f: { line: number; suppressed?: unknown }) => [f.line, !!f.suppressed])).toEqual([
      [3, true],
      [4, true],
      [5, true],
    ]);
    expect(report.files[0].diagnostics).toEqual([]);
  });

  it('keeps inline-suppressed findings out of stylish and the exit code, but in JSON', async () => {
    const dir = project({ 'train.py': `import torch\n\n# oculum-ignore-next-line[${RULE}] -- trusted checkpoint\nmodel = torch.load("model.pt")\n` });
    const r = await run(['scan'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 suppressed (not shown)');
    const json = JSON.parse((await run(['scan', '--format', 'json'], { cwd: dir })).stdout);
    expect(json.files[0].findings[0].suppressed).toEqual({ kind: 'inSource', justification: 'trusted checkpoint' });
  });

  it('treats rules configured as warn as warnings: exit 0, but --max-warnings and --quiet apply', async () => {
    const dir = project({ 'train.py': VULNERABLE, '.oculumrc': `{ "rules": { "${RULE}": "warn" } }` });
    const r = await run(['scan'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(warning, suggestion)');
    expect(r.stdout).toContain('1 finding has a suggested change that `--fix` does not apply');
    const capped = await run(['scan', '--max-warnings', '0'], { cwd: dir });
    expect(capped.code).toBe(1);
    expect(capped.stderr).toContain('oculum: too many warnings (1); --max-warnings allows 0');
    expect((await run(['scan', '--max-warnings', '1'], { cwd: dir })).code).toBe(0);
    // -1: no limit, as in ESLint
    const unlimited = await run(['scan', '--max-warnings', '-1'], { cwd: dir });
    expect(unlimited.code).toBe(0);
    expect(unlimited.stderr).not.toContain('too many warnings');
    const quiet = await run(['scan', '--quiet'], { cwd: dir });
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toContain(RULE);
    expect(quiet.stderr).toContain('oculum: 1 warn-level finding not shown (--quiet)');
    expect(quiet.stdout).toContain('✔ No errors (1 warning not shown: --quiet; 1 file scanned)');
    // the hidden warning still fails the run by --max-warnings, and the summary says so
    const quietCapped = await run(['scan', '--quiet', '--max-warnings', '0'], { cwd: dir });
    expect(quietCapped.code).toBe(1);
    expect(quietCapped.stdout).toContain('✖ 1 warning, more than --max-warnings 0 (not shown: --quiet; 1 file scanned)');
    expect(quietCapped.stdout).not.toContain('No errors');
    const md = await run(['scan', '--quiet', '-f', 'markdown'], { cwd: dir });
    expect(md.stdout).toContain('### ✅ Oculum: no errors');
    expect(md.stdout).toContain('1 warning not shown (`--quiet`)');
  });

  it('--quiet with errors shown: the summary counts the hidden warnings, and marks a run they fail', async () => {
    const dir = project({
      'train.py': VULNERABLE,
      'other.py': VULNERABLE,
      '.oculumrc': `{ "overrides": [{ "files": ["other.py"], "rules": { "${RULE}": "warn" } }] }`,
    });
    const loose = await run(['scan', '--quiet', '--fail-on', 'none'], { cwd: dir });
    expect(loose.code).toBe(0);
    expect(loose.stdout).toContain('⚠ 1 finding');
    expect(loose.stdout).toContain('1 warning (1 not shown: --quiet)');
    const capped = await run(['scan', '--quiet', '--fail-on', 'none', '--max-warnings', '0'], { cwd: dir });
    expect(capped.code).toBe(1);
    expect(capped.stdout).toContain('✖ 1 finding');
  });

  it('--quiet hides warning-level diagnostics too (an unused directive), as ESLint does', async () => {
    const dir = project({ 'src/a.py': `${VULNERABLE}x = 1  # oculum-ignore[${RULE}] -- stale\n` });
    const loud = await run(['scan'], { cwd: dir });
    expect(loud.stdout).toContain('Unused directive');
    const quiet = await run(['scan', '-q'], { cwd: dir });
    expect(quiet.code).toBe(1);
    expect(quiet.stdout).toContain(RULE);
    expect(quiet.stdout).not.toContain('Unused directive');
    expect(quiet.stdout).not.toMatch(/diagnostic/);
    expect(quiet.stderr).toContain('oculum: 1 warning or note diagnostic not shown (--quiet)');
    const json = JSON.parse((await run(['scan', '-q', '-f', 'json'], { cwd: dir })).stdout);
    expect(json.files.flatMap((f: { diagnostics: unknown[] }) => f.diagnostics)).toEqual([]);
    const noConfig = await run(['scan', '--no-config'], { cwd: dir });
    expect(noConfig.code).toBe(1);
  });

  it('--min-confidence leaves out less certain findings', async () => {
    const dir = project({ 'app.py': 'from transformers import pipeline\nimport os\np = pipeline("x", os.environ["MODEL"])\nq = pipeline("x", "org/model")\n' });
    const lines = (r: { stdout: string }) => JSON.parse(r.stdout).files.flatMap((f: { findings: Array<{ line: number }> }) => f.findings.map((x) => x.line));
    expect(lines(await run(['scan', '--format', 'json'], { cwd: dir }))).toEqual([3, 4]);
    expect(lines(await run(['scan', '--format', 'json', '--min-confidence', 'medium'], { cwd: dir }))).toEqual([4]);
    const bad = await run(['scan', '--min-confidence', 'most'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("argument 'most' is invalid. Allowed choices are low, medium, high.");
  });

  it('uses --config as the user config', async () => {
    const dir = project({ 'train.py': VULNERABLE, 'configs/lenient.json': `{ "rules": { "${RULE}": "off" } }` });
    expect((await run(['scan', '--config', 'configs/lenient.json'], { cwd: dir })).code).toBe(0);
  });

  it('runs only the selected rules and detectors', async () => {
    const dir = project({ 'train.py': VULNERABLE });
    expect((await run(['scan', '--detector', 'unverified_model_source'], { cwd: dir })).code).toBe(0);
    expect((await run(['scan', '--detector', 'unsafe_model_load'], { cwd: dir })).code).toBe(1);
    expect((await run(['scan', '--rule', RULE], { cwd: dir })).code).toBe(1);
    expect((await run(['scan', '--rule', 'torch/pickle-load'], { cwd: dir })).code).toBe(0);
  });

  it('rejects an unknown rule id with exit 2', async () => {
    const dir = project({ 'train.py': VULNERABLE });
    const r = await run(['scan', '--rule', 'torch/no-such-rule'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(errors(r.stderr)).toMatch(/^oculum: .*torch\/no-such-rule/);
    expect(errors(r.stderr).split('\n')).toHaveLength(1);
  });

  it('reports a bad config with its file and key, exit 2, no stack trace', async () => {
    const dir = project({ 'train.py': VULNERABLE, '.oculumrc': `{ "rules": { "${RULE}": "loud" } }` });
    const r = await run(['scan'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const message = errors(r.stderr);
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toContain('.oculumrc');
    expect(message).toContain(RULE);
    expect(message).not.toMatch(/\s+at /);
    const debug = await run(['scan', '--debug'], { cwd: dir });
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('applies fixes with --fix', async () => {
    const dir = project({ 'cfg.py': 'import yaml\n\ndata = yaml.load(open("c.yml"))\n' });
    const before = await run(['scan', '--format', 'json'], { cwd: dir });
    const fixable = JSON.parse(before.stdout).files.flatMap((f: { findings: Array<{ fix: unknown }> }) => f.findings).filter((f: { fix: unknown }) => f.fix);
    if (fixable.length === 0) return; // the yaml rule has no autofix in this build
    const r = await run(['scan', '--fix'], { cwd: dir });
    expect(fs.readFileSync(path.join(dir, 'cfg.py'), 'utf8')).not.toBe('import yaml\n\ndata = yaml.load(open("c.yml"))\n');
    // what was fixed is said (the report no longer holds it): file:line:column and rule
    expect(errors(r.stderr)).toBe('oculum: fixed 1 finding in 1 file (the files were rewritten):\n  cfg.py:3:8  torch/yaml-unsafe-load');
    expect(r.code).toBe(0);
  });

  it('--exit-non-zero-on-fix exits 1 when --fix changed a file, as Ruff (a CI job must not pass on a rewritten checkout)', async () => {
    const dir = project({ 'cfg.py': 'import yaml\n\ndata = yaml.load(open("c.yml"))\n', 'sub/other.py': 'import yaml\nx = yaml.load(s)\n' });
    const r = await run(['scan', '--fix', '--exit-non-zero-on-fix', '-f', 'sarif', '-o', 'o.sarif'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'o.sarif'), 'utf8')).runs[0].results).toEqual([]);
    expect(errors(r.stderr)).toBe('oculum: fixed 2 findings in 2 files (the files were rewritten):\n  cfg.py:3:8  torch/yaml-unsafe-load\n  sub/other.py:2:5  torch/yaml-unsafe-load');
    // nothing left to fix: 0
    const again = await run(['scan', '--fix', '--exit-non-zero-on-fix'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(errors(again.stderr)).toBe('');
    // without --fix: a warning (a CI line that lost its --fix), the exit code that of the findings
    const alone = await run(['scan', '--exit-non-zero-on-fix'], { cwd: project({ 'cfg.py': 'import yaml\n\ndata = yaml.load(open("c.yml"))\n' }) });
    expect(alone.code).toBe(1);
    expect(errors(alone.stderr)).toBe('oculum: warning: --exit-non-zero-on-fix does nothing without --fix (nothing is fixed)');
  });

  it('--error-on-skipped makes a file or directory that could not be scanned an error (exit 2), naming it; without it a warning', async () => {
    const dir = project({ 'big.py': `import torch\n# ${'x'.repeat(300)}\n`, 'ok.py': SAFE });
    const plain = await run(['scan', '--max-file-size', '100'], { cwd: dir });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('warning  Skipped: larger than the 100 B limit');
    const strict = await run(['scan', '--max-file-size', '100', '--error-on-skipped', '-q'], { cwd: dir });
    expect(strict.code).toBe(2);
    expect(strict.stdout).toContain('error  Skipped: larger than the 100 B limit');
    expect(errors(strict.stderr)).toBe('oculum: 1 file could not be scanned (--error-on-skipped):\n  big.py: larger than the 100 B limit (316 B)');

    // a directory is counted as one by the diagnostic's flag, whatever its message (a name that is not UTF-8)
    const odd = project({ 'ok.py': SAFE });
    fs.writeFileSync(Buffer.from(path.join(odd, 'photo_caf') + '\xe9.jpg', 'latin1'), Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    fs.mkdirSync(Buffer.from(path.join(odd, 'docs_') + '\xe9', 'latin1'));
    const both = await run(['scan', '--no-config', '--error-on-skipped', '-q'], { cwd: odd });
    expect(both.code).toBe(2);
    expect(errors(both.stderr).split('\n')[0]).toBe('oculum: 1 file and 1 directory could not be scanned (--error-on-skipped):');
  });

  it('warns when a directory named to scan has nothing to scan (a mistyped CI path), exit code unchanged', async () => {
    const dir = project({ 'empty/README.md': '# docs\n', 'src/train.py': SAFE });
    const r = await run(['scan', 'empty', 'src'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(errors(r.stderr)).toBe('oculum: warning: no files to scan under empty (no source or model file Oculum reads)');
    expect(errors((await run(['scan', 'src'], { cwd: dir })).stderr)).toBe('');
    // --depth quick reads no model file: a folder of them is not said to hold none
    const models = project({ 'models/model.pkl': 'not read at quick\n' });
    const quick = await run(['scan', 'models', '--no-config', '--depth', 'quick'], { cwd: models });
    expect(quick.code).toBe(0);
    expect(errors(quick.stderr)).toBe('oculum: warning: no files to scan under models (no source file Oculum reads; model files are not read at --depth quick)');
  });

  it('the empty-directory check is linear in named directories and files (a set of ancestors, not a prefix scan per directory)', async () => {
    const { directoriesWithoutFiles } = await import('../src/commands/scan.js');
    const root = path.resolve('/r');
    const count = (n: number) => {
      const dirs = Array.from({ length: n }, (_, i) => path.join(root, `d${i}`));
      const files = dirs.flatMap((d) => Array.from({ length: 5 }, (_, j) => path.join(d, 'pkg', `f${j}.py`)));
      const r = directoriesWithoutFiles([...dirs, path.join(root, 'none')], files);
      expect(r.empty).toEqual([path.join(root, 'none')]);
      return r.steps;
    };
    const small = count(1000);
    const large = count(4000);
    expect(large).toBeLessThanOrEqual(small * 4 + 16); // 4x the input: at most 4x the work (quadratic would be 16x)
    expect(large).toBeLessThan(4000 * 5 * 4); // a few steps per file
    // a directory whose files are deeper, a named file's own path, and `dir/` with a trailing separator
    expect(directoriesWithoutFiles([path.join(root, 'a'), path.join(root, 'a', 'b') + path.sep, path.join(root, 'ab')], [path.join(root, 'a', 'b', 'c', 'x.py')]).empty).toEqual([path.join(root, 'ab')]);
  });

  it('--workers: more than one per core (at most 8) is said and clamped; a negative number is refused as such', async () => {
    const { maxWorkers } = await import('@oculum/core');
    const dir = project({ 'train.py': SAFE });
    const many = await run(['scan', '--workers', '1000'], { cwd: dir });
    expect(many.code).toBe(0);
    expect(errors(many.stderr)).toBe(`oculum: --workers 1000: using ${maxWorkers()} worker thread${maxWorkers() === 1 ? '' : 's'} (at most one per core, and 8)`);
    const negative = await run(['scan', '--workers', '-1'], { cwd: dir });
    expect(negative.code).toBe(2);
    expect(negative.stderr).toContain("expected 0 or more worker threads (0: none), or 'auto'");
    expect(negative.stderr).not.toContain('expected a number');
  });

  it('says on stderr when a --cache file was not used and the report goes to a file (a CI job would only see slow scans)', async () => {
    const dir = project({ 'train.py': VULNERABLE });
    expect((await run(['scan', '--cache', '-f', 'json', '-o', 'a.json'], { cwd: dir })).stderr).toBe('');
    const file = path.join(dir, '.oculumcache');
    // as on a fresh runner without OCULUM_CACHE_SECRET: another signature
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), mac: '0'.repeat(64) }));
    const r = await run(['scan', '--cache', '-f', 'json', '-o', 'b.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(errors(r.stderr)).toMatch(/^oculum: warning: The cache \.oculumcache was not used: it was not written by this user \(its signature does not match; to share a cache between machines, give each the same OCULUM_CACHE_SECRET\)\. Every file is scanned afresh$/);
    // stylish on stdout shows it already
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), mac: '0'.repeat(64) }));
    const shown = await run(['scan', '--cache'], { cwd: dir });
    expect(errors(shown.stderr)).toBe('');
    expect(shown.stdout).toContain('The cache .oculumcache was not used');
  });

  it('says when a cache restored at another checkout path is not used at --depth deep (used below it)', async () => {
    const first = project({ 'train.py': VULNERABLE, 'requirements.txt': 'torch>=2.6\n' });
    for (const depth of ['standard', 'deep']) {
      fs.rmSync(path.join(first, '.oculumcache'), { force: true });
      expect((await run(['scan', '--cache', '--depth', depth, '-f', 'json', '-o', 'a.json'], { cwd: first })).stderr).toBe('');
      const moved = project({});
      fs.cpSync(first, moved, { recursive: true });
      const r = await run(['scan', '--cache', '--depth', depth, '-f', 'json', '-o', 'b.json'], { cwd: moved });
      const parsed = JSON.parse(fs.readFileSync(path.join(moved, 'b.json'), 'utf8')).stats.parsed;
      if (depth === 'standard') {
        expect(parsed).toBe(0);
        expect(errors(r.stderr)).toBe('');
      } else {
        expect(parsed).toBe(1);
        expect(errors(r.stderr)).toBe(
          "oculum: note: The cache .oculumcache was not used: it was written at another checkout path, and at --depth deep a file's results depend on the paths and modification times of the project's other files (dependency files, imported modules), which differ there: 1 file scanned afresh",
        );
      }
    }
  });

  it('writes a cache file with --cache and --cache-location', async () => {
    const dir = project({ 'train.py': VULNERABLE });
    expect((await run(['scan', '--cache'], { cwd: dir })).code).toBe(1);
    expect(fs.existsSync(path.join(dir, '.oculumcache'))).toBe(true);
    expect((await run(['scan', '--cache'], { cwd: dir })).code).toBe(1);
    expect((await run(['scan', '--cache-location', 'tmp/cache.json'], { cwd: dir })).code).toBe(1);
    expect(fs.existsSync(path.join(dir, 'tmp/cache.json'))).toBe(true);
    // A trailing slash names a directory, made if need be
    expect((await run(['scan', '--cache-location', 'new/dir/'], { cwd: dir })).code).toBe(1);
    expect(fs.statSync(path.join(dir, 'new/dir')).isDirectory()).toBe(true);
    expect(fs.existsSync(path.join(dir, 'new/dir/.oculumcache'))).toBe(true);
  });

  it('colours stylish output only when asked or on a terminal', async () => {
    const dir = project({ 'train.py': VULNERABLE });
    expect((await run(['scan', '--color'], { cwd: dir })).stdout).toMatch(/\x1b\[/);
    expect((await run(['scan'], { cwd: dir, tty: true })).stdout).toMatch(/\x1b\[/);
    expect((await run(['scan'], { cwd: dir, tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(/\x1b\[/);
    expect((await run(['scan', '--no-color'], { cwd: dir, tty: true })).stdout).not.toMatch(/\x1b\[/);
    expect((await run(['scan', '--format', 'json'], { cwd: dir, tty: true })).stdout).not.toMatch(/\x1b\[/);
  });

  it('wraps stylish rows to the width of a terminal (100 columns here), and only there', async () => {
    const dir = project({ 'train.py': VULNERABLE });
    const rows = (text: string) => text.split('\n').slice(2, text.split('\n').findIndex((l) => l.startsWith('✖')) - 1);
    const onTerminal = rows((await run(['scan'], { cwd: dir, tty: true, env: { NO_COLOR: '1' } })).stdout);
    expect(onTerminal.length).toBeGreaterThan(1);
    expect(onTerminal.every((l) => l.length <= 100)).toBe(true);
    expect(onTerminal[0]).toMatch(/torch\/load-without-weights-only$/);
    const piped = rows((await run(['scan'], { cwd: dir })).stdout);
    expect(piped).toHaveLength(1);
    expect(piped[0].length).toBeGreaterThan(100);
  });
});

describe('oculum rules', () => {
  it('lists every rule with detector, severity, presets and fixes', async () => {
    const r = await run(['rules']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^RULE +DETECTOR +SEVERITY +PRESETS +FIXES$/);
    const row = lines.find((l) => l.startsWith(`${RULE} `))!;
    expect(row).toMatch(/unsafe_model_load +critical +recommended, strict, all +suggestions/);
    expect(r.stdout).toMatch(/\d+ rules \(/);
  });

  it('prints JSON and filters by detector', async () => {
    const r = await run(['rules', '--format', 'json', '--detector', 'unsafe_model_load']);
    expect(r.code).toBe(0);
    const rules = JSON.parse(r.stdout);
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.every((rule: { detector: string }) => rule.detector === 'unsafe_model_load')).toBe(true);
    expect(rules.find((rule: { id: string }) => rule.id === RULE)).toMatchObject({
      detector: 'unsafe_model_load',
      severity: 'critical',
      hasSuggestions: true,
      presets: expect.arrayContaining(['oculum:recommended']),
    });
  });

  it('gives every built-in rule a docs url, the one SARIF links, and its doc exists in the repository', async () => {
    const rules = JSON.parse((await run(['rules', '--format', 'json'])).stdout) as Array<{ id: string; name: string; plugin: string; url: string | null }>;
    expect(rules.length).toBeGreaterThan(40);
    const repo = fileURLToPath(new URL('../../../', import.meta.url));
    for (const rule of rules) {
      expect(rule.url, rule.id).toMatch(/^https:\/\/github\.com\/oculum-dev\/oculum\/blob\/main\/packages\/[\w-]+\/docs\/rules\/[\w-]+\.md$/);
      const local = rule.url!.replace('https://github.com/oculum-dev/oculum/blob/main/', repo);
      expect(fs.existsSync(local), `${rule.id}: ${local}`).toBe(true);
    }
    const dir = project({ 'a.py': VULNERABLE });
    const sarif = JSON.parse((await run(['scan', '-f', 'sarif'], { cwd: dir })).stdout);
    for (const r of sarif.runs[0].tool.driver.rules) expect(r.helpUri).toBe(rules.find((x) => x.id === r.id)!.url);
  });

  it('explains the rules named: a built-in rule\'s documentation as its package ships it', async () => {
    const r = await run(['rules', RULE, 'torch/pickle-load']);
    expect(r.code).toBe(0);
    const repo = fileURLToPath(new URL('../../../', import.meta.url));
    const doc = (name: string) => fs.readFileSync(path.join(repo, 'packages/plugin-python-torch/docs/rules', `${name}.md`), 'utf8');
    expect(r.stdout).toBe(`${doc('load-without-weights-only')}\n${doc('pickle-load')}`);
    const json = JSON.parse((await run(['rules', 'torch/pickle-load', '-f', 'json'])).stdout);
    expect(json.map((x: { id: string }) => x.id)).toEqual(['torch/pickle-load']);
    const typo = await run(['rules', 'torch/pickle-lod']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('unknown rule "torch/pickle-lod"; did you mean "torch/pickle-load"?');
  });

  it('explains a rule of a config\'s plugin from its metadata', async () => {
    const dir = project({
      'plugin.mjs': `export default { meta: { name: 'acme', version: '1.0.0', namespace: 'acme' }, rules: { 'no-pt': { meta: { detector: 'unsafe_model_load', severity: 'high', languages: ['python'], triggers: ['.pt'], docs: { description: 'No .pt files', recommended: true, url: 'https://acme.example/no-pt' }, messages: { m: 'x' }, remediation: 'Use safetensors.' }, create: () => ({}) } } };\n`,
      '.oculumrc': JSON.stringify({ plugins: ['./plugin.mjs'] }),
    });
    const r = await run(['rules', 'acme/no-pt'], { cwd: dir });
    expect(errors(r.stderr)).toBe('');
    expect(r.stdout).toBe('# acme/no-pt\n\nNo .pt files\n\nDetector: `unsafe_model_load` · Severity: high · Languages: python · Presets: oculum:recommended, oculum:strict, oculum:all\n\nRemediation: Use safetensors.\n\nPlugin: acme · Documentation: https://acme.example/no-pt\n');
  });
});

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

describe.runIf(fs.existsSync(bin))('the oculum binary', () => {
  const oculum = (args: string[], cwd: string, env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', CI: '1', ...env } });

  it('exits 1 on the product brief example and 0 on its remediation', () => {
    const bad = project({ 'train.py': VULNERABLE });
    const r = oculum(['scan'], bad);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(RULE);
    const good = project({ 'train.py': SAFE });
    expect(oculum(['scan'], good).status).toBe(0);
  });

  it('scans a script without an extension whose #! line runs Python, in a directory and named', () => {
    const dir = project({ 'scripts/setup': `#!/usr/bin/env python3\n${VULNERABLE}`, 'scripts/build': '#!/bin/sh\necho torch.load\n' });
    const walked = oculum(['scan', '.', '--format', 'json'], dir);
    const files = JSON.parse(walked.stdout).files.filter((f: { findings: unknown[] }) => f.findings.length > 0).map((f: { file: string }) => f.file);
    expect(files).toEqual(['scripts/setup']);
    expect(walked.status).toBe(1);
    const named = oculum(['scan', 'scripts/setup', '--depth', 'quick'], dir);
    expect(named.status).toBe(1);
    expect(named.stdout).toContain(RULE);
  });

  it('exits 2 with a one-line message for a missing path', () => {
    const dir = project({});
    const r = oculum(['scan', 'nope.py'], dir);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(errors(r.stderr)).toBe('oculum: no such file or directory: nope.py');
  });

  it('prints the version and help', () => {
    const dir = project({});
    expect(oculum(['--version'], dir).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const help = oculum(['scan', '--help'], dir);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: oculum scan');
  });
});
