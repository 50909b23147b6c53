import { closeSync, existsSync, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import * as nodePath from 'node:path';
import { hashContent, ResultCache } from './cache.js';
import { configInDirectory, configLabel, hiddenConfigMessage, readConfigFile, type ConfigFile } from './config/load.js';
import { loadPlugin, PluginRegistry } from './config/plugins.js';
import { closest, ConfigResolver, DEFAULT_EXTENDS, type FileConfig } from './config/resolve.js';
import { discoverFiles, GitIgnore, PatternIgnore, plural, whyIgnored, type PrunedDirectory } from './discovery.js';
import { directiveDiagnostic, directivePolicy } from './directives.js';
import { ConfigError, UsageError } from './errors.js';
import { errnoText } from './fs-util.js';
import { compareDiagnostics, compareStrings, countLines, errorText, lintTextWithDetails, needsDirectiveCheck, notParsed, triggerErrorMessage, triggeredRuleIds, type DirectiveTarget, type LintTextDetails, type LintTextOptions } from './lint.js';
import { LintPool, WorkerUnavailableError, workerScript } from './pool.js';
import { PRESET_NAMES } from './presets.js';
import { DETECTORS, type ConfigData, type Depth, type Diagnostic, type FileResult, type Language, type Plugin, type RuleInfo, type ScanOptions, type ScanResult, type ScanStats, type Settings } from './types.js';
import { VERSION } from './version.js';
import type { LintTask, TaskConfig } from './worker-protocol.js';

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;
/** With `workers: 'auto'`, threads are used only when more files than this need linting. */
export const WORKER_THRESHOLD = 64;
const MAX_WORKERS = 8;
/** Files read and not yet done at once when workers lint (see `scan`). */
const POOLED_FILES_IN_FLIGHT = 64;
/**
 * A source file more than `BIG_FILE` times the size limit (a notebook with its outputs may be up to
 * 64 times it) is read only while the big files in flight hold fewer than `BIG_FILES_IN_FLIGHT`
 * times the limit (one at least; 16 and 256 MiB by default): memory stays bounded when a tree holds
 * many of them.
 */
const BIG_FILE = 8;
const BIG_FILES_IN_FLIGHT = 128;
const HEAD_BYTES = 512;
const DEPTHS: Depth[] = ['quick', 'standard', 'deep'];

export interface ListRulesOptions {
  cwd?: string;
  plugins?: Array<string | Plugin>;
  configFile?: string;
  noConfig?: boolean;
}

interface Setup {
  cwd: string;
  registry: PluginRegistry;
  userConfig?: ConfigFile;
  /** Your configs above `userConfig` in the repository, farthest first (see `projectConfigs`). */
  ancestorConfigs?: ConfigFile[];
  /** With `configFile`: the directories whose config it replaces (see `ownConfigDirectories`). */
  replacedConfigDirs?: Set<string>;
  diagnostics: Diagnostic[];
}

/**
 * Where the lookup of the user's own config looks (`projectConfigs`), nearest first: the working
 * directory and, when it is inside a repository but not its root, every directory above it up to
 * that root (the first holding `.git`). Outside a repository only the working directory counts. A
 * config given with `configFile` replaces whatever these hold.
 */
function ownConfigDirectories(cwd: string): Set<string> {
  const dirs = new Set([cwd]);
  if (existsSync(nodePath.join(cwd, '.git'))) return dirs;
  const above: string[] = [];
  for (let dir = nodePath.dirname(cwd); ; dir = nodePath.dirname(dir)) {
    above.push(dir);
    if (existsSync(nodePath.join(dir, '.git'))) break;
    if (nodePath.dirname(dir) === dir) return dirs; // no repository around the working directory
  }
  for (const dir of above) dirs.add(dir);
  return dirs;
}

/**
 * The user's own configs, nearest first: the one in the working directory and those above it inside the
 * same repository (`ownConfigDirectories`), up to one that says `root: true`, so that `cd packages/train &&
 * oculum scan .` (as `pnpm -r`, turbo and nx run tasks) reads the package's config merged over the
 * repository's (closer wins). Outside a repository only the working directory counts: a config in some
 * parent directory (`/tmp/.oculumrc`) is nobody's choice and may not load plugins.
 */
function projectConfigs(cwd: string): ConfigFile[] {
  const cache = new Map<string, ConfigFile | null>();
  const out: ConfigFile[] = [];
  for (const dir of ownConfigDirectories(cwd)) {
    const found = configInDirectory(dir, cache, cwd);
    if (!found) continue;
    out.push(found);
    if (found.data.root) break;
  }
  return out;
}

/**
 * Names in `oculum-ignore[...]` lists that no loaded rule, plugin namespace or detector answers to:
 * a typo (`torch/load-without-weight-only`) would otherwise suppress nothing without a word.
 */
/** Unknown targets reported one by one per directive; the rest are counted in one more warning. */
const MAX_UNKNOWN_TARGETS = 5;
/** Longer names get no "did you mean" (no rule id is this long; the search is quadratic in the length). */
const MAX_HINTED_TARGET = 100;

function unknownDirectiveTargets(targets: readonly DirectiveTarget[], file: string, registry: PluginRegistry): Diagnostic[] {
  const out: Diagnostic[] = [];
  /** Per directive (its position): the unknown names seen, and how many were not reported one by one. */
  const byDirective = new Map<string, { seen: Set<string>; more: number; first: DirectiveTarget }>();
  for (const entry of targets) {
    const { target, line, column, text } = entry;
    if (registry.rules.has(target) || registry.has(target) || (DETECTORS as readonly string[]).includes(target)) continue;
    const key = `${line}:${column}`;
    let directive = byDirective.get(key);
    if (!directive) byDirective.set(key, (directive = { seen: new Set(), more: 0, first: entry }));
    if (directive.seen.has(target)) continue;
    directive.seen.add(target);
    if (directive.seen.size > MAX_UNKNOWN_TARGETS) {
      directive.more++;
      continue;
    }
    const hint = target.length <= MAX_HINTED_TARGET ? closest(target, [...registry.rules.keys(), ...DETECTORS]) : [];
    out.push({
      file,
      line,
      column,
      kind: 'unused-directive',
      severity: 'warning',
      message: `Unknown rule or detector "${clip(target)}" in "${clip(text)}": it suppresses nothing${hint.length ? `; did you mean ${hint.map((h) => `"${h}"`).join(', ')}?` : ''}`,
    });
  }
  for (const { more, first } of byDirective.values()) {
    if (more === 0) continue;
    out.push({
      file,
      line: first.line,
      column: first.column,
      kind: 'unused-directive',
      severity: 'warning',
      message: `${plural(more, 'more unknown rule or detector', 'more unknown rules or detectors')} in "${clip(first.text)}" (not listed)`,
    });
  }
  return out;
}

/** Text from a scanned file quoted in a message, at most 120 characters (a directive can be any length). */
function clip(text: string): string {
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/** A cache location that is a directory (`--cache-location .cache/`, as in ESLint) holds `.oculumcache`. */
function cacheFile(location: string): string {
  return existsSync(location) && statSync(location).isDirectory() ? nodePath.join(location, '.oculumcache') : location;
}

/** Loads the user's config and every plugin it (or the caller) names. */
async function setup(options: ListRulesOptions & { overrideConfig?: ConfigData }): Promise<Setup> {
  const cwd = nodePath.resolve(options.cwd ?? process.cwd());
  if (!existsSync(cwd) || !statSync(cwd).isDirectory()) throw new UsageError(`Working directory not found: ${cwd}`);
  const diagnostics: Diagnostic[] = [];
  let userConfig: ConfigFile | undefined;
  let ancestorConfigs: ConfigFile[] = [];
  let replacedConfigDirs: Set<string> | undefined;
  if (options.configFile) {
    const file = nodePath.resolve(cwd, options.configFile);
    if (!existsSync(file)) throw new UsageError(`Config file not found: ${options.configFile}`);
    userConfig = readConfigFile(file, cwd);
    if (!userConfig) throw new ConfigError(`${configLabel(file, cwd)}: no "oculum" key in package.json`, { file, keyPath: 'oculum', expected: 'an "oculum" config object' });
    if (!options.noConfig) replacedConfigDirs = ownConfigDirectories(cwd);
  } else if (!options.noConfig) {
    const own = projectConfigs(cwd);
    userConfig = own[0];
    ancestorConfigs = own.slice(1).reverse();
    for (const config of own) {
      const hidden = hiddenConfigMessage(config, cwd);
      if (hidden) diagnostics.push({ file: config.file, kind: 'config', severity: 'warning', message: hidden });
    }
  }
  const registry = new PluginRegistry();
  for (const spec of options.plugins ?? []) registry.add(await loadPlugin(spec, cwd, 'options.plugins'));
  for (const config of [...ancestorConfigs, ...(userConfig ? [userConfig] : [])]) {
    for (const spec of config.data.plugins ?? []) registry.add(await loadPlugin(spec, config.dir, configLabel(config.file, cwd)));
  }
  for (const spec of options.overrideConfig?.plugins ?? []) registry.add(await loadPlugin(spec, cwd, 'overrideConfig'));
  for (const message of [...registry.warnings, ...registry.unservedRuleWarnings()]) diagnostics.push({ kind: 'config', severity: 'warning', message });
  // Like ESLint's --config: the globs of an explicitly given config (ignorePatterns, overrides) are
  // relative to the working directory; its plugins were resolved from its own directory above.
  if (userConfig && options.configFile) userConfig = { ...userConfig, dir: cwd };
  return { cwd, registry, userConfig, ...(ancestorConfigs.length ? { ancestorConfigs } : {}), ...(replacedConfigDirs ? { replacedConfigDirs } : {}), diagnostics };
}

function ruleInfos(registry: PluginRegistry, resolver: ConfigResolver): RuleInfo[] {
  const presetMembers = new Map<string, Set<string>>();
  const fakeLayer = { source: 'presets', label: 'presets', dir: '/', data: {}, trusted: true };
  for (const preset of PRESET_NAMES) {
    const data = resolver.preset(`oculum:${preset}`, fakeLayer as never, 'extends');
    presetMembers.set(`oculum:${preset}`, new Set(Object.entries(data.rules ?? {}).filter(([, v]) => (Array.isArray(v) ? v[0] : v) !== 'off' && (Array.isArray(v) ? v[0] : v) !== 0).map(([id]) => id)));
  }
  for (const loaded of registry.plugins) {
    for (const [name, data] of Object.entries(loaded.plugin.configs ?? {})) {
      presetMembers.set(`${loaded.plugin.meta.namespace}/${name}`, new Set(Object.entries(data.rules ?? {}).filter(([, v]) => (Array.isArray(v) ? v[0] : v) !== 'off' && (Array.isArray(v) ? v[0] : v) !== 0).map(([id]) => id)));
    }
  }
  return [...registry.rules.values()]
    .map((r) => ({
      id: r.id,
      namespace: r.namespace,
      name: r.name,
      plugin: r.plugin.plugin.meta.name,
      meta: r.rule.meta,
      presets: [...presetMembers].filter(([, ids]) => ids.has(r.id)).map(([name]) => name),
    }))
    .sort((a, b) => compareStrings(a.id, b.id));
}

/** Every rule the plugins (given and named by the user's config) provide, for `oculum rules`. */
export async function listRules(options: ListRulesOptions = {}): Promise<RuleInfo[]> {
  const { cwd, registry, userConfig, ancestorConfigs, replacedConfigDirs } = await setup(options);
  const resolver = new ConfigResolver({ cwd, registry, userConfig, ancestorConfigs, replacedConfigDirs, noConfig: options.noConfig, depth: 'deep', diagnostics: [] });
  return ruleInfos(registry, resolver);
}

/**
 * The options checked, the user's config and plugins loaded, and the resolver of every file's config:
 * what `scan` and `configForFile` start from.
 */
async function resolverFor(options: ScanOptions, depth: Depth): Promise<Setup & { resolver: ConfigResolver }> {
  if (!DEPTHS.includes(depth)) throw new UsageError(`Invalid depth "${String(depth)}" (expected quick | standard | deep)`);
  for (const detector of options.onlyDetectors ?? []) {
    if (!(DETECTORS as readonly string[]).includes(detector)) throw new UsageError(`Unknown detector "${detector}" (expected ${DETECTORS.join(' | ')})`);
  }
  const base = await setup(options);
  const resolver = new ConfigResolver({
    cwd: base.cwd,
    registry: base.registry,
    userConfig: base.userConfig,
    ancestorConfigs: base.ancestorConfigs,
    replacedConfigDirs: base.replacedConfigDirs,
    noConfig: options.noConfig,
    overrideConfig: options.overrideConfig,
    depth,
    onlyRules: options.onlyRules,
    onlyDetectors: options.onlyDetectors,
    diagnostics: base.diagnostics,
  });
  return { ...base, resolver };
}

/** One rule in a `configForFile` report. */
export interface RuleConfigReport {
  level: 'off' | 'warn' | 'error';
  /** The rule's options, when it has any. */
  options?: unknown[];
  /** It runs, and its findings are kept as suppressed: a config inside the scanned tree turned it off or ignores the file. */
  suppressed?: string;
  /** Enabled, but not run by this scan: why (its depth, the rule or detector filter). */
  notRun?: string;
}

/** The config one file is scanned with, and where it comes from (`oculum scan --print-config FILE`). */
export interface FileConfigReport {
  /** The file, relative to the working directory. */
  file: string;
  /** The language that reads it (by its extension, or by its bytes for model files); null when none does. */
  language: string | null;
  /** Why no language reads it (at this depth). */
  notRead?: string;
  depth: Depth;
  /** Why a directory walk leaves the file out (named on its own, it is scanned unless `forceExclude`). */
  ignored?: string;
  /** The configs applied, in order (the last wins); `<config> overrides[i]` for the blocks that match the file. */
  configs: string[];
  settings: Settings;
  /** Every loaded rule, by id. */
  rules: Record<string, RuleConfigReport>;
  /** Config errors and warnings met on the way (a broken config in the tree, an unknown setting). */
  diagnostics: Diagnostic[];
}

/**
 * The config a scan with these options would use for `file` (ESLint's `calculateConfigForFile`): the
 * configs that apply, each rule's level and options, the settings, and whether a directory walk
 * would leave the file out. Reads configs and loads plugins as `scan` does; scans nothing.
 */
export async function configForFile(file: string, options: ScanOptions = {}): Promise<FileConfigReport> {
  const depth = options.depth ?? 'standard';
  const { cwd, registry, diagnostics, resolver } = await resolverFor(options, depth);
  const abs = nodePath.resolve(cwd, file);
  let info: Stats;
  try {
    info = statSync(abs);
  } catch {
    throw new UsageError(`File not found: ${file}`);
  }
  if (!info.isFile()) throw new UsageError(`Not a file: ${file} (a config is computed for one file)`);
  const config = resolver.forFile(abs);
  let language = registry.byExtension.get(nodePath.extname(abs).toLowerCase())?.id ?? null;
  if (!language && mayHaveShebang(abs, registry)) {
    try {
      language = registry.textLanguageOf(abs, readHead(abs))?.id ?? null;
    } catch {
      language = null;
    }
  }
  if (!language && depth !== 'quick') {
    try {
      language = detectBinary(registry, readHead(abs), abs)?.id ?? null;
    } catch {
      language = null;
    }
  }
  const notRead = language ? undefined : whyNotRead(abs, registry, depth);
  const rules: Record<string, RuleConfigReport> = {};
  const ids = [...registry.rules.keys()].sort(compareStrings);
  const active = new Map(config.rules.map((r) => [r.id, r]));
  const dormant = new Set(config.dormant.map((entry) => entry.id));
  const only = options.onlyRules && options.onlyRules.length > 0 ? new Set(options.onlyRules) : undefined;
  for (const id of ids) {
    const rule = active.get(id);
    if (rule) {
      rules[id] = { level: rule.level, ...(rule.options.length > 0 ? { options: rule.options } : {}), ...(rule.externalSuppression ? { suppressed: rule.externalSuppression } : {}) };
    } else if (dormant.has(id)) {
      const meta = registry.rules.get(id)!.rule.meta;
      const notRun =
        only && !only.has(id)
          ? 'not selected by the rule filter (--rule)'
          : options.onlyDetectors?.length && !options.onlyDetectors.includes(meta.detector)
            ? `not selected by the detector filter (--detector): a ${meta.detector} rule`
            : `needs --depth ${meta.minDepth}`;
      rules[id] = { level: 'error', notRun };
    } else rules[id] = { level: 'off' };
  }
  const ignored = whyIgnored(abs, cwd, new GitIgnore(cwd), new PatternIgnore(resolver.trustedIgnores()));
  return {
    file: nodePath.relative(cwd, abs).split(nodePath.sep).join('/'),
    language,
    ...(notRead ? { notRead } : {}),
    depth,
    ...(ignored ? { ignored } : {}),
    configs: config.sources,
    settings: config.settings,
    rules,
    diagnostics,
  };
}

type Source =
  | { kind: 'text'; language: Language<any>; text: string; bom: boolean; bytes: number; hash: string; /** Read in this declared encoding, not UTF-8: fixes are not written back. */ encoding?: string }
  | { kind: 'binary-language'; language: Language<any>; bytes: number; hash: string }
  | { kind: 'skip'; reason: string }
  | { kind: 'none' };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function isUtf8(data: Uint8Array): boolean {
  try {
    utf8.decode(data);
    return true;
  } catch {
    return false;
  }
}
/** Declared encodings that read a file as UTF-8 does (ASCII is a subset; `utf-8-sig` allows a BOM). */
const UTF8_LABELS = new Set(['utf-8', 'utf8', 'ascii', 'us-ascii', 'utf-8-sig']);

/** A file without an extension, which a `#!` line may give a text language (`Language.interpreters`). */
function mayHaveShebang(path: string, registry: PluginRegistry): boolean {
  return registry.byInterpreter.size > 0 && nodePath.extname(path) === '';
}

function readHead(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const bytesRead = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    closeSync(fd);
  }
}

function detectBinary(registry: PluginRegistry, head: Uint8Array, path: string): Language<any> | undefined {
  for (const language of registry.binaryLanguages) {
    try {
      if (language.detect?.(head, path)) return language;
    } catch {
      /* a detector that throws does not claim the file */
    }
  }
  return undefined;
}

/**
 * Decides how a file is handled: read as text for its language, handed to a binary language, skipped
 * or ignored. Synchronous I/O on purpose: files are small and the linting is CPU-bound, and
 * the promise-based fs API costs several times more CPU per file.
 */
function classify(path: string, registry: PluginRegistry, depth: Depth, maxFileSize: number, wantHash: boolean, known?: Stats, named = false): Source {
  let textLanguage = registry.byExtension.get(nodePath.extname(path).toLowerCase());
  /** The first bytes of a file without an extension, read for its `#!` line (`Language.interpreters`). */
  let head: Uint8Array | undefined;
  /** The language was chosen by the file's `#!` line: bytes that are no source text make it no script. */
  let byShebang = false;
  const binaryAllowed = depth !== 'quick' && registry.binaryLanguages.length > 0;
  // Model files can be gigabytes: their cache identity is the file's metadata, like git's index
  // (ctime and inode change whenever the content is replaced, and cannot be set back by a user).
  const identity = (info: Stats) => `${info.size}:${info.mtimeMs}:${info.ctimeMs}:${info.ino}:${info.dev}`;
  const binaryFile = (info: Stats): Source => {
    const language = detectBinary(registry, head ?? readHead(path), path);
    if (!language) return { kind: 'none' };
    return { kind: 'binary-language', language, bytes: info.size, hash: identity(info) };
  };
  try {
    const info = known ?? statSync(path);
    // A file without an extension is a script of a language when its `#!` line says so; at --depth quick,
    // which reads no other file's bytes, only an executable one is looked at (as pre-commit's `identify`
    // does), unless it is named
    if (!textLanguage && mayHaveShebang(path, registry) && (named || depth !== 'quick' || (info.mode & 0o111) !== 0)) {
      try {
        head = readHead(path);
      } catch {
        head = undefined;
      }
      textLanguage = head ? registry.textLanguageOf(path, head) : undefined;
      byShebang = textLanguage !== undefined;
    }
    if (!textLanguage) return binaryAllowed ? binaryFile(info) : { kind: 'none' };
    const language: Language<any> = textLanguage;
    const limit = sizeLimit(language, path, maxFileSize);
    if (info.size > limit) {
      if (binaryAllowed) {
        const bin = binaryFile(info);
        if (bin.kind !== 'none') return bin;
      }
      // a `#!` file this big is an archive behind a `#!` line (a Python zipapp, a PEX), not a script
      if (byShebang && !named) return { kind: 'none' };
      return { kind: 'skip', reason: `larger than the ${formatSize(limit)} limit (${formatSize(info.size)})` };
    }
    const data = readFileSync(path);
    // Loaders take any file name: a pickle saved as `payload.py` (CVE-2025-1889) is a model file, not
    // source, whether its bytes are binary (NUL bytes, invalid UTF-8: a protocol 4 pickle) or text (a
    // protocol 0 pickle is ASCII). A binary language that recognises the bytes takes the file first;
    // its detector is strict enough that source text is not taken.
    if (binaryAllowed) {
      const language = detectBinary(registry, data.subarray(0, HEAD_BYTES), path);
      if (language) return { kind: 'binary-language', language, bytes: data.length, hash: wantHash ? hashContent(data) : '' };
    }
    // `#!python` then a zip (a Python zipapp, a PEX): no source text, no script
    if (byShebang && !named && data.includes(0)) return binaryAllowed ? binaryFile(info) : { kind: 'none' };
    if (data.includes(0)) {
      // UTF-16 and UTF-32 text is full of NUL bytes: said so, not called binary
      const bomName = data[0] === 0xff && data[1] === 0xfe ? 'UTF-16LE or UTF-32LE' : data[0] === 0xfe && data[1] === 0xff ? 'UTF-16BE' : data[0] === 0 && data[1] === 0 && data[2] === 0xfe && data[3] === 0xff ? 'UTF-32BE' : undefined;
      if (bomName) return { kind: 'skip', reason: `${bomName} text (by its byte-order mark): source files are read as UTF-8` };
      // A language that reads NUL as text (JavaScript, in comments and strings) reads the file when
      // it is valid UTF-8: one NUL byte must not hide a file V8 runs.
      if (!language.readsNul || !isUtf8(data)) return { kind: 'skip', reason: 'binary content (NUL bytes) in a source file' };
    }
    let text: string;
    /** The declared encoding the text was read in, when not UTF-8. */
    let readAs: string | undefined;
    const decodeDeclared = (): string | undefined => {
      try {
        return language.decode?.(data);
      } catch {
        return undefined;
      }
    };
    let encoding: string | undefined;
    try {
      encoding = language.declaredEncoding?.(data);
    } catch {
      encoding = undefined;
    }
    if (encoding !== undefined && !UTF8_LABELS.has(encoding)) {
      // Read as the language reads it: the declared encoding wins over bytes that happen to be UTF-8.
      const declared = decodeDeclared();
      if (declared === undefined) return { kind: 'skip', reason: `it declares the encoding "${encoding}", which Oculum cannot decode (or its bytes are not valid in it)` };
      text = declared;
      readAs = encoding;
    } else {
      try {
        text = utf8.decode(data);
      } catch {
        const declared = decodeDeclared();
        if (declared === undefined) return { kind: 'skip', reason: `not valid UTF-8${language.decode ? ', and no encoding it declares decodes it' : ''}` };
        text = declared;
        readAs = encoding ?? 'its declared encoding';
      }
    }
    const bom = text.charCodeAt(0) === 0xfeff;
    return { kind: 'text', language, text: bom ? text.slice(1) : text, bom, bytes: data.length, hash: wantHash ? hashContent(data) : '', ...(readAs ? { encoding: readAs } : {}) };
  } catch (error) {
    return { kind: 'skip', reason: `unreadable: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
}

/** The size limit of a file of `language` (its own, when it sets one and it is a sane number). */
function sizeLimit(language: Language<any>, path: string, limit: number): number {
  try {
    const own = language.fileSizeLimit?.(path, limit);
    return typeof own === 'number' && Number.isFinite(own) && own > 0 ? own : limit;
  } catch {
    return limit;
  }
}

/** The text given as standard input, as `classify` sees a source file (text languages only). */
function stdinSource(text: string, path: string, registry: PluginRegistry, maxFileSize: number): Source {
  const language = mayHaveShebang(path, registry) ? registry.textLanguageOf(path, Buffer.from(text.slice(0, HEAD_BYTES))) : registry.byExtension.get(nodePath.extname(path).toLowerCase());
  if (!language) return { kind: 'none' };
  const bytes = Buffer.byteLength(text);
  const limit = sizeLimit(language, path, maxFileSize);
  if (bytes > limit) return { kind: 'skip', reason: `larger than the ${formatSize(limit)} limit (${formatSize(bytes)})` };
  if (text.includes('\0') && !language.readsNul) return { kind: 'skip', reason: 'binary content (NUL bytes) in a source file' };
  const bom = text.charCodeAt(0) === 0xfeff;
  return { kind: 'text', language, text: bom ? text.slice(1) : text, bom, bytes, hash: '' };
}

/** Why no language reads a file: at depth quick a binary language would, or none would at all. */
function whyNotRead(path: string, registry: PluginRegistry, depth: Depth): string {
  if (depth === 'quick' && registry.binaryLanguages.length > 0) {
    let language: Language<any> | undefined;
    try {
      language = detectBinary(registry, readHead(path), path);
    } catch {
      language = undefined;
    }
    if (language) return `a ${language.id} file, and --depth quick reads source files only (use --depth standard)`;
  }
  const extensions = [...registry.byExtension.keys()].sort().join(', ');
  const binary = registry.binaryLanguages.length > 0 ? ', nor recognised by its bytes (model files)' : '';
  const interpreters = [...registry.byInterpreter.keys()].sort();
  const named = interpreters.length > 1 ? `${interpreters.slice(0, -1).join(', ')} or ${interpreters[interpreters.length - 1]}` : interpreters[0];
  const shebang = named && nodePath.extname(path) === '' ? `, nor by a #! line that runs ${named}` : '';
  return `not a file any loaded language reads: not source by its extension (${extensions || 'none loaded'})${shebang}${binary}`;
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(bytes % 1024 === 0 ? 0 : 1)} KiB`;
  return `${bytes} B`;
}

interface Job {
  path: string;
  /** Config of the file; `configId` numbers distinct configs so workers receive each once. */
  language: Language<any>;
  text?: string;
  bom: boolean;
  /** Read in this declared encoding (see `Source`): fixes are not written back. */
  encoding?: string;
  config: FileConfig;
  configId: number;
  cacheKey?: string;
}

/**
 * Scans files, directories and globs: discovery, per-file config, prefilter, one parse and one
 * traversal per file (spread over worker threads for large scans), directives, fixes, cache.
 */
export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  const started = performance.now();
  const depth = options.depth ?? 'standard';
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (typeof maxFileSize !== 'number' || !(maxFileSize > 0)) throw new UsageError(`Invalid maxFileSize ${String(maxFileSize)} (expected a number of bytes above 0, or Infinity for no limit)`);
  const { cwd, registry, diagnostics, resolver } = await resolverFor(options, depth);
  if (registry.plugins.length === 0) {
    diagnostics.push({ kind: 'config', severity: 'warning', message: 'No plugins are loaded: no rule can run' });
  }

  const explicit = new Set<string>();
  const partlyPruned: PrunedDirectory[] = [];
  const stdinPath = options.stdin ? nodePath.resolve(cwd, options.stdin.path) : undefined;
  let files: string[];
  if (stdinPath) {
    const ignored = options.forceExclude ? whyIgnored(stdinPath, cwd, new GitIgnore(cwd), new PatternIgnore(resolver.trustedIgnores())) : undefined;
    if (ignored) diagnostics.push({ file: stdinPath, kind: 'skipped', severity: 'warning', message: `Standard input not scanned: its path is ${ignored} (--force-exclude)` });
    files = ignored ? [] : [stdinPath];
    for (const file of files) explicit.add(file);
  } else {
    files = await discoverFiles({
      cwd,
      paths: options.paths ?? ['.'],
      gitignore: new GitIgnore(cwd),
      patterns: new PatternIgnore(resolver.trustedIgnores()),
      diagnostics,
      explicit,
      forceExclude: options.forceExclude === true,
      partlyPruned,
      ...(options.errorOnSkipped ? { unreadableSeverity: 'error' as const } : {}),
    });
  }
  /** Files read (scanned or prefiltered), kept only to tell a pruned directory that gave none. */
  const read = partlyPruned.length > 0 ? new Set<string>() : undefined;

  const cachePath = options.cache && !stdinPath ? (typeof options.cache === 'string' ? cacheFile(nodePath.resolve(cwd, options.cache)) : nodePath.join(cwd, '.oculumcache')) : undefined;
  // The scan root as seen from the cache's directory, not its absolute path: a checkout restored at
  // another path (a CI cache) keeps its entries, which are kept by relative path too.
  const cacheRoot = cachePath ? nodePath.relative(nodePath.dirname(cachePath), cwd).split(nodePath.sep).join('/') || '.' : '.';
  const cache = cachePath
    ? new ResultCache(cachePath, hashContent(`${VERSION}\u0000${registry.versionKey()}\u0000${cacheRoot}`), undefined, { root: cacheRoot, version: VERSION })
    : undefined;
  if (cache?.rejected) {
    diagnostics.push({ file: cache.file, kind: 'config', severity: 'warning', message: `The cache ${configLabel(cache.file, cwd)} was not used: ${cache.rejected}. Every file is scanned afresh` });
  } else if (cache?.stale) {
    // (a cache restored on a CI runner at another checkout path is thrown away: said, not silently)
    diagnostics.push({ file: cache.file, kind: 'config', severity: 'note', message: `The cache ${configLabel(cache.file, cwd)} was not used: ${cache.stale}. Every file is scanned afresh` });
  }

  const stats: ScanStats = { files: 0, parsed: 0, prefiltered: 0, skipped: 0, lines: 0, bytes: 0, durationMs: 0 };
  const results: FileResult[] = [];
  const configIds = new Map<FileConfig, number>();
  const taskConfigs = new Map<number, TaskConfig>();

  // Files that may need linting: those of a text language, plus any file a binary language may claim.
  const binaryAllowed = depth !== 'quick' && registry.binaryLanguages.length > 0;
  const candidates = files.filter((path) => binaryAllowed || registry.byExtension.has(nodePath.extname(path).toLowerCase()) || mayHaveShebang(path, registry));
  const textCandidates = candidates.filter((path) => registry.byExtension.has(nodePath.extname(path).toLowerCase())).length;
  const total = candidates.length;
  let done = 0;
  // A file named on the command line that nothing reads is said so (in a directory it is left out).
  const notRead = (path: string): void => {
    stats.files++;
    stats.skipped++;
    diagnostics.push({ file: path, kind: 'skipped', severity: 'note', message: `Skipped: ${whyNotRead(path, registry, depth)}` });
  };
  if (explicit.size > 0) {
    const candidateSet = new Set(candidates);
    for (const path of explicit) if (!candidateSet.has(path)) notRead(path);
  }
  const progress = () => options.onProgress?.(done, total);

  /** The rules of one file config for one language, as sent to lintText or a worker (memoized). */
  const taskConfig = (config: FileConfig, configId: number, language: Language<any>): [number, TaskConfig] => {
    const key = configId * 64 + languageIndex(registry, language);
    let task = taskConfigs.get(key);
    if (!task) {
      task = {
        rules: config.rules
          .filter((r) => r.entry.rule.meta.languages.includes(language.id))
          .map((r) => ({ id: r.id, level: r.level, options: r.options, ...(r.externalSuppression ? { externalSuppression: r.externalSuppression } : {}) })),
        settings: config.settings,
        dormant: config.dormant.filter((r) => r.rule.meta.languages.includes(language.id)).map((r) => [r.id, r.rule.meta.detector]),
      };
      taskConfigs.set(key, task);
    }
    return [key, task];
  };

  // Languages workers must load: the text languages of the candidates, and the binary ones when some
  // candidate may be claimed by magic bytes. A file routed to another language is linted in-thread.
  // Workers start on the text language with the most files before the first file arrives.
  const workerLanguages = new Set<string>();
  const textCounts = new Map<string, number>();
  for (const path of candidates) {
    const language = registry.byExtension.get(nodePath.extname(path).toLowerCase());
    if (language) {
      workerLanguages.add(language.id);
      textCounts.set(language.id, (textCounts.get(language.id) ?? 0) + 1);
    } else for (const binary of registry.binaryLanguages) workerLanguages.add(binary.id);
  }
  const eager = [...textCounts].sort((a, b) => b[1] - a[1]).slice(0, 1).map(([id]) => id);
  const pool = await maybePool(options, registry, textCandidates, workerLanguages, eager, { cwd, depth, fix: options.fix === true }, diagnostics);
  let taskId = 0;
  // Trigger tests that threw, one diagnostic per test's rules and message (not one per file).
  const triggerErrors = new Map<string, { ruleIds: string[]; error: unknown; files: Set<string>; first: string }>();
  const noteTriggerError = (path: string) => (ruleIds: string[], error: unknown) => {
    // keyed on the error as the message shows it
    const key = `${ruleIds.join('\u0000')}\u0001${errorText(error)}`;
    const shown = nodePath.relative(cwd, path) || path;
    let entry = triggerErrors.get(key);
    if (!entry) triggerErrors.set(key, (entry = { ruleIds, error, files: new Set(), first: shown }));
    // the first in path order, whatever order the files are read in
    else if (compareStrings(shown, entry.first) < 0) entry.first = shown;
    entry.files.add(path);
  };
  // The rules and dormant rules of a task config as `lintText` takes them: built once per config.
  const taskRules = new Map<number, Pick<LintTextOptions, 'rules' | 'dormantRules'>>();
  const lintJob = async (job: Job, withoutFixes = false): Promise<LintTextDetails> => {
    const [key, config] = taskConfig(job.config, job.configId, job.language);
    let rules = taskRules.get(key);
    if (!rules) {
      rules = { rules: config.rules.map((r) => ({ ...r, rule: registry.rules.get(r.id)!.rule })), dormantRules: new Map(config.dormant) };
      taskRules.set(key, rules);
    }
    const lintOptions: LintTextOptions = {
      path: job.path,
      text: job.text,
      language: job.language,
      ...rules,
      settings: config.settings,
      depth,
      cwd,
      fix: withoutFixes ? false : options.fix,
      skipOptionValidation: true,
      onTriggerError: noteTriggerError(job.path),
    };
    /** The main thread's own result, linted while it helped the pool. */
    let mainThread: LintTextDetails | undefined;
    if (!withoutFixes && pool && pool.alive && workerLanguages.has(job.language.id)) {
      // The prefilter runs here, while the workers start: only files some rule runs on are sent, with
      // the rules that run on them.
      const triggered = triggeredRuleIds(lintOptions);
      if (triggered && triggered.length === 0 && !needsDirectiveCheck(job.text)) return notParsed(lintOptions);
      try {
        const task = { id: taskId++, path: job.path, languageId: job.language.id, text: job.text, configId: key, ...(triggered ? { triggered } : {}) };
        // Or the main thread lints it, when it has nothing else to do (see `LintPool`): then a file too
        // deep for its stack goes on to the retry below, as one it lints on its own does.
        let lintedHere: LintTextDetails | undefined;
        const details = await pool.run(task, config, async () => (lintedHere = await lintTextWithDetails({ ...lintOptions, ...(triggered ? { triggered } : {}) })));
        if (details !== lintedHere || !exhaustedStack(details)) return details;
        mainThread = details;
      } catch (error) {
        // A worker that failed to start or crashed: this file is linted here instead.
        if (!(error instanceof WorkerUnavailableError)) throw error;
      }
    }
    const details = mainThread ?? (await lintTextWithDetails(lintOptions));
    // Too deep for the main thread's stack: again in a worker, whose stack is larger.
    if (!withoutFixes && exhaustedStack(details) && workerLanguages.has(job.language.id)) {
      deepPool ??= pool && pool.alive ? Promise.resolve(pool) : maybePool(options, registry, 1, workerLanguages, [], { cwd, depth, fix: options.fix === true }, diagnostics, 1);
      const helper = await deepPool;
      if (helper?.alive) {
        const triggered = triggeredRuleIds(lintOptions);
        try {
          const retried = await helper.run({ id: taskId++, path: job.path, languageId: job.language.id, text: job.text, configId: key, ...(triggered ? { triggered } : {}) }, config);
          if (!exhaustedStack(retried)) return retried;
        } catch {
          // the worker failed too: the main thread's result stands
        }
      }
    }
    return details;
  };
  /** Where files too deep for the main thread's stack are linted again (the scan's pool, or one made for them). */
  let deepPool: Promise<LintPool | undefined> | undefined;

  /** `Stats` of the files not read yet, when sorting them by size already asked for them. */
  const known = new Map<string, Stats>();
  /** One file from bytes to result: classify, config, cache, lint, write fixes. */
  /** Bytes of the big files read and not yet done with, and the files waiting to be read. */
  const bigBase = Number.isFinite(maxFileSize) ? maxFileSize : DEFAULT_MAX_FILE_SIZE;
  let bigBytes = 0;
  const bigWaiting: Array<() => void> = [];
  const processFile = async (path: string): Promise<void> => {
    let info = known.get(path);
    known.delete(path);
    if (!info && path !== stdinPath) {
      try {
        info = statSync(path);
      } catch {
        info = undefined; // (`classify` says why)
      }
    }
    // (a model file is read a window at a time, whatever its size: only source text is held whole)
    const size = info?.isFile() && registry.byExtension.has(nodePath.extname(path).toLowerCase()) ? info.size : 0;
    if (size <= bigBase * BIG_FILE) return processFileRead(path, info);
    while (bigBytes > 0 && bigBytes + size > bigBase * BIG_FILES_IN_FLIGHT) await new Promise<void>((resolve) => bigWaiting.push(resolve));
    bigBytes += size;
    try {
      await processFileRead(path, info);
    } finally {
      bigBytes -= size;
      for (const resolve of bigWaiting.splice(0)) resolve();
    }
  };
  const processFileRead = async (path: string, info: Stats | undefined): Promise<void> => {
    const source = path === stdinPath ? stdinSource(options.stdin!.text, path, registry, maxFileSize) : classify(path, registry, depth, maxFileSize, cache !== undefined, info, explicit.has(path));
    if (source.kind === 'none') {
      if (explicit.has(path)) notRead(path);
      return;
    }
    stats.files++;
    read?.add(path);
    if (source.kind === 'skip') {
      stats.skipped++;
      // A source file that is not scanned may hide what the scan looks for: a warning, not a note.
      // `errorOnSkipped` (`--error-on-skipped`): a gate that must not pass what it could not read.
      diagnostics.push({ file: path, kind: 'skipped', severity: options.errorOnSkipped ? 'error' : 'warning', message: `Skipped: ${source.reason}` });
      return;
    }
    const language = source.language;
    const config = resolver.forFile(path);
    let configId = configIds.get(config);
    if (configId === undefined) configIds.set(config, (configId = configIds.size));
    stats.bytes += source.bytes;
    if (source.kind === 'text') stats.lines += countLines(source.text);
    const job: Job = {
      path,
      language,
      text: source.kind === 'text' ? source.text : undefined,
      bom: source.kind === 'text' && source.bom,
      ...(source.kind === 'text' && source.encoding ? { encoding: source.encoding } : {}),
      config,
      configId,
    };
    if (cache) {
      const extra = language.cacheKey?.({ path, depth, cwd }) ?? '';
      job.cacheKey = ResultCache.entryKey(source.hash, `${config.hash}\u0000${extra}`, language.id);
      if (!options.fix) {
        const hit = cache.get(path, job.cacheKey);
        if (hit) {
          results.push(hit);
          return;
        }
      }
    }

    let details: LintTextDetails;
    try {
      details = await lintJob(job);
    } catch (error) {
      details = {
        result: {
          file: path,
          language: language.id,
          findings: [],
          diagnostics: [{ file: path, kind: 'internal', severity: 'error', message: `Linting failed: ${(error as Error).message.split('\n')[0]}` }],
        },
        parsed: false,
        fixPasses: 0,
      };
    }
    let { result } = details;
    if (details.parsed) stats.parsed++;
    else stats.prefiltered++;
    if (result.output !== undefined && options.fix && job.encoding) {
      // Written as UTF-8, a file declared in another encoding would be corrupted: reported as it is.
      result = (await lintJob(job, true)).result;
      result.diagnostics.push({ file: path, kind: 'skipped', severity: 'warning', message: `Fixes not applied: the file is read in its declared encoding "${job.encoding}", and Oculum writes UTF-8 only` });
    } else if (result.output !== undefined && options.fix && path !== stdinPath) {
      try {
        await writeFile(path, (job.bom ? '\uFEFF' : '') + result.output);
      } catch (error) {
        // The file keeps its text: report what it still holds (the findings the fixes would have
        // removed included), as a scan without --fix would.
        const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        result = (await lintJob(job, true)).result;
        result.diagnostics.push({ file: path, kind: 'internal', severity: 'error', message: `Could not write fixes (${reason}): no fix was applied to this file` });
      }
    }
    if (details.directiveTargets) {
      // (an unknown name is a mistake, not a leftover: a warning even at reportUnusedDirectives "off")
      const policy = directivePolicy(config.settings);
      for (const d of unknownDirectiveTargets(details.directiveTargets, path, registry)) result.diagnostics.push(directiveDiagnostic(d, policy, false)!);
      result.diagnostics.sort(compareDiagnostics);
    }
    // Results with internal errors are not cached (the next run should retry); neither are fixed files
    // (their content changed, the entry could never match).
    if (cache && job.cacheKey && result.output === undefined && !result.diagnostics.some((d) => d.kind === 'internal')) {
      cache.set(path, job.cacheKey, result);
    }
    results.push(result);
  };

  try {
    // Files stream through: a bounded number are read and in flight at once, so memory stays flat
    // (at most this many texts held, each at most `maxFileSize`). With workers the bound is higher:
    // most files end at the prefilter, and the main thread should get through them all while the
    // workers lint, rather than leave the small ones for the end (the pool hands its waiting files
    // out costliest first, whatever order they are found in).
    const concurrency = pool ? POOLED_FILES_IN_FLIGHT : 8;
    // With workers, the biggest files are read first (longest processing time first): the files left
    // at the end are small, so no worker idles while another still works through a big one.
    await mapLimit(pool ? largestFirst(candidates, known) : candidates, concurrency, async (path) => {
      await processFile(path);
      done++;
      progress();
    });
  } finally {
    await pool?.close();
    const extra = await deepPool;
    if (extra && extra !== pool) await extra.close();
  }
  // A named directory whose readable files were all ignored, beside files no language reads (its
  // `.gitignore`, a README): as good as empty.
  for (const dir of partlyPruned) {
    if (dir.files.some((f) => read!.has(f))) continue;
    const others = plural(dir.files.length, 'other file', 'other files');
    diagnostics.push({ file: dir.abs, kind: 'skipped', severity: 'warning', message: `${dir.message}; the ${others} ${dir.files.length === 1 ? 'is' : 'are'} not read by any loaded language` });
  }
  for (const { ruleIds, error, files, first } of triggerErrors.values()) {
    diagnostics.push({ kind: 'internal', severity: 'warning', message: triggerErrorMessage(ruleIds, error, { count: files.size, first }) });
  }
  if (cache && depth === 'deep' && cache.relocatedMisses > 0) {
    // Not silent: the README's "Caching results in CI" says a relocated cache is used, and below deep it is.
    const n = plural(cache.relocatedMisses, 'file', 'files');
    diagnostics.push({ file: cache.file, kind: 'config', severity: 'note', message: `The cache ${configLabel(cache.file, cwd)} was not used: it was written at another checkout path, and at --depth deep a file's results depend on the paths and modification times of the project's other files (dependency files, imported modules), which differ there: ${n} scanned afresh` });
  }
  try {
    cache?.save();
  } catch (err) {
    // The results stand without the cache: say so, and report them.
    diagnostics.push({ kind: 'internal', severity: 'warning', message: `Could not write the cache ${configLabel(cache!.file, cwd)}: ${errnoText(err)}; the next scan starts without it` });
  }

  results.sort((a, b) => compareStrings(a.file, b.file));
  diagnostics.sort(compareDiagnostics);
  stats.durationMs = Math.round(performance.now() - started);
  return { cwd, version: VERSION, files: results, diagnostics, rules: ruleInfos(registry, resolver), stats };
}

function languageIndex(registry: PluginRegistry, language: Language<any>): number {
  return [...registry.languages.values()].indexOf(language);
}

/**
 * The most worker threads a scan starts, whatever `workers` asks: one per core (the main thread lints
 * too, so more would only take turns on the same cores, at the cost of their start, JIT warm-up and
 * memory), and at most 8.
 */
export function maxWorkers(): number {
  return Math.max(1, Math.min(availableParallelism(), MAX_WORKERS));
}

function poolSize(options: ScanOptions, jobs: number): number {
  if (typeof options.workers === 'number') return Math.min(options.workers, maxWorkers());
  // One core is the main thread's: it reads and prefilters every file, and lints whenever it would
  // wait for the workers (see `LintPool`). A worker more would cost its start and its own JIT
  // warm-up, and take CPU from the main thread while it still reads.
  return Math.max(1, Math.min(availableParallelism() - 1, MAX_WORKERS, Math.ceil(jobs / 32)));
}

async function maybePool(
  options: ScanOptions,
  registry: PluginRegistry,
  jobs: number,
  languages: ReadonlySet<string>,
  eagerLanguages: string[],
  init: { cwd: string; depth: Depth; fix: boolean },
  diagnostics: Diagnostic[],
  /** A pool of this size whatever the options say (a retry of files the main thread could not lint). */
  forceSize?: number,
): Promise<LintPool | undefined> {
  const workers = forceSize ?? options.workers ?? 'auto';
  if (workers === 0 || jobs === 0) return undefined;
  if (workers === 'auto' && jobs <= WORKER_THRESHOLD) return undefined;
  if (typeof workers === 'number' && (!Number.isInteger(workers) || workers < 0)) {
    throw new UsageError(`workers must be 'auto' or a non-negative integer, got ${String(workers)}`);
  }
  const urls = registry.urls(languages);
  const script = workerScript();
  if (!urls || !script) {
    if (typeof workers === 'number') {
      diagnostics.push({
        kind: 'limit',
        severity: 'note',
        message: !urls ? 'Worker threads disabled: some plugins were given as objects (pass module specifiers to use workers)' : 'Worker threads unavailable in this build; linting in one thread',
      });
    }
    return undefined;
  }
  const startCosts = new Map<string, number>();
  for (const language of registry.languages.values()) if (typeof language.startCost === 'number') startCosts.set(language.id, language.startCost);
  const languagePlugins: Record<string, number[]> = {};
  for (const id of languages) {
    const needed = registry.urls(new Set([id])) ?? [];
    const provider = registry.plugins.find((p) => Object.values(p.plugin.languages ?? {}).includes(registry.languages.get(id)!));
    languagePlugins[id] = [...new Set([provider?.url, ...needed])].filter((u): u is string => u !== undefined).map((u) => urls.indexOf(u));
  }
  return new LintPool(script, forceSize ?? poolSize(options, jobs), { pluginUrls: urls, languagePlugins, eagerLanguages, ...init }, startCosts);
}

/**
 * The main thread's stack is V8's default (~1 MB), a worker's `WORKER_STACK_MB`: a file nested deeper
 * than the main thread can take (a 400-link JS call chain, a 900-term concatenation) fails there
 * (the language says so as a parse error, a rule as an internal error) and is linted in a worker.
 */
function exhaustedStack(details: LintTextDetails): boolean {
  return details.result.diagnostics.some((d) => (d.kind === 'parse-error' || d.kind === 'internal') && /Maximum call stack size exceeded/.test(d.message));
}

/**
 * The paths by size, largest first (ties and unreadable files keep their order; stable sort). With
 * `stats`, each path's `Stats` are left there, so reading the file does not ask for them again.
 */
export function largestFirst(paths: readonly string[], stats?: Map<string, Stats>): string[] {
  const size = new Map<string, number>();
  for (const path of paths) {
    try {
      const info = statSync(path);
      size.set(path, info.size);
      stats?.set(path, info);
    } catch {
      size.set(path, -1); // reported when it is read
    }
  }
  return [...paths].sort((a, b) => size.get(b)! - size.get(a)!);
}

/** Runs `fn` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await fn(items[index], index);
    }
  });
  await Promise.all(runners);
  return out;
}

export { DEFAULT_EXTENDS };
