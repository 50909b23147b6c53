/**
 * Jinja chat templates (GGUF `tokenizer.chat_template*`, tokenizer_config.json) that reach Python
 * object internals: the server-side template injection family (`__class__.__mro__`,
 * `__subclasses__()`, `__globals__`, `|attr(...)`), including obfuscated spellings.
 *
 * Only what Jinja evaluates counts: the code of `{{ … }}` and `{% … %}` blocks. Template data (the
 * text between blocks), comments and `{% raw %}` bodies are output or dropped, never evaluated, so
 * a system prompt that mentions `__init__`, `subprocess` or `eval()` is not code. The static
 * evaluator of `jinja-eval.ts` reads every size in linear time: it decodes string literals as
 * Jinja does (`\N{LOW LINE}`, `\U0000005f`), evaluates constant string expressions (`~`, `+`, `%`,
 * `|join`, `dict(__cla=1,ss__=1)|join`, `|format`, `|replace`, slices, string methods, names bound by
 * set/for/with) and reports the attribute names they reach; a second pass reads the text after
 * `normalizeTemplate` folds common obfuscations (templates up to 256 KiB).
 *
 * Jinja's SandboxedEnvironment is the reference for what is an internal: it refuses attribute names
 * starting with `_` and the internals of functions, frames, code objects and generators (`mro`,
 * `gi_frame`, `f_globals`, …); every path from a template value to Python's globals starts with a
 * dunder, a name-mangled private or such a frame attribute. A string counts when it could be such
 * an attribute's name or path (`'__class__'`, `'a.__class__'`, a `str.format` field
 * `'{0.__class__}'`), not when prose merely mentions one. An attribute key built at render time in
 * a way not followed statically, from the template's own constants, is a weaker indicator
 * (`COMPUTED_KEY`); a key made of render data (`message[key]`, `names[role|lower]`) is none.
 */
import { evaluateTemplate, type JinjaFacts } from './jinja-eval.js';

const INTERNALS = [
  '__class__', '__mro__', '__base__', '__bases__', '__subclasses__', '__globals__', '__builtins__', '__import__',
  '__init__', '__getattribute__', '__dict__', '__code__', '__loader__', '__spec__', '__reduce__', '__reduce_ex__',
  'func_globals', 'f_globals', 'gi_frame', 'mro', '_TemplateReference__context',
];

export interface TemplateVerdict {
  /** What was found; the ones starting with COMPUTED_KEY are weaker evidence (see isWeakIndicator). */
  indicators: string[];
  /** Set when the time limit stopped the analysis before it read the whole template: what was checked. */
  incomplete?: string;
}

export interface AnalyzeOptions {
  /** Wall-clock time (ms since the epoch) past which the analysis stops (`incomplete` says where). */
  deadline?: number;
}

/** Prefix of the indicator for an attribute key built at render time from values not known statically. */
export const COMPUTED_KEY = 'attribute name computed at render time';

/** A weaker indicator: a computed attribute key, not a known internal. */
export function isWeakIndicator(indicator: string): boolean {
  return indicator.startsWith(COMPUTED_KEY);
}

const INTERNAL_STRINGS = new Set(INTERNALS.filter((n) => n !== 'mro'));

/** Internals named by the identifiers of an attribute path (`a.__class__['x']`). */
function pathInternals(path: string, out: Set<string>): void {
  for (const seg of path.split(/\W+/)) {
    if (INTERNAL_STRINGS.has(seg)) out.add(seg);
    else if (INTERNAL_STRINGS.has(seg.toLowerCase())) out.add(seg.toLowerCase());
  }
}

/**
 * The internals a string could name as an attribute: the string itself is a name or an attribute
 * path (`__class__`, `__class__.__mro__`, `x['__globals__']`, what getattr, `|attr`, `attribute=`
 * look up), or a `str.format` replacement field in it is one (`'{0.__class__}'.format(x)`). Prose that
 * mentions an internal (`'Implement __init__ and __repr__'`, `'see pkg/__init__.py'`) names none.
 */
