import { RuleTester } from '@oculum/rule-tester';
import { describe, it } from 'vitest';
import { modelLanguage } from '../src/language.js';
import { FIXTURES } from './helpers.js';

// Register cases with this Vitest instance (the tester's own import of vitest may be another one).
RuleTester.describe = describe as typeof RuleTester.describe;
RuleTester.it = it as unknown as typeof RuleTester.it;

/** RuleTester for model files: cases name fixture files (relative to tests/fixtures/models); `code` is unused. */
export const tester = new RuleTester({ language: modelLanguage, cwd: FIXTURES });

export const file = (filename: string) => ({ code: '', filename });

export const at = (messageId: string, extra: Record<string, unknown> = {}) => ({ messageId, line: 1, column: 1, ...extra });
