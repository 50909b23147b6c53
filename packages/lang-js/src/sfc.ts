/**
 * Single-file components and pages: the `<script>` blocks of `.vue` and `.svelte` files, the inline
 * scripts of `.html` / `.htm` pages and the frontmatter and scripts of `.astro` components (see
 * `scanPage`), read as one JS/TS program at the offsets, lines and columns of the file itself.
 *
 * The file's text keeps its length: every character outside the script blocks (the tags, the
 * `<template>`, the `<style>`, the markup, HTML comments) becomes a space, line terminators kept,
 * and the result is parsed as TypeScript or JavaScript. What a rule reports, a fix's range and an
 * inline directive (`// oculum-ignore…` inside a block) are so at their place in the `.vue` file.
 * Directives written as HTML comments in the markup (`<!-- oculum-ignore -->`) are markup: not read.
 *
 * Which blocks are scripts follows the compilers. Vue (compiler-sfc): top-level `<script>` and
 * `<script setup>`, the `<template>` (nested `<template>` tags counted) and every other top-level block
 * (`<style>`, `<i18n>`, `<docs>`) skipped to its closing tag; a `<template lang="pug">` (any `lang`
 * but `html`) is raw text to the first `</template>`. Svelte: `<script>`, `<script
 * context="module">` and `<script module>` at the top level of the markup, whose elements and blocks
 * are followed (void elements, `/>`, `{…}` expressions, `{#if}` … `{/if}` and the other blocks;
 * elements whose end tag HTML makes optional, `<p>`, `<li>`, `<td>`…, do not count); a `<script>`
 * inside an element (`<svelte:head>`) or a block (`{#if}`, `{#each}`…) is page markup, not the
 * component's code. A block ends at the first `</script` as in HTML, also
 * inside a string (compilers read it so too). `lang="ts"` / `"typescript"` / `"tsx"` / `"jsx"` (or
 * `type="text/typescript"`…) picks the parser; a block in another language (`lang="coffee"`) and a
 * block with `src="./x.ts"` (that file is scanned as itself) are left out. Two blocks are one program,
 * with a `;` at the `>` of the second one's `<script …>` tag (no statement runs on into the next
 * block; see `blockThenGap` for a `//` comment on the line the two share). The scripts of an HTML
 * page or an Astro component are parsed one by one instead (`scripts`, `parsePage`): there each
 * module script has its own scope, and `code` is what the prefilter reads.
 *
 * A scanner, no parse, linear in the text: a tag left open (`<script` without `>`, `<script>` without
 * `</script>`, a `<template>` never closed) ends the scan, with a parse error saying so.
 */

import { htmlCommentSpans, jsComments } from './code-text.js';
import { parseText } from './parse.js';

/** The files `sfcScripts` reads the scripts of: components (`.vue`, `.svelte`, `.astro`) and HTML pages (`.html`, `.htm`). */
export const SFC_EXTENSIONS = ['.vue', '.svelte', '.html', '.htm', '.astro'];

export interface SfcScripts {
  /** The text with everything but the script blocks blanked: same length, same line terminators. */
  code: string;
  /**
   * The extension the code is parsed as: `.ts`, `.tsx`, `.jsx` or `.mjs` (plain JavaScript, an ES
   * module); an HTML page's plain JavaScript is `.js` (a module when it must be one, a classic script
   * otherwise, as `parseText` reads a `.js` file).
   */
  ext: '.ts' | '.tsx' | '.jsx' | '.mjs' | '.js';
  /** The blocks read, as [start, end) of their content. */
  blocks: Array<[number, number]>;
  /** What the scanner could not read (an unclosed tag), as offsets into the text. */
  problems: Array<{ message: string; offset: number }>;
  /**
   * An HTML page's or an Astro component's scripts (the same blocks), each with the extension it is
   * parsed as on its own and whether it is a module (its own scope) or a classic script (the page's
   * global scope); unset for Vue and Svelte, whose blocks share their names.
   */
  scripts?: PageScript[];
  /**
   * An HTML page's or an Astro component's `<script src=…>` elements that the browser fetches and
   * runs (see `ScriptSource`), in document order; unset for Vue and Svelte.
   */
  sources?: ScriptSource[];
}

/**
 * A `<script src=…>` of an HTML page or an Astro component that a browser fetches and runs: its type
 * is one `pageScriptLang` reads as JavaScript (no `type`, a JavaScript MIME type, `module`, Babel's
 * `text/babel`…), it is not inside a `<template>`, and its `src` is not empty. The scripts whose
 * type makes them data (`application/json`, `text/x-template`…) are not listed.
 */
export interface ScriptSource {
  /**
   * The `src` attribute as the browser reads it: character references decoded (`&amp;`, `&quot;`,
   * `&apos;`, `&lt;`, `&gt;` and numeric ones; other named references are left as written), ASCII
   * whitespace around it and tabs and line breaks inside it dropped. Not resolved against the page.
   */
  src: string;
  /** `type="module"` (or Babel's `data-type="module"`, or a script Astro bundles): a module script. */
  module: boolean;
  /** [start, end) of the `<script …>` start tag in the file: its place in the page, among the inline scripts. */
  tag: [number, number];
  /** The boolean attributes `async`, `defer` and `nomodule` as written (whether they apply depends on `module`). */
  async: boolean;
  defer: boolean;
  nomodule: boolean;
  /** The `integrity` attribute (Subresource Integrity), when there is one. */
  integrity?: string;
}

/** A script of an HTML page or an Astro component (see `SfcScripts.scripts`). */
export interface PageScript {
  start: number;
  end: number;
  ext: '.ts' | '.tsx' | '.jsx' | '.mjs' | '.js';
  /**
   * A module script (`type="module"`, an Astro component's frontmatter and the scripts Astro
   * bundles, Babel's `data-type="module"`): its imports and top-level names are its own.
   */
  module: boolean;
}

