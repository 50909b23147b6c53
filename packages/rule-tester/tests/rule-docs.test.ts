import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createRule } from '@oculum/core';
import { checkRuleDoc, docExamples, testRuleDocs } from '../src/rule-docs.js';
import { outcomes } from './collect.js';
import { dangerRule, toy } from './toy.js';

const rule = createRule({
  name: 'x-load',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'critical',
    languages: ['python'],
    triggers: ['load'],
    docs: { description: 'Reports x.load.', recommended: true },
    messages: { m: 'm' },
    remediation: 'r',
  },
  create: () => ({}),
});

const doc = (sections: string[], description = 'Reports x.load.') =>
  `# ns/x-load\n\n${description}\n\n${sections.map((s) => `## ${s}\n\nText.\n`).join('\n')}`;
const ALL = ['What it does', 'Why is this bad?', 'Example', 'Use instead', 'Options', 'Fix safety', 'References'];

describe('checkRuleDoc', () => {
  it('accepts a doc with the title, the meta description and the fixed sections', () => {
    expect(checkRuleDoc('ns', 'x-load', rule, doc(ALL))).toEqual([]);
  });
  it('reports a description that drifted from meta, missing or reordered sections, and empty ones', () => {
    expect(checkRuleDoc('ns', 'x-load', rule, doc(ALL, 'Old text.'))[0]).toMatch(/first paragraph differs/);
    expect(checkRuleDoc('ns', 'x-load', rule, doc(ALL.slice(1)))[0]).toMatch(/sections are/);
    expect(checkRuleDoc('ns', 'x-load', rule, doc([...ALL].reverse()))[0]).toMatch(/sections are/);
    expect(checkRuleDoc('ns', 'x-load', rule, doc(ALL).replace('## Options\n\nText.', '## Options\n'))).toEqual(['the section "Options" is empty']);
    expect(checkRuleDoc('other', 'x-load', rule, doc(ALL))[0]).toMatch(/title/);
  });
});

/** A doc for toy/no-danger whose Example and Use instead sections hold these blocks. */
const exampleDoc = (example: string[], useInstead: string[]) => {
  const section = (name: string, blocks: string[]) => [`## ${name}`, '', ...blocks.flatMap((b) => [b, ''])];
  return [
    '# toy/no-danger', '', 'd', '',
    ...['What it does', 'Why is this bad?'].flatMap((n) => [`## ${n}`, '', 'Text.', '']),
    ...section('Example', example),
    ...section('Use instead', useInstead),
    ...['Options', 'Fix safety', 'References'].flatMap((n) => [`## ${n}`, '', 'Text.', '']),
  ].join('\n');
};

async function docOutcomes(text: string): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'oculum-docs-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'no-danger.md'), text);
  const result = await outcomes(() => testRuleDocs({ namespace: 'toy', rules: { 'no-danger': dangerRule }, docsDir: dir, examples: { toy } }));
  // Keep the example tests only, by the part of their title after the file name.
  return Object.fromEntries(Object.entries(result).filter(([k]) => k.includes('block')).map(([k, v]) => [k.replace(/^.*no-danger\.md: /, ''), v]));
}

describe('docExamples', () => {
  it('lists the fenced blocks of the Example and Use instead sections with their language and line', () => {
    const text = exampleDoc(['```toy\na danger\n```', 'Prose.\n\n~~~~text\nnot code\n```\nstill not\n~~~~'], ['```toy\nsafe\n```']);
    expect(docExamples(text).map(({ section, lang, code }) => [section, lang, code])).toEqual([
      ['Example', 'toy', 'a danger\n'],
      ['Example', 'text', 'not code\n```\nstill not\n'],
      ['Use instead', 'toy', 'safe\n'],
    ]);
    const first = docExamples(text)[0];
    expect(text.split('\n')[first.line - 1]).toBe('a danger');
  });
});

describe('testRuleDocs examples', () => {
  it('passes an Example that reports the rule and a Use instead that reports nothing; skips other languages', async () => {
    expect(await docOutcomes(exampleDoc(['```toy\na danger\n```', '```text\nanything\n```'], ['```toy\nsafe\n```']))).toEqual({
      'Example block 1 (toy, line 16) reports toy/no-danger': 'pass',
      'Use instead block 1 (toy, line 26) reports nothing': 'pass',
    });
  });
  it('fails an Example that reports nothing, a Use instead that reports, and a block that does not parse', async () => {
    const result = Object.values(await docOutcomes(exampleDoc(['```toy\nfine\n```', '```toy\ndanger !!!\n```'], ['```toy\nbad\n```'])));
    expect(result[0]).toMatch(/no-danger\.md:16 \(Example\) reports nothing for toy\/no-danger/);
    expect(result[1]).toMatch(/:20 \(Example\) does not run cleanly:\n {2}line 1: unexpected !!!/);
    expect(result[2]).toMatch(/:26 \(Use instead\) is meant to be safe but reports:\n.*Bad word/);
  });
  it('parses a block without any of the rules\' trigger words too', async () => {
    const triggered = { ...dangerRule, meta: { ...dangerRule.meta, triggers: ['danger'] } };
    const dir = mkdtempSync(join(tmpdir(), 'oculum-docs-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'no-danger.md'), exampleDoc(['```toy\na danger\n```'], ['```toy\nfine !!!\n```']));
    const result = await outcomes(() => testRuleDocs({ namespace: 'toy', rules: { 'no-danger': triggered }, docsDir: dir, examples: { toy } }));
    expect(Object.entries(result).find(([k]) => k.includes('Use instead'))?.[1]).toMatch(/does not run cleanly:\n {2}line 1: unexpected !!!/);
  });
  it('runs a block with the settings and rule options of its .oculumrc comment, inherited by Use instead', async () => {
    const rc = '# .oculumrc: { "rules": { "toy/no-danger": ["error", { "extra": "risky" }] } }';
    const result = await docOutcomes(exampleDoc([`\`\`\`toy\n${rc}\nrisky\n\`\`\``], ['```toy\nrisky\n```', '```toy\n# .oculumrc: {}\nrisky\n```']));
    expect(Object.values(result)[0]).toBe('pass');
    expect(Object.values(result)[1]).toMatch(/is meant to be safe but reports:\n.*Avoid risky/);
    expect(Object.values(result)[2]).toBe('pass');
    const broken = await docOutcomes(exampleDoc(['```toy\n# .oculumrc: { settings }\ndanger\n```'], []));
    expect(Object.values(broken)[0]).toMatch(/\.oculumrc:" comment is not JSON/);
  });
});
