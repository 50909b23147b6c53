/**
 * The code of a Python file for the trigger prefilter: each comment and bare string statement
 * (docstring) is replaced by one space, so a word that only occurs there does not make the engine
 * parse the file. Nothing a rule can report on is in them: a comment is not code, and a
 * string alone on its logical line is an expression statement without effect.
 *
 * A hand-written scanner, no parse, that jumps between the characters that matter with one regex: strings with every prefix (raw, bytes, f- and t-strings with
 * nested replacement fields and format specs, PEP 701 nested quotes), triple quotes, escapes,
 * brackets and backslash continuations. A string counts as bare only when it starts a logical line
 * outside brackets and nothing but a comment follows it on that line. Whenever the text cannot be
 * scanned with certainty (an unterminated string, an unbalanced bracket, a stray backslash), the
 * whole text is returned unchanged: the prefilter then sees everything, as before.
 */

import { withoutSpans } from '@oculum/core';
import { decodePythonEscapes } from './literals.js';

/** Character codes the Python scanners here compare against (this file's and parse-text.ts's). */
export const SPACE = 0x20;
export const TAB = 0x09;
export const FF = 0x0c;
export const LF = 0x0a;
export const CR = 0x0d;
export const HASH = 0x23;
export const BACKSLASH = 0x5c;
export const QUOTE = 0x22;
export const APOS = 0x27;

class Unscannable extends Error {}

/** Deeper nesting of f-strings inside f-string fields than this is not scanned (hostile input). */
const MAX_NESTING = 64;

/** A character of a Python identifier (every non-ASCII one counts: the scanners only need to tell names apart). */
export function isIdentifierChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c >= 0x80;
}

/** String prefixes (lower-cased): `r`, `b`, `u`, `f`, `t` and their two-letter combinations. */
const PREFIXES = new Set(['r', 'u', 'b', 'f', 't', 'br', 'rb', 'fr', 'rf', 'tr', 'rt']);

/** Spans [start, end) to blank. */
type Spans = number[];

export function codeText(text: string, seen?: { pieces: boolean }): string {
  if (!warm) {
    // Before the first real file, one small text that takes every branch of the scanner: V8 then
    // optimizes it with type feedback for all of them, rather than while it runs on the first big
    // file and again after each branch that file had not reached yet (three to four TurboFan
    // compiles of ~18 ms each, measured with `--trace-opt`).
    warm = true;
    try {
      scan(WARM_UP.repeat(40));
    } catch {
      // only a warm-up (a test checks that it scans)
    }
  }
  let spans: Spans;
  try {
    piecesSeen = false;
    spans = scan(text);
  } catch (error) {
    if (error instanceof Unscannable) {
      if (seen) seen.pieces = true; // (not known: as if seen)
      return text;
    }
    throw error;
  }
  if (seen) seen.pieces = piecesSeen;
  return withoutSpans(text, spans);
}

/**
 * Whether the scan met a name spelled in pieces or by escapes (see `foldedStrings`): a short literal of
 * name characters followed by a `+` or blanks and another literal, or an escape by number in a literal.
 * Found while the scanner walks the strings anyway, so that `foldedStrings` searches only such files.
 */
let piecesSeen = false;

let warm = false;
/** Python that takes every branch of the scanner (and scans: nothing unbalanced or unterminated). */
export const WARM_UP = [
  '"""Doc."""  \t# a docstring, blanks and a comment after it',
  "'''doc'''",
  'import os  # c',
  'x = (1,\r\n [2], {3: rb"\\x"}) + \\',
  '  f"{a!r:>{w}} {{b}} {c[\'k\']}" + u\'s\' + F\'\'\'t{d:{e}}\'\'\'',
  '"s"',
  '',
].join('\n');

