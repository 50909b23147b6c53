/**
 * Literal extraction for the trigger prefilter: `requiredLiterals(/\bload\b/)` is `['load']`, a
 * set of strings one of which occurs in every text the pattern matches. The prefilter finds those
 * words in its single pass over the text (with the string triggers) and runs a RegExp trigger only
 * when one of its literals is there: most files of a tree contain none, and a RegExp that fails
 * scans the whole text.
 *
 * Sound by construction, never clever: a small parser for the RegExp syntax that triggers use, where
 * anything it does not know (a `u`, `v` or `i` flag, an escape it does not read as one character,
 * a character class) simply contributes no literal. Lookarounds and anchors are zero-width and
 * count as the empty string, which only weakens the answer. `undefined`: no useful set (the RegExp
 * is then always run).
 */

/** A node's possible matches when they are few literal strings (`undefined`: unknown or too many). */
type Exact = Set<string> | undefined;

interface Info {
  /** Every string the node can match, when it is a small finite set. */
  exact: Exact;
  /** One of these occurs in every match of the node (`undefined`: nothing known). */
  required: Set<string> | undefined;
  /**
   * Sets each of which has a string in every match of the node (a conjunction: `from`, `torch` and
   * `import` in `\bfrom\s+torch\s+import\b`); `required` is the best of them. Absent: none beyond it.
   */
  all?: Set<string>[];
}

/** Literal sets larger than this are dropped (cross products of optional parts grow fast). */
const MAX_SET = 64;
/** A literal set whose shortest string is shorter than this does not help the prefilter. */
const MIN_LENGTH = 2;

const NOTHING: Info = { exact: undefined, required: undefined };
const EMPTY: Info = { exact: new Set(['']), required: undefined };

class Unsupported extends Error {}

/** One of the returned strings occurs in every text `pattern` matches; `undefined` when unknown. */
export function requiredLiterals(pattern: RegExp): string[] | undefined {
  const info = analyse(pattern);
  const best = info && better(info.required, info.exact);
  return best ? minimal(best) : undefined;
}

/** Sets of literals kept by `requiredLiteralSets`: the best ones, when a pattern has more. */
const MAX_SETS = 4;

/**
 * Literal sets of which EVERY one has a string in every text `pattern` matches (`requiredLiterals`
 * is the best of them), best first: `[['import'], ['torch'], ['from']]` for
 * `/\bfrom\s+torch\s+import\s*\* /`. The prefilter runs the RegExp only when each set has a string in
 * the text. `undefined` when unknown.
 */
export function requiredLiteralSets(pattern: RegExp): string[][] | undefined {
  const info = analyse(pattern);
  const best = info && better(info.required, info.exact);
  if (!info || !best) return undefined;
  const sets = [best, ...(info.all ?? [])].map(minimal);
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const set of sets.sort((a, b) => setScore(b) - setScore(a))) {
    const key = set.join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    // A set implied by one kept already adds nothing: each string of the kept set holds one of its.
    if (out.some((kept) => kept.every((k) => set.some((s) => k.includes(s))))) continue;
    out.push(set);
    if (out.length === MAX_SETS) break;
  }
  return out;
}

function analyse(pattern: RegExp): Info | undefined {
  if (/[iuv]/.test(pattern.flags)) return undefined;
  try {
    const parser = new Parser(pattern.source);
    const info = parser.disjunction();
    return parser.pos === pattern.source.length ? info : undefined;
  } catch {
    // Unsupported syntax, or a pattern nested deeper than the stack (a plugin's trigger may be
    // anything): no literal, the RegExp is always run.
    return undefined;
  }
}

const setScore = (set: readonly string[]) => score(new Set(set));

/** A literal set worth using: non-empty, every string at least MIN_LENGTH long. */
function usable(set: Set<string> | undefined): Set<string> | undefined {
  if (!set || set.size === 0 || set.size > MAX_SET) return undefined;
  for (const s of set) if (s.length < MIN_LENGTH) return undefined;
  return set;
}

/** The set without strings that contain another of its strings (those add nothing), sorted. */
function minimal(set: Set<string>): string[] {
  const sorted = [...set].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const kept: string[] = [];
  for (const s of sorted) if (!kept.some((k) => s.includes(k))) kept.push(s);
  return kept.sort();
}

/** Higher is better: the shortest string's length, then fewer strings. */
function score(set: Set<string>): number {
  let min = Infinity;
  for (const s of set) min = Math.min(min, s.length);
  return min * 1000 - set.size;
}

function better(a: Set<string> | undefined, b: Set<string> | undefined): Set<string> | undefined {
  const ua = usable(a);
  const ub = usable(b);
  if (!ua) return ub;
  if (!ub) return ua;
  return score(ub) > score(ua) ? ub : ua;
}

