/**
 * TypeScript path aliases for `--depth deep`: the file a non-relative specifier names through the
 * `compilerOptions.paths` / `baseUrl` of the nearest `tsconfig.json` or `jsconfig.json` above the
 * importing file (`import { MODEL_ID } from '@/config'` with `"paths": { "@/*": ["./src/*"] }`), as
 * TypeScript's module resolution finds it. Config files are read as data (JSON with comments and
 * trailing commas), never run; `extends` is followed through relative files only, a few levels.
 *
 * Only the project is read (`ProjectBounds`: the repository holding the importing file, else the
 * outermost directory above it holding a `package.json`, `tsconfig.json` or `jsconfig.json`): it
 * bounds every file read — the config, those `extends` names and the targets of aliases — and nothing
 * under a `node_modules` directory is, both by the path as written and by the real path (symbolic
 * links resolved in the file's path and in the root's): a link out of the project or into a
 * `node_modules` directory is not followed, one to another place in it is. No config is looked for
 * above the repository's root. A config that is too large, too deeply nested, not JSON, or whose
 * `extends` goes round, too deep or outside the project gives no alias at all: the import stays
 * unresolved, its values unknown, as without the config.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { insideProject, ProjectBounds, type Stat } from './project-root.js';

/** The config files looked for in each directory, in this order. */
export const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];
/** A config file larger than this is not read (real ones are a few KiB). */
export const MAX_CONFIG_BYTES = 256 * 1024;
/** Configs followed through `extends`, the config itself included. */
export const MAX_EXTENDS = 8;
/** Objects and arrays nested in a config before it is given up. */
const MAX_JSON_NESTING = 64;
/** Config files read for one directory's options, through every `extends` (a diamond of bases counts each time). */
const MAX_CONFIG_READS = 32;
/** Patterns of `paths` kept, and targets tried per pattern. */
const MAX_PATTERNS = 1024;
const MAX_TARGETS = 32;
/** A specifier longer than this is not looked up. */
export const MAX_SPECIFIER = 1024;

/** The extensions a specifier without one may name, in the order they are tried. */
export const MODULE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** A `.js` specifier may name the TypeScript file it is compiled from (TypeScript's NodeNext, bundlers). */
const TS_SOURCES: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };
/** Files read as modules: JavaScript/TypeScript, and JSON named with its extension. */
export const READABLE = new Set([...MODULE_EXTENSIONS, '.json']);

/** One `paths` pattern: an exact name (`suffix` undefined) or `prefix*suffix`, with its targets. */
interface Pattern {
  prefix: string;
  suffix?: string;
  targets: string[];
}

/** What the nearest config says about non-relative specifiers. */
export interface AliasOptions {
  /** The config files read: the nearest one and those it extends. */
  files: string[];
  /** The project's root (`ProjectBounds.projectRoot`): every file read must be inside. */
  root: string;
  /** Absolute `baseUrl`. */
  baseUrl?: string;
  /** `paths`, and the directory its targets are relative to (`baseUrl`, else the config that sets `paths`). */
  paths?: { base: string; patterns: Pattern[] };
}

/** What a config file says, as read (before `extends`). */
interface RawConfig {
  file: string;
  extends: string[];
  baseUrl?: string;
  paths?: Pattern[];
}

/** Parsed configs by file, with the size, modification time and inode they were read at. */
const parsedConfigs = new Map<string, { signature: string; config: RawConfig | null }>();

/**
 * The aliases of the configs of a project. `stat` says what is on disk (a caller may cache it for
 * the time it trusts the disk not to change); the parsed config files are kept while unchanged.
 */
export class PathAliases {
  /** The options of a directory (`null`: none), since the last `refresh`. */
  private readonly options = new Map<string, AliasOptions | null>();

  /** `bounds`: the project's bounds, shared with the other resolutions of the caller (its `refresh` is the caller's). */
  constructor(
    private readonly stat: Stat,
    private readonly bounds: ProjectBounds = new ProjectBounds(stat),
  ) {}