export function namedInternals(s: string): string[] {
  const out = new Set<string>();
  const t = s.trim();
  if (/^[\w.[\]'"{}()!:]+$/.test(t)) pathInternals(t, out);
  if (s.includes('{')) for (const m of s.matchAll(/\{([\w.[\]'"!:]*)\}/g)) pathInternals(m[1], out);
  return [...out];
}

/** Undoes common obfuscation so that `'__cla' ~ 'ss__'` reads as `__class__`. */
export function normalizeTemplate(src: string): string {
  let s = src;
  // \x5f, \u005f, \137 escapes inside string literals
  s = s.replace(/\\x([0-9a-fA-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  s = s.replace(/\\u([0-9a-fA-F]{4})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  s = s.replace(/\\([0-7]{3})/g, (_, o) => String.fromCharCode(parseInt(o, 8)));
  // chr(95) / "%c"|format(95)
  s = s.replace(/\bchr\s*\(\s*(\d{1,3})\s*\)/g, (_, d) => `'${String.fromCharCode(Number(d))}'`);
  s = s.replace(/(["'])((?:%c)+)\1\s*\|\s*format\s*\(([\d,\s]+)\)/g, (_, _q, _f, nums: string) =>
    `'${nums.split(',').map((d) => String.fromCharCode(Number(d.trim()))).join('')}'`);
  // ['_','_','class'] | join  → '__class'
  s = s.replace(/[[(]\s*((?:(["'])[^"']*\2\s*,\s*)+(["'])[^"']*\3)\s*,?\s*[\])]\s*\|\s*join(\s*\(\s*(["'])\5\s*\))?/g, (m, inner: string) => {
    const parts = [...inner.matchAll(/(["'])([^"']*)\1/g)].map((x) => x[2]);
    return `'${parts.join('')}'`;
  });
  // Rounds: literal folding, then names bound to a literal (`{% set u = '_' %}{% set d = u ~ u %}`)
  // put back where tags use them, then folding again.
  for (let round = 0; round < 4; round++) {
    const folded = foldLiterals(s);
    const names = new Map<string, string>();
    for (const m of folded.matchAll(/\{%-?\s*set\s+([A-Za-z_]\w*)\s*=\s*(["'])([^"'\n]*)\2\s*-?%\}/g)) names.set(m[1], m[3]);
    const next = names.size === 0 ? folded : folded.replace(/(\{\{|\{%)([^{}]*)(\}\}|%\})/g, (_, open: string, body: string, close: string) => {
      // Outside string literals, a use of such a name (not the name a `set` binds) becomes its value.
      const parts = body.split(/((["'])[^"']*\2)/);
      let out = '';
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i];
        if (i % 3 === 2) continue; // the quote captured by the inner group
        if (i % 3 === 1) {
          out += part;
          continue;
        }
        out += part.replace(/(\bset\s+[A-Za-z_]\w*\s*=)|\b([A-Za-z_]\w*)\b/g, (whole, head: string | undefined, name: string | undefined) =>
          head ?? (name !== undefined && names.has(name) ? `'${names.get(name)}'` : whole));
      }
      return `${open}${out}${close}`;
    });
    if (next === s) break;
    s = next;
  }
  return s;
}

/** One pass of literal folding: concatenation, filters and formatting applied to literals. */
function foldLiterals(src: string): string {
  let s = src;
  // ('__cla') → '__cla'; 'x'|string → 'x'
  s = s.replace(/\(\s*(["'])([^"']*)\1\s*\)/g, (_, _q, a: string) => `'${a}'`);
  s = s.replace(/(["'])([^"']*)\1\s*\|\s*(?:string|safe|e|escape)\b(?!\s*\()/g, (_, _q, a: string) => `'${a}'`);
  // '%sclass%s'|format('__', '__'): arguments that are all literals
  s = s.replace(/(["'])([^"']*)\1\s*\|\s*format\s*\(([^()]*)\)/g, (whole, _q, fmt: string, args: string) => {
    if (!/^\s*(?:(["'])[^"']*\1\s*,\s*)*(["'])[^"']*\2\s*,?\s*$/.test(args)) return whole;
    const values = [...args.matchAll(/(["'])([^"']*)\1/g)].map((x) => x[2]);
    let i = 0;
    const out = fmt.replace(/%s/g, () => values[i++] ?? '');
    return i > 0 ? `'${out}'` : whole;
  });
  // 'a' ~ 'b', 'a' + 'b' (repeat until stable)
  for (let i = 0; i < 8; i++) {
    const next = s.replace(/(["'])([^"']*)\1\s*[~+]\s*(["'])([^"']*)\3/g, (_, _q1, a, _q2, b) => `'${a}${b}'`);
    if (next === s) break;
    s = next;
  }
  // 'abc'|replace('b', '') and 'cba'|reverse evaluated on literals
  for (let i = 0; i < 4; i++) {
    const next = s
      .replace(/(["'])([^"']*)\1\s*\|\s*replace\s*\(\s*(["'])([^"']*)\3\s*,\s*(["'])([^"']*)\5\s*\)/g, (_, _q, a: string, _q2, from: string, _q3, to: string) =>
        `'${from ? a.split(from).join(to) : a}'`)
      .replace(/(["'])([^"']*)\1\s*\|\s*reverse\b/g, (_, _q, a: string) => `'${[...a].reverse().join('')}'`)
      .replace(/(["'])([^"']*)\1\s*\|\s*(lower|upper)\b/g, (_, _q, a: string, f: string) => `'${f === 'lower' ? a.toLowerCase() : a.toUpperCase()}'`);
    if (next === s) break;
    s = next;
  }
  // 'x' * 2 → 'xx' (short repeats only)
  s = s.replace(/(["'])([^"']{1,4})\1\s*\*\s*(\d)/g, (_, _q, a, k) => `'${a.repeat(Number(k))}'`);
  return s;
}

/** Templates longer than this skip the text-level folding (its regexes); the evaluator reads every size. */
const MAX_NORMALIZE = 256 * 1024;

/** Only strings that could name an internal are kept (every internal holds `_` before a letter: a cheap test first). */
const keep = (s: string) => s.includes('_') && /_[A-Za-z]/.test(s) && namedInternals(s).length > 0;

export function analyzeTemplate(src: string, options: AnalyzeOptions = {}): TemplateVerdict {
  const { deadline } = options;
  const found = new Set<string>();
  const collect = (facts: JinjaFacts) => {
    for (const s of facts.strings) for (const name of namedInternals(s)) found.add(name);
    for (const a of facts.attributes) found.add(a === 'mro' ? 'mro()' : a);
    for (const g of facts.globalAccess) found.add(`template global ${g}`);
    for (const c of facts.code) found.add(c);
  };
  const facts = evaluateTemplate(src, keep, { deadline });
  collect(facts);
  // `attr(` written in code that the evaluator did not parse as a filter whose name it checked.
  if (facts.attrWritten > facts.attrParsed) found.add('|attr(');
  let incomplete: string | undefined;
  if (facts.stoppedAt !== undefined) {
    incomplete = `the time limit stopped the analysis at character ${facts.stoppedAt} of ${src.length}`;
  } else if (src.length <= MAX_NORMALIZE && (deadline === undefined || Date.now() <= deadline)) {
    const folded = normalizeTemplate(src);
    if (folded !== src) {
      const again = evaluateTemplate(folded, keep, { deadline });
      collect(again);
      if (again.stoppedAt !== undefined) incomplete = `the template was read whole; the time limit stopped the second pass (obfuscations folded) at character ${again.stoppedAt} of ${folded.length}`;
    }
  } else if (src.length <= MAX_NORMALIZE) {
    incomplete = 'the template was read whole; the time limit came before the second pass (obfuscations folded)';
  }
  const strong = [...found];
  // Benign templates name none of the strong ones; a computed key counts only without them.
  const weak = strong.length ? [] : facts.computedKeys.slice(0, 3).map((k) => `${COMPUTED_KEY}: \`${k}\``);
  return incomplete === undefined ? { indicators: [...strong, ...weak] } : { indicators: [...strong, ...weak], incomplete };
}
