import * as nodePath from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  applyFixes,
  formatMessage,
  initLanguage,
  lintText,
  triggeredRuleIds,
  type Confidence,
  type Depth,
  type FileResult,
  type Finding,
  type Language,
  type Rule,
  type Settings,
  type Severity,
} from '@oculum/core';
import { testApi, type DescribeFn, type ItFn } from './test-api.js';

export interface RuleTesterConfig {
  language: Language<any>;
  settings?: Settings;
  /** Default 'deep' so every rule runs whatever its `minDepth`. */
  depth?: Depth;
  /** Directory test files pretend to live in (default process.cwd()). */
  cwd?: string;
}

export interface ValidTestCase {
  code: string;
  options?: unknown[];
  settings?: Settings;
  /** File name (relative to `cwd`); default `file<first extension of the language>`. */
  filename?: string;
  name?: string;
  /** Accept parse errors in `code` (by default a parse error fails the case: it is usually a typo). */
  allowParseErrors?: boolean;
  only?: boolean;
  skip?: boolean;
}

export interface SuggestionExpectation {
  messageId: string;
  data?: Record<string, unknown>;
  /** The code after applying this suggestion alone. */
  output: string;
}

export interface ErrorExpectation {
  messageId: string;
  /** When given, the message must equal the template filled with this data. */
  data?: Record<string, unknown>;
  /** When given, the exact message (prefer `data`: messages are prose, ids and data are the contract). */
  message?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  confidence?: Confidence;
  severity?: Severity;
  /** `[]` asserts there are none. */
  suggestions?: SuggestionExpectation[] | [];
}

export interface InvalidTestCase extends ValidTestCase {
  errors: ErrorExpectation[];
  /** Code after one pass of fixes; `null` asserts no fix. Required when the rule fixes. */
  output?: string | null;
}

export interface RuleTests {
  valid: Array<string | ValidTestCase>;
  invalid: InvalidTestCase[];
}

function truncate(text: string, max = 80): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

function show(value: unknown): string {
  return JSON.stringify(value);
}

/**
 * ESLint-style rule tests: every case becomes its own Vitest test (`describe(ruleId)` → `valid` /
 * `invalid` → one `it` per case). Strict: duplicate cases fail, the number of findings must match,
 * fix and suggestion outputs are re-parsed and must parse, `output` equal to the input fails.
 */
export class RuleTester {
  readonly config: RuleTesterConfig;

  /** The `describe` cases are grouped with (Vitest's by default). */
  static get describe(): DescribeFn {
    return testApi.describe;
  }
  static set describe(fn: DescribeFn) {
    testApi.describe = fn;
  }
  /** The `it` every case is registered with (Vitest's by default); `it.only` / `it.skip` used when present. */
  static get it(): ItFn {
    return testApi.it;
  }
  static set it(fn: ItFn) {
    testApi.it = fn;
  }

  constructor(config: RuleTesterConfig) {
    if (!config || !config.language || typeof config.language.parse !== 'function') {
      throw new TypeError('RuleTester: `language` (an Oculum Language) is required');
    }
    this.config = config;
  }