  /** Forgets what was found on disk (configs are read again when their file changed). */
  refresh(): void {
    this.options.clear();
    this.bounds.refresh();
  }

  /**
   * The file `specifier`, imported from a file of directory `dir`, names through the aliases of the
   * nearest config: the first target of the `paths` pattern it matches (an exact one, else the one
   * with the longest prefix) that names a file (tried as `resolvePath` tries a path), else — only when
   * no pattern matches — the file it names under `baseUrl`. `undefined` for a relative specifier, a
   * specifier no alias maps to a file of the project, and when there is no (usable) config.
   */
  resolve(dir: string, specifier: string, isFile: (file: string) => boolean): string | undefined {
    if (!isAliasCandidate(specifier)) return undefined;
    const options = this.optionsFor(dir);
    if (!options) return undefined;
    const found = (candidate: string): string | undefined => {
      if (!insideProject(options.root, candidate)) return undefined;
      const file = resolvePath(candidate, candidate.endsWith('/') || candidate.endsWith(path.sep), isFile);
      return file && this.inside(options.root, file) ? file : undefined;
    };
    const matched = options.paths && matchPattern(options.paths.patterns, specifier);
    if (matched) {
      const [pattern, star] = matched;
      for (const target of pattern.targets) {
        const file = found(joinKeepingSlash(options.paths!.base, star === undefined ? target : target.replace('*', star)));
        if (file) return file;
      }
      // (TypeScript looks no further than the pattern that matched: not under `baseUrl`)
      return undefined;
    }
    return options.baseUrl !== undefined ? found(joinKeepingSlash(options.baseUrl, specifier)) : undefined;
  }

  /** Does a `paths` pattern of the nearest config match `specifier` (whether or not a target is found)? */
  matches(dir: string, specifier: string): boolean {
    if (!isAliasCandidate(specifier)) return false;
    const patterns = this.optionsFor(dir)?.paths?.patterns;
    return patterns !== undefined && matchPattern(patterns, specifier) !== undefined;
  }

  /** The options of the nearest config above a file of `dir` (`undefined`: none, or not usable). */
  optionsFor(dir: string): AliasOptions | undefined {
    let known = this.options.get(dir);
    if (known === undefined) {
      known = this.compute(dir) ?? null;
      this.options.set(dir, known);
    }
    return known ?? undefined;
  }

  /**
   * The nearest config file above a file of `dir` (`tsconfig.json` before `jsconfig.json` in one
   * directory), not above the repository's root, and the project's root (`ProjectBounds.projectRoot`).
   */
  nearestConfig(dir: string): { config?: string; root: string } {
    const root = this.bounds.projectRoot(dir);
    for (const current of this.bounds.ancestors(dir).dirs) {
      const config = CONFIG_NAMES.map((name) => path.join(current, name)).find((f) => this.stat(f)?.isFile());
      if (config) return { config, root };
    }
    return { root };
  }

  private compute(dir: string): AliasOptions | undefined {
    const { config, root } = this.nearestConfig(dir);
    if (!config) return undefined;
    const files: string[] = [];
    const configDir = path.dirname(config);
    let baseUrl: string | undefined;
    let paths: { from: string; patterns: Pattern[] } | undefined;
    // Depth first, bases before the config that extends them: later ones override earlier ones.
    let reads = 0;
    const visit = (file: string, chain: string[]): boolean => {
      if (++reads > MAX_CONFIG_READS || chain.includes(file) || chain.length >= MAX_EXTENDS || !this.inside(root, file)) return false;
      const raw = this.read(file);
      if (!raw) return false;
      files.push(file);
      for (const base of raw.extends) {
        const baseFile = this.extendedFile(path.dirname(file), base);
        if (baseFile === null) continue; // a package's config: not read (it lives in node_modules)
        if (baseFile === undefined || !visit(baseFile, [...chain, file])) return false;
      }
      const here = path.dirname(file);
      if (raw.baseUrl !== undefined) baseUrl = path.resolve(here, substituteConfigDir(raw.baseUrl, configDir));
      if (raw.paths) paths = { from: here, patterns: raw.paths };
      return true;
    };
    if (!visit(config, [])) return undefined;
    if (baseUrl === undefined && !paths) return undefined;
    const options: AliasOptions = { files, root };
    if (baseUrl !== undefined) options.baseUrl = baseUrl;
    if (paths) {
      const patterns = paths.patterns.map((p) => ({ ...p, targets: p.targets.map((t) => substituteConfigDir(t, configDir)) }));
      options.paths = { base: baseUrl ?? paths.from, patterns };
    }
    return options;
  }

