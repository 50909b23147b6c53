/**
 * `package.json` subpath imports for `--depth deep`: the file a `#` specifier names through the
 * `"imports"` field of the nearest `package.json` above the importing file (`import { MODEL_ID } from
 * '#config'` with `"imports": { "#config": "./src/config.js" }`, or `"#models/*": "./src/models/*.ts"`),
 * as Node resolves it (`PACKAGE_IMPORTS_RESOLVE`): the exact key, else the `*` pattern with the longest
 * prefix (then the longest key), every `*` of its target replaced by the text the key's `*` matched;
 * a target must start with `./` and hold no `.`, `..` or `node_modules` segment, nor may the matched
 * text; a fallback array gives its first valid target; `null` excludes.
 *
 * Conditions: of a conditions object, the first key (in the object's order, as Node takes them) that
 * is `import`, `node` or `default` — the conditions of an ES import under Node, which is how the
 * modules read at deep are written — or `require` when the object has no `import` key (a CommonJS
 * project; when both are there they name the same module built twice, and the ES one is read).
 * `types` is never taken (a declaration file has no values), nor `browser`, `development` or another
 * custom condition (which environment sets them is not known).
 *
 * Then, unlike Node and as TypeScript and bundlers do, the target is looked for as a relative
 * specifier is (`resolvePath`: the exact file, the usual extensions, the `.ts` source of a `.js`,
 * `index.*`). A target that names a package (`"#dep": "some-package"`) is not followed (packages'
 * files are never read), nor one with `%`, `?`, `#` or a backslash in it (which Node reads as a URL).
 *
 * Only the project is read (`ProjectBounds`): the `package.json` (no further up than the project's
 * root) and the target must be inside it by their paths and their real paths, so a link out of the
 * project is not followed. The file is read as data (at most 256 KiB, nested at most 64 deep);
 * one that is not usable gives no import.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isObject, MAX_CONFIG_BYTES, MAX_SPECIFIER, own, parseJsonc, resolvePath } from './path-aliases.js';
import { insideProject, type ProjectBounds, type Stat } from './project-root.js';

/** A `package.json` larger than this is not read. */
export const MAX_PACKAGE_JSON_BYTES = MAX_CONFIG_BYTES;
/** The conditions a conditions object is read for, with `require` when it has no `import` (see the module comment). */
export const IMPORT_CONDITIONS: readonly string[] = ['import', 'node', 'default'];
/** Keys of `imports`, and of a conditions object, looked at. */
const MAX_KEYS = 1024;
/** Targets of a fallback array tried. */
const MAX_TARGETS = 32;
/** Conditions objects and arrays nested in a target. */
const MAX_NESTING = 16;
/** Targets looked at for one specifier, nested ones included. */
const MAX_STEPS = 256;

/** The `imports` of parsed `package.json` files by file (`null`: none usable), with the size, modification time and inode they were read at. */
const parsedPackages = new Map<string, { signature: string; imports: Record<string, unknown> | null }>();

/**
 * What a target resolves to: a path (`directory`: written with a trailing slash); `'none'`: no
 * condition of an object applies (the next key is tried); `'null'`: excluded (`null`); `'invalid'`:
 * not a valid target (a fallback array tries the next); `'stop'`: something not followed (a package,
 * a matched text Node refuses) — resolution ends there.
 */
type Resolved = { path: string; directory: boolean } | 'none' | 'null' | 'invalid' | 'stop';

/** The subpath imports of the projects' `package.json` files. `stat` says what is on disk (the caller's table). */
export class PackageImports {
  constructor(
    private readonly stat: Stat,
    private readonly bounds: ProjectBounds,
  ) {}

  /** The nearest `package.json` above a file of `dir`, no further up than the project's root (`undefined`: none). */
  nearestPackageJson(dir: string): string | undefined {
    const root = this.bounds.projectRoot(dir);
    for (const current of this.bounds.ancestors(dir).dirs) {
      const file = path.join(current, 'package.json');
      if (this.stat(file)?.isFile()) return file;
      if (current === root) break;
    }
    return undefined;
  }

  /**
   * The file `specifier` (`#…`), imported from a file of `dir`, names through the `imports` of the
   * nearest `package.json` (see the module comment); `undefined` for any other specifier, one no key
   * maps to a file of the project, and when there is no (usable) `package.json`.
   */
  resolve(dir: string, specifier: string, isFile: (file: string) => boolean): string | undefined {
    if (!isImportsSpecifier(specifier)) return undefined;
    const pkg = this.nearestPackageJson(dir);
    if (!pkg) return undefined;
    const root = this.bounds.projectRoot(dir);
    if (!this.bounds.inside(root, pkg)) return undefined;
    const imports = this.read(pkg);
    const target = imports && resolveImports(path.dirname(pkg), imports, specifier);
    if (!target || !insideProject(root, target.path)) return undefined;
    const file = resolvePath(target.path, target.directory, isFile);
    return file && this.bounds.inside(root, file) ? file : undefined;
  }

