/**
 * A static evaluator of the constant string expressions in a Jinja template (never a renderer: no
 * data, no calls into anything). It tokenizes the template as Jinja's lexer does (string literals
 * decoded as Python `unicode-escape`, so `\N{LOW LINE}`, `\U0000005f`, `\x5f`, `\137` count),
 * parses every `{{ … }}` and `{% … %}` expression and evaluates what can be known: literals,
 * implicit literal concatenation, `~`, `+`, `*`, `%`, slices, string methods, the filters that build
 * strings (`join`, `format`, `replace`, `lower`, `reverse`, `list`, …), `dict(k=…)` / `namespace(k=…)`
 * keyword names, and names bound by `set` / `for` / `with` (every value a name may take, not the last).
 *
 * It reports the attribute names a template reaches (`.name`, `[key]` — Jinja's subscript falls back
 * to getattr —, `|attr(key)`, `attribute=`), each string it builds, and the attribute keys it builds
 * from values it cannot know (a computed attribute name: weaker evidence).
 *
 * Linear time: one pass of a lazy lexer and a recursive-descent parser whose nesting is capped (Jinja
 * itself fails with RecursionError below 100 levels of brackets); every string built is capped in
 * length, every set of candidate values in size.
 */

export interface JinjaFacts {
  /** The string values the evaluator knew (literals after escape decoding, and strings it built) that `keep` selected. */
  strings: string[];
  /** Attribute names reached with a known value (`.x`, `[...]` with a string key, `|attr(...)`, `attribute=`) that are dunder or name-mangled, or name a frame/code/function internal. */
  attributes: string[];
  /** An internal attribute (as in `attributes`) reached on a template global (`lipsum`, `cycler`, `joiner`, `namespace`, `self`, …): global.name. */
  globalAccess: string[];
  /**
   * Attribute keys the template builds at render time in a way that is not followed statically and
   * may combine its own constants (source excerpts): `''[ns.a]` after a loop of `ns.a ~ p`, a slice
   * of a function's `repr`. A key made of render data (`message[key]`, `names[role|lower]`,
   * `m[m.role ~ '_content']`) is not one: the template's author does not choose that data.
   */
  computedKeys: string[];
  /**
   * Indicators read from the expression code itself, token by token, whether or not it parsed (string
   * literals, template data and comments are not code): internal names (`__class__`), `os.popen`,
   * `request.application`, `config.items()`, `eval(`, `subprocess`, `import_module`, `.mro(`.
   */
  code: string[];
  /** `attr (` written in the code, and `|attr(…)` filters the evaluator parsed (their names were checked). */
  attrWritten: number;
  attrParsed: number;
  /** Work done: tokens read (bounded by the template's length). */
  tokens: number;
  /** Set when the deadline stopped the evaluation: the offset it had read up to. */
  stoppedAt?: number;
}

export interface EvaluateOptions {
  /** Wall-clock time (ms since the epoch) past which the evaluation stops and `stoppedAt` is set. */
  deadline?: number;
}

const MAX_DEPTH = 128;
/** Strings built longer than this are unknown (an attribute name is short; this bounds the work per operation). */
const MAX_STRING = 64;
const MAX_CHOICES = 8;
const MAX_LIST = 256;
const MAX_FACTS = 200;

/** Globals of a Jinja environment (and of Flask's) whose attributes lead to Python internals. */
const INTERNAL_GLOBALS = new Set(['lipsum', 'cycler', 'joiner', 'namespace', 'self', 'request', 'config', 'url_for', 'get_flashed_messages']);
/** Names that are not render data: Jinja's globals and the callables chat-template renderers add. */
const NOT_DATA = new Set([...INTERNAL_GLOBALS, 'range', 'dict', 'caller', 'super', 'raise_exception', 'strftime_now', 'g', 'session']);
/** Identifiers that, written in expression code, name an internal (the first step of every path to Python's globals). */
const INTERNAL_NAME = /^(?:__\w+__|_[A-Za-z]\w*__\w+|func_globals|f_globals|gi_frame|gi_code|cr_frame|cr_code|ag_frame|ag_code|tb_frame)$/;

/** Attributes of Python functions, frames, generators and code objects that lead to globals or code. */
const INTERNAL_ATTRS = /^(?:__\w+__|_[A-Za-z]\w*__\w+|mro|func_globals|func_code|f_globals|f_locals|f_back|f_builtins|gi_frame|gi_code|cr_frame|ag_frame|tb_frame|tb_next|co_code|im_func|im_self)$/;

// ---------------------------------------------------------------------------------------------
// Values

type Value =
  | { k: 'str'; v: string }
  | { k: 'num'; v: number }
  | { k: 'const'; v: boolean | null }
  | { k: 'list'; items: Value[] }
  | { k: 'dict'; keys: Value[]; values: Value[] }
  | { k: 'oneof'; items: Value[] }
  | { k: 'method'; recv: Value; name: string }
  | { k: 'name'; name: string }
  /**
   * A value of the render data (a free name such as `messages` or `tools`, an item, attribute or
   * element of one, a macro parameter): the template's author does not choose it. `param` names the
   * macro parameter it is (`macro:name`).
   */
  | { k: 'data'; param?: string }
  /**
   * A string made of whole values (render data, the `str()` of an object) and constants, joined
   * without cutting any of them: `role ~ '_suffix'`, `'%s' % x`, `x|lower`. `skel` is its value when
   * every whole value renders empty (an undefined name does), `null` when too long to name anything.
   */
  | { k: 'dstr'; skel: string | null; param?: string }
  /** Unknown; `str` when a string was built here from values not known statically (opaque: constants cut or combined in ways not followed). */
  | { k: 'unknown'; str: boolean };

const UNKNOWN: Value = { k: 'unknown', str: false };
const UNKNOWN_STR: Value = { k: 'unknown', str: true };
const DATA: Value = { k: 'data' };

function isStrish(v: Value): boolean {
  if (v.k === 'str' || v.k === 'dstr') return true;
  if (v.k === 'unknown') return v.str;
  if (v.k === 'oneof') return v.items.some(isStrish);
  return false;
}

/** Python str() of a known scalar, or undefined. */
function pyStr(v: Value): string | undefined {
  if (v.k === 'str') return v.v;
  if (v.k === 'num') return Number.isInteger(v.v) ? String(v.v) : String(v.v);
  if (v.k === 'const') return v.v === null ? 'None' : v.v ? 'True' : 'False';
  return undefined;
}

