import { mkdirSync, statSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import * as nodePath from 'node:path';

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
