import type { Language, ParseInput } from '@oculum/core';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { jsCodeText } from './code-text.js';
import { parseText } from './parse.js';
import { JsSourceCode } from './source-code.js';

export { JsSourceCode, unwrapExpression, type JsSourceCodeInit, type StringBounds } from './source-code.js';
export { literalString, normalizeModule, staticKey, isFunctionNode } from './scope.js';
export { childrenOf, walk } from './walk.js';
export { persistTypeScriptCache, preloadTypeScript, privateCacheDir } from './code-cache.js';
export { jsCodeText, jsComments, type JsComment } from './code-text.js';
export type { BindingKind, ImportedMember, JsBinding, JsNode, JsScope } from './types.js';
export type { TSESTree } from '@typescript-eslint/typescript-estree';

export const JS_EXTENSIONS = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx'];

/** Parses JS/TS text into a `JsSourceCode` (syntax errors become `parseErrors`; see `parseText`). */
export function parseJs(text: string, path = 'file.ts'): JsSourceCode {
  const { ast, errors, comments } = parseText(text, path);
  return new JsSourceCode({ path, text, ast, comments, parseErrors: errors });
}

/**
 * Builds the semantic model over a Program another tool already parsed (ESLint's espree or
 * typescript-eslint tree): nothing is parsed twice. The tree needs `range` on every node.
 */
export function createJsSourceCode(init: {
  path: string;
  text: string;
  ast: TSESTree.Program;
  comments?: ReadonlyArray<{ type: string; value: string; range: [number, number] }>;
}): JsSourceCode {
  return new JsSourceCode(init);
}

/** The `javascript` language: JavaScript and TypeScript, parsed with typescript-estree. */
export const javascript: Language<JsSourceCode> = {
  id: 'javascript',
  extensions: JS_EXTENSIONS,
  // The first parse loads the TypeScript compiler: ~0.25 s, about the work of 512 KiB of Python.
  startCost: 128,
  // Triggers count in code only: a word in a comment (a licence header's URL) costs no parse.
  prefilterText: jsCodeText,
  parse(input: ParseInput): JsSourceCode {
    return parseJs(input.text ?? '', input.path);
  },
};

export default javascript;
