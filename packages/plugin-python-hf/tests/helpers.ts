import { fileURLToPath } from 'node:url';
import { lintText, type Depth, type Finding, type Rule, type Settings } from '@oculum/core';
import { rules } from '../src/index.js';
import { python } from '@oculum/lang-python';
import { RuleTester, runFixture } from '@oculum/rule-tester';
import { describe, it } from 'vitest';

// Register cases with this Vitest instance (the tester's own import of vitest may be another one).
RuleTester.describe = describe as typeof RuleTester.describe;
RuleTester.it = it as unknown as typeof RuleTester.it;

export const fixturesDir = fileURLToPath(new URL('./fixtures/', import.meta.url));

export const ruleTester = new RuleTester({ language: python, cwd: fixturesDir });

/** Runs the rule's annotated fixture `tests/fixtures/<name>.py` (or another file of that directory). */
export function fixture(rule: Rule<any, any>, opts: { file?: string; settings?: Settings; options?: unknown[] } = {}): void {
  runFixture({
    file: `${fixturesDir}${opts.file ?? `${rule.name}.py`}`,
    language: python,
    rules: { [`hf/${rule.name}`]: rule },
    settings: opts.settings,
    options: opts.options ? { [`hf/${rule.name}`]: opts.options } : undefined,
  });
}

/** All rules of the plugin on a text, as `oculum scan` runs them. */
export async function lintAll(text: string, options: { path?: string; cwd?: string; depth?: Depth } = {}): Promise<Finding[]> {
  const cwd = options.cwd ?? fixturesDir;
  const result = await lintText({
    path: options.path ?? `${cwd}snippet.py`,
    text,
    language: python,
    rules: Object.entries(rules).map(([name, rule]) => ({ id: `hf/${name}`, rule, level: 'error' as const })),
    ...(options.depth ? { depth: options.depth } : {}),
    cwd,
  });
  return result.findings;
}
