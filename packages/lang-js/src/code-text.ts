/**
 * The code of a JS/TS file for the trigger prefilter: each comment is replaced by one space, so a
 * word that occurs only in a comment (a licence header's `http://` URL, a JSDoc example) does not
 * make the engine parse the file. Nothing a rule can report on is in a comment.
 *
 * A scanner, no parse: strings, template literals (with nested `${}` expressions), regular
 * expression literals and comments. Whether a `/` starts a regular expression or divides is told by
 * the token before it, as a parser would in all but contrived code. Whenever the text cannot be
 * scanned with certainty — an unterminated string, template, comment or regular expression, an
 * unbalanced `}`, a backslash outside a string, or JSX / a type assertion (`<` where an expression
 * starts: JSX text is not JavaScript) — the whole text is returned unchanged, and the prefilter then
 * sees everything, as before. `scripts/check-js-code-text.mjs` checks it against the comments
 * typescript-estree reports.
 */

import { withoutSpans } from '@oculum/core';

class Unscannable extends Error {}

const LF = 0x0a;
const CR = 0x0d;
const LS = 0x2028;
const PS = 0x2029;
const SLASH = 0x2f;
const STAR = 0x2a;
const BACKSLASH = 0x5c;
const BACKTICK = 0x60;
const DOLLAR = 0x24;
const LBRACE = 0x7b;
const RBRACE = 0x7d;

/** Keywords after which an expression (so a regular expression) may start. */
const EXPRESSION_KEYWORDS = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await', 'extends']);

/** Deeper nesting of template literals inside `${}` than this is not scanned (hostile input). */
const MAX_NESTING = 64;

function isLineTerminator(c: number): boolean {
  return c === LF || c === CR || c === LS || c === PS;
}

function isIdentifierChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === DOLLAR || c >= 0x80;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c || c === 0xa0 || c === 0xfeff || isLineTerminator(c);
}

export function jsCodeText(text: string): string {
  const spans = scannedSpans(text);
  return spans ? withoutSpans(text, spans) : text;
}

/**
 * An escape other than the everyday ones of strings and regular expressions (`\n`, `\t`, `\r`,
 * quotes, `\\`, `\/`): a letter may be spelled with one (`'@huggingface/transform\u0065rs'`).
 */
