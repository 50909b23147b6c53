/**
 * Static reading of a Python project's dependency files, for version-aware rules
 * (e.g. "torch >= 2.6 makes `weights_only=True` the default").
 *
 * Pure static reading: nothing is executed or imported. Files read: `requirements*.txt|.in`,
 * `requirements/*.txt|.in`, `constraints*.txt` (following `-r` / `-c` includes), `pyproject.toml`
 * (`[project]` dependencies and optional-dependencies, `[dependency-groups]`, Poetry and uv tables),
 * `setup.cfg` (`install_requires`, `extras_require`), `setup.py` (literal lists given to
 * `install_requires` / `extras_require`), `Pipfile`, `environment.yml` (conda and pip sections), and
 * the lock files `poetry.lock`, `uv.lock`, `pdm.lock`, `Pipfile.lock` (exact pins).
 *
 * Versions follow PEP 440; specifiers are turned into sets of version intervals so that questions
 * like "does every allowed torch satisfy >=2.6?" and "can a torch <=2.5.1 be installed?" have exact
 * answers. Results are cached per directory (call `clearDependencyCache()` when files change).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';

// ---------------------------------------------------------------------------------------------
// PEP 440 versions

export interface Pep440Version {
  epoch: number;
  release: number[];
  /** ['a' | 'b' | 'rc', n] */
  pre?: [string, number];
  post?: number;
  dev?: number;
  local?: string;
}

const VERSION_RE =
  /^\s*v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d+)?)?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*$/i;

/** Parses a PEP 440 version (`2.6`, `2.6.0rc1`, `1!2.0.post1.dev3+cu124`); undefined when invalid. */
export function parseVersion(text: string): Pep440Version | undefined {
  const m = VERSION_RE.exec(text);
  if (!m) return undefined;
  const v: Pep440Version = { epoch: m[1] ? Number(m[1]) : 0, release: m[2].split('.').map(Number) };
  if (m[3]) {
    const kind = m[3].toLowerCase();
    v.pre = [kind === 'alpha' ? 'a' : kind === 'beta' ? 'b' : kind === 'a' || kind === 'b' ? kind : 'rc', m[4] ? Number(m[4]) : 0];
  }
  if (m[5] !== undefined) v.post = Number(m[5]);
  else if (m[6]) v.post = m[7] ? Number(m[7]) : 0;
  if (m[8]) v.dev = m[9] ? Number(m[9]) : 0;
  if (m[10]) v.local = m[10].toLowerCase();
  return v;
}

const PRE_ORDER: Record<string, number> = { a: 0, b: 1, rc: 2 };

/** PEP 440 ordering (local labels compared last, lexically per segment). */
export function compareVersions(a: Pep440Version | string, b: Pep440Version | string): number {
  const x = typeof a === 'string' ? parseVersion(a) : a;
  const y = typeof b === 'string' ? parseVersion(b) : b;
  if (!x || !y) throw new Error(`Invalid version: ${!x ? String(a) : String(b)}`);
  if (x.epoch !== y.epoch) return x.epoch - y.epoch;
  const n = Math.max(x.release.length, y.release.length);
  for (let i = 0; i < n; i++) {
    const d = (x.release[i] ?? 0) - (y.release[i] ?? 0);
    if (d !== 0) return d;
  }
  // Pre-release key: dev-only releases sort before pre-releases; finals after.
  const preKey = (v: Pep440Version): number[] =>
    v.pre ? [1, PRE_ORDER[v.pre[0]], v.pre[1]] : v.dev !== undefined && v.post === undefined ? [0, 0, 0] : [2, 0, 0];
  const d1 = cmpArrays(preKey(x), preKey(y));
  if (d1 !== 0) return d1;
  const postKey = (v: Pep440Version): number => (v.post === undefined ? -1 : v.post);
  if (postKey(x) !== postKey(y)) return postKey(x) - postKey(y);
  const devKey = (v: Pep440Version): number => (v.dev === undefined ? Number.POSITIVE_INFINITY : v.dev);
  if (devKey(x) !== devKey(y)) return devKey(x) < devKey(y) ? -1 : 1;
  const lx = x.local ?? '';
  const ly = y.local ?? '';
  return lx === ly ? 0 : lx < ly ? -1 : 1;
}

