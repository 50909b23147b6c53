import { existsSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import * as nodePath from 'node:path';
import type { Ignore } from 'ignore';
import { repositoryRoot } from './fs-util.js';
import { gitDirOf, readTrackedFiles, type TrackedFiles } from './git-index.js';
import { loadIgnore } from './lazy.js';
import { UsageError } from './errors.js';
import type { Diagnostic } from './types.js';

/** Directories never scanned. */
/** Directories a walk never goes into: installed packages, git's store, Jupyter's checkpoint copies of notebooks. */
export const ALWAYS_SKIPPED_DIRS = new Set(['node_modules', '.git', '.ipynb_checkpoints']);

/**
 * A directory that holds a Python virtual environment or conda environment (`pyvenv.cfg`,
 * `conda-meta/` at its top): installed packages, not the project's code, whatever its name (`.venv`,
 * `venv`, `env`). A walk does not go into one, as it does not into `node_modules`; named on the
 * command line, it is scanned.
 */
function isEnvironment(entries: readonly Dirent[]): boolean {
  return entries.some((e) => (e.name === 'pyvenv.cfg' && !e.isDirectory()) || (e.name === 'conda-meta' && e.isDirectory()));
}

const GLOB_CHARS = /[*?[\]{}!]/;

function toPosix(p: string): string {
  return p.split(nodePath.sep).join('/');
}

/**
 * The patterns of `.git/info/exclude` in the work tree `top` (also where a `.git` file points, as in
 * a linked worktree or a submodule: `gitdir: …`, then its `commondir`), or null.
 */
function readInfoExclude(top: string): Ignore | null {
  const gitDir = gitDirOf(top, true);
  if (!gitDir) return null;
  try {
    const text = readFileSync(nodePath.join(gitDir, 'info', 'exclude'), 'utf8');
    return text.trim() ? loadIgnore()().add(text) : null;
  } catch {
    return null;
  }
}

/** `.gitignore` files from the repository root (or the scan root) down, with negations across levels, over `.git/info/exclude`. */
export class GitIgnore {
  private readonly perDir = new Map<string, Ignore | null>();
  readonly top: string;

  /** The repository's own `info/exclude` patterns (gitignore syntax, relative to the work tree's root). */
  private readonly exclude: Ignore | null;

  constructor(cwd: string) {
    // The repository root when cwd is inside a git work tree: its .gitignore applies to cwd too.
    this.top = repositoryRoot(cwd);
    this.exclude = readInfoExclude(this.top);
  }

  private load(dir: string): Ignore | null {
    let ig = this.perDir.get(dir);
    if (ig === undefined) {
      ig = null;
      try {
        const text = readFileSync(nodePath.join(dir, '.gitignore'), 'utf8');
        ig = loadIgnore()().add(text);
      } catch {
        ig = null;
      }
      this.perDir.set(dir, ig);
    }
    return ig;
  }

  /**
   * The directories from the repository root down to `dir` that hold a `.gitignore`, with their
   * patterns, memoized per directory and built from the parent's list: a walk asks for every
   * directory, and walking each one's ancestors again made a tree 1,800 levels deep take 30 s.
   */
  private readonly chains = new Map<string, ReadonlyArray<{ dir: string; ig: Ignore }>>();

  private chain(dir: string): ReadonlyArray<{ dir: string; ig: Ignore }> {
    const cached = this.chains.get(dir);
    if (cached) return cached;
    // Up to the nearest directory already known (or the root), then down, without recursion.
    const missing: string[] = [];
    let known: ReadonlyArray<{ dir: string; ig: Ignore }> = [];
    for (let current = dir; ; current = nodePath.dirname(current)) {
      const found = this.chains.get(current);
      if (found) {
        known = found;
        break;
      }
      missing.push(current);
      if (current === this.top || nodePath.dirname(current) === current) break;
    }
    for (const current of missing.reverse()) {
      const ig = this.load(current);
      known = ig ? [...known, { dir: current, ig }] : known;
      this.chains.set(current, known);
    }
    return known;
  }

  /** What the repository's index tracks (read once, when `.gitignore` first ignores something). */
  private tracked?: TrackedFiles | null;

  /** git never ignores a tracked file, nor a directory holding one (see `git-index.ts`). */
  private isTracked(path: string, isDir: boolean): boolean {
    if (this.tracked === undefined) this.tracked = existsSync(nodePath.join(this.top, '.git')) ? readTrackedFiles(this.top) : null;
    if (!this.tracked) return false;
    const rel = toPosix(nodePath.relative(this.top, path));
    return isDir ? this.tracked.dirs.has(rel) : this.tracked.files.has(rel) || this.tracked.dirs.has(rel);
  }

  ignored(path: string, isDir: boolean): boolean {
    return this.ignoredByPatterns(path, isDir) && !(path.startsWith(this.top + nodePath.sep) && this.isTracked(path, isDir));
  }

  private ignoredByPatterns(path: string, isDir: boolean): boolean {
    const inside = path.startsWith(this.top + nodePath.sep);
    const top = inside ? this.top : nodePath.dirname(path);
    // `.git/info/exclude` first: git gives the `.gitignore` files precedence over it
    let result = this.exclude !== null && top === this.top && this.exclude.test(toPosix(nodePath.relative(top, path)) + (isDir ? '/' : '')).ignored;
    // Outside the repository only the file's own directory's `.gitignore` counts.
    const own = inside ? undefined : this.load(top);
    for (const { dir, ig } of inside ? this.chain(nodePath.dirname(path)) : own ? [{ dir: top, ig: own }] : []) {
      const rel = toPosix(nodePath.relative(dir, path)) + (isDir ? '/' : '');
      const r = ig.test(rel);
      if (r.ignored) result = true;
      else if (r.unignored) result = false;
    }
    return result;
  }
}

/** ignorePatterns of the user's config (gitignore syntax, relative to the config's directory). */
export class PatternIgnore {
  private readonly entries: Array<{ dir: string; ig: Ignore }>;

  constructor(groups: Array<{ dir: string; patterns: string[] }>) {
    this.entries = groups.map((g) => ({ dir: g.dir, ig: loadIgnore()().add(g.patterns) }));
  }

  ignored(path: string, isDir: boolean): boolean {
    for (const { dir, ig } of this.entries) {
      const rel = toPosix(nodePath.relative(dir, path));
      if (!rel || rel.startsWith('../') || nodePath.isAbsolute(rel)) continue;
      if (ig.ignores(rel + (isDir ? '/' : ''))) return true;
    }
    return false;
  }
}

export interface DiscoverOptions {
  cwd: string;
  paths: string[];
  gitignore: GitIgnore;
  patterns: PatternIgnore;
  diagnostics: Diagnostic[];
  /** Filled with the files named on their own (not found in a directory or by a glob). */
  explicit?: Set<string>;
  /**
   * Leave out files named on their own when `.gitignore` or `ignorePatterns` ignore them (or a
   * directory above them), as a directory walk would: for pre-commit hooks, which name every
   * staged file. Off by default: a file you name is scanned.
   */
  forceExclude?: boolean;
  /**
   * Filled with the named directories in which the walk left files or directories out (ignored, or
   * never walked into) but still found some: the caller says "nothing to scan" for one when none of
   * the files it found turns out to be readable (a `.gitignore` beside ignored model files).
   */
  partlyPruned?: PrunedDirectory[];
  /**
   * Severity of the diagnostics for what cannot be read (a directory, a name that is not valid
   * UTF-8): `error` with `errorOnSkipped` (`--error-on-skipped`). Default `warning`.
   */
  unreadableSeverity?: 'warning' | 'error';
}

/** A named directory the walk pruned, and what it found there (see `DiscoverOptions.partlyPruned`). */
export interface PrunedDirectory {
  /** As named. */
  raw: string;
  abs: string;
  /** The files found in it. */
  files: string[];
  /** The "Nothing to scan" warning to give when none of them is scanned. */
  message: string;
}

/**
 * The symbolic links a walk of `root` met: a link to a regular file inside `root` (its real path) is
 * scanned once: under the link's name when the file's own has another extension (a Hugging Face cache
 * repo: `snapshots/<rev>/model.safetensors` → `blobs/<hash>`), else under its own. Links to directories, to files outside
 * `root` (following them would let a scanned tree make Oculum read, and print parts of, any file of
 * the machine: `x.py` → `~/.ssh/id_rsa`) — but for a Hugging Face cache snapshot's links to its
 * repository's blobs (`hubCacheBlob`) — and broken links are not followed, and said in one warning.
 */
/**
 * A Hugging Face cache file: a link in `<repo>/snapshots/<revision>/` of a cache repository
 * (`models--org--name`, `datasets--…`, `spaces--…`) to its blob in `<repo>/blobs/`. A scan of one
 * snapshot follows it (the blob is the file the library loads), though it lies outside the snapshot.
 */
function hubCacheBlob(link: string, target: string): boolean {
  for (let dir = nodePath.dirname(link); nodePath.dirname(dir) !== dir; dir = nodePath.dirname(dir)) {
    if (!/^(?:models|datasets|spaces)--./.test(nodePath.basename(dir))) continue;
    if (!link.startsWith(nodePath.join(dir, 'snapshots') + nodePath.sep)) return false;
    try {
      const blobs = realpathSync(nodePath.join(dir, 'blobs')) + nodePath.sep;
      return target.startsWith(blobs);
    } catch {
      return false;
    }
  }
  return false;
}

function followLinks(root: string, raw: string, links: readonly string[], found: Set<string>, diagnostics: Diagnostic[]): void {
  if (links.length === 0) return;
  let rootReal: string;
  try {
    rootReal = realpathSync(root);
  } catch {
    return;
  }
  // The path the walk found a real path under (a file reached through a link is scanned once). The
  // walk follows no link to a directory, so a file it found under `root` is `rootReal` plus the same
  // relative path: no realpath per file (a tree of 2,400 files with one link spent 80 ms there).
  const rootPrefix = root.endsWith(nodePath.sep) ? root : root + nodePath.sep;
  const realPrefix = rootReal.endsWith(nodePath.sep) ? rootReal : rootReal + nodePath.sep;
  const walkedAs = (target: string): string | undefined => {
    if (!target.startsWith(realPrefix)) return undefined;
    const plain = rootPrefix + target.slice(realPrefix.length);
    return found.has(plain) ? plain : undefined;
  };
  const inside = (real: string) => real === rootReal || real.startsWith(realPrefix);
  const seen = new Set<string>();
  const skipped = { directories: 0, outside: 0, broken: 0, other: 0 };
  for (const link of links) {
    let target: string;
    try {
      target = realpathSync(link);
    } catch {
      skipped.broken++;
      continue;
    }
    const info = statSync(target, { throwIfNoEntry: false });
    if (info?.isDirectory()) skipped.directories++;
    else if (!info?.isFile()) skipped.other++;
    else if (!inside(target) && !hubCacheBlob(link, target)) skipped.outside++;
    else if (!seen.has(target)) {
      // Scanned under the link's name, which is the one that means something (`model.safetensors`,
      // `modeling_x.py`, not `blobs/9f86d0…`, which no language reads by its extension).
      seen.add(target);
      const plain = walkedAs(target);
      if (plain !== undefined && nodePath.extname(plain).toLowerCase() === nodePath.extname(link).toLowerCase()) continue; // `latest.py` → `v2.py`: v2.py
      // `bin/train` → `../src/train.py`: the name with the extension says what the file is
      if (plain !== undefined && nodePath.extname(link) === '' && nodePath.extname(plain) !== '') continue;
      if (plain !== undefined) found.delete(plain);
      found.add(link);
    }
  }
  const parts = [
    skipped.outside > 0 ? `${plural(skipped.outside, 'link', 'links')} to files outside it` : '',
    skipped.directories > 0 ? `${plural(skipped.directories, 'link', 'links')} to directories` : '',
    skipped.broken > 0 ? `${plural(skipped.broken, 'broken link', 'broken links')}` : '',
    skipped.other > 0 ? `${plural(skipped.other, 'link', 'links')} to special files` : '',
  ].filter(Boolean);
  if (parts.length === 0) return;
  diagnostics.push({
    file: root,
    kind: 'skipped',
    severity: 'warning',
    message: `Symbolic links in "${raw}" not followed: ${parts.join(', ')} (name a link or its target on the command line to scan it)`,
  });
}

/**
 * Expands paths (files, directories, globs) into the sorted list of files to consider. Directories
 * are walked without following links to directories, pruning `.gitignore`d and ignored directories
 * and node_modules/.git; a link to a file inside the named directory is scanned (see `followLinks`).
 * Files named explicitly are always included. A missing path is a UsageError.
 */
/**
 * Why a directory walk leaves a file out: `.gitignore` (and `.git/info/exclude`) or `ignorePatterns`
 * ignore it or a directory between it and the working directory, or such a directory is one never
 * walked into (`node_modules`). Undefined when a walk reaches it. (`--force-exclude`, `--print-config`.)
 */
export function whyIgnored(file: string, cwd: string, gitignore: GitIgnore, patterns: PatternIgnore): string | undefined {
  const by = (path: string, isDir: boolean) => (gitignore.ignored(path, isDir) ? '.gitignore' : patterns.ignored(path, isDir) ? 'ignorePatterns' : undefined);
  const own = by(file, false);
  if (own) return `ignored by ${own}`;
  for (let dir = nodePath.dirname(file); dir.startsWith(cwd + nodePath.sep); dir = nodePath.dirname(dir)) {
    const shown = toPosix(nodePath.relative(cwd, dir));
    if (ALWAYS_SKIPPED_DIRS.has(nodePath.basename(dir))) return `inside ${shown}/, a directory never walked into`;
    const parent = by(dir, true);
    if (parent) return `inside ${shown}/, ignored by ${parent}`;
  }
  return undefined;
}

export async function discoverFiles(options: DiscoverOptions): Promise<string[]> {
  const { cwd, gitignore, patterns } = options;
  const found = new Set<string>();
  const skip = (path: string, isDir: boolean) => gitignore.ignored(path, isDir) || patterns.ignored(path, isDir);
  /** The file, or a directory between it and the working directory, is ignored (`--force-exclude`). */
  const ignoredWithParents = (file: string): boolean => whyIgnored(file, cwd, gitignore, patterns) !== undefined;

  // Synchronous on purpose: nothing else runs during discovery, and one thread-pool round trip per
  // directory made the walk of a 300-directory tree 3x slower.
  // Directories a walk leaves out, by reason: said when a directory named on the command line holds
  // nothing to scan because of them.
  let pruned = { always: 0, environments: 0, ignoredDirs: 0, ignoredFiles: 0 };
  /** Symbolic links met by the walk of one named directory: followed after it when they stay inside it. */
  let links: string[] = [];
  const walk = (dir: string, named = false): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      options.diagnostics.push({ file: dir, directory: true, kind: 'skipped', severity: options.unreadableSeverity ?? 'warning', message: `Cannot read directory: ${(error as Error).message}` });
      return;
    }
    if (!named && isEnvironment(entries)) {
      pruned.environments++;
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const entry of entries) {
      const path = nodePath.join(dir, entry.name);
      // A name that is not valid UTF-8 comes back with U+FFFD in place of its bytes: no such path
      // exists, so the file cannot be read by that name. Said, not lost silently ("unreadable: ENOENT").
      if (entry.name.includes('\uFFFD') && !existsSync(path)) {
        options.diagnostics.push({ file: path, ...(entry.isDirectory() ? { directory: true as const } : {}), kind: 'skipped', severity: options.unreadableSeverity ?? 'warning', message: `Skipped: its name is not valid UTF-8, so it cannot be read (rename ${entry.isDirectory() ? 'the directory' : 'the file'} to scan it)` });
        continue;
      }
      if (entry.isDirectory()) {
        if (ALWAYS_SKIPPED_DIRS.has(entry.name)) {
          pruned.always++;
          continue;
        }
        if (skip(path, true)) {
          pruned.ignoredDirs++;
          continue;
        }
        subdirs.push(path);
      } else if (entry.isFile()) {
        if (!skip(path, false)) found.add(path);
        else pruned.ignoredFiles++;
      } else if (entry.isSymbolicLink()) {
        if (!skip(path, false)) links.push(path);
      }
      // Special files (FIFOs, sockets, devices) are never read.
    }
    for (const sub of subdirs) walk(sub);
  };

  for (const raw of options.paths.length ? options.paths : ['.']) {
    const abs = nodePath.resolve(cwd, raw);
    let stat;
    let statError: string | undefined;
    try {
      stat = statSync(abs);
    } catch (error) {
      stat = undefined;
      statError = (error as NodeJS.ErrnoException).code;
    }
    if (stat?.isDirectory()) {
      const before = found.size;
      pruned = { always: 0, environments: 0, ignoredDirs: 0, ignoredFiles: 0 };
      links = [];
      walk(abs, true);
      followLinks(abs, raw, links, found, options.diagnostics);
      if (pruned.always + pruned.environments + pruned.ignoredDirs + pruned.ignoredFiles > 0) {
        const why: string[] = [];
        if (pruned.always > 0) {
          why.push(`${plural(pruned.always, 'directory', 'directories')} named ${orList([...ALWAYS_SKIPPED_DIRS])}, never walked into (name a directory inside one to scan it)`);
        }
        if (pruned.environments > 0) {
          why.push(`${plural(pruned.environments, 'Python virtual environment', 'Python virtual environments')} (a pyvenv.cfg or conda-meta/ at the top: installed packages), never walked into (name one to scan it)`);
        }
        const ignored = [pruned.ignoredDirs > 0 ? plural(pruned.ignoredDirs, 'directory', 'directories') : '', pruned.ignoredFiles > 0 ? plural(pruned.ignoredFiles, 'file', 'files') : ''];
        if (pruned.ignoredDirs + pruned.ignoredFiles > 0) why.push(`${ignored.filter(Boolean).join(' and ')} ignored by .gitignore or ignorePatterns`);
        const message = `Nothing to scan in "${raw}": it holds ${why.join('; ')}`;
        if (found.size === before) options.diagnostics.push({ file: abs, kind: 'skipped', severity: 'warning', message });
        else options.partlyPruned?.push({ raw, abs, files: [...found].slice(before), message });
      }
    } else if (stat?.isFile()) {
      if (options.forceExclude && ignoredWithParents(abs)) continue;
      found.add(abs);
      options.explicit?.add(abs);
    } else if (!stat && GLOB_CHARS.test(raw)) {
      const { glob } = await import('tinyglobby');
      const matches = await glob(toPosix(raw), {
        cwd,
        absolute: true,
        dot: true,
        onlyFiles: true,
        followSymbolicLinks: false,
        ignore: ['**/node_modules/**', '**/.git/**', '**/.ipynb_checkpoints/**'],
        expandDirectories: false,
      });
      const kept = matches.map((m) => nodePath.resolve(m)).filter((m) => !skip(m, false));
      if (kept.length === 0) {
        // (model directories are often in .gitignore: say so, not only that nothing matched)
        options.diagnostics.push({ kind: 'skipped', severity: 'warning', message: unmatchedPatternMessage(raw, matches.length) });
      }
      for (const m of kept) found.add(m);
    } else if (stat) {
      // A named pipe would block the scan, a device never end: never opened, and the other paths
      // are still scanned.
      const what = stat.isFIFO() ? 'a named pipe (FIFO)' : stat.isSocket() ? 'a socket' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device' : 'not a regular file';
      options.diagnostics.push({ file: abs, kind: 'skipped', severity: 'warning', message: `Skipped: ${what}, never read` });
    } else if (statError === 'ELOOP') {
      options.diagnostics.push({ file: abs, kind: 'skipped', severity: 'warning', message: 'Skipped: a loop of symbolic links, which leads to no file' });
    } else {
      throw new UsageError(`No such file or directory: ${raw}`);
    }
  }
  return [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `a, b or c`. */
function orList(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The scan-wide diagnostic of a glob that matched no file to scan: none, or `ignored` files all ignored. */
function unmatchedPatternMessage(pattern: string, ignored: number): string {
  const why = ignored > 0 ? `: all ${ignored} file${ignored === 1 ? '' : 's'} it matches ${ignored === 1 ? 'is' : 'are'} ignored by .gitignore or ignorePatterns` : '';
  return `No files match the pattern "${pattern}"${why}`;
}

/**
 * What a diagnostic says of a glob that matched no file to scan (`unmatchedPatternMessage`): the pattern, and how
 * many files it matched that are all ignored (0: none matched). `undefined` for any other diagnostic. For callers
 * that act on it (the CLI's usage error), so that the wording lives in one place.
 */
export function unmatchedPattern(d: Diagnostic): { pattern: string; ignored: number } | undefined {
  if (d.kind !== 'skipped' || d.file) return undefined;
  const m = /^No files match the pattern "(.*)"(?:: all (\d+) files? it match)?/s.exec(d.message);
  return m ? { pattern: m[1], ignored: m[2] === undefined ? 0 : Number(m[2]) } : undefined;
}