type Lang = 'ts' | 'tsx' | 'jsx' | 'js';

/** A script block found: its content [start, end), its language, and whether it is an HTML page's classic script (not a module). */
interface Block {
  start: number;
  end: number;
  lang: Lang;
  classic?: boolean;
  /** A page's module script (`PageScript.module`). */
  module?: boolean;
}

type Kind = 'vue' | 'svelte' | 'html' | 'astro';

interface Tag {
  name: string;
  attrs: Map<string, string | true>;
  selfClosing: boolean;
  /** Offset after the tag's `>`. */
  end: number;
}

/** A tag or expression that does not end before the text does. */
const EOF = Symbol('eof');

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'command']);
/**
 * Elements whose end tag HTML lets one leave out (`<p>text` then `<div>`): not counted as open in a
 * Svelte component's markup, so that one left open does not hide the top-level `<script>` after it.
 */
const OPTIONAL_END = new Set(['p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'colgroup', 'caption', 'rt', 'rp', 'rb', 'rtc', 'html', 'head', 'body']);
const TAG_START = /[A-Za-z]/;
const TAG_NAME = /[A-Za-z][^\s/>]*/y;
const GT = 0x3e;
const SLASH = 0x2f;
const EQ = 0x3d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const BACKTICK = 0x60;
const BACKSLASH = 0x5c;

/** HTML's whitespace, and the other spaces of JavaScript (a tag's attributes are split at them). */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 0xfeff;
}

/**
 * `.vue`, `.svelte`, `.html`, `.htm` or `.astro` (lower case) when the path ends so, in any case;
 * asked once or twice per JS/TS file: kept cheap.
 */
export function sfcExtension(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const dot = path.lastIndexOf('.');
  if (dot === -1 || path.length - dot > 7) return undefined;
  const ext = path.slice(dot).toLowerCase();
  return ext === '.vue' || ext === '.svelte' || ext === '.html' || ext === '.htm' || ext === '.astro' ? ext : undefined;
}

/** Whether a path is a component or page whose scripts `sfcScripts` reads (`.vue`, `.svelte`, `.html`, `.htm`, `.astro`). */
export function isSfcPath(path: string | undefined): boolean {
  return sfcExtension(path) !== undefined;
}

function kindOf(path: string | undefined): Kind {
  const ext = sfcExtension(path);
  return ext === '.svelte' ? 'svelte' : ext === '.html' || ext === '.htm' ? 'html' : ext === '.astro' ? 'astro' : 'vue';
}

let last: { text: string; kind: Kind; result: SfcScripts } | undefined;

/**
 * The script blocks of a `.vue` (default), `.svelte`, `.html` / `.htm` or `.astro` file (see the
 * module's comment). The last answer is kept: the prefilter and the parse of one file ask for the
 * same text.
 */
export function sfcScripts(text: string, path?: string): SfcScripts {
  const kind = kindOf(path);
  if (last && last.text === text && last.kind === kind) return last.result;
  const found: Block[] = [];
  const problems: SfcScripts['problems'] = [];
  const sources: ScriptSource[] = [];
  if (kind === 'svelte') scanSvelte(text, found, problems);
  else if (kind === 'vue') scanVue(text, found, problems);
  else scanPage(text, found, problems, kind === 'astro', sources);
  const blocks = found.map((b) => [b.start, b.end] as [number, number]);
  const langs = found.map((b) => b.lang);
  const ext = kind === 'astro' ? '.ts' : extensionOf(langs, kind === 'html');
  const result: SfcScripts = { code: blankOutside(text, found), ext, blocks, problems };
  if (kind === 'html' || kind === 'astro') {
    result.scripts = found.map((b) => ({ start: b.start, end: b.end, ext: b.lang === 'js' ? (b.module ? '.mjs' : '.js') : LANG_EXTENSION[b.lang], module: b.module === true }));
    result.sources = sources;
  }
  last = { text, kind, result };
  return result;
}

function extensionOf(langs: Lang[], page: boolean): SfcScripts['ext'] {
  const ts = langs.includes('ts') || langs.includes('tsx');
  const jsx = langs.includes('tsx') || langs.includes('jsx');
  return ts ? (jsx ? '.tsx' : '.ts') : jsx ? '.jsx' : page ? '.js' : '.mjs';
}

/**
 * The text with every character outside `blocks` but line terminators a space, and a `;` between two
 * blocks where no statement of the first reaches it (see `blockThenGap`). A classic script of an HTML
 * page has its HTML-like comments (`<!--` … to the end of the line, ECMAScript's Annex B) blanked too:
 * such a comment on the line the next block starts on would swallow that block's first line.
 */
function blankOutside(text: string, blocks: Block[]): string {
  // (built in one buffer: a page of 100,000 small blocks makes no garbage of small strings)
  const n = text.length;
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    out[i] = isLineTerminator(c) ? c : 0x20;
  }
  const budget = { parses: MAX_COMMENT_PARSES, unsure: MAX_UNSURE_BLOCKS };
  for (let k = 0; k < blocks.length; k++) {
    const block = blocks[k];
    const { start, end } = block;
    let content = block.classic ? withoutHtmlComments(text, start, end) : undefined;
    if (k < blocks.length - 1) {
      const next = blocks[k + 1].start;
      const joined = blockThenGap(text, content, block, next, budget);
      content = joined.code;
      if (joined.closeComment) {
        out[end] = SLASH_STAR_END[0];
        out[end + 1] = SLASH_STAR_END[1];
      }
      out[next - 1] = SEMICOLON;
    }
    if (content === undefined) for (let i = start; i < end; i++) out[i] = text.charCodeAt(i);
    else for (let i = start; i < end; i++) out[i] = content.charCodeAt(i - start);
  }
  const parts: string[] = [];
  for (let i = 0; i < n; i += 8192) parts.push(String.fromCharCode.apply(null, out.subarray(i, Math.min(n, i + 8192)) as unknown as number[]));
  return parts.join('');
}

