import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Absolute file URL of the toy plugin (importable by the engine and by worker threads). */
export const TOY_PLUGIN = pathToFileURL(join(import.meta.dirname, 'fixtures', 'toy-plugin.mjs')).href;

/** Creates a temporary project with the given files and returns its (real) path. */
export function project(files: Record<string, string | Uint8Array>): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'oculum-core-')));
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}