  run(ruleId: string, rule: Rule<any, any>, tests: RuleTests): void {
    if (!rule || typeof rule.create !== 'function' || !rule.meta) throw new TypeError(`RuleTester: "${ruleId}" is not a rule`);
    if (!tests || !Array.isArray(tests.valid) || !Array.isArray(tests.invalid)) {
      throw new TypeError('RuleTester.run: tests must have `valid` and `invalid` arrays');
    }
    const { language } = this.config;
    const seen = new Set<string>();
    const duplicate = (testCase: ValidTestCase | InvalidTestCase): boolean => {
      const key = show({ code: testCase.code, options: testCase.options, settings: testCase.settings, filename: testCase.filename });
      if (seen.has(key)) return true;
      seen.add(key);
      return false;
    };
    const define = (testCase: ValidTestCase, index: number, body: () => Promise<void>) => {
      const name = testCase.name ?? (truncate(testCase.code) || `case ${index + 1}`);
      const { it } = testApi;
      const fn = (testCase.only ? it.only : testCase.skip ? it.skip : undefined) ?? it;
      if (testCase.skip && !it.skip) return;
      fn(name, body);
    };

    const { describe, it } = testApi;
    describe(ruleId, () => {
      it('rule serves the tester language', () => {
        if (!rule.meta.languages.includes(language.id)) {
          throw new Error(`Rule "${ruleId}" lists languages ${show(rule.meta.languages)}, not "${language.id}"`);
        }
      });
      // Vitest fails an empty suite: only group what exists.
      if (tests.valid.length > 0) describe('valid', () => {
        tests.valid.forEach((raw, index) => {
          const testCase: ValidTestCase = typeof raw === 'string' ? { code: raw } : raw;
          const isDuplicate = duplicate(testCase);
          define(testCase, index, async () => {
            if (isDuplicate) throw new Error('detected duplicate test case');
            if (typeof testCase.code !== 'string') throw new Error('test case needs `code` (a string)');
            const result = await this.lint(ruleId, rule, testCase);
            const findings = result.findings;
            if (findings.length > 0) {
              throw new Error(`Should have no findings but had ${findings.length}:\n${findings.map(describeFinding).join('\n')}`);
            }
          });
        });
      });
      if (tests.invalid.length > 0) describe('invalid', () => {
        tests.invalid.forEach((testCase, index) => {
          const isDuplicate = duplicate(testCase);
          define(testCase, index, async () => {
            if (isDuplicate) throw new Error('detected duplicate test case');
            await this.checkInvalid(ruleId, rule, testCase);
          });
        });
      });
    });
  }

  private filenameFor(testCase: ValidTestCase): string {
    const cwd = this.config.cwd ?? process.cwd();
    const name = testCase.filename ?? `file${this.config.language.extensions[0] ?? ''}`;
    return nodePath.resolve(cwd, name);
  }

  /** Lints one case; internal rule errors and (unless allowed) parse errors of the code fail it. */
  private async lint(ruleId: string, rule: Rule<any, any>, testCase: ValidTestCase): Promise<FileResult> {
    const { language } = this.config;
    // (the listener's keys, for `zeroHint`)
    const listening: Rule<any, any> = {
      ...rule,
      create: (context, options) => {
        const listener = rule.create(context, options);
        this.listened.set(rule, Object.keys(listener ?? {}));
        return listener;
      },
    };
    const result = await lintText({
      path: this.filenameFor(testCase),
      text: language.readsFile ? undefined : testCase.code,
      language,
      rules: [{ id: ruleId, rule: listening, level: 'error', options: testCase.options ?? [] }],
      settings: { ...this.config.settings, ...testCase.settings },
      depth: this.config.depth ?? 'deep',
      cwd: this.config.cwd,
    });
    const internal = result.diagnostics.filter((d) => d.kind === 'internal');
    if (internal.length > 0) throw new Error(internal.map((d) => d.message).join('\n'));
    if (!testCase.allowParseErrors) {
      const parseErrors = result.diagnostics.filter((d) => d.kind === 'parse-error');
      if (parseErrors.length > 0) {
        throw new Error(
          `The test code does not parse (set allowParseErrors: true if intended):\n${parseErrors
            .map((d) => `  line ${d.line ?? '?'}: ${d.message}`)
            .join('\n')}`,
        );
      }
    }
    return result;
  }

