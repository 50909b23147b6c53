import { fileURLToPath } from 'node:url';
import type { Rule } from '@oculum/core';
import { javascript } from '@oculum/lang-js';
import { RuleTester, runFixture } from '@oculum/rule-tester';
import { describe, it } from 'vitest';

// Register cases with this Vitest instance (the tester's built dist may carry its own copy).
RuleTester.describe = describe as typeof RuleTester.describe;
RuleTester.it = it as unknown as typeof RuleTester.it;

export const tester = new RuleTester({ language: javascript });

/** Runs the rule's annotated fixture `tests/fixtures/<name>.ts` (by default, the rule's name). */
export function fixture(rule: Rule<any, any>, options?: unknown[], settings?: Record<string, unknown>, name: string = rule.name): void {
  const id = `transformersjs/${rule.name}`;
  runFixture({
    file: fileURLToPath(new URL(`./fixtures/${name}.ts`, import.meta.url)),
    language: javascript,
    rules: { [id]: rule },
    options: options ? { [id]: options } : undefined,
    settings,
  });
}

export const id = (rule: Rule<any, any>): string => `transformersjs/${rule.name}`;
