import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAnnotations, RuleTester, runFixture, testApi, type RuleTests } from '../src/index.js';
import { outcomeList, outcomes } from './collect.js';
import { dangerRule, toy } from './toy.js';

// The real thing: these cases must pass.
new RuleTester({ language: toy }).run('toy/no-danger', dangerRule, {
  valid: ['fine', { code: 'also fine', name: 'named case' }, { code: 'x', options: [{ extra: 'y' }] }],
  invalid: [
    {
      code: 'a danger',
      output: 'a safe',
      errors: [{ messageId: 'danger', data: { name: 'danger' }, line: 1, column: 3, endLine: 1, endColumn: 9, confidence: 'high', severity: 'high', suggestions: [{ messageId: 'useCareful', output: 'a careful' }] }],
    },
    { code: 'bad', output: null, errors: [{ messageId: 'bad', confidence: 'low', suggestions: [] }] },
    { code: 'oops', options: [{ extra: 'oops' }], output: 'safe', errors: [{ messageId: 'danger', suggestions: [{ messageId: 'useCareful', output: 'careful' }] }] },
  ],
});

runFixture({ file: fileURLToPath(new URL('./fixtures/sample.toy', import.meta.url)), language: toy, rules: { 'toy/no-danger': dangerRule } });

// Outcomes in registration order: [0] is the language check, then valid cases, then invalid ones.
const run = async (tests: RuleTests) => (await outcomeList(() => new RuleTester({ language: toy }).run('toy/no-danger', dangerRule, tests))).map(([, r]) => r);
const runNamed = (tests: RuleTests) => outcomes(() => new RuleTester({ language: toy }).run('toy/no-danger', dangerRule, tests));

describe('RuleTester strictness', () => {
  it('fails a valid case with findings', async () => {
    const r = await runNamed({ valid: ['danger'], invalid: [] });
    expect(r['toy/no-danger > valid > danger']).toMatch(/Should have no findings but had 1:\n  1:1-1:7 toy\/no-danger \[danger\] Avoid danger\./);
  });

  // (review author36 P2-4) a case the prefilter skips says so
  it('says when the prefilter skipped an invalid case', async () => {
    const triggered = { ...dangerRule, meta: { ...dangerRule.meta, triggers: ['dangerous'] } };
    const r = await outcomes(() => new RuleTester({ language: toy }).run('toy/no-danger', triggered, { valid: [], invalid: [{ code: 'bad', errors: [{ messageId: 'bad' }] }] }));
    expect(r['toy/no-danger > invalid > bad']).toMatch(/Should have 1 finding\(s\) but had 0:\n  \(none\)\n  \(the prefilter skipped this code: it must contain one of meta\.triggers \["dangerous"\], outside comments and docstrings\)/);
  });

  it('says when a rule that found nothing listens to a node type the language does not have', async () => {
    const typed = { ...toy, nodeTypes: () => new Set(['Program', 'Stmt', 'Word']) };
    const wrongKey = { ...dangerRule, create: () => ({ CallExpression() {}, 'Word:exit'() {} }) };
    const r = await outcomes(() => new RuleTester({ language: typed }).run('toy/no-danger', wrongKey, { valid: [], invalid: [{ code: 'bad', errors: [{ messageId: 'bad' }] }] }));
    expect(r['toy/no-danger > invalid > bad']).toMatch(/had 0:\n  \(none\)\n  \(the rule listens to "CallExpression", which is not a node type of toy: that handler never runs\)/);
  });

  it('creates no empty suite for an empty table (Vitest fails empty suites)', async () => {
    const r = await runNamed({ valid: [], invalid: [{ code: 'bad', errors: [{ messageId: 'bad' }] }] });
    expect(Object.keys(r)).toEqual(['toy/no-danger > rule serves the tester language', 'toy/no-danger > invalid > bad']);
  });

  it('fails duplicate cases', async () => {
    const r = await run({ valid: ['x', { code: 'x' }], invalid: [] });
    expect(r).toContain('detected duplicate test case');
  });

  it('checks the number of findings, messageId, data and positions', async () => {
    const r = await run({
      valid: [],
      invalid: [
        { code: 'danger danger', output: 'safe safe', errors: [{ messageId: 'danger', suggestions: [{ messageId: 'useCareful', output: 'careful danger' }] }] },
        { code: 'bad', errors: [{ messageId: 'danger' }] },
        { code: 'bad ', errors: [{ messageId: 'bad', line: 2 }] },
        { code: 'danger', output: 'safe', errors: [{ messageId: 'danger', data: { name: 'other' }, suggestions: [{ messageId: 'useCareful', output: 'careful' }] }] },
        { code: 'bad  ', errors: [{ messageId: 'nope' }] },
        { code: 'bad   ', errors: [{ messageId: 'bad', message: 'Good word.' }] },
        { code: 'bad    ', errors: [{ messageId: 'bad', message: 'Bad word.' }] },
      ],
    });
    const values = r;
    expect(values[1]).toMatch(/Should have 1 finding\(s\) but had 2/);
    expect(values[2]).toMatch(/messageId should be "danger" but is "bad"/);
    expect(values[3]).toMatch(/line should be 2 but is 1/);
    expect(values[4]).toMatch(/message should be "Avoid other\." but is "Avoid danger\."/);
    expect(values[5]).toMatch(/"nope" is not in meta\.messages/);
    expect(values[6]).toMatch(/message should be "Good word\." but is "Bad word\."/);
    expect(values[7]).toBe('pass');
  });

  it('is strict about output', async () => {
    const suggestions = [{ messageId: 'useCareful', output: 'careful' }];
    const r = await run({
      valid: [],
      invalid: [
        { code: 'danger', errors: [{ messageId: 'danger', suggestions }] },
        { code: 'danger ', output: 'danger ', errors: [{ messageId: 'danger', suggestions }] },
        { code: ' danger', output: null, errors: [{ messageId: 'danger', suggestions: [{ messageId: 'useCareful', output: ' careful' }] }] },
        { code: 'bad', output: 'good', errors: [{ messageId: 'bad' }] },
        { code: 'danger  ', output: 'nope  ', errors: [{ messageId: 'danger', suggestions: [{ messageId: 'useCareful', output: 'careful  ' }] }] },
      ],
    });
    const values = r;
    expect(values[1]).toMatch(/The rule fixed the code; add `output`/);
    expect(values[2]).toMatch(/`output` equals `code`/);
    expect(values[3]).toMatch(/Expected no fix \(output: null\)/);
    expect(values[4]).toMatch(/Expected a fix/);
    expect(values[5]).toMatch(/Fix output differs/);
  });

  it('requires suggestions to be asserted and re-parses their output', async () => {
    const r = await run({
      valid: [],
      invalid: [
        { code: 'danger', output: 'safe', errors: [{ messageId: 'danger' }] },
        { code: 'danger ', output: 'safe ', errors: [{ messageId: 'danger', suggestions: [] }] },
        { code: 'broken', errors: [{ messageId: 'bad', suggestions: [{ messageId: 'useCareful', output: 'broken !!!' }] }] },
      ],
    });
    const values = r;
    expect(values[1]).toMatch(/the rule suggests useCareful; add `suggestions`/);
    expect(values[2]).toMatch(/should have 0 suggestion\(s\) but had 1/);
    expect(values[3]).toMatch(/Suggestion 1 output does not parse \(line 1: unexpected !!!\)/);
  });

  it('fails on parse errors in the test code unless allowed', async () => {
    const r = await run({ valid: ['x !!!', { code: 'y !!!', allowParseErrors: true }], invalid: [] });
    const values = r;
    expect(values[1]).toMatch(/does not parse/);
    expect(values[2]).toBe('pass');
  });

  it('fails on invalid options with a clear message', async () => {
    const r = await run({ valid: [{ code: 'x', options: [{ nope: true }] }], invalid: [] });
    expect(r[1]).toMatch(/Invalid options for rule "toy\/no-danger": \[0\] unknown property "nope"/);
  });

  it('fails when the rule does not serve the language', async () => {
    const other = { ...dangerRule, meta: { ...dangerRule.meta, languages: ['python'] } };
    const r = await outcomes(() => new RuleTester({ language: toy }).run('toy/x', other, { valid: [], invalid: [] }));
    expect(Object.values(r)[0]).toMatch(/lists languages \["python"\], not "toy"/);
  });
});

