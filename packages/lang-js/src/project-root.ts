/**
 * The project a file belongs to, for `--depth deep`: the one bound of every file read to resolve its
 * imports — relative modules, path aliases and their configs, `package.json` `imports` — so that a
 * specifier (`'../../../../etc/x'`, `'./link/config'`, an alias or `#config` target) never takes the
 * scanner out of the project.
 *
 * The project's root is the nearest directory upward holding `.git` (the repository); outside a
 * repository, the outermost directory upward holding a `package.json`, `tsconfig.json` or
 * `jsconfig.json`; else the importing file's directory. The user's home directory is never the root
 * of a file below it: a stray `~/package.json` (an `npm install` run at home) or a dotfiles
 * repository in `~/.git` would make every project under home one project. The walk upward stops
 * below it. A module of the project is in the same
 * project, or in a smaller one (a nested repository): following modules never widens it. A file is
 * inside when it is below the root and not under a `node_modules` directory of it, both by the path as
 * written and by the real path (symbolic links resolved in the file's path and in the root's): a link
 * out of the project, or into a `node_modules` directory, is not followed; one to another place in the
 * project is.
 */
import { realpathSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export type Stat = (file: string) => Stats | null;

/** Directories looked through upward for the repository's root and the project's files. */
export const MAX_LEVELS = 64;
/** The files that make a directory outside a repository part of a project. */
export const PROJECT_FILES = ['package.json', 'tsconfig.json', 'jsconfig.json'];

/** Project roots and real paths, as `stat` says the disk is (kept until `refresh`). */
export class ProjectBounds {
  private readonly walks = new Map<string, { dirs: string[]; repository: boolean }>();
  private readonly roots = new Map<string, string>();
  /** Real paths (symbolic links resolved; `null`: not there). */
  private readonly realPaths = new Map<string, string | null>();

  constructor(private readonly stat: Stat) {}

  /** Forgets what was found on disk. */
  refresh(): void {
    this.walks.clear();
    this.roots.clear();
    this.realPaths.clear();
  }

  /**
   * The directories from `dir` (first) upward to the repository's root (the nearest holding `.git`,
   * then `repository` is true) or the file system's root, at most `MAX_LEVELS` of them, and never
   * the home directory of a `dir` below it.
   */
  ancestors(dir: string): { dirs: string[]; repository: boolean } {
    const start = path.resolve(dir);
    let walk = this.walks.get(start);
    if (!walk) {
      const dirs: string[] = [];
      let repository = false;
      let current = start;
      const home = homeDirectory();
      for (let level = 0; level < MAX_LEVELS; level++) {
        dirs.push(current);
        if (this.stat(path.join(current, '.git'))) {
          repository = true;
          break;
        }
        const parent = path.dirname(current);
        if (parent === current || parent === home) break;
        current = parent;
      }
      walk = { dirs, repository };
      this.walks.set(start, walk);
    }
    return walk;
  }

  /** The root of the project of a file of `dir` (see the module comment). */
  projectRoot(dir: string): string {
    const start = path.resolve(dir);
    let root = this.roots.get(start);
    if (root === undefined) {
      const { dirs, repository } = this.ancestors(start);
      root = repository ? dirs.at(-1)! : dirs.findLast((d) => PROJECT_FILES.some((name) => this.stat(path.join(d, name))?.isFile())) ?? start;
      this.roots.set(start, root);
    }
    return root;
  }

  /**
   * Is `file` in the project of `root` both as its path is written and once symbolic links are
   * resolved in the two (`insideProject`)?
   */
  inside(root: string, file: string): boolean {
    if (!insideProject(root, file)) return false;
    const realRoot = this.realPath(root);
    const realFile = this.realPath(file);
    return realRoot !== null && realFile !== null && insideProject(realRoot, realFile);
  }

  private realPath(file: string): string | null {
    let real = this.realPaths.get(file);
    if (real === undefined) {
      try {
        real = realpathSync(file);
      } catch {
        real = null;
      }
      this.realPaths.set(file, real);
    }
    return real;
  }
}

/** The user's home directory, resolved (undefined when there is none). */
function homeDirectory(): string | undefined {
  try {
    const home = homedir();
    return home ? path.resolve(home) : undefined;
  } catch {
    return undefined;
  }
}

/** Is `file` inside `root`, and not under a `node_modules` directory of it? (Compares the paths as written: see `ProjectBounds.inside`.) */
export function insideProject(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  if (rel === '') return true;
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return false;
  return !rel.split(path.sep).includes('node_modules');
}