  /** Is `file` in the project of `root`, by its path and its real path (`ProjectBounds.inside`)? */
  private inside(root: string, file: string): boolean {
    return this.bounds.inside(root, file);
  }

  /**
   * The file an `extends` entry names: a relative or absolute path (with `.json` added when the
   * name is not a file and does not end with it, as TypeScript does); `null` for a package name,
   * which TypeScript looks for in node_modules; `undefined` when the file is not there.
   */
  private extendedFile(dir: string, name: string): string | null | undefined {
    if (!(name.startsWith('./') || name.startsWith('../') || name === '.' || name === '..' || path.isAbsolute(name))) return null;
    const file = path.resolve(dir, name);
    if (this.stat(file)?.isFile()) return file;
    if (!file.toLowerCase().endsWith('.json') && this.stat(`${file}.json`)?.isFile()) return `${file}.json`;
    return undefined;
  }

  /** A config file as read (kept while its size, modification time and inode stay); `undefined` when it is not usable. */
  private read(file: string): RawConfig | undefined {
    const info = this.stat(file);
    if (!info?.isFile()) return undefined;
    const signature = `${info.size}:${info.mtimeMs}:${info.ino}`;
    const kept = parsedConfigs.get(file);
    if (kept?.signature === signature) return kept.config ?? undefined;
    let config: RawConfig | null = null;
    if (info.size <= MAX_CONFIG_BYTES) {
      try {
        config = rawConfig(file, parseJsonc(readFileSync(file, 'utf8')));
      } catch {
        config = null;
      }
    }
    parsedConfigs.set(file, { signature, config });
    return config ?? undefined;
  }
}

/** A specifier a path alias may map: not relative, not absolute, no URL scheme (`node:fs`, `https:`). */
function isAliasCandidate(specifier: string): boolean {
  return (
    specifier.length > 0 &&
    specifier.length <= MAX_SPECIFIER &&
    !specifier.startsWith('./') &&
    !specifier.startsWith('../') &&
    specifier !== '.' &&
    specifier !== '..' &&
    !path.isAbsolute(specifier) &&
    !specifier.includes(':') &&
    !specifier.includes('\0')
  );
}

/** `path.resolve`, keeping a trailing slash (a target that names a directory). */
function joinKeepingSlash(base: string, rel: string): string {
  const joined = path.resolve(base, rel);
  return rel.endsWith('/') && !joined.endsWith(path.sep) ? joined + path.sep : joined;
}

/** TypeScript 5.5's `${configDir}`: the directory of the config the options are read for. */
function substituteConfigDir(value: string, configDir: string): string {
  return value.startsWith('${configDir}') ? path.join(configDir, `.${value.slice('${configDir}'.length)}`) : value;
}

/** The pattern of `paths` TypeScript picks for `specifier`, and the text its `*` matched. */
function matchPattern(patterns: readonly Pattern[], specifier: string): [Pattern, string | undefined] | undefined {
  const exact = patterns.find((p) => p.suffix === undefined && p.prefix === specifier);
  if (exact) return [exact, undefined];
  let best: Pattern | undefined;
  for (const p of patterns) {
    if (p.suffix === undefined || specifier.length < p.prefix.length + p.suffix.length) continue;
    if (!specifier.startsWith(p.prefix) || !specifier.endsWith(p.suffix)) continue;
    if (!best || p.prefix.length > best.prefix.length) best = p;
  }
  return best && [best, specifier.slice(best.prefix.length, specifier.length - best.suffix!.length)];
}