describe('runFixture strictness', () => {
  it('reports Missing and Noisy with line numbers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oculum-fixture-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'bad.toy');
    writeFileSync(file, '# ruleid: toy/no-danger\nfine\n# ok: toy/no-danger\ndanger\ndanger\n# ruleid: toy/unknown\nx\n');
    const r = await outcomes(() => runFixture({ file, language: toy, rules: { 'toy/no-danger': dangerRule } }));
    expect(r).toEqual({
      'fixture bad.toy > line 2: ruleid toy/no-danger': 'Missing toy/no-danger at line 2',
      'fixture bad.toy > line 4: ok toy/no-danger': 'Noisy toy/no-danger at line 4: Avoid danger.',
      'fixture bad.toy > line 7: ruleid toy/unknown': expect.stringMatching(/names "toy\/unknown", which is not among the rules under test/),
      'fixture bad.toy > no unannotated findings': 'Noisy toy/no-danger at line 4: Avoid danger.\nNoisy toy/no-danger at line 5: Avoid danger.',
    });
  });

  it('fails todo annotations that became true', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oculum-fixture-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'todo.toy');
    writeFileSync(file, '# todoruleid: toy/no-danger\ndanger\n# todook: toy/no-danger\nfine\n');
    const r = await outcomes(() => runFixture({ file, language: toy, rules: { 'toy/no-danger': dangerRule } }));
    expect(Object.values(r)).toEqual([
      'toy/no-danger is now reported at line 2: change "todoruleid" to "ruleid"',
      'toy/no-danger is no longer reported at line 4: change "todook" to "ok"',
      'Noisy toy/no-danger at line 2: Avoid danger.',
    ]);
  });
});

describe('parseAnnotations', () => {
  it('applies own-line annotations to the next code line and trailing ones to their line', () => {
    const text = '# ruleid: a, b\n\n# comment\ncode\nmore # ok: c\n// todook: d\nlast\n';
    expect(parseAnnotations(text)).toEqual([
      { kind: 'ruleid', ruleId: 'a', annotationLine: 1, line: 4 },
      { kind: 'ruleid', ruleId: 'b', annotationLine: 1, line: 4 },
      { kind: 'ok', ruleId: 'c', annotationLine: 5, line: 5 },
      { kind: 'todook', ruleId: 'd', annotationLine: 6, line: 7 },
    ]);
  });
  it('rejects a dangling annotation', () => {
    expect(() => parseAnnotations('code\n# ruleid: a\n')).toThrow(/line 2 is not followed by code/);
  });
});
