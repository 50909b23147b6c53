/**
 * @oculum/lang-python — the `python` Language for Oculum: web-tree-sitter parsing with the grammar
 * shipped in `tree-sitter-python`, and `PythonSourceCode`, the semantic model rules ask.
 */
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import type { Language, ParseInput } from '@oculum/core';
import { codeText, foldedStrings } from './code-text.js';
import { findProjectDependencies } from './dependencies.js';
import { withNormalisedNames } from './identifiers.js';
import { packageImportLine } from './packages.js';
import { cachedNotebookCode, isNotebookPath, NotebookError } from './notebook.js';
import { parseSource } from './parse-source.js';
import { initParser, isParserReady, namedNodeTypes } from './parser.js';
import { ProjectModules } from './project-modules.js';
import { PythonSourceCode } from './source-code.js';

export { PythonSourceCode, firstStartingAt, isImportedClass, keepsFileName } from './source-code.js';
export { ProjectModules, MAX_MODULE_BYTES, type ProjectClass } from './project-modules.js';
export { closingBracket, codeText } from './code-text.js';
export { notebookCode, blankIPython, renderIPython, isNotebookPath, NotebookError, type NotebookCode } from './notebook.js';
export { callTrigger, importTrigger, memberTrigger } from './triggers.js';
export { CALLBACK_CALLEE_NAMES, localForwarderNames, callbackArgument, callbackPartial, callbackUse, type CallbackUse, type CallbackApi } from './callbacks.js';
export type { ContainerWrite, ImportedClass, ProjectClassPart, PythonNode, PythonParameter, ParseProblem } from './source-code.js';
export type { PythonBinding, BindingKind, ScopeKind, ScopeInfo, AttributeAssignment } from './scopes.js';
export { ScopeModel } from './scopes.js';
export { DepthBoundMemo } from './memo.js';
export { PYTHON_BUILTINS, PYTHON2_ONLY_MODULES, isPython2Only } from './builtins.js';
export { isWebRequestClass, isWebUploadClass } from './web.js';
export { initParser, grammarWasmPath, defaultParseTimeout, parserMemoryAccess, indentationLevels, MAX_INDENTATION_LEVELS } from './parser.js';

/**
 * Parses Python text into a `PythonSourceCode` (the parser must be initialised). Throws when the
 * parse exceeds `timeoutMs` (default: 5 s + 5 ms per KiB).
 */
export function parsePython(text: string, path = '<text>', timeoutMs?: number, modules?: ProjectModules): PythonSourceCode {
  // A lone CR ends a line, as in Python, and long comment runs are blanked for the parser (see parse-source.ts).
  return parseSource(text, path, timeoutMs, modules);
}

/**
 * Parses a Jupyter notebook's text (its JSON): the Python of its code cells (see `notebook.ts`), with
 * positions in the notebook file. Throws when the text is not a notebook.
 */
