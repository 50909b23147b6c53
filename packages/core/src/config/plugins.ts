import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as nodePath from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError } from '../errors.js';
import { checkRuleShape } from '../rule.js';
import type { Language, Plugin, Rule } from '../types.js';

export interface LoadedPlugin {
  plugin: Plugin;
  /** Absolute `file:` URL the plugin was imported from; undefined for plugin objects (no workers then). */
  url?: string;
  /** Where it was requested (config file path, or 'options.plugins'). */
  source: string;
}

export interface RegisteredRule {
  id: string;
  namespace: string;
  name: string;
  rule: Rule<any, any>;
  plugin: LoadedPlugin;
}

function isPlugin(value: unknown): value is Plugin {
  const meta = (value as { meta?: { namespace?: unknown; name?: unknown } } | undefined)?.meta;
  return typeof value === 'object' && value !== null && typeof meta?.namespace === 'string';
}

function entryOfPackage(pkgDir: string, subpath: string): string | undefined {
  const manifest = nodePath.join(pkgDir, 'package.json');
  let pkg: { exports?: unknown; module?: string; main?: string };
  try {
    pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  } catch {
    return undefined;
  }
  const pick = (target: unknown): string | undefined => {
    if (typeof target === 'string') return target;
    if (Array.isArray(target)) {
      for (const t of target) {
        const r = pick(t);
        if (r) return r;
      }
      return undefined;
    }
    if (target && typeof target === 'object') {
      const conditions = target as Record<string, unknown>;
      for (const key of ['import', 'node', 'default', 'require']) {
        if (key in conditions) {
          const r = pick(conditions[key]);
          if (r) return r;
        }
      }
    }
    return undefined;
  };
  if (pkg.exports !== undefined) {
    const exportsField = pkg.exports as Record<string, unknown> | string;
    const isSubpathMap = typeof exportsField === 'object' && !Array.isArray(exportsField) && Object.keys(exportsField).some((k) => k.startsWith('.'));
    const key = subpath ? `./${subpath}` : '.';
    const target = isSubpathMap ? (exportsField as Record<string, unknown>)[key] : key === '.' ? exportsField : undefined;
    const found = pick(target);
    return found ? nodePath.join(pkgDir, found) : undefined;
  }
  if (subpath) return nodePath.join(pkgDir, subpath);
  return nodePath.join(pkgDir, pkg.module ?? pkg.main ?? 'index.js');
}

/**
 * Resolves a plugin specifier the way `import` would from `fromDir`: `file:` URLs, absolute paths,
 * paths relative to `fromDir` (`./plugin.js`), or package names found in `node_modules` upward.
 */
export function resolvePluginSpecifier(specifier: string, fromDir: string): string {
  if (specifier.startsWith('file:')) return specifier;
  if (nodePath.isAbsolute(specifier) || specifier.startsWith('./') || specifier.startsWith('../')) {
    const file = nodePath.resolve(fromDir, specifier);
    if (!existsSync(file)) throw new Error(`file not found: ${file}`);
    if (statSync(file).isDirectory()) {
      const entry = entryOfPackage(file, '');
      if (entry && existsSync(entry)) return pathToFileURL(entry).href;
      throw new Error(`${file} is a directory without a package entry point`);
    }
    return pathToFileURL(file).href;
  }
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, nameLength).join('/');
  const subpath = parts.slice(nameLength).join('/');
  for (let dir = nodePath.resolve(fromDir); ; dir = nodePath.dirname(dir)) {
    const pkgDir = nodePath.join(dir, 'node_modules', name);
    if (existsSync(nodePath.join(pkgDir, 'package.json'))) {
      const entry = entryOfPackage(pkgDir, subpath);
      if (entry && existsSync(entry)) return pathToFileURL(entry).href;
    }
    if (nodePath.dirname(dir) === dir) break;
  }
  // Last resort: CommonJS resolution (packages without `exports`).
  try {
    return pathToFileURL(createRequire(nodePath.join(fromDir, 'noop.js')).resolve(specifier)).href;
  } catch {
    throw new Error(`cannot find package "${specifier}" from ${fromDir}`);
  }
}

