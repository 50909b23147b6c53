import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import * as nodePath from 'node:path';

/**
 * The root of the git work tree holding `dir` (the nearest directory upward with a `.git` entry, a
 * directory or, in a worktree or submodule, a file), else `dir` itself.
 */
export function repositoryRoot(dir: string): string {
  for (let current = dir; ; current = nodePath.dirname(current)) {
    if (existsSync(nodePath.join(current, '.git'))) return current;
    if (nodePath.dirname(current) === current) return dir;
  }
}

/**
 * Creates the missing directories of `dir`, one level at a time. `mkdirSync(dir, { recursive: true })`
 * spins forever on Node 20 under `/proc` (`-o /proc/nope/x`), and says EEXIST when a parent is a file;
 * this says ENOENT / ENOTDIR.
 */
export function ensureDirectory(dir: string): void {
  const missing: string[] = [];
  let current = dir;
  for (;;) {
    const stat = statSync(current, { throwIfNoEntry: false });
    if (stat) {
      if (!stat.isDirectory()) throw Object.assign(new Error(`${current} is not a directory`), { code: 'ENOTDIR' });
      break;
    }
    missing.push(current);
    const parent = nodePath.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const d of missing.reverse()) mkdirSync(d);
}

/**
 * The user's own cache directory for Oculum (`$XDG_CACHE_HOME/oculum` or `~/.cache/oculum`), created
 * 0700; undefined unless it belongs to the user and nobody else may write to it (what is kept there
 * is trusted: a V8 code cache, the result cache's key).
 */
export function privateCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  try {
    const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : nodePath.join(homedir(), '.cache');
    const dir = nodePath.join(base, 'oculum');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const info = statSync(dir);
    const uid = typeof process.getuid === 'function' ? process.getuid() : userInfo().uid;
    if (!info.isDirectory() || (uid >= 0 && info.uid !== uid) || (info.mode & 0o022) !== 0) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/** What a file imports, as `importClosure` follows it: a file found (followed further unless `follow` is false), or the id of an import that names none. */
export type ImportedFile = { file: string; follow?: boolean } | { missing: string };

/**
 * The files `start` imports, directly or through them (at most `limit` of them, breadth first), each
 * as `path:size:mtime` (`path:gone` when it vanished, `id:missing` for an import that names no file):
 * what an analysis of `start` that reads other modules (`--depth deep`) depends on, for a language's
 * `cacheKey`. `importsOf(file, text)` says what one file imports; a file larger than `maxBytes` (the
 * start aside) is listed but not read.
 */
export function importClosure(start: string, importsOf: (file: string, text: string) => ImportedFile[], limit: number, maxBytes = Number.POSITIVE_INFINITY): string[] {
  const seen = new Set<string>([start]);
  const queue = [start];
  const out: string[] = [];
  while (queue.length > 0 && out.length < limit) {
    const current = queue.shift()!;
    let imports: ImportedFile[];
    try {
      if (current !== start && statSync(current).size > maxBytes) continue;
      imports = importsOf(current, readFileSync(current, 'utf8'));
    } catch {
      continue;
    }
    for (const imported of imports) {
      const id = 'missing' in imported ? `${imported.missing}?` : imported.file;
      if (seen.has(id)) continue;
      seen.add(id);
      if ('missing' in imported) {
        out.push(`${id}:missing`);
        continue;
      }
      if (imported.follow !== false) queue.push(imported.file);
      try {
        const info = statSync(imported.file);
        out.push(`${imported.file}:${info.size}:${info.mtimeMs}`);
      } catch {
        out.push(`${imported.file}:gone`);
      }
    }
  }
  return out;
}

/** What a file-system error code means, in words, for messages (`cannot write out: is a directory (EISDIR)`). */
const ERRNO_WORDS: Record<string, string> = {
  EISDIR: 'is a directory',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EEXIST: 'already exists',
};

/** An error of the file system as a message says it: the code in words, then the code; else the error's message. */
export function errnoText(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code && ERRNO_WORDS[code]) return `${ERRNO_WORDS[code]} (${code})`;
  return code ?? (err instanceof Error ? err.message : String(err));
}
