/**
 * Identifiers as Python reads them. CPython normalises every identifier to NFKC while it parses
 * (PEP 3131): `torch.𝐥𝐨𝐚𝐝(p)` calls `torch.load`, `import 𝐩𝐢𝐜𝐤𝐥𝐞` imports `pickle`,
 * `truﬆ_remote_code=True` passes `trust_remote_code`. Keywords are not normalised (`𝐢𝐦𝐩𝐨𝐫𝐭 os` is a
 * syntax error) and neither are strings.
 *
 * tree-sitter reads an identifier as written, so the semantic model would see `𝐥𝐨𝐚𝐝` where Python
 * sees `load`. Before the model is built, each identifier whose NFKC form differs is rewritten in
 * the text, in place: the normalised name followed by as many spaces as it is shorter (whitespace
 * between tokens is free in Python), so every offset stays the file's. A normalised name longer than
 * the original (a ligature: `ﬆ` is `st`) takes the blanks that follow it on its line, then those
 * before it (the name then starts up to that many columns early); with none to take, it stays as
 * written and the file gets a warning naming it.
 */
import type { Node, Tree } from 'web-tree-sitter';
import { isIdentifierChar } from './code-text.js';

const NON_ASCII_ALL = /[^\x00-\x7f]/g;

/** Any character past ASCII? (Its UTF-8 length says it, natively, seven times faster than a regex test on PyTorch's sources.) */
function hasNonAscii(text: string): boolean {
  return Buffer.byteLength(text, 'utf8') !== text.length;
}

/**
 * The runs of name characters (ASCII letters, digits, `_`, anything non-ASCII) around each character
 * NFKC changes, [start, end) in order: the only places where Python may read a name other than the one
 * written. One search for non-ASCII characters, each asked alone: a combining mark composing with the
 * letter before it gives no ASCII name, so runs of letters and marks alone are not looked at. (One
 * regex with `\p{XID_Continue}*` on both sides took half a second on a file of non-ASCII prose.)
 */
function changingRuns(text: string): number[] {
  const runs: number[] = [];
  NON_ASCII_ALL.lastIndex = 0;
  for (let m = NON_ASCII_ALL.exec(text); m; m = NON_ASCII_ALL.exec(text)) {
    const i = m.index;
    const c = text.codePointAt(i)!;
    const width = c > 0xffff ? 2 : 1;
    const ch = text.slice(i, i + width);
    NON_ASCII_ALL.lastIndex = i + width;
    if (ch.normalize('NFKC') === ch) continue;
    let start = i;
    while (start > 0 && isIdentifierChar(text.charCodeAt(start - 1))) start--;
    let end = i + width;
    while (end < text.length && isIdentifierChar(text.charCodeAt(end))) end++;
    if (runs.length > 0 && runs[runs.length - 1] >= start) runs[runs.length - 1] = end;
    else runs.push(start, end);
    NON_ASCII_ALL.lastIndex = end;
  }
  return runs;
}

/** What Python accepts as an identifier as written (PEP 3131: XID_Start then XID_Continue, `_` a start). */
const IDENTIFIER = /^[\p{XID_Start}_]\p{XID_Continue}*$/u;

/** Python's hard keywords: a name normalised into one is left as written (no rewrite can spell it). */
const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '),
);

/**
 * The prefilter's text with the names Python reads: when a run of identifier characters changes
 * under NFKC, the normalised copy of the text follows the text, so a trigger spelled with
 * look-alike characters counts and no trigger of the text as written is lost.
 */
export function withNormalisedNames(code: string): string {
  if (!hasNonAscii(code)) return code;
  const runs = changingRuns(code);
  if (runs.length === 0) return code;
  let normalised = '';
  let at = 0;
  for (let r = 0; r < runs.length; r += 2) {
    normalised += code.slice(at, runs[r]) + code.slice(runs[r], runs[r + 1]).normalize('NFKC');
    at = runs[r + 1];
  }
  return `${code}\n${normalised}${code.slice(at)}`;
}

/** One identifier to rewrite: text[start, end) becomes `text` (the same length). */
export interface NameEdit {
  start: number;
  end: number;
  text: string;
}

/** An identifier Python normalises that could not be rewritten in place. */
export interface UnreadName {
  start: number;
  name: string;
  normalised: string;
}

/**
 * The identifiers of `tree` (parsed from `text`) that Python reads under another name, as in-place
 * edits, and those with no room for their normalised name. Undefined when there are none (the
 * common file: one regex test when it is all ASCII).
 */
export function normalisedNames(text: string, tree: Tree): { edits: NameEdit[]; unread: UnreadName[] } | undefined {
  if (!hasNonAscii(text)) return undefined;
  const edits: NameEdit[] = [];
  const unread: UnreadName[] = [];
  const runs = changingRuns(text);
  for (let r = 0; r < runs.length; r += 2) {
    const start = runs[r];
    const end = runs[r + 1];
    const name = text.slice(start, end);
    const normalised = name.normalize('NFKC');
    if (normalised === name || !IDENTIFIER.test(name) || KEYWORDS.has(normalised)) continue;
    if (!isIdentifierNode(tree.rootNode.descendantForIndex(start, end), start, end)) continue; // in a string or a comment
    const edit = roomFor(text, start, end, normalised);
    if (edit) edits.push(edit);
    else unread.push({ start, name, normalised });
  }
  return edits.length > 0 || unread.length > 0 ? { edits, unread } : undefined;
}

/**
 * The edit that writes `normalised` over text[start, end): padded with spaces when shorter; when
 * longer, it takes blanks after the name on its line, then blanks before it (not indentation), always
 * leaving one where two tokens would otherwise run together. Undefined when there is no room.
 */
function roomFor(text: string, start: number, end: number, normalised: string): NameEdit | undefined {
  let grow = normalised.length - (end - start);
  if (grow <= 0) return { start, end, text: normalised.padEnd(end - start, ' ') };
  let after = 0;
  while (isBlank(text.charCodeAt(end + after))) after++;
  if (after > 0 && joins(text.charCodeAt(end + after))) after--;
  const takeAfter = Math.min(after, grow);
  grow -= takeAfter;
  let before = 0;
  while (start - before > 0 && isBlank(text.charCodeAt(start - before - 1))) before++;
  const previous = start - before > 0 ? text.charCodeAt(start - before - 1) : 0x0a;
  if (previous === 0x0a || previous === 0x0d || previous === 0x0c) before = 0; // indentation
  else if (before > 0 && joins(previous)) before--;
  if (before < grow) return undefined;
  return { start: start - grow, end: end + takeAfter, text: normalised };
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** A character that would run into a name next to it (a name, a number, a string's quote). */
function joins(c: number): boolean {
  return isIdentifierChar(c) || c === 0x22 || c === 0x27;
}

function isIdentifierNode(node: Node | null, start: number, end: number): boolean {
  return !!node && node.type === 'identifier' && node.startIndex === start && node.endIndex === end;
}

/** `text` with `edits` (in order, not overlapping, each of its range's length) applied. */
export function applyNameEdits(text: string, edits: readonly NameEdit[]): string {
  let out = '';
  let at = 0;
  for (const edit of edits) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}