  /**
   * Why a rule reported nothing when the cause is not its code: the prefilter skipped the case (none of
   * its triggers occurs, or a trigger group does not), or the rule listens to node types the language
   * never produces (`CallExpression` in a Python rule: `Language.nodeTypes`).
   */
  private zeroHint(ruleId: string, rule: Rule<any, any>, testCase: ValidTestCase): string {
    const { language } = this.config;
    if (language.readsFile) return '';
    const triggered = triggeredRuleIds({
      path: this.filenameFor(testCase),
      text: testCase.code,
      language,
      rules: [{ id: ruleId, rule, level: 'error', options: testCase.options ?? [] }],
      settings: { ...this.config.settings, ...testCase.settings },
      depth: this.config.depth ?? 'deep',
      cwd: this.config.cwd,
    });
    if (triggered && !triggered.includes(ruleId)) {
      const show = (t: unknown) => (typeof t === 'string' ? JSON.stringify(t) : t instanceof RegExp ? String(t) : 'a trigger test');
      const groups = rule.meta.triggerGroups?.length ? ` and one of each of meta.triggerGroups` : '';
      return `\n  (the prefilter skipped this code: it must contain one of meta.triggers [${rule.meta.triggers.map(show).join(', ')}]${groups}, outside comments and docstrings)`;
    }
    const types = language.nodeTypes?.();
    const unknown = types ? (this.listened.get(rule) ?? []).filter((key) => !types.has(key.replace(/:exit$/, ''))) : [];
    if (unknown.length > 0) {
      return `\n  (the rule listens to ${unknown.map((k) => `"${k}"`).join(', ')}, which ${unknown.length === 1 ? 'is not a node type' : 'are not node types'} of ${language.id}: ${unknown.length === 1 ? 'that handler never runs' : 'those handlers never run'}${language.id === 'python' ? '; Python rules listen to tree-sitter types such as "call"' : ''})`;
    }
    return '';
  }

  /** The keys of each rule's listener, as its last `create` returned them. */
  private readonly listened = new WeakMap<Rule<any, any>, string[]>();

  /** Parses an output produced by a fix or suggestion; a parse error fails the case. */
  private async assertParses(code: string, what: string, testCase: ValidTestCase): Promise<void> {
    const { language } = this.config;
    if (language.readsFile) return;
    await initLanguage(language);
    const sourceCode = await language.parse({
      path: this.filenameFor(testCase),
      text: code,
      settings: { ...this.config.settings, ...testCase.settings },
      depth: this.config.depth ?? 'deep',
    });
    if (sourceCode.parseErrors.length > 0) {
      const first = sourceCode.parseErrors[0];
      throw new Error(`${what} does not parse (line ${first.loc.start.line}: ${first.message}):\n${code}`);
    }
  }

  private async checkInvalid(ruleId: string, rule: Rule<any, any>, testCase: InvalidTestCase): Promise<void> {
    if (typeof testCase.code !== 'string') throw new Error('test case needs `code` (a string)');
    if (!Array.isArray(testCase.errors) || testCase.errors.length === 0) {
      throw new Error('invalid test case needs a non-empty `errors` array');
    }
    if (typeof testCase.output === 'string' && testCase.output === testCase.code) {
      throw new Error('`output` equals `code`: use `output: null` to assert that the rule does not fix');
    }
    const result = await this.lint(ruleId, rule, testCase);
    const findings = result.findings;
    if (findings.length !== testCase.errors.length) {
      throw new Error(
        `Should have ${testCase.errors.length} finding(s) but had ${findings.length}:\n${findings.map(describeFinding).join('\n') || '  (none)'}${findings.length === 0 ? this.zeroHint(ruleId, rule, testCase) : ''}`,
      );
    }
    for (let i = 0; i < findings.length; i++) {
      await this.checkFinding(rule, ruleId, testCase, findings[i], testCase.errors[i], i);
    }

    const fixes = findings.filter((f) => f.fix).map((f) => f.fix!);
    if (testCase.output === undefined) {
      if (fixes.length > 0) {
        throw new Error(`The rule fixed the code; add \`output\` to the test case:\n${applyFixes(testCase.code, fixes).output}`);
      }
    } else if (testCase.output === null) {
      if (fixes.length > 0) {
        throw new Error(`Expected no fix (output: null) but the rule fixed the code to:\n${applyFixes(testCase.code, fixes).output}`);
      }
    } else {
      if (fixes.length === 0) throw new Error('Expected a fix (`output`) but the rule did not fix the code');
      const { output } = applyFixes(testCase.code, fixes);
      if (output !== testCase.output) {
        throw new Error(`Fix output differs.\nExpected:\n${testCase.output}\nActual:\n${output}`);
      }
      await this.assertParses(output, 'Fix output', testCase);
    }
  }

