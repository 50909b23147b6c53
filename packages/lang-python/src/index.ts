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

export { PythonSourceCode, firstStartingAt, isImportedClass } from './source-code.js';
export { ProjectModules, MAX_MODULE_BYTES, type ProjectClass } from './project-modules.js';
export { closingBracket, codeText } from './code-text.js';
export { callTrigger, importTrigger, memberTrigger } from './triggers.js';
export type { ContainerWrite, ImportedClass, ProjectClassPart, PythonNode, PythonParameter, ParseProblem } from './source-code.js';
export type { PythonBinding, BindingKind, ScopeKind, ScopeInfo, AttributeAssignment } from './scopes.js';
export { ScopeModel } from './scopes.js';
export { PYTHON_BUILTINS } from './builtins.js';
export { initParser, grammarWasmPath, defaultParseTimeout, parserMemoryAccess, indentationLevels, MAX_INDENTATION_LEVELS } from './parser.js';

/**
 * Parses Python text into a `PythonSourceCode` (the parser must be initialised). Throws when the
 * parse exceeds `timeoutMs` (default: 5 s + 5 ms per KiB).
 */
export function parsePython(text: string, path = '<text>', timeoutMs?: number, modules?: ProjectModules): PythonSourceCode {
  // Python ends a line at a lone CR too (old Mac line endings); the grammar does not: it is given
  // a copy with each lone CR as LF (same length, so every offset is the file's).
  const source = text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
  return new PythonSourceCode(path, text, parseTree(source, timeoutMs), modules);
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

/** Python's codec names that are not WHATWG encoding labels, and the label TextDecoder knows them by. */
const CODEC_LABELS: Record<string, string> = {
  'latin-1': 'latin1',
  latin: 'latin1',
  l1: 'latin1',
  '8859': 'latin1',
  'iso-8859-1': 'latin1',
  cp819: 'latin1',
  utf8: 'utf-8',
  'utf-8-sig': 'utf-8',
  u8: 'utf-8',
  sjis: 'shift_jis',
  'shift-jis': 'shift_jis',
  cp932: 'shift_jis',
  'euc-jp': 'euc-jp',
  eucjp: 'euc-jp',
  cp936: 'gbk',
  '936': 'gbk',
  ms936: 'gbk',
  big5hkscs: 'big5',
  cp949: 'euc-kr',
  uhc: 'euc-kr',
};

/**
 * The text of Python source in the encoding its PEP 263 declaration names: a comment matching
 * `coding[:=]\s*([-\w.]+)` on the first or second line (Python's own regular expression), decoded
 * strictly. Undefined without a declaration, for an encoding TextDecoder does not know, or for bytes
 * that are not valid in it.
 */
export function decodeDeclared(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1');
  const lines = head.split(/\r\n|\r|\n/).slice(0, 2);
  let name: string | undefined;
  for (const line of lines) {
    const m = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/.exec(line);
    if (m) {
      name = m[1].toLowerCase().replace(/_/g, '-');
      break;
    }
    if (!/^[ \t\f]*(?:#.*)?$/.test(line)) break; // the second line counts only after a comment or blank line
  }
  if (!name) return undefined;
  const label = CODEC_LABELS[name] ?? name;
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
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
  /** A file that is not UTF-8 is read in the encoding its PEP 263 declaration names (`# -*- coding: latin-1 -*-`). */
  decode: decodeDeclared,
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
