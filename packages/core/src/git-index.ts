/**
 * The files git tracks in a work tree, read from its index (`.git/index`), never by running git.
 * git never ignores a tracked file: a checkpoint committed with `git add -f` past a `*.pt` line of
 * `.gitignore` is in the repository, and whoever clones it loads it. So the walk scans tracked files
 * whatever `.gitignore` says (`GitIgnore.ignored`).
 *
 * Index versions 2, 3 and 4 (path-prefix compression) are read; a sparse index lists directories as
 * entries, which count as tracked with everything below them. An index that cannot be read (another
 * version, truncated, larger than `MAX_INDEX_BYTES`) gives no tracked files: `.gitignore` alone
 * decides, as before.
 */
import { readFileSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';

/** A larger index is not read (a repository of millions of files). */
export const MAX_INDEX_BYTES = 256 * 1024 * 1024;

/** The git directory of the work tree `top` (`.git`, or where a `.git` file points, then its `commondir` for shared files), or null. */
export function gitDirOf(top: string, shared: boolean): string | null {
  try {
    const dotGit = nodePath.join(top, '.git');
    if (statSync(dotGit).isDirectory()) return dotGit;
    const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8').slice(0, 4096));
    if (!pointer) return null;
    const gitDir = nodePath.resolve(top, pointer[1]);
    if (!shared) return gitDir;
    try {
      const common = readFileSync(nodePath.join(gitDir, 'commondir'), 'utf8').trim();
      if (common) return nodePath.resolve(gitDir, common);
    } catch {
      /* no commondir: the git dir holds the shared files itself */
    }
    return gitDir;
  } catch {
    return null;
  }
}

/** Tracked paths of a work tree (POSIX, relative to its root) and every directory above one. */
export interface TrackedFiles {
  files: ReadonlySet<string>;
  dirs: ReadonlySet<string>;
}

/** The tracked files of the work tree `top` (its own index: a linked worktree has one of its own), or null. */
export function readTrackedFiles(top: string): TrackedFiles | null {
  const gitDir = gitDirOf(top, false);
  if (!gitDir) return null;
  let data: Buffer;
  try {
    const file = nodePath.join(gitDir, 'index');
    if (statSync(file).size > MAX_INDEX_BYTES) return null;
    data = readFileSync(file);
  } catch {
    return null;
  }
  const paths = parseIndex(data);
  if (!paths) return null;
  const files = new Set<string>();
  const dirs = new Set<string>();
  for (const path of paths) {
    // a sparse index's directory entry ends in `/`
    const name = path.endsWith('/') ? path.slice(0, -1) : path;
    if (path.endsWith('/')) dirs.add(name);
    else files.add(name);
    for (let slash = name.lastIndexOf('/'); slash > 0; slash = name.lastIndexOf('/', slash - 1)) {
      const dir = name.slice(0, slash);
      if (dirs.has(dir)) break;
      dirs.add(dir);
    }
  }
  return { files, dirs };
}

/** The paths of an index file's entries, or null when it is not an index this reader knows. */
export function parseIndex(data: Uint8Array): string[] | null {
  if (data.length < 12 || data[0] !== 0x44 || data[1] !== 0x49 || data[2] !== 0x52 || data[3] !== 0x43) return null; // "DIRC"
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const version = view.getUint32(4);
  if (version < 2 || version > 4) return null;
  const count = view.getUint32(8);
  const decoder = new TextDecoder('utf-8');
  const out: string[] = [];
  let p = 12;
  let previous: Uint8Array = new Uint8Array(0);
  for (let i = 0; i < count; i++) {
    const start = p;
    // ctime, mtime (8 each), dev, ino, mode, uid, gid, size (4 each), object id (20), flags (2)
    if (p + 62 > data.length) return null;
    const flags = view.getUint16(p + 60);
    p += 62;
    if (version >= 3 && flags & 0x4000) p += 2; // extended flags
    if (version === 4) {
      // the number of bytes to drop from the previous path (git's offset varint), then the rest, NUL-terminated
      let drop = 0;
      let byte: number;
      let shift = 0;
      do {
        if (p >= data.length || shift > 35) return null;
        byte = data[p++];
        drop = shift === 0 ? byte & 0x7f : ((drop + 1) << 7) | (byte & 0x7f);
        shift += 7;
      } while (byte & 0x80);
      const end = data.indexOf(0, p);
      if (end < 0 || drop > previous.length) return null;
      const bytes = new Uint8Array(previous.length - drop + (end - p));
      bytes.set(previous.subarray(0, previous.length - drop));
      bytes.set(data.subarray(p, end), previous.length - drop);
      previous = bytes;
      p = end + 1;
    } else {
      const end = data.indexOf(0, p);
      if (end < 0) return null;
      previous = data.subarray(p, end);
      // entries are padded with 1 to 8 NULs to a multiple of 8 bytes
      p = start + Math.ceil((end - start + 1) / 8) * 8;
    }
    if (p > data.length) return null;
    out.push(decoder.decode(previous));
  }
  return out;
}