const SEMICOLON = 0x3b;
/** `*\/`, which closes in the blanked markup a `//` comment turned into `/*` (see `blockThenGap`). */
const SLASH_STAR_END = [0x2a, 0x2f];

/**
 * A classic script's code, [start, end) of the text, with its HTML-like comments (`<!--`, and `-->`
 * first on a line) blanked; undefined when it has none, or the scanner is unsure.
 */
function withoutHtmlComments(text: string, start: number, end: number): string | undefined {
  const code = text.slice(start, end);
  if (!code.includes('<!--') && !code.includes('-->')) return undefined;
  const spans = htmlCommentSpans(code);
  if (!spans || spans.length === 0) return undefined;
  const parts: string[] = [];
  let at = 0;
  for (let k = 0; k < spans.length; k += 2) {
    parts.push(code.slice(at, spans[k]), ' '.repeat(spans[k + 1] - spans[k]));
    at = spans[k + 1];
  }
  parts.push(code.slice(at));
  return parts.join('');
}

/**
 * How many blocks of one file whose comments the scanner is unsure of (JSX, a `<T>x` assertion) are
 * parsed on their own to learn whether they end in a `//` comment (a hostile file of thousands of
 * such blocks costs no more than this).
 */
const MAX_COMMENT_PARSES = 16;
/** How many such blocks of one file the comment scanner is asked about at all (each costs it an exception). */
const MAX_UNSURE_BLOCKS = 256;

/**
 * A block that another follows, [start, end) of the text (`code`: its content when it is not the
 * text's, as `withoutHtmlComments` gives it), then the markup between them blanked, with a `;` at the
 * last character of that markup (the `>` of the next `<script …>` tag; set by `blankOutside`): no
 * statement runs on into the next block (`foo()` … `(async () => …)()`). Every character keeps its
 * offset. When the markup is all on one line (`…</script><script setup>…`) and the block ends in a
 * `//` comment, that comment would swallow the `;` and the next block's first line: it becomes `/* …
 * *\/` (`closeComment`: closed by the first two characters of the blanked `</script>`), or spaces
 * when it holds a `*\/` itself.
 */
function blockThenGap(text: string, code: string | undefined, block: Block, next: number, budget: CommentBudget): { code: string | undefined; closeComment: boolean } {
  const { start, end } = block;
  if (hasLineTerminator(text, end, next)) return { code, closeComment: false };
  // (cheap first: no `//` on the block's last line, nothing to look at)
  let lineStart = end;
  while (lineStart > start && !isLineTerminator(text.charCodeAt(lineStart - 1))) lineStart--;
  const lastLine = code === undefined ? text.slice(lineStart, end) : code.slice(lineStart - start);
  if (!lastLine.includes('//')) return { code, closeComment: false };
  const content = code ?? text.slice(start, end);
  const comment = trailingLineComment(content, block.lang, budget);
  if (comment === undefined) return { code, closeComment: false };
  const body = content.slice(comment + 2);
  if (body.includes('*/')) return { code: content.slice(0, comment) + ' '.repeat(end - start - comment), closeComment: false };
  return { code: `${content.slice(0, comment)}/*${body}`, closeComment: true };
}

/**
 * The offset in `code` (a block's content) of the `//` of a line comment that runs to its end, if
 * any: found by the comment scanner, or, when it is unsure of the block (JSX, a `<T>x` assertion), by
 * parsing the block alone (at most `MAX_COMMENT_PARSES` per file; past them, such a block is left as
 * it is).
 */
interface CommentBudget {
  parses: number;
  unsure: number;
}

function trailingLineComment(code: string, lang: Lang, budget: CommentBudget): number | undefined {
  let lineStart = code.length;
  while (lineStart > 0 && !isLineTerminator(code.charCodeAt(lineStart - 1))) lineStart--;
  if (!code.slice(lineStart).includes('//') || budget.unsure <= 0) return undefined;
  // (the scanner tells a comment from `'http://…'`)
  let comments: ReadonlyArray<{ type: string; range: [number, number] }> | undefined = jsComments(code);
  if (comments === undefined) {
    budget.unsure--;
    if (budget.parses <= 0) return undefined;
    budget.parses--;
    comments = parseText(code, `block${LANG_EXTENSION[lang]}`).comments;
  }
  const last = comments[comments.length - 1];
  return last && last.type === 'Line' && last.range[1] === code.length && last.range[0] >= lineStart ? last.range[0] : undefined;
}

const LANG_EXTENSION: Record<Lang, '.ts' | '.tsx' | '.jsx' | '.js'> = { ts: '.ts', tsx: '.tsx', jsx: '.jsx', js: '.js' };

function hasLineTerminator(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (isLineTerminator(text.charCodeAt(i))) return true;
  return false;
}

