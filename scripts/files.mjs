// The files under some paths, for the repository's checking scripts.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Every file under `paths` (files or directories, resolved against `root`) that `keep(path, stats)`
 * accepts, directories walked in name order; unreadable entries and directories named in `skipDirs`
 * are passed over.
 */
export function filesUnder(paths, { root, keep, skipDirs = new Set() }) {
  const out = [];
  const walk = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) if (!skipDirs.has(name)) walk(path.join(p, name));
    } else if (keep(p, st)) out.push(p);
  };
  for (const p of paths) walk(path.resolve(root, p));
  return out;
}
