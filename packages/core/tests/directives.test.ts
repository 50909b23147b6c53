import { describe, expect, it } from 'vitest';
import { collectDirectives, parseDirectiveComment } from '../src/directives.js';
import { lintText, lintTextWithDetails, prefilterSkips } from '../src/lint.js';
import { dangerRule, namesRule, toyLanguage } from './fixtures/toy-plugin.mjs';

const rules = [
  { id: 'toy/no-danger', rule: dangerRule, level: 'error' as const },
  { id: 'toy/no-names', rule: namesRule, level: 'error' as const },
];
const lint = (text: string) => lintText({ path: 'a.toy', text, language: toyLanguage, rules, cwd: '/p' });
const summary = async (text: string) => {
  const result = await lint(text);
  return {
    findings: result.findings.map((f) => `${f.line} ${f.ruleId}${f.suppressed ? ` suppressed:${f.suppressed.kind}:${f.suppressed.justification ?? ''}` : ''}`),
    unused: result.diagnostics.filter((d) => d.kind === 'unused-directive').map((d) => `${d.line}: ${d.message}`),
  };
};

describe('parseDirectiveComment', () => {
  it('parses kinds, lists and reasons', () => {
    expect(parseDirectiveComment(' oculum-ignore')).toEqual({ kind: 'ignore', targets: [], justification: undefined });
    expect(parseDirectiveComment(' oculum-ignore-next-line[torch/a, unsafe_finetuning] -- vetted model ')).toEqual({
      kind: 'ignore-next-line',
      targets: ['torch/a', 'unsafe_finetuning'],
      justification: 'vetted model',
    });
    expect(parseDirectiveComment('oculum-ignore-start -- legacy')).toEqual({ kind: 'ignore-start', targets: [], justification: 'legacy' });
    expect(parseDirectiveComment(' * oculum-ignore-end ')).toMatchObject({ kind: 'ignore-end' });
    expect(parseDirectiveComment(' oculum-ignored')).toBeUndefined();
    expect(parseDirectiveComment(' see oculum-ignore')).toBeUndefined();
  });

  it('reads the edge cases as the grammar says', () => {
    expect(parseDirectiveComment('** oculum-ignore[a] **')).toEqual({ kind: 'ignore', targets: ['a'] });
    expect(parseDirectiveComment('oculum-ignore-next-linex')).toBeUndefined();
    expect(parseDirectiveComment('oculum-ignore-end[x]')).toEqual({ kind: 'ignore-end', targets: ['x'] });
    expect(parseDirectiveComment('oculum-ignore[a, b')).toBeUndefined();
    expect(parseDirectiveComment('oculum-ignore[a] because')).toBeUndefined();
    expect(parseDirectiveComment('oculum-ignore because')).toBeUndefined();
    expect(parseDirectiveComment('oculum-ignore --')).toEqual({ kind: 'ignore', targets: [] });
    expect(parseDirectiveComment('oculum-ignore\u00a0[a]\t--\treason -- with dashes\n')).toEqual({ kind: 'ignore', targets: ['a'], justification: 'reason -- with dashes' });
  });

  it('takes linear time on long runs of spaces (a pattern took O(n³): 34 s for 3,000 spaces)', () => {
    const spaces = ' '.repeat(200_000);
    expect(parseDirectiveComment(`oculum-ignore${spaces}x`)).toBeUndefined();
    expect(parseDirectiveComment(`oculum-ignore[a]${spaces}x${spaces}`)).toBeUndefined();
    expect(parseDirectiveComment(`oculum-ignore${spaces}*${spaces}x`)).toBeUndefined();
    expect(parseDirectiveComment(`*${spaces}oculum-ignore${spaces}--${spaces}why${spaces}*`)).toEqual({ kind: 'ignore', targets: [], justification: 'why' });
  });
});

