/**
 * Loads the TypeScript compiler through a V8 code cache. `typescript.js` is 9 MB of JavaScript:
 * compiling it is about a third of what the first JS/TS file of a scan costs (~120 ms of ~400 ms).
 * Node 20 has no module compile cache (`module.enableCompileCache` is Node 22), so this module
 * compiles the file with `vm.Script` and V8's `cachedData`, and registers the result in the
 * CommonJS cache where typescript-estree's `require('typescript')` finds it.
 *
 * The cache lives in the user's own cache directory (`$XDG_CACHE_HOME/oculum` or
 * `~/.cache/oculum`), is used only when that directory belongs to the user and nobody else may
 * write to it (a code cache is executable). There is one cache per installation (the file's path),
 * keyed by the file's size and mtime and the Node version, and V8 itself rejects data that does not
 * match the source. Any failure falls back to a
 * plain `require`. `OCULUM_NO_CODE_CACHE=1` turns it off.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { Script } from 'node:vm';
import { privateCacheDir } from '@oculum/core';

interface InternalModule {
  filename: string;
  paths: string[];
  loaded: boolean;
  exports: unknown;
}

type ModuleStatics = {
  wrap(source: string): string;
  _nodeModulePaths(dir: string): string[];
  new (id: string, parent?: unknown): InternalModule;
};

/** The cache directory (see `privateCacheDir` of `@oculum/core`). */
export { privateCacheDir };

/**
 * Puts `typescript` (as typescript-estree resolves it) into the CommonJS cache, compiled with a V8
 * code cache when one is usable. Returns what happened, for tests: 'cached' (the cache was used),
 * 'compiled' (compiled; `persistTypeScriptCache` writes the cache), 'skipped' (off, already loaded, or no usable cache
 * directory: a plain `require` will load it) or 'failed' (nothing registered).
 */
export function preloadTypeScript(fromUrl: string, env: NodeJS.ProcessEnv = process.env): 'cached' | 'compiled' | 'skipped' | 'failed' {
  if (env.OCULUM_NO_CODE_CACHE === '1') return 'skipped';
  try {
    const estree = createRequire(fromUrl).resolve('@typescript-eslint/typescript-estree');
    const file = createRequire(estree).resolve('typescript');
    const require = createRequire(fromUrl);
    if (require.cache[file]) return 'skipped';
    const dir = privateCacheDir(env);
    if (!dir) return 'skipped';
    const info = statSync(file);
    // One cache per installation (the file's path), replaced when the file or Node changes: installs
    // side by side (two projects, two checkouts) keep their own.
    const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
    const version = hash(`${info.size}\0${info.mtimeMs}\0${process.version}\0${process.arch}\0after-first-parse`);
    const cacheFile = join(dir, `typescript-${hash(file)}-${version}.v8cache`);
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
    const M = Module as unknown as ModuleStatics;
    const script = new Script(M.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
    const mod = new M(file);
    mod.filename = file;
    mod.paths = M._nodeModulePaths(dirname(file));
    const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
    wrapper.call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));
    mod.loaded = true;
    require.cache[file] = mod as unknown as NodeJS.Module;
    if (cachedData && !script.cachedDataRejected) return 'cached';
    pending = { script, cacheFile };
    return 'compiled';
  } catch {
    return 'failed';
  }
}

/** A compile whose cache is not written yet: written after the first parse (see below). */
let pending: { script: Script; cacheFile: string } | undefined;

/**
 * Writes the code cache of a TypeScript compiled by `preloadTypeScript` without one. Called after
 * the first parse: V8 then also caches the parser functions compiled lazily by it, so the next
 * process parses its first file faster too. Does nothing the second time.
 */
export function persistTypeScriptCache(): void {
  if (!pending) return;
  const { script, cacheFile } = pending;
  pending = undefined;
  try {
    writeAtomically(cacheFile, script.createCachedData());
    // Older caches of this installation (another TypeScript or Node version) are never read again.
    const dir = dirname(cacheFile);
    const prefix = basename(cacheFile).split('-').slice(0, 2).join('-') + '-';
    for (const name of readdirSync(dir)) {
      if (name.startsWith(prefix) && name.endsWith('.v8cache') && join(dir, name) !== cacheFile) rmSync(join(dir, name), { force: true });
    }
  } catch {
    // as below: only the next run pays
  }
}

function writeAtomically(file: string, data: Buffer): void {
  const tmp = `${file}.${process.pid}.${threadId}.tmp`;
  try {
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, data);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch {
    // A cache that cannot be written only costs the next run the compile.
  }
}