/** The characters the scanner stops at; everything else is skipped by one regex search. */
const SPECIAL = /["'#\\\r\n()[\]{}]/g;

function scan(text: string): Spans {
  const spans: Spans = [];
  if (scanCode(text, spans) !== 0) throw new Unscannable(); // an unbalanced bracket
  return spans;
}

/**
 * The scanner's loop, in a function with nothing after the loop but its result (the bracket depth at
 * the end): V8 optimizes the loop while it runs on the first big file (on-stack replacement), and
 * code after it had no type feedback then, so the optimized loop bailed out at its end once per file.
 */
function scanCode(text: string, spans: Spans): number {
  const n = text.length;
  let i = 0;
  let depth = 0;
  /** Where the current logical line begins (after a newline outside brackets and continuations). */
  let lineBegin = 0;

  while (i < n) {
    i = nextStop(SPECIAL, text, i);
    if (i < 0) break;
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) {
      if (depth === 0) lineBegin = i + 1;
      i++;
    } else if (c === HASH) {
      const end = endOfLine(text, i);
      spans.push(i, end);
      i = end;
    } else if (c === BACKSLASH) {
      i = afterContinuation(text, i);
    } else if (c === QUOTE || c === APOS) {
      const prefix = prefixBefore(text, i);
      const start = i - prefix.length;
      const bare = depth === 0 && onlyBlanks(text, lineBegin, start);
      const quoteAt = i;
      i = stringToken(text, start, i, prefix, spans, bare);
      if (!piecesSeen && i - quoteAt <= 42 && nameLiteral(text, quoteAt + 1, i - 1) && literalFollows(text, i, depth > 0)) piecesSeen = true;
    } else {
      if (c === 0x28 || c === 0x5b || c === 0x7b) depth++;
      else {
        if (depth === 0) throw new Unscannable();
        depth--;
      }
      i++;
    }
  }
  return depth;
}

/** The characters [from, to) are name characters or dots (the body of a literal such as `"lo"`, `"torch.lo"`). */
function nameLiteral(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (!isIdentifierChar(c) && c !== 0x2e) return false;
  }
  return true;
}

/** Another string literal follows at `i`, after blanks and at most one `+` (and line ends, inside brackets). */
function literalFollows(text: string, i: number, inBrackets: boolean): boolean {
  let plus = false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB || c === FF || (inBrackets && (c === LF || c === CR))) continue;
    if (c === BACKSLASH && (text.charCodeAt(i + 1) === LF || text.charCodeAt(i + 1) === CR)) continue;
    if (c === 0x2b && !plus) {
      plus = true;
      continue;
    }
    break;
  }
  // a prefix of up to two letters, then a quote
  for (let k = 0; k < 3 && i + k < text.length; k++) {
    const c = text.charCodeAt(i + k);
    if (c === QUOTE || c === APOS) return true;
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a))) return false;
  }
  return false;
}

/**
 * Where the comments and line continuations of a Python text are, as its tokenizer finds them
 * (outside strings): what `parse-text.ts` needs to rewrite the runs of them that make the parser
 * slow. Tolerant where `codeText` gives up, since brackets do not matter here: brackets are not
 * matched, a stray backslash is skipped, and a single-quoted string that does not end on its line
 * ends there. Only a triple-quoted string the scanner cannot read stops it (unterminated, which
 * tree-sitter does not read as a string to the end either; a comment or a backslash in an f-string
 * field; nesting deeper than `MAX_NESTING`): `certain` is then that string's start, and nothing
 * after it is marked. Otherwise `certain` is `until` (the text's length by default): nothing is
 * marked past the token that crosses it.
 */
export interface LexicalMarks {
  /** [start, end) of each comment, in order: from its `#` to the end of its line (`\r\n` or `\n` left out). */
  comments: number[];
  /** Offset of the backslash of each line continuation, in order. */
  continuations: number[];
  /** Up to where the marks are certain (`until`, at most). */
  certain: number;
}

export function lexicalMarks(text: string, until = text.length): LexicalMarks {
  const comments: number[] = [];
  const continuations: number[] = [];
  const n = Math.min(until, text.length);
  let i = 0;
  while (i < n) {
    i = nextStop(SPECIAL, text, i);
    if (i < 0) break;
    const c = text.charCodeAt(i);
    if (c === HASH) {
      const end = endOfLine(text, i);
      comments.push(i, end);
      i = end;
    } else if (c === BACKSLASH) {
      const next = text.charCodeAt(i + 1);
      if (next === LF || next === CR) {
        continuations.push(i);
        i = afterContinuation(text, i);
      } else i++;
    } else if (c === QUOTE || c === APOS) {
      const prefix = prefixBefore(text, i);
      try {
        i = stringEnd(text, i, prefix.includes('f') || prefix.includes('t'));
      } catch (error) {
        if (!(error instanceof Unscannable)) throw error;
        const triple = text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c;
        if (!triple) {
          i = endOfLine(text, i);
          continue;
        }
        return { comments, continuations, certain: i - prefix.length };
      }
    } else i++; // a line end or a bracket
  }
  return { comments, continuations, certain: n };
}