function product(a: Exact, b: Exact): Exact {
  if (!a || !b || a.size * b.size > MAX_SET) return undefined;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

const CONTROL_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v' };

class Parser {
  pos = 0;

  constructor(private readonly src: string) {}

  private peek(offset = 0): string {
    return this.src[this.pos + offset] ?? '';
  }

  private atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  disjunction(): Info {
    const alternatives = [this.alternative()];
    while (this.peek() === '|') {
      this.pos++;
      alternatives.push(this.alternative());
    }
    if (alternatives.length === 1) return alternatives[0];
    let exact: Exact = new Set();
    let required: Set<string> | undefined = new Set();
    for (const alt of alternatives) {
      if (exact && alt.exact) for (const s of alt.exact) exact.add(s);
      else exact = undefined;
      if (exact && exact.size > MAX_SET) exact = undefined;
      // Each alternative must guarantee one of the literals: the union of what each guarantees.
      const own = usable(alt.required) ?? usable(alt.exact);
      if (required && own) for (const s of own) required.add(s);
      else required = undefined;
    }
    if (required && required.size > MAX_SET) required = undefined;
    return { exact, required };
  }

  private alternative(): Info {
    const terms: Info[] = [];
    while (!this.atEnd() && this.peek() !== '|' && this.peek() !== ')') terms.push(this.term());
    if (terms.length === 0) return EMPTY;
    if (terms.length === 1) return terms[0];
    // Required: the best of each term's own literals and of each run of consecutive exact terms
    // (a run matches one of its cross product, contiguously).
    // Every usable set found on the way is required too (`conjunction`).
    let required: Set<string> | undefined;
    let run: Exact = new Set(['']);
    let all: Exact = new Set(['']);
    const conjunction: Set<string>[] = [];
    const keep = (set: Set<string> | undefined) => {
      const ok = usable(set);
      if (ok) conjunction.push(ok);
      required = better(required, set);
    };
    for (const term of terms) {
      keep(term.required);
      if (term.all) conjunction.push(...term.all);
      all = product(all, term.exact);
      if (term.exact) {
        const next = product(run, term.exact);
        if (next) {
          run = next;
          continue;
        }
        // Too many combinations: close the run, start a new one at this term.
        keep(run);
        run = term.exact;
      } else {
        keep(run);
        run = new Set(['']);
      }
    }
    keep(run);
    return { exact: all, required, all: conjunction };
  }

  private term(): Info {
    const c = this.peek();
    // Assertions: zero-width.
    if (c === '^' || c === '$') {
      this.pos++;
      return EMPTY;
    }
    if (c === '\\' && (this.peek(1) === 'b' || this.peek(1) === 'B')) {
      this.pos += 2;
      return EMPTY;
    }
    if (c === '(' && this.peek(1) === '?' && (this.peek(2) === '=' || this.peek(2) === '!' || (this.peek(2) === '<' && (this.peek(3) === '=' || this.peek(3) === '!')))) {
      this.pos += this.peek(2) === '<' ? 4 : 3;
      this.disjunction();
      this.expect(')');
      this.quantifier(); // a quantified lookahead is legal (Annex B) and still zero-width
      return EMPTY;
    }
    const atom = this.atom();
    const q = this.quantifier();
    if (!q) return atom;
    if (q.min === 0) {
      return { exact: q.max === 1 && atom.exact && atom.exact.size < MAX_SET ? new Set([...atom.exact, '']) : undefined, required: undefined };
    }
    if (q.min === 1 && q.max === 1) return atom;
    // One or more repetitions: every match contains a match of the atom.
    return { exact: undefined, required: usable(atom.required) ?? usable(atom.exact) };
  }

  private quantifier(): { min: number; max: number } | undefined {
    const c = this.peek();
    let q: { min: number; max: number } | undefined;
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
      if (!m) return undefined; // a literal "{" (Annex B): left to atom()
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.pos += m[0].length - 1;
      q = { min, max };
    }
    if (!q) return undefined;
    this.pos++;
    if (this.peek() === '?') this.pos++; // lazy
    return q;
  }

  private atom(): Info {
    const c = this.peek();
    if (c === '(') {
      this.pos++;
      if (this.peek() === '?') {
        if (this.peek(1) === ':') this.pos += 2;
        else if (this.peek(1) === '<') {
          const close = this.src.indexOf('>', this.pos);
          if (close < 0) throw new Unsupported();
          this.pos = close + 1;
        } else throw new Unsupported(); // modifiers and anything newer
      }
      const inner = this.disjunction();
      this.expect(')');
      return inner;
    }
    if (c === '[') {
      this.skipClass();
      return NOTHING;
    }
    if (c === '.') {
      this.pos++;
      return NOTHING;
    }
    if (c === '\\') {
      const e = this.peek(1);
      if (e === '') throw new Unsupported();
      this.pos += 2;
      // Without the u or v flag, any character but a letter or digit stands for itself after a backslash.
      if (!/[A-Za-z0-9]/.test(e)) return literal(e);
      if (e in CONTROL_ESCAPES) return literal(CONTROL_ESCAPES[e]);
      if (e === 'k' && this.peek() === '<') {
        const close = this.src.indexOf('>', this.pos);
        if (close < 0) throw new Unsupported();
        this.pos = close + 1;
      } else if (e === 'x' && /^[0-9A-Fa-f]{2}/.test(this.src.slice(this.pos, this.pos + 2))) this.pos += 2;
      else if (e === 'u' && /^[0-9A-Fa-f]{4}/.test(this.src.slice(this.pos, this.pos + 4))) this.pos += 4;
      else if (e === 'c' && /^[A-Za-z]/.test(this.peek())) this.pos += 1;
      else if (/[0-9]/.test(e)) {
        while (/[0-9]/.test(this.peek())) this.pos++;
      }
      // \d \w \s, their negations, hex and control escapes, back references and the rest: some
      // character(s), not known. Taking one unknown atom for them only ever breaks a literal run.
      return NOTHING;
    }
    if (c === ')' || c === '|' || c === '') throw new Unsupported();
    if (c === '*' || c === '+' || c === '?') throw new Unsupported(); // nothing to repeat
    this.pos++;
    return literal(c);
  }

  private skipClass(): void {
    this.pos++; // [
    if (this.peek() === '^') this.pos++;
    // Without the u or v flag the first unescaped "]" closes the class ("[]" is an empty class).
    while (!this.atEnd() && this.peek() !== ']') this.pos += this.peek() === '\\' ? 2 : 1;
    if (this.atEnd()) throw new Unsupported();
    this.pos++; // ]
  }

  private expect(c: string): void {
    if (this.peek() !== c) throw new Unsupported();
    this.pos++;
  }
}

function literal(c: string): Info {
  return { exact: new Set([c]), required: undefined };
}
