/**
 * Python text to `PythonSourceCode`.
 */
import { parseTree } from './parser.js';
import type { ProjectModules } from './project-modules.js';
import { PythonSourceCode } from './source-code.js';

/**
 * The text as Python reads it: each lone CR is a line end (universal newlines), so it becomes a LF.
 * Same length, so every offset is the file's. CPython does the same when it reads source: lines,
 * the extent of a trailing `# oculum-ignore`, and the values of strings that span a lone CR then
 * agree with Python's (and with the tree's rows).
 */
export function pythonText(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** Parses Python text (the parser must be initialised), read as Python reads it (`pythonText`). */
export function parseSource(text: string, path: string, timeoutMs?: number, modules?: ProjectModules): PythonSourceCode {
  const source = pythonText(text);
  return new PythonSourceCode(path, source, parseTree(source, timeoutMs), modules);
}
