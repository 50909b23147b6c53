import { describe, expect, it } from 'vitest';
import { lintText, lintTextWithDetails, notParsed, prefilterSkips, ruleTriggersMatch, triggeredRuleIds, type LintRule } from '../src/lint.js';
import { createRule } from '../src/rule.js';
import type { Rule, RuleMeta, TriggerTest } from '../src/types.js';
import { dangerRule, namesRule, parseCounter, toyLanguage } from './fixtures/toy-plugin.mjs';

const meta = (extra: Partial<RuleMeta> = {}): RuleMeta => ({
  detector: 'unsafe_model_load',
  severity: 'high',
  languages: ['toy'],
  triggers: [],
  docs: { description: 'x', recommended: true },
  messages: { found: 'Found {{name}}.', plain: 'Plain.' },
  remediation: 'Fix it.',
  ...extra,
});

const lint = (text: string, rules: LintRule[], extra: Record<string, unknown> = {}) =>
  lintText({ path: 'a.toy', text, language: toyLanguage, rules, cwd: '/proj', ...extra });

describe('lintText dispatch', () => {
  it('merges handlers of every rule and dispatches them in one walk, enter and exit in order', async () => {
    const events: string[] = [];
    let traversals = 0;
    const listened: string[][] = [];
    const language = {
      ...toyLanguage,
      parse: (input: { text?: string; path: string }) => {
        const sc = toyLanguage.parse(input as never) as ReturnType<typeof toyLanguage.parse> & { traverse: any };
        const original = sc.traverse.bind(sc);
        return { ...sc, traverse: (v: any, types?: ReadonlySet<string>) => (traversals++, listened.push([...(types ?? [])].sort()), original(v)) };
      },
    };
    const make = (name: string): Rule =>
      createRule({
        name,
        meta: meta(),
        create: () => ({
          Stmt: (node: any) => events.push(`${name}:Stmt:${node.children[0].name}`),
          'Stmt:exit': (node: any) => events.push(`${name}:Stmt:exit:${node.children[0].name}`),
        }),
      });
    await lintText({
      path: 'a.toy',
      text: 'one\ntwo\n',
      language: language as never,
      rules: [
        { id: 't/a', rule: make('a'), level: 'error' },
        { id: 't/b', rule: make('b'), level: 'warn' },
      ],
    });
    expect(traversals).toBe(1);
    expect(listened).toEqual([['Stmt']]);
    expect(events).toEqual([
      'a:Stmt:one', 'b:Stmt:one', 'a:Stmt:exit:one', 'b:Stmt:exit:one',
      'a:Stmt:two', 'b:Stmt:two', 'a:Stmt:exit:two', 'b:Stmt:exit:two',
    ]);
  });

  it('builds complete findings', async () => {
    const result = await lint('x = danger\n', [{ id: 'toy/no-danger', rule: dangerRule, level: 'warn' }]);
    expect(result.file).toBe('/proj/a.toy');
    expect(result.language).toBe('toy');
    expect(result.findings).toHaveLength(1);
    const [f] = result.findings;
    expect(f).toMatchObject({
      ruleId: 'toy/no-danger', detector: 'unsafe_model_load', severity: 'high', confidence: 'high', level: 'warn',
      file: '/proj/a.toy', line: 1, column: 5, endLine: 1, endColumn: 11, messageId: 'found', message: 'Found danger.',
      remediation: 'Do not.', fix: { range: [4, 10], text: 'safe' },
    });
    expect(f.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('skips off rules and rules of other languages', async () => {
    const other = { ...dangerRule, meta: { ...dangerRule.meta, languages: ['python'] } };
    const result = await lint('danger', [
      { id: 'toy/no-danger', rule: dangerRule, level: 'off' },
      { id: 'toy/other', rule: other, level: 'error' },
      { id: 'toy/zero', rule: dangerRule, level: 0 },
    ]);
    expect(result.findings).toEqual([]);
  });
});

/** A RegExp trigger that counts its runs (give each a source no other test uses: it is the canonical one). */
class Counted extends RegExp {
  runs = 0;
  override test(text: string): boolean {
    this.runs++;
    return super.test(text);
  }
}

describe('lintText prefilter', () => {
  it('skips the parse when no trigger word occurs', async () => {
    const before = parseCounter.count;
    const result = await lint('nothing here\n', [{ id: 'toy/no-danger', rule: dangerRule, level: 'error' }]);
    expect(parseCounter.count).toBe(before);
    expect(result.findings).toEqual([]);
    await lint('a danger\n', [{ id: 'toy/no-danger', rule: dangerRule, level: 'error' }]);
    expect(parseCounter.count).toBe(before + 1);
  });

  it('finds every trigger word exactly, also words inside or overlapping longer ones', async () => {
    const ran: string[] = [];
    const withTriggers = (name: string, triggers: string[]): LintRule => ({
      id: `t/${name}`,
      level: 'error',
      rule: createRule({ name, meta: meta({ triggers }), create: () => (ran.push(name), {}) }),
    });
    const rules = [
      withTriggers('long', ['load_model']),
      withTriggers('prefix', ['load']), // a prefix of a longer word found at the same offset
      withTriggers('inner', ['model']), // starts inside the longer word
      withTriggers('overlap', ['model_x']), // overlaps the end of the longer word
      withTriggers('regex-chars', ['hf.co/']), // `.` is not a wildcard
      withTriggers('absent', ['odel_y', 'hfxco/']),
    ];
    await lint('keras.load_model_x()  # hf.co/x\n', rules);
    expect(ran.sort()).toEqual(['inner', 'long', 'overlap', 'prefix', 'regex-chars']);
  });

  it('needs a word of every trigger group too, and skips policy rules whose settings are not configured', async () => {
    const ran: string[] = [];
    const make = (name: string, extra: Partial<RuleMeta>): LintRule => ({
      id: `t/${name}`,
      level: 'error',
      rule: createRule({ name, meta: meta({ triggers: ['load_dataset'], ...extra }), create: () => (ran.push(name), {}) }),
    });
    const rules = [
      make('trains', { triggerGroups: [['train', 'fit']] }),
      make('publishes', { triggerGroups: [['push_to_hub']] }),
      make('policy', { requiresSettings: ['trustedPublishers'] }),
    ];
    const before = parseCounter.count;
    await lint('ds = load_dataset("x")\n', rules);
    expect(ran).toEqual([]);
    expect(parseCounter.count).toBe(before); // nothing to run: not even parsed
    await lint('ds = load_dataset("x")\nmodel.fit(ds)\n', rules, { settings: { trustedPublishers: ['org'] } });
    expect(ran.sort()).toEqual(['policy', 'trains']);
  });

  it('tests RegExp triggers, alone, mixed with words and in groups, also /g patterns on every file', async () => {
    const ran: string[] = [];
    const make = (name: string, extra: Partial<RuleMeta>): LintRule => ({
      id: `t/${name}`,
      level: 'error',
      rule: createRule({ name, meta: meta(extra), create: () => (ran.push(name), {}) }),
    });
    const sticky = /\bload\b/g;
    const stickyY = /\bload\b/y; // sticky: would match only at offset 0 if run as given
    const rules = [
      make('word', { triggers: [/\bload\b/] }),
      make('global', { triggers: [sticky] }),
      make('sticky', { triggers: [stickyY] }),
      make('mixed', { triggers: ['pickle', /\beval\(/] }),
      make('grouped', { triggers: ['load'], triggerGroups: [[/^import torch$/m]] }),
    ];
    await lint('download(x)\nloader = 1\n', rules);
    expect(ran).toEqual([]);
    await lint('import torch\ntorch.load(p)\n', rules);
    expect(ran.sort()).toEqual(['global', 'grouped', 'sticky', 'word']);
    ran.length = 0;
    await lint('import torch\ntorch.load(p)\n', rules); // a /g pattern's lastIndex does not leak between files
    expect(ran.sort()).toEqual(['global', 'grouped', 'sticky', 'word']);
    ran.length = 0;
    await lint('eval(s)\n', rules);
    expect(ran).toEqual(['mixed']);
  });

  it('runs a RegExp trigger only where one of its literals occurs, with the same answer', async () => {
    const ran: string[] = [];
    const counted = new Counted(String.raw`\bcounted_(?:load|save)\b`);
    const opaque = new Counted('opaque_call', 'i'); // case-insensitive: no literal, always run
    const make = (name: string, triggers: RegExp[]): LintRule => ({
      id: `t/${name}`,
      level: 'error',
      rule: createRule({ name, meta: meta({ triggers }), create: () => (ran.push(name), {}) }),
    });
    const rules = [make('counted', [counted]), make('opaque', [opaque])];
    await lint('nothing here\n', rules);
    expect([counted.runs, opaque.runs, ran.length]).toEqual([0, 1, 0]);
    await lint('counted_loader(x)\n', rules); // the literal occurs, the pattern does not match
    expect([counted.runs, ran.length]).toEqual([1, 0]);
    await lint('counted_save(x); OPAQUE_CALL(y)\n', rules);
    expect([counted.runs, opaque.runs]).toEqual([2, 3]);
    expect(ran.sort()).toEqual(['counted', 'opaque']);
  });

  it("tests a trigger group's RegExp only where the rule's triggers match, and only where its literals occur", async () => {
    const ran: string[] = [];
    const group = new Counted(String.raw`\bgrouped_source\(`);
    const rules: LintRule[] = [
      { id: 't/grouped', level: 'error', rule: createRule({ name: 'grouped', meta: meta({ triggers: ['grouped_sink'], triggerGroups: [[group]] }), create: () => (ran.push('grouped'), {}) }) },
    ];
    await lint('grouped_source(x)\n', rules); // the trigger is missing: the group is not run
    expect([group.runs, ran.length]).toEqual([0, 0]);
    await lint('grouped_sink(x)\n', rules); // its literal is missing: not run either
    expect([group.runs, ran.length]).toEqual([0, 0]);
    await lint('grouped_sink(my_grouped_source(x))\n', rules); // its literal occurs, the pattern does not match
    expect([group.runs, ran.length]).toEqual([1, 0]);
    await lint('grouped_sink(grouped_source(x))\n', rules);
    expect([group.runs, ran]).toEqual([2, ['grouped']]);
  });

  it('runs a trigger test only where one of its literals occurs (always without literals), once per file, and a throwing one counts', async () => {
    const ran: string[] = [];
    const calls: string[] = [];
    const test = (name: string, literals: string[], answer: (text: string) => boolean): TriggerTest => ({
      literals,
      test: (text) => (calls.push(name), answer(text)),
    });
    const receiver = test('receiver', ['load'], (text) => /\btorch\.load\b/.test(text));
    const make = (name: string, extra: Partial<RuleMeta>): LintRule => ({
      id: `t/${name}`,
      level: 'error',
      rule: createRule({ name, meta: meta(extra), create: () => (ran.push(name), {}) }),
    });
    const rules = [
      make('member', { triggers: [receiver] }),
      make('shared', { triggers: ['nothing_like_it', receiver] }), // the same test: run once per file
      make('grouped', { triggers: ['torch'], triggerGroups: [[test('group', [], (text) => text.includes('(p)'))]] }),
      make('throws', { triggers: [test('throws', ['boom'], () => { throw new Error('x'); })] }),
    ];
    await lint('x = 1\n', rules);
    expect([calls, ran]).toEqual([[], []]); // no literal: no test; `torch` missing: the group is not asked
    await lint('json.load(f)\n', rules);
    expect([calls, ran]).toEqual([['receiver'], []]);
    calls.length = 0;
    await lint('import torch\ntorch.load(p)  # boom\n', rules);
    expect(calls.sort()).toEqual(['group', 'receiver', 'throws']);
    expect(ran.sort()).toEqual(['grouped', 'member', 'shared', 'throws']);
    // Only `false` leaves a file out: a forgotten `return` (undefined) lets it through.
    ran.length = 0;
    await lint('x = 1\n', [make('forgot', { triggers: [{ literals: [], test: () => undefined as never }] })]);
    expect(ran).toEqual(['forgot']);
    // The ESLint adapter's one-rule answer is the same.
    expect(ruleTriggersMatch(rules[0].rule.meta, 'json.load(f)')).toBe(false);
    expect(ruleTriggersMatch(rules[0].rule.meta, 'torch.load(p)')).toBe(true);
    expect(ruleTriggersMatch(rules[3].rule.meta, 'boom')).toBe(true);
  });

  it('says when a trigger test throws: a warning on the file, or to `onTriggerError`, naming the rules that have it', async () => {
    const boom: TriggerTest = { literals: ['boom'], test: () => { throw new TypeError('cannot read x'); } };
    const rules: LintRule[] = ['one', 'two'].map((name) => ({ id: `t/${name}`, level: 'error' as const, rule: createRule({ name, meta: meta({ triggers: [boom] }), create: () => ({}) }) }));
    const result = await lintText({ path: 'a.toy', text: 'boom\n', language: toyLanguage, rules, cwd: '/' });
    expect(result.diagnostics).toEqual([
      {
        file: '/a.toy',
        kind: 'internal',
        severity: 'warning',
        message: 'The trigger test of rules "t/one", "t/two" threw: TypeError: cannot read x. The rules ran on the file anyway; its triggers need fixing.',
      },
    ]);
    // Without its literal the test is not asked: nothing to say.
    expect((await lintText({ path: 'a.toy', text: 'calm\n', language: toyLanguage, rules, cwd: '/' })).diagnostics).toEqual([]);
    const told: Array<[string[], string]> = [];
    const quiet = await lintText({ path: 'a.toy', text: 'boom\n', language: toyLanguage, rules, cwd: '/', onTriggerError: (ids, error) => told.push([ids, (error as Error).message]) });
    expect(quiet.diagnostics).toEqual([]);
    expect(told).toEqual([[['t/one', 't/two'], 'cannot read x']]);
    // `triggeredRuleIds` (a scan's main thread) tells the callback too.
    told.length = 0;
    expect(triggeredRuleIds({ path: 'a.toy', text: 'boom\n', language: toyLanguage, rules, onTriggerError: (ids, error) => told.push([ids, String(error)]) })).toEqual(['t/one', 't/two']);
    expect(told).toEqual([[['t/one', 't/two'], 'TypeError: cannot read x']]);
  });

  it("reads the language's prefilterText (code only), and the whole text when that throws", async () => {
    const before = parseCounter.count;
    const rules = [{ id: 'toy/no-danger', rule: dangerRule, level: 'error' as const }];
    const stripping = { ...toyLanguage, prefilterText: (text: string) => text.replace(/#.*/g, '') };
    await lint('# a danger in a comment\n', rules, { language: stripping });
    expect(parseCounter.count).toBe(before); // the trigger is only in the left-out part
    const failing = { ...toyLanguage, prefilterText: () => { throw new Error('boom'); } };
    await lint('# a danger in a comment\n', rules, { language: failing });
    expect(parseCounter.count).toBe(before + 1); // never a lost finding: the whole text counts
  });

  it("parses a file the language must parse (mustParse) with no trigger word in it, and still tells a trigger test's error", async () => {
    const before = parseCounter.count;
    const rules = [{ id: 'toy/no-danger', rule: dangerRule, level: 'error' as const }];
    const asking = { ...toyLanguage, mustParse: (text: string) => text.startsWith('BROKEN') };
    await lint('calm\n', rules, { language: asking });
    expect(parseCounter.count).toBe(before);
    await lint('BROKEN calm\n', rules, { language: asking });
    expect(parseCounter.count).toBe(before + 1);
    expect(triggeredRuleIds({ path: 'a.toy', text: 'BROKEN calm\n', language: asking, rules })).toEqual(['toy/no-danger']);
    // a mustParse that throws leaves the file out, as without it
    const failing = { ...toyLanguage, mustParse: () => { throw new Error('boom'); } };
    expect(triggeredRuleIds({ path: 'a.toy', text: 'calm\n', language: failing, rules })).toEqual([]);
    // a trigger test that throws on such a file is still told (here the rule's other group leaves it out)
    const throwing = { ...dangerRule, meta: { ...dangerRule.meta, triggers: [{ literals: ['calm'], test: () => { throw new TypeError('cannot read x'); } }], triggerGroups: [['never-here']] } } as Rule<any, any>;
    const told: string[] = [];
    triggeredRuleIds({ path: 'a.toy', text: 'BROKEN nothing\n', language: asking, rules: [{ id: 't/one', rule: throwing, level: 'error' as const }], onTriggerError: (_ids, error) => told.push(String(error)) });
    triggeredRuleIds({ path: 'a.toy', text: 'BROKEN calm\n', language: asking, rules: [{ id: 't/one', rule: throwing, level: 'error' as const }], onTriggerError: (_ids, error) => told.push(String(error)) });
    expect(told).toEqual(['TypeError: cannot read x']);
  });

  it('triggeredRuleIds answers before any parse which rules run; notParsed is what a skipped file gives', async () => {
    const before = parseCounter.count;
    const rules = [
      { id: 'toy/no-danger', rule: dangerRule, level: 'error' as const },
      { id: 'toy/no-names', rule: ({ ...namesRule, meta: { ...namesRule.meta, triggers: ['evil'] } }) as Rule<any, any>, level: 'error' as const },
    ];
    const options = (text: string, extra: Record<string, unknown> = {}) => ({ path: 'a.toy', text, language: toyLanguage, rules, cwd: '/proj', ...extra });
    expect(triggeredRuleIds(options('nothing here\n'))).toEqual([]);
    expect(notParsed(options('nothing here\n'))).toEqual(await lintTextWithDetails(options('nothing here\n')));
    expect(notParsed(options('x'))).toEqual({ result: { file: '/proj/a.toy', language: 'toy', findings: [], diagnostics: [] }, parsed: false, fixPasses: 0 });
    expect(triggeredRuleIds(options('nothing here\n', { rules: [] }))).toEqual([]); // no rule at all
    expect(parseCounter.count).toBe(before);
    expect(triggeredRuleIds(options('a danger\n'))).toEqual(['toy/no-danger']);
    expect(triggeredRuleIds(options('evil danger\n'))).toEqual(['toy/no-danger', 'toy/no-names']);
    expect(triggeredRuleIds(options('nothing here\n', { prefilter: false }))).toEqual(['toy/no-danger', 'toy/no-names']);
    expect(triggeredRuleIds(options('nothing here\n', { language: { ...toyLanguage, readsFile: true } }))).toBeUndefined();
    expect(prefilterSkips(options('nothing here\n'))).toEqual(notParsed(options('nothing here\n')));
    expect(prefilterSkips(options('a danger\n'))).toBeUndefined();
    expect(prefilterSkips(options('nothing here\n', { language: { ...toyLanguage, readsFile: true } }))).toBeUndefined();
    expect(parseCounter.count).toBe(before); // asking never parses
  });

  it('runs only the `triggered` rules, without the prefilter; fix passes run it again', async () => {
    const evil = ({ ...namesRule, meta: { ...namesRule.meta, triggers: ['evil'] } }) as Rule<any, any>;
    const rules = [
      { id: 'toy/no-danger', rule: dangerRule, level: 'error' as const },
      { id: 'toy/no-names', rule: evil, level: 'error' as const },
    ];
    const options = { path: 'a.toy', text: 'evil danger\n', language: toyLanguage, rules, cwd: '/proj' };
    const all = await lintText(options);
    expect(new Set(all.findings.map((f) => f.ruleId))).toEqual(new Set(['toy/no-danger', 'toy/no-names']));
    const told = await lintText({ ...options, triggered: ['toy/no-danger'] });
    expect(new Set(told.findings.map((f) => f.ruleId))).toEqual(new Set(['toy/no-danger']));
    // Told the same answer the prefilter gives: the same result.
    expect(await lintText({ ...options, triggered: triggeredRuleIds(options) })).toEqual(all);
    // `danger` is fixed to `safe`; the second pass runs the prefilter on the fixed text.
    const fixed = await lintTextWithDetails({ ...options, text: 'danger\n', fix: true, triggered: ['toy/no-danger'] });
    expect(fixed.result.output).toBe('safe\n');
    expect(fixed.result.findings).toEqual([]);
  });

  it('refuses triggers that are neither non-empty strings, RegExps nor trigger tests', () => {
    expect(() => createRule({ name: 'bad', meta: meta({ triggers: [''] }), create: () => ({}) })).toThrow(/meta\.triggers/);
    expect(() => createRule({ name: 'bad', meta: meta({ triggers: [{ literals: ['x'] } as never] }), create: () => ({}) })).toThrow(/meta\.triggers\[0\] is a trigger test without a `test\(text\)` function/);
    expect(() => createRule({ name: 'bad', meta: meta({ triggers: ['x', { literals: [''], test: () => true }] }), create: () => ({}) })).toThrow(/meta\.triggers\[1\]\.literals\[0\] must be a non-empty string/);
    expect(() => createRule({ name: 'bad', meta: meta({ triggers: [{ test: () => true } as never] }), create: () => ({}) })).toThrow(/meta\.triggers\[0\] is a trigger test without `literals`/);
    expect(() => createRule({ name: 'bad', meta: meta({ triggerGroups: [['x', 3 as never]] }), create: () => ({}) })).toThrow(/meta\.triggerGroups\[0\]\[1\] must be a non-empty string, a RegExp or a trigger test/);
    expect(() => createRule({ name: 'ok', meta: meta({ triggers: [{ literals: [], test: () => true }] }), create: () => ({}) })).not.toThrow();
    expect(() => createRule({ name: 'bad', meta: meta({ triggers: [3 as never] }), create: () => ({}) })).toThrow(/meta\.triggers/);
    expect(() => createRule({ name: 'bad', meta: meta({ triggerGroups: ['x' as never] }), create: () => ({}) })).toThrow(/meta\.triggerGroups/);
  });

  it('always runs rules with empty triggers', async () => {
    const before = parseCounter.count;
    const result = await lint('evil\n', [
      { id: 'toy/no-danger', rule: dangerRule, level: 'error' },
      { id: 'toy/no-names', rule: namesRule, level: 'error' },
    ]);
    expect(parseCounter.count).toBe(before + 1);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['toy/no-names']);
  });
});

describe('lintText options', () => {
  it('merges defaultOptions with the user options', async () => {
    const r1 = await lint('evil good\n', [{ id: 'toy/no-names', rule: namesRule, level: 'error' }]);
    expect(r1.findings.map((f) => [f.message, f.confidence])).toEqual([['Found evil.', 'medium']]);
    const r2 = await lint('evil good\n', [{ id: 'toy/no-names', rule: namesRule, level: 'error', options: [{ loud: true }] }]);
    expect(r2.findings.map((f) => [f.message, f.confidence])).toEqual([['Found evil.', 'high']]);
    const r3 = await lint('evil good\n', [{ id: 'toy/no-names', rule: namesRule, level: 'error', options: [{ names: ['good'] }] }]);
    expect(r3.findings.map((f) => f.message)).toEqual(['Found good.']);
  });

  it('rejects options that do not match meta.schema', async () => {
    await expect(lint('evil', [{ id: 'toy/no-names', rule: namesRule, level: 'error', options: [{ names: 'evil' }] }])).rejects.toThrow(
      /Invalid options for rule "toy\/no-names": \[0\]\.names must be array/,
    );
    await expect(lint('evil', [{ id: 'toy/no-names', rule: namesRule, level: 'error', options: [{ nope: 1 }] }])).rejects.toThrow(
      /unknown property "nope"/,
    );
    await expect(lint('evil', [{ id: 'toy/no-danger', rule: dangerRule, level: 'error', options: [1] }])).rejects.toThrow(/takes no options/);
  });
});

describe('lintText report contract', () => {
  const reporting = (descriptor: Record<string, unknown>, extra: Partial<RuleMeta> = {}) =>
    createRule({
      name: 'r',
      meta: meta(extra),
      create: (context) => ({ Word: (node: any) => context.report({ node, messageId: 'found', ...descriptor } as never) }),
    });

  it('an unfilled placeholder is an internal error naming the rule, and the finding is kept with the placeholder as written', async () => {
    const result = await lint('x\nx\n', [{ id: 't/r', rule: reporting({}), level: 'error' }]);
    expect(result.findings.map((f) => f.message)).toEqual(['Found {{name}}.', 'Found {{name}}.']);
    expect(result.diagnostics).toHaveLength(1); // once per rule, placeholder and file
    expect(result.diagnostics[0]).toMatchObject({ kind: 'internal', severity: 'error' });
    expect(result.diagnostics[0].message).toMatch(/Rule "t\/r": message placeholder "\{\{name\}\}" has no value in data \(the finding is kept/);
  });

  it('a rule that throws: the diagnostic names where in the rule it was thrown, and that the rule stops for the file', async () => {
    const throwing = createRule({
      name: 'r',
      meta: { detector: 'unsafe_model_load', severity: 'high', languages: ['toy'], triggers: [], docs: { description: 'd', recommended: true }, messages: { m: 'M.' }, remediation: 'r' },
      create: () => ({
        Word() {
          throw new TypeError('boom');
        },
      }),
    });
    const result = await lint('x\n', [{ id: 't/r', rule: throwing, level: 'error' }]);
    expect(result.diagnostics[0].message).toMatch(/Rule "t\/r" failed on a\.toy at line 1: TypeError: boom \(thrown at .*lint\.test\.ts:\d+:\d+\); no further findings of this rule in this file/);
  });

  it('report() with an ESLint-style `message` instead of a messageId says so', async () => {
    const result = await lint('x\n', [{ id: 't/r', rule: reporting({ messageId: undefined, message: 'hi' }), level: 'error' }]);
    expect(result.diagnostics[0].message).toMatch(/needs a messageId \(a key of meta\.messages\); a literal `message`, as ESLint allows, is not supported/);
  });

  it('a fix without meta.fixable and suggestions without meta.hasSuggestions are errors', async () => {
    const fixing = reporting({ data: { name: 'x' }, fix: (f: any) => f.remove([0, 1]) });
    const r1 = await lint('x\n', [{ id: 't/r', rule: fixing, level: 'error' }]);
    expect(r1.diagnostics[0].message).toMatch(/meta\.fixable is not set/);
    const suggesting = reporting({ data: { name: 'x' }, suggest: [{ messageId: 'plain', fix: (f: any) => f.remove([0, 1]) }] });
    const r2 = await lint('x\n', [{ id: 't/r', rule: suggesting, level: 'error' }]);
    expect(r2.diagnostics[0].message).toMatch(/meta\.hasSuggestions is not true/);
    const r3 = await lint('x\n', [{ id: 't/r', rule: reporting({ data: { name: 'x' }, suggest: [{ messageId: 'plain', fix: (f: any) => f.insertTextAfter([0, 1], '!') }] }, { hasSuggestions: true }), level: 'error' }]);
    expect(r3.findings[0].suggestions).toEqual([{ messageId: 'plain', desc: 'Plain.', fix: { range: [1, 1], text: '!' } }]);
  });

  it('an unknown messageId is an error', async () => {
    const result = await lint('x\n', [{ id: 't/r', rule: reporting({ messageId: 'nope' }), level: 'error' }]);
    expect(result.diagnostics[0].message).toMatch(/unknown messageId "nope"/);
  });

  it('a throwing rule does not stop the others', async () => {
    const crashing = createRule({ name: 'crash', meta: meta(), create: () => ({ Word: () => { throw new Error('boom'); } }) });
    const result = await lint('danger danger\n', [
      { id: 't/crash', rule: crashing, level: 'error' },
      { id: 'toy/no-danger', rule: dangerRule, level: 'error' },
    ]);
    expect(result.findings).toHaveLength(2);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0].message).toMatch(/Rule "t\/crash" failed on a\.toy at line 1: boom/);
  });

  it('an explicit loc, confidence, severity and remediation are honoured', async () => {
    const rule = reporting({ node: undefined, loc: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } }, data: { name: 'n' }, confidence: 'low', severity: 'info', remediation: 'Other.' });
    const result = await lint('x\n', [{ id: 't/r', rule, level: 'error' }]);
    expect(result.findings[0]).toMatchObject({ line: 1, column: 1, endColumn: 2, confidence: 'low', severity: 'info', remediation: 'Other.' });
  });

  it('a loc outside the file is brought inside it; one that is not whole numbers is the rule\'s error', async () => {
    const at = (loc: unknown) => reporting({ node: undefined, loc, data: { name: 'n' } });
    const wild = await lint('x\ny\n', [{ id: 't/r', rule: at({ start: { line: -5, column: 1e9 }, end: { line: 99, column: -3 } }), level: 'error' }]);
    expect(wild.findings[0]).toMatchObject({ line: 1, column: 1e9, endLine: 2, endColumn: 1 });
    const backwards = await lint('x\ny\n', [{ id: 't/r', rule: at({ start: { line: 2, column: 4 }, end: { line: 1, column: 1 } }), level: 'error' }]);
    expect(backwards.findings[0]).toMatchObject({ line: 2, column: 4, endLine: 2, endColumn: 4 });
    for (const bad of [{ start: { line: 1.5, column: 1 }, end: { line: 1, column: 1 } }, { start: { line: Number.NaN, column: 1 }, end: { line: 1, column: 1 } }, { start: { line: 1 } }]) {
      const result = await lint('x\n', [{ id: 't/r', rule: at(bad), level: 'error' }]);
      expect(result.findings).toEqual([]);
      expect(result.diagnostics[0].message).toMatch(/Rule "t\/r" failed on a\.toy.*reported an invalid loc/);
    }
  });

  it('a fix range outside the text is the rule\'s error, not a finding', async () => {
    const fixing = (range: unknown) => reporting({ data: { name: 'x' }, fix: () => ({ range, text: '' }) }, { fixable: 'code' });
    for (const range of [[-10, 1e12], [3, 1], [0, 1.5], [0, 99]]) {
      const result = await lint('x\n', [{ id: 't/r', rule: fixing(range), level: 'error' }]);
      expect(result.findings).toEqual([]);
      expect(result.diagnostics[0].message).toMatch(/reported a fix with an invalid range/);
    }
  });

  it('reports parse errors and still analyses the file', async () => {
    const result = await lint('danger !!!\n', [{ id: 'toy/no-danger', rule: dangerRule, level: 'error' }]);
    expect(result.findings).toHaveLength(1);
    expect(result.diagnostics).toEqual([
      { file: '/proj/a.toy', line: 1, column: 8, kind: 'parse-error', severity: 'warning', message: 'unexpected "!!!"' },
    ]);
  });

  it('a language whose parse throws gives a parse-error diagnostic', async () => {
    const broken = { ...toyLanguage, parse: () => { throw new Error('bad input'); } };
    const result = await lintText({ path: 'a.toy', text: 'danger', language: broken as never, rules: [{ id: 'toy/no-danger', rule: dangerRule, level: 'error' }] });
    expect(result.diagnostics[0]).toMatchObject({ kind: 'parse-error', severity: 'error' });
    expect(result.diagnostics[0].message).toMatch(/bad input/);
  });

  it('calls language.init once', async () => {
    const language = { ...toyLanguage, initCount: 0 };
    for (let i = 0; i < 3; i++) await lintText({ path: 'a.toy', text: 'x', language, rules: [{ id: 'toy/no-names', rule: namesRule, level: 'error' }] });
    expect(language.initCount).toBe(1);
  });
});

describe('lintText fixes', () => {
  it('applies fixes in passes and returns the output', async () => {
    const result = await lint('danger x danger\ndanger\n', [{ id: 'toy/no-danger', rule: dangerRule, level: 'error' }], { fix: true });
    expect(result.output).toBe('safe x safe\nsafe\n');
    expect(result.findings).toEqual([]);
  });

  it('re-lints after a pass so overlapping fixes are applied later', async () => {
    // Both rules fix the same word: one per pass.
    const wrap = createRule({
      name: 'wrap',
      meta: meta({ fixable: 'code' }),
      create: (context) => ({
        Word: (node: any) => {
          if (node.name === 'a') context.report({ node, messageId: 'plain', fix: (f) => f.replaceText(node, 'b') });
          if (node.name === 'b') context.report({ node, messageId: 'plain', fix: (f) => f.replaceText(node, 'c') });
        },
      }),
    });
    const result = await lint('a\n', [
      { id: 't/wrap1', rule: wrap, level: 'error' },
      { id: 't/wrap2', rule: wrap, level: 'error' },
    ], { fix: true });
    expect(result.output).toBe('c\n');
  });

  it('does not apply fixes that would introduce a parse error', async () => {
    const breaking = createRule({
      name: 'breaking',
      meta: meta({ fixable: 'code' }),
      create: (context) => ({ Word: (node: any) => node.name === 'x' && context.report({ node, messageId: 'plain', fix: (f) => f.replaceText(node, '!!!') }) }),
    });
    const result = await lint('x\n', [{ id: 't/breaking', rule: breaking, level: 'error' }], { fix: true });
    expect(result.output).toBeUndefined();
    expect(result.findings).toHaveLength(1);
    expect(result.diagnostics.map((d) => d.message)).toEqual(['Fixes not applied: they would introduce a parse error (rules: t/breaking)']);
  });

  it('stops after 10 passes', async () => {
    const grow = createRule({
      name: 'grow',
      meta: meta({ fixable: 'code' }),
      create: (context) => ({ Program: (node: any) => context.report({ node, messageId: 'plain', fix: (f) => f.insertTextAfter([0, 0], 'x') }) }),
    });
    const result = await lint('a', [{ id: 't/grow', rule: grow, level: 'error' }], { fix: true });
    expect(result.output).toBe(`${'x'.repeat(10)}a`);
  });
});