/**
 * The offset after the string literal whose opening quote is at `q` (its prefix read before it: `f`
 * strings with their fields, raw strings), as the scanners above read strings; an unterminated
 * single-quoted string ends at its line's end, one that cannot be read at the end of the text.
 */
export function stringLiteralEnd(text: string, q: number): number {
  const prefix = prefixBefore(text, q);
  try {
    return stringEnd(text, q, prefix.includes('f') || prefix.includes('t'));
  } catch (error) {
    if (!(error instanceof Unscannable)) throw error;
    const c = text.charCodeAt(q);
    const triple = text.charCodeAt(q + 1) === c && text.charCodeAt(q + 2) === c;
    return triple ? text.length : endOfLine(text, q);
  }
}

/** After the line continuation whose backslash is at `i` (the next physical line goes on with this logical line). */
function afterContinuation(text: string, i: number): number {
  const next = text.charCodeAt(i + 1);
  if (next === LF) return i + 2;
  if (next === CR) return i + (text.charCodeAt(i + 2) === LF ? 3 : 2);
  throw new Unscannable();
}

/** A string's prefix (lower-cased): the one or two letters right before the quote at `i`, after a non-identifier. */
function prefixBefore(text: string, i: number): string {
  if (i === 0 || !isIdentifierChar(text.charCodeAt(i - 1))) return '';
  let b = i - 1;
  while (b > 0 && i - b < 3 && isIdentifierChar(text.charCodeAt(b - 1))) b--;
  const candidate = text.slice(b, i).toLowerCase();
  return (b === 0 || !isIdentifierChar(text.charCodeAt(b - 1))) && PREFIXES.has(candidate) ? candidate : '';
}

/**
 * The offset just after the bracket that closes the one at `open` (`(`, `[` or `{`), reading strings
 * (every prefix, f-strings with nested fields and quotes), comments and continuations as the scanner
 * does; -1 when that cannot be told with certainty: an unterminated string, a mismatched or missing
 * bracket, a stray backslash. For a call at `open`, `text.slice(open, end)` is its argument list.
 */
export function closingBracket(text: string, open: number): number {
  const c = text.charCodeAt(open);
  if (c !== 0x28 && c !== 0x5b && c !== 0x7b) return -1;
  try {
    return bracketEnd(text, open);
  } catch (error) {
    if (error instanceof Unscannable) return -1;
    throw error;
  }
}

const CLOSING: Record<number, number> = { 0x28: 0x29, 0x5b: 0x5d, 0x7b: 0x7d };

function bracketEnd(text: string, open: number): number {
  const expected: number[] = [];
  let i = open;
  while (i < text.length) {
    i = nextStop(SPECIAL, text, i);
    if (i < 0) break;
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) i++;
    else if (c === HASH) i = endOfLine(text, i);
    else if (c === BACKSLASH) i = afterContinuation(text, i);
    else if (c === QUOTE || c === APOS) {
      const prefix = prefixBefore(text, i);
      i = stringEnd(text, i, prefix.includes('f') || prefix.includes('t'));
    } else if (c === 0x28 || c === 0x5b || c === 0x7b) {
      expected.push(CLOSING[c]);
      i++;
    } else {
      if (expected.pop() !== c) throw new Unscannable();
      if (expected.length === 0) return i + 1;
      i++;
    }
  }
  throw new Unscannable();
}

/**
 * The offset of the next match of `stops` (a /g pattern of one character) at or after `i`, or -1.
 * `test` and `lastIndex`, not `exec`: no match array for each of the many stops of a file.
 */
function nextStop(stops: RegExp, text: string, i: number): number {
  stops.lastIndex = i;
  return stops.test(text) ? stops.lastIndex - 1 : -1;
}

/** Only spaces, tabs and form feeds in text[from, to) (checked from the end: code ends it fast). */
function onlyBlanks(text: string, from: number, to: number): boolean {
  for (let k = to - 1; k >= from; k--) {
    const c = text.charCodeAt(k);
    if (c !== SPACE && c !== TAB && c !== FF) return false;
  }
  return true;
}

function endOfLine(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) break;
    i++;
  }
  return i;
}

