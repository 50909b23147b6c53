import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Plugins every scan loads, in this order (their rules make up the `oculum:*` presets). */
export const BUILTIN_PLUGINS = [
  '@oculum/plugin-python-torch',
  '@oculum/plugin-python-hf',
  '@oculum/plugin-js-transformersjs',
  '@oculum/plugin-model-files',
] as const;

export interface BuiltinPlugins {
  /** Absolute `file:` URLs of the plugins that loaded (importable from worker threads too). */
  urls: string[];
  /** One line per plugin that could not be loaded. */
  warnings: string[];
}

/** Resolves a package from this module, the way `import` would (ESM `exports`, `import` condition). */
export function resolvePackage(name: string): string {
  const resolve = (import.meta as { resolve?: (specifier: string) => string }).resolve;
  if (typeof resolve === 'function') {
    const url = resolve(name);
    if (url.startsWith('file:')) return url;
  }
  // Fallback for hosts without import.meta.resolve: walk node_modules upward from this file.
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkgDir = path.join(dir, 'node_modules', ...name.split('/'));
    const manifest = path.join(pkgDir, 'package.json');
    if (fs.existsSync(manifest)) {
      const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { exports?: any; module?: string; main?: string };
      const root = pkg.exports?.['.'] ?? pkg.exports;
      const entry = (typeof root === 'string' ? root : (root?.import?.default ?? root?.import ?? root?.default)) ?? pkg.module ?? pkg.main ?? 'index.js';
      return pathToFileURL(path.join(pkgDir, String(entry))).href;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find package '${name}'`);
    dir = parent;
  }
}

function isPlugin(value: unknown): boolean {
  const meta = (value as { meta?: { namespace?: unknown } } | undefined)?.meta;
  return typeof meta?.namespace === 'string';
}

/**
 * Resolves and imports each built-in plugin once. A plugin that cannot be imported (for example
 * while it is still being built) is left out with a warning instead of stopping the scan.
 */
export async function loadBuiltinPlugins(names: readonly string[] = BUILTIN_PLUGINS): Promise<BuiltinPlugins> {
  const urls: string[] = [];
  const warnings: string[] = [];
  for (const name of names) {
    try {
      const url = resolvePackage(name);
      const mod = (await import(url)) as { default?: unknown };
      if (!isPlugin(mod.default)) throw new Error('its default export is not an Oculum plugin');
      urls.push(url);
    } catch (err) {
      const reason = (err instanceof Error ? err.message.split('\n')[0] : String(err)).replace(/ imported from .*$/, '');
      warnings.push(`built-in plugin ${name} could not be loaded (${reason}); continuing without it`);
    }
  }
  return { urls, warnings };
}
