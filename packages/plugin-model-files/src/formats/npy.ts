/**
 * NumPy `.npy`: magic, version, a Python-literal header dict (`descr`, `fortran_order`, `shape`),
 * then raw data or — for object arrays — a pickle. `np.load(allow_pickle=True)` unpickles it.
 *
 * The header is read as numpy reads it (`ast.literal_eval`, then `descr_to_dtype`): a repeated key
 * keeps its last value, `descr` may be any string `np.dtype` takes (`'|O'`, `'object'`, `'i4,O'`,
 * `'(2,)O'`), a `(descr, shape)` subarray tuple or a list of structured fields; any object inside
 * makes the array an object array (its data is a pickle).
 */

export interface NpyHeader {
  version: string;
  headerEnd: number;
  descr: string;
  object: boolean;
  shape: number[] | undefined;
  itemsize: number | undefined;
  problems: string[];
}

/** The largest header read (numpy has no limit with `allow_pickle=True`: its `max_header_size` is then ignored). */
export const MAX_NPY_HEADER = 1 << 24;

/** Start and length of the header dict: `{ need }` for more bytes, `{ error }` when it is no .npy header. */
export function npyHeaderSpan(head: Uint8Array): { start: number; length: number; major: number; minor: number } | { need: number } | { error: string } {
  if (head.length < 10) return { need: 10 };
  const major = head[6];
  const minor = head[7];
  if (major === 1) return { start: 10, length: head[8] | (head[9] << 8), major, minor };
  if (major === 2 || major === 3) {
    if (head.length < 12) return { need: 12 };
    return { start: 12, length: (head[8] | (head[9] << 8) | (head[10] << 16)) + head[11] * 0x1000000, major, minor };
  }
  return { error: `unsupported .npy version ${major}.${minor}` };
}

type Lit = string | number | boolean | null | Lit[] | { tuple: Lit[] } | Map<Lit, Lit> | { bad: true };

/**
 * What a string holds in place of a `\N{name}` escape whose name the scanner does not know (a
 * noncharacter): a `descr` holding it is read as holding objects, so that its data is scanned as the
 * pickle it may be (fail closed).
 */
export const UNDECODED = '\uffff';

/**
 * Unicode names of the printable ASCII characters, for `\N{…}` escapes (Python looks names up
 * without regard to case): a dtype string is ASCII, so any other name is `UNDECODED`.
 */
const CHAR_NAMES = new Map<string, string>();
{
  const named: Array<[number, string]> = [
    [0x20, 'SPACE'], [0x21, 'EXCLAMATION MARK'], [0x22, 'QUOTATION MARK'], [0x23, 'NUMBER SIGN'], [0x24, 'DOLLAR SIGN'],
    [0x25, 'PERCENT SIGN'], [0x26, 'AMPERSAND'], [0x27, 'APOSTROPHE'], [0x28, 'LEFT PARENTHESIS'], [0x29, 'RIGHT PARENTHESIS'],
    [0x2a, 'ASTERISK'], [0x2b, 'PLUS SIGN'], [0x2c, 'COMMA'], [0x2d, 'HYPHEN-MINUS'], [0x2e, 'FULL STOP'], [0x2f, 'SOLIDUS'],
    [0x3a, 'COLON'], [0x3b, 'SEMICOLON'], [0x3c, 'LESS-THAN SIGN'], [0x3d, 'EQUALS SIGN'], [0x3e, 'GREATER-THAN SIGN'],
    [0x3f, 'QUESTION MARK'], [0x40, 'COMMERCIAL AT'], [0x5b, 'LEFT SQUARE BRACKET'], [0x5c, 'REVERSE SOLIDUS'],
    [0x5d, 'RIGHT SQUARE BRACKET'], [0x5e, 'CIRCUMFLEX ACCENT'], [0x5f, 'LOW LINE'], [0x60, 'GRAVE ACCENT'],
    [0x7b, 'LEFT CURLY BRACKET'], [0x7c, 'VERTICAL LINE'], [0x7d, 'RIGHT CURLY BRACKET'], [0x7e, 'TILDE'],
  ];
  for (const [c, n] of named) CHAR_NAMES.set(n, String.fromCharCode(c));
  const digits = ['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE'];
  digits.forEach((d, k) => CHAR_NAMES.set(`DIGIT ${d}`, String(k)));
  for (let k = 0; k < 26; k++) {
    const l = String.fromCharCode(65 + k);
    CHAR_NAMES.set(`LATIN CAPITAL LETTER ${l}`, l);
    CHAR_NAMES.set(`LATIN SMALL LETTER ${l}`, l.toLowerCase());
  }
}