/** Imports a plugin by specifier (resolved from `fromDir`) or accepts a plugin object. */
export async function loadPlugin(spec: string | Plugin, fromDir: string, source: string): Promise<LoadedPlugin> {
  if (typeof spec !== 'string') {
    if (!isPlugin(spec)) throw new ConfigError(`${source}: a plugin object needs meta.namespace`, { file: source, keyPath: 'plugins' });
    checkPluginRules(spec, `plugin "${spec.meta.namespace}"`, source);
    return { plugin: spec, source };
  }
  let url: string | undefined;
  let mod: { default?: unknown };
  try {
    url = resolvePluginSpecifier(spec, fromDir);
    mod = (await import(url)) as { default?: unknown };
  } catch (error) {
    throw new ConfigError(`${source}: cannot load plugin "${spec}": ${loadErrorText(error, spec, fromDir, url)}`, {
      file: source,
      keyPath: 'plugins',
      cause: error,
    });
  }
  const plugin = isPlugin(mod.default) ? mod.default : isPlugin(mod) ? (mod as unknown as Plugin) : undefined;
  if (!plugin) {
    throw new ConfigError(`${source}: plugin "${spec}" has no default export with meta.namespace`, { file: source, keyPath: 'plugins', expected: 'an Oculum plugin' });
  }
  checkPluginRules(plugin, `plugin "${spec}"`, source);
  return { plugin, url, source };
}

/**
 * Why a plugin could not be imported, in one line a user can act on: a syntax error with the file and
 * line it is at (Node puts them in the stack, not the message); a plugin written as CommonJS that
 * `require`s Oculum's ES modules; a file named without `./` that exists beside the config.
 */
