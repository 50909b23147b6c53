/**
 * @oculum/lang-python — the `python` Language for Oculum: web-tree-sitter parsing with the grammar
 * shipped in `tree-sitter-python`, and `PythonSourceCode`, the semantic model rules ask.
 */
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import type { Language, ParseInput } from '@oculum/core';
import { codeText } from './code-text.js';
import { findProjectDependencies } from './dependencies.js';
import { initParser, isParserReady, parseTree } from './parser.js';
import { ProjectModules } from './project-modules.js';
import { PythonSourceCode } from './source-code.js';

export { PythonSourceCode, firstStartingAt } from './source-code.js';
export { ProjectModules, MAX_MODULE_BYTES } from './project-modules.js';
export { closingBracket, codeText } from './code-text.js';
export { callTrigger, importTrigger, memberTrigger } from './triggers.js';
export type { ContainerWrite, PythonNode, PythonParameter, ParseProblem } from './source-code.js';
export type { PythonBinding, BindingKind, ScopeKind, ScopeInfo, AttributeAssignment } from './scopes.js';
export { ScopeModel } from './scopes.js';
export { PYTHON_BUILTINS } from './builtins.js';
export { initParser, grammarWasmPath, defaultParseTimeout, parserMemoryAccess, indentationLevels, MAX_INDENTATION_LEVELS } from './parser.js';

/**
 * Parses Python text into a `PythonSourceCode` (the parser must be initialised). Throws when the
 * parse exceeds `timeoutMs` (default: 5 s + 5 ms per KiB).
 */
export function parsePython(text: string, path = '<text>', timeoutMs?: number, modules?: ProjectModules): PythonSourceCode {
  return new PythonSourceCode(path, text, parseTree(text, timeoutMs), modules);
}

/**
 * The project's modules, read for their constants at `--depth deep` (one table per thread: a module
 * is parsed at most once however many files import it).
 */
let projectModules: ProjectModules | undefined;
function deepModules(): ProjectModules {
  projectModules ??= new ProjectModules((text, file) => parsePython(text, file, undefined, projectModules));
  return projectModules;
}

/** `settings.python.parseTimeoutMs` (a positive number) overrides the parse budget. */
function timeoutFrom(settings: ParseInput['settings'] | undefined): number | undefined {
  const py = settings?.python;
  const v = py && typeof py === 'object' ? (py as Record<string, unknown>).parseTimeoutMs : undefined;
  return typeof v === 'number' && v > 0 ? v : undefined;
}

/** The Python language: `.py`, `.pyi`, `.pyw`. `init()` loads the grammar once per thread. */
export const python: Language<PythonSourceCode> = {
  id: 'python',
  extensions: ['.py', '.pyi', '.pyw'],
  init: initParser,
  /** At --depth deep, rules read the project's dependency files (torch>=2.6…) and imported modules' constants: cached results depend on them. */
  cacheKey({ path, depth, cwd }) {
    if (depth !== 'deep') return '';
    const { files } = findProjectDependencies(dirname(path), { root: cwd });
    // …and the constants of the project's modules it imports (see `ProjectModules`): their files'
    // size and modification time, the modules they import included.
    const modules = deepModules().importedModules(path, codeText);
    return createHash('sha256').update(JSON.stringify([files.map((f) => [f.path, f.requirements]), modules])).digest('hex');
  },
  /** Triggers count in code only: comments and docstrings are left out (see `codeText`). */
  prefilterText: codeText,
  parse(input: ParseInput): PythonSourceCode | Promise<PythonSourceCode> {
    const text = input.text ?? '';
    const timeout = timeoutFrom(input.settings);
    const modules = input.depth === 'deep' ? deepModules() : undefined;
    modules?.refresh();
    if (isParserReady()) return parsePython(text, input.path, timeout, modules);
    return initParser().then(() => parsePython(text, input.path, timeout, modules));
  },
};

export default python;

// Static dependency-file reading (owned by the plugin-python-torch engineer).
export * from './dependencies.js';
