import { mkdirSync, statSync } from 'node:fs';
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