/** The part of a parsed config that resolution reads; throws when it is not a config. */
function rawConfig(file: string, json: unknown): RawConfig {
  if (!isObject(json)) throw new Error('not an object');
  const ext = own(json, 'extends');
  const extendsList = typeof ext === 'string' ? [ext] : Array.isArray(ext) ? ext.filter((e): e is string => typeof e === 'string') : [];
  if (extendsList.length > MAX_EXTENDS) throw new Error('too many bases');
  const config: RawConfig = { file, extends: extendsList };
  const options = own(json, 'compilerOptions');
  if (!isObject(options)) return config;
  const baseUrl = own(options, 'baseUrl');
  if (typeof baseUrl === 'string') config.baseUrl = baseUrl;
  const paths = own(options, 'paths');
  if (isObject(paths)) {
    config.paths = [];
    for (const key of Object.keys(paths).slice(0, MAX_PATTERNS)) {
      const targets = own(paths, key);
      if (!Array.isArray(targets)) continue;
      const star = key.indexOf('*');
      // (a pattern with two `*` is an error TypeScript ignores)
      if (star !== -1 && key.indexOf('*', star + 1) !== -1) continue;
      const list = targets.filter((t): t is string => typeof t === 'string').slice(0, MAX_TARGETS);
      config.paths.push(star === -1 ? { prefix: key, targets: list } : { prefix: key.slice(0, star), suffix: key.slice(star + 1), targets: list });
    }
  }
  return config;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An own property of a parsed JSON object (`__proto__` is one like any other). */
export function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/**
 * JSON with comments (`//`, `/* *\/`) and trailing commas, as tsconfig files are written: the
 * comments and trailing commas are dropped, then the text is parsed as JSON. Throws on text that is
 * not such JSON, and on objects or arrays nested deeper than `MAX_JSON_NESTING`.
 */
export function parseJsonc(input: string): unknown {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const out: string[] = [];
  /** Index in `out` of the last comma outside strings with only blanks after it. */
  let pendingComma = -1;
  let nesting = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) throw new SyntaxError('unterminated string');
      out.push(text.slice(i, j + 1));
      pendingComma = -1;
      i = j + 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) throw new SyntaxError('unterminated comment');
      out.push(' ');
      i = end + 2;
    } else {
      if (c === '{' || c === '[') {
        if (++nesting > MAX_JSON_NESTING) throw new SyntaxError('nested too deeply');
      } else if (c === '}' || c === ']') {
        nesting--;
        if (pendingComma !== -1) out[pendingComma] = ' ';
      }
      if (c === ',') pendingComma = out.length;
      else if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') pendingComma = -1;
      out.push(c);
      i++;
    }
  }
  return JSON.parse(out.join(''));
}

/**
 * The file a path names, as Node and TypeScript bundlers resolve one: the exact file (a JS/TS or
 * JSON file, not a `.d.ts`), then with each of `MODULE_EXTENSIONS` added, then the TypeScript
 * source of a `.js`/`.jsx`/`.mjs`/`.cjs` path, then `index` with each extension in the directory it
 * names (only that, for a `directory` path: `./`, `.`, `..`, a trailing slash).
 */
export function resolvePath(base: string, directory: boolean, isFile: (file: string) => boolean): string | undefined {
  const ext = path.extname(base).toLowerCase();
  if (!directory) {
    if (READABLE.has(ext) && !isDeclarationFile(base) && isFile(base)) return base;
    for (const e of MODULE_EXTENSIONS) if (isFile(base + e)) return base + e;
    for (const e of TS_SOURCES[ext] ?? []) {
      const candidate = base.slice(0, -ext.length) + e;
      if (isFile(candidate)) return candidate;
    }
  }
  for (const e of MODULE_EXTENSIONS) {
    const candidate = path.join(base, `index${e}`);
    if (isFile(candidate)) return candidate;
  }
  return undefined;
}

/** `x.d.ts`, `x.d.mts`, `x.d.cts`, `x.d.json.ts`…: declarations, no values. */
function isDeclarationFile(file: string): boolean {
  return /\.d\.[^/\\]*ts$/i.test(path.basename(file));
}
