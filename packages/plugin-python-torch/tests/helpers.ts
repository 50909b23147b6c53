import { fileURLToPath } from 'node:url';
import { python } from '@oculum/lang-python';
import { RuleTester, runFixture } from '@oculum/rule-tester';
import type { Rule } from '@oculum/core';
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
