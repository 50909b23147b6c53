/**
 * Formatters on results produced by the real engine (`scan` with the toy plugin): fixes,
 * suggestions-free rules, inline and external suppressions, parse errors, unused directives and
 * warn-level rules, validated against the SARIF 2.1.0 schema and the JSON report schema.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatters } from '../src/formatters/index.js';
import { scan } from '../src/scan.js';
import type { ScanResult } from '../src/types.js';
import { project, TOY_PLUGIN } from './helpers.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const read = (rel: string) => JSON.parse(fs.readFileSync(fileURLToPath(new URL(rel, import.meta.url)), 'utf8'));
const regExp = Object.assign(
  (pattern: string, flags: string) =>
    pattern.includes('(?i)') ? new RegExp(pattern.replace('(?i)', ''), `${flags}i`) : new RegExp(pattern, flags),
  { code: 'new RegExp' },
);
const sarifAjv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, code: { regExp } });
addFormats(sarifAjv);
const validateSarif = sarifAjv.compile(read('./fixtures/sarif-schema-2.1.0.json'));
const validateJson = new Ajv({ allErrors: true, strict: true }).compile(read('../src/formatters/json-schema.json'));

let result: ScanResult;
let cwd: string;

beforeAll(async () => {
  cwd = project({
    '.oculumrc': JSON.stringify({ extends: ['toy/strict'] }),
    'src/main.toy': 'load danger\n# oculum-ignore-next-line[toy/no-danger] -- reviewed\nkeep danger\nevil twin\n',
    'src/broken.toy': 'danger !!! here\n',
    'src/unused.toy': '# oculum-ignore-next-line\nquiet line\n',
    'vendor/.oculumrc': JSON.stringify({ rules: { 'toy/no-danger': 'off' } }),
    'vendor/lib.toy': 'danger inside\n',
    'clean.toy': 'all good\n',
  });
  result = await scan({ cwd, plugins: [TOY_PLUGIN], workers: 0 });
});

describe('formatters on a real scan', () => {
  it('the scan produced every kind of entry the formatters handle', () => {
    const all = result.files.flatMap((f) => f.findings);
    expect(all.some((f) => f.fix)).toBe(true);
    expect(all.some((f) => f.suppressed?.kind === 'inSource')).toBe(true);
    expect(all.some((f) => f.suppressed?.kind === 'external')).toBe(true);
    expect(all.some((f) => f.level === 'warn')).toBe(true);
    const kinds = [...result.diagnostics, ...result.files.flatMap((f) => f.diagnostics)].map((d) => d.kind);
    expect(kinds).toEqual(expect.arrayContaining(['parse-error', 'unused-directive']));
  });

  it('sarif validates against the SARIF 2.1.0 schema, with suppressions and fixes', () => {
    const log = JSON.parse(formatters.sarif(result, { cwd, color: false, version: result.version }));
    expect(validateSarif(log) ? [] : validateSarif.errors).toEqual([]);
    const results = log.runs[0].results;
    expect(results.some((r: any) => r.suppressions?.[0]?.kind === 'inSource' && r.suppressions[0].justification === 'reviewed')).toBe(true);
    expect(results.some((r: any) => r.suppressions?.[0]?.kind === 'external')).toBe(true);
    expect(results.some((r: any) => r.fixes?.[0]?.artifactChanges?.[0]?.replacements?.[0]?.insertedContent?.text === 'safe')).toBe(true);
    for (const r of results) expect(log.runs[0].tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    const uris = results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toContain('src/main.toy');
    expect(uris).toContain('vendor/lib.toy');
    expect(log.runs[0].invocations[0].toolExecutionNotifications.map((n: any) => n.descriptor.id)).toEqual(
      expect.arrayContaining(['parse-error', 'unused-directive']),
    );
  });

  it('json validates against its schema, with suppressed findings marked', () => {
    const report = JSON.parse(formatters.json(result, { cwd, color: false, version: result.version }));
    expect(validateJson(report) ? [] : validateJson.errors).toEqual([]);
    const main = report.files.find((f: any) => f.file === 'src/main.toy');
    expect(main.findings.map((f: any) => [f.line, f.ruleId, f.suppressed?.kind ?? null])).toEqual([
      [1, 'toy/no-danger', null],
      [3, 'toy/no-danger', 'inSource'],
      [4, 'toy/no-names', null],
    ]);
    expect(report.summary.suppressed).toBe(2);
  });

  it('stylish lists active findings and diagnostics and hides suppressed ones', () => {
    const out = formatters.stylish(result, { cwd, color: false, version: result.version });
    expect(out).toContain('src/main.toy');
    expect(out).toMatch(/1:6 +high +Found danger\. \(fixable\) +toy\/no-danger/);
    expect(out).toMatch(/4:1 +medium +Found evil\. \(warning, confidence: medium\) +toy\/no-names/);
    expect(out).not.toContain('vendor/lib.toy\n  1:1');
    expect(out).toContain('[parse-error]');
    expect(out).toContain('[unused-directive]');
    expect(out).toContain('2 suppressed (not shown)');
  });

  it('markdown has a row per active finding', () => {
    const out = formatters.markdown(result, { cwd, color: false, version: result.version });
    expect(out.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Severity') && !l.startsWith('| ---'))).toHaveLength(
      result.files.flatMap((f) => f.findings).filter((f) => !f.suppressed).length,
    );
  });
});
