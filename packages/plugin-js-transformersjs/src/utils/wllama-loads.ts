import { staticKey, unwrapExpression, type JsNode, type JsSourceCode, type TSESTree } from '@oculum/lang-js';
import { importsAny } from './libraries.js';

/** `@wllama/wllama` (npm, versioned, CDN and `npm:` specifiers, and files of the package: `…/@wllama/wllama@2/esm/index.js`). */
export const isWllamaModule = (m: string): boolean => /(^|\/|npm:)@wllama\/wllama(@[^/?#]*)?(\/|$)/.test(m);

/** The loaders of a `Wllama` instance that download a GGUF file at run time. */
const LOADERS = new Set(['loadModelFromUrl', 'loadModelFromHF']);

/** `new Wllama(...)` of `@wllama/wllama`. */
function isWllamaConstruction(sc: JsSourceCode, node: JsNode): boolean {
  const n = unwrapExpression(node);
  if (n.type !== 'NewExpression') return false;
  const m = sc.importedMember(n.callee);
  return Boolean(m && isWllamaModule(m.module) && m.path.length === 1 && m.path[0] === 'Wllama');
}

/** `null`, `undefined`, `void 0`: a placeholder until the instance is made. */
function isPlaceholder(sc: JsSourceCode, node: JsNode): boolean {
  const n = unwrapExpression(node);
  if (n.type === 'Literal') return n.value === null && !('regex' in n && n.regex);
  if (n.type === 'Identifier') return n.name === 'undefined' && !sc.binding(n);
  return n.type === 'UnaryExpression' && n.operator === 'void';
}

/**
 * What the receiver of a loader call is: `wllama` when it holds a `new Wllama(...)` (a stable variable,
 * or a class member every value of which, placeholders aside, is one), `other` when it provably holds
 * something else, `unknown` when the analysis cannot tell (a parameter, a variable assigned later).
 */
function receiverKind(sc: JsSourceCode, receiver: JsNode): 'wllama' | 'other' | 'unknown' {
  const def = sc.definingExpression(receiver);
  if (def && isWllamaConstruction(sc, def)) return 'wllama';
  if (def && def.type === 'MemberExpression') {
    const values = sc.memberValues(def)?.filter((v) => !isPlaceholder(sc, v));
    if (!values || values.length === 0) return 'unknown';
    return values.every((v) => isWllamaConstruction(sc, v)) ? 'wllama' : values.some((v) => isWllamaConstruction(sc, v)) ? 'unknown' : 'other';
  }
  if (!def) return 'unknown';
  // an object made here that is not a Wllama: a literal, another class, a function
  return ['NewExpression', 'ObjectExpression', 'ArrayExpression', 'ClassExpression', 'FunctionExpression', 'ArrowFunctionExpression', 'Literal', 'TemplateLiteral'].includes(def.type)
    ? 'other'
    : 'unknown';
}

/** A wllama model load: `wllama.loadModelFromUrl(url, config)` or `wllama.loadModelFromHF(repo, file, config)`. */
export interface WllamaLoad {
  method: 'loadModelFromUrl' | 'loadModelFromHF';
  /**
   * The receiver is not known to be a `Wllama` (a parameter, a variable assigned later) in a file
   * that imports `@wllama/wllama`: it may be another object with a method of that name.
   */
  uncertain: boolean;
}

export function wllamaLoad(sc: JsSourceCode, call: TSESTree.CallExpression): WllamaLoad | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  const method = callee.computed ? sc.constant(callee.property) : staticKey(callee);
  if (typeof method !== 'string' || !LOADERS.has(method)) return undefined;
  const kind = receiverKind(sc, callee.object);
  if (kind === 'other') return undefined;
  if (kind === 'unknown' && !importsAny(sc, isWllamaModule)) return undefined;
  return { method: method as WllamaLoad['method'], uncertain: kind === 'unknown' };
}

/**
 * The URL `loadModelFromUrl` downloads: its first argument, or the first URL of a list of shards
 * (wllama derives the other shards' URLs from the first).
 */
export function wllamaUrlArgument(sc: JsSourceCode, call: TSESTree.CallExpression): JsNode | undefined {
  const arg = sc.argument(call, { position: 0 });
  if (!arg) return undefined;
  const def = sc.definingExpression(arg);
  if (def?.type === 'ArrayExpression') {
    const first = def.elements[0];
    return first && first.type !== 'SpreadElement' ? first : undefined;
  }
  return arg;
}