  private async checkFinding(
    rule: Rule<any, any>,
    ruleId: string,
    testCase: InvalidTestCase,
    finding: Finding,
    expected: ErrorExpectation,
    index: number,
  ): Promise<void> {
    const at = `finding ${index + 1} (${describeFinding(finding).trim()})`;
    if (!expected || typeof expected !== 'object' || typeof expected.messageId !== 'string') {
      throw new Error(`errors[${index}] needs a messageId`);
    }
    if (!Object.prototype.hasOwnProperty.call(rule.meta.messages, expected.messageId)) {
      throw new Error(`errors[${index}].messageId "${expected.messageId}" is not in meta.messages of ${ruleId}`);
    }
    if (finding.messageId !== expected.messageId) {
      throw new Error(`${at}: messageId should be "${expected.messageId}" but is "${finding.messageId}"`);
    }
    if (expected.data !== undefined) {
      const message = formatMessage(ruleId, rule.meta.messages, expected.messageId, expected.data);
      if (message !== finding.message) {
        throw new Error(`${at}: message should be ${show(message)} but is ${show(finding.message)}`);
      }
    }
    if (expected.message !== undefined && expected.message !== finding.message) {
      throw new Error(`${at}: message should be ${show(expected.message)} but is ${show(finding.message)}`);
    }
    for (const key of ['line', 'column', 'endLine', 'endColumn', 'confidence', 'severity'] as const) {
      if (expected[key] !== undefined && !isDeepStrictEqual(expected[key], finding[key])) {
        throw new Error(`${at}: ${key} should be ${show(expected[key])} but is ${show(finding[key])}`);
      }
    }
    if (expected.suggestions === undefined) {
      if (finding.suggestions && finding.suggestions.length > 0) {
        throw new Error(`${at}: the rule suggests ${finding.suggestions.map((s) => s.messageId).join(', ')}; add \`suggestions\` to errors[${index}]`);
      }
    } else {
      const actual = finding.suggestions ?? [];
      if (actual.length !== expected.suggestions.length) {
        throw new Error(
          `${at}: should have ${expected.suggestions.length} suggestion(s) but had ${actual.length}${
            actual.length ? `: ${actual.map((s) => s.messageId).join(', ')}` : ''
          }`,
        );
      }
      for (let s = 0; s < actual.length; s++) {
        const want = expected.suggestions[s];
        const got = actual[s];
        if (got.messageId !== want.messageId) {
          throw new Error(`${at}: suggestion ${s + 1} messageId should be "${want.messageId}" but is "${got.messageId}"`);
        }
        if (want.data !== undefined) {
          const desc = formatMessage(ruleId, rule.meta.messages, want.messageId, want.data);
          if (desc !== got.desc) throw new Error(`${at}: suggestion ${s + 1} should say ${show(desc)} but says ${show(got.desc)}`);
        }
        if (typeof want.output !== 'string') throw new Error(`${at}: suggestion ${s + 1} needs an \`output\``);
        const { output } = applyFixes(testCase.code, [got.fix]);
        if (output === testCase.code) throw new Error(`${at}: suggestion ${s + 1} does not change the code`);
        if (output !== want.output) {
          throw new Error(`${at}: suggestion ${s + 1} output differs.\nExpected:\n${want.output}\nActual:\n${output}`);
        }
        await this.assertParses(output, `Suggestion ${s + 1} output`, testCase);
      }
    }
  }
}

export function describeFinding(finding: Finding): string {
  return `  ${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn} ${finding.ruleId} [${finding.messageId}] ${finding.message}`;
}