describe('collectDirectives', () => {
  it('ends a line at any line terminator: a comment alone before a lone CR, U+2028 or U+2029 covers the next line', () => {
    for (const end of ['\n', '\r', '\u2028', '\u2029', '\r\n']) {
      const text = `# oculum-ignore${end}danger\n`;
      const comment = { value: ' oculum-ignore', range: [0, 15] as [number, number], loc: { start: { line: 1, column: 1 }, end: { line: 1, column: 16 } }, ownLine: true };
      const [directive] = collectDirectives([comment], 'a.toy', 2, text).directives;
      expect({ end, from: directive.from, trailing: directive.trailing }).toEqual({ end, from: 2, trailing: false });
    }
  });
});

describe('comments meant as directives that are none', () => {
  const at = (value: string) => ({ value, range: [0, value.length + 1] as [number, number], loc: { start: { line: 3, column: 10 }, end: { line: 3, column: 11 + value.length } }, ownLine: false });
  it('are said (a warning naming the syntax), and suppress nothing', () => {
    for (const value of [' oculum-ignore: torch/pickle-load', ' OCULUM-IGNORE', ' oculum-ignore[torch/pickle-load]: reason', ' oculum-disable-line', ' oculum-ignore torch/pickle-load', ' * Oculum_Ignore']) {
      const { directives, diagnostics } = collectDirectives([at(value)], 'a.py', 5, 'x\n');
      expect(directives, value).toEqual([]);
      expect(diagnostics, value).toEqual([
        {
          file: 'a.py',
          line: 3,
          column: 10,
          kind: 'unused-directive',
          severity: 'warning',
          message: `"${value.trim()}" is no directive Oculum reads, so it suppresses nothing: write \`oculum-ignore[rule-id] -- reason\` (also -next-line, -start, -end)`,
        },
      ]);
    }
  });
  it('prose that mentions a directive is left alone', () => {
    for (const value of [' oculum-ignored files are listed below', ' see the oculum-ignore docs', ' oculum ignores nothing here']) {
      expect(collectDirectives([at(value)], 'a.py', 5, 'x\n').diagnostics, value).toEqual([]);
    }
  });
});

