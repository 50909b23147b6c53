/**
 * Cross-file constants for `--depth deep`: the value a relative module of the project gives a name
 * it exports (`import { MODEL_URL } from './config.js'`, `import * as cfg from '../config'` …
 * `cfg.MODEL_URL`, `const { MODEL_URL } = require('./config')`), or that a module a TypeScript path
 * alias (`import { MODEL_ID } from '@/config'`, see `PathAliases`) or a `package.json` subpath import
 * (`import { MODEL_ID } from '#config'`, see `PackageImports`) maps to gives it. The module's file
 * is found on disk as Node and TypeScript bundlers resolve a relative specifier, read and parsed —
 * never imported or run. Packages are not followed, and no file outside the project is read
 * (`ProjectBounds`): a module there is not known.
 *
 * A module is parsed at most once per thread: the values of its exports are worked out (each when
 * first asked, or when the question that read the module is answered) and kept with the file's size
 * and modification time, its tree is freed. `refresh` is called before each file is parsed (a scan,
 * or a long-lived process such as an editor): which files exist is checked again, and a module whose
 * file, or a module it read, changed is read again.
 */
import { readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { importClosure, UNKNOWN, type ConstantValue, type ImportedFile, type Unknown } from '@oculum/core';
import { isImportsSpecifier, PackageImports } from './package-imports.js';
import { MODULE_EXTENSIONS, PathAliases, READABLE, resolvePath } from './path-aliases.js';
import { insideProject, ProjectBounds, type Stat } from './project-root.js';
import type { JsSourceCode, StringBounds } from './source-code.js';
import type { JsNode } from './types.js';

/** A module file larger than this is not read for its constants (bundles, generated tables). */
export const MAX_MODULE_BYTES = 512 * 1024;
/**
 * Exports worked out inside one another's answers before the question is put aside: what was cut
 * short is worked out first, on its own, and the question asked again (at most `MAX_PASSES` times).
 */
const MAX_NESTING = 32;
const MAX_PASSES = 16;
/** Modules followed inside one another (re-exports of re-exports) before giving up. */
const MAX_HOPS = 64;
export { MODULE_EXTENSIONS };

/** What an importing file may learn of a value another module exports (see `JsSourceCode.exportedValue`). */
export interface ImportedValue {
  /** The constant, or `UNKNOWN`. */
  value: ConstantValue | Unknown;
  /** The constant may be replaced by a value the analysis cannot see (`knownValues`' `others`). */
  open?: boolean;
  /** `possibleConstants`, when the value is not one constant. */
  choices?: ConstantValue[];
  /** `knownValues`, when the value is not one constant. */
  known?: { values: ConstantValue[]; others: boolean };
  /** `stringBounds`, when the value is not one constant and some of its text is known. */
  bounds?: StringBounds;
}

/**
 * A module and a member path below what the import gives: `import { A }` → `['A']`, a default import
 * → `['default']`, a namespace import or a `require()` → `[]`. `esm`: an ES import (or `import()`),
 * under which a CommonJS module's default export is its `module.exports`.
 */
export interface ModuleTarget {
  specifier: string;
  path: string[];
  esm: boolean;
}

/** Where an exported name's value comes from (see `JsSourceCode.moduleExports`). */
export type ExportSource =
  /** an expression or declared name of the module (`export const A = …`, `exports.A = …`) */
  | { kind: 'local'; node: JsNode }
  /** a re-export (`export { A } from './b'`, `import { A } from './b'; export { A }`) */
  | { kind: 'from'; target: ModuleTarget }
  /** exported, with no value to read (a function, a class, a member set in a way not followed) */
  | { kind: 'none' };

/** What a module exports, as its own code says. */
export interface ModuleExports {
  format: 'esm' | 'cjs';
  names: Map<string, ExportSource>;
  /** ES modules: the specifiers of `export * from '…'`. */
  stars: string[];
  /** CommonJS: the value `module.exports` is set to, once, and whose members are not set after. */
  whole?: JsNode;
  /** CommonJS: the module says it is a compiled ES module (`__esModule`): a default import reads `exports.default`. */
  esModule: boolean;
  /** CommonJS: names may be set in ways not followed (`exports[k] = v`, `Object.assign(exports, …)`): a name not listed is not known. */
  open: boolean;
}

export function isRelativeSpecifier(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');
}

interface Entry {
  kind: 'local' | 'from' | 'none';
  /** `local`, until its value is worked out. */
  node?: JsNode;
  target?: ModuleTarget;
  /** `local`: the value once worked out (`null`: nothing known). */
  value?: ImportedValue | null;
  /** A value cut short by the nesting limit, kept for the question being answered (see `generation`). */
  provisional?: { generation: number; value: ImportedValue | null };
}

interface ModuleRecord {
  file: string;
  /** Size, modification time and inode of the file read. */
  signature: string;
  /** Which reading of the file this is (a module read again gets a new one). */
  version: number;
  format: 'esm' | 'cjs' | 'json';
  names: Map<string, Entry>;
  stars: string[];
  whole?: Entry;
  esModule: boolean;
  open: boolean;
  /** The parsed module, until the values of all its exports are worked out. */
  sc?: JsSourceCode;
  /** Names whose value is being worked out (`''`: the whole `module.exports`). */
  busy: Set<string>;
  /** Modules whose answers the values worked out here used, with the reading they came from. */
  deps: Map<string, number>;
  /** Specifiers resolved while working them out (`dir\0specifier` → file). */
  resolutions: Map<string, string | undefined>;
}

/**
 * Where the specifiers of a file lead, inside its project only (`ProjectBounds`): a relative one as
 * `resolveSpecifier` finds it, any other through the path aliases of the nearest `tsconfig.json` /
 * `jsconfig.json` (`PathAliases`), then — a `#` one — through the `imports` of the nearest
 * `package.json` (`PackageImports`), as TypeScript looks at `paths` first. `stat` says what is on disk.
 */
export class ModuleResolver {
  readonly bounds: ProjectBounds;
  readonly aliases: PathAliases;
  readonly packageImports: PackageImports;
  readonly isFile = (file: string): boolean => this.stat(file)?.isFile() ?? false;

  constructor(private readonly stat: Stat) {
    this.bounds = new ProjectBounds(stat);
    this.aliases = new PathAliases(stat, this.bounds);
    this.packageImports = new PackageImports(stat, this.bounds);
  }

  /** Forgets what was found on disk. */
  refresh(): void {
    this.aliases.refresh();
    this.bounds.refresh();
  }

  /** The file of the project `specifier` names from directory `dir` (`undefined`: none, or outside the project). */
  resolve(dir: string, specifier: string): string | undefined {
    if (isRelativeSpecifier(specifier)) return this.relative(dir, specifier);
    return this.aliases.resolve(dir, specifier, this.isFile) ?? this.packageImports.resolve(dir, specifier, this.isFile);
  }

  /**
   * The file a relative specifier names from `dir` (`resolveSpecifier`) when it is inside the project
   * by its path and its real path: `'../../../etc/x'` and a link out of the project name none.
   */
  relative(dir: string, specifier: string): string | undefined {
    if (!isRelativeSpecifier(specifier)) return undefined;
    const root = this.bounds.projectRoot(dir);
    // (not even looked for outside)
    if (!insideProject(root, path.resolve(dir, specifier))) return undefined;
    const file = resolveSpecifier(dir, specifier, this.isFile);
    return file && this.bounds.inside(root, file) ? file : undefined;
  }
}

type Parse = (text: string, file: string) => JsSourceCode;

/** The exports of the relative modules of a project, as the files of the current thread ask for them. */
export class ProjectModules {
  private readonly records = new Map<string, ModuleRecord>();
  /** `stat` of a path, since the last `refresh` (`null`: none). */
  private readonly stats = new Map<string, Stats | null>();
  private readonly resolved = new Map<string, string | undefined>();
  /** Records checked against the disk since the last `refresh`. */
  private readonly checked = new Map<ModuleRecord, boolean>();
  /** Records whose exports are being worked out, innermost last. */
  private readonly stack: ModuleRecord[] = [];
  /** Records read while answering the current question, whose trees go once it is answered. */
  private live: ModuleRecord[] = [];
  private finalizing = false;
  private nesting = 0;
  /** How many times a question went deeper than `MAX_NESTING` (an answer cut short is not kept). */
  private truncations = 0;
  /** Exports whose value was cut short, to be worked out on their own before the question is asked again (see `settle`). */
  private pending: Array<{ rec: ModuleRecord; name: string; entry: Entry }> = [];
  /** Exports being worked out inside one another. */
  private depth = 0;
  /** Counts the questions asked from the top: an answer cut short is kept for the one being asked only. */
  private generation = 0;
  private versions = 0;
  /** Relative specifiers, path aliases and subpath imports, bounded to the project. */
  private readonly resolver = new ModuleResolver((f) => this.stat(f));

  constructor(private readonly parse: Parse) {}

  /** Forgets which files exist (called for each file a scan parses; a module's values stay while its files are unchanged). */
  refresh(): void {
    this.stats.clear();
    this.resolved.clear();
    this.checked.clear();
    this.resolver.refresh();
  }

  /**
   * What the module `target.specifier` (relative to `fromFile`, a path alias or a subpath import) gives `target.path`:
   * its exported constant, or what is known of it; `undefined` for a package, a module not found, a
   * name it does not export or whose value is not known, and a namespace (`path` `[]` of an ES module).
   */
  valueOf(fromFile: string, target: ModuleTarget): ImportedValue | undefined {
    const dir = path.dirname(path.resolve(fromFile));
    if (this.stack.length > 0 || this.finalizing) return this.follow(dir, target, new Set());
    try {
      return this.settle(() => this.follow(dir, target, new Set()));
    } finally {
      this.finalize();
    }
  }

  /**
   * Asks `question` until no answer on the way was cut short by `MAX_NESTING` (exports worked out
   * inside one another, a chain of more modules than that): each time, the exports cut short are
   * worked out on their own first and kept, so the next pass gets further. The answer is then the
   * same whichever module was read first, and the stack stays shallow.
   */
  private settle<T>(question: () => T): T {
    for (let pass = 0; ; pass++) {
      this.generation++;
      const before = this.truncations;
      const answer = question();
      if (this.truncations === before || pass >= MAX_PASSES) {
        this.pending = [];
        return answer;
      }
      // (in the order they were cut short: those found while working out earlier ones, deeper, first)
      for (const { rec, name, entry } of this.pending.splice(0)) {
        this.generation++;
        this.entryValue(rec, name, entry);
      }
    }
  }

  /**
   * The file of the project a specifier names from directory `dir` (`ModuleResolver.resolve`): a
   * relative one as `resolveSpecifier` finds it (the exact file, a JS/TS or JSON file, then with each
   * of `MODULE_EXTENSIONS`, then the TypeScript source of a `.js`/`.jsx`/`.mjs`/`.cjs` specifier, then
   * `index` with each extension in the directory it names), any other through the path aliases of the
   * nearest `tsconfig.json` / `jsconfig.json`, then a `#` one through the nearest `package.json`'s
   * `imports`; never a file outside the project.
   */
  resolve(dir: string, specifier: string): string | undefined {
    const key = `${dir}\0${specifier}`;
    let file: string | undefined;
    if (this.resolved.has(key)) file = this.resolved.get(key);
    else {
      file = this.lookUp(dir, specifier);
      this.resolved.set(key, file);
    }
    this.stack.at(-1)?.resolutions.set(key, file);
    return file;
  }

  /** `resolve` without the table of this refresh. */
  private lookUp(dir: string, specifier: string): string | undefined {
    return this.resolver.resolve(dir, specifier);
  }

  /**
   * The project's module files `file` imports through relative specifiers, path aliases and subpath
   * imports, directly or through them (at most `limit`), each with its size and modification time,
   * the specifiers that name no file (relative ones, those a `paths` pattern matches, `#` ones), the
   * config files the aliases of each importing file come from (the nearest `tsconfig.json` /
   * `jsconfig.json` and those it extends; the place of the one looked for when there is none), and,
   * for a file with a `#` specifier, the nearest `package.json` (or the place of the one looked for):
   * what the answers of a file parsed at deep may read, for the `--cache` key. Imports are read from
   * the code text (comments left out), not parsed; files outside the project are not listed, nor read.
   */
  importedModules(file: string, codeTextOf: (text: string, file: string) => string, limit = 256): string[] {
    // (what is on disk now: a table of its own, not the one of the file being parsed)
    const stats = new Map<string, Stats | null>();
    const stat = (f: string): Stats | null => {
      let info = stats.get(f);
      if (info === undefined) {
        try {
          info = statSync(f);
        } catch {
          info = null;
        }
        stats.set(f, info);
      }
      return info;
    };
    const resolver = new ModuleResolver(stat);
    const { aliases, packageImports } = resolver;
    return importClosure(
      path.resolve(file),
      (current, text) => {
        const dir = path.dirname(current);
        const out: ImportedFile[] = [];
        let bare = false;
        let hash = false;
        for (const specifier of moduleSpecifiers(codeTextOf(text, current))) {
          const found = resolver.resolve(dir, specifier);
          // a JSON module holds values, not imports: listed, not followed
          if (found) out.push({ file: found, follow: path.extname(found).toLowerCase() !== '.json' });
          if (isRelativeSpecifier(specifier)) {
            if (!found) out.push({ missing: path.resolve(dir, specifier) });
            continue;
          }
          bare = true;
          if (isImportsSpecifier(specifier)) hash = true;
          if (!found && (aliases.matches(dir, specifier) || isImportsSpecifier(specifier))) out.push({ missing: `${dir}${path.sep}${specifier}` });
        }
        // where a non-relative specifier may lead depends on the configs (a package's name may become an alias)
        if (bare) {
          const options = aliases.optionsFor(dir);
          if (options) for (const config of options.files) out.push({ file: config, follow: false });
          else {
            const { config } = aliases.nearestConfig(dir);
            out.push(config ? { file: config, follow: false } : { missing: path.join(dir, 'tsconfig.json') });
          }
        }
        // and where a `#` one leads, on the nearest package.json's `imports`
        if (hash) {
          const pkg = packageImports.nearestPackageJson(dir);
          out.push(pkg ? { file: pkg, follow: false } : { missing: path.join(dir, 'package.json') });
        }
        return out;
      },
      limit,
      MAX_MODULE_BYTES,
    );
  }

  private stat(file: string): Stats | null {
    let info = this.stats.get(file);
    if (info === undefined) {
      try {
        info = statSync(file);
      } catch {
        info = null;
      }
      this.stats.set(file, info);
    }
    return info;
  }

  private follow(dir: string, target: ModuleTarget, seen: Set<string>): ImportedValue | undefined {
    if (this.nesting >= MAX_HOPS) {
      this.truncations++;
      return undefined;
    }
    const file = this.resolve(dir, target.specifier);
    const rec = file ? this.record(file) : undefined;
    if (!rec) return undefined;
    this.nesting++;
    try {
      return this.member(rec, target.path, target.esm, seen);
    } finally {
      this.nesting--;
    }
  }

  /** What `path` reads in the module of `rec` (see `valueOf`). `seen`: names being followed through re-exports. */
  private member(rec: ModuleRecord, memberPath: readonly string[], esm: boolean, seen: Set<string>): ImportedValue | undefined {
    let p = memberPath;
    if (rec.format !== 'esm') {
      // CommonJS and JSON: `module.exports` is the namespace, and the default export of an ES import
      if (esm && p[0] === 'default' && !rec.esModule) p = p.slice(1);
      if (p.length === 0) return this.entryValue(rec, '', rec.whole);
      const entry = rec.names.get(p[0]);
      if (entry) return navigate(this.entryValue(rec, p[0], entry), p.slice(1));
      return rec.open ? undefined : navigate(this.entryValue(rec, '', rec.whole), p);
    }
    if (p.length === 0) return undefined;
    const [name, ...rest] = p;
    const key = `${rec.file}\0${name}`;
    // `export * from './a'` in b and `export * from './b'` in a
    if (seen.has(key)) return undefined;
    seen.add(key);
    try {
      const entry = rec.names.get(name);
      if (entry) {
        if (entry.kind === 'from') return this.follow(path.dirname(rec.file), { ...entry.target!, path: [...entry.target!.path, ...rest] }, seen);
        return entry.kind === 'local' ? navigate(this.entryValue(rec, name, entry), rest) : undefined;
      }
      if (name === 'default') return undefined;
      // `export * from …`: the one module among them that exports the name (two: ambiguous, not exported)
      let found: ModuleRecord | undefined;
      for (const specifier of rec.stars) {
        const file = this.resolve(path.dirname(rec.file), specifier);
        const r = file ? this.record(file) : undefined;
        if (!r || r === found || !this.exportsName(r, name, new Set())) continue;
        if (found) return undefined;
        found = r;
      }
      if (!found) return undefined;
      if (this.nesting >= MAX_HOPS) {
        this.truncations++;
        return undefined;
      }
      this.nesting++;
      try {
        return this.member(found, p, true, seen);
      } finally {
        this.nesting--;
      }
    } finally {
      seen.delete(key);
    }
  }

  /** Does the module export `name` (whatever its value)? For `export *`. */
  private exportsName(rec: ModuleRecord, name: string, visited: Set<ModuleRecord>): boolean {
    if (rec.names.has(name)) return true;
    if (visited.has(rec) || visited.size >= MAX_HOPS) return false;
    visited.add(rec);
    if (rec.format !== 'esm') {
      if (rec.open) return true;
      const whole = this.entryValue(rec, '', rec.whole)?.value;
      return whole !== undefined && whole !== UNKNOWN && whole !== null && typeof whole === 'object' && !Array.isArray(whole) && Object.prototype.hasOwnProperty.call(whole, name);
    }
    return rec.stars.some((specifier) => {
      const file = this.resolve(path.dirname(rec.file), specifier);
      const r = file ? this.record(file) : undefined;
      return r !== undefined && this.exportsName(r, name, visited);
    });
  }

  /** The value of a local export, worked out the first time it is asked (`undefined`: nothing known). */
  private entryValue(rec: ModuleRecord, name: string, entry: Entry | undefined): ImportedValue | undefined {
    if (!entry || entry.kind !== 'local') return undefined;
    if (entry.value !== undefined) return entry.value ?? undefined;
    if (entry.provisional?.generation === this.generation) return entry.provisional.value ?? undefined;
    // a value that depends on itself (through other modules), or a tree already freed
    if (!rec.sc || !entry.node || rec.busy.has(name)) return undefined;
    if (this.depth >= MAX_NESTING) {
      this.truncations++;
      this.pending.push({ rec, name, entry });
      return undefined;
    }
    rec.busy.add(name);
    this.stack.push(rec);
    this.depth++;
    // (worked out on its own: from the top, as `settle` and `finalize` ask)
    const nesting = this.nesting;
    this.nesting = 0;
    const truncations = this.truncations;
    let value: ImportedValue | null = null;
    try {
      value = rec.sc.exportedValue(entry.node) ?? null;
    } catch {
      value = null;
    } finally {
      this.nesting = nesting;
      this.depth--;
      this.stack.pop();
      rec.busy.delete(name);
    }
    // an answer cut short by the nesting limit depends on where the question started: not kept
    if (this.truncations === truncations) {
      entry.value = value;
      entry.node = undefined;
      entry.provisional = undefined;
    } else entry.provisional = { generation: this.generation, value };
    return value ?? undefined;
  }

  /** The module read from `file`: the one kept when neither it nor a module it read changed, else read now. */
  private record(file: string): ModuleRecord | undefined {
    let rec = this.records.get(file);
    if (!rec || !this.upToDate(rec)) rec = this.read(file);
    if (rec) this.stack.at(-1)?.deps.set(file, rec.version);
    return rec;
  }

  private upToDate(rec: ModuleRecord): boolean {
    const known = this.checked.get(rec);
    if (known !== undefined) return known;
    // (in a cycle of modules, each is taken to be up to date while the others are checked)
    this.checked.set(rec, true);
    let ok = signatureOf(this.stat(rec.file)) === rec.signature;
    if (ok) {
      for (const [key, file] of rec.resolutions) {
        const [dir, specifier] = key.split('\0');
        if (this.lookUp(dir, specifier) !== file) {
          ok = false;
          break;
        }
      }
    }
    if (ok) {
      for (const [file, version] of rec.deps) {
        const dep = this.records.get(file);
        if (!dep || dep.version !== version || !this.upToDate(dep)) {
          ok = false;
          break;
        }
      }
    }
    this.checked.set(rec, ok);
    return ok;
  }

  private read(file: string): ModuleRecord | undefined {
    const info = this.stat(file);
    if (!info?.isFile()) return undefined;
    const rec: ModuleRecord = {
      file,
      signature: signatureOf(info),
      version: ++this.versions,
      format: 'esm',
      names: new Map(),
      stars: [],
      esModule: false,
      open: false,
      busy: new Set(),
      deps: new Map(),
      resolutions: new Map(),
    };
    this.records.set(file, rec);
    this.checked.set(rec, true);
    const ext = path.extname(file).toLowerCase();
    if (info.size > MAX_MODULE_BYTES || !READABLE.has(ext)) return rec;
    try {
      let text = readFileSync(file, 'utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (ext === '.json') {
        rec.format = 'json';
        rec.whole = { kind: 'local', value: { value: JSON.parse(text) as ConstantValue } };
        return rec;
      }
      const sc = this.parse(text, file);
      const exports = sc.moduleExports();
      rec.format = exports.format;
      rec.stars = exports.stars;
      rec.esModule = exports.esModule;
      rec.open = exports.open;
      for (const [name, source] of exports.names) rec.names.set(name, toEntry(source));
      if (exports.whole) rec.whole = { kind: 'local', node: exports.whole };
      rec.sc = sc;
      this.live.push(rec);
    } catch {
      // unreadable or not JSON: no exports
      rec.names.clear();
      rec.whole = undefined;
      rec.open = true;
    }
    return rec;
  }

  /**
   * Once a question is answered: the values of every export of the modules read on the way are
   * worked out (each module is parsed once), and their trees freed.
   */
  private finalize(): void {
    this.finalizing = true;
    try {
      // (working them out may read more modules: they join the list)
      for (let i = 0; i < this.live.length; i++) {
        const rec = this.live[i];
        for (const [name, entry] of [...rec.names, ['', rec.whole] as const]) {
          if (!entry || entry.value !== undefined) continue;
          this.settle(() => this.entryValue(rec, name, entry));
          // (still cut short after every pass: a chain of hundreds of modules)
          if (entry.value === undefined && entry.kind === 'local') entry.value = entry.provisional?.value ?? null;
        }
      }
    } finally {
      for (const rec of this.live) {
        rec.sc = undefined;
        for (const entry of [...rec.names.values(), rec.whole]) {
          if (!entry) continue;
          entry.node = undefined;
          entry.provisional = undefined;
        }
      }
      this.live = [];
      this.finalizing = false;
    }
  }
}

function toEntry(source: ExportSource): Entry {
  if (source.kind === 'local') return { kind: 'local', node: source.node };
  if (source.kind === 'from') return { kind: 'from', target: source.target };
  return { kind: 'none' };
}

function signatureOf(info: Stats | null): string {
  return info ? `${info.size}:${info.mtimeMs}:${info.ino}` : 'gone';
}

/** A member of a constant value (own members only; an array's `length` and elements). */
function navigate(value: ImportedValue | undefined, rest: readonly string[]): ImportedValue | undefined {
  if (!value || rest.length === 0) return value;
  let v: ConstantValue | Unknown = value.value;
  for (const key of rest) {
    if (v === UNKNOWN || v === null || typeof v !== 'object') return undefined;
    if (Array.isArray(v)) v = key === 'length' ? v.length : /^\d+$/.test(key) && Number(key) < v.length ? v[Number(key)] : UNKNOWN;
    else v = Object.prototype.hasOwnProperty.call(v, key) ? (v as Record<string, ConstantValue>)[key] : UNKNOWN;
  }
  return v === UNKNOWN ? undefined : { value: v, open: value.open };
}

/**
 * The file a relative specifier names from directory `dir` (see `resolvePath`); `undefined` for any
 * other specifier. Not bounded: `ModuleResolver.relative` keeps it to the project.
 */
export function resolveSpecifier(dir: string, specifier: string, isFile: (file: string) => boolean): string | undefined {
  if (!isRelativeSpecifier(specifier)) return undefined;
  return resolvePath(path.resolve(dir, specifier), specifier.endsWith('/') || specifier === '.' || specifier === '..', isFile);
}

/**
 * The relative specifiers of a file's imports, re-exports, `require` and `import()` calls, read from
 * its code text: every string after `from`, `import`, `require(` or `import(` that starts with `./`
 * or `../` (more than the analysis follows: a key that changes too often is only a cache miss).
 */
export function relativeSpecifiers(code: string): string[] {
  return moduleSpecifiers(code).filter(isRelativeSpecifier);
}

/**
 * The specifiers of a file's imports, re-exports, `require` and `import()` calls, read from its code
 * text as `relativeSpecifiers` reads them, whatever they start with (packages, path aliases).
 */
export function moduleSpecifiers(code: string): string[] {
  const out = new Set<string>();
  for (const m of code.matchAll(/(?:\bfrom|\bimport|\brequire\s*\(|\bimport\s*\()\s*(['"`])([^'"`\r\n]{1,1024})\1/g)) out.add(m[2]);
  return [...out];
}
