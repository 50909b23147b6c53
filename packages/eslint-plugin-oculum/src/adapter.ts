import type { Rule as ESLintRule } from 'eslint';
import { createFixer, ruleTriggersMatch, type Depth, type Fix, type FixFunction, type ReportDescriptor, type Rule, type RuleContext } from '@oculum/core';
import { createJsSourceCode, type JsSourceCode, type TSESTree } from '@oculum/lang-js';

/**
 * One semantic model per file, shared by every Oculum rule ESLint runs on it. Keyed by ESLint's
 * SourceCode object: the model is built over ESLint's own tree (espree or typescript-eslint), so
 * the file is never parsed a second time.
 */
const models = new WeakMap<object, JsSourceCode>();

export function sourceCodeFor(context: ESLintRule.RuleContext): JsSourceCode {
  const source = context.sourceCode;
  let model = models.get(source);
  if (!model) {
    model = createJsSourceCode({
      path: context.filename,
      text: source.text,
      ast: source.ast as unknown as TSESTree.Program,
      comments: source.getAllComments() as unknown as ReadonlyArray<{ type: string; value: string; range: [number, number] }>,
    });
    models.set(source, model);
  }
  return model;
}

/** Oculum settings live under `settings.oculum` in the ESLint config (`{ depth, trustedPublishers, … }`). */
function oculumSettings(context: ESLintRule.RuleContext): Record<string, unknown> {
  const settings = (context.settings as Record<string, unknown> | undefined)?.oculum;
  return settings && typeof settings === 'object' ? (settings as Record<string, unknown>) : {};
}

function toEslintFix(model: JsSourceCode, fix: FixFunction): ESLintRule.ReportFixer {
  return (fixer) => {
    const produced = fix(createFixer(model));
    if (!produced) return null;
    const list: Fix[] = Array.isArray(produced) ? produced : [produced];
    return list.map((f) => fixer.replaceTextRange(f.range, f.text));
  };
}

/** ESLint columns are 0-based; Oculum's are 1-based. */
function toEslintLoc(loc: NonNullable<ReportDescriptor['loc']>) {
  return {
    start: { line: loc.start.line, column: loc.start.column - 1 },
    end: { line: loc.end.line, column: loc.end.column - 1 },
  };
}

export function toEslintReport(model: JsSourceCode, descriptor: ReportDescriptor): ESLintRule.ReportDescriptor {
  const base = {
    messageId: descriptor.messageId,
    data: descriptor.data as Record<string, string> | undefined,
    fix: descriptor.fix ? toEslintFix(model, descriptor.fix) : undefined,
    suggest: descriptor.suggest?.map((s) => ({
      messageId: s.messageId,
      data: s.data as Record<string, string> | undefined,
      fix: toEslintFix(model, s.fix),
    })),
  };
  if (descriptor.loc) return { ...base, loc: toEslintLoc(descriptor.loc) };
  if (!descriptor.node) throw new Error(`Oculum rule report without node or loc (${descriptor.messageId})`);
  return { ...base, node: descriptor.node as unknown as ESLintRule.Node };
}

/**
 * Wraps an Oculum JS/TS rule as an ESLint rule. The rule object is the same one the Oculum engine
 * runs: its listener keys are ESTree node types (and `:exit`), which ESLint understands as they are.
 * Confidence and per-finding severity have no ESLint equivalent and are dropped; the message stays.
 */
export function adaptRule(ruleId: string, rule: Rule<any, any>): ESLintRule.RuleModule {
  const { meta } = rule;
  return {
    meta: {
      type: 'problem',
      docs: { description: meta.docs.description, recommended: meta.docs.recommended, url: meta.docs.url },
      messages: meta.messages,
      schema: (meta.schema ?? []) as ESLintRule.RuleMetaData['schema'],
      defaultOptions: meta.defaultOptions,
      fixable: meta.fixable,
      hasSuggestions: meta.hasSuggestions,
      deprecated: meta.deprecated,
    },
    create(context) {
      const text = context.sourceCode.text;
      // The same prefilter as the engine: skip the file when the rule's triggers do not occur.
      if (!ruleTriggersMatch(meta, text)) return {};
      const model = sourceCodeFor(context);
      const settings = oculumSettings(context);
      const depth = (['quick', 'standard', 'deep'] as const).includes(settings.depth as Depth) ? (settings.depth as Depth) : 'standard';
      const oculumContext: { -readonly [K in keyof RuleContext<unknown[], JsSourceCode>]: RuleContext<unknown[], JsSourceCode>[K] } = {
        id: ruleId,
        options: context.options,
        settings,
        depth,
        filename: context.filename,
        cwd: context.cwd,
        sourceCode: model,
        report(descriptor) {
          context.report(toEslintReport(model, descriptor));
        },
      };
      // ESLint has no confidence column: `settings.oculum.minConfidence` drops less certain findings.
      const rank = { low: 0, medium: 1, high: 2 } as const;
      const floor = rank[settings.minConfidence as keyof typeof rank] ?? 0;
      if (floor > 0) {
        const report = oculumContext.report;
        oculumContext.report = (descriptor) => {
          if (rank[descriptor.confidence ?? 'high'] >= floor) report(descriptor);
        };
      }
      const minDepth = meta.minDepth ?? 'quick';
      const order = { quick: 0, standard: 1, deep: 2 };
      if (order[minDepth] > order[depth]) return {};
      return rule.create(oculumContext, context.options) as ESLintRule.RuleListener;
    },
  };
}