/**
 * Scans the string token that starts at `start` (its prefix) with the quote at `quoteAt`; returns
 * the offset after it. When `bare` (it begins a logical line outside brackets) and only a comment
 * follows it on its line, the string is blanked.
 */
function stringToken(text: string, start: number, quoteAt: number, prefix: string, spans: Spans, bare: boolean): number {
  const end = stringEnd(text, quoteAt, prefix.includes('f') || prefix.includes('t'));
  if (!bare) return end;
  let j = end;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === SPACE || c === TAB || c === FF) j++;
    else break;
  }
  const next = j < text.length ? text.charCodeAt(j) : LF;
  if (next === LF || next === CR || next === HASH) spans.push(start, end);
  return end;
}

/** What ends or interrupts a string body, per quote and kind: the scanner jumps between them. */
const STRING_STOPS = {
  [QUOTE]: [/["\\\r\n]/g, /["\\\r\n{]/g],
  [APOS]: [/['\\\r\n]/g, /['\\\r\n{]/g],
} as Record<number, [RegExp, RegExp]>;

/** The offset after the string whose opening quote is at `q`. */
function stringEnd(text: string, q: number, formatted: boolean, nesting = 0): number {
  if (nesting > MAX_NESTING) throw new Unscannable();
  const n = text.length;
  const quote = text.charCodeAt(q);
  const triple = text.charCodeAt(q + 1) === quote && text.charCodeAt(q + 2) === quote;
  const stops = STRING_STOPS[quote][formatted ? 1 : 0];
  let i = q + (triple ? 3 : 1);
  while (i < n) {
    i = nextStop(stops, text, i);
    if (i < 0) break;
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) {
      // Escapes the next character, also in raw strings as far as the end of the string goes; in an
      // f-string a brace after it still opens or closes a field (`rf'\\{{'` is a backslash and `{{`).
      if (i + 1 >= n) throw new Unscannable();
      const next = text.charCodeAt(i + 1);
      // `\x6c`, `\u006c`, `\U…`, `\154`: a character spelled by number
      if (next === 0x78 || next === 0x75 || next === 0x55 || (next >= 0x30 && next <= 0x37)) piecesSeen = true;
      if (formatted && (next === 0x7b || next === 0x7d)) i += 1;
      else if (next === CR && text.charCodeAt(i + 2) === LF) i += 3;
      else i += 2;
      continue;
    }
    if (c === quote) {
      if (!triple) return i + 1;
      if (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote) return i + 3;
      i++;
      continue;
    }
    if (c === LF || c === CR) {
      if (!triple) throw new Unscannable(); // unterminated single-quoted string
      i++;
      continue;
    }
    // `{` in an f-string: `{{` is a literal brace, anything else opens a replacement field.
    if (text.charCodeAt(i + 1) === 0x7b) i += 2;
    else i = replacementField(text, i + 1, nesting);
  }
  throw new Unscannable();
}

/**
 * Scans an f-string replacement field from just after its `{`; returns the offset after its `}`.
 * The expression may hold brackets and strings of any quote (PEP 701), then an optional `!r`
 * conversion and a `:` format spec, itself literal text with nested `{...}` fields.
 */
function replacementField(text: string, i: number, nesting: number): number {
  const n = text.length;
  let depth = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE || c === APOS) {
      i = stringEnd(text, i, false, nesting + 1);
      continue;
    }
    if (isIdentifierChar(c)) {
      let j = i + 1;
      while (j < n && isIdentifierChar(text.charCodeAt(j))) j++;
      const q = text.charCodeAt(j);
      const prefix = text.slice(i, j).toLowerCase();
      if ((q === QUOTE || q === APOS) && PREFIXES.has(prefix)) i = stringEnd(text, j, prefix.includes('f') || prefix.includes('t'), nesting + 1);
      else i = j;
      continue;
    }
    if (c === HASH) throw new Unscannable(); // a comment inside a field: rare, not worth the risk
    if (c === BACKSLASH) throw new Unscannable();
    if (c === 0x28 || c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x29 || c === 0x5d) {
      if (depth === 0) throw new Unscannable();
      depth--;
    } else if (c === 0x7d) {
      if (depth === 0) return i + 1;
      depth--;
    } else if (c === 0x3a && depth === 0) {
      // `:=` is only allowed in parentheses here, so a top-level `:` starts the format spec.
      return formatSpec(text, i + 1, nesting);
    }
    i++;
  }
  throw new Unscannable();
}