/** A string literal's prefix (`r`, `u`, `b`, `br`, `rb`, any case; not `f`, not `ur`) and opening quote. */
const STRING_START = /^(?:[rR][bB]?|[bB][rR]?|[uU])?['"]/;

/**
 * A Python literal (what `ast.literal_eval` takes in a .npy header): dicts, tuples, lists, strings
 * (with a `b`/`u`/`r` prefix, adjacent literals joined as Python joins them: `'obj' 'ect'`; escapes
 * as Python decodes them: octal `\117`, `\x4f`, `\u`, `\U`, `\N{LATIN CAPITAL LETTER O}`, line
 * continuations; bytes and str never mixed), numbers, True/False/None. Dicts keep the last value of
 * a repeated key. Returns undefined for anything else, as literal_eval raises.
 */
export function parsePyLiteral(text: string): Lit | undefined {
  let i = 0;
  const ws = () => {
    for (;;) {
      while (i < text.length && /[\s\\]/.test(text[i])) i++;
      if (text[i] === '#') while (i < text.length && text[i] !== '\n') i++;
      else return;
    }
  };
  const fail = (): never => {
    throw new Error('literal');
  };
  const hex = (n: number): number => {
    const h = text.slice(i, i + n);
    if (h.length !== n || !/^[0-9a-fA-F]+$/.test(h)) fail();
    i += n;
    return parseInt(h, 16);
  };
  /** One literal: its text, and whether it is bytes. */
  const part = (): { s: string; bytes: boolean } => {
    const m = STRING_START.exec(text.slice(i, i + 3));
    if (!m) return fail();
    const prefix = m[0].slice(0, -1).toLowerCase();
    i += prefix.length;
    const raw = prefix.includes('r');
    const isBytes = prefix.includes('b');
    const q = text[i];
    const triple = text.startsWith(q.repeat(3), i);
    const end = triple ? q.repeat(3) : q;
    i += end.length;
    let out = '';
    for (;;) {
      if (i >= text.length) fail();
      if (text.startsWith(end, i)) {
        i += end.length;
        return { s: out, bytes: isBytes };
      }
      const c = text[i++];
      if (isBytes && c.charCodeAt(0) > 0x7f) fail(); // bytes literals hold ASCII only
      if (c === '\\') {
        if (i >= text.length) fail();
        const e = text[i++];
        if (raw) {
          out += c + e; // kept, though it still keeps a quote or a newline from ending the literal
          continue;
        }
        const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '' };
        if (e === '\r') {
          if (text[i] === '\n') i++; // a line continuation in a CRLF header
        } else if (Object.hasOwn(simple, e)) out += simple[e];
        else if (/[0-7]/.test(e)) {
          let oct = e;
          while (oct.length < 3 && /[0-7]/.test(text[i] ?? '')) oct += text[i++];
          const code = parseInt(oct, 8);
          out += String.fromCharCode(isBytes ? code & 0xff : code);
        } else if (e === 'x') out += String.fromCharCode(hex(2));
        else if (!isBytes && (e === 'u' || e === 'U')) {
          const code = hex(e === 'u' ? 4 : 8);
          if (code > 0x10ffff) fail();
          out += String.fromCodePoint(code);
        } else if (!isBytes && e === 'N') {
          const close = text.indexOf('}', i);
          if (text[i] !== '{' || close < 0) fail();
          const name = text.slice(i + 1, close);
          i = close + 1;
          if (!name) fail();
          out += CHAR_NAMES.get(name.toUpperCase().replace(/\s+/g, ' ')) ?? UNDECODED;
        } else out += `\\${e}`; // not an escape: Python keeps the backslash
      } else if (!triple && (c === '\n' || c === '\r')) fail();
      else out += c;
    }
  };
  /** Adjacent literals, joined (`'<' 'i4'` is `'<i4'`). */
  const str = (): string => {
    const first = part();
    let out = first.s;
    for (;;) {
      const at = i;
      ws();
      if (!STRING_START.test(text.slice(i, i + 3))) {
        i = at;
        return out;
      }
      const next = part();
      if (next.bytes !== first.bytes) fail(); // cannot mix bytes and nonbytes literals
      out += next.s;
    }
  };
  const seq = (close: string): Lit[] => {
    const items: Lit[] = [];
    for (;;) {
      ws();
      if (text[i] === close) {
        i++;
        return items;
      }
      items.push(value());
      ws();
      if (text[i] === ',') i++;
      else if (text[i] !== close) fail();
    }
  };
  const value = (): Lit => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const m = new Map<Lit, Lit>();
      for (;;) {
        ws();
        if (text[i] === '}') {
          i++;
          return m;
        }
        const k = value();
        ws();
        if (text[i++] !== ':') fail();
        const v = value();
        m.delete(k);
        m.set(k, v); // the last of a repeated key wins (a Python dict display)
        ws();
        if (text[i] === ',') i++;
        else if (text[i] !== '}') fail();
      }
    }
    if (c === '(') {
      i++;
      const start = i;
      const items = seq(')');
      // `(x)` is x, `(x,)` a tuple
      if (items.length === 1 && !/,\s*\)$/.test(text.slice(start, i))) return items[0];
      return { tuple: items };
    }
    if (c === '[') {
      i++;
      return seq(']');
    }
    if (STRING_START.test(text.slice(i, i + 3))) return str();
    const word = /^(True|False|None)\b/.exec(text.slice(i, i + 6));
    if (word) {
      i += word[1].length;
      return word[1] === 'None' ? null : word[1] === 'True';
    }
    const num = /^[-+]?(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[\d_]*\.?[\d_]+(?:[eE][-+]?\d+)?)[lLjJ]?/.exec(text.slice(i, i + 400));
    if (num) {
      i += num[0].length;
      const t = num[1].replace(/_/g, '');
      const sign = num[0].startsWith('-') ? -1 : 1;
      return sign * (/^0[xob]/i.test(t) ? Number(t.toLowerCase()) : Number(t));
    }
    return fail();
  };
  try {
    const v = value();
    ws();
    return i === text.length ? v : undefined;
  } catch {
    return undefined;
  }
}