describe('inline directives', () => {
  it('trailing oculum-ignore suppresses its line and keeps the finding marked', async () => {
    expect(await summary('danger # oculum-ignore -- test data\ndanger\n')).toEqual({
      findings: ['1 toy/no-danger suppressed:inSource:test data', '2 toy/no-danger'],
      unused: [],
    });
  });

  it('oculum-ignore-next-line with // and /* */ comments', async () => {
    expect(await summary('// oculum-ignore-next-line\ndanger\n/* oculum-ignore-next-line */\nevil\nevil\n')).toEqual({
      findings: ['2 toy/no-danger suppressed:inSource:', '4 toy/no-names suppressed:inSource:', '5 toy/no-names'],
      unused: [],
    });
  });

  it('a block comment before code on its line applies to that line', async () => {
    expect((await summary('/* oculum-ignore */ danger\ndanger\n')).findings).toEqual(['1 toy/no-danger suppressed:inSource:', '2 toy/no-danger']);
  });

  it('a list limits the directive to rule ids, detectors or namespaces', async () => {
    const text = [
      'danger evil # oculum-ignore[toy/no-danger]',
      'danger evil # oculum-ignore[unverified_model_source]',
      'danger evil # oculum-ignore[toy]',
    ].join('\n');
    expect((await summary(text)).findings).toEqual([
      '1 toy/no-danger suppressed:inSource:',
      '1 toy/no-names',
      '2 toy/no-danger',
      '2 toy/no-names suppressed:inSource:',
      '3 toy/no-danger suppressed:inSource:',
      '3 toy/no-names suppressed:inSource:',
    ]);
  });

  it('block form covers the lines between start and end', async () => {
    const text = 'danger\n# oculum-ignore-start -- generated\ndanger\nevil\n# oculum-ignore-end\ndanger\n';
    expect(await summary(text)).toEqual({
      findings: ['1 toy/no-danger', '3 toy/no-danger suppressed:inSource:generated', '4 toy/no-names suppressed:inSource:generated', '6 toy/no-danger'],
      unused: [],
    });
  });

  it('an unclosed block runs to the end of the file', async () => {
    expect((await summary('# oculum-ignore-start\ndanger\n')).findings).toEqual(['2 toy/no-danger suppressed:inSource:']);
  });

  it('reports directives that suppress nothing, with their line', async () => {
    const text = 'ok # oculum-ignore\n# oculum-ignore-next-line[toy/no-danger]\nevil\n# oculum-ignore-end\n';
    const { unused } = await summary(text);
    expect(unused).toEqual([
      '1: Unused directive "oculum-ignore": it suppresses no finding',
      '2: Unused directive "oculum-ignore-next-line[toy/no-danger]": it suppresses no finding',
      '4: "oculum-ignore-end" has no matching oculum-ignore-start',
    ]);
    const result = await lint(text);
    expect(result.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  });

  it('does not judge directives naming only rules that did not run', async () => {
    expect((await summary('ok # oculum-ignore[other/rule]\n')).unused).toEqual([]);
  });

  it('reports a directive naming an enabled rule the prefilter skipped (a stale one: its trigger words are gone)', async () => {
    const only = [{ id: 'toy/no-danger', rule: dangerRule, level: 'error' as const }];
    const details = await lintTextWithDetails({ path: 'a.toy', text: 'ok # oculum-ignore[toy/no-danger] -- old\n# oculum-ignore\n', language: toyLanguage, rules: only, cwd: '/p' });
    expect(details.result.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual([
      '1: Unused directive "oculum-ignore[toy/no-danger] -- old": it suppresses no finding',
      '2: Unused directive "oculum-ignore": it suppresses no finding',
    ]);
    // also when the caller ran the prefilter (a scan's worker gets `triggered: []`)
    const told = await lintTextWithDetails({ path: 'a.toy', text: 'ok # oculum-ignore[toy/no-danger]\n', language: toyLanguage, rules: only, cwd: '/p', triggered: [] });
    expect(told.result.diagnostics).toHaveLength(1);
    // a rule of a detector or depth this scan does not run still keeps the directive unjudged
    const dormant = await lintTextWithDetails({ path: 'a.toy', text: 'ok # oculum-ignore\n', language: toyLanguage, rules: only, cwd: '/p', dormantRules: new Map([['toy/no-names', 'unverified_model_source']]) });
    expect(dormant.result.diagnostics).toEqual([]);
    // the prefilter stays: a file without the word `oculum-ignore` and no trigger is not parsed
    expect((await lintTextWithDetails({ path: 'a.toy', text: 'ok\n', language: toyLanguage, rules: only, cwd: '/p' })).parsed).toBe(false);
    expect(prefilterSkips({ path: 'a.toy', text: 'ok\n', language: toyLanguage, rules: only, cwd: '/p' })).toBeDefined();
    expect(prefilterSkips({ path: 'a.toy', text: 'ok # oculum-ignore\n', language: toyLanguage, rules: only, cwd: '/p' })).toBeUndefined();
  });

  it('a trailing directive on any line of a multi-line finding covers it', async () => {
    const multi = {
      ...dangerRule,
      meta: { ...dangerRule.meta, triggers: [] },
      create: (context: any) => ({
        Program: (node: any) => context.report({ node, messageId: 'found', data: { name: 'all' } }),
      }),
    };
    const result = await lintText({
      path: 'a.toy',
      text: 'a\nb # oculum-ignore\nc\n',
      language: toyLanguage,
      rules: [{ id: 'toy/multi', rule: multi, level: 'error' }],
    });
    expect(result.findings[0].suppressed).toEqual({ kind: 'inSource', justification: undefined });
  });
});

// (review s36b_core P2-3) 130,000 unused directives in one file overflowed the call stack (`push(...xs)`)
describe('a file of 130,000 unused directives', () => {
  it('reports each, without overflowing the stack', async () => {
    const result = await lint('#oculum-ignore\n'.repeat(130_000));
    expect(result.diagnostics.filter((d) => d.kind === 'unused-directive')).toHaveLength(130_000);
  });
});
