import { fileURLToPath } from 'node:url';
import { python } from '@oculum/lang-python';
import { RuleTester, runFixture } from '@oculum/rule-tester';
import { lintText, type Depth, type Finding, type Rule } from '@oculum/core';
import { rules } from '../src/index.js';
import { describe, it } from 'vitest';

// Register cases with this Vitest instance (the tester's own import of vitest may be another one).
RuleTester.describe = describe as typeof RuleTester.describe;
RuleTester.it = it as unknown as typeof RuleTester.it;

export const fixturesDir = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** A tester whose files live in the (dependency-file free) fixtures directory. */
export const ruleTester = new RuleTester({ language: python, cwd: fixturesDir });

/** Runs the rule's annotated fixture `tests/fixtures/<name>.py`. */
export function fixture(rule: Rule<any, any>): void {
  runFixture({ file: `${fixturesDir}${rule.name}.py`, language: python, rules: { [`torch/${rule.name}`]: rule } });
}

/** All rules of the plugin on one snippet, as `oculum scan` runs them. */
export async function lintAll(text: string, options: { file?: string; depth?: Depth } = {}): Promise<Finding[]> {
  const result = await lintText({
    path: `${fixturesDir}${options.file ?? 'snippet.py'}`,
    text,
    language: python,
    rules: Object.entries(rules).map(([name, rule]) => ({ id: `torch/${name}`, rule, level: 'error' as const, options: [] })),
    ...(options.depth ? { depth: options.depth } : {}),
    cwd: fixturesDir,
  });
  return result.findings;
}
