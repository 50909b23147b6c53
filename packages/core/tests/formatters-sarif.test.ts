/**
 * The SARIF formatter against the official SARIF 2.1.0 JSON schema (OASIS sarif-spec,
 * Schemata/sarif-schema-2.1.0.json, kept verbatim in fixtures/), plus what GitHub code scanning reads.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { formatters, SARIF_MAX_RESULTS, toSarif } from '../src/formatters/index.js';
import type { ScanResult } from '../src/types.js';
import { at, cleanResult, CWD, finding, sampleResult } from './formatters-sample.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const schemaPath = fileURLToPath(new URL('./fixtures/sarif-schema-2.1.0.json', import.meta.url));
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));

/**
 * Two quirks of the published file, handled here rather than by editing it:
 * - its `language` patterns use the inline flag `(?i)`, which JavaScript regular expressions do not
 *   support: we strip it and compile case-insensitively instead;
 * - it declares JSON Schema 2020-12 but keeps `region`'s `anyOf` inside `properties`, which the
 *   meta-schema rejects, so it is compiled without meta-validation (`validateSchema: false`). The
 *   only rule lost is "a region has startLine, charOffset or byteOffset"; a test below checks that.
 */
const regExp = Object.assign(
  (pattern: string, flags: string) =>
    pattern.includes('(?i)') ? new RegExp(pattern.replace('(?i)', ''), `${flags}i`) : new RegExp(pattern, flags),
  { code: 'new RegExp' },
);

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true, validateSchema: false, code: { regExp } });
addFormats(ajv);
const validate = ajv.compile(schema);

const ctx = { cwd: CWD, color: false, version: '0.1.0' };

function sarifOf(result: ScanResult) {
  const text = formatters.sarif(result, ctx);
  return JSON.parse(text);
}

function expectValid(log: unknown) {
  const ok = validate(log);
  expect(ok ? [] : validate.errors).toEqual([]);
}

