/**
 * @oculum/lang-python — the `python` Language for Oculum: web-tree-sitter parsing with the grammar
 * shipped in `tree-sitter-python`, and `PythonSourceCode`, the semantic model rules ask.
 */
import type { Language, ParseInput } from '@oculum/core';
import { initParser, isParserReady, parseTree } from './parser.js';
import { PythonSourceCode } from './source-code.js';

export { PythonSourceCode } from './source-code.js';
export type { PythonNode, PythonParameter, ParseProblem } from './source-code.js';
export type { PythonBinding, BindingKind, ScopeKind, ScopeInfo, AttributeAssignment } from './scopes.js';
export { ScopeModel } from './scopes.js';
export { PYTHON_BUILTINS } from './builtins.js';
export { initParser, grammarWasmPath } from './parser.js';

/** Parses Python text into a `PythonSourceCode` (the parser must be initialised). */
export function parsePython(text: string, path = '<text>'): PythonSourceCode {
  return new PythonSourceCode(path, text, parseTree(text));
}

/** The Python language: `.py`, `.pyi`, `.pyw`. `init()` loads the grammar once per thread. */
export const python: Language<PythonSourceCode> = {
  id: 'python',
  extensions: ['.py', '.pyi', '.pyw'],
  init: initParser,
  parse(input: ParseInput): PythonSourceCode | Promise<PythonSourceCode> {
    const text = input.text ?? '';
    if (isParserReady()) return parsePython(text, input.path);
    return initParser().then(() => parsePython(text, input.path));
  },
};

export default python;

// Static dependency-file reading (owned by the plugin-python-torch engineer).
export * from './dependencies.js';
