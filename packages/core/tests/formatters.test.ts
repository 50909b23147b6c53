import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { formatters, jsonRule, JSON_FORMAT_VERSION, summarizeResult, toJsonReport } from '../src/formatters/index.js';
import type { Finding, ScanResult } from '../src/types.js';
import { at, cleanResult, CWD, finding, sampleResult } from './formatters-sample.js';
import { MARKDOWN_MAX_CHARS } from '../src/formatters/markdown.js';

const ctx = { cwd: CWD, color: false, version: '0.1.0' };
const ANSI = /\x1b\[[0-9;]*m/;

describe('formatters registry', () => {
  it('offers stylish, json, sarif, markdown and github', () => {
    expect(Object.keys(formatters).sort()).toEqual(['github', 'json', 'markdown', 'sarif', 'stylish']);
  });

  it('every formatter handles a clean and an empty result', () => {
    const empty: ScanResult = { ...cleanResult(), files: [], rules: [], diagnostics: [] };
    for (const format of Object.values(formatters)) {
      expect(format(cleanResult(), ctx)).toMatch(/\n$/);
      expect(format(empty, ctx)).toMatch(/\n$/);
    }
  });
});

describe('summary', () => {
  it('counts unsuppressed findings by severity, detector and level', () => {
    const s = summarizeResult(sampleResult());
    expect(s).toMatchObject({
      files: 4,
      filesWithFindings: 2,
      findings: 3,
      errors: 2,
      warnings: 1,
      suppressed: 2,
      fixable: 1,
      withSuggestions: 1,
      bySeverity: { critical: 1, high: 1, medium: 1, low: 0, info: 0 },
      byDetector: { unsafe_model_load: 1, unverified_model_source: 1, unsafe_finetuning: 1 },
      diagnostics: { errors: 0, warnings: 2, notes: 1 },
    });
  });

  it('counts an info finding at level warn as a notice, not a warning (as --max-warnings does)', () => {
    const result = sampleResult();
    const [first] = result.files[0].findings;
    result.files[0].findings.push({ ...first, severity: 'info', level: 'warn', suppressed: undefined, fix: undefined, suggestions: undefined, message: 'A safetensors file.' });
    const s = summarizeResult(result);
    expect([s.warnings, s.notices, s.findings]).toEqual([1, 1, 4]);
    const out = formatters.stylish(result, ctx);
    expect(out).toContain('2 errors, 1 warning, 1 info in');
    const row = out.split('\n').find((l) => l.includes('A safetensors file.'))!;
    expect(row).not.toContain('(warning');
  });
});

describe('formatters without a context', () => {
  it("use the result's own cwd and version, and no colour", () => {
    const result = sampleResult();
    for (const name of Object.keys(formatters)) {
      expect(formatters[name](result), name).toBe(formatters[name](result, { cwd: result.cwd, color: false, version: result.version }));
      expect(formatters[name](result, {}), name).toBe(formatters[name](result, { cwd: result.cwd, color: false, version: result.version }));
    }
    expect(formatters.stylish(result)).not.toContain(result.cwd);
  });
});

describe('stylish', () => {
  const out = formatters.stylish(sampleResult(), ctx);
  const lines = out.split('\n');

  it('groups findings by relative file path, sorted, with line:col severity message rule', () => {
    expect(lines).toContain('src/train.py');
    expect(lines).toContain('src/serve dir/app.py');
    expect(out).not.toContain(CWD);
    expect(lines.indexOf('src/serve dir/app.py')).toBeLessThan(lines.indexOf('src/train.py'));
    const row = lines.find((l) => l.includes('torch/load-without-weights-only'))!;
    expect(row).toMatch(/^ {2}3:9 +critical +`torch\.load` without `weights_only=True` can execute code from the checkpoint\. \(suggestion\) +torch\/load-without-weights-only$/);
    const train = lines.slice(lines.indexOf('src/train.py') + 1);
    expect(train[0]).toContain('3:9');
    expect(train[1]).toContain('12:5');
  });

  it('aligns columns within a file', () => {
    const train = lines.slice(lines.indexOf('src/train.py') + 1, lines.indexOf('src/train.py') + 4);
    const severityColumn = train.map((l) => l.search(/critical|high|warning/));
    expect(new Set(severityColumn).size).toBe(1);
  });

  it('shows confidence when not high, warn level, and fixability', () => {
    expect(out).toContain('`from_pretrained` without a pinned revision. (confidence: medium, fixable)');
    expect(out).toContain('Checkpoints | are pushed without review. (warning, confidence: low)');
  });

  it('hides suppressed findings but counts them', () => {
    expect(out).not.toContain('suppressed one');
    expect(out).not.toContain('external suppression');
    expect(out).toContain('2 suppressed (not shown)');
  });

  it('lists diagnostics under their file and the scan-wide ones apart', () => {
    expect(out).toMatch(/30:1 +warning +Unused oculum-ignore directive \(no finding to suppress\)\. +\[unused-directive\]/);
    expect(lines).toContain('models/huge.bin');
    expect(lines).toContain('  note  Skipped: larger than 2 MiB.  [skipped]');
    expect(lines).toContain('Diagnostics');
    expect(lines).toContain('  warning  Plugin @oculum/plugin-js-transformersjs could not be loaded.  [config]');
  });

  it('ends with a summary by severity and by detector', () => {
    expect(out).toContain(
      '✖ 3 findings (1 critical, 1 high, 1 medium) — unsafe_model_load: 1, unverified_model_source: 1, unsafe_finetuning: 1',
    );
    expect(out).toContain('2 errors, 1 warning in 2 files');
    expect(out).toContain('1 finding is fixable with the `--fix` option.');
  });

  it('prints a clean message when nothing is found', () => {
    expect(formatters.stylish(cleanResult(), ctx)).toBe('✔ No findings (1 file scanned)\n');
    const onlySuppressed = cleanResult();
    const file = at('x.py');
    onlySuppressed.files = [{ file, findings: [finding({ ruleId: 'torch/load-without-weights-only', file, line: 1, suppressed: { kind: 'inSource' } })], diagnostics: [] }];
    const text = formatters.stylish(onlySuppressed, ctx);
    expect(text).toContain('✔ No findings');
    expect(text).toContain('1 suppressed (not shown)');
    expect(text).not.toContain('x.py');
  });

  it('colours only when asked', () => {
    expect(out).not.toMatch(ANSI);
    const coloured = formatters.stylish(sampleResult(), { ...ctx, color: true });
    expect(coloured).toMatch(ANSI);
    expect(coloured.replace(/\x1b\[[0-9;]*m/g, '')).toBe(out);
  });

  it('wraps long messages to a terminal width, the rule id on the first line', () => {
    const rowsOf = (text: string) => {
      const lines = text.split('\n');
      return lines.slice(lines.indexOf('src/train.py'), lines.indexOf('Diagnostics'));
    };
    // wide enough for a column of rule ids: the id on the row's first line, the message wrapped under its start
    const wide = rowsOf(formatters.stylish(sampleResult(), { ...ctx, width: 100 }));
    expect(wide.every((l) => l.length <= 100)).toBe(true);
    const first = wide.findIndex((l) => l.includes('torch/load-without-weights-only'));
    expect(wide[first]).toMatch(/^ {2}3:9 +critical +`torch\.load` without .* +torch\/load-without-weights-only$/);
    const start = wide[first].indexOf('`torch.load`');
    expect(wide[first + 1].slice(0, start).trim()).toBe('');
    expect(wide[first + 1].length).toBeGreaterThan(start);
    // narrower: each rule id follows its message, wrapped with it
    const narrow = rowsOf(formatters.stylish(sampleResult(), { ...ctx, width: 64 }));
    expect(narrow.every((l) => l.length <= 64)).toBe(true);
    expect(narrow.join('\n')).toContain('torch/load-without-weights-only');
    // without a width, or too narrow for any message column: one line per row, as before
    expect(formatters.stylish(sampleResult(), ctx)).toBe(out);
    expect(formatters.stylish(sampleResult(), { ...ctx, width: 30 })).toBe(out);
  });

  it('keeps multi-line messages on one row', () => {
    expect(lines.some((l) => l.trim() === 'without review. (warning, confidence: low)  hf/trainer-push-to-hub')).toBe(false);
  });
});

describe('stylish: what --fix and the editor offer', () => {
  const jsFile = at('web/load.ts');
  const suggestion = { messageId: 'useHttps', desc: 'Use https://', fix: { range: [10, 17] as [number, number], text: 'https://' } };
  const withJs = (): ScanResult => {
    const result = sampleResult();
    result.files.push({ file: jsFile, language: 'javascript', findings: [finding({ ruleId: 'transformersjs/http-model-url', file: jsFile, line: 1, suggestions: [suggestion] })], diagnostics: [] });
    return result;
  };
  const footer = (result: ScanResult) => formatters.stylish(result, ctx).split('\n').find((l) => l.includes('suggested change'))!;

  it('names the ESLint plugin only when JS/TS findings have suggestions (it runs no Python rules)', () => {
    expect(footer(sampleResult())).toBe('  1 finding has a suggested change that `--fix` does not apply (review them: `--format json` or SARIF lists them).');
    expect(footer(withJs())).toBe('  2 findings have suggested changes that `--fix` does not apply (review them: `--format json` or SARIF lists them, and the ESLint plugin offers those of JS/TS files in your editor).');
    const jsOnly = withJs();
    jsOnly.files = jsOnly.files.filter((f) => f.language === 'javascript');
    expect(footer(jsOnly)).toBe('  1 finding has a suggested change that `--fix` does not apply (review them: `--format json` or SARIF lists them, and the ESLint plugin offers them in your editor).');
  });

  it('does not count as fixable a finding whose file --fix left unchanged, and says so on it', () => {
    const result = sampleResult();
    const train = result.files[0];
    train.diagnostics.push({ file: train.file, kind: 'skipped', severity: 'warning', message: 'Fixes not applied: the file is read in its declared encoding "latin1", and Oculum writes UTF-8 only' });
    expect(summarizeResult(result).fixable).toBe(0);
    expect(toJsonReport(result, ctx).summary.fixable).toBe(0);
    const out = formatters.stylish(result, ctx);
    expect(out).toContain('`from_pretrained` without a pinned revision. (confidence: medium, fix not applied)');
    expect(out).not.toContain('(confidence: medium, fixable)');
    expect(out).not.toContain('fixable with the `--fix` option');
    expect(formatters.markdown(result, ctx)).not.toContain('can be fixed automatically');
    // the same for a write that failed and for fixes that would break the parse
    for (const message of ['Could not write fixes (EACCES): no fix was applied to this file', 'Fixes not applied: they would introduce a parse error (rules: hf/unpinned-revision)']) {
      const other = sampleResult();
      other.files[0].diagnostics.push({ file: other.files[0].file, kind: 'internal', severity: 'error', message });
      expect(summarizeResult(other).fixable, message).toBe(0);
    }
    // a file-level diagnostic of the scan-wide list counts for its file too
    const global = sampleResult();
    global.diagnostics.push({ file: global.files[0].file, kind: 'skipped', severity: 'warning', message: 'Fixes not applied: the file is read in its declared encoding "cp1252", and Oculum writes UTF-8 only' });
    expect(summarizeResult(global).fixable).toBe(0);
  });
});

describe('json', () => {
  const schemaPath = fileURLToPath(new URL('../src/formatters/json-schema.json', import.meta.url));
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
  const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

  const report = JSON.parse(formatters.json(sampleResult(), ctx));

  it('validates against the documented JSON Schema', () => {
    expect(validate(report) ? [] : validate.errors).toEqual([]);
    const clean = JSON.parse(formatters.json(cleanResult(), ctx));
    expect(validate(clean) ? [] : validate.errors).toEqual([]);
    expect(clean.files).toEqual([]);
  });

  it('the schema is strict enough to reject a wrong report', () => {
    expect(validate({ ...report, version: 2 })).toBe(false);
    expect(validate({ ...report, files: [{ ...report.files[0], findings: [{ ...report.files[0].findings[0], severity: 'severe' }] }] })).toBe(false);
  });

  it('has a version, the Oculum version, the cwd, a summary, stats and the rules', () => {
    expect(report.version).toBe(JSON_FORMAT_VERSION);
    expect(report.oculumVersion).toBe('0.1.0');
    expect(report.cwd).toBe(CWD);
    expect(report.summary.findings).toBe(3);
    expect(report.stats.files).toBe(4);
    expect(report.rules.map((r: { id: string }) => r.id)).toEqual(['hf/trainer-push-to-hub', 'hf/unpinned-revision', 'torch/load-without-weights-only']);
    expect(report.rules[1]).toMatchObject({ fixable: true, hasSuggestions: false, url: 'https://example.test/rules/hf/unpinned-revision', presets: ['oculum:strict', 'oculum:all'] });
  });

  it('gives a built-in rule without docs.url the doc link SARIF uses; another plugin\'s rule without one null', () => {
    const sarifRules = JSON.parse(formatters.sarif(sampleResult(), { cwd: CWD })).runs[0].tool.driver.rules;
    const torch = report.rules.find((r: { id: string }) => r.id === 'torch/load-without-weights-only');
    expect(torch.url).toBe('https://github.com/oculum-dev/oculum/blob/main/packages/plugin-python-torch/docs/rules/load-without-weights-only.md');
    expect(torch.url).toBe(sarifRules.find((r: { id: string }) => r.id === torch.id).helpUri);
    const custom = { ...sampleResult().rules[0], id: 'acme/x', namespace: 'acme', name: 'x', plugin: 'oculum-plugin-acme' };
    expect(jsonRule(custom).url).toBeNull();
  });

  it('lists files with relative and absolute paths, findings sorted, suppressed ones included and marked', () => {
    expect(report.files.map((f: { file: string }) => f.file)).toEqual(['models/huge.bin', 'src/serve dir/app.py', 'src/train.py']);
    const train = report.files[2];
    expect(train.path).toBe(at('src/train.py'));
    expect(train.language).toBe('python');
    expect(train.findings.map((f: Finding) => f.line)).toEqual([3, 12, 20]);
    expect(train.findings[2].suppressed).toEqual({ kind: 'inSource', justification: 'trusted file from our bucket' });
    expect(train.findings[0].suppressed).toBeNull();
    expect(report.files[1].findings.find((f: Finding) => f.suppressed)?.suppressed).toEqual({ kind: 'external', justification: null });
    expect(train.findings[1].fix).toEqual({ range: [120, 140], text: 'revision="abc123"' });
    expect(train.findings[0].suggestions).toEqual([{ messageId: 'addWeightsOnly', desc: 'Add `weights_only=True`', fix: { range: [40, 40], text: ', weights_only=True' } }]);
    expect(train.diagnostics).toEqual([{ file: 'src/train.py', line: 30, column: 1, kind: 'unused-directive', severity: 'warning', message: 'Unused oculum-ignore directive (no finding to suppress).' }]);
    expect(report.diagnostics).toEqual([{ kind: 'config', severity: 'warning', message: 'Plugin @oculum/plugin-js-transformersjs could not be loaded.' }]);
  });

  it('matches toJsonReport and is deterministic', () => {
    expect(report).toEqual(toJsonReport(sampleResult(), ctx));
    const shuffled = sampleResult();
    shuffled.files.reverse();
    shuffled.rules.reverse();
    expect(formatters.json(shuffled, ctx)).toBe(formatters.json(sampleResult(), ctx));
  });
});

describe('summaries and --fail-on', () => {
  const result = (): ScanResult => ({
    ...cleanResult(),
    files: [
      {
        file: at('src/a.py'),
        language: 'python',
        findings: [
          finding({ ruleId: 'torch/load-without-weights-only', file: at('src/a.py'), line: 1, severity: 'low' }),
          finding({ ruleId: 'torch/load-without-weights-only', file: at('src/a.py'), line: 2, severity: 'info', level: 'warn' }),
        ],
        diagnostics: [],
      },
    ],
  });

  it('do not say "✖ 1 error" for a run whose errors are all below --fail-on; info rows are not "(warning)"', () => {
    const text = formatters.stylish(result(), { cwd: CWD, failOn: 'high' });
    expect(text).toContain('⚠ 2 findings (1 low, 1 info)');
    expect(text).toContain('1 error (does not fail the run: below --fail-on high), 0 warnings, 1 info in 1 file');
    expect(text).not.toContain('✖');
    const md = formatters.markdown(result(), { cwd: CWD, failOn: 'high' });
    expect(md).toContain('1 error (does not fail the run: below --fail-on high), 0 warnings, 1 info in 1 file');
    expect(md).not.toContain('(warning)');
    // one failing error among them, and --fail-on none
    const failing = formatters.stylish(result(), { cwd: CWD, failOn: 'low' });
    expect(failing).toContain('✖ 2 findings');
    expect(failing).toContain('1 error, 0 warnings, 1 info in 1 file');
    const mixed = result();
    mixed.files[0].findings.push(finding({ ruleId: 'torch/load-without-weights-only', file: at('src/a.py'), line: 3, severity: 'critical' }));
    expect(formatters.stylish(mixed, { cwd: CWD, failOn: 'high' })).toContain('2 errors (1 not failing the run: below --fail-on high)');
    expect(formatters.stylish(result(), { cwd: CWD, failOn: 'none' })).toContain('1 error (does not fail the run: --fail-on none)');
    // too many warnings fail the run too (`--max-warnings`): the summary says ✖, as the exit code does
    const warned = result();
    warned.files[0].findings[0] = { ...warned.files[0].findings[0], level: 'warn' };
    expect(formatters.stylish(warned, { cwd: CWD, failOn: 'high' })).toMatch(/^⚠ /m);
    expect(formatters.stylish(warned, { cwd: CWD, failOn: 'high', maxWarnings: 0 })).toMatch(/^✖ /m);
    expect(formatters.stylish(warned, { cwd: CWD, failOn: 'high', maxWarnings: -1 })).toMatch(/^⚠ /m);
    // the JSON report is unchanged by it
    expect(formatters.json(result(), { cwd: CWD, failOn: 'high' })).toBe(formatters.json(result(), { cwd: CWD }));
  });
});

describe('markdown', () => {
  const out = formatters.markdown(sampleResult(), ctx);

  it('starts with a summary heading', () => {
    expect(out.split('\n')[0]).toBe('### 🛡️ Oculum: 3 findings (1 critical, 1 high, 1 medium)');
  });

  it('has a table of severity, rule, file:line and message, worst first', () => {
    const rows = out.split('\n').filter((l) => l.startsWith('|'));
    expect(rows[0]).toBe('| Severity | Rule | Location | Message |');
    expect(rows[1]).toBe('| --- | --- | --- | --- |');
    expect(rows.slice(2)).toEqual([
      '| 🔴 critical | [`torch/load-without-weights-only`](https://github.com/oculum-dev/oculum/blob/main/packages/plugin-python-torch/docs/rules/load-without-weights-only.md) | `src/train.py:3` | `torch.load` without `weights_only=True` can execute code from the checkpoint. |',
      '| 🟠 high | [`hf/unpinned-revision`](https://example.test/rules/hf/unpinned-revision) | `src/train.py:12` | `from_pretrained` without a pinned revision. _(confidence: medium)_ |',
      '| 🟡 medium | [`hf/trainer-push-to-hub`](https://github.com/oculum-dev/oculum/blob/main/packages/plugin-python-hf/docs/rules/trainer-push-to-hub.md) | `src/serve dir/app.py:7` | Checkpoints \\| are pushed without review. _(confidence: low, warning)_ |',
    ]);
  });

  it('notes suppressed findings, fixes and diagnostics', () => {
    expect(out).toContain('> 2 suppressed findings not listed.');
    expect(out).toContain('> 1 finding can be fixed automatically with `oculum scan --fix`.');
    expect(out).toContain('<details><summary>3 diagnostics</summary>');
  });

  it('leaves the rule id unlinked when the rule is unknown', () => {
    const result = cleanResult();
    const file = at('a.py');
    result.files = [{ file, findings: [finding({ ruleId: 'custom/thing', file, line: 1 })], diagnostics: [] }];
    expect(formatters.markdown(result, ctx)).toContain('| `custom/thing` | `a.py:1` |');
  });

  it('escapes HTML in messages and caps very long tables', () => {
    const many = cleanResult();
    const file = at('big.py');
    many.files = [
      {
        file,
        findings: Array.from({ length: 250 }, (_, i) => finding({ ruleId: 'torch/load-without-weights-only', file, line: i + 1, message: '<script>x</script>' })),
        diagnostics: [],
      },
    ];
    const text = formatters.markdown(many, ctx);
    expect(text).not.toContain('<script>');
    expect(text).toContain('&lt;script&gt;');
    expect(text.split('\n').filter((l) => l.startsWith('| 🔴'))).toHaveLength(200);
    expect(text).toContain('…and 50 more findings not shown');
  });

  it('stays under GitHub\'s comment limit by size, not only by rows, and says where the rest is (ciux P1-3)', () => {
    const many = cleanResult();
    const files = Array.from({ length: 300 }, (_, i) => at(`pkg/module_${i}/train.py`));
    many.files = files.map((file) => ({
      file,
      language: 'python',
      findings: [finding({ ruleId: 'torch/load-without-weights-only', file, line: 2, message: '`torch.load` without `weights_only=True` unpickles arbitrary objects on torch < 2.6: a malicious checkpoint runs code when it is loaded. Pass `weights_only=True` or load safetensors.' })],
      diagnostics: [{ file, kind: 'parse-error' as const, severity: 'warning' as const, message: 'Syntax error: an unexpected token here, and a long explanation of what the parser saw.' }],
    }));
    const text = formatters.markdown(many, ctx);
    expect(text.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS);
    const rows = text.split('\n').filter((l) => l.startsWith('| 🔴')).length;
    expect(rows).toBeGreaterThan(50);
    expect(rows).toBeLessThan(200);
    expect(text).toContain(`_…and ${300 - rows} more findings not shown (this comment stays under GitHub's 65,536-character limit); \`oculum scan --format json\` or \`--format sarif\` lists them all._`);
    const diagnostics = text.split('\n').filter((l) => l.startsWith('- warning')).length;
    expect(diagnostics).toBeGreaterThan(10);
    expect(text).toContain(`- …and ${300 - diagnostics} more (\`oculum scan --format json\` or \`--format sarif\` lists them all)`);
    expect(text.trimEnd().endsWith('<sub>Oculum 0.1.0</sub>')).toBe(true);
  });

  it('gives a model file\'s findings the file alone, with no line (the file is binary)', () => {
    const result = cleanResult();
    const file = at('models/ckpt.pt');
    result.files = [{ file, language: 'model', findings: [finding({ ruleId: 'model/model-format-inventory', file, line: 1, endColumn: 1, severity: 'info', level: 'warn', message: 'PyTorch zip.' })], diagnostics: [] }];
    expect(formatters.markdown(result, ctx)).toContain('| `model/model-format-inventory` | `models/ckpt.pt` | PyTorch zip. |');
  });

  it('says so when clean', () => {
    expect(formatters.markdown(cleanResult(), ctx)).toContain('### ✅ Oculum: no findings');
  });
});

// (review s36js P1) a file with hundreds of thousands of findings: every formatter lists them without
// overflowing the call stack (a `push(...xs)` of them did)
describe('a file of 200,000 findings', () => {
  it('is formatted by every formatter', () => {
    const result = sampleResult();
    const file = result.files[0];
    const many = Array.from({ length: 200_000 }, (_, i) => finding({ ruleId: 'torch/load-without-weights-only', file: file.file, line: i + 1, message: 'm' }));
    result.files = [{ ...file, findings: many, diagnostics: [] }];
    for (const name of ['stylish', 'json', 'sarif', 'markdown'] as const) {
      expect(() => formatters[name](result, { cwd: result.cwd, color: false, version: result.version }), name).not.toThrow();
    }
  });
});
