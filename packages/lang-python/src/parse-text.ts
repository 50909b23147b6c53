/**
 * The text the Python parser is given.
 *
 * tree-sitter-python's external scanner, at the end of a line, reads ahead past every following
 * blank line, comment line and line continuation to find the indentation of the next code line (it
 * decides INDENT, DEDENT and NEWLINE from it). It is called again after each comment and each
 * continuation, and reads the rest of the run again each time: a run of N such lines costs
 * O(N × the run's length). 10,000 comment lines took 36 s; 20,000 more than 2 minutes, all inside
 * one `parse` call the parse budget cannot interrupt (it is only checked between parser steps).
 * Upstream fixes (tree-sitter-python PRs #242, #243, #245) were never merged; 0.25.0, the latest
 * release, still has the loop.
 *
 * So a run holding `RUN_LINES` or more comment and continuation lines is rewritten before the
 * parse, with the same length (every offset stays the file's), into lines the scanner crosses in
 * one read:
 * - its comments become spaces, but for the first and the last of each group of comments with the
 *   same indentation, which the scanner's decisions depend on (see `rewriteRun`). A blanked line
 *   is crossed without the scanner being called again. The blanked comments are returned, so that
 *   the parsed file still has them (see `parse-source.ts`);
 * - a line holding only a continuation (`\`) that is followed by a blank line becomes blank: the
 *   scanner meets the end of a line either way;
 * - several continuation-only lines right before code or a kept comment become one: all but the
 *   last are replaced by whitespace worth the same indentation to the scanner (a form feed resets
 *   it, a tab adds 8 and a space 1), so the scanner decides exactly as it did on the original lines.
 * The tree is the one the text gives, but for the comment nodes blanked (and the continuation nodes
 * of a rewritten run): checked over every Python file of a Debian dist-packages tree with every run
 * rewritten, where every node but those was the same, with the same offsets.
 *
 * Comments and continuations are told from look-alikes in strings by `lexicalMarks`, the
 * tokenizer-like scanner of `code-text.ts`. Past a string it cannot read (an unterminated
 * triple-quoted string, which tree-sitter does not read as a string either), a line counts as a
 * comment line when it starts with `#`. A shorter run costs at most `RUN_LINES` times its length,
 * and the common file, without any long run, is given to the parser as it is (one pass over its
 * lines tells).
 */

import { BACKSLASH, CR, FF, HASH, LF, lexicalMarks, SPACE, TAB, type LexicalMarks } from './code-text.js';

/** Runs with at least this many comment and continuation lines are rewritten. */
export const RUN_LINES = 16;

export interface ParseText {
  /** What the parser is given: the text, or a copy of the same length with its long runs rewritten. */
  text: string;
  /** [start, end) of each comment blanked in `text`, in order (the tree does not have them). */
  comments: number[];
}


const CODE = 0;
const BLANK = 1;
const COMMENT = 2;
const CONTINUATION = 3;

/** Whitespace the scanner crosses at the start of a line (a CR can only be the one of a CRLF here). */
function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === FF || c === CR;
}

/** A backslash at `i` followed by nothing but the end of its line. */
function endsLine(text: string, i: number): boolean {
  const c = text.charCodeAt(i + 1);
  return c === LF || (c === CR && text.charCodeAt(i + 2) === LF);
}

/** What a line looks like from its first non-blank character `c` at `p` (strings not considered). */
function lookOf(text: string, p: number, c: number): number {
  if (c === LF || Number.isNaN(c)) return BLANK;
  if (c === HASH) return COMMENT;
  if (c === BACKSLASH && endsLine(text, p)) return CONTINUATION;
  return CODE;
}

/**
 * True when some run of lines that are blank, comments or continuations, as they look, holds at
 * least `runLines` comment and continuation lines. Lines inside strings count too: an upper bound
 * of what the tokenizer finds.
 */
export function hasLongRun(text: string, runLines = RUN_LINES): boolean {
  return longRunsEnd(text, runLines) >= 0;
}

/**
 * Where the last such run ends (the start of the code line after it, or the text's length), or -1
 * when there is none: nothing after it needs to be read again.
 */
function longRunsEnd(text: string, runLines: number): number {
  const n = text.length;
  let end = -1;
  let count = 0;
  let i = 0;
  while (i < n) {
    let p = i;
    let c = text.charCodeAt(p);
    while (isBlank(c)) c = text.charCodeAt(++p);
    const look = lookOf(text, p, c);
    if (look === CODE) {
      if (count >= runLines) end = i;
      count = 0;
    } else if (look !== BLANK) count++;
    const next = text.indexOf('\n', p);
    if (next < 0) break;
    i = next + 1;
  }
  return count >= runLines ? n : end;
}

/** The text for the parser (see the file's comment). `runLines` and `maxGroups` are for tests. */
export function parseTextOf(text: string, runLines = RUN_LINES, maxGroups = MAX_GROUPS): ParseText {
  const until = runLines < 1 ? -1 : longRunsEnd(text, runLines);
  if (until < 0) return { text, comments: [] };
  const lines = classify(text, lexicalMarks(text, until), until);
  const edits: Edit[] = [];
  const comments: number[] = [];
  const count = lines.kind.length;
  for (let k = 0; k < count; ) {
    if (lines.kind[k] === CODE) {
      k++;
      continue;
    }
    let j = k;
    let marked = 0;
    for (; j < count && lines.kind[j] !== CODE; j++) if (lines.kind[j] !== BLANK) marked++;
    if (marked >= runLines) rewriteRun(text, lines, k, j, edits, comments, maxGroups);
    k = j;
  }
  if (edits.length === 0) return { text, comments };
  edits.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let at = 0;
  for (const [start, end, replacement] of edits) {
    parts.push(text.slice(at, start), replacement);
    at = end;
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), comments };
}