  /** The `imports` of a `package.json` (kept while its size, modification time and inode stay); `undefined` when there are none usable. */
  private read(file: string): Record<string, unknown> | undefined {
    const info = this.stat(file);
    if (!info?.isFile()) return undefined;
    const signature = `${info.size}:${info.mtimeMs}:${info.ino}`;
    const kept = parsedPackages.get(file);
    if (kept?.signature === signature) return kept.imports ?? undefined;
    let imports: Record<string, unknown> | null = null;
    if (info.size <= MAX_PACKAGE_JSON_BYTES) {
      try {
        const json = parseJsonc(readFileSync(file, 'utf8'));
        const field = isObject(json) ? own(json, 'imports') : undefined;
        if (isObject(field)) imports = field;
      } catch {
        imports = null;
      }
    }
    parsedPackages.set(file, { signature, imports });
    return imports ?? undefined;
  }
}

/** A specifier Node resolves through `imports`: `#` and a name (not `#` alone, nor `#/…`, which Node 20 and TypeScript 5.9 refuse). */
export function isImportsSpecifier(specifier: string): boolean {
  return specifier.startsWith('#') && specifier.length > 1 && specifier.length <= MAX_SPECIFIER && !specifier.startsWith('#/') && !specifier.includes('\0');
}

/** The path `specifier` names through `imports` (of the `package.json` in `base`), before extensions are tried. */
export function resolveImports(base: string, imports: Record<string, unknown>, specifier: string): { path: string; directory: boolean } | undefined {
  let target: unknown;
  let match: string | undefined;
  if (!specifier.includes('*') && own(imports, specifier) !== undefined) target = own(imports, specifier);
  else {
    // Node's PATTERN_KEY_COMPARE: the longest part before `*`, then the longest key
    let best: string | undefined;
    for (const key of Object.keys(imports).slice(0, MAX_KEYS)) {
      const star = key.indexOf('*');
      if (star === -1 || key.indexOf('*', star + 1) !== -1) continue;
      const prefix = key.slice(0, star);
      const trailer = key.slice(star + 1);
      if (!specifier.startsWith(prefix) || specifier === prefix) continue;
      if (trailer !== '' && !(specifier.endsWith(trailer) && specifier.length >= key.length)) continue;
      if (!best || star > best.indexOf('*') || (star === best.indexOf('*') && key.length > best.length)) best = key;
    }
    if (!best) return undefined;
    const star = best.indexOf('*');
    match = specifier.slice(star, specifier.length - (best.length - star - 1));
    target = own(imports, best);
  }
  const resolved = resolveTarget(base, target, match, 0, { steps: 0 });
  return typeof resolved === 'object' ? resolved : undefined;
}

/** Node's PACKAGE_TARGET_RESOLVE for an import of the package in `base` (see `Resolved`). */
function resolveTarget(base: string, target: unknown, match: string | undefined, nesting: number, budget: { steps: number }): Resolved {
  if (++budget.steps > MAX_STEPS || nesting > MAX_NESTING) return 'stop';
  if (typeof target === 'string') return resolveTargetString(base, target, match);
  if (target === null) return 'null';
  if (Array.isArray(target)) {
    let last: Resolved = 'null';
    for (const t of target.slice(0, MAX_TARGETS)) {
      last = resolveTarget(base, t, match, nesting + 1, budget);
      if (last === 'invalid' || last === 'null' || last === 'none') continue;
      return last;
    }
    return last === 'none' ? 'null' : last;
  }
  if (isObject(target)) {
    const keys = Object.keys(target).slice(0, MAX_KEYS);
    const readRequire = !keys.includes('import');
    for (const key of keys) {
      if (!IMPORT_CONDITIONS.includes(key) && !(key === 'require' && readRequire)) continue;
      const r = resolveTarget(base, target[key], match, nesting + 1, budget);
      if (r !== 'none') return r;
    }
    return 'none';
  }
  return 'invalid';
}

function resolveTargetString(base: string, target: string, match: string | undefined): Resolved {
  if (!target.startsWith('./')) {
    // `../x`, `/x`, a URL (`node:fs`, `file:…`): invalid; anything else names a package, not followed
    if (target.startsWith('../') || target.startsWith('/') || /^[a-z][a-z\d+.-]*:/i.test(target)) return 'invalid';
    return 'stop';
  }
  if (hasInvalidSegment(target.slice(2))) return 'invalid';
  // (read as a URL by Node: not followed)
  if (/[%?#\\\0]/.test(target)) return 'invalid';
  let written = target;
  if (match !== undefined) {
    if (hasInvalidSegment(match) || /[%?#\\\0]/.test(match)) return 'stop';
    written = target.replaceAll('*', match);
  }
  return { path: path.resolve(base, written), directory: written.endsWith('/') };
}

/** A `.`, `..` or `node_modules` segment (any case), which Node refuses in a target and in the text a `*` matched (empty ones it allows). */
function hasInvalidSegment(text: string): boolean {
  return text.split('/').some((s) => s === '.' || s === '..' || s.toLowerCase() === 'node_modules');
}