describe('sarif formatter', () => {
  it('is a verbatim copy of the official schema', () => {
    expect(schema.title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
    expect(fs.statSync(schemaPath).size).toBe(112785);
  });

  it('produces a log that validates against the SARIF 2.1.0 schema', () => {
    expectValid(sarifOf(sampleResult()));
  });

  it('validates for a clean scan, an empty scan and findings outside the working directory', () => {
    expectValid(sarifOf(cleanResult()));
    expectValid(sarifOf({ ...cleanResult(), files: [], rules: [], diagnostics: [] }));
    const outside = '/elsewhere/x.py';
    const result = cleanResult();
    result.files.push({ file: outside, findings: [finding({ ruleId: 'torch/load-without-weights-only', file: outside, line: 1 })], diagnostics: [] });
    const log = sarifOf(result);
    expectValid(log);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'file:///elsewhere/x.py' });
  });

  it('gives every region a startLine (the schema constraint the validator cannot enforce)', () => {
    const log = sarifOf(sampleResult());
    for (const r of log.runs[0].results) expect(r.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
  });

  it('rejects a broken log (the validator is really checking)', () => {
    const log = sarifOf(sampleResult());
    log.runs[0].results[0].level = 'fatal';
    delete log.runs[0].results[1].message;
    expect(validate(log)).toBe(false);
  });

  it('describes the tool and every loaded rule for GitHub code scanning', () => {
    const log = sarifOf(sampleResult());
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0\.json$/);
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('Oculum');
    expect(driver.version).toBe('0.1.0');
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(['hf/trainer-push-to-hub', 'hf/unpinned-revision', 'torch/load-without-weights-only']);
    const torch = driver.rules[2];
    expect(torch).toMatchObject({
      id: 'torch/load-without-weights-only',
      name: 'load-without-weights-only',
      shortDescription: { text: 'Disallow `torch.load` without `weights_only=True`.' },
      defaultConfiguration: { level: 'error' },
      properties: {
        detector: 'unsafe_model_load',
        severity: 'critical',
        'security-severity': '9.5',
      },
    });
    expect(torch.fullDescription.text).toContain('weights_only=True');
    expect(torch.helpUri).toMatch(/plugin-python-torch\/docs\/rules\/load-without-weights-only\.md$/);
    expect(torch.properties.tags).toEqual(expect.arrayContaining(['security', 'unsafe_model_load', 'external/cwe/cwe-502']));
    expect(driver.rules[1].helpUri).toBe('https://example.test/rules/hf/unpinned-revision');
    expect(driver.rules[1].properties['security-severity']).toBe('8.0');
    expect(driver.rules[0].properties['security-severity']).toBe('5.5');
    expect(driver.rules[0].defaultConfiguration.level).toBe('warning');
  });

  it('maps every severity to a level and a security-severity', () => {
    const levels: Record<string, string> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
    const scores: Record<string, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };
    for (const severity of ['critical', 'high', 'medium', 'low', 'info'] as const) {
      const result = cleanResult();
      result.rules = [{ ...result.rules[0], meta: { ...result.rules[0].meta, severity } }];
      const file = at('a.py');
      result.files = [{ file, findings: [finding({ ruleId: result.rules[0].id, file, line: 1, severity })], diagnostics: [] }];
      const log = sarifOf(result);
      expectValid(log);
      expect(log.runs[0].results[0].level).toBe(levels[severity]);
      expect(log.runs[0].tool.driver.rules[0].defaultConfiguration.level).toBe(levels[severity]);
      expect(log.runs[0].tool.driver.rules[0].properties['security-severity']).toBe(scores[severity]);
    }
  });

  it('reports results with rule index, 1-based regions relative to %SRCROOT%, fingerprints and properties', () => {
    const log = sarifOf(sampleResult());
    const run = log.runs[0];
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///work/project/');
    expect(run.columnKind).toBe('utf16CodeUnits');
    const results = run.results;
    expect(results).toHaveLength(5);
    const first = results.find((r: any) => r.ruleId === 'torch/load-without-weights-only' && !r.suppressions && r.locations[0].physicalLocation.region.startLine === 3);
    expect(first.ruleIndex).toBe(2);
    expect(run.tool.driver.rules[first.ruleIndex].id).toBe(first.ruleId);
    expect(first.level).toBe('error');
    expect(first.message.text).toContain('torch.load');
    expect(first.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'src/train.py', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3, startColumn: 9, endLine: 3, endColumn: 31 },
    });
    expect(first.partialFingerprints).toEqual({ primaryLocationLineHash: 'fp-torch/load-without-weights-only-3' });
    expect(first.properties).toMatchObject({ detector: 'unsafe_model_load', severity: 'critical', confidence: 'high' });
    const spaced = results.find((r: any) => r.ruleId === 'hf/trainer-push-to-hub');
    expect(spaced.locations[0].physicalLocation.artifactLocation.uri).toBe('src/serve%20dir/app.py');
    expect(spaced.properties.confidence).toBe('low');
  });

  it('marks suppressed findings with inSource / external suppressions', () => {
    const results = sarifOf(sampleResult()).runs[0].results;
    const suppressed = results.filter((r: any) => r.suppressions);
    expect(suppressed.map((r: any) => r.suppressions)).toEqual([
      [{ kind: 'external', status: 'accepted' }],
      [{ kind: 'inSource', status: 'accepted', justification: 'trusted file from our bucket' }],
    ]);
    expect(results.filter((r: any) => !r.suppressions)).toHaveLength(3);
  });

  it('turns fixes and suggestions into SARIF fixes with deleted regions and inserted content', () => {
    const results = sarifOf(sampleResult()).runs[0].results;
    const fixed = results.find((r: any) => r.ruleId === 'hf/unpinned-revision');
    expect(fixed.fixes).toEqual([
      {
        description: { text: 'Autofix for hf/unpinned-revision' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'src/train.py', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { charOffset: 120, charLength: 20 }, insertedContent: { text: 'revision="abc123"' } }],
          },
        ],
      },
    ]);
    const suggested = results.find((r: any) => r.ruleId === 'torch/load-without-weights-only' && r.fixes);
    expect(suggested.fixes[0].description.text).toBe('Add `weights_only=True`');
    expect(suggested.fixes[0].artifactChanges[0].replacements[0]).toEqual({ deletedRegion: { charOffset: 40, charLength: 0 }, insertedContent: { text: ', weights_only=True' } });
  });

  it('lowers error-level severities to warning for findings configured as warn', () => {
    const result = cleanResult();
    const file = at('a.py');
    result.files = [{ file, findings: [finding({ ruleId: 'torch/load-without-weights-only', file, line: 1, level: 'warn' })], diagnostics: [] }];
    expect(sarifOf(result).runs[0].results[0].level).toBe('warning');
  });

  it('reports diagnostics as tool execution notifications', () => {
    const invocation = sarifOf(sampleResult()).runs[0].invocations[0];
    expect(invocation.executionSuccessful).toBe(true);
    expect(invocation.toolExecutionNotifications).toHaveLength(3);
    expect(invocation.toolExecutionNotifications).toContainEqual({
      level: 'warning',
      message: { text: 'Unused oculum-ignore directive (no finding to suppress).' },
      descriptor: { id: 'unused-directive' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'src/train.py', uriBaseId: '%SRCROOT%' }, region: { startLine: 30, startColumn: 1 } } }],
    });
    expect(invocation.toolExecutionNotifications).toContainEqual({ level: 'warning', message: { text: 'Plugin @oculum/plugin-js-transformersjs could not be loaded.' }, descriptor: { id: 'config' } });
    const failed = cleanResult();
    failed.diagnostics = [{ kind: 'internal', severity: 'error', message: 'worker crashed' }];
    const log = sarifOf(failed);
    expectValid(log);
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(false);
  });

  it('keeps the rule index valid for a finding whose rule is not listed', () => {
    const result = cleanResult();
    const file = at('a.py');
    result.files = [{ file, findings: [finding({ ruleId: 'custom/thing', file, line: 2 })], diagnostics: [] }];
    const log = sarifOf(result);
    expectValid(log);
    const r = log.runs[0].results[0];
    expect(log.runs[0].tool.driver.rules[r.ruleIndex].id).toBe('custom/thing');
  });

  it("keeps regions valid whatever location a custom rule reported (clamped to 1, end not before start)", () => {
    const result = cleanResult();
    const file = at('a.py');
    result.files = [
      {
        file,
        findings: [
          finding({ ruleId: 'custom/thing', file, line: -5, column: 1e9, endLine: 1e9, endColumn: -1 }),
          finding({ ruleId: 'custom/thing', file, line: Number.NaN, column: 1.5, endLine: 0, endColumn: Number.POSITIVE_INFINITY }),
        ],
        diagnostics: [{ file, line: -3, column: -7, kind: 'parse-error', severity: 'warning', message: 'bad position' }],
      },
    ];
    const log = sarifOf(result);
    expectValid(log);
    expect(log.runs[0].results.map((r: { locations: Array<{ physicalLocation: { region: unknown } }> }) => r.locations[0].physicalLocation.region)).toEqual([
      { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
      { startLine: 1, startColumn: 1000000000, endLine: 1000000000, endColumn: 1 },
    ]);
    expect(log.runs[0].invocations[0].toolExecutionNotifications[0].locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 1 });
  });

  it('gives a model file\'s results no region: the binary file has no lines (SARIF 2.1.0 allows an artifactLocation alone)', () => {
    const result = cleanResult();
    const file = at('models/ckpt.pt');
    result.files = [{ file, language: 'model', findings: [finding({ ruleId: 'model/model-format-inventory', file, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'info', level: 'warn' })], diagnostics: [] }];
    const log = sarifOf(result);
    expectValid(log);
    expect(log.runs[0].results[0].locations).toEqual([{ physicalLocation: { artifactLocation: { uri: 'models/ckpt.pt', uriBaseId: '%SRCROOT%' } } }]);
  });

  it('keeps the 25,000 most severe results GitHub accepts in a run, and says how many it left out (ciux P1-2)', () => {
    const result = cleanResult();
    const files = Array.from({ length: 2_501 }, (_, i) => at(`legacy/m${String(i).padStart(4, '0')}.py`));
    result.files = files.map((file, i) => ({
      file,
      language: 'python',
      findings: [
        // one high finding in the very last file, and warn-level and suppressed ones: the cut goes by level, then severity
        ...Array.from({ length: 9 }, (_, j) => finding({ ruleId: 'hf/trainer-push-to-hub', file, line: j + 1 })),
        i === 2_500 ? finding({ ruleId: 'hf/unpinned-revision', file, line: 20 }) : finding({ ruleId: 'hf/trainer-push-to-hub', file, line: 20, suppressed: { kind: 'inSource' } }),
      ],
      diagnostics: [],
    }));
    const log = sarifOf(result);
    const run = log.runs[0];
    expect(SARIF_MAX_RESULTS).toBe(25_000);
    expect(run.results).toHaveLength(25_000);
    // 25,010 results: the high one kept, 10 suppressed medium ones left out, the rest in their order
    expect(run.results.filter((r: any) => r.ruleId === 'hf/unpinned-revision')).toHaveLength(1);
    expect(run.results.filter((r: any) => r.suppressions)).toHaveLength(2_500 - 10);
    expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('legacy/m0000.py');
    expect(run.invocations[0].executionSuccessful).toBe(true);
    expect(run.invocations[0].toolExecutionNotifications).toEqual([
      {
        level: 'warning',
        message: { text: '10 results of 25010 left out: this log keeps 25000, unsuppressed results first, then the most severe (GitHub code scanning rejects a run of more than 25000 results). `oculum scan --format json` lists them all.' },
        descriptor: { id: 'limit' },
      },
    ]);
  });

  it('orders the cut unsuppressed first, then by level, then severity (a smaller limit; review w38core P2-3)', () => {
    const result = cleanResult();
    const file = at('a.py');
    result.files = [
      {
        file,
        findings: [
          finding({ ruleId: 'hf/trainer-push-to-hub', file, line: 1 }),
          finding({ ruleId: 'torch/load-without-weights-only', file, line: 2, level: 'warn' }),
          finding({ ruleId: 'hf/unpinned-revision', file, line: 3, suppressed: { kind: 'inSource' } }),
          finding({ ruleId: 'hf/unpinned-revision', file, line: 4 }),
          finding({ ruleId: 'torch/load-without-weights-only', file, line: 5 }),
        ],
        diagnostics: [{ file, kind: 'parse-error', severity: 'warning', message: 'bad' }],
      },
    ];
    const log = toSarif(result, ctx, { maxResults: 3 });
    expectValid(log);
    const kept = log.runs[0].results.map((r: any) => r.locations[0].physicalLocation.region.startLine);
    // (the suppressed high one at line 3 goes before the unsuppressed warn-level one at line 2)
    expect(kept).toEqual([2, 4, 5]);
    const withoutSuppressed = toSarif(result, ctx, { maxResults: 2 }).runs[0].results.map((r: any) => r.locations[0].physicalLocation.region.startLine);
    expect(withoutSuppressed).toEqual([4, 5]);
    const notifications = log.runs[0].invocations[0].toolExecutionNotifications as Array<{ message: { text: string } }>;
    expect(notifications.map((n) => n.message.text)).toEqual(['2 results of 5 left out: this log keeps 3, unsuppressed results first, then the most severe (GitHub code scanning rejects a run of more than 25000 results). `oculum scan --format json` lists them all.', 'bad']);
    expect(toSarif(result, ctx).runs[0].results).toHaveLength(5);
  });

  it('is deterministic whatever order the engine produced', () => {
    const a = sampleResult();
    const b = sampleResult();
    b.files.reverse();
    b.files.forEach((f) => f.findings.reverse());
    b.rules = [...b.rules].reverse();
    expect(formatters.sarif(b, ctx)).toBe(formatters.sarif(a, ctx));
    expect(toSarif(a, ctx)).toEqual(JSON.parse(formatters.sarif(a, ctx)));
  });

  it('makes URIs relative to the repository root, found upward from cwd, so GitHub maps alerts of a scan run in a subdirectory', () => {
    const repo = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'oculum-sarif-')));
    try {
      fs.mkdirSync(path.join(repo, '.git'));
      fs.mkdirSync(path.join(repo, 'ml', 'src'), { recursive: true });
      const cwd = path.join(repo, 'ml');
      const inRepo = (rel: string) => path.join(cwd, ...rel.split('/'));
      const result: ScanResult = {
        ...cleanResult(),
        cwd,
        files: [{ file: inRepo('src/train.py'), language: 'python', findings: [finding({ ruleId: 'torch/load-without-weights-only', file: inRepo('src/train.py'), line: 3 })], diagnostics: [] }],
        diagnostics: [{ file: inRepo('src/x.py'), kind: 'skipped', severity: 'warning', message: 'skipped' }],
      };
      const log = JSON.parse(formatters.sarif(result, { cwd, color: false, version: '0.1.0' }));
      expectValid(log);
      const run = log.runs[0];
      expect(run.results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'ml/src/train.py', uriBaseId: '%SRCROOT%' });
      expect(run.invocations[0].toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'ml/src/x.py', uriBaseId: '%SRCROOT%' });
      expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(pathToFileURL(repo).href + '/');
      expect(run.originalUriBaseIds['%SRCROOT%'].description.text).toMatch(/root of the git work tree/);
      // a git worktree or submodule has a .git file; an explicit sourceRoot wins
      fs.rmSync(path.join(repo, '.git'), { recursive: true });
      fs.writeFileSync(path.join(repo, '.git'), 'gitdir: ../elsewhere\n');
      expect(JSON.parse(formatters.sarif(result, { cwd })).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('ml/src/train.py');
      const rooted = JSON.parse(formatters.sarif(result, { cwd, sourceRoot: cwd }));
      expect(rooted.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('src/train.py');
      // outside any repository: relative to cwd, as before
      fs.rmSync(path.join(repo, '.git'));
      expect(JSON.parse(formatters.sarif(result, { cwd })).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('src/train.py');
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });
});