function isLineTerminator(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

/** The language of a `<script>` tag's content; undefined when it is not JS/TS or not inline. */
function scriptLang(tag: Tag): Lang | undefined {
  if (tag.attrs.has('src')) return undefined;
  const lang = tag.attrs.get('lang');
  const type = tag.attrs.get('type');
  if (lang !== undefined) {
    const value = lang === true ? '' : lang.trim().toLowerCase();
    if (value === 'ts' || value === 'typescript' || value === 'mts' || value === 'cts') return 'ts';
    if (value === 'tsx') return 'tsx';
    if (value === 'jsx') return 'jsx';
    if (value === '' || value === 'js' || value === 'javascript' || value === 'mjs' || value === 'cjs') return 'js';
    return undefined;
  }
  if (type !== undefined) {
    const value = type === true ? '' : type.trim().toLowerCase();
    if (value === 'ts' || value === 'typescript' || value === 'text/typescript' || value === 'application/typescript') return 'ts';
    if (value === '' || value === 'module' || value === 'text/javascript' || value === 'application/javascript' || value === 'javascript' || value === 'text/ecmascript' || value === 'application/ecmascript') return 'js';
    return undefined;
  }
  return 'js';
}

/**
 * Reads the tag that starts at `at` (`<` then a letter): its name, its attributes and where it ends.
 * With `braces` (Svelte, Astro), `{…}` in attributes is an expression (`on:click={() => a > b}`);
 * inside a quoted value too unless `quotedBraces` is false (Astro: `title="{"` is text).
 */
function readTag(text: string, at: number, braces: boolean, quotedBraces = braces): Tag | typeof EOF {
  TAG_NAME.lastIndex = at + 1;
  const m = TAG_NAME.exec(text);
  const name = m ? m[0].toLowerCase() : '';
  let i = at + 1 + (m ? m[0].length : 0);
  const attrs = new Map<string, string | true>();
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === GT) return { name, attrs, selfClosing: false, end: i + 1 };
    if (c === SLASH) {
      if (text.charCodeAt(i + 1) === GT) return { name, attrs, selfClosing: true, end: i + 2 };
      i++;
      continue;
    }
    if (braces && c === LBRACE) {
      const e = skipExpression(text, i);
      if (e === EOF) return EOF;
      i = e;
      continue;
    }
    // an attribute name, then maybe `= value` (a quote where a name starts is part of the name: `<div "x">`)
    const nameStart = i;
    for (let d = c; i < n && !isSpace(d) && d !== EQ && d !== GT && d !== SLASH && !(braces && d === LBRACE); d = text.charCodeAt(++i));
    if (i === nameStart) i++;
    const attr = text.slice(nameStart, i).toLowerCase();
    let j = i;
    while (j < n && isSpace(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) !== EQ) {
      if (!attrs.has(attr)) attrs.set(attr, true);
      continue;
    }
    j++;
    while (j < n && isSpace(text.charCodeAt(j))) j++;
    if (j >= n) return EOF;
    const q = text.charCodeAt(j);
    if (q === DQUOTE || q === SQUOTE) {
      let k = j + 1;
      if (quotedBraces) {
        while (k < n && text.charCodeAt(k) !== q) {
          if (text.charCodeAt(k) === LBRACE) {
            const e = skipExpression(text, k);
            if (e === EOF) return EOF;
            k = e;
          } else k++;
        }
      } else {
        k = text.indexOf(q === DQUOTE ? '"' : "'", k);
        if (k === -1) k = n;
      }
      if (k >= n) return EOF;
      if (!attrs.has(attr)) attrs.set(attr, text.slice(j + 1, k));
      i = k + 1;
    } else if (braces && q === LBRACE) {
      const e = skipExpression(text, j);
      if (e === EOF) return EOF;
      if (!attrs.has(attr)) attrs.set(attr, text.slice(j, e));
      i = e;
    } else {
      let k = j;
      while (k < n && !isSpace(text.charCodeAt(k)) && text.charCodeAt(k) !== GT) k++;
      if (!attrs.has(attr)) attrs.set(attr, text.slice(j, k));
      i = k;
    }
  }
  return EOF;
}

/** The offset after the `}` that closes the `{` at `at` (strings skipped), or EOF. */
function skipExpression(text: string, at: number): number | typeof EOF {
  let depth = 0;
  const n = text.length;
  for (let i = at; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === LBRACE) depth++;
    else if (c === RBRACE) {
      if (--depth === 0) return i + 1;
    } else if (c === DQUOTE || c === SQUOTE || c === BACKTICK) {
      let k = i + 1;
      while (k < n && text.charCodeAt(k) !== c) k += text.charCodeAt(k) === BACKSLASH ? 2 : 1;
      if (k >= n) return EOF;
      i = k;
    }
  }
  return EOF;
}

/** Where the raw text of an element named `name` that starts at `from` ends: [offset of `</name`, offset after its `>`]; undefined when never closed. */
const closingPatterns = new Map<string, RegExp>();
function closingTag(text: string, name: string, from: number): [number, number] | undefined {
  let pattern = closingPatterns.get(name);
  if (!pattern) {
    pattern = new RegExp(`</${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[\\s/>]|$)`, 'gi');
    // (the names of a hostile file's tags are not all kept)
    if (closingPatterns.size < 64) closingPatterns.set(name, pattern);
  }
  pattern.lastIndex = from;
  const m = pattern.exec(text);
  if (!m) return undefined;
  const gt = text.indexOf('>', m.index);
  return [m.index, gt === -1 ? text.length : gt + 1];
}

/**
 * How the HTML tokenizer finds the end of a `<script>` element's content (its script data states,
 * WHATWG HTML 13.2.5.4 and 13.2.5.15–13.2.5.31): at the first `</script` followed by a blank, `/` or
 * `>` (any case), except after a `<!--`, where a `<script` (then a blank, `/` or `>`) hides the next
 * `</script` (the "double escaped" state: `<!--<script>…</script>-->`) until a `-->` or that
 * `</script`; a `-->` ends the escape. Old pages wrote `document.write('<!--<script …></script>-->')`
 * or hid a whole script from ancient browsers this way.
 */
interface ScriptDataRules {
  /**
   * Astro's compiler (a fork of Go's `golang.org/x/net/html` tokenizer) leaves the escaped state at a
   * `<` followed by neither `/` nor a letter (`<!-- a < b`), where the standard stays escaped.
   */
  goQuirk: boolean;
}
const HTML_SCRIPT_DATA: ScriptDataRules = { goQuirk: false };
const ASTRO_SCRIPT_DATA: ScriptDataRules = { goQuirk: true };

/** What changes the script data state, in each state (HTML's blanks after a tag name: tab, LF, FF, CR, space). */
const IN_SCRIPT_DATA = /<!--|<\/script(?=[\t\n\f\r />])/gi;
const IN_ESCAPED = /-->|<\/?script(?=[\t\n\f\r />])/gi;
const IN_ESCAPED_GO = /-->|<\/?script(?=[\t\n\f\r />])|<(?![A-Za-z/])/gi;
const IN_DOUBLE_ESCAPED = /-->|<\/script(?=[\t\n\f\r />])/gi;

