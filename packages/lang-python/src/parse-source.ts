/**
 * Python text to `PythonSourceCode`: what the parser is given, and the comments it was not given.
 */
import type { Comment } from '@oculum/core';
import type { Tree } from 'web-tree-sitter';
import { applyNameEdits, normalisedNames } from './identifiers.js';
import { parseTextOf } from './parse-text.js';
import { parseTree } from './parser.js';
import type { ProjectModules } from './project-modules.js';
import { PythonSourceCode, type Rendering } from './source-code.js';

/**
 * The text as Python reads it: each lone CR is a line end (universal newlines), so it becomes a LF.
 * Same length, so every offset is the file's. CPython does the same when it reads source: lines,
 * the extent of a trailing `# oculum-ignore`, and the values of strings that span a lone CR then
 * agree with Python's (and with the tree's rows).
 */
export function pythonText(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/**
 * Parses Python text (the parser must be initialised). The file's text is read as Python reads it
 * (`pythonText`); long runs of comment lines are blanked for the parser (see `parse-text.ts`), and
 * their comments are kept apart for `getComments`.
 */
export function parseSource(text: string, path: string, timeoutMs?: number, modules?: ProjectModules, rendering?: Rendering): PythonSourceCode {
  let source = pythonText(text);
  const prepared = parseTextOf(source);
  let tree = parseTree(prepared.text, timeoutMs);
  // Identifiers Python reads under their NFKC form are rewritten in place and the text parsed again
  // (see identifiers.ts): the model then sees the names Python sees. Rare: a file with none costs a
  // regex test.
  const names = normalisedNames(source, tree);
  if (names && names.edits.length > 0) {
    source = applyNameEdits(source, names.edits);
    const parsed = parseTree(applyNameEdits(prepared.text, names.edits), timeoutMs);
    tree.delete();
    tree = parsed;
  }
  const sourceCode =
    prepared.comments.length === 0 ? new PythonSourceCode(path, source, tree, modules, rendering) : new BlankedCommentsSourceCode(path, source, tree, modules, prepared.comments, rendering);
  for (const { start, name, normalised } of names?.unread ?? []) {
    sourceCode.addParseProblem(
      start,
      `Identifier "${name}" is "${normalised}" to Python (NFKC, PEP 3131) but was read as written: no room to rewrite it in place, so findings about it may be missing`,
    );
  }
  return sourceCode;
}

/**
 * A file some of whose comments were blanked before the parse: `getComments` returns them with the
 * tree's, in source order, as the tree would have had them.
 */
export class BlankedCommentsSourceCode extends PythonSourceCode {
  readonly #blanked: number[];
  #comments?: Comment[];

  constructor(path: string, text: string, tree: Tree, modules: ProjectModules | undefined, blanked: number[], rendering?: Rendering) {
    super(path, text, tree, modules, rendering);
    this.#blanked = blanked;
  }

  override getComments(): readonly Comment[] {
    if (this.#comments) return this.#comments;
    const fromTree = super.getComments();
    const blanked = this.#blanked;
    const out: Comment[] = [];
    let t = 0;
    for (let b = 0; b < blanked.length; b += 2) {
      const start = blanked[b];
      while (t < fromTree.length && fromTree[t].range[0] < start) out.push(fromTree[t++]);
      out.push(this.commentAt(start, blanked[b + 1]));
    }
    while (t < fromTree.length) out.push(fromTree[t++]);
    this.#comments = out;
    return out;
  }

  /** The comment [start, end) as `PythonSourceCode.getComments` makes one from a `comment` node. */
  private commentAt(start: number, end: number): Comment {
    const raw = this.text.slice(start, end);
    const loc = { start: this.positionAt(start), end: this.positionAt(end) };
    const lineStart = this.getLineStarts()[this.textPositionAt(start).line - 1];
    return {
      value: raw.startsWith('#') ? raw.slice(1) : raw,
      range: [start, end],
      loc,
      ownLine: /^[ \t\f]*$/.test(this.text.slice(lineStart, start)),
    };
  }
}