/** Python's str.replace, also for an empty `from` (which inserts `to` around every character). */
function pyReplace(s: string, from: string, to: string, count = -1): string {
  if (from === '') {
    const cs = [...s];
    const n = count < 0 ? cs.length + 1 : Math.min(count, cs.length + 1);
    let out = '';
    for (let i = 0; i <= cs.length; i++) out += (i < n ? to : '') + (cs[i] ?? '');
    return out;
  }
  if (count < 0) return s.split(from).join(to);
  let out = s;
  let at = 0;
  for (let i = 0; i < count; i++) {
    const j = out.indexOf(from, at);
    if (j < 0) break;
    out = out.slice(0, j) + to + out.slice(j + from.length);
    at = j + to.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Python unicode-escape decoding of a Jinja string literal body

const NAMED: Record<string, string> = (() => {
  const t: Record<string, string> = {
    'SPACE': ' ', 'EXCLAMATION MARK': '!', 'QUOTATION MARK': '"', 'NUMBER SIGN': '#', 'DOLLAR SIGN': '$', 'PERCENT SIGN': '%',
    'AMPERSAND': '&', 'APOSTROPHE': "'", 'LEFT PARENTHESIS': '(', 'RIGHT PARENTHESIS': ')', 'ASTERISK': '*', 'PLUS SIGN': '+',
    'COMMA': ',', 'HYPHEN-MINUS': '-', 'FULL STOP': '.', 'SOLIDUS': '/', 'COLON': ':', 'SEMICOLON': ';', 'LESS-THAN SIGN': '<',
    'EQUALS SIGN': '=', 'GREATER-THAN SIGN': '>', 'QUESTION MARK': '?', 'COMMERCIAL AT': '@', 'LEFT SQUARE BRACKET': '[',
    'REVERSE SOLIDUS': '\\', 'RIGHT SQUARE BRACKET': ']', 'CIRCUMFLEX ACCENT': '^', 'LOW LINE': '_', 'GRAVE ACCENT': '`',
    'LEFT CURLY BRACKET': '{', 'VERTICAL LINE': '|', 'RIGHT CURLY BRACKET': '}', 'TILDE': '~',
  };
  const digits = ['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE'];
  digits.forEach((d, i) => (t[`DIGIT ${d}`] = String(i)));
  for (let c = 0; c < 26; c++) {
    const up = String.fromCharCode(65 + c);
    t[`LATIN CAPITAL LETTER ${up}`] = up;
    t[`LATIN SMALL LETTER ${up}`] = up.toLowerCase();
  }
  return t;
})();

/** A character no ASCII name can contain: stands for a `\N{…}` name outside printable ASCII. */
const OTHER = '\uFFFD';

export function decodePythonEscapes(body: string): string {
  if (!body.includes('\\')) return body.replace(/\r\n?/g, '\n');
  const s = body.replace(/\r\n?/g, '\n');
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i];
    const simple: Record<string, string> = { '\n': '', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
    if (n in simple) out += simple[n];
    else if (n >= '0' && n <= '7') {
      let j = i;
      while (j < s.length && j < i + 3 && s[j] >= '0' && s[j] <= '7') j++;
      out += String.fromCodePoint(parseInt(s.slice(i, j), 8));
      i = j - 1;
    } else if (n === 'x' || n === 'u' || n === 'U') {
      const len = n === 'x' ? 2 : n === 'u' ? 4 : 8;
      const hex = s.slice(i + 1, i + 1 + len);
      const cp = /^[0-9a-fA-F]+$/.test(hex) && hex.length === len ? parseInt(hex, 16) : NaN;
      if (Number.isNaN(cp) || cp > 0x10ffff) out += OTHER; // Python: a decode error (the template does not load)
      else out += String.fromCodePoint(cp);
      i += len;
    } else if (n === 'N' && s[i + 1] === '{') {
      const close = s.indexOf('}', i + 2);
      if (close < 0 || close - i > 100) out += OTHER;
      else {
        out += NAMED[s.slice(i + 2, close).toUpperCase().trim()] ?? OTHER;
        i = close;
      }
    } else out += `\\${n}`; // an unknown escape stays as written
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Lexer (lazy)

type Tok = { t: 'name' | 'str' | 'num' | 'op' | 'end' | 'eof'; v: string; at: number };

const OPS2 = new Set(['//', '**', '==', '!=', '>=', '<=']);
const OPS1 = new Set([...'+-/*%~[](){}><=.:|,;']);
const NAME_RE = /[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*/y;
const NUM_RE = /0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?/y;

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x1680 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0x85;
}

class Lexer {
  pos: number;
  private balance = 0;
  count = 0;
  constructor(private readonly src: string, start: number, private readonly endMark: '}}' | '%}', private readonly tick?: () => void) {
    this.pos = start;
  }
  next(): Tok {
    for (;;) {
      const t = this.one();
      if (t) return t;
      // characters Jinja rejects, skipped one at a time: the clock too
      if ((this.count & 4095) === 0) this.tick?.();
    }
  }
  /** One token, or undefined after skipping a character Jinja rejects. */
  private one(): Tok | undefined {
    const s = this.src;
    this.count++;
    while (this.pos < s.length && isSpace(s.charCodeAt(this.pos))) this.pos++;
    const at = this.pos;
    if (this.pos >= s.length) return { t: 'eof', v: '', at };
    if (this.balance === 0) {
      const m = this.endMark;
      if (s.startsWith(m, this.pos)) {
        this.pos += 2;
        return { t: 'end', v: m, at };
      }
      if ((s[this.pos] === '-' || s[this.pos] === '+') && s.startsWith(m, this.pos + 1)) {
        this.pos += 3;
        return { t: 'end', v: m, at };
      }
    }
    const c = s[this.pos];
    if (c === "'" || c === '"') {
      let j = this.pos + 1;
      while (j < s.length && s[j] !== c) j += s[j] === '\\' ? 2 : 1;
      if (j >= s.length) {
        // Unterminated: Jinja fails to load the template; read the rest as one string.
        this.pos = s.length;
        return { t: 'str', v: decodePythonEscapes(s.slice(at + 1)), at };
      }
      this.pos = j + 1;
      return { t: 'str', v: decodePythonEscapes(s.slice(at + 1, j)), at };
    }
    const code = s.charCodeAt(this.pos);
    if (code === 95 || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code >= 0x80) {
      NAME_RE.lastIndex = this.pos;
      const nm = NAME_RE.exec(s);
      if (nm) {
        this.pos += nm[0].length;
        return { t: 'name', v: nm[0], at };
      }
    }
    if (code >= 48 && code <= 57) {
      NUM_RE.lastIndex = this.pos;
      const nu = NUM_RE.exec(s);
      if (nu) {
        this.pos += nu[0].length;
        return { t: 'num', v: nu[0].replace(/_/g, ''), at };
      }
    }
    const two = s.slice(this.pos, this.pos + 2);
    const op = OPS2.has(two) ? two : OPS1.has(c) ? c : undefined;
    if (op) {
      this.pos += op.length;
      if (op === '(' || op === '[' || op === '{') this.balance++;
      else if ((op === ')' || op === ']' || op === '}') && this.balance > 0) this.balance--;
      return { t: 'op', v: op, at };
    }
    this.pos++; // a character Jinja rejects: skipped
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Evaluator

/** Thrown (one shared object, no stack trace) to abandon an expression that does not parse or nests too deeply. */
const SKIP = { skip: true } as const;
/** Thrown when the deadline passes. */
const DEADLINE = { deadline: true } as const;

/** `keep` selects the strings worth reporting (checked on every string the evaluator knows). */
export function evaluateTemplate(src: string, keep: (s: string) => boolean, options: EvaluateOptions = {}): JinjaFacts {
  const facts: JinjaFacts = { strings: [], attributes: [], globalAccess: [], computedKeys: [], code: [], attrWritten: 0, attrParsed: 0, tokens: 0 };
  const deadline = options.deadline;
  let work = 0;
  /** Every 4096 units of work, the clock. */
  const tick = () => {
    if ((++work & 4095) === 0 && deadline !== undefined && Date.now() > deadline) throw DEADLINE;
  };
  const seenStr = new Set<string>();
  const seenAttr = new Set<string>();
  const env = new Map<string, Value[]>();
  const push = (list: string[], seen: Set<string>, s: string) => {
    if (seen.has(s) || list.length >= MAX_FACTS) return;
    seen.add(s);
    list.push(s);
  };
  const str = (v: string): Value => {
    if (v.length > MAX_STRING) return UNKNOWN_STR;
    if (!seenStr.has(v) && keep(v)) push(facts.strings, seenStr, v);
    return { k: 'str', v };
  };
  const choices = (items: Value[]): Value => {
    const flat: Value[] = [];
    for (const it of items) for (const x of it.k === 'oneof' ? it.items : [it]) if (flat.length < MAX_CHOICES) flat.push(x);
    if (flat.length === 1) return flat[0];
    return { k: 'oneof', items: flat };
  };
  /** Applies f to every combination of candidates (bounded), joining the results. */
  const lift = (vals: Value[], f: (xs: Value[]) => Value): Value => {
    if (!vals.some((v) => v.k === 'oneof')) return f(vals);
    const alts = vals.map((v) => (v.k === 'oneof' ? v.items : [v]));
    const total = alts.reduce((a, x) => a * x.length, 1);
    if (total > MAX_CHOICES) return vals.some(isStrish) ? UNKNOWN_STR : UNKNOWN;
    const out: Value[] = [];
    const rec = (i: number, acc: Value[]) => {
      if (i === alts.length) out.push(f(acc));
      else for (const x of alts[i]) rec(i + 1, [...acc, x]);
    };
    rec(0, []);
    return choices(out);
  };
  /** Render data, not chosen by the template's author: a free name that is no global or macro, or a `data` value. */
  const isData = (v: Value): boolean => v.k === 'data' || (v.k === 'name' && !NOT_DATA.has(v.name) && !macros.has(v.name));
  /** A string built without cutting: its constant skeleton and the macro parameter it carries. */
  const dstr = (skel: string | null, param?: string): Value => {
    if (skel !== null && skel.length > MAX_STRING) skel = null;
    if (skel !== null && !seenStr.has(skel) && keep(skel)) push(facts.strings, seenStr, skel);
    return param === undefined ? { k: 'dstr', skel } : { k: 'dstr', skel, param };
  };
  /**
   * The `str()` of a value as a whole: its skeleton (the constant it is, or '' for a value that is
   * not chosen by the template, whose str() is never cut here), or undefined when it may be a string
   * the template built from its constants in a way not followed (opaque).
   */
  const whole = (v: Value): { skel: string | null; param?: string } | undefined => {
    const known = pyStr(v);
    if (known !== undefined) return { skel: known };
    if (v.k === 'dstr') return { skel: v.skel, param: v.param };
    if (v.k === 'data') return { skel: '', param: v.param };
    if (v.k === 'name') return { skel: '' };
    return undefined;
  };
  const bind = (name: string, v: Value) => {
    const prev = env.get(name) ?? [];
    if (prev.length >= MAX_CHOICES) {
      const extra = (v.k === 'oneof' ? v.items : [v]).some((x) => x.k === 'unknown' && x.str) ? UNKNOWN_STR : isStrish(v) ? dstr(null) : undefined;
      if (extra && !prev.some((p) => p.k === extra.k && (p.k !== 'unknown' || p.str))) prev.push(extra);
      return;
    }
    prev.push(...(v.k === 'oneof' ? v.items : [v]).slice(0, MAX_CHOICES - prev.length));
    env.set(name, prev);
  };
  const lookup = (name: string): Value | undefined => {
    const vs = env.get(name);
    return vs ? choices(vs) : undefined;
  };

  /** Macro parameters used whole as an attribute key (`macro:name`), and each macro's parameter names. */
  const keyParams = new Set<string>();
  const macroParams = new Map<string, string[]>();

  /**
   * Attribute `key` reached on `obj` (`.x`, `[x]`, which Jinja turns into getattr when the item is
   * missing, `|attr(x)`, `attribute=`). What Jinja's SandboxedEnvironment refuses is the guide: names
   * starting with `_` and the internals of functions, frames, code and generators; every path to
   * Python's globals starts with a dunder, a name-mangled private or a frame attribute.
   */
  const reach = (obj: Value, key: Value, excerpt: () => string) => {
    for (const k of key.k === 'oneof' ? key.items : [key]) {
      const name = k.k === 'str' ? k.v : k.k === 'dstr' ? k.skel : null;
      if (name !== null && INTERNAL_ATTRS.test(name)) {
        // A known name, or a render-data string whose constant part alone (the data undefined, so
        // empty) is one: `x[missing ~ '__cla' ~ 'ss__']`.
        push(facts.attributes, seenAttr, name);
        if (obj.k === 'name' && INTERNAL_GLOBALS.has(obj.name)) push(facts.globalAccess, seenAttr, `${obj.name}.${name}`);
      }
      if ((k.k === 'dstr' || k.k === 'data') && k.param) keyParams.add(k.param);
      // Render data is not the author's to choose; only an opaque string (constants combined in a way
      // not followed, cut reprs) may be a name the author hid.
      if (k.k === 'unknown' && k.str) push(facts.computedKeys, seenAttr, excerpt());
    }
  };

  // Python %-formatting of known values.
  const percent = (fmt: string, args: Value[], named: Map<string, Value> | undefined): Value => {
    let i = 0;
    let out = '';
    // Whole values inserted with %s/%r (render data, a repr): the result keeps them whole (a `dstr`).
    let kept: { skel: string | null; param?: string } | undefined;
    for (let p = 0; p < fmt.length; p++) {
      if (fmt[p] !== '%') {
        out += fmt[p];
        continue;
      }
      let key: string | undefined;
      let q = p + 1;
      if (fmt[q] === '(') {
        const close = fmt.indexOf(')', q);
        if (close < 0) return UNKNOWN_STR;
        key = fmt.slice(q + 1, close);
        q = close + 1;
      }
      while (q < fmt.length && /[-+ #0-9.*]/.test(fmt[q])) q++;
      const conv = fmt[q];
      p = q;
      if (conv === '%') {
        out += '%';
        continue;
      }
      const arg = key !== undefined ? named?.get(key) : args[i++];
      if (!arg) return UNKNOWN_STR;
      if (conv === 'c') {
        if (arg.k === 'num' && Number.isInteger(arg.v) && arg.v >= 0 && arg.v <= 0x10ffff) out += String.fromCodePoint(arg.v);
        else if (arg.k === 'str' && arg.v.length === 1) out += arg.v;
        else return UNKNOWN_STR;
      } else if (conv === 's' || conv === 'd' || conv === 'i' || conv === 'r' || conv === 'a') {
        const s = pyStr(arg);
        if (s === undefined) {
          const w = whole(arg);
          if (!w || conv === 'd' || conv === 'i') return UNKNOWN_STR;
          kept = { skel: kept?.skel === null || w.skel === null ? null : '', param: kept?.param ?? w.param };
          out += w.skel ?? '';
          continue;
        }
        out += conv === 'r' || conv === 'a' ? (arg.k === 'str' ? `'${s}'` : s) : s;
      } else return UNKNOWN_STR;
      if (out.length > MAX_STRING && !kept) return UNKNOWN_STR;
    }
    if (kept) return dstr(kept.skel === null ? null : out, kept.param);
    return str(out);
  };
  // str.format with {} / {0} / {name}
  const braceFormat = (fmt: string, args: Value[], named: Map<string, Value>): Value => {
    let auto = 0;
    let bad = false;
    let kept: { skel: string | null; param?: string } | undefined;
    const out = fmt.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (m, field: string | undefined) => {
      if (m === '{{') return '{';
      if (m === '}}') return '}';
      const name = (field ?? '').split(/[!:]/)[0];
      const arg = name === '' ? args[auto++] : /^\d+$/.test(name) ? args[Number(name)] : named.get(name);
      const s = arg ? pyStr(arg) : undefined;
      if (s === undefined) {
        // `{}` of a whole value (render data): kept whole; a format spec or conversion could cut it.
        const w = arg && field === name ? whole(arg) : undefined;
        if (!w) bad = true;
        else kept = { skel: kept?.skel === null || w.skel === null ? null : '', param: kept?.param ?? w.param };
        return w?.skel ?? '';
      }
      return s;
    });
    if (bad) return UNKNOWN_STR;
    if (kept) return dstr(kept.skel === null ? null : out, kept.param);
    return out.length > MAX_STRING ? UNKNOWN_STR : str(out);
  };

  const iterItems = (v: Value): Value[] | undefined => {
    if (v.k === 'list') return v.items;
    if (v.k === 'dict') return v.keys;
    if (v.k === 'str') return v.v.length <= MAX_LIST ? [...v.v].map((c) => str(c)) : undefined;
    return undefined;
  };
  const join = (v: Value, sep: Value | undefined): Value => {
    // Items of render data joined whole (`tools|map(attribute='name')|join(', ')`).
    if (isData(v) && (!sep || pyStr(sep) !== undefined || isData(sep))) return dstr('', v.k === 'data' ? v.param : undefined);
    const items = iterItems(v);
    const sp = sep ? pyStr(sep) : '';
    if (!items || sp === undefined) return UNKNOWN_STR;
    const parts = items.map(pyStr);
    if (parts.some((p) => p === undefined)) return UNKNOWN_STR;
    const s = parts.join(sp);
    return s.length > MAX_STRING ? UNKNOWN_STR : str(s);
  };
  const mapStr = (v: Value, f: (s: string) => string): Value => (v.k === 'str' ? str(f(v.v)) : UNKNOWN_STR);
  const slice = (v: Value, a: Value | undefined, b: Value | undefined, c: Value | undefined): Value => {
    // A slice of render data is render data; of anything else not known (a `dstr`, a repr), opaque.
    if (isData(v)) return DATA;
    const items = v.k === 'str' ? [...v.v] : v.k === 'list' ? v.items : undefined;
    const num = (x: Value | undefined): number | undefined | null => (x === undefined || (x.k === 'const' && x.v === null) ? undefined : x.k === 'num' && Number.isInteger(x.v) ? x.v : null);
    const [x, y, z] = [num(a), num(b), num(c)];
    if (!items || x === null || y === null || z === null || z === 0) return v.k === 'list' ? UNKNOWN : UNKNOWN_STR;
    const n = items.length;
    const step = z ?? 1;
    const norm = (i: number | undefined, dflt: number) => (i === undefined ? dflt : i < 0 ? Math.max(i + n, step < 0 ? -1 : 0) : Math.min(i, step < 0 ? n - 1 : n));
    const start = norm(x, step < 0 ? n - 1 : 0);
    const stop = norm(y, step < 0 ? -1 : n);
    const out: Array<string | Value> = [];
    for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(items[i]);
    return v.k === 'str' ? str((out as string[]).join('')) : { k: 'list', items: out as Value[] };
  };
  const index = (v: Value, key: Value): Value | undefined => {
    // An item or element of render data (`message['content']`, `messages[0]`) is render data.
    if (isData(v)) return DATA;
    if (key.k !== 'num' || !Number.isInteger(key.v)) return undefined;
    if (v.k === 'str') {
      const cs = [...v.v];
      const c = cs[key.v < 0 ? key.v + cs.length : key.v];
      return c === undefined ? UNKNOWN : str(c);
    }
    if (v.k === 'list') return v.items[key.v < 0 ? key.v + v.items.length : key.v] ?? UNKNOWN;
    return undefined;
  };

  const CASE: Record<string, (s: string) => string> = {
    lower: (s) => s.toLowerCase(),
    casefold: (s) => s.toLowerCase(),
    upper: (s) => s.toUpperCase(),
    swapcase: (s) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
    title: (s) => s.replace(/[A-Za-z]+/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase()),
    capitalize: (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  };
  /** Collections of render data (`messages|selectattr(…)`, `x|items`): their items are render data. */
  const DATA_SEQ = new Set(['list', 'sort', 'unique', 'map', 'select', 'reject', 'selectattr', 'rejectattr', 'items', 'dictsort', 'batch', 'slice', 'groupby', 'first', 'last', 'random', 'min', 'max', 'split', 'rsplit', 'splitlines', 'partition', 'rpartition', 'keys', 'values', 'get', 'pop', 'copy', 'reverse', 'sum']);
  /**
   * A filter or method applied to render data or to a `dstr`. Whole-preserving ones (case, trim,
   * escaping, `string`, `tojson`, `default`) keep a `dstr` (its skeleton transformed); ones that cut a
   * string (slices, `replace` with unknown arguments, `format` of a built format, `first` of a string)
   * make a `dstr` opaque, but keep render data render data.
   */
  const applyWhole = (name: string, recv: Value, args: Value[]): Value | undefined => {
    const data = isData(recv);
    if (!data && recv.k !== 'dstr') return undefined;
    const skel = recv.k === 'dstr' ? recv.skel : '';
    const param = recv.k === 'dstr' || recv.k === 'data' ? recv.param : undefined;
    const a0 = args[0];
    if (name in CASE) return dstr(skel === null ? null : CASE[name](skel), param);
    switch (name) {
      case 'trim': case 'strip': case 'lstrip': case 'rstrip': {
        if (a0 && pyStr(a0) === undefined) return data ? dstr(null) : UNKNOWN_STR;
        const set = a0 ? (pyStr(a0) as string) : ' \t\n\r\v\f';
        let t = skel;
        if (t !== null && name !== 'rstrip') while (t && set.includes(t[0])) t = t.slice(1);
        if (t !== null && name !== 'lstrip') while (t && set.includes(t[t.length - 1])) t = t.slice(0, -1);
        return data || !a0 ? dstr(t, param) : UNKNOWN_STR;
      }
      case 'string': case 'safe': case 'mark_safe':
        return dstr(skel, param);
      case 'e': case 'escape': case 'forceescape':
        return dstr(skel === null ? null : skel.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;'), param);
      case 'tojson': case 'pprint': case 'urlencode': case 'indent': case 'center': case 'wordwrap': case 'xmlattr': case 'striptags': case 'urlize': case 'filesizeformat':
        return dstr(null, param);
      case 'default': case 'd':
        return choices([recv, a0 ?? UNKNOWN]);
      case 'replace': {
        const from = a0 && pyStr(a0);
        const to = args[1] && pyStr(args[1]);
        if (from === undefined || to === undefined) return data ? dstr(null) : UNKNOWN_STR;
        const count = args[2]?.k === 'num' ? args[2].v : -1;
        return dstr(skel === null ? null : pyReplace(skel, from, to, count), param);
      }
      case 'join':
        return data ? dstr('', param) : UNKNOWN_STR;
      case 'format':
        return data ? dstr(null) : UNKNOWN_STR;
      case 'truncate':
        return data ? dstr(null) : UNKNOWN_STR;
      case 'int': case 'float': case 'length': case 'count': case 'abs': case 'round': case 'wordcount':
        return UNKNOWN;
      default:
        if (data) return DATA;
        return recv.k === 'dstr' && DATA_SEQ.has(name) ? UNKNOWN : UNKNOWN_STR;
    }
  };

  /** A string method or filter applied to a known receiver. */
  const apply = (name: string, recv: Value, args: Value[], named: Map<string, Value>): Value => {
    const a0 = args[0];
    const w = applyWhole(name, recv, args);
    if (w) return w;
    switch (name) {
      case 'join':
        return join(recv, a0 ?? named.get('d'));
      case 'format':
        if (recv.k !== 'str') return UNKNOWN_STR;
        return named.size && !args.length ? percent(recv.v, [], named) : percent(recv.v, args.length === 1 && a0.k === 'list' ? a0.items : args, named);
      case 'replace': {
        const from = a0 && pyStr(a0);
        const to = args[1] && pyStr(args[1]);
        if (recv.k !== 'str' || from === undefined || to === undefined) return UNKNOWN_STR;
        const count = args[2]?.k === 'num' ? args[2].v : -1;
        if (recv.v.length > MAX_STRING * 4) return UNKNOWN_STR;
        const s = pyReplace(recv.v, from, to, count);
        return s.length > MAX_STRING ? UNKNOWN_STR : str(s);
      }
      case 'lower': case 'casefold': return mapStr(recv, (s) => s.toLowerCase());
      case 'upper': return mapStr(recv, (s) => s.toUpperCase());
      case 'swapcase': return mapStr(recv, (s) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''));
      case 'title': return mapStr(recv, (s) => s.replace(/[A-Za-z]+/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase()));
      case 'capitalize': return mapStr(recv, (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase());
      case 'trim': case 'strip': case 'lstrip': case 'rstrip': {
        const chars = a0 ? pyStr(a0) : undefined;
        if (recv.k !== 'str' || (a0 && chars === undefined)) return UNKNOWN_STR;
        const set = chars ?? ' \t\n\r\v\f';
        let s = recv.v;
        if (name !== 'rstrip') while (s && set.includes(s[0])) s = s.slice(1);
        if (name !== 'lstrip') while (s && set.includes(s[s.length - 1])) s = s.slice(0, -1);
        return str(s);
      }
      case 'string': case 'safe': case 'e': case 'escape': case 'forceescape': case 'mark_safe':
        if (recv.k === 'str') return name === 'string' || name === 'safe' ? recv : str(recv.v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;'));
        return pyStr(recv) !== undefined ? str(pyStr(recv) as string) : UNKNOWN_STR;
      case 'reverse':
        if (recv.k === 'str') return str([...recv.v].reverse().join(''));
        if (recv.k === 'list') return { k: 'list', items: [...recv.items].reverse() };
        return UNKNOWN_STR;
      case 'split': case 'rsplit': {
        // str.split(sep) / split() on whitespace, without maxsplit
        const sep = a0 ? pyStr(a0) : undefined;
        if (recv.k !== 'str' || (a0 && (sep === undefined || sep === '')) || args.length > 1 || recv.v.length > MAX_LIST) return UNKNOWN;
        const parts = sep === undefined ? recv.v.split(/[ \t\n\r\v\f\x1c-\x1f\x85\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/).filter((x) => x !== '') : recv.v.split(sep);
        return { k: 'list', items: parts.slice(0, MAX_LIST).map((x) => str(x)) };
      }
      case 'list': {
        const items = iterItems(recv);
        return items ? { k: 'list', items } : UNKNOWN;
      }
      case 'first': case 'last': {
        const items = iterItems(recv);
        if (!items) return isStrish(recv) ? UNKNOWN_STR : UNKNOWN;
        return (name === 'first' ? items[0] : items[items.length - 1]) ?? UNKNOWN;
      }
      case 'sort': case 'unique': {
        const items = iterItems(recv);
        const ss = items?.map(pyStr);
        if (!items || !ss || ss.some((s) => s === undefined) || !items.every((x) => x.k === 'str')) return UNKNOWN;
        const out = [...new Set(ss as string[])];
        return { k: 'list', items: (name === 'sort' ? (ss as string[]).sort() : out).map((s) => str(s)) };
      }
      case 'center': case 'indent': case 'wordwrap': case 'truncate': case 'urlencode': case 'tojson': case 'pprint':
      case 'striptags': case 'xmlattr': case 'filesizeformat': case 'urlize':
        return UNKNOWN_STR;
      case 'default': case 'd':
        return recv.k === 'unknown' || recv.k === 'name' ? choices([UNKNOWN, a0 ?? UNKNOWN]) : recv;
      case 'int': case 'float': case 'length': case 'count': case 'abs': case 'round': case 'sum': case 'wordcount':
        return UNKNOWN;
      default:
        return isStrish(recv) ? UNKNOWN_STR : UNKNOWN;
    }
  };

  // ---- parser over one block's tokens
  let lx: Lexer;
  let tok: Tok;
  let depth = 0;
  let loops = 0;
  let srcStart = 0;
  // The three tokens before the current one, for the code indicators (reset at every block).
  let t1: Tok | undefined;
  let t2: Tok | undefined;
  let t3: Tok | undefined;
  const code = (label: string) => push(facts.code, seenCode, label);
  const seenCode = new Set<string>();
  /** Indicators in the expression code, read token by token (string literals are values, not code). */
  const codeToken = (t: Tok) => {
    const is = (x: Tok | undefined, v: string) => x !== undefined && x.t !== 'str' && x.v === v;
    if (t.t === 'name') {
      if (INTERNAL_NAME.test(t.v)) code(t.v);
      if (t.v === 'import_module' || t.v === '__import__') code('import');
      if (t.v === 'subprocess') code('code execution call');
      if (is(t1, '.') && t2?.t === 'name') {
        if (t2.v === 'os' && (t.v === 'popen' || t.v === 'system')) code('os.popen/os.system');
        if (t2.v === 'request' && t.v === 'application') code('request.application');
        if (['lipsum', 'cycler', 'joiner', 'namespace'].includes(t2.v) && t.v.startsWith('__')) code('template globals internals');
      }
    } else if (t.t === 'op' && t.v === '(' && t1?.t === 'name') {
      if (t1.v === 'attr') facts.attrWritten++;
      if (t1.v === 'eval' || t1.v === 'exec' || t1.v === 'popen') code('code execution call');
      if (t1.v === 'mro' && is(t2, '.')) code('mro()');
      if (t1.v === 'items' && is(t2, '.') && is(t3, 'config')) code('config.items()');
    }
    t3 = t2;
    t2 = t1;
    t1 = t;
  };
  const adv = () => {
    tok = lx.next();
    tick();
    // Every literal is checked whole, also one too long to be a value or in a part that does not parse.
    if (tok.t === 'str') {
      if (!seenStr.has(tok.v) && keep(tok.v)) push(facts.strings, seenStr, tok.v);
    } else if (tok.t !== 'end' && tok.t !== 'eof') codeToken(tok);
  };
  const isOp = (v: string) => tok.t === 'op' && tok.v === v;
  const isName = (v: string) => tok.t === 'name' && tok.v === v;
  const expectOp = (v: string) => {
    if (!isOp(v)) throw SKIP;
    adv();
  };
  const atEnd = () => tok.t === 'end' || tok.t === 'eof';
  const excerptFrom = (from: number) => () => src.slice(from, Math.min(Math.max(tok.at, from), from + 80)).replace(/\s+/g, ' ').trim();

  /**
   * Past the nesting cap, an operand is skipped to the `,` / `:` / closing bracket that ends it
   * (Jinja itself fails below 100 levels). Unknown, possibly a string.
   */
  const skipOperand = (): Value => {
    let n = 0;
    while (!atEnd()) {
      if (tok.t === 'op') {
        if (tok.v === '(' || tok.v === '[' || tok.v === '{') n++;
        else if (tok.v === ')' || tok.v === ']' || tok.v === '}') {
          if (n === 0) break;
          n--;
        } else if (n === 0 && (tok.v === ',' || tok.v === ':')) break;
      }
      adv();
    }
    return UNKNOWN_STR;
  };

  // Nesting is counted in parseExpr only (every bracket's content is one); no try/finally (a throw
  // unwinds at native speed): the catch sites restore `depth`.
  function parseExpr(): Value {
    if (depth >= MAX_DEPTH) return skipOperand();
    depth++;
    const v = parseCondExpr();
    depth--;
    return v;
  }
  function parseCondExpr(): Value {
    const a = parseOr();
    if (isName('if')) {
      adv();
      const cond = parseOr();
      let b: Value = { k: 'const', v: null };
      if (isName('else')) {
        adv();
        b = parseExpr();
      }
      if (cond.k === 'const') return cond.v ? a : b;
      return choices([a, b]);
    }
    return a;
  }
  function parseOr(): Value {
    let a = parseAnd();
    while (isName('or')) {
      adv();
      const b = parseAnd();
      a = choices([a, b]);
    }
    return a;
  }
  function parseAnd(): Value {
    let a = parseNot();
    while (isName('and')) {
      adv();
      const b = parseNot();
      a = choices([a, b]);
    }
    return a;
  }
  function parseNot(): Value {
    if (!isName('not')) return parseCompare();
    while (isName('not')) adv();
    parseCompare();
    return UNKNOWN;
  }
  function parseCompare(): Value {
    const a = parseMath1();
    let compared = false;
    for (;;) {
      if (tok.t === 'op' && ['==', '!=', '>', '>=', '<', '<='].includes(tok.v)) adv();
      else if (isName('in')) adv();
      else if (isName('not')) {
        adv();
        if (isName('in')) adv();
      } else break;
      parseMath1();
      compared = true;
    }
    return compared ? UNKNOWN : a;
  }
  /** `x ~ y` (and `+` with a string) when not both are known: whole values joined keep their skeleton; anything opaque makes it opaque. */
  function concatWhole(x: Value, y: Value): Value {
    const a = whole(x);
    const b = whole(y);
    if (!a || !b) return UNKNOWN_STR;
    return dstr(a.skel === null || b.skel === null ? null : a.skel + b.skel, a.param ?? b.param);
  }
  function parseMath1(): Value {
    let a = parseConcat();
    while (isOp('+') || isOp('-')) {
      const op = tok.v;
      adv();
      const b = parseConcat();
      a = lift([a, b], ([x, y]) => {
        if (op === '+') {
          if (x.k === 'str' && y.k === 'str') return x.v.length + y.v.length > MAX_STRING ? UNKNOWN_STR : str(x.v + y.v);
          if (x.k === 'num' && y.k === 'num') return { k: 'num', v: x.v + y.v };
          if (x.k === 'list' && y.k === 'list') return { k: 'list', items: [...x.items, ...y.items].slice(0, MAX_LIST) };
          // Render data added to render data or a number (`loop.index0 + 1`, `messages + tools`)
          if ((isData(x) || x.k === 'num') && (isData(y) || y.k === 'num')) return DATA;
          // a string and render data: joined whole, as `~` does
          if (isStrish(x) || isStrish(y)) return concatWhole(x, y);
          return UNKNOWN;
        }
        return x.k === 'num' && y.k === 'num' ? { k: 'num', v: x.v - y.v } : UNKNOWN;
      });
    }
    return a;
  }
  function parseConcat(): Value {
    let a = parseMath2();
    while (isOp('~')) {
      adv();
      const b = parseMath2();
      a = lift([a, b], ([x, y]) => {
        const s = pyStr(x);
        const t = pyStr(y);
        if (s === undefined || t === undefined) return concatWhole(x, y);
        return s.length + t.length > MAX_STRING ? UNKNOWN_STR : str(s + t);
      });
    }
    return a;
  }
  function parseMath2(): Value {
    let a = parsePow();
    while (isOp('*') || isOp('/') || isOp('//') || isOp('%')) {
      const op = tok.v;
      adv();
      const b = parsePow();
      a = lift([a, b], ([x, y]) => {
        if (op === '*') {
          const [s, n] = x.k === 'str' ? [x, y] : [y, x];
          if (s.k === 'str' && n.k === 'num' && Number.isInteger(n.v)) return s.v.length * Math.max(0, n.v) > MAX_STRING ? UNKNOWN_STR : str(s.v.repeat(Math.max(0, n.v)));
          if (x.k === 'num' && y.k === 'num') return { k: 'num', v: x.v * y.v };
          if (s.k === 'dstr' && n.k === 'num' && Number.isInteger(n.v)) return dstr(s.skel === null ? null : s.skel.repeat(Math.max(0, Math.min(n.v, MAX_STRING + 1))), s.param);
          if ((isData(x) || x.k === 'num') && (isData(y) || y.k === 'num')) return DATA;
          return isStrish(x) || isStrish(y) ? UNKNOWN_STR : UNKNOWN;
        }
        if (op === '%' && x.k === 'str') {
          if (y.k === 'list') return percent(x.v, y.items, undefined);
          if (y.k === 'dict') {
            const named = new Map<string, Value>();
            y.keys.forEach((k, i) => k.k === 'str' && named.set(k.v, y.values[i]));
            return percent(x.v, [], named);
          }
          return percent(x.v, [y], undefined);
        }
        if (op === '%' && isStrish(x)) return UNKNOWN_STR;
        if ((isData(x) || x.k === 'num') && (isData(y) || y.k === 'num')) return isData(x) && op === '%' ? dstr(null) : DATA;
        if (x.k === 'num' && y.k === 'num' && y.v !== 0) return { k: 'num', v: op === '//' ? Math.floor(x.v / y.v) : op === '%' ? ((x.v % y.v) + y.v) % y.v : x.v / y.v };
        return UNKNOWN;
      });
    }
    return a;
  }
  function parsePow(): Value {
    const a = parseUnary(true);
    if (isOp('**')) {
      adv();
      parseUnary(true);
      return UNKNOWN;
    }
    return a;
  }
  function parseUnary(withFilter: boolean): Value {
    if (isOp('-') || isOp('+')) {
      let neg = false;
      while (isOp('-') || isOp('+')) {
        if (tok.v === '-') neg = !neg;
        adv();
      }
      let v = parseUnary(false);
      v = v.k === 'num' ? { k: 'num', v: neg ? -v.v : v.v } : UNKNOWN;
      return withFilter ? parseFilters(v) : v;
    }
    const from = tok.at;
    let v = parsePrimary();
    v = parsePostfix(v, from);
    return withFilter ? parseFilters(v, from) : v;
  }
  function parseArgs(): { args: Value[]; named: Map<string, Value> } {
    // at '(' already consumed
    const args: Value[] = [];
    const named = new Map<string, Value>();
    while (!isOp(')')) {
      if (atEnd()) throw SKIP;
      if (isOp('*') || isOp('**')) adv();
      if (tok.t === 'name') {
        const name = tok.v;
        const save = { pos: lx.pos, tok };
        adv();
        if (isOp('=')) {
          adv();
          named.set(name, parseExpr());
        } else {
          lx.pos = save.pos;
          tok = save.tok;
          args.push(parseExpr());
        }
      } else args.push(parseExpr());
      if (isOp(',')) adv();
      else if (!isOp(')')) throw SKIP;
    }
    adv();
    return { args, named };
  }
  function parsePrimary(): Value {
    if (tok.t === 'str') {
      let s = tok.v;
      adv();
      while (tok.t === 'str') {
        s += tok.v;
        adv();
      }
      return s.length > MAX_STRING ? UNKNOWN_STR : str(s);
    }
    if (tok.t === 'num') {
      const v = Number(tok.v.replace(/^0[oO]/, '0o').replace(/^0[bB]/, '0b'));
      adv();
      return { k: 'num', v };
    }
    if (tok.t === 'name') {
      const n = tok.v;
      adv();
      if (n === 'true' || n === 'True') return { k: 'const', v: true };
      if (n === 'false' || n === 'False') return { k: 'const', v: false };
      if (n === 'none' || n === 'None') return { k: 'const', v: null };
      if (isOp('.')) {
        // `ns.a` bound by `{% set ns.a = … %}` or `namespace(a=…)`
        const save = { pos: lx.pos, tok };
        adv();
        if (tok.t === 'name' && env.has(`${n}.${tok.v}`)) {
          const key = `${n}.${tok.v}`;
          adv();
          return lookup(key) as Value;
        }
        lx.pos = save.pos;
        tok = save.tok;
      }
      return lookup(n) ?? { k: 'name', name: n };
    }
    if (isOp('(')) {
      adv();
        if (isOp(')')) {
          adv();
          return { k: 'list', items: [] };
        }
        const first = parseExpr();
        if (isOp(')')) {
          adv();
          return first;
        }
        const items = [first];
        while (isOp(',')) {
          adv();
          if (isOp(')')) break;
          items.push(parseExpr());
        }
        expectOp(')');
        return { k: 'list', items: items.slice(0, MAX_LIST) };
    }
    if (isOp('[')) {
      adv();
        const items: Value[] = [];
        while (!isOp(']')) {
          if (atEnd()) throw SKIP;
          items.push(parseExpr());
          if (isOp(',')) adv();
          else if (!isOp(']')) throw SKIP;
        }
        adv();
        return { k: 'list', items: items.slice(0, MAX_LIST) };
    }
    if (isOp('{')) {
      adv();
        const keys: Value[] = [];
        const values: Value[] = [];
        while (!isOp('}')) {
          if (atEnd()) throw SKIP;
          keys.push(parseExpr());
          expectOp(':');
          values.push(parseExpr());
          if (isOp(',')) adv();
          else if (!isOp('}')) throw SKIP;
        }
        adv();
        return { k: 'dict', keys: keys.slice(0, MAX_LIST), values: values.slice(0, MAX_LIST) };
    }
    throw SKIP;
  }
  function parsePostfix(v: Value, from: number): Value {
    for (;;) {
      if (isOp('.')) {
        adv();
        if (tok.t !== 'name' && tok.t !== 'num') throw SKIP;
        const name = tok.v;
        adv();
        if (tok.t === 'name' || tok.t === 'num') { /* keep going */ }
        if (v.k === 'name' && env.has(`${v.name}.${name}`)) {
          v = lookup(`${v.name}.${name}`) as Value;
          continue;
        }
        if (/^\d+$/.test(name)) {
          v = index(v, { k: 'num', v: Number(name) }) ?? UNKNOWN;
          continue;
        }
        reach(v, str(name), excerptFrom(from));
        // An attribute of render data is render data (`message.content`, `loop.index`).
        v = lift([v], ([x]) => (isData(x) ? DATA : x.k === 'str' || x.k === 'list' || x.k === 'dict' || x.k === 'dstr' ? { k: 'method', recv: x, name } : UNKNOWN));
      } else if (isOp('[')) {
        adv();
          const parts: Array<Value | undefined> = [];
          let isSlice = false;
          let cur: Value | undefined;
          while (!isOp(']')) {
            if (atEnd()) throw SKIP;
            if (isOp(':')) {
              isSlice = true;
              parts.push(cur);
              cur = undefined;
              adv();
              continue;
            }
            if (isOp(',')) {
              adv();
              continue;
            }
            cur = parseExpr();
          }
          adv();
          if (isSlice) {
            parts.push(cur);
            v = lift([v], ([x]) => slice(x, parts[0], parts[1], parts[2]));
          } else {
            const key = cur ?? UNKNOWN;
            reach(v, key, excerptFrom(from));
            v = lift([v, key], ([x, k]) => index(x, k) ?? UNKNOWN);
          }
      } else if (isOp('(')) {
        adv();
        const { args, named } = parseArgs();
        v = call(v, args, named, excerptFrom(from));
      } else return v;
    }
  }
  function call(f: Value, args: Value[], named: Map<string, Value>, excerpt: () => string): Value {
    // A method of render data (`message.get('k', 'd')`, `loop.cycle('a', 'b')`, `content.strip()`):
    // render data, or one of the arguments it was given.
    if (isData(f) && !(f.k === 'name' && macros.has(f.name))) return choices([DATA, ...args.filter((a) => a.k !== 'num' && a.k !== 'const')]);
    if (f.k === 'name' && macros.has(f.name)) {
      // An opaque string passed to a parameter the macro uses whole as an attribute key.
      const params = macroParams.get(f.name) ?? [];
      const given: Array<[string | undefined, Value]> = [...args.map((a, i) => [params[i], a] as [string | undefined, Value]), ...[...named].map(([n, a]) => [n, a] as [string, Value])];
      for (const [p, a] of given) {
        if (p !== undefined && keyParams.has(`${f.name}:${p}`) && (a.k === 'oneof' ? a.items : [a]).some((x) => x.k === 'unknown' && x.str)) push(facts.computedKeys, seenAttr, excerpt());
      }
    }
    if (f.k === 'method') return lift([f.recv, ...args], ([r, ...as]) => (f.name === 'format' && r.k === 'str' ? braceFormat(r.v, as, named) : f.name === 'join' && r.k === 'str' ? join(as[0] ?? UNKNOWN, r) : apply(f.name, r, as, named)));
    if (f.k === 'name') {
      if (f.name === 'dict' || f.name === 'namespace') {
        const keys = [...named.keys()].map((k) => str(k));
        const base = args[0]?.k === 'dict' ? args[0] : undefined;
        return { k: 'dict', keys: [...(base?.keys ?? []), ...keys], values: [...(base?.values ?? []), ...named.values()] };
      }
      if (f.name === 'chr' && args[0]?.k === 'num' && Number.isInteger(args[0].v) && args[0].v >= 0 && args[0].v <= 0x10ffff) return str(String.fromCodePoint(args[0].v));
      if (f.name === 'range' && args.every((a) => a.k === 'num') && args.length) {
        const [lo, hi] = args.length === 1 ? [0, (args[0] as { v: number }).v] : [(args[0] as { v: number }).v, (args[1] as { v: number }).v];
        if (hi - lo <= MAX_LIST) return { k: 'list', items: Array.from({ length: Math.max(0, hi - lo) }, (_, i) => ({ k: 'num', v: lo + i }) as Value) };
      }
      if (macros.has(f.name) || f.name === 'caller' || f.name === 'super') return UNKNOWN_STR;
    }
    return UNKNOWN;
  }
  function parseFilters(v: Value, from = tok.at): Value {
    for (;;) {
      if (isOp('|')) {
        adv();
        if (tok.t !== 'name') throw SKIP;
        let name = tok.v;
        adv();
        while (isOp('.')) {
          adv();
          name += `.${tok.v}`;
          adv();
        }
        let args: Value[] = [];
        let named = new Map<string, Value>();
        if (isOp('(')) {
          adv();
          ({ args, named } = parseArgs());
        }
        if (name === 'attr') {
          facts.attrParsed++;
          reach(v, args[0] ?? UNKNOWN, excerptFrom(from));
        }
        const attrArg = named.get('attribute') ?? (['selectattr', 'rejectattr', 'groupby'].includes(name) ? args[0] : undefined);
        if (attrArg && ['map', 'selectattr', 'rejectattr', 'groupby', 'sort', 'unique', 'min', 'max', 'sum', 'dictsort'].includes(name)) {
          for (const a of attrArg.k === 'oneof' ? attrArg.items : [attrArg]) {
            if (a.k === 'str') for (const part of a.v.split('.')) reach(UNKNOWN, str(part), excerptFrom(from));
            else reach(UNKNOWN, a, excerptFrom(from));
          }
        }
        v = name === 'attr' ? (isData(v) ? DATA : UNKNOWN) : lift([v, ...args, ...named.values()], ([x, ...rest]) => {
          const named2 = new Map<string, Value>();
          [...named.keys()].forEach((k, i) => named2.set(k, rest[args.length + i]));
          return apply(name, x, rest.slice(0, args.length), named2);
        });
      } else if (isName('is')) {
        adv();
        if (isName('not')) adv();
        if (tok.t === 'name') adv();
        if (isOp('(')) {
          adv();
          parseArgs();
        } else if (tok.t === 'str' || tok.t === 'num' || (tok.t === 'name' && !['and', 'or', 'else', 'if', 'in', 'not', 'is'].includes(tok.v))) parseUnary(false);
        v = UNKNOWN;
      } else return v;
    }
  }

  // ---- statements
  const macros = new Set<string>();
  const targets = (): string[] => {
    const names: string[] = [];
    const paren = isOp('(');
    if (paren) adv();
    for (;;) {
      if (tok.t !== 'name') break;
      let n = tok.v;
      adv();
      while (isOp('.')) {
        adv();
        n += `.${tok.v}`;
        adv();
      }
      names.push(n);
      if (isOp(',')) adv();
      else break;
    }
    if (paren && isOp(')')) adv();
    return names;
  };
  const assign = (names: string[], v: Value, selfRef: boolean) => {
    if (names.length === 1) {
      const val = selfRef && loops > 0 ? (isStrish(v) ? UNKNOWN_STR : v) : v;
      bind(names[0], val);
      if (val.k === 'dict') val.keys.forEach((k, i) => k.k === 'str' && bind(`${names[0]}.${k.v}`, val.values[i] ?? UNKNOWN));
      return;
    }
    names.forEach((n, i) => bind(n, v.k === 'list' ? v.items[i] ?? UNKNOWN : isData(v) ? DATA : isStrish(v) ? UNKNOWN_STR : UNKNOWN));
  };
  const refersTo = (from: number, to: number, names: string[]) => {
    const body = src.slice(from, to);
    return names.some((n) => new RegExp(`(^|[^\\w.])${n.replace(/\./g, '\\.')}(?!\\w)`).test(body));
  };
  /** Expressions until the end of the block, skipping what does not parse. */
  const rest = () => {
    while (!atEnd()) {
      const before = lx.pos;
      try {
        parseExpr();
      } catch (e) {
        if (e !== SKIP) throw e;
        depth = 0;
        if (lx.pos === before && !atEnd()) adv();
      }
      if (!atEnd() && lx.pos === before) adv();
    }
  };

  let pendingBlockSet: { names: string[]; start: number } | undefined;

  const statement = () => {
    if (tok.t !== 'name') return rest();
    const kw = tok.v;
    adv();
    if (kw === 'set') {
      const from = lx.pos;
      const names = targets();
      if (isOp('=')) {
        adv();
        const eqAt = tok.at;
        const v = parseExpr();
        assign(names, v, refersTo(eqAt, lx.pos, names));
        void from;
      } else {
        // block set: `{% set x %}…{% endset %}`, bound to its body when that is plain text
        if (isOp('|')) parseFilters(UNKNOWN);
        pendingBlockSet = { names, start: lx.pos };
      }
    } else if (kw === 'for') {
      const names = targets();
      if (isName('in')) adv();
      const seq = parseOr(); // Jinja: the iterable, then an optional `if` filter and `recursive`
      loops++;
      const items = iterItems(seq.k === 'oneof' ? UNKNOWN : seq);
      // Items of render data are render data (`for m in messages`, `for k, v in spec|items`).
      const item = isData(seq) ? DATA : isStrish(seq) ? UNKNOWN_STR : UNKNOWN;
      if (names.length === 1) bind(names[0], items && items.length ? choices(items.slice(0, MAX_CHOICES)) : item);
      else for (const n of names) bind(n, isData(seq) ? DATA : UNKNOWN);
      rest();
    } else if (kw === 'endfor') loops = Math.max(0, loops - 1);
    else if (kw === 'with') {
      while (!atEnd()) {
        const names = targets();
        if (!names.length || !isOp('=')) return rest();
        adv();
        assign(names, parseExpr(), false);
        if (isOp(',')) adv();
      }
    } else if (kw === 'macro') {
      const macro = tok.t === 'name' ? tok.v : '';
      if (macro) macros.add(macro);
      const params: string[] = [];
      macroParams.set(macro, params);
      adv();
      if (isOp('(')) {
        adv();
        while (!isOp(')') && !atEnd()) {
          if (tok.t !== 'name') return rest();
          const n = tok.v;
          params.push(n);
          adv();
          // A parameter is what the caller passes: render data here; an opaque string passed to one
          // used as an attribute key is reported at the call (`keyParams`).
          const p: Value = { k: 'data', param: `${macro}:${n}` };
          if (isOp('=')) {
            adv();
            bind(n, choices([p, parseExpr()]));
          } else bind(n, p);
          if (isOp(',')) adv();
        }
      }
      rest();
    } else if (kw === 'import' || kw === 'from') {
      rest();
    } else rest();
  };

  // ---- template: data, comments, raw blocks, expressions and statements
  let i = 0;
  while (i < src.length) {
    if ((++work & 4095) === 0 && deadline !== undefined && Date.now() > deadline) {
      facts.stoppedAt = i;
      return facts;
    }
    const open = src.indexOf('{', i);
    if (open < 0) break;
    const kind = src[open + 1];
    if (kind === '#') {
      const close = src.indexOf('#}', open + 2);
      i = close < 0 ? src.length : close + 2;
      continue;
    }
    if (kind !== '{' && kind !== '%') {
      i = open + 1;
      continue;
    }
    let start = open + 2;
    if (src[start] === '-' || src[start] === '+') start++;
    if (kind === '%') {
      const raw = /\s*raw\s*[-+]?%\}/y;
      raw.lastIndex = start;
      if (raw.test(src)) {
        const end = /\{%[-+]?\s*endraw\s*[-+]?%\}/g;
        end.lastIndex = raw.lastIndex;
        const m = end.exec(src);
        i = m ? end.lastIndex : src.length;
        continue;
      }
      // `{% endset %}` closing a block set: bind the plain-text body
      const es = /\s*endset\s*[-+]?%\}/y;
      es.lastIndex = start;
      if (pendingBlockSet && es.test(src)) {
        const body = src.slice(pendingBlockSet.start, open);
        const text = body.replace(/^\s*[-+]?%\}/, '');
        const plain = !/\{[{%]/.test(text);
        for (const n of pendingBlockSet.names) bind(n, plain ? str(text.replace(/\{#[\s\S]*?#\}/g, '')) : UNKNOWN_STR);
        pendingBlockSet = undefined;
        i = es.lastIndex;
        continue;
      }
    }
    srcStart = open;
    lx = new Lexer(src, start, kind === '{' ? '}}' : '%}', tick);
    t1 = t2 = t3 = undefined;
    try {
      adv();
      depth = 0;
      try {
        if (kind === '{') rest();
        else statement();
      } catch (e) {
        if (e !== SKIP) throw e;
      }
      // skip to the end of the block
      depth = 0;
      let guard = 0;
      while (!atEnd() && guard++ < 1e9) adv();
    } catch (e) {
      if (e !== DEADLINE) throw e;
      facts.tokens += lx.count;
      facts.stoppedAt = Math.min(lx.pos, src.length);
      return facts;
    }
    facts.tokens += lx.count;
    i = Math.max(lx.pos, open + 2);
  }
  void srcStart;
  return facts;
}
