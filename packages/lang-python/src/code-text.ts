/**
 * The code of a Python file for the trigger prefilter: comments and bare string statements
 * (docstrings) are replaced by spaces, newlines kept, so a word that only occurs there does not make
 * the engine parse the file. Nothing a rule can report on is in them: a comment is not code, and a
 * string alone on its logical line is an expression statement without effect.
 *
 * A hand-written scanner, no parse: strings with every prefix (raw, bytes, f- and t-strings with
 * nested replacement fields and format specs, PEP 701 nested quotes), triple quotes, escapes,
 * brackets and backslash continuations. A string counts as bare only when it starts a logical line
 * outside brackets and nothing but a comment follows it on that line. Whenever the text cannot be
 * scanned with certainty (an unterminated string, an unbalanced bracket, a stray backslash), the
 * whole text is returned unchanged: the prefilter then sees everything, as before.
 */

const SPACE = 0x20;
const TAB = 0x09;
const FF = 0x0c;
const LF = 0x0a;
const CR = 0x0d;
const HASH = 0x23;
const BACKSLASH = 0x5c;
const QUOTE = 0x22;
const APOS = 0x27;

class Unscannable extends Error {}

function isIdentifierChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c >= 0x80;
}

/** String prefixes (lower-cased): `r`, `b`, `u`, `f`, `t` and their two-letter combinations. */
const PREFIXES = new Set(['r', 'u', 'b', 'f', 't', 'br', 'rb', 'fr', 'rf', 'tr', 'rt']);

/** Spans [start, end) to blank. */
type Spans = number[];

export function codeText(text: string): string {
  let spans: Spans;
  try {
    spans = scan(text);
  } catch (error) {
    if (error instanceof Unscannable) return text;
    throw error;
  }
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (let k = 0; k < spans.length; k += 2) {
    const start = spans[k];
    const end = spans[k + 1];
    out += text.slice(at, start);
    // Keep line breaks (and so every line number); everything else becomes a space.
    out += text.slice(start, end).replace(/[^\r\n]/g, ' ');
    at = end;
  }
  return out + text.slice(at);
}

function scan(text: string): Spans {
  const spans: Spans = [];
  const n = text.length;
  let i = 0;
  let depth = 0;
  /** Only whitespace (or comments) since the start of the current logical line. */
  let lineStart = true;

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) {
      if (depth === 0) lineStart = true;
      i++;
    } else if (c === SPACE || c === TAB || c === FF) {
      i++;
    } else if (c === HASH) {
      const end = endOfLine(text, i);
      spans.push(i, end);
      i = end;
    } else if (c === BACKSLASH) {
      // A line continuation: the next physical line goes on with this logical line.
      const next = text.charCodeAt(i + 1);
      if (next === LF) i += 2;
      else if (next === CR) i += text.charCodeAt(i + 2) === LF ? 3 : 2;
      else throw new Unscannable();
      lineStart = false;
    } else if (c === QUOTE || c === APOS) {
      i = stringToken(text, i, i, '', spans, depth === 0 && lineStart);
      lineStart = false;
    } else if (isIdentifierChar(c)) {
      let j = i + 1;
      while (j < n && isIdentifierChar(text.charCodeAt(j))) j++;
      const q = text.charCodeAt(j);
      const prefix = text.slice(i, j).toLowerCase();
      if ((q === QUOTE || q === APOS) && PREFIXES.has(prefix)) {
        i = stringToken(text, i, j, prefix, spans, depth === 0 && lineStart);
      } else i = j;
      lineStart = false;
    } else {
      if (c === 0x28 || c === 0x5b || c === 0x7b) depth++;
      else if (c === 0x29 || c === 0x5d || c === 0x7d) {
        if (depth === 0) throw new Unscannable();
        depth--;
      }
      lineStart = false;
      i++;
    }
  }
  if (depth !== 0) throw new Unscannable();
  return spans;
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

/** The offset after the string whose opening quote is at `q`. */
function stringEnd(text: string, q: number, formatted: boolean): number {
  const n = text.length;
  const quote = text.charCodeAt(q);
  const triple = text.charCodeAt(q + 1) === quote && text.charCodeAt(q + 2) === quote;
  let i = q + (triple ? 3 : 1);
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) {
      // Escapes the next character, also in raw strings as far as the end of the string goes; in an
      // f-string a brace after it still opens or closes a field (`rf'\{{'` is a backslash and `{{`).
      if (i + 1 >= n) throw new Unscannable();
      const next = text.charCodeAt(i + 1);
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
    if ((c === LF || c === CR) && !triple) throw new Unscannable(); // unterminated single-quoted string
    if (formatted && c === 0x7b) {
      if (text.charCodeAt(i + 1) === 0x7b) {
        i += 2; // `{{` is a literal brace
        continue;
      }
      i = replacementField(text, i + 1);
      continue;
    }
    i++;
  }
  throw new Unscannable();
}

/**
 * Scans an f-string replacement field from just after its `{`; returns the offset after its `}`.
 * The expression may hold brackets and strings of any quote (PEP 701), then an optional `!r`
 * conversion and a `:` format spec, itself literal text with nested `{...}` fields.
 */
function replacementField(text: string, i: number): number {
  const n = text.length;
  let depth = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE || c === APOS) {
      i = stringEnd(text, i, false);
      continue;
    }
    if (isIdentifierChar(c)) {
      let j = i + 1;
      while (j < n && isIdentifierChar(text.charCodeAt(j))) j++;
      const q = text.charCodeAt(j);
      const prefix = text.slice(i, j).toLowerCase();
      if ((q === QUOTE || q === APOS) && PREFIXES.has(prefix)) i = stringEnd(text, j, prefix.includes('f') || prefix.includes('t'));
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
      return formatSpec(text, i + 1);
    }
    i++;
  }
  throw new Unscannable();
}

/** Scans a format spec (after the `:`) up to and including the field's closing `}`. */
function formatSpec(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x7b) {
      i = replacementField(text, i + 1);
      continue;
    }
    if (c === 0x7d) return i + 1;
    if (c === LF || c === CR || c === BACKSLASH) throw new Unscannable();
    i++;
  }
  throw new Unscannable();
}