/** A dtype string `np.dtype` reads as holding Python objects: `O`, `|O8`, `object`, `object_`, `i4,O`, `(2,)O`, `2O`. */
export function isObjectDtypeString(s: string): boolean {
  if (s.includes(UNDECODED)) return true; // a `\N{…}` the scanner could not decode: fail closed
  return s.split(',').some((part) => /(?:^|[^A-Za-z_])(?:O\d*|object\d*_?)$/.test(part.trim()));
}

const isTuple = (v: Lit | undefined): v is { tuple: Lit[] } => !!v && typeof v === 'object' && 'tuple' in v;

/** Whether a `descr` (string, `(descr, shape)`, or a list of `(name, descr[, shape])` fields) holds objects. */
export function descrHoldsObjects(d: Lit | undefined, depth = 0): boolean {
  if (depth > 64) return true;
  if (typeof d === 'string') return isObjectDtypeString(d);
  if (isTuple(d)) return descrHoldsObjects(d.tuple[0], depth + 1);
  if (Array.isArray(d)) {
    return d.some((f) => {
      const items = isTuple(f) ? f.tuple : Array.isArray(f) ? f : undefined;
      return items ? descrHoldsObjects(items[1], depth + 1) : descrHoldsObjects(f, depth + 1);
    });
  }
  // Anything else numpy would iterate over: judged by every string in it.
  if (d instanceof Map) return [...d.keys(), ...d.values()].some((x) => descrHoldsObjects(x, depth + 1));
  return false;
}

function describe(d: Lit | undefined): string {
  if (typeof d === 'string') return d;
  if (isTuple(d)) return 'subarray';
  if (Array.isArray(d)) return 'structured';
  return String(d);
}

export function parseNpyHeader(head: Uint8Array): NpyHeader | { need: number } | { error: string } {
  const span = npyHeaderSpan(head);
  if ('need' in span || 'error' in span) return span;
  const { start, length: hlen, major, minor } = span;
  if (hlen > MAX_NPY_HEADER) return { error: `header length ${hlen} is larger than the ${MAX_NPY_HEADER} bytes read` };
  if (head.length < start + hlen) return { need: start + hlen };
  const text = Buffer.from(head.subarray(start, start + hlen)).toString(major === 3 ? 'utf8' : 'latin1');
  const problems: string[] = [];
  const lit = parsePyLiteral(text.replace(/\0+$/, ''));
  const dict = lit instanceof Map ? lit : undefined;
  let descr = '';
  let object = false;
  let shape: number[] | undefined;
  if (dict) {
    if (dict.has('descr')) {
      const d = dict.get('descr');
      descr = describe(d);
      object = descrHoldsObjects(d);
    } else problems.push('header has no descr');
    if (dict.has('shape')) {
      const s = dict.get('shape');
      const dims = isTuple(s) ? s.tuple : undefined;
      if (dims && dims.every((x) => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0)) shape = dims as number[];
      else problems.push(`shape ${isTuple(s) ? `(${s.tuple.map(String).join(', ')})` : String(s)} is not a tuple of non-negative integers`);
    } else problems.push('header has no shape');
    if (typeof dict.get('fortran_order') !== 'boolean') problems.push('header has no fortran_order');
  } else {
    // Not a literal numpy reads: numpy refuses the file. Any object dtype named in it is still
    // treated as one (the pickle after the header is scanned), so a parser difference cannot hide it.
    problems.push('header is not a Python literal dict');
    const m = /['"]descr['"]\s*:\s*(['"])([^'"]*)\1/.exec(text);
    descr = m?.[2] ?? '';
    object = /['"][<>|=]?(?:O\d*|object\d*_?)['"]/.test(text);
  }
  let itemsize: number | undefined;
  const m = /^[<>|=]?([a-zA-Z?])(\d*)$/.exec(descr);
  if (m && !object) {
    const k = m[1];
    const n = m[2] ? Number(m[2]) : k === '?' ? 1 : 0;
    itemsize = k === 'U' ? n * 4 : n || undefined;
  }
  return { version: `${major}.${minor}`, headerEnd: start + hlen, descr, object, shape, itemsize, problems };
}