function loadErrorText(error: unknown, spec: string, fromDir: string, url: string | undefined): string {
  const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  const code = (error as { code?: unknown } | undefined)?.code;
  // (only where `process.execPath` is Node itself: in Electron it is the app, in Bun another runtime)
  if (error instanceof SyntaxError && url?.startsWith('file:') && !('electron' in process.versions) && !('bun' in process.versions)) {
    // (Node's error for an imported module names no line: `node --check` of the file, which only
    // compiles it, does)
    const file = fileURLToPathSafe(url);
    try {
      const checked = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8', timeout: 10_000 });
      const at = new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+)`, 'm').exec(checked.stderr ?? '');
      if (at) return `${first} (${file}:${at[1]})`;
    } catch {
      /* no line then */
    }
  }
  if ((code === 'ERR_PACKAGE_PATH_NOT_EXPORTED' || code === 'ERR_REQUIRE_ESM') && /@oculum\//.test(first)) {
    return `${first} (Oculum's packages are ES modules: write the plugin as an ES module, a .mjs file or a package with "type": "module", and import from them)`;
  }
  if (/^cannot find package/.test(first) && !spec.startsWith('.') && !nodePath.isAbsolute(spec) && existsSync(nodePath.join(fromDir, spec))) {
    return `${first} (a file of that name is beside the config: did you mean "./${spec}"?)`;
  }
  return first;
}

/**
 * Checks a plugin's `rules`: an object keyed by rule name (not an array), each a rule as `createRule`
 * makes it (the same checks, for a rule written as a plain object), so a malformed rule fails when
 * the plugin is loaded, naming the plugin and the key, rather than in the middle of a scan.
 */
export function checkPluginRules(plugin: Plugin, label: string, source: string): void {
  const rules = (plugin as { rules?: unknown }).rules;
  if (rules === undefined) return;
  if (!rules || typeof rules !== 'object' || Array.isArray(rules)) {
    throw new ConfigError(`${source}: ${label}: rules must be an object keyed by rule name (the id is "<namespace>/<key>"), not ${Array.isArray(rules) ? 'an array' : rules === null ? 'null' : typeof rules}`, {
      file: source,
      keyPath: 'plugins',
      expected: '{ "rule-name": rule, … }',
    });
  }
  for (const [key, rule] of Object.entries(rules)) {
    try {
      checkRuleShape(key, rule);
    } catch (error) {
      throw new ConfigError(`${source}: ${label}: rules["${key}"]: ${(error as Error).message}`, { file: source, keyPath: 'plugins', cause: error });
    }
  }
}

/**
 * The interpreter a `#!` line at the start of `head` names: the last part of its path, or the program
 * `env` runs (`#!/usr/bin/env -S python3 -u` → `python3`; `env`'s options, those that take a value
 * included, and `NAME=value` settings skipped); `python` for a script uv runs (`#!/usr/bin/env -S uv run
 * --script`, PEP 723); the package a package runner runs (`#!/usr/bin/env -S npx -y zx@8`, `pnpm dlx zx`,
 * `bunx zx` → `zx`); undefined without such a line.
 */
export function shebangInterpreter(head: Uint8Array): string | undefined {
  if (head[0] !== 0x23 || head[1] !== 0x21) return undefined;
  let end = 2;
  while (end < head.length && end < 256 && head[end] !== 0x0a && head[end] !== 0x0d) end++;
  const words = Buffer.from(head.subarray(2, end)).toString('latin1').trim().split(/[ \t]+/).filter(Boolean);
  const base = (w: string | undefined) => w?.slice(w.lastIndexOf('/') + 1);
  let at = 0;
  let program = base(words[at++]);
  if (program === 'env') {
    program = undefined;
    while (at < words.length) {
      const w = words[at++];
      if (w === '-u' || w === '-C' || w === '-P' || w === '--unset' || w === '--chdir') at++; // an option and its value
      else if (/^--split-string=/.test(w)) words.splice(at, 0, ...w.slice(w.indexOf('=') + 1).split(/[ \t]+/).filter(Boolean));
      else if (w.startsWith('-') || /^[A-Za-z_][\w]*=/.test(w)) continue;
      else {
        program = base(w);
        break;
      }
    }
  }
  // `uv run [--script] …`: uv runs the file as Python
  if (program === 'uv' && words.slice(at).find((w) => !w.startsWith('-')) === 'run') return 'python';
  // a package runner (`npx -y zx@8`, `pnpm dlx zx`, `bunx zx`): the package it runs, its version dropped
  if (program !== undefined && (PACKAGE_RUNNERS.has(program) || (RUNNER_COMMANDS[program] !== undefined && RUNNER_COMMANDS[program].includes(words[at])))) {
    if (!PACKAGE_RUNNERS.has(program)) at++;
    program = undefined;
    while (at < words.length) {
      const w = words[at++];
      if (RUNNER_VALUE_OPTIONS.has(w)) at++;
      else if (w.startsWith('-')) continue;
      else {
        program = base(w.replace(/(.)@[^/]*$/, '$1'));
        break;
      }
    }
  }
  return program && /^[\w.+-]+$/.test(program) ? program : undefined;
}

/** Programs that fetch a package and run its command: `npx zx`, `bunx zx`, `pnpx zx`. */
const PACKAGE_RUNNERS = new Set(['npx', 'bunx', 'pnpx']);
/** Package managers whose subcommand does the same: `pnpm dlx zx`, `npm exec zx`, `yarn dlx zx`. */
const RUNNER_COMMANDS: Record<string, readonly string[]> = { pnpm: ['dlx', 'exec'], npm: ['exec', 'x'], yarn: ['dlx', 'exec'], bun: ['x'] };
/** Options of those runners that take a value (`npx -p zx zx`, `--package zx`). */
const RUNNER_VALUE_OPTIONS = new Set(['-p', '--package', '-c', '--call', '--node-options', '--registry']);

/** The loaded plugins: rules by id, languages by id and by extension. */
export class PluginRegistry {
  readonly plugins: LoadedPlugin[] = [];
  readonly rules = new Map<string, RegisteredRule>();
  readonly languages = new Map<string, Language<any>>();
  readonly byExtension = new Map<string, Language<any>>();
  /** Text languages by the interpreter names of their `#!` lines (`Language.interpreters`). */
  readonly byInterpreter = new Map<string, Language<any>>();
  readonly binaryLanguages: Language<any>[] = [];
  readonly warnings: string[] = [];

  has(namespace: string): boolean {
    return this.plugins.some((p) => p.plugin.meta.namespace === namespace);
  }

  add(loaded: LoadedPlugin): void {
    const { namespace } = loaded.plugin.meta;
    const existing = this.plugins.find((p) => p.plugin.meta.namespace === namespace);
    if (existing) {
      if (existing.plugin !== loaded.plugin && existing.url !== loaded.url) {
        this.warnings.push(
          `plugin namespace "${namespace}" from ${loaded.url ? fileURLToPathSafe(loaded.url) : loaded.source} is already loaded from ${existing.url ? fileURLToPathSafe(existing.url) : existing.source}; keeping the first`,
        );
      }
      return;
    }
    this.plugins.push(loaded);
    for (const [name, rule] of Object.entries(loaded.plugin.rules ?? {})) {
      const id = `${namespace}/${name}`;
      this.rules.set(id, { id, namespace, name, rule, plugin: loaded });
      const own = (rule as { name?: unknown }).name;
      if (typeof own === 'string' && own !== name) {
        this.warnings.push(`plugin "${namespace}" registers the rule named "${own}" under the key "${name}": its id is "${id}" (the key of \`rules\` names it, not createRule's name)`);
      }
    }
    for (const language of Object.values(loaded.plugin.languages ?? {})) {
      if (this.languages.has(language.id)) continue;
      this.languages.set(language.id, language);
      if (language.readsFile) this.binaryLanguages.push(language);
      else {
        for (const ext of language.extensions) if (!this.byExtension.has(ext.toLowerCase())) this.byExtension.set(ext.toLowerCase(), language);
        for (const name of language.interpreters ?? []) if (typeof name === 'string' && name && !this.byInterpreter.has(name)) this.byInterpreter.set(name, language);
      }
    }
  }

  /**
   * Warnings for rules that can never run: every language their `meta.languages` lists is one no
   * loaded plugin reads (`languages: ['typescript']` where the JS/TS language is `javascript`). Asked
   * once every plugin is loaded.
   */
  unservedRuleWarnings(): string[] {
    const out: string[] = [];
    const known = [...this.languages.keys()];
    for (const { id, rule } of this.rules.values()) {
      const langs = rule.meta.languages;
      if (langs.some((l) => this.languages.has(l))) continue;
      out.push(`rule "${id}" serves ${langs.map((l) => `"${l}"`).join(', ')}, which no loaded plugin reads (the languages are ${known.map((l) => `"${l}"`).join(', ') || 'none'}): it never runs`);
    }
    return out;
  }

  /**
   * The text language of a file: by its extension, or, for a file with none (`scripts/setup`), by the
   * interpreter its `#!` line names when `head` (its first bytes) is given. Undefined when none reads it.
   */
  textLanguageOf(path: string, head?: Uint8Array): Language<any> | undefined {
    const ext = nodePath.extname(path).toLowerCase();
    if (ext !== '' || this.byInterpreter.size === 0) return this.byExtension.get(ext);
    if (!head) return undefined;
    const name = shebangInterpreter(head);
    if (!name) return undefined;
    const exact = this.byInterpreter.get(name);
    if (exact) return exact;
    // `python3`, `python3.11`, `python3.7m`, `pypy3`: a known name followed by a version
    const base = /^(.*?)[\d.]+m?$/.exec(name)?.[1];
    return base ? this.byInterpreter.get(base) : undefined;
  }

  /**
   * Plugin URLs for worker threads, or undefined when a needed plugin is an object. With `languages`,
   * only the plugins that provide one of them or have a rule for one (a worker for a Python tree
   * does not need to load the JavaScript parser).
   */
  urls(languages?: ReadonlySet<string>): string[] | undefined {
    const urls: string[] = [];
    for (const p of this.plugins) {
      if (languages) {
        const provides = Object.values(p.plugin.languages ?? {}).some((l) => languages.has(l.id));
        const serves = Object.values(p.plugin.rules ?? {}).some((r) => r.meta.languages.some((id) => languages.has(id)));
        if (!provides && !serves) continue;
      }
      if (!p.url) return undefined;
      urls.push(p.url);
    }
    return urls;
  }

  /** `name@version` of every plugin, for cache keys. */
  versionKey(): string {
    return this.plugins.map((p) => `${p.plugin.meta.name}@${p.plugin.meta.version}`).join(',');
  }
}

function fileURLToPathSafe(url: string): string {
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
}
