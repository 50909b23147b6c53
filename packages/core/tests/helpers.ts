import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll } from 'vitest';

/** Temporary directories of this test file, removed when its tests are done. */
const created: string[] = [];
afterAll(() => removeAll(created));

/** Removes the directories (one a test made unremovable stays). */
export function removeAll(dirs: string[]): void {
  for (const dir of dirs.splice(0)) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // left in the system's temporary directory
    }
  }
}

/** Absolute file URL of the toy plugin (importable by the engine and by worker threads). */
export const TOY_PLUGIN = pathToFileURL(join(import.meta.dirname, 'fixtures', 'toy-plugin.mjs')).href;

/** Creates a temporary project with the given files and returns its (real) path. */
export function project(files: Record<string, string | Uint8Array>): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'oculum-core-')));
  created.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}