/**
 * Where a `<script>` element whose content starts at `from` ends, by `rules`: [offset of its
 * `</script`, offset after the end tag's `>`] (the end tag read as a tag: a `>` in a quoted attribute
 * value does not end it; one that does not end runs to the end of the text); undefined when the
 * content runs to the end of the text. Linear: each state's pattern is searched from where the last
 * one matched.
 */
function scriptDataEnd(text: string, from: number, rules: ScriptDataRules, seen?: { hidden?: boolean }): [number, number] | undefined {
  let state: 'data' | 'escaped' | 'double' = 'data';
  let pos = from;
  for (;;) {
    const pattern = state === 'data' ? IN_SCRIPT_DATA : state === 'double' ? IN_DOUBLE_ESCAPED : rules.goQuirk ? IN_ESCAPED_GO : IN_ESCAPED;
    pattern.lastIndex = pos;
    const m = pattern.exec(text);
    if (!m) return undefined;
    const at = m.index;
    const token = m[0];
    if (token === '<!--') {
      // (escaped, its dashes those of a `-->` that may follow at once: `<!-->`, `<!--->`)
      state = 'escaped';
      pos = at + 2;
    } else if (token === '-->') {
      state = 'data';
      pos = at + 3;
    } else if (token === '<') {
      // (Go's tokenizer: back to script data, the character after the `<` read there)
      state = 'data';
      pos = at + 1;
    } else if (token.charCodeAt(1) !== SLASH) {
      // `<script` and the blank, `/` or `>` after it
      state = 'double';
      pos = at + token.length + 1;
    } else if (state === 'double') {
      // (a `</script>` the double escape hides: said so when the script never ends)
      if (seen) seen.hidden = true;
      state = 'escaped';
      pos = at + token.length + 1;
    } else {
      const end = readTag(text, at + 1, false, false);
      return [at, end === EOF ? text.length : end.end];
    }
  }
}

/**
 * The `<script>` element whose start tag is `tag`: its content is a block when `language` (the
 * block's language and whether it is classic, from `scriptLang` or `pageScriptLang`) is given. It
 * ends at the first `</script` (as the Vue and Svelte compilers read a block), or, with `scriptData`
 * (an HTML page, an Astro component), where the HTML tokenizer ends it (`scriptDataEnd`).
 */
function scriptBlock(
  text: string,
  tag: Tag,
  tagStart: number,
  found: Block[],
  problems: SfcScripts['problems'],
  language: { lang: Lang; classic?: boolean; module?: boolean } | null | undefined = scriptLangOf(tag),
  scriptData?: ScriptDataRules,
): number {
  const seen: { hidden?: boolean } = {};
  const close = scriptData ? scriptDataEnd(text, tag.end, scriptData, seen) : closingTag(text, 'script', tag.end);
  if (!close) {
    if (language) {
      found.push({ start: tag.end, end: text.length, ...language });
      const message = seen.hidden
        ? 'This <script> holds a `<!--` and a `<script` (in a string or a comment too) that hide its </script> from the HTML parser, as in a browser: read to the end of the file'
        : 'This <script> has no </script>: read to the end of the file';
      problems.push({ message, offset: tagStart });
    }
    return text.length;
  }
  if (language) found.push({ start: tag.end, end: close[0], ...language });
  return close[1];
}

function scriptLangOf(tag: Tag): { lang: Lang } | undefined {
  const lang = scriptLang(tag);
  return lang ? { lang } : undefined;
}

function unclosedTag(text: string, at: number, problems: SfcScripts['problems']): void {
  TAG_NAME.lastIndex = at + 1;
  let name = TAG_NAME.exec(text)?.[0] ?? '';
  if (name.length > 40) name = `${name.slice(0, 40)}…`;
  problems.push({ message: `The tag <${name}> does not end (no \`>\`): the rest of the file is not read`, offset: at });
}

/**
 * What the `<` at `at` starts, for both scanners: an HTML comment or a `<` that starts no tag (the
 * offset to go on from), an end tag (`close`: its name, lower case; `end`: after its `>`), a start
 * tag, or nothing more to read (`undefined`: a comment or tag that does not end, the problem noted).
 */
function markupAt(text: string, at: number, braces: boolean, problems: SfcScripts['problems']): number | { close: string | undefined; end: number } | Tag | undefined {
  if (text.startsWith('<!--', at)) {
    const e = text.indexOf('-->', at + 4);
    return e === -1 ? undefined : e + 3;
  }
  if (text[at + 1] === '/') {
    TAG_NAME.lastIndex = at + 2;
    const close = TAG_NAME.exec(text)?.[0].toLowerCase();
    const e = text.indexOf('>', at);
    return e === -1 ? undefined : { close, end: e + 1 };
  }
  if (!TAG_START.test(text[at + 1] ?? '')) return at + 1;
  const tag = readTag(text, at, braces);
  if (tag !== EOF) return tag;
  unclosedTag(text, at, problems);
  return undefined;
}

function scanVue(text: string, found: Block[], problems: SfcScripts['problems']): void {
  let pos = 0;
  const n = text.length;
  while (pos < n) {
    const i = text.indexOf('<', pos);
    if (i === -1) return;
    const tag = markupAt(text, i, false, problems);
    if (tag === undefined) return;
    if (typeof tag === 'number' || 'close' in tag || tag.selfClosing) {
      pos = typeof tag === 'number' ? tag : tag.end;
      continue;
    }
    const lang = tag.attrs.get('lang');
    if (tag.name === 'script') {
      pos = scriptBlock(text, tag, i, found, problems);
    } else if (tag.name === 'template' && (lang === undefined || lang === true || lang === 'html')) {
      const end = templateEnd(text, tag.end);
      if (end === undefined) {
        problems.push({ message: 'This <template> has no </template>: the rest of the file is not read', offset: i });
        return;
      }
      pos = end;
    } else {
      // `<style>`, custom blocks, a template in another language (`lang="pug"`, raw text to the
      // first `</template>` as compiler-sfc reads it): raw text to the closing tag
      const close = closingTag(text, tag.name, tag.end);
      if (!close) {
        problems.push({ message: `This <${tag.name}> has no </${tag.name}>: the rest of the file is not read`, offset: i });
        return;
      }
      pos = close[1];
    }
  }
}