export function parseNotebook(text: string, path = '<notebook>', timeoutMs?: number, modules?: ProjectModules): PythonSourceCode {
  const code = cachedNotebookCode(text);
  if (code instanceof NotebookError) throw code;
  return parseSource(code.text, path, timeoutMs, modules, code);
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
 * The encoding a Python file declares (PEP 263): a comment matching `coding[:=]\s*([-\w.]+)` on the
 * first or second line (Python's own regular expression), the name as a TextDecoder label
 * (`latin-1` → `latin1`, `utf-7` as is). Undefined without a declaration.
 */
export function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1');
  const lines = head.split(/\r\n|\r|\n/).slice(0, 2);
  for (const line of lines) {
    const m = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/.exec(line);
    if (m) {
      const name = m[1].toLowerCase().replace(/_/g, '-');
      return CODEC_LABELS[name] ?? name;
    }
    if (!/^[ \t\f]*(?:#.*)?$/.test(line)) break; // the second line counts only after a comment or blank line
  }
  return undefined;
}

/**
 * The text of Python source in the encoding its PEP 263 declaration names, decoded strictly (UTF-7,
 * which TextDecoder lacks, by `decodeUtf7`). Undefined without a declaration, for an encoding this
 * cannot decode, or for bytes that are not valid in it.
 */
export function decodeDeclared(bytes: Uint8Array): string | undefined {
  const label = declaredEncoding(bytes);
  if (!label) return undefined;
  if (label === 'utf-7' || label === 'u7' || label === 'unicode-1-1-utf-7') return decodeUtf7(bytes);
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * UTF-7 (RFC 2152), as CPython's codec reads it: ASCII as itself, `+-` a plus sign, `+` then modified
 * base64 of UTF-16 code units up to the first other character (a `-` there is absorbed). `# coding:
 * utf-7` lets ASCII bytes hide code from a UTF-8 reader (`#+AAo-torch.load(p)` is a comment, then a
 * line of code, to CPython). Undefined for bytes that are not ASCII or a base64 run that leaves
 * non-zero bits.
 */
export function decodeUtf7(bytes: Uint8Array): string | undefined {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i]!;
    if (byte > 0x7f) return undefined;
    if (byte !== 0x2b /* + */) {
      // runs of plain ASCII at once
      let end = i + 1;
      while (end < bytes.length && bytes[end] !== 0x2b && bytes[end]! <= 0x7f) end++;
      out += Buffer.from(bytes.subarray(i, end)).toString('latin1');
      i = end;
      continue;
    }
    i++;
    if (bytes[i] === 0x2d /* - */) {
      out += '+';
      i++;
      continue;
    }
    let bits = 0;
    let value = 0;
    const units: number[] = [];
    while (i < bytes.length) {
      const digit = BASE64.indexOf(String.fromCharCode(bytes[i]!));
      if (digit === -1 || bytes[i]! > 0x7f) break;
      value = ((value << 6) | digit) & 0xffffff;
      bits += 6;
      if (bits >= 16) {
        bits -= 16;
        units.push((value >> bits) & 0xffff);
      }
      i++;
    }
    // `+` then neither base64 nor `-` is ill-formed; so are leftover bits that make a digit or are set
    if (units.length === 0 && bits === 0 && i < bytes.length && bytes[i] !== 0x2d) return undefined;
    if (bits >= 6 || (value & ((1 << bits) - 1)) !== 0) return undefined;
    out += decodeUnits(units);
    if (bytes[i] === 0x2d) i++;
  }
  return out;
}

/** UTF-16 code units as a string, in chunks (no argument-count limit). */
function decodeUnits(units: number[]): string {
  let s = '';
  for (let k = 0; k < units.length; k += 4096) s += String.fromCharCode(...units.slice(k, k + 4096));
  return s;
}

/** `settings.python.parseTimeoutMs` (a positive number) overrides the parse budget. */
function timeoutFrom(settings: ParseInput['settings'] | undefined): number | undefined {
  const py = settings?.python;
  const v = py && typeof py === 'object' ? (py as Record<string, unknown>).parseTimeoutMs : undefined;
  return typeof v === 'number' && v > 0 ? v : undefined;
}

/**
 * The Python language: `.py`, `.pyi`, `.pyw`, and the code cells of Jupyter notebooks (`.ipynb`, see
 * `notebook.ts`). `init()` loads the grammar once per thread.
 */
export const python: Language<PythonSourceCode> = {
  id: 'python',
  extensions: ['.py', '.pyi', '.pyw', '.ipynb'],
  /** Scripts without an extension whose `#!` line runs Python (`#!/usr/bin/env python3`, `pypy3`). */
  interpreters: ['python', 'pypy'],
  init: initParser,
  nodeTypes: () => new Set(namedNodeTypes()),
  /** At --depth deep, rules read the project's dependency files (torch>=2.6…) and imported modules' constants: cached results depend on them. */
  cacheKey({ path, depth, cwd }) {
    if (depth !== 'deep') return '';
    const { files } = findProjectDependencies(dirname(path), { root: cwd });
    // …and the constants of the project's modules it imports (see `ProjectModules`): their files'
    // size and modification time, the modules they import included.
    const modules = deepModules().importedModules(path, codeText);
    return createHash('sha256').update(JSON.stringify([files.map((f) => [f.path, f.requirements]), modules])).digest('hex');
  },
  /**
   * Triggers count in code only: comments and docstrings are left out (see `codeText`); names
   * spelled with look-alike characters count as Python reads them too (NFKC, see `identifiers.ts`);
   * a file of a package with a relative import imports that package (`packageImportLine`).
   */
  prefilterText: (text, path) => {
    if (isNotebookPath(path)) {
      // A notebook's code cells (not its markdown, outputs or metadata); one that cannot be read is
      // parsed anyway, to say why (`mustParse`).
      const notebook = cachedNotebookCode(text);
      return notebook instanceof NotebookError ? '' : withNormalisedNames(codeText(notebook.text));
    }
    // (`seen.pieces`: the scan met a name spelled in pieces or by escapes, see `foldedStrings`)
    const seen = { pieces: false };
    const code = withNormalisedNames(codeText(text, seen));
    return code + packageImportLine(code, path) + (seen.pieces ? foldedStrings(code) : '');
  },
  /**
   * A notebook carries its outputs (plots as base64 images, often tens of MB of them) beside a few
   * KiB of code: it may be 64 times the scan's size limit (128 MiB by default); reading its JSON is
   * linear, an output's string read at once.
   */
  fileSizeLimit: (path, limit) => (isNotebookPath(path) ? limit * 64 : limit),
  /** A notebook that is not valid JSON, or not a notebook, is reported (as a parse error) whatever it holds. */
  mustParse: (text, path) => isNotebookPath(path) && cachedNotebookCode(text) instanceof NotebookError,
  /** A file that is not UTF-8, or declares another encoding, is read in the encoding its PEP 263 declaration names (`# -*- coding: latin-1 -*-`). */
  decode: decodeDeclared,
  declaredEncoding,
  parse(input: ParseInput): PythonSourceCode | Promise<PythonSourceCode> {
    const text = input.text ?? '';
    const timeout = timeoutFrom(input.settings);
    const modules = input.depth === 'deep' ? deepModules() : undefined;
    modules?.refresh();
    const parse = isNotebookPath(input.path) ? parseNotebook : parsePython;
    if (isParserReady()) return parse(text, input.path, timeout, modules);
    return initParser().then(() => parse(text, input.path, timeout, modules));
  },
};

export default python;

// Static dependency-file reading (owned by the plugin-python-torch engineer).
export * from './dependencies.js';
