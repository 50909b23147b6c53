import { readFileSync } from 'node:fs';
import nodePath from 'node:path';
import type { Rule } from '@oculum/core';
import { testApi } from './test-api.js';

/** The sections every rule doc has, in this order (Ruff's layout). */
export const RULE_DOC_SECTIONS = ['What it does', 'Why is this bad?', 'Example', 'Use instead', 'Options', 'Fix safety', 'References'] as const;

export interface RuleDocsOptions {
  /** The plugin namespace: docs are titled `# <namespace>/<rule-name>`. */
  namespace: string;
  rules: Record<string, Rule<any, any>>;
  /** The folder holding `<rule-name>.md`. */
  docsDir: string;
  /** When given, this README must name every rule id. */
  readme?: string;
}

/** Problems with one rule's doc; empty when it is right. */
export function checkRuleDoc(namespace: string, name: string, rule: Rule<any, any>, text: string): string[] {
  const problems: string[] = [];
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[0] !== `# ${namespace}/${name}`) problems.push(`the title is "${lines[0]}", expected "# ${namespace}/${name}"`);
  let i = 1;
  while (i < lines.length && lines[i].trim() === '') i++;
  const paragraph: string[] = [];
  while (i < lines.length && lines[i].trim() !== '') paragraph.push(lines[i++].trim());
  if (paragraph.join(' ') !== rule.meta.docs.description) {
    problems.push(`the first paragraph differs from meta.docs.description:\n  doc:  ${paragraph.join(' ')}\n  meta: ${rule.meta.docs.description}`);
  }
  const sections = lines.filter((l) => l.startsWith('## ')).map((l) => l.slice(3).trim());
  if (sections.join('|') !== RULE_DOC_SECTIONS.join('|')) {
    problems.push(`the sections are [${sections.join(', ')}], expected [${RULE_DOC_SECTIONS.join(', ')}]`);
  }
  for (const section of RULE_DOC_SECTIONS) {
    const start = lines.indexOf(`## ${section}`);
    if (start < 0) continue;
    const next = lines.findIndex((l, k) => k > start && l.startsWith('## '));
    if (lines.slice(start + 1, next < 0 ? undefined : next).join('\n').trim() === '') problems.push(`the section "${section}" is empty`);
  }
  return problems;
}

/**
 * Registers one test per rule checking its doc (title, first paragraph = `meta.docs.description`,
 * the fixed sections in order, none empty), and one checking that the README lists every rule.
 */
export function testRuleDocs({ namespace, rules, docsDir, readme }: RuleDocsOptions): void {
  testApi.describe('rule docs', () => {
    for (const [name, rule] of Object.entries(rules)) {
      testApi.it(`docs/rules/${name}.md has the fixed sections and the meta description`, () => {
        const file = nodePath.join(docsDir, `${name}.md`);
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch {
          throw new Error(`${namespace}/${name} has no doc at ${file}`);
        }
        const problems = checkRuleDoc(namespace, name, rule, text);
        if (problems.length > 0) throw new Error(`${file}:\n- ${problems.join('\n- ')}`);
      });
    }
    if (readme) {
      testApi.it('the README lists every rule', () => {
        const text = readFileSync(readme, 'utf8');
        const missing = Object.keys(rules).filter((name) => !text.includes(`${namespace}/${name}`));
        if (missing.length > 0) throw new Error(`${readme} does not mention: ${missing.map((n) => `${namespace}/${n}`).join(', ')}`);
      });
    }
  });
}