/**
 * The offset after the `</template>` that closes a top-level template whose content starts at `from`:
 * its tags are read (a `<template>` in an attribute value or a `{{ a<b }}` interpolation is not one),
 * nested templates counted, and `<script>` / `<style>` in it are raw text to their closing tag.
 */
function templateEnd(text: string, from: number): number | undefined {
  const pattern = /<!--|\{\{|<(\/?)[A-Za-z]/g;
  pattern.lastIndex = from;
  let depth = 1;
  // What is known not to occur after some point: not looked for again (each look would go to the end).
  let noMoreBraces = false;
  const unclosed = new Set<string>();
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m[0] === '<!--') {
      const e = text.indexOf('-->', m.index + 4);
      if (e === -1) return undefined;
      pattern.lastIndex = e + 3;
    } else if (m[0] === '{{') {
      if (noMoreBraces) continue;
      const e = text.indexOf('}}', m.index + 2);
      // (not closed: text)
      if (e === -1) noMoreBraces = true;
      else pattern.lastIndex = e + 2;
    } else if (m[1]) {
      TAG_NAME.lastIndex = m.index + 2;
      const name = TAG_NAME.exec(text)?.[0].toLowerCase();
      const gt = text.indexOf('>', m.index);
      if (gt === -1) return undefined;
      if (name === 'template' && --depth === 0) return gt + 1;
      pattern.lastIndex = gt + 1;
    } else {
      const tag = readTag(text, m.index, false);
      if (tag === EOF) return undefined;
      pattern.lastIndex = tag.end;
      if (tag.selfClosing) continue;
      if (tag.name === 'template') depth++;
      else if ((tag.name === 'script' || tag.name === 'style' || tag.name === 'textarea') && !unclosed.has(tag.name)) {
        const close = closingTag(text, tag.name, tag.end);
        if (close) pattern.lastIndex = close[1];
        else unclosed.add(tag.name);
      }
    }
  }
  return undefined;
}

/** `{#if …}`, `{#each …}`… (a block opens) or `{/if}` (one closes): the name the block is counted under (`{if`). */
const BLOCK_NAME = /[A-Za-z]+/y;
function svelteBlock(text: string, at: number): { name: string; opens: boolean } | undefined {
  // Svelte's parser allows blanks around the sigil and the name (`{ #if x }`, `{ /if}`)
  let i = at + 1;
  while (i < text.length && /\s/.test(text[i])) i++;
  const c = text[i];
  if (c !== '#' && c !== '/') return undefined;
  i++;
  while (i < text.length && /\s/.test(text[i])) i++;
  BLOCK_NAME.lastIndex = i;
  const word = BLOCK_NAME.exec(text)?.[0];
  return word === undefined ? undefined : { name: `{${word.toLowerCase()}`, opens: c === '#' };
}