const UNUSUAL_ESCAPE = /(?<!\\)(?:\\\\)*\\(?![nrt'"\\/])/;
/** Every escape of a string literal or identifier: `\u{…}`, `\uXXXX`, `\xXX`, legacy octal, a line continuation, `\c`. */
const ESCAPE = /\\(?:u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|([0-3][0-7]{0,2}|[4-7][0-7]?)|(\r\n|[\r\n\u2028\u2029])|([\s\S]))/g;
const SINGLE_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

function unescaped(_m: string, braced?: string, u4?: string, x2?: string, octal?: string, continuation?: string, other?: string): string {
  const hex = braced ?? u4 ?? x2;
  if (hex !== undefined) {
    const code = parseInt(hex, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  }
  if (octal !== undefined) return String.fromCharCode(parseInt(octal, 8));
  if (continuation !== undefined) return '';
  return SINGLE_ESCAPES[other!] ?? other!;
}

/**
 * The text the trigger prefilter reads (`javascript.prefilterText`): the code (`jsCodeText`), and
 * when it spells something with an escape (`import { pipeline } from '@huggingface/transform\u0065rs'`,
 * `p\u0069peline`, `'@huggingface/transform\ers'`, a line continuation inside a word), the same code
 * again with every escape decoded, after it. A trigger word hidden that way is then found, and the
 * file is parsed (the parser decodes them as Node does). Text without such escapes is as `jsCodeText`
 * gives it.
 */
export function jsPrefilterText(text: string): string {
  const code = jsCodeText(text);
  if (!UNUSUAL_ESCAPE.test(code)) return code;
  const decoded = code.replace(ESCAPE, unescaped);
  return decoded === code ? code : `${code}\n${decoded}`;
}

/**
 * The HTML-like comments of a script (Annex B of ECMAScript: `<!--` anywhere in the code, `-->` first
 * on a line, each to the end of its line), as [start, end) pairs; undefined when the scanner is unsure.
 * Node reads them in a CommonJS file; TypeScript's parser does not, so they are blanked before it.
 */
export function htmlCommentSpans(text: string): number[] | undefined {
  const html: number[] = [];
  try {
    commentSpans(text, html);
    return html;
  } catch (error) {
    if (error instanceof Unscannable) return undefined;
    throw error;
  }
}

/** The comment spans, or undefined when the scanner is unsure. */
function scannedSpans(text: string): number[] | undefined {
  try {
    return commentSpans(text);
  } catch (error) {
    if (error instanceof Unscannable) return undefined;
    throw error;
  }
}

/** A comment as typescript-estree reports it (`comment: true`): the text between the delimiters. */
export interface JsComment {
  type: 'Line' | 'Block';
  value: string;
  range: [number, number];
}

/**
 * The comments of a JS/TS text, found by the same scanner, or undefined when it is unsure (JSX, a
 * type assertion, unbalanced text): then the parser must collect them. Collecting comments doubles
 * typescript-estree's parse time (it re-scans every token), the scanner costs a few percent of it.
 * `scripts/check-js-code-text.mjs` checks these against the parser's comments, file by file.
 */
export function jsComments(text: string): JsComment[] | undefined {
  const spans = scannedSpans(text);
  if (!spans) return undefined;
  const out: JsComment[] = [];
  for (let k = 0; k < spans.length; k += 2) {
    const start = spans[k];
    const end = spans[k + 1];
    const block = text.charCodeAt(start + 1) === STAR;
    out.push({ type: block ? 'Block' : 'Line', value: text.slice(start + 2, block ? end - 2 : end), range: [start, end] });
  }
  return out;
}

/** The comments of the text, as [start, end) pairs in order; throws Unscannable when unsure. */
function commentSpans(text: string, html?: number[]): number[] {
  const n = text.length;
  /** Only white space and comments since the last line terminator (where `-->` starts a comment in a script). */
  let lineStart = true;
  const spans: number[] = [];
  /** Brace depth of the code around each open `${` (innermost last). */
  const templates: number[] = [];
  let braces = 0;
  /** Whether a `/` here would start a regular expression (an expression may start here). */
  let expressionStart = true;
  /** The last token was `.`: the next word is a property name, not a keyword. */
  let afterDot = false;
  let i = 0;
  if (text.startsWith('#!')) {
    while (i < n && !isLineTerminator(text.charCodeAt(i))) i++;
  }

  /** Scans a template body from after its `` ` `` or a `}` closing a `${`; returns where code resumes. */
  const templateBody = (from: number): number => {
    let j = from;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === BACKSLASH) j += 2;
      else if (c === BACKTICK) return j + 1;
      else if (c === DOLLAR && text.charCodeAt(j + 1) === LBRACE) {
        if (templates.length >= MAX_NESTING) throw new Unscannable();
        templates.push(braces);
        braces = 0;
        expressionStart = true;
        return -(j + 2) - 1; // negative: code resumes inside `${`
      } else j++;
    }
    throw new Unscannable(); // unterminated template
  };
  const resume = (r: number): void => {
    if (r < 0) {
      i = -r - 1;
    } else {
      i = r;
      expressionStart = false;
    }
  };

  /** The end of the line `from` is on. */
  const lineEnd = (from: number): number => {
    let j = from;
    while (j < n && !isLineTerminator(text.charCodeAt(j))) j++;
    return j;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      if (isLineTerminator(c)) lineStart = true;
      i++;
      continue;
    }
    // Annex B, in a script: `<!--` anywhere and `-->` first on a line start a comment to the line's end.
    if (html && ((c === 0x3c && text.startsWith('<!--', i)) || (lineStart && c === 0x2d && text.startsWith('-->', i)))) {
      const j = lineEnd(i);
      html.push(i, j);
      i = j;
      continue;
    }
    const atLineStart: boolean = lineStart;
    lineStart = false;
    if (c === SLASH) {
      const next = text.charCodeAt(i + 1);
      if (next === SLASH) {
        const j = lineEnd(i + 2);
        spans.push(i, j);
        i = j;
        continue;
      }
      if (next === STAR) {
        const end = text.indexOf('*/', i + 2);
        if (end < 0) throw new Unscannable();
        spans.push(i, end + 2);
        if (html) lineStart = atLineStart || /[\n\r\u2028\u2029]/.test(text.slice(i + 2, end));
        i = end + 2;
        continue;
      }
      if (expressionStart) {
        // A regular expression literal: to the `/` that is neither escaped nor in a class, on this line.
        let j = i + 1;
        let inClass = false;
        for (;;) {
          if (j >= n) throw new Unscannable();
          const r = text.charCodeAt(j);
          if (isLineTerminator(r)) throw new Unscannable();
          if (r === BACKSLASH) {
            if (j + 1 >= n || isLineTerminator(text.charCodeAt(j + 1))) throw new Unscannable();
            j += 2;
            continue;
          }
          if (r === 0x5b) inClass = true;
          else if (r === 0x5d) inClass = false;
          else if (r === SLASH && !inClass) break;
          j++;
        }
        i = j + 1;
        while (i < n && isIdentifierChar(text.charCodeAt(i))) i++; // flags
        expressionStart = false;
        continue;
      }
      i++; // division (`/=` too: the `=` is an operator below)
      expressionStart = true;
      continue;
    }
    if (c === 0x22 || c === 0x27) {
      let j = i + 1;
      for (;;) {
        if (j >= n) throw new Unscannable();
        const s = text.charCodeAt(j);
        if (s === c) break;
        if (s === LF || s === CR) throw new Unscannable(); // unterminated string
        if (s === BACKSLASH) {
          // an escape, or a line continuation (`\` CR LF counts as one)
          j += text.charCodeAt(j + 1) === CR && text.charCodeAt(j + 2) === LF ? 3 : 2;
          continue;
        }
        j++;
      }
      i = j + 1;
      expressionStart = false;
      continue;
    }
    if (c === BACKTICK) {
      resume(templateBody(i + 1));
      continue;
    }
    if (c === LBRACE) {
      braces++;
      i++;
      expressionStart = true;
      continue;
    }
    if (c === RBRACE) {
      if (braces === 0) {
        if (templates.length === 0) throw new Unscannable(); // unbalanced
        braces = templates.pop()!;
        resume(templateBody(i + 1));
        continue;
      }
      braces--;
      i++;
      expressionStart = true; // a block ends more often than an object literal divided
      continue;
    }
    if (isIdentifierChar(c)) {
      let j = i + 1;
      while (j < n && isIdentifierChar(text.charCodeAt(j))) j++;
      // A keyword, unless it is a property name (`x.return`, `?.in`).
      expressionStart = !afterDot && EXPRESSION_KEYWORDS.has(text.slice(i, j));
      afterDot = false;
      i = j;
      continue;
    }
    if (c === BACKSLASH) throw new Unscannable(); // an escaped identifier, or not JavaScript
    if (c === 0x3c) {
      if (expressionStart) throw new Unscannable(); // JSX or a `<T>x` type assertion
      // An operator (`<`, `<=`, `<<`, `<<=`, or a type's `Array<T>`): the second `<` of a shift is no JSX.
      i += text.charCodeAt(i + 1) === 0x3c ? 2 : 1;
      expressionStart = true;
      afterDot = false;
      continue;
    }
    // Any other punctuator: after `)` and `]` an operator follows, after the rest an expression may.
    expressionStart = c !== 0x29 && c !== 0x5d;
    afterDot = c === 0x2e;
    i++;
  }
  if (templates.length > 0 || braces !== 0) throw new Unscannable();
  return spans;
}
