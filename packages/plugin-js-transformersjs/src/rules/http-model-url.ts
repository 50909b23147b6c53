import { createRule } from '@oculum/core';
import { unwrapExpression, type JsNode, type JsSourceCode, type TSESTree } from '@oculum/lang-js';
import { httpLiterals, httpsSuggestion, literalHead, startsInsecure, type StringLiteral } from '../utils/http-literals.js';
import { shown } from '../utils/libraries.js';
import { HUB_HOST_TRIGGER, hostOf, isHubHost, isLoopback, looksLikeModelFile, MODEL_FILE_TRIGGERS } from '../utils/locations.js';
import { docsUrl } from '../utils/meta.js';
import { literalsReportedByLoaders } from '../utils/reported-urls.js';
import { isWebLlmRecordUrl } from '../utils/webllm.js';

/** The largest `+` chain a literal starts (`'http://h/' + name + '.onnx'`). */
function concatenationOf(sc: JsSourceCode, node: JsNode): JsNode {
  let top = node;
  for (let p = sc.parent(top); p && p.type === 'BinaryExpression' && p.operator === '+' && p.left === top; p = sc.parent(top)) top = p;
  return top;
}

const MODULE_SOURCES = new Set(['ImportDeclaration', 'ExportAllDeclaration', 'ExportNamedDeclaration', 'ImportExpression', 'TSExternalModuleReference', 'TSModuleDeclaration', 'TSImportType']);

/** A TypeScript literal type (`type U = 'http://…'`, `u: 'http://…'`, `f<'http://…'>()`) or the name of a member of a type: a type downloads nothing. */
function isType(parent: JsNode, node: JsNode): boolean {
  return parent.type === 'TSLiteralType' || ((parent.type === 'TSPropertySignature' || parent.type === 'TSMethodSignature') && parent.key === node);
}

/** Nodes whose key may be a string: an object's property, a class member, an enum member. */
const KEYED = new Set(['Property', 'PropertyDefinition', 'AccessorProperty', 'MethodDefinition', 'TSAbstractPropertyDefinition', 'TSAbstractAccessorProperty', 'TSAbstractMethodDefinition', 'TSEnumMember']);

/** The key of a property or member (`{ 'http://…/m.onnx': 1 }`): renaming it changes every lookup of it. */
function isKey(sc: JsSourceCode, expr: JsNode): boolean {
  const p = sc.parent(expr);
  if (!p || !KEYED.has(p.type)) return false;
  return (p.type === 'TSEnumMember' ? p.id : (p as TSESTree.Property).key) === expr;
}


/** The value of a JSX attribute (`href="…"`, `` href={`…`} ``). */
function inJsxAttribute(sc: JsSourceCode, node: JsNode): boolean {
  let parent = sc.parent(node);
  if (parent?.type === 'JSXExpressionContainer') parent = sc.parent(parent);
  return parent?.type === 'JSXAttribute';
}

