import { readFileSync } from 'node:fs';
import nodePath from 'node:path';
import { lintText, type Depth, type Language, type Rule, type Settings } from '@oculum/core';
import { describeFinding } from './rule-tester.js';
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
  /**
   * Runs the code blocks of the sections "Example" and "Use instead" whose fence names one of these
   * keys (`python`, `ts`, …) with that language: each Example block must parse and report its rule,
   * each Use instead block must parse and report no rule of `rules`. A block whose first line is a
   * comment `# .oculumrc: { "settings": …, "rules": { "<id>": ["error", {…}] } }` (or `//`) is run with
   * those settings and rule options, as a reader would configure it; a Use instead block without
   * one runs with the config of the Example block before it (the safe code under the same settings).
   */
  examples?: Record<string, Language<any>>;
  /** Depth the examples run at (default `standard`, what `oculum scan` does). */
  depth?: Depth;
}

/** A fenced code block of a rule doc's Example or Use instead section. */
export interface DocExample {
  section: 'Example' | 'Use instead';
  /** The fence's info string (`python`, `ts`). */
  lang: string;
  code: string;
  /** 1-based line of the block's first code line in the doc. */
  line: number;
}

/** The fenced code blocks of the Example and Use instead sections, in order. */
export function docExamples(text: string): DocExample[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const examples: DocExample[] = [];
  let section: DocExample['section'] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const heading = /^## (.*)$/.exec(lines[i]);
    if (heading) {
      const name = heading[1].trim();
      section = name === 'Example' || name === 'Use instead' ? name : undefined;
      continue;
    }
    const fence = /^(`{3,}|~{3,})\s*([\w+-]*)/.exec(lines[i]);
    if (!fence) continue;
    const closing = new RegExp(`^\\s*\\${fence[1][0]}{${fence[1].length},}\\s*$`);
    const close = lines.findIndex((l, k) => k > i && closing.test(l));
    const end = close < 0 ? lines.length : close;
    if (section) examples.push({ section, lang: fence[2].toLowerCase(), code: lines.slice(i + 1, end).join('\n') + '\n', line: i + 2 });
    i = end;
  }
  return examples;
}

const EXTENSIONS: Record<string, string> = { python: '.py', py: '.py', javascript: '.js', js: '.js', jsx: '.jsx', typescript: '.ts', ts: '.ts', tsx: '.tsx', mjs: '.mjs', cjs: '.cjs' };
const RC_COMMENT = /^\s*(?:#|\/\/)\s*\.oculumrc:\s*(\{.*\})\s*$/;

/** The settings and rule options an example's `# .oculumrc: {…}` first line gives. */
function exampleConfig(code: string): { settings: Settings; options: Record<string, unknown[]> } {
  const match = RC_COMMENT.exec(code.split('\n', 1)[0]);
  if (!match) return { settings: {}, options: {} };
  let config: { settings?: Settings; rules?: Record<string, unknown> };
  try {
    config = JSON.parse(match[1]);
  } catch (error) {
    throw new Error(`its ".oculumrc:" comment is not JSON: ${(error as Error).message}`);
  }
  const options: Record<string, unknown[]> = {};
  for (const [id, entry] of Object.entries(config.rules ?? {})) if (Array.isArray(entry)) options[id] = entry.slice(1);
  return { settings: config.settings ?? {}, options };
}

async function checkExample(options: RuleDocsOptions, name: string, file: string, example: DocExample, inherited?: DocExample): Promise<void> {
  const language = options.examples![example.lang];
  const ruleId = `${options.namespace}/${name}`;
  const where = `${file}:${example.line} (${example.section})`;
  let config: ReturnType<typeof exampleConfig>;
  try {
    config = exampleConfig(RC_COMMENT.test(example.code.split('\n', 1)[0]) || !inherited ? example.code : inherited.code);
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
  const path = nodePath.join(nodePath.dirname(file), `${name}.example${EXTENSIONS[example.lang] ?? language.extensions[0] ?? ''}`);
  const result = await lintText({
    path,
    text: example.code,
    language,
    rules: Object.entries(options.rules).map(([key, rule]) => {
      const id = `${options.namespace}/${key}`;
      return { id, rule, level: 'error' as const, options: config.options[id] ?? [] };
    }),
    settings: config.settings,
    depth: options.depth ?? 'standard',
    cwd: nodePath.dirname(file),
    // every block is parsed, also one without the rules' trigger words (a Use instead block)
    prefilter: false,
  });
  const problems = result.diagnostics.filter((d) => d.kind === 'parse-error' || d.kind === 'internal');
  if (problems.length > 0) throw new Error(`${where} does not run cleanly:\n${problems.map((d) => `  line ${d.line ?? '?'}: ${d.message}`).join('\n')}`);
  if (example.section === 'Example') {
    if (!result.findings.some((f) => f.ruleId === ruleId)) {
      const others = result.findings.map(describeFinding).join('\n');
      throw new Error(`${where} reports nothing for ${ruleId}${others ? `; it reports:\n${others}` : ''}`);
    }
  } else if (result.findings.length > 0) {
    throw new Error(`${where} is meant to be safe but reports:\n${result.findings.map(describeFinding).join('\n')}`);
  }
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
 * the fixed sections in order, none empty), one checking that the README lists every rule, and with
 * `examples` one per code block of the Example and Use instead sections in those languages.
 */
export function testRuleDocs({ namespace, rules, docsDir, readme, examples, depth }: RuleDocsOptions): void {
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
      if (!examples) continue;
      const file = nodePath.join(docsDir, `${name}.md`);
      let text = '';
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue; // reported by the test above
      }
      const counts = { Example: 0, 'Use instead': 0 };
      let lastExample: DocExample | undefined;
      for (const example of docExamples(text)) {
        const n = ++counts[example.section];
        if (!examples[example.lang]) continue;
        const inherited = example.section === 'Use instead' ? lastExample : undefined;
        if (example.section === 'Example') lastExample = example;
        const title = example.section === 'Example' ? `reports ${namespace}/${name}` : `reports nothing`;
        testApi.it(`docs/rules/${name}.md: ${example.section} block ${n} (${example.lang}, line ${example.line}) ${title}`, () =>
          checkExample({ namespace, rules, docsDir, examples, depth }, name, file, example, inherited),
        );
      }
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