function scanSvelte(text: string, found: Block[], problems: SfcScripts['problems']): void {
  // the elements and blocks (`{#if}`: its name `{if`) open, and how many of each name (a stray
  // `</b>` or `{/if}` costs no search of the stack)
  const open: string[] = [];
  const openCount = new Map<string, number>();
  const enter = (name: string) => {
    open.push(name);
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
  };
  // closes the elements and blocks opened inside it too (`<p>` left open)
  const leave = (name: string) => {
    if ((openCount.get(name) ?? 0) === 0) return;
    for (let top = open.pop(); top !== undefined; top = open.pop()) {
      openCount.set(top, openCount.get(top)! - 1);
      if (top === name) break;
    }
  };
  let next = /[<{]/g;
  const n = text.length;
  let pos = 0;
  while (pos < n) {
    next.lastIndex = pos;
    const m = next.exec(text);
    if (!m) return;
    const i = m.index;
    if (text[i] === '{') {
      // `{expression}`, `{#if …}`: its `<` are not tags. One that does not end (a quote in a
      // comment, say) is text, and so is every `{` after it (each would look to the end again).
      const e = skipExpression(text, i);
      if (e === EOF) {
        next = /</g;
        pos = i + 1;
        continue;
      }
      // a `<script>` inside `{#if}`, `{#each}`, `{#await}`, `{#key}`, `{#snippet}` is markup, as in an element
      const block = svelteBlock(text, i);
      if (block?.opens) enter(block.name);
      else if (block) leave(block.name);
      pos = e;
      continue;
    }
    const tag = markupAt(text, i, true, problems);
    if (tag === undefined) return;
    if (typeof tag === 'number') {
      pos = tag;
      continue;
    }
    pos = tag.end;
    if ('close' in tag) {
      if (tag.close !== undefined) leave(tag.close);
      continue;
    }
    if (tag.selfClosing || VOID_ELEMENTS.has(tag.name) || OPTIONAL_END.has(tag.name)) continue;
    if (tag.name === 'script') {
      if (open.length === 0) pos = scriptBlock(text, tag, i, found, problems);
      else pos = closingTag(text, 'script', tag.end)?.[1] ?? n;
    } else if (tag.name === 'style' || tag.name === 'textarea') {
      const close = closingTag(text, tag.name, tag.end);
      if (!close) {
        problems.push({ message: `This <${tag.name}> has no </${tag.name}>: the rest of the file is not read`, offset: i });
        return;
      }
      pos = close[1];
    } else enter(tag.name);
  }
}

/** The JavaScript MIME type essences of the HTML standard (a `<script type>` that runs as a classic script). */
const JS_MIME_TYPES = new Set([
  'application/ecmascript',
  'application/javascript',
  'application/x-ecmascript',
  'application/x-javascript',
  'text/ecmascript',
  'text/javascript',
  'text/javascript1.0',
  'text/javascript1.1',
  'text/javascript1.2',
  'text/javascript1.3',
  'text/javascript1.4',
  'text/javascript1.5',
  'text/jscript',
  'text/livescript',
  'text/x-ecmascript',
  'text/x-javascript',
  // run by a library from the page: Partytown (in a worker), Babel standalone (JSX below)
  'text/partytown',
]);

/** ASCII whitespace, which HTML strips around a `type` attribute's value. */
const HTML_TRIM = /^[\t\n\f\r ]+|[\t\n\f\r ]+$/g;

/**
 * The language of a `<script>` of an HTML page or an Astro component, as the browser picks it (the
 * HTML standard's "prepare the script element"): no `type` (or an empty one, or none and a `language`
 * attribute naming JavaScript) or a JavaScript MIME type is a classic script, `module` a module;
 * `text/babel` / `text/jsx` (Babel standalone) JSX, TypeScript too when its `data-presets` says so.
 * Anything else (`application/json`, `importmap`, `text/x-template`, `text/html`, a MIME type with
 * parameters) is data, and `src=` scripts are not inline. In Astro a script without `is:inline` is
 * TypeScript (Astro bundles it).
 */
function pageScriptLang(tag: Tag, astro: boolean): { lang: Lang; classic?: boolean; module: boolean } | undefined {
  return tag.attrs.has('src') ? undefined : pageScriptType(tag, astro);
}

/** The language `pageScriptLang` gives a script of that type, whether it is inline or not. */
function pageScriptType(tag: Tag, astro: boolean): { lang: Lang; classic?: boolean; module: boolean } | undefined {
  let type = tag.attrs.get('type');
  if (type === undefined) {
    const language = tag.attrs.get('language');
    if (typeof language === 'string' && language !== '') type = `text/${language}`;
  }
  const value = type === undefined || type === true ? '' : type.replace(HTML_TRIM, '').toLowerCase();
  const processed = astro && !tag.attrs.has('is:inline');
  if (value === '' || JS_MIME_TYPES.has(value)) return processed ? { lang: 'ts', module: true } : { lang: 'js', classic: !astro, module: false };
  if (value === 'module') return { lang: processed ? 'ts' : 'js', module: true };
  if (value === 'text/babel' || value === 'text/jsx') {
    const presets = tag.attrs.get('data-presets');
    const ts = typeof presets === 'string' && /typescript|\bts\b/i.test(presets);
    // (Babel standalone runs the code it compiles as a classic script, a module with `data-type="module"`)
    const dataType = tag.attrs.get('data-type');
    return { lang: ts ? 'tsx' : 'jsx', module: typeof dataType === 'string' && dataType.replace(HTML_TRIM, '').toLowerCase() === 'module' };
  }
  return undefined;
}

/**
 * The `<script src=…>` whose start tag `tag` starts at `at`, when the browser fetches and runs it
 * (see `ScriptSource`); `undefined` for an inline script, a data block, or an empty `src`.
 */
function scriptSource(tag: Tag, at: number, astro: boolean): ScriptSource | undefined {
  const raw = tag.attrs.get('src');
  if (typeof raw !== 'string') return undefined;
  // (the URL parser drops ASCII whitespace around the URL, and tabs and line breaks inside it)
  const src = decodeCharacterReferences(raw).replace(HTML_TRIM, '').replace(/[\t\n\r]/g, '');
  if (src === '') return undefined;
  const type = pageScriptType(tag, astro);
  if (!type) return undefined;
  const integrity = tag.attrs.get('integrity');
  return {
    src,
    module: type.module,
    tag: [at, tag.end],
    async: tag.attrs.has('async'),
    defer: tag.attrs.has('defer'),
    nomodule: tag.attrs.has('nomodule'),
    ...(typeof integrity === 'string' ? { integrity: decodeCharacterReferences(integrity) } : {}),
  };
}

const NAMED_REFERENCES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const CHARACTER_REFERENCE = /&(?:#[xX]([0-9A-Fa-f]+);?|#([0-9]+);?|(amp|lt|gt|quot|apos);)/g;

/**
 * An attribute value with its numeric character references (`&#47;`, `&#x2F;`) and the five named
 * ones of XML (`&amp;`…) decoded, as HTML decodes them; a reference to no character (0, a surrogate,
 * past U+10FFFF) is U+FFFD. Other named references (HTML has two thousand) stay as written, and the
 * C1 codes (`&#128;`, which HTML reads through windows-1252) are read as their code points.
 */
function decodeCharacterReferences(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(CHARACTER_REFERENCE, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED_REFERENCES[name];
    const digits = (hex ?? dec!).replace(/^0+(?=.)/, '');
    const code = digits.length > 8 ? Infinity : Number.parseInt(digits, hex !== undefined ? 16 : 10);
    return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(code);
  });
}

/** Elements whose content the HTML tokenizer reads as text to their end tag (RAWTEXT, RCDATA; `<noscript>` as a browser that runs scripts reads it). */
const RAW_TEXT = new Set(['style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);
/** Elements whose content is SVG or MathML (foreign content: `<![CDATA[ … ]]>` is a CDATA section there). */
const FOREIGN = new Set(['svg', 'math']);
const COMMENT_END = /--!?>/g;

/** Astro's frontmatter: `---` first in the file (after blanks), its content to the next line that starts with `---` (after blanks; no JavaScript line does). */
const FRONTMATTER_OPEN = /^\uFEFF?\s*---/y;
const FRONTMATTER_CLOSE = /(?:^|[\r\n\u2028\u2029])[ \t]*---/g;

/**
 * The scripts of an HTML page (and the markup of an Astro component, `astro`, after its frontmatter,
 * whose `{expressions}` are skipped), as a browser's tokenizer finds them: comments (`<!-- -->`, `<!-->`,
 * `--!>`, bogus `<!…>` `<?…>` `</…>` ones), CDATA (a bogus comment to the first `>` in HTML, a
 * section to `]]>` inside `<svg>` / `<math>`), raw-text elements (`<style>`, `<textarea>`, `<title>`,
 * `<noscript>`…) to their end tag, `<plaintext>` to the end, quoted attribute values (`>` inside
 * them), tag names in any case, a script's content to where the tokenizer's script data states end it
 * (`scriptDataEnd`; not inside `<svg>` / `<math>`, where it is markup, to the first `</script`). Its
 * `<script src>` are listed in `sources` (`ScriptSource`). A `<script>` inside a `<template>` is inert (the template's content is not the page until a
 * script clones it): not read. Linear: every search that fails ends the scan.
 */
function scanPage(text: string, found: Block[], problems: SfcScripts['problems'], astro: boolean, sources: ScriptSource[]): void {
  const n = text.length;
  let pos = 0;
  if (astro) {
    FRONTMATTER_OPEN.lastIndex = 0;
    if (FRONTMATTER_OPEN.test(text)) {
      const start = FRONTMATTER_OPEN.lastIndex;
      FRONTMATTER_CLOSE.lastIndex = start;
      const close = FRONTMATTER_CLOSE.exec(text);
      if (!close) {
        found.push({ start, end: n, lang: 'ts', module: true });
        problems.push({ message: 'The frontmatter has no closing `---`: read to the end of the file', offset: start - 3 });
        return;
      }
      const fence = close.index + close[0].indexOf('---');
      found.push({ start, end: fence, lang: 'ts', module: true });
      pos = fence + 3;
    }
  }
  let templates = 0;
  let foreign = 0;
  let next = astro ? /[<{]/g : /</g;
  while (pos < n) {
    next.lastIndex = pos;
    const m = next.exec(text);
    if (!m) return;
    const i = m.index;
    if (text.charCodeAt(i) === LBRACE) {
      // an Astro `{expression}` (JSX-like, not read): its `<` are not tags. One that does not end
      // (a quote in its text) is text, and so is every `{` after it.
      const e = skipExpression(text, i);
      if (e === EOF) {
        next = /</g;
        pos = i + 1;
      } else pos = e;
      continue;
    }
    const c1 = text.charCodeAt(i + 1);
    if (c1 === 0x21 /* ! */) {
      if (text.startsWith('<!--', i)) {
        // `<!-->` and `<!--->` are empty comments; otherwise to `-->` or `--!>`, or the end of the file
        if (text.charCodeAt(i + 4) === GT) pos = i + 5;
        else if (text.startsWith('->', i + 4)) pos = i + 6;
        else {
          COMMENT_END.lastIndex = i + 4;
          const e = COMMENT_END.exec(text);
          if (!e) return;
          pos = e.index + e[0].length;
        }
      } else if (foreign > 0 && text.startsWith('<![CDATA[', i)) {
        const e = text.indexOf(']]>', i + 9);
        if (e === -1) return;
        pos = e + 3;
      } else pos = bogusComment(text, i + 2);
      continue;
    }
    if (c1 === 0x3f /* ? */) {
      pos = bogusComment(text, i + 2);
      continue;
    }
    if (c1 === SLASH) {
      if (TAG_START.test(text[i + 2] ?? '')) {
        // an end tag: its attributes are read (and dropped) as a start tag's, quotes and all
        const tag = readTag(text, i + 1, astro, false);
        if (tag === EOF) {
          unclosedTag(text, i + 1, problems);
          return;
        }
        if (tag.name === 'template' && templates > 0) templates--;
        else if (FOREIGN.has(tag.name) && foreign > 0) foreign--;
        pos = tag.end;
      } else pos = text.charCodeAt(i + 2) === GT ? i + 3 : bogusComment(text, i + 2);
      continue;
    }
    if (!TAG_START.test(text[i + 1] ?? '')) {
      pos = i + 1;
      continue;
    }
    const tag = readTag(text, i, astro, false);
    if (tag === EOF) {
      unclosedTag(text, i, problems);
      return;
    }
    pos = tag.end;
    // (HTML ignores `/>` on an element that is not void or foreign: `<script/>` opens a script; JSX-like Astro does not)
    const selfClosed = tag.selfClosing && (astro || foreign > 0 || FOREIGN.has(tag.name));
    if (tag.name === 'script') {
      // (a `<script src>` in a template is inert too; Astro's `<script src="…" />` is one)
      const source = templates > 0 ? undefined : scriptSource(tag, i, astro);
      if (source) sources.push(source);
      if (selfClosed) continue;
      // (an HTML script's content ends where the tokenizer's script data states end it; not in SVG or MathML, where it is markup)
      const end = foreign > 0 ? undefined : astro ? ASTRO_SCRIPT_DATA : HTML_SCRIPT_DATA;
      pos = scriptBlock(text, tag, i, found, problems, (templates > 0 ? undefined : pageScriptLang(tag, astro)) ?? null, end);
    } else if (tag.name === 'plaintext' && foreign === 0) {
      return;
    } else if (RAW_TEXT.has(tag.name) && !selfClosed) {
      const close = closingTag(text, tag.name, tag.end);
      if (!close) {
        problems.push({ message: `This <${tag.name}> has no </${tag.name}>: the rest of the file is not read`, offset: i });
        return;
      }
      pos = close[1];
    } else if (tag.name === 'template' && !selfClosed) templates++;
    else if (FOREIGN.has(tag.name) && !selfClosed) foreign++;
  }
}

/** The offset after the `>` that ends a bogus comment whose text starts at `from` (the end of the text when there is none). */
function bogusComment(text: string, from: number): number {
  const e = text.indexOf('>', from);
  return e === -1 ? text.length : e + 1;
}