function cmpArrays(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function formatVersion(v: Pep440Version): string {
  let s = (v.epoch ? `${v.epoch}!` : '') + v.release.join('.');
  if (v.pre) s += v.pre[0] + v.pre[1];
  if (v.post !== undefined) s += `.post${v.post}`;
  if (v.dev !== undefined) s += `.dev${v.dev}`;
  if (v.local) s += `+${v.local}`;
  return s;
}

// ---------------------------------------------------------------------------------------------
// Version sets (unions of intervals)

interface Bound {
  v: Pep440Version;
  inclusive: boolean;
}
interface Interval {
  lo?: Bound; // undefined = -infinity
  hi?: Bound; // undefined = +infinity
}

/** An immutable set of versions: a union of intervals. */
export class VersionSet {
  private constructor(private readonly intervals: Interval[]) {}

  static all(): VersionSet {
    return new VersionSet([{}]);
  }
  static none(): VersionSet {
    return new VersionSet([]);
  }

  /**
   * The versions a PEP 440 specifier set allows (`>=2.6,<3`, `==2.6.*`, `~=2.6.1`, `!=2.5.0`).
   * An empty string allows everything. Returns undefined when the text is not a specifier set.
   */
  static fromSpecifier(text: string): VersionSet | undefined {
    let set = VersionSet.all();
    const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
    for (const part of parts) {
      const clause = clauseSet(part);
      if (!clause) return undefined;
      set = set.intersect(clause);
    }
    return set;
  }

  isEmpty(): boolean {
    return this.intervals.length === 0;
  }

  intersect(other: VersionSet): VersionSet {
    const out: Interval[] = [];
    for (const a of this.intervals) {
      for (const b of other.intervals) {
        const lo = maxLo(a.lo, b.lo);
        const hi = minHi(a.hi, b.hi);
        const iv = { lo, hi };
        if (!intervalEmpty(iv)) out.push(iv);
      }
    }
    return new VersionSet(out);
  }

  union(other: VersionSet): VersionSet {
    return new VersionSet([...this.intervals, ...other.intervals]);
  }

  contains(version: string | Pep440Version): boolean {
    const v = typeof version === 'string' ? parseVersion(version) : version;
    if (!v) return false;
    return this.intervals.some((iv) => {
      if (iv.lo) {
        const c = compareVersions(v, iv.lo.v);
        if (c < 0 || (c === 0 && !iv.lo.inclusive)) return false;
      }
      if (iv.hi) {
        const c = compareVersions(v, iv.hi.v);
        if (c > 0 || (c === 0 && !iv.hi.inclusive)) return false;
      }
      return true;
    });
  }

  /** True when every version in the set is >= `version` (false for the empty set's complement cases). */
  allAtLeast(version: string): boolean {
    const v = mustParse(version);
    // Compared on epoch and release only: `==2.6.*` starts at 2.6.dev0, and pre-releases of 2.6
    // already behave like 2.6 for the questions rules ask (and pip skips them by default).
    return this.intervals.length > 0 && this.intervals.every((iv) => {
      if (!iv.lo) return false;
      return compareVersions({ epoch: iv.lo.v.epoch, release: iv.lo.v.release }, { epoch: v.epoch, release: v.release }) >= 0;
    });
  }

  /** True when some version in the set is <= `version`. */
  someAtMost(version: string): boolean {
    const v = mustParse(version);
    return !this.intersect(new VersionSet([{ hi: { v: v.local ? v : { ...v, local: '~' }, inclusive: true } }])).isEmpty();
  }

  toString(): string {
    if (this.intervals.length === 0) return '<none>';
    return this.intervals
      .map((iv) => {
        if (!iv.lo && !iv.hi) return '*';
        if (iv.lo && iv.hi && iv.lo.inclusive && iv.hi.inclusive && compareVersions(iv.lo.v, iv.hi.v) === 0) {
          return `==${formatVersion(iv.lo.v)}`;
        }
        const parts: string[] = [];
        if (iv.lo) parts.push(`${iv.lo.inclusive ? '>=' : '>'}${formatVersion(iv.lo.v)}`);
        if (iv.hi) parts.push(`${iv.hi.inclusive ? '<=' : '<'}${formatVersion(iv.hi.v)}`);
        return parts.join(',');
      })
      .join(' | ');
  }
}

function mustParse(text: string): Pep440Version {
  const v = parseVersion(text);
  if (!v) throw new Error(`Invalid version: ${text}`);
  return v;
}

function maxLo(a?: Bound, b?: Bound): Bound | undefined {
  if (!a) return b;
  if (!b) return a;
  const c = compareVersions(a.v, b.v);
  if (c !== 0) return c > 0 ? a : b;
  return { v: a.v, inclusive: a.inclusive && b.inclusive };
}

function minHi(a?: Bound, b?: Bound): Bound | undefined {
  if (!a) return b;
  if (!b) return a;
  const c = compareVersions(a.v, b.v);
  if (c !== 0) return c < 0 ? a : b;
  return { v: a.v, inclusive: a.inclusive && b.inclusive };
}

function intervalEmpty(iv: Interval): boolean {
  if (!iv.lo || !iv.hi) return false;
  const c = compareVersions(iv.lo.v, iv.hi.v);
  return c > 0 || (c === 0 && !(iv.lo.inclusive && iv.hi.inclusive));
}

/** The smallest version that starts with `release` (`2.6` → `2.6.dev0`). */
function prefixStart(v: Pep440Version): Pep440Version {
  return { epoch: v.epoch, release: v.release, dev: 0 };
}
/** The smallest version after every version starting with `release` (`2.6` → `2.7.dev0`). */
function prefixEnd(v: Pep440Version): Pep440Version {
  const release = v.release.slice();
  release[release.length - 1] += 1;
  return { epoch: v.epoch, release, dev: 0 };
}

const CLAUSE_RE = /^(~=|===|==|!=|<=|>=|<|>)\s*([^\s,;]+)$/;

function clauseSet(clause: string): VersionSet | undefined {
  const m = CLAUSE_RE.exec(clause.trim());
  if (!m) return undefined;
  const [, op, raw] = m;
  const wildcard = raw.endsWith('.*');
  const v = parseVersion(wildcard ? raw.slice(0, -2) : raw);
  if (!v) return op === '===' ? VersionSet.all() : undefined;
  const mk = build;
  switch (op) {
    case '==':
    case '===':
      if (wildcard) return mk([{ lo: { v: prefixStart(v), inclusive: true }, hi: { v: prefixEnd(v), inclusive: false } }]);
      if (!v.local) {
        // `==2.6.0` also matches local builds such as 2.6.0+cu124.
        return mk([{ lo: { v, inclusive: true }, hi: { v: { ...v, local: '~' }, inclusive: true } }]);
      }
      return mk([{ lo: { v, inclusive: true }, hi: { v, inclusive: true } }]);
    case '!=':
      if (wildcard) {
        return mk([{ hi: { v: prefixStart(v), inclusive: false } }, { lo: { v: prefixEnd(v), inclusive: true } }]);
      }
      return mk([{ hi: { v, inclusive: false } }, { lo: { v: v.local ? v : { ...v, local: '~' }, inclusive: false } }]);
    case '>=':
      return mk([{ lo: { v, inclusive: true } }]);
    case '<=':
      return mk([{ hi: { v: v.local ? v : { ...v, local: '~' }, inclusive: true } }]);
    case '>':
      return mk([{ lo: { v: v.local ? v : { ...v, local: '~' }, inclusive: false } }]);
    case '<':
      // `<2.6` excludes pre-releases of 2.6 (PEP 440).
      return mk([{ hi: { v: v.pre || v.dev !== undefined ? v : prefixStart(v), inclusive: false } }]);
    case '~=': {
      if (v.release.length < 2) return undefined;
      const prefix: Pep440Version = { epoch: v.epoch, release: v.release.slice(0, -1) };
      return mk([{ lo: { v, inclusive: true }, hi: { v: prefixEnd(prefix), inclusive: false } }]);
    }
  }
  return undefined;
}

function build(intervals: Interval[]): VersionSet {
  // The constructor is private to keep the class immutable from outside.
  return new (VersionSet as unknown as new (iv: Interval[]) => VersionSet)(intervals);
}

/** True when `version` satisfies the PEP 440 specifier set `specifier`. */
export function satisfies(version: string, specifier: string): boolean {
  const set = VersionSet.fromSpecifier(specifier);
  return !!set && set.contains(version);
}

// ---------------------------------------------------------------------------------------------
// Requirements (PEP 508 subset)

export interface Requirement {
  /** Normalized name (PEP 503): lower case, runs of `-_.` become `-`. Conda `pytorch` becomes `torch`. */
  name: string;
  /** The specifier text as written (PEP 440 form; Poetry/conda forms are translated). */
  specifier: string;
  /** The versions the specifier allows (`VersionSet.all()` for none; undefined when unreadable). */
  versions: VersionSet | undefined;
  /** Environment marker text after `;`, if any. */
  marker?: string;
  /** Absolute path of the file and 1-based line where it was found. */
  file: string;
  line: number;
}

/** Normalizes a distribution name (PEP 503). */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

const REQ_RE = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$/;

/** Parses one PEP 508 requirement string (`torch[cuda]>=2.6,<3; python_version>"3.8"`). */
export function parseRequirement(text: string, file = '', line = 0): Requirement | undefined {
  let body = text.trim();
  if (!body || body.startsWith('#') || body.startsWith('-')) return undefined;
  let marker: string | undefined;
  const semi = body.indexOf(';');
  if (semi >= 0) {
    marker = body.slice(semi + 1).trim() || undefined;
    body = body.slice(0, semi).trim();
  }
  const m = REQ_RE.exec(body);
  if (!m) return undefined;
  const name = normalizeName(m[1]);
  let rest = m[3].trim();
  let specifier: string;
  let versions: VersionSet | undefined;
  if (rest.startsWith('@')) {
    // Direct reference: read the version from a wheel / sdist file name when there is one.
    const url = rest.slice(1).trim();
    const fileName = decodeURIComponent(url.split(/[?#]/)[0].split('/').pop() ?? '');
    const vm = new RegExp(`^${m[1].replace(/[-_.]+/g, '[-_.]+')}-([0-9][^-]*?)(?:-|\\.tar\\.gz$|\\.zip$)`, 'i').exec(fileName);
    specifier = vm ? `==${vm[1]}` : '';
    versions = vm ? VersionSet.fromSpecifier(specifier) : undefined;
    return { name, specifier, versions, marker, file, line };
  }
  if (rest.startsWith('(') && rest.endsWith(')')) rest = rest.slice(1, -1).trim();
  specifier = rest.replace(/\s+/g, '');
  versions = VersionSet.fromSpecifier(specifier);
  return { name, specifier, versions, marker, file, line };
}

/** Poetry / Pipfile constraint → PEP 440 specifier (`^2.6` → `>=2.6,<3`, `~2.6` → `>=2.6,<2.7`, `*`). */
export function poetryToPep440(constraint: string): string {
  const out: string[] = [];
  for (const alt of constraint.split('||')) {
    const parts: string[] = [];
    for (let c of alt.split(/,|\s+(?=[<>=!~^0-9])/)) {
      c = c.trim();
      if (!c || c === '*') continue;
      if (c.startsWith('^')) {
        const v = parseVersion(c.slice(1));
        if (!v) return constraint;
        const rel = v.release;
        let idx = rel.findIndex((n) => n !== 0);
        if (idx < 0) idx = rel.length - 1;
        const upper = rel.slice(0, idx + 1);
        upper[idx] += 1;
        parts.push(`>=${c.slice(1)}`, `<${upper.join('.')}`);
      } else if (c.startsWith('~') && !c.startsWith('~=')) {
        const v = parseVersion(c.slice(1));
        if (!v) return constraint;
        const rel = v.release.length > 1 ? v.release.slice(0, 2) : v.release.slice(0, 1);
        rel[rel.length - 1] += 1;
        parts.push(`>=${c.slice(1)}`, `<${rel.join('.')}`);
      } else if (/^[0-9]/.test(c)) {
        parts.push(`==${c}`);
      } else {
        parts.push(c.replace(/^=(?!=)/, '=='));
      }
    }
    out.push(parts.join(','));
  }
  return out.length === 1 ? out[0] : out.join(' || ');
}

/** Conda match spec (`pytorch>=2.6`, `pytorch=2.6`, `pytorch 2.6.*`, `conda-forge::pytorch=2.6.0=py3*`). */
export function parseCondaSpec(text: string, file = '', line = 0): Requirement | undefined {
  let spec = text.trim();
  const colon = spec.lastIndexOf('::');
  if (colon >= 0) spec = spec.slice(colon + 2);
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(.*)$/.exec(spec);
  if (!m) return undefined;
  const name = canonical(m[1]);
  const rest = m[2].trim();
  let specifier: string;
  if (!rest) {
    specifier = '';
  } else if (/^=[^=]/.test(rest)) {
    // `=2.6` is fuzzy (2.6.*); a second `=` starts the build string.
    const ver = rest.slice(1).split('=')[0].trim();
    specifier = ver.endsWith('*') ? `==${ver.replace(/\.?\*$/, '.*')}` : `==${ver}.*`;
  } else if (/^[0-9]/.test(rest)) {
    // `pytorch 2.6.0 py3_0`: version then build; a `*` makes it fuzzy.
    const ver = rest.split(/\s+/)[0];
    specifier = ver.endsWith('*') ? `==${ver.replace(/\.?\*$/, '.*')}` : `==${ver}`;
  } else {
    specifier = rest.split(/\s+/)[0].replace(/(^|,)=(?=[0-9])/g, '$1==');
  }
  return { name, specifier, versions: VersionSet.fromSpecifier(specifier), file, line };
}

// ---------------------------------------------------------------------------------------------
// File readers

function readText(path: string, maxBytes = 2 * 1024 * 1024): string | undefined {
  try {
    const st = statSync(path);
    if (!st.isFile() || st.size > maxBytes) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** requirements / constraints files, following `-r` and `-c` includes (cycle-safe). */
export function readRequirementsFile(path: string, seen = new Set<string>()): Requirement[] {
  const abs = resolve(path);
  if (seen.has(abs)) return [];
  seen.add(abs);
  const text = readText(abs);
  if (text === undefined) return [];
  const out: Requirement[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const startLine = i + 1;
    let line = lines[i];
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + ' ' + lines[++i];
    line = line.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const inc = /^(?:-r|--requirement|-c|--constraint)(?:\s+|=)(\S+)/.exec(line);
    if (inc) {
      out.push(...readRequirementsFile(join(dirname(abs), inc[1]), seen));
      continue;
    }
    if (line.startsWith('-')) {
      const editable = /^(?:-e|--editable)\s+(.*)$/.exec(line);
      if (!editable) continue;
      const egg = /#egg=([A-Za-z0-9._-]+)/.exec(lines[i]);
      if (egg) out.push({ name: normalizeName(egg[1]), specifier: '', versions: undefined, file: abs, line: startLine });
      continue;
    }
    line = line.replace(/\s--hash[=\s]\S+/g, '').trim();
    const req = parseRequirement(line, abs, startLine);
    if (req) out.push(req);
  }
  return out;
}

// --- a small TOML reader: tables, arrays of tables, strings, arrays, inline tables, scalars ---

type TomlValue = string | number | boolean | TomlValue[] | { [k: string]: TomlValue };
interface TomlLoc {
  /** 1-based line of each string value, keyed by the value's path (`project.dependencies.0`). */
  lines: Map<string, number>;
}

class TomlReader {
  private i = 0;
  private line = 1;
  readonly lines = new Map<string, number>();
  constructor(private readonly s: string) {}

  parse(): Record<string, TomlValue> {
    const root: Record<string, TomlValue> = {};
    let current: Record<string, TomlValue> = root;
    let currentPath: string[] = [];
    while (this.i < this.s.length) {
      this.skipWsAndComments(true);
      if (this.i >= this.s.length) break;
      const ch = this.s[this.i];
      if (ch === '[') {
        const arrayTable = this.s[this.i + 1] === '[';
        this.i += arrayTable ? 2 : 1;
        const path = this.readKeyPath(']');
        this.i += arrayTable ? 2 : 1;
        if (arrayTable) {
          const parent = this.walk(root, path.slice(0, -1));
          const last = path[path.length - 1];
          const arr = (Array.isArray(parent[last]) ? parent[last] : (parent[last] = [])) as TomlValue[];
          const table: Record<string, TomlValue> = {};
          arr.push(table);
          current = table;
          currentPath = [...path, String(arr.length - 1)];
        } else {
          current = this.walk(root, path);
          currentPath = path;
        }
        this.skipLine();
        continue;
      }
      const keyPath = this.readKeyPath('=');
      this.i++; // '='
      this.skipInlineWs();
      const target = this.walk(current, keyPath.slice(0, -1));
      const fullPath = [...currentPath, ...keyPath];
      target[keyPath[keyPath.length - 1]] = this.readValue(fullPath.join('.'));
      this.skipLine();
    }
    return root;
  }

  private walk(root: Record<string, TomlValue>, path: string[]): Record<string, TomlValue> {
    let t = root;
    for (const k of path) {
      let next = t[k];
      if (Array.isArray(next)) next = next[next.length - 1];
      if (!next || typeof next !== 'object') t[k] = next = {};
      t = next as Record<string, TomlValue>;
    }
    return t;
  }

  private readKeyPath(end: string): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skipInlineWs();
      const ch = this.s[this.i];
      if (ch === '"' || ch === "'") parts.push(this.readString());
      else {
        const m = /^[A-Za-z0-9_-]+/.exec(this.s.slice(this.i, this.i + 256));
        if (!m) throw new Error(`TOML: bad key at line ${this.line}`);
        parts.push(m[0]);
        this.i += m[0].length;
      }
      this.skipInlineWs();
      if (this.s[this.i] === '.') {
        this.i++;
        continue;
      }
      if (this.s[this.i] === end) return parts;
      throw new Error(`TOML: expected ${end} at line ${this.line}`);
    }
  }

  private readValue(path: string): TomlValue {
    const ch = this.s[this.i];
    if (ch === '"' || ch === "'") {
      const line = this.line;
      const v = this.readString();
      this.lines.set(path, line);
      return v;
    }
    if (ch === '[') {
      this.i++;
      const arr: TomlValue[] = [];
      for (;;) {
        this.skipWsAndComments(true);
        if (this.s[this.i] === ']') {
          this.i++;
          return arr;
        }
        arr.push(this.readValue(`${path}.${arr.length}`));
        this.skipWsAndComments(true);
        if (this.s[this.i] === ',') this.i++;
        else if (this.s[this.i] !== ']') throw new Error(`TOML: bad array at line ${this.line}`);
      }
    }
    if (ch === '{') {
      this.i++;
      const table: Record<string, TomlValue> = {};
      for (;;) {
        this.skipWsAndComments(true);
        if (this.s[this.i] === '}') {
          this.i++;
          return table;
        }
        const kp = this.readKeyPath('=');
        this.i++;
        this.skipInlineWs();
        this.walk(table, kp.slice(0, -1))[kp[kp.length - 1]] = this.readValue(`${path}.${kp.join('.')}`);
        this.skipWsAndComments(true);
        if (this.s[this.i] === ',') this.i++;
      }
    }
    const m = /^(?:\d{4}-\d{2}-\d{2}[T ]\d{2}:[^\s,\]}#]*|[^\s,\]}#]+)/.exec(this.s.slice(this.i, this.i + 256));
    if (!m) throw new Error(`TOML: bad value at line ${this.line}`);
    this.i += m[0].length;
    if (m[0] === 'true') return true;
    if (m[0] === 'false') return false;
    const n = Number(m[0].replace(/_/g, ''));
    return Number.isNaN(n) ? m[0] : n;
  }

  private readString(): string {
    const q = this.s[this.i];
    const triple = this.s.startsWith(q.repeat(3), this.i);
    this.i += triple ? 3 : 1;
    let out = '';
    for (;;) {
      if (this.i >= this.s.length) throw new Error('TOML: unterminated string');
      const ch = this.s[this.i];
      if (triple ? this.s.startsWith(q.repeat(3), this.i) : ch === q) {
        this.i += triple ? 3 : 1;
        // Up to two extra quotes may close a multi-line string.
        while (triple && this.s[this.i] === q) {
          out += q;
          this.i++;
        }
        return triple ? out.replace(/^\r?\n/, '') : out;
      }
      if (ch === '\n') {
        if (!triple) throw new Error(`TOML: newline in string at line ${this.line}`);
        this.line++;
      }
      if (ch === '\\' && q === '"') {
        const e = this.s[this.i + 1];
        const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', b: '\b', f: '\f' };
        if (e in map) {
          out += map[e];
          this.i += 2;
          continue;
        }
        if (e === 'u' || e === 'U') {
          const len = e === 'u' ? 4 : 8;
          out += String.fromCodePoint(parseInt(this.s.slice(this.i + 2, this.i + 2 + len), 16));
          this.i += 2 + len;
          continue;
        }
        if (triple && /\s/.test(e)) {
          // Line-ending backslash: trim whitespace up to the next non-space.
          this.i++;
          while (/\s/.test(this.s[this.i] ?? '')) {
            if (this.s[this.i] === '\n') this.line++;
            this.i++;
          }
          continue;
        }
      }
      out += ch;
      this.i++;
    }
  }

  private skipInlineWs(): void {
    while (this.s[this.i] === ' ' || this.s[this.i] === '\t') this.i++;
  }

  private skipWsAndComments(newlines: boolean): void {
    for (;;) {
      const ch = this.s[this.i];
      if (ch === ' ' || ch === '\t' || ch === '\r') this.i++;
      else if (ch === '\n' && newlines) {
        this.line++;
        this.i++;
      } else if (ch === '#') {
        while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
      } else return;
    }
  }

  private skipLine(): void {
    this.skipInlineWs();
    if (this.s[this.i] === '#') while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
    if (this.s[this.i] === '\r') this.i++;
    if (this.s[this.i] === '\n') {
      this.i++;
      this.line++;
    } else if (this.i < this.s.length) {
      throw new Error(`TOML: unexpected text at line ${this.line}`);
    }
  }
}

/** Parses TOML text (the subset dependency files use). Throws on malformed input. */
export function parseToml(text: string): { data: Record<string, TomlValue>; lines: Map<string, number> } {
  const reader = new TomlReader(text);
  const data = reader.parse();
  return { data, lines: reader.lines };
}

function get(obj: unknown, path: string[]): unknown {
  let cur: unknown = obj;
  for (const k of path) {
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** A TOML file's data, or undefined when it cannot be read or parsed (the project's file, not ours to fail on). */
function readTomlFile(path: string): ReturnType<typeof parseToml> | undefined {
  const text = readText(path);
  if (text === undefined) return undefined;
  try {
    return parseToml(text);
  } catch {
    return undefined;
  }
}

/** pyproject.toml: PEP 621, PEP 735 dependency groups, Poetry, uv, PDM. */
export function readPyproject(path: string): Requirement[] {
  const parsed = readTomlFile(path);
  if (!parsed) return [];
  const { data, lines } = parsed;
  const out: Requirement[] = [];
  const pep508List = (keyPath: string[]) => {
    const list = get(data, keyPath);
    if (!Array.isArray(list)) return;
    list.forEach((item, idx) => {
      if (typeof item !== 'string') return;
      const req = parseRequirement(item, path, lines.get([...keyPath, idx].join('.')) ?? 1);
      if (req) out.push(req);
    });
  };
  const pep508Groups = (keyPath: string[]) => {
    const groups = get(data, keyPath);
    if (!groups || typeof groups !== 'object' || Array.isArray(groups)) return;
    for (const g of Object.keys(groups)) pep508List([...keyPath, g]);
  };
  pep508List(['project', 'dependencies']);
  pep508Groups(['project', 'optional-dependencies']);
  pep508Groups(['dependency-groups']);
  pep508List(['build-system', 'requires']);
  for (const k of ['dev-dependencies', 'constraint-dependencies', 'override-dependencies']) pep508List(['tool', 'uv', k]);
  pep508Groups(['tool', 'pdm', 'dev-dependencies']);
  const poetryTable = (keyPath: string[]) => {
    const table = get(data, keyPath);
    if (!table || typeof table !== 'object' || Array.isArray(table)) return;
    for (const [name, value] of Object.entries(table as Record<string, TomlValue>)) {
      if (normalizeName(name) === 'python') continue;
      const specs: Array<{ spec: string; line: number; marker?: string }> = [];
      const add = (v: TomlValue, p: string) => {
        if (typeof v === 'string') specs.push({ spec: v, line: lines.get(p) ?? 1 });
        else if (v && typeof v === 'object' && !Array.isArray(v)) {
          const ver = (v as Record<string, TomlValue>).version;
          const marker = (v as Record<string, TomlValue>).markers;
          if (typeof ver === 'string') specs.push({ spec: ver, line: lines.get(`${p}.version`) ?? 1, marker: typeof marker === 'string' ? marker : undefined });
          else specs.push({ spec: '*', line: 1, marker: typeof marker === 'string' ? marker : undefined });
        } else if (Array.isArray(v)) v.forEach((x, i) => add(x, `${p}.${i}`));
      };
      add(value, [...keyPath, name].join('.'));
      for (const { spec, line, marker } of specs) {
        const specifier = poetryToPep440(spec);
        const versions = specifier.includes('||')
          ? specifier.split('||').map((s) => VersionSet.fromSpecifier(s.trim())).reduce<VersionSet | undefined>((a, b) => (a && b ? a.union(b) : undefined), VersionSet.none())
          : VersionSet.fromSpecifier(specifier);
        out.push({ name: normalizeName(name), specifier, versions, marker, file: path, line });
      }
    }
  };
  poetryTable(['tool', 'poetry', 'dependencies']);
  poetryTable(['tool', 'poetry', 'dev-dependencies']);
  const groups = get(data, ['tool', 'poetry', 'group']);
  if (groups && typeof groups === 'object') for (const g of Object.keys(groups)) poetryTable(['tool', 'poetry', 'group', g, 'dependencies']);
  return out;
}

/** Pipfile: `[packages]` and `[dev-packages]` (`torch = ">=2.6"`, `{version = "==2.6.0"}`, `"*"`). */
export function readPipfile(path: string): Requirement[] {
  const parsed = readTomlFile(path);
  if (!parsed) return [];
  const out: Requirement[] = [];
  for (const section of ['packages', 'dev-packages']) {
    const table = parsed.data[section];
    if (!table || typeof table !== 'object' || Array.isArray(table)) continue;
    for (const [name, value] of Object.entries(table)) {
      let spec: string | undefined;
      let marker: string | undefined;
      let line = parsed.lines.get(`${section}.${name}`) ?? 1;
      if (typeof value === 'string') spec = value;
      else if (value && typeof value === 'object' && !Array.isArray(value)) {
        const v = (value as Record<string, TomlValue>).version;
        spec = typeof v === 'string' ? v : '*';
        line = parsed.lines.get(`${section}.${name}.version`) ?? line;
        const mk = (value as Record<string, TomlValue>).markers;
        if (typeof mk === 'string') marker = mk;
      }
      if (spec === undefined) continue;
      const specifier = spec.trim() === '*' ? '' : spec.replace(/\s+/g, '');
      out.push({ name: normalizeName(name), specifier, versions: VersionSet.fromSpecifier(specifier), marker, file: path, line });
    }
  }
  return out;
}

/** setup.cfg: `[options] install_requires` and `[options.extras_require]` (INI continuation lines). */
export function readSetupCfg(path: string): Requirement[] {
  const text = readText(path);
  if (text === undefined) return [];
  const out: Requirement[] = [];
  let section = '';
  let key: string | undefined;
  const lines = text.split(/\r?\n/);
  const wanted = (s: string, k: string | undefined) =>
    (s === 'options' && (k === 'install_requires' || k === 'setup_requires' || k === 'tests_require')) || s === 'options.extras_require';
  const addValue = (value: string, line: number) => {
    const req = parseRequirement(value.replace(/\s+#.*$/, ''), path, line);
    if (req) out.push(req);
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (/^\s*[#;]/.test(raw) || !raw.trim()) continue;
    const sec = /^\[([^\]]+)\]\s*$/.exec(raw);
    if (sec) {
      section = sec[1].trim().toLowerCase();
      key = undefined;
      continue;
    }
    if (/^\s/.test(raw) && key !== undefined) {
      if (wanted(section, key)) {
        const req = parseRequirement(raw.replace(/\s+#.*$/, ''), path, i + 1);
        if (req) out.push(req);
      }
      continue;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!kv) continue;
    key = kv[1].trim().toLowerCase();
    if (wanted(section, key) && kv[2].trim()) addValue(kv[2], i + 1);
  }
  return out;
}

/** setup.py: string literals in the lists given to install_requires / extras_require (static text only). */
export function readSetupPy(path: string): Requirement[] {
  const text = readText(path);
  if (text === undefined) return [];
  const code = maskPythonComments(text);
  const out: Requirement[] = [];
  const lineAt = (offset: number) => text.slice(0, offset).split('\n').length;
  const listAt = (start: number): Array<{ value: string; offset: number }> | undefined => {
    // `start` points at `[` or `(`; returns the string literals when every element is one.
    const open = code[start];
    const close = open === '[' ? ']' : ')';
    const end = matchBracket(code, start);
    if (end < 0) return undefined;
    const body = code.slice(start + 1, end);
    const items: Array<{ value: string; offset: number }> = [];
    const re = /\s*(?:[rRbBuU]?("([^"\\\n]|\\.)*"|'([^'\\\n]|\\.)*'))\s*(?:,|$)/y;
    let pos = 0;
    while (pos < body.length) {
      re.lastIndex = pos;
      const m = re.exec(body);
      if (!m) {
        if (/^\s*$/.test(body.slice(pos))) break;
        return undefined;
      }
      items.push({ value: m[1].slice(1, -1), offset: start + 1 + pos });
      pos = re.lastIndex;
    }
    void close;
    return items;
  };
  const listOfName = (name: string): Array<{ value: string; offset: number }> | undefined => {
    const re = new RegExp(`(?:^|\\n)[ \\t]*${name}\\s*=\\s*([\\[(])`, 'g');
    const m = re.exec(code);
    return m ? listAt(m.index + m[0].length - 1) : undefined;
  };
  const push = (items: Array<{ value: string; offset: number }> | undefined) => {
    for (const it of items ?? []) {
      const req = parseRequirement(it.value, path, lineAt(it.offset));
      if (req) out.push(req);
    }
  };
  const kw = /\b(install_requires|setup_requires|tests_require|extras_require)\s*=\s*/g;
  let m: RegExpExecArray | null;
  while ((m = kw.exec(code))) {
    const at = m.index + m[0].length;
    const ch = code[at];
    if (m[1] === 'extras_require') {
      if (ch === '{') {
        const end = matchBracket(code, at);
        if (end < 0) continue;
        const inner = code.slice(at + 1, end);
        const lists = /:\s*([\[(])/g;
        let lm: RegExpExecArray | null;
        while ((lm = lists.exec(inner))) push(listAt(at + 1 + lm.index + lm[0].length - 1));
        const names = /:\s*([A-Za-z_][A-Za-z0-9_]*)\s*[,}]/g;
        while ((lm = names.exec(inner + '}'))) push(listOfName(lm[1]));
      }
      continue;
    }
    if (ch === '[' || ch === '(') push(listAt(at));
    else {
      const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(code.slice(at));
      if (id) push(listOfName(id[0]));
    }
  }
  return out;
}

/** Replaces comments with spaces (keeps offsets; strings stay as they are). */
function maskPythonComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '#') {
      while (i < text.length && text[i] !== '\n') {
        out += ' ';
        i++;
      }
      continue;
    }
    if (ch === '"' || ch === "'") {
      const triple = text.startsWith(ch.repeat(3), i);
      const q = triple ? ch.repeat(3) : ch;
      let j = i + q.length;
      while (j < text.length && !text.startsWith(q, j)) {
        if (text[j] === '\\') j++;
        else if (!triple && text[j] === '\n') break;
        j++;
      }
      j = Math.min(text.length, j + q.length);
      out += text.slice(i, j);
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function matchBracket(code: string, start: number): number {
  const pairs: Record<string, string> = { '[': ']', '(': ')', '{': '}' };
  const stack: string[] = [];
  for (let i = start; i < code.length; i++) {
    const ch = code[i];
    if (ch === '"' || ch === "'") {
      const triple = code.startsWith(ch.repeat(3), i);
      const q = triple ? ch.repeat(3) : ch;
      let j = i + q.length;
      while (j < code.length && !code.startsWith(q, j)) j += code[j] === '\\' ? 2 : 1;
      i = j + q.length - 1;
      continue;
    }
    if (pairs[ch]) stack.push(pairs[ch]);
    else if (ch === ']' || ch === ')' || ch === '}') {
      if (stack.pop() !== ch) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

/** environment.yml: conda `dependencies:` entries and the nested `- pip:` list. */
export function readEnvironmentYml(path: string): Requirement[] {
  const text = readText(path);
  if (text === undefined) return [];
  const out: Requirement[] = [];
  const lines = text.split(/\r?\n/);
  let inDeps = false;
  let pipIndent = -1;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\s+#.*$/, '').replace(/^#.*$/, '');
    if (!raw.trim()) continue;
    const indent = raw.length - raw.trimStart().length;
    if (indent === 0) {
      inDeps = /^dependencies\s*:\s*$/.test(raw.trim());
      pipIndent = -1;
      continue;
    }
    if (!inDeps) continue;
    const item = /^\s*-\s*(.*)$/.exec(raw);
    if (!item) continue;
    const value = item[1].trim().replace(/^["']|["']$/g, '');
    if (/^pip\s*:/.test(value)) {
      pipIndent = indent;
      continue;
    }
    if (pipIndent >= 0 && indent > pipIndent) {
      const req = parseRequirement(value, path, i + 1);
      if (req) out.push(req);
      continue;
    }
    pipIndent = -1;
    if (value.startsWith('{') || !value) continue;
    const req = parseCondaSpec(value, path, i + 1);
    if (req) out.push(req);
  }
  return out;
}

/**
 * Lock files (`poetry.lock`, `uv.lock`, `pdm.lock`, `Pipfile.lock`): the exact versions that get
 * installed. All entries of one distribution become one requirement (the union of its pinned
 * versions, e.g. a CPU and a CUDA build), which the project intersects with its other constraints.
 */
export function readLockFile(path: string): Requirement[] {
  const text = readText(path, 32 * 1024 * 1024);
  if (text === undefined) return [];
  const pins = new Map<string, { versions: string[]; line: number }>();
  const add = (name: string, version: string, line: number) => {
    const key = normalizeName(name);
    const entry = pins.get(key) ?? { versions: [], line };
    if (!entry.versions.includes(version)) entry.versions.push(version);
    pins.set(key, entry);
  };
  if (path.endsWith('.json') || /Pipfile\.lock$/.test(path)) {
    try {
      const data = JSON.parse(text) as Record<string, unknown>;
      for (const section of ['default', 'develop']) {
        const table = data[section];
        if (!table || typeof table !== 'object') continue;
        for (const [name, info] of Object.entries(table as Record<string, { version?: unknown }>)) {
          const v = typeof info?.version === 'string' ? info.version.replace(/^==/, '') : undefined;
          if (v) add(name, v, 1);
        }
      }
    } catch {
      return [];
    }
  } else {
    // TOML `[[package]]` tables whose first keys are name and version (poetry, uv, pdm all write them so).
    const re = /^\[\[package\]\][ \t]*\r?\nname[ \t]*=[ \t]*"([^"]+)"[ \t]*\r?\nversion[ \t]*=[ \t]*"([^"]+)"/gm;
    for (let m = re.exec(text); m; m = re.exec(text)) add(m[1], m[2], text.slice(0, m.index).split('\n').length + 1);
  }
  const out: Requirement[] = [];
  for (const [name, { versions, line }] of pins) {
    let set: VersionSet | undefined = VersionSet.none();
    for (const v of versions) {
      const one = VersionSet.fromSpecifier(`==${v}`);
      set = set && one ? set.union(one) : undefined;
    }
    out.push({ name, specifier: versions.map((v) => `==${v}`).join(' || '), versions: set, file: path, line });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Project lookup

export type DependencyFileKind = 'requirements' | 'constraints' | 'pyproject' | 'setup.cfg' | 'setup.py' | 'Pipfile' | 'environment.yml' | 'lock';

export interface DependencyFile {
  path: string;
  kind: DependencyFileKind;
  requirements: Requirement[];
}

function classify(name: string): DependencyFileKind | undefined {
  const lower = name.toLowerCase();
  if (/^requirements.*\.(txt|in)$/.test(lower)) return 'requirements';
  if (/^constraints.*\.(txt|in)$/.test(lower)) return 'constraints';
  if (lower === 'pyproject.toml') return 'pyproject';
  if (lower === 'setup.cfg') return 'setup.cfg';
  if (lower === 'setup.py') return 'setup.py';
  if (name === 'Pipfile') return 'Pipfile';
  if (lower === 'environment.yml' || lower === 'environment.yaml') return 'environment.yml';
  if (lower === 'poetry.lock' || lower === 'uv.lock' || lower === 'pdm.lock' || name === 'Pipfile.lock') return 'lock';
  return undefined;
}

function readDependencyFile(path: string, kind: DependencyFileKind): Requirement[] {
  switch (kind) {
    case 'requirements':
    case 'constraints':
      return readRequirementsFile(path);
    case 'pyproject':
      return readPyproject(path);
    case 'setup.cfg':
      return readSetupCfg(path);
    case 'setup.py':
      return readSetupPy(path);
    case 'Pipfile':
      return readPipfile(path);
    case 'environment.yml':
      return readEnvironmentYml(path);
    case 'lock':
      return readLockFile(path);
  }
}

const dirCache = new Map<string, DependencyFile[]>();
const projectCache = new Map<string, ProjectDependencies>();

/** Clears the per-directory caches (for long-running processes and tests). */
export function clearDependencyCache(): void {
  dirCache.clear();
  projectCache.clear();
}

/** The dependency files directly in `dir` (plus `requirements/*.txt`), read once and cached. */
export function dependencyFilesIn(dir: string): DependencyFile[] {
  const abs = resolve(dir);
  const cached = dirCache.get(abs);
  if (cached) return cached;
  const files: DependencyFile[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(abs).sort();
  } catch {
    names = [];
  }
  for (const name of names) {
    const kind = classify(name);
    if (kind) files.push({ path: join(abs, name), kind, requirements: readDependencyFile(join(abs, name), kind) });
  }
  for (const sub of ['requirements', 'constraints']) {
    if (!names.includes(sub)) continue;
    let inner: string[] = [];
    try {
      inner = readdirSync(join(abs, sub)).sort();
    } catch {
      inner = [];
    }
    for (const name of inner) {
      if (!/\.(txt|in)$/i.test(name)) continue;
      const p = join(abs, sub, name);
      files.push({ path: p, kind: sub === 'requirements' ? 'requirements' : 'constraints', requirements: readRequirementsFile(p) });
    }
  }
  dirCache.set(abs, files);
  return files;
}

export interface ProjectDependencies {
  /** Every dependency file found, nearest directory first. */
  readonly files: readonly DependencyFile[];
  /** Every requirement of a distribution (normalized name; `pytorch` and `torch` are the same). */
  requirements(name: string): Requirement[];
  /**
   * The versions of `name` the project allows: the intersection of its unconditional requirements
   * (or, when all carry environment markers, the union of the conditional ones). `undefined` when
   * the project does not name the distribution or a specifier cannot be read.
   */
  allowedVersions(name: string): VersionSet | undefined;
  /** True when the project names `name` and every allowed version is >= `version`. */
  requiresAtLeast(name: string, version: string): boolean;
  /** True when the project names `name` and some allowed version is <= `version`; undefined when it does not name it. */
  allowsAtMost(name: string, version: string): boolean | undefined;
}

function canonical(name: string): string {
  const n = normalizeName(name);
  return n === 'pytorch' ? 'torch' : n;
}

function makeProject(files: DependencyFile[]): ProjectDependencies {
  const byName = new Map<string, Requirement[]>();
  for (const f of files) {
    for (const r of f.requirements) {
      const key = canonical(r.name);
      let list = byName.get(key);
      if (!list) byName.set(key, (list = []));
      list.push(r);
    }
  }
  const allowed = new Map<string, VersionSet | undefined>();
  const allowedVersions = (name: string): VersionSet | undefined => {
    const key = canonical(name);
    if (allowed.has(key)) return allowed.get(key);
    const reqs = byName.get(key) ?? [];
    let result: VersionSet | undefined;
    if (reqs.length > 0 && reqs.every((r) => r.versions)) {
      const plain = reqs.filter((r) => !r.marker);
      if (plain.length > 0) result = plain.reduce((acc, r) => acc.intersect(r.versions!), VersionSet.all());
      else result = reqs.reduce((acc, r) => acc.union(r.versions!), VersionSet.none());
    } else if (reqs.length > 0) {
      // An unreadable specifier (URL without a version, editable checkout): anything may be installed.
      result = VersionSet.all();
    }
    allowed.set(key, result);
    return result;
  };
  return {
    files,
    requirements: (name) => (byName.get(canonical(name)) ?? []).slice(),
    allowedVersions,
    requiresAtLeast(name, version) {
      const set = allowedVersions(name);
      return !!set && !set.isEmpty() && set.allAtLeast(version);
    },
    allowsAtMost(name, version) {
      const set = allowedVersions(name);
      if (!set) return undefined;
      return set.someAtMost(version);
    },
  };
}

/**
 * The dependency files that govern a source file in `dir`: every directory from `dir` up to
 * `root` (inclusive) when `dir` is inside `root`; otherwise from `dir` upward to the nearest
 * directory that holds a dependency file (or a `.git`). Cached per (dir, root).
 */
export function findProjectDependencies(dir: string, options: { root?: string } = {}): ProjectDependencies {
  const start = resolve(dir);
  const root = options.root ? resolve(options.root) : undefined;
  const key = `${start}\0${root ?? ''}`;
  const cached = projectCache.get(key);
  if (cached) return cached;
  const files: DependencyFile[] = [];
  const inside = root !== undefined && (start === root || (!relative(root, start).startsWith('..') && !isAbsolute(relative(root, start))));
  let cur = start;
  for (let depth = 0; depth < 64; depth++) {
    const here = dependencyFilesIn(cur);
    files.push(...here);
    if (inside) {
      if (cur === root) break;
    } else if (here.length > 0 || existsSync(join(cur, '.git'))) {
      break;
    }
    const parent = dirname(cur);
    if (parent === cur) break;
    cur = parent;
  }
  const project = makeProject(files);
  projectCache.set(key, project);
  return project;
}