/** [start, end, replacement of the same length]. */
type Edit = [number, number, string];

/** The lines of a text: start, first non-blank character, end of a comment line's comment, and kind. */
interface Lines {
  start: number[];
  first: number[];
  commentEnd: number[];
  kind: number[];
}

/** The lines up to `until` (a line start, or the text's length), and the line starting there. */
function classify(text: string, marks: LexicalMarks, until: number): Lines {
  const lines: Lines = { start: [], first: [], commentEnd: [], kind: [] };
  const { comments, continuations, certain } = marks;
  const n = text.length;
  let ci = 0;
  let ki = 0;
  let i = 0;
  for (;;) {
    let p = i;
    let c = text.charCodeAt(p);
    while (isBlank(c)) c = text.charCodeAt(++p);
    const next = p < n ? text.indexOf('\n', p) : -1;
    let kind = lookOf(text, p, c);
    let commentEnd = -1;
    if (kind === COMMENT || kind === CONTINUATION) {
      if (p < certain) {
        // A real comment or continuation only if the tokenizer found one right there (not in a string).
        if (kind === COMMENT) {
          while (ci < comments.length && comments[ci] < p) ci += 2;
          if (comments[ci] === p) commentEnd = comments[ci + 1];
          else kind = CODE;
        } else {
          while (ki < continuations.length && continuations[ki] < p) ki++;
          if (continuations[ki] !== p) kind = CODE;
        }
      } else if (kind === COMMENT) {
        commentEnd = next < 0 ? n : text.charCodeAt(next - 1) === CR ? next - 1 : next;
      }
    }
    lines.start.push(i);
    lines.first.push(p);
    lines.commentEnd.push(commentEnd);
    lines.kind.push(kind);
    if (next < 0 || i >= until) break;
    i = next + 1;
  }
  return lines;
}

/**
 * Rewrites the run of lines [k, j) (see the file's comment). Some comments stay: the scanner decides
 * when to end an indented block (DEDENT) from the indentation of the comment that comes next, so
 * the first and the last comment of each group of consecutive comments with the same indentation
 * are kept, and the ones between them are blanked. Past `MAX_GROUPS` groups (indentation changing
 * from comment to comment: nothing written by hand) only the run's first and last comment stay.
 */
function rewriteRun(text: string, lines: Lines, k: number, j: number, edits: Edit[], comments: number[], maxGroups: number): void {
  const commentLines: number[] = [];
  const widths: number[] = [];
  // The scanner counts the indentation from the last line end that is not a continuation's.
  let carried = 0;
  for (let q = k; q < j; q++) {
    const width = indentation(text, lines.start[q], lines.first[q], carried);
    carried = lines.kind[q] === CONTINUATION ? width : 0;
    if (lines.kind[q] !== COMMENT) continue;
    commentLines.push(q);
    widths.push(width);
  }
  let groups = 0;
  for (let c = 0; c < widths.length; c++) if (c === 0 || widths[c] !== widths[c - 1]) groups++;
  const kept = new Set<number>();
  for (let c = 0; c < commentLines.length; c++) {
    const first = c === 0 || (groups <= maxGroups && widths[c] !== widths[c - 1]);
    const last = c === commentLines.length - 1 || (groups <= maxGroups && widths[c] !== widths[c + 1]);
    if (first || last) kept.add(commentLines[c]);
  }
  for (const q of commentLines) {
    if (kept.has(q)) continue;
    const start = lines.first[q];
    const end = lines.commentEnd[q];
    edits.push([start, end, ' '.repeat(end - start)]);
    comments.push(start, end);
  }
  // Continuation-only lines: a group of them followed by a blank line (or a blanked comment, or the
  // end of the text) becomes blank; one followed by a kept comment or by code becomes one line.
  for (let q = k; q < j; ) {
    if (lines.kind[q] !== CONTINUATION) {
      q++;
      continue;
    }
    let g = q;
    while (g < j && lines.kind[g] === CONTINUATION) g++;
    const blankAfter = g < j ? !kept.has(g) : j === lines.kind.length;
    if (blankAfter) for (let r = q; r < g; r++) edits.push([lines.first[r], lines.first[r] + 1, ' ']);
    else if (g - q >= 2) edits.push(sameIndentation(text, lines.start[q], lines.start[g - 1]));
    q = g;
  }
}

/** More groups of comments with the same indentation than this in a run: see `rewriteRun`. */
export const MAX_GROUPS = 8;

/** The indentation after the text [start, end) as the scanner counts it from `width` (a space adds 1, a tab 8, a form feed resets). */
function indentation(text: string, start: number, end: number, width: number): number {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    width = c === SPACE ? width + 1 : c === TAB ? width + 8 : 0;
  }
  return width;
}

/**
 * Whitespace for the continuation-only lines in [start, end) that gives the indentation the scanner
 * counted over them: it adds 1 for a space and 8 for a tab, skips a backslash and the line end
 * after it, and starts again from 0 at a form feed or CR. A form feed first (the count was 0 at the
 * start of these lines, or does not matter: see the file's comment), then the tabs and spaces
 * counted since the last reset.
 */
function sameIndentation(text: string, start: number, end: number): Edit {
  let tabs = 0;
  let spaces = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE) spaces++;
    else if (c === TAB) tabs++;
    else if (c === FF || c === CR) tabs = spaces = 0;
    else if (c === BACKSLASH) {
      if (text.charCodeAt(i + 1) === CR) i++;
      i++; // the line feed
    }
  }
  const length = end - start;
  return [start, end, '\f'.repeat(length - tabs - spaces) + '\t'.repeat(tabs) + ' '.repeat(spaces)];
}
