import type { SuggestionDescriptor } from '@oculum/core';
import type { JsNode, JsSourceCode, TSESTree } from '@oculum/lang-js';
import { staticKey, unwrapExpression } from '@oculum/lang-js';
import { hostOf, isLoopback, urlCallArguments } from './locations.js';

export type StringLiteral = TSESTree.Literal | TSESTree.TemplateLiteral;

/** How many values deep `httpLiterals` follows an expression. */
const MAX_DEPTH = 8;
const HTTP = /^http:\/\//i;

/**
 * The cooked text a string literal starts with: a string's value, a template literal's first piece
 * (`'http:/\⏎/cdn'` and `'http\u003a//cdn'` are `http://cdn`); `undefined` for other literals.
 */
export function literalHead(node: JsNode): string | undefined {
  if (node.type === 'Literal') return typeof node.value === 'string' ? node.value : undefined;
  if (node.type === 'TemplateLiteral') return node.quasis[0].value.cooked ?? undefined;
  return undefined;
}

/** Starts with `http://` to another host than this machine (the host may not be known: `` `http://${host}/` ``). */
export function startsInsecure(head: string): boolean {
  if (!HTTP.test(head)) return false;
  const host = hostOf(head);
  return !(host && isLoopback(host));
}

/**
 * The string literals that begin the values of `expr` with `http://` (not to a loopback host): the
 * literal itself, the first piece of a `+` chain (`'http://cdn/' + name + '.onnx'`), a template literal
 * (`` `http://cdn/${name}.onnx` ``, or one whose first substitution starts it), through TypeScript
 * wrappers (`as`, `satisfies`, `!`), stable variables and the members of constant objects
 * (`CONFIG.modelUrl`), both sides of `||` / `??`, the right side of `&&`, both branches of `?:`, and
 * the URL an extension's `getURL(url)` or `new URL(url, base)` is made of (the URL's literal, else the
 * base's), also as its `.href` or `.toString()`. These are the literals a loader rule reports the URL
 * at and offers to switch to `https://`.
 */
export function httpLiterals(sc: JsSourceCode, expr: JsNode, depth = 0): StringLiteral[] {
  if (depth > MAX_DEPTH) return [];
  const node = sc.definingExpression(expr);
  if (!node) return [];
  const next = (e: JsNode) => httpLiterals(sc, e, depth + 1);
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' && startsInsecure(node.value) ? [node] : [];
    case 'TemplateLiteral': {
      const head = literalHead(node) ?? '';
      if (head === '' && node.expressions.length > 0) return next(node.expressions[0]);
      return startsInsecure(head) ? [node] : [];
    }
    case 'BinaryExpression': {
      if (node.operator !== '+') return [];
      // the head of a `+` chain however long (`'http://cdn/' + 'p0/' + … + 'm.onnx'`): its left spine
      // is walked in a loop, at no cost in depth (as `literalsReportedByLoaders`' loaders see it)
      let head: JsNode = node.left;
      for (let inner = unwrapExpression(head); inner.type === 'BinaryExpression' && inner.operator === '+'; inner = unwrapExpression(head)) head = inner.left;
      return next(head);
    }
    case 'LogicalExpression':
      return node.operator === '&&' ? next(node.right) : [...next(node.left), ...next(node.right)];
    case 'ConditionalExpression':
      return [...next(node.consequent), ...next(node.alternate)];
    case 'MemberExpression': {
      const key = staticKey(node);
      const obj = sc.objectLiteral(node.object);
      if (!obj) return key === 'href' ? next(node.object) : [];
      const value = key !== undefined ? sc.property(obj, key) : undefined;
      return value ? next(value) : [];
    }
    case 'CallExpression':
    case 'NewExpression': {
      const callee = node.callee;
      if (node.type === 'CallExpression' && callee.type === 'MemberExpression' && staticKey(callee) === 'toString' && node.arguments.length === 0) return next(callee.object);
      for (const arg of urlCallArguments(sc, node)) {
        const found = next(arg);
        if (found.length > 0) return found;
      }
      return [];
    }
    default:
      return [];
  }
}

/** `http://` written as such right after the quote: the seven characters `httpsSuggestion` replaces. */
export function plainHttp(sc: JsSourceCode, literal: StringLiteral): boolean {
  return /^["'`]http:\/\//i.test(sc.getText(literal));
}

const typeStrings = new WeakMap<JsSourceCode, ReadonlySet<string>>();

/** The strings of the file's TypeScript literal types (`type ModelUrl = 'http://…'`). */
function literalTypeStrings(sc: JsSourceCode): ReadonlySet<string> {
  let found = typeStrings.get(sc);
  if (found) return found;
  const strings = new Set<string>();
  sc.descendants(sc.ast, (n) => {
    if (n.type !== 'TSLiteralType') return;
    const literal = n.literal;
    const head = literalHead(literal);
    if (head !== undefined && (literal.type !== 'TemplateLiteral' || literal.expressions.length === 0)) strings.add(head);
  });
  typeStrings.set(sc, (found = strings));
  return found;
}

/** A literal whose whole value a literal type of the file spells too: switching the value alone would not type-check. */
function typedAsItself(sc: JsSourceCode, literal: StringLiteral): boolean {
  const head = literalHead(literal);
  const whole = literal.type === 'Literal' || literal.expressions.length === 0;
  return whole && head !== undefined && literalTypeStrings(sc).has(head);
}

/**
 * "Use https://" for these literals, one edit each; none when there is no literal, when one spells
 * `http://` with escapes or a line continuation (the edit would not be the seven characters it shows),
 * or when a literal type of the file has the same value (`type ModelUrl = 'http://…'; const u:
 * ModelUrl = 'http://…'`: the value alone switched no longer type-checks).
 */
export function httpsSuggestion(sc: JsSourceCode, literals: readonly StringLiteral[]): SuggestionDescriptor[] | undefined {
  if (literals.length === 0 || !literals.every((l) => plainHttp(sc, l) && !typedAsItself(sc, l))) return undefined;
  return [{ messageId: 'useHttps', fix: (fixer) => literals.map((l) => fixer.replaceText([l.range[0] + 1, l.range[0] + 1 + 'http://'.length], 'https://')) }];
}