/** Scans a format spec (after the `:`) up to and including the field's closing `}`. */
function formatSpec(text: string, i: number, nesting: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x7b) {
      i = replacementField(text, i + 1, nesting + 1);
      continue;
    }
    if (c === 0x7d) return i + 1;
    if (c === LF || c === CR || c === BACKSLASH) throw new Unscannable();
    i++;
  }
  throw new Unscannable();
}

/** What looks a name up by a string (`getattr(torch, "lo" "ad")`, `import_module("\\x70ickle")`, `sys.modules[…]`). */
const DYNAMIC_LOOKUP = /\b(?:getattr|import_module|__import__|__dict__|vars|modules|attrgetter|methodcaller)\b/;
/**
 * Where a name may be spelled in pieces or with escapes: a literal of name characters followed by
 * blanks, a `+` or a line end and another literal (`"lo" "ad"`, `"lo" + "ads"`), or a literal of name
 * characters with an escape that spells a character by number (`"\\x6coad"`). Prose split over lines
 * (`"expected a tensor, " "got …"`) is no name.
 */
const PIECES = /["'][\w.]{0,40}["'](?:[ \t]*\+[ \t]*|[ \t]+|[ \t]*\\?\r?\n[ \t]*)[rRbBuU]{0,2}["'][\w.\\]|["'][\w.]*\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3})/g;
/** A one-line string literal (prefix, quote, body). */
const STRING_LITERAL = /([rRbBuU]{0,2})(["'])((?:\\.|(?!\2)[^\\\n])*)\2/g;
/** What may join two literals into one value: blanks, one `+`, line ends (inside brackets) and continuations. */
const JOINER = /^(?:[ \t]|\\?\r?\n)*\+?(?:[ \t]|\\?\r?\n)*$/;

/**
 * For the prefilter, in a file that looks a name up by a string: the values of the string literals the
 * code spells in pieces or with escapes (`"lo" "ad"`, `"lo" + "ads"`, `"\\x6coad"`), each quoted on a line
 * after the code, so that the trigger words a rule would resolve from them are there (the rules resolve
 * them; without this the file was not parsed). Only the lines around each such place are read. Empty for
 * other files.
 */
export function foldedStrings(code: string): string {
  if (!DYNAMIC_LOOKUP.test(code)) return '';
  const folded: string[] = [];
  let readTo = 0;
  PIECES.lastIndex = 0;
  for (let m = PIECES.exec(code); m; m = PIECES.exec(code)) {
    if (m.index < readTo) continue;
    // the lines of the place (a line before it too: a run split over lines)
    const start = code.lastIndexOf('\n', code.lastIndexOf('\n', m.index - 1) - 1) + 1;
    let end = code.indexOf('\n', m.index + m[0].length);
    end = end < 0 ? code.length : end;
    foldRegion(code.slice(start, end), folded);
    readTo = end;
    PIECES.lastIndex = end;
  }
  // each as a string literal of its own (the triggers look for a quoted name: `getattr(torch, "load")`)
  return folded.length > 0 ? `\n${folded.map((v) => `"${v.replace(/["\\\r\n]/g, ' ')}"`).join('\n')}\n` : '';
}

/** The values of the runs of string literals of `text` joined from pieces or holding escapes, added to `out`. */
function foldRegion(text: string, out: string[]): void {
  let run = '';
  let pieces = 0;
  let escaped = false;
  let end = -1;
  const flush = () => {
    // a name (of a module, a function): dotted name characters only
    if ((pieces > 1 || escaped) && /^[\w.]{1,80}$/.test(run)) out.push(run);
    run = '';
    pieces = 0;
    escaped = false;
  };
  STRING_LITERAL.lastIndex = 0;
  for (let m = STRING_LITERAL.exec(text); m; m = STRING_LITERAL.exec(text)) {
    if (end < 0 || !JOINER.test(text.slice(end, m.index))) flush();
    const body = m[3];
    if (!/r/i.test(m[1]) && body.includes('\\')) {
      escaped = true;
      run += decodePythonEscapes(body, /b/i.test(m[1])) ?? body;
    } else run += body;
    pieces++;
    end = m.index + m[0].length;
  }
  flush();
}

