/**
 * Jinja chat templates (GGUF `tokenizer.chat_template*`, tokenizer_config.json) that reach Python
 * object internals: the server-side template injection family (`__class__.__mro__`,
 * `__subclasses__()`, `__globals__`, `|attr(...)`), including obfuscated spellings. Three passes:
 * the text as written; a text-level folding of common obfuscations (`normalizeTemplate`, templates
 * up to 256 KiB); and, at any size in linear time, the static evaluator of `jinja-eval.ts`, which
 * decodes string literals as Jinja does (`\N{LOW LINE}`, `\U0000005f`), evaluates constant string
 * expressions (`~`, `+`, `%`, `|join`, `dict(__cla=1,ss__=1)|join`, `|format`, `|replace`, slices,
 * string methods, names bound by set/for/with) and reports the attribute names they reach. An
 * attribute key built from values that cannot be known statically is a weaker indicator
 * (`COMPUTED_KEY`).
 */
import { evaluateTemplate } from './jinja-eval.js';

const INTERNALS = [
  '__class__', '__mro__', '__base__', '__bases__', '__subclasses__', '__globals__', '__builtins__', '__import__',
  '__init__', '__getattribute__', '__dict__', '__code__', '__loader__', '__spec__', '__reduce__', '__reduce_ex__',
  'func_globals', 'f_globals', 'gi_frame', 'mro', '_TemplateReference__context',
];

const CALL_PATTERNS: Array<[RegExp, string]> = [
  [/\|\s*attr\s*\(/, '|attr('],
  [/\battr\s*\(/, 'attr('],
  [/\bos\s*\.\s*(popen|system)\b/, 'os.popen/os.system'],
  [/\b(lipsum|cycler|joiner|namespace)\s*\.\s*__/, 'template globals internals'],
  [/\brequest\s*\.\s*application\b/, 'request.application'],
  [/\bconfig\s*\.\s*items\s*\(/, 'config.items()'],
  [/\bself\s*\.\s*_TemplateReference__context\b/, 'TemplateReference context'],
  [/\bimport_module\b|\b__import__\b/, 'import'],
  [/\beval\s*\(|\bexec\s*\(|\bpopen\s*\(|\bsubprocess\b/, 'code execution call'],
];

export interface TemplateVerdict {
  /** What was found; the ones starting with COMPUTED_KEY are weaker evidence (see isWeakIndicator). */
  indicators: string[];
}

/** Prefix of the indicator for an attribute key built at render time from values not known statically. */
export const COMPUTED_KEY = 'attribute name computed at render time';

/** A weaker indicator: a computed attribute key, not a known internal. */
export function isWeakIndicator(indicator: string): boolean {
  return indicator.startsWith(COMPUTED_KEY);
}

const INTERNAL_SUBSTRING = new RegExp(INTERNALS.filter((n) => n !== 'mro').map((n) => n.replace(/[$]/g, '\\$&')).join('|'), 'g');

/** The internals named in s (or in its lower-case form). */
function internalsIn(s: string): string[] {
  const out = new Set<string>();
  for (const t of [s, s.toLowerCase()]) for (const m of t.matchAll(INTERNAL_SUBSTRING)) out.add(m[0]);
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

export function analyzeTemplate(src: string): TemplateVerdict {
  const found = new Set<string>();
  const texts = src.length <= MAX_NORMALIZE ? [src, normalizeTemplate(src)] : [src];
  for (const text of texts.flatMap((t) => [t, t.toLowerCase()])) {
    for (const name of INTERNALS) {
      if (name === 'mro') {
        if (/\.mro\s*\(/.test(text)) found.add('mro()');
        continue;
      }
      if (text.includes(name)) found.add(name);
    }
    for (const [re, label] of CALL_PATTERNS) if (re.test(text)) found.add(label);
  }
  // Every internal's name holds `_` before a letter: a cheap test first, for the many strings built from hostile input.
  const facts = evaluateTemplate(src, (s) => s.includes('_') && /_[A-Za-z]/.test(s) && internalsIn(s).length > 0);
  for (const s of facts.strings) for (const name of internalsIn(s)) found.add(name);
  for (const a of facts.attributes) found.add(a === 'mro' ? 'mro()' : a);
  for (const g of facts.globalAccess) found.add(`template global ${g}`);
  // Benign templates name none of these; `attr(` alone inside Jinja is still the usual vector.
  const strong = [...found];
  const weak = strong.length ? [] : facts.computedKeys.slice(0, 3).map((k) => `${COMPUTED_KEY}: \`${k}\``);
  return { indicators: [...strong, ...weak] };
}
