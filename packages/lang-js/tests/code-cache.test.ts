import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { privateCacheDir } from '../src/code-cache.js';

const dist = pathToFileURL(fileURLToPath(new URL('../dist/index.js', import.meta.url))).href;

/** `preloadTypeScript` in a fresh process (the CommonJS cache of this one may hold TypeScript already). */
function preload(cacheHome: string, extra: Record<string, string> = {}): string {
  const script = `import { persistTypeScriptCache, preloadTypeScript } from ${JSON.stringify(dist)}; console.log(preloadTypeScript(${JSON.stringify(dist)})); persistTypeScriptCache();`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, XDG_CACHE_HOME: cacheHome, OCULUM_NO_CODE_CACHE: '', ...extra },
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim();
}

describe('TypeScript through a V8 code cache', () => {
  it('compiles and writes the cache once, then loads from it', () => {
    const home = mkdtempSync(join(tmpdir(), 'oculum-cache-'));
    onTestFinished(() => rmSync(home, { recursive: true, force: true }));
    mkdirSync(join(home, 'oculum'), { mode: 0o700 });
    writeFileSync(join(home, 'oculum', 'typescript-0123456789abcdef-0123456789abcdef.v8cache'), 'another install');
    expect(preload(home)).toBe('compiled');
    const ours = () => readdirSync(join(home, 'oculum')).filter((f) => f.endsWith('.v8cache') && !f.startsWith('typescript-0123456789abcdef-'));
    expect(ours()).toHaveLength(1);
    // the cache of another TypeScript version of this install is replaced; another install's is kept
    const [mine] = ours();
    const stale = mine.replace(/-[0-9a-f]+\.v8cache$/, '-ffffffffffffffff.v8cache');
    writeFileSync(join(home, 'oculum', stale), 'stale');
    rmSync(join(home, 'oculum', mine));
    expect(preload(home)).toBe('compiled');
    expect(ours()).toEqual([mine]);
    expect(readdirSync(join(home, 'oculum'))).toContain('typescript-0123456789abcdef-0123456789abcdef.v8cache');
    expect(preload(home)).toBe('cached');
    expect(preload(home, { OCULUM_NO_CODE_CACHE: '1' })).toBe('skipped');
  });

  it('uses only a private directory of the user: never one others may write to', () => {
    const home = mkdtempSync(join(tmpdir(), 'oculum-cache-'));
    onTestFinished(() => rmSync(home, { recursive: true, force: true }));
    expect(privateCacheDir({ XDG_CACHE_HOME: home })).toBe(join(home, 'oculum'));
    chmodSync(join(home, 'oculum'), 0o777);
    expect(privateCacheDir({ XDG_CACHE_HOME: home })).toBeUndefined();
    expect(preload(home)).toBe('skipped');
  });
});