export default createRule<[], JsSourceCode>({
  name: 'http-model-url',
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['javascript'],
    triggers: [/http:\/\//i], // URL schemes are case-insensitive, and so is the rule
    // Only a URL that `looksLikeModelFile` or names a Hub host is reported.
    // (or is a web-llm `model_list` record's URL)
    triggerGroups: [[...MODEL_FILE_TRIGGERS, HUB_HOST_TRIGGER, 'model_list']],
    docs: {
      description: 'Reports model and weights URLs over plain `http://`, which anyone on the network path can tamper with.',
      recommended: true,
      url: docsUrl('http-model-url'),
    },
    messages: {
      http: 'Model URL over plain HTTP ("{{url}}"): the download can be tampered with in transit.',
      useHttps: 'Use https://',
    },
    remediation: 'Use `https://` (and pin the file: a revision for Hub files, a hash or Subresource Integrity for other downloads).',
    hasSuggestions: true,
  },
  create(context) {
    const sc = context.sourceCode;
    // The pack's namespace as this lint spells the ids (`transformersjs/`).
    const prefix = context.id.slice(0, context.id.lastIndexOf('/') + 1);
    const enabled = context.enabledRules;
    /**
     * A literal a loader rule reports at the load, when that rule runs in this lint too: left out, so
     * the URL is reported once. When the rules that run are not known (`enabledRules` undefined: a host
     * that does not say, or `settings.minConfidence`, which may drop the loader's finding), it is
     * reported: a duplicate is better than a lost finding.
     */
    const reportedElsewhere = (node: JsNode): boolean => {
      if (!enabled) return false;
      const by = literalsReportedByLoaders(sc).get(node);
      return by !== undefined && [...by].some((name) => enabled.has(prefix + name));
    };
    /** A model URL `whole` starting with plain-HTTP `head`: the text to show and whether the host is known, else undefined. */
    const judge = (whole: JsNode, head: string): { url: string; host: string } | undefined => {
      const bounds = sc.stringBounds(whole);
      const host = hostOf(bounds.value ?? head);
      if (host && isLoopback(host)) return undefined;
      const value = bounds.value ?? bounds.suffix;
      const modelish =
        looksLikeModelFile(bounds.value ?? head) || looksLikeModelFile(value.replace(/[?#].*$/, '')) || (host !== '' && isHubHost(host)) || isWebLlmRecordUrl(sc, whole);
      return modelish ? { url: shown(bounds.value ?? `${bounds.prefix}…${bounds.suffix === bounds.prefix ? '' : bounds.suffix}`), host } : undefined;
    };
    /** A literal reported by itself: a plain-HTTP start of a model URL written where it is used. */
    const literalJudged = (node: StringLiteral): { url: string; host: string; whole: JsNode } | undefined => {
      const head = literalHead(node);
      if (head === undefined || !startsInsecure(head)) return undefined;
      const parent = sc.parent(node);
      if (parent && (MODULE_SOURCES.has(parent.type) || isType(parent, node))) return undefined;
      const whole = concatenationOf(sc, node);
      const judged = judge(whole, head);
      return judged && { ...judged, whole };
    };
    // the string's value, escapes and line continuations decoded (`'http:/\⏎/cdn…'`)
    const check = (node: StringLiteral) => {
      const judged = literalJudged(node);
      if (!judged || reportedElsewhere(node)) return;
      context.report({
        node,
        messageId: 'http',
        data: { url: judged.url },
        // The host is not known (`http://${host}/…`): it may be a local server. A JSX attribute
        // (`<a href="http://…/m.onnx">`): a link the user may follow, nothing the app downloads itself.
        confidence: judged.host && !inJsxAttribute(sc, judged.whole) ? 'high' : 'medium',
        suggest: isKey(sc, judged.whole) ? undefined : httpsSuggestion(sc, [node]),
      });
    };
    /**
     * A URL built on a plain-HTTP base held elsewhere (`const BASE = 'http://…'; BASE + '/m.onnx'`,
     * `` `${BASE}/m.onnx` ``): reported at the outermost `+` chain or template, unless the base's
     * literal is reported by itself (it names a model file already) or a loader rule reports the URL.
     */
    const checkBuilt = (node: TSESTree.BinaryExpression | TSESTree.TemplateLiteral) => {
      let first: JsNode;
      if (node.type === 'BinaryExpression') {
        // (only the outermost of a chain: the parent, not a walk up, so a long chain stays linear)
        const up = sc.parent(node);
        if (node.operator !== '+' || (up?.type === 'BinaryExpression' && up.operator === '+' && up.left === node)) return;
        first = node;
        while (first.type === 'BinaryExpression' && first.operator === '+') first = first.left;
      } else {
        if (literalHead(node) !== '' || node.expressions.length === 0) return;
        first = node.expressions[0];
      }
      // (a start written as a literal is judged by itself; the start of an enclosing template is judged there)
      const start = unwrapExpression(first);
      if (start.type === 'Literal' || start.type === 'TemplateLiteral' || start.type === 'BinaryExpression') return;
      const parent = sc.parent(node);
      if (parent?.type === 'TemplateLiteral' && parent.expressions[0] === node && literalHead(parent) === '') return;
      if (parent?.type === 'TaggedTemplateExpression' || (parent && isType(parent, node))) return;
      const literals = httpLiterals(sc, start);
      if (literals.length === 0) return;
      const bounds = sc.stringBounds(node);
      if (!startsInsecure(bounds.prefix)) return;
      const judged = judge(node, bounds.prefix);
      if (!judged || literals.some((l) => literalJudged(l) !== undefined) || reportedElsewhere(node)) return;
      context.report({
        node,
        messageId: 'http',
        data: { url: judged.url },
        confidence: judged.host ? 'high' : 'medium',
        suggest: httpsSuggestion(sc, literals),
      });
    };
    return {
      Literal: check,
      BinaryExpression: checkBuilt,
      TemplateLiteral(node: TSESTree.TemplateLiteral) {
        if (sc.parent(node)?.type === 'TaggedTemplateExpression') return;
        check(node);
        checkBuilt(node);
      },
    };
  },
});
