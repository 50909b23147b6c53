import { createHash } from 'node:crypto';
import * as nodePath from 'node:path';
import type { Ignore } from 'ignore';
import { loadIgnore, loadPicomatch } from '../lazy.js';
import { ConfigError, UsageError } from '../errors.js';
import { UNUSED_DIRECTIVE_LEVELS } from '../directives.js';
import { normalizeLevel } from '../lint.js';
import { validateRuleOptions } from '../options.js';
import { PRESET_NAMES, presetsFor, type PresetName } from '../presets.js';
import type { ConfigData, Depth, Detector, Diagnostic, RuleEntry, RuleLevel, Settings } from '../types.js';
import { configInDirectory, configLabel, hiddenConfigMessage, validateConfigData, type ConfigFile } from './load.js';
import type { PluginRegistry, RegisteredRule } from './plugins.js';

export const DEFAULT_EXTENDS = 'oculum:recommended';
/** `settings.minConfidence`: findings less certain than this are dropped (see `lintText`). */
const CONFIDENCE_FLOORS = ['low', 'medium', 'high'] as const;

type OverrideBlock = NonNullable<ConfigData['overrides']>[number];

/** One config in a file's chain. */
interface Layer {
  /** Absolute path of the config file, or a label ('overrideConfig', 'default'). */
  source: string;
  /** Shown in messages and suppression justifications. */
  label: string;
  /** Directory its globs are relative to. */
  dir: string;
  data: ConfigData;
  /** The user's own config (cwd / --config / overrideConfig / defaults): may turn rules off and ignore files. */
  trusted: boolean;
}

interface RuleState {
  level: RuleLevel;
  options: unknown[];
  /** Label of the untrusted config that turned the rule off (it keeps running, findings suppressed). */
  offBy?: string;
}

/** A rule as configured for one file. */
export interface ConfiguredRule {
  id: string;
  entry: RegisteredRule;
  level: 'warn' | 'error';
  options: unknown[];
  /** Justification of an external suppression ('disabled by <config>'). */
  externalSuppression?: string;
}

/** The resolved config of one file. */
export interface FileConfig {
  rules: ConfiguredRule[];
  /** Rules the config enables that this scan does not run (depth, rule/detector filters). */
  dormant: RegisteredRule[];
  settings: Settings;
  /** Set when an untrusted config's ignorePatterns match the file: it is linted, findings are suppressed. */
  ignoredBy?: string;
  /** The configs applied, in order (the last wins): their labels, and `<label> overrides[i]` for blocks that match. */
  sources: string[];
  /** Hash of everything above, for the cache. */
  hash: string;
}

const DEPTH_ORDER: Record<Depth, number> = { quick: 0, standard: 1, deep: 2 };

/** The filters of a scan that leave rules out: `--rule`, `--detector` and `--depth`. */
export interface RuleFilters {
  onlyRules?: readonly string[];
  onlyDetectors?: readonly string[];
  depth: Depth;
}

/**
 * Whether a scan's filters leave a rule out (it is then dormant: enabled, but it did not run): not
 * among `onlyRules` (when given), not of one of `onlyDetectors` (when given), or its `minDepth` is
 * deeper than the scan's. The one decision the config (dormant rules) and the CLI's baseline (the
 * entries of rules that did not run are neither stale nor pruned) share.
 */
export function ruleFilteredOut(id: string, meta: { detector: Detector; minDepth?: Depth }, filters: RuleFilters): boolean {
  if (filters.onlyRules && filters.onlyRules.length > 0 && !filters.onlyRules.includes(id)) return true;
  if (filters.onlyDetectors && filters.onlyDetectors.length > 0 && !filters.onlyDetectors.includes(meta.detector)) return true;
  return DEPTH_ORDER[meta.minDepth ?? 'quick'] > DEPTH_ORDER[filters.depth];
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/** Up to three known names closest to `name`, for "did you mean" hints. */
export function closest(name: string, known: Iterable<string>): string[] {
  const scored = [...known]
    .map((k) => {
      const shortA = name.split('/').pop() ?? name;
      const shortB = k.split('/').pop() ?? k;
      const d = Math.min(levenshtein(name, k), levenshtein(shortA, shortB) + (k.startsWith(name.split('/')[0]) ? 0 : 1));
      return { k, d: shortB.includes(shortA) || shortA.includes(shortB) ? Math.min(d, 2) : d };
    })
    .filter(({ k, d }) => d <= Math.max(2, Math.floor(k.length / 3)))
    .sort((x, y) => x.d - y.d || (x.k < y.k ? -1 : 1));
  const best = scored[0]?.d;
  return scored.filter((s) => s.d === best).slice(0, 3).map((s) => s.k);
}

function didYouMean(candidates: string[]): string {
  return candidates.length ? `; did you mean ${candidates.map((c) => `"${c}"`).join(', ')}?` : '';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeSettings(base: Settings, next: Settings): Settings {
  const out: Settings = { ...base };
  for (const [key, value] of Object.entries(next)) {
    out[key] = isPlainObject(out[key]) && isPlainObject(value) ? mergeSettings(out[key] as Settings, value) : value;
  }
  return out;
}

function toPosix(p: string): string {
  return p.split(nodePath.sep).join('/');
}

function globMatcher(patterns: string | string[]): (relative: string) => boolean {
  const list = Array.isArray(patterns) ? patterns : [patterns];
  const matchers = list.map((pattern) => {
    const clean = pattern.startsWith('./') ? pattern.slice(2) : pattern;
    return loadPicomatch()(clean, { dot: true, basename: !clean.includes('/') });
  });
  return (relative) => matchers.some((m) => m(relative));
}

export interface ConfigResolverOptions {
  cwd: string;
  registry: PluginRegistry;
  /** The user's own config (from cwd or --config); undefined when there is none or noConfig. */
  userConfig?: ConfigFile;
  /**
   * Your configs above `userConfig` in the same repository (up to one with `root: true`), farthest first:
   * trusted layers beneath it, each nearer one winning (`cd pkg && oculum scan .` keeps the root's config).
   */
  ancestorConfigs?: readonly ConfigFile[];
  noConfig?: boolean;
  /**
   * Directories whose config the user's own config replaces (`--config`): the working directory and,
   * inside a repository, those above it up to the repository root, where the lookup of your own
   * config would have looked. Their config files are not read at all.
   */
  replacedConfigDirs?: ReadonlySet<string>;
  overrideConfig?: ConfigData;
  depth: Depth;
  onlyRules?: string[];
  onlyDetectors?: Detector[];
  /** Where warnings about configs go. */
  diagnostics: Diagnostic[];
}

/**
 * The backslashes of a glob that read as Windows directory separators rather than escapes: one at a
 * path-segment boundary, that is after the start, a name character or a wildcard (not after `/`) and
 * before what starts a path segment (a letter, a digit, `_`, `*` or `?`: no Windows file name holds
 * `*` or `?`; `.` after a name character, as in `tests\.venv`), or one at the glob's end. Any other
 * backslash escapes the next character, as gitignore and picomatch read it: `\#` and `\!` (a leading
 * `#` or `!`), `\ ` (a trailing space), `\-`, `\[`, `\\`, and `\.` after a wildcard (`*\.pyc`).
 * Linear in the glob.
 */
export function separatorBackslashes(glob: string): number[] {
  const at: number[] = [];
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] !== '\\') continue;
    const before = i === 0 ? '' : glob[i - 1]!;
    const next = glob[i + 1];
    const boundary = before === '' || /[\p{L}\p{N}_\-*?.\]})~:$]/u.test(before);
    if (next === undefined) {
      if (i > 0) at.push(i);
      continue;
    }
    const startsSegment = /[\p{L}\p{N}_*?]/u.test(next) || (next === '.' && /[\p{L}\p{N}_\-~]/u.test(before));
    if (boundary && startsSegment && before !== '/') at.push(i);
    else i++; // an escape: the next character is literal (`\\` included)
  }
  return at;
}

/** Whether a glob holds a backslash that reads as a Windows directory separator (see `separatorBackslashes`). */
export function windowsSeparator(glob: string): boolean {
  return separatorBackslashes(glob).length > 0;
}

/**
 * Computes the config of every file: default or user config, then the configs found from the file's
 * directory upward (closer wins), then overrideConfig. Configs other than the user's are untrusted:
 * what they turn off keeps running and is reported as suppressed.
 */
export class ConfigResolver {
  private readonly dirConfigs = new Map<string, ConfigFile | null>();
  private readonly chains = new Map<string, Layer[]>();
  private readonly resolved = new Map<string, FileConfig>();
  private readonly checked = new Set<string>();
  private readonly warned = new Set<string>();
  /** Configs inside the scanned tree that are not valid: left out, each reported once. */
  private readonly broken = new Set<string>();
  private readonly matchers = new Map<OverrideBlock | string[], (relative: string) => boolean>();
  private readonly baseLayers: Layer[];
  private readonly finalLayers: Layer[];

  constructor(private readonly options: ConfigResolverOptions) {
    const { cwd, userConfig, noConfig, overrideConfig } = options;
    this.baseLayers = [];
    if (!userConfig) {
      this.baseLayers.push({ source: 'default', label: `default config (${DEFAULT_EXTENDS})`, dir: cwd, data: { extends: DEFAULT_EXTENDS }, trusted: true });
    } else {
      // Your configs, farthest first: the repository's, then the package's. The farthest without `extends`
      // builds on the recommended preset (`"extends": []` opts out): a config written only to ignore a
      // directory must not silently turn every rule off; a nearer one without `extends` keeps what is below.
      for (const [i, config] of [...(options.ancestorConfigs ?? []), userConfig].entries()) {
        const data = i === 0 && config.data.extends === undefined ? { ...config.data, extends: DEFAULT_EXTENDS } : config.data;
        this.baseLayers.push({ source: config.file, label: configLabel(config.file, cwd), dir: config.dir, data, trusted: true });
      }
    }
    this.finalLayers = [];
    if (overrideConfig) {
      const data = validateConfigData(overrideConfig, 'overrideConfig');
      this.finalLayers.push({ source: 'overrideConfig', label: 'overrideConfig', dir: cwd, data, trusted: true });
    }
    if (noConfig && userConfig) throw new Error('ConfigResolver: userConfig with noConfig');
    for (const layer of [...this.baseLayers, ...this.finalLayers]) this.check(layer);
    this.checkOnly();
  }

  private checkOnly(): void {
    const { onlyRules, registry } = this.options;
    for (const id of onlyRules ?? []) {
      if (registry.rules.has(id)) continue;
      let hint = didYouMean(closest(id, registry.rules.keys()));
      if (!hint) {
        // Nothing close: name the rules of its namespace, or the namespaces there are.
        const namespace = id.includes('/') ? id.slice(0, id.indexOf('/')) : '';
        const same = [...registry.rules.keys()].filter((r) => r.startsWith(`${namespace}/`)).sort();
        hint = same.length > 0 && same.length <= 12 ? `; the "${namespace}" rules are ${same.map((r) => `"${r}"`).join(', ')}` : `; list the rules with \`oculum rules\``;
      }
      throw new UsageError(`Unknown rule "${id}" in the rule filter${hint}`);
    }
    // Filters that leave no rule to run would report a clean scan of nothing.
    const { onlyDetectors, depth } = this.options;
    const picked = (onlyRules ?? []).map((id) => ({ id, meta: registry.rules.get(id)!.rule.meta }));
    if (picked.length === 0) return;
    const inDetectors = onlyDetectors && onlyDetectors.length > 0 ? picked.filter((r) => onlyDetectors.includes(r.meta.detector)) : picked;
    if (inDetectors.length === 0) {
      const which = picked.map((r) => `"${r.id}" is ${r.meta.detector}`).join(', ');
      throw new UsageError(`No rule left to run: the rule filter and the detector filter (${onlyDetectors!.join(', ')}) have no rule in common (${which})`);
    }
    // (at depth quick no file of a binary language is read: its rules run at standard)
    const binary = new Set(registry.binaryLanguages.map((l) => l.id));
    const needs = (meta: (typeof picked)[number]['meta']): Depth => (meta.minDepth && meta.minDepth !== 'quick' ? meta.minDepth : meta.languages.length > 0 && meta.languages.every((l) => binary.has(l)) ? 'standard' : 'quick');
    const atDepth = inDetectors.filter((r) => DEPTH_ORDER[needs(r.meta)] <= DEPTH_ORDER[depth]);
    if (atDepth.length === 0) {
      const which = inDetectors.map((r) => `"${r.id}" runs at --depth ${needs(r.meta)} or deeper`).join(', ');
      throw new UsageError(`No rule left to run at --depth ${depth}: ${which}`);
    }
  }

  /** Reports a config of the scanned tree that is not valid, once, and leaves it out from now on. */
  private leaveOut(error: ConfigError, source = error.file): void {
    if (source) {
      if (this.broken.has(source)) return;
      this.broken.add(source);
    }
    let text = error.message.replace(/\s*\n\s*/g, ' ').trim();
    if (error.keyPath && !text.includes(error.keyPath)) text += ` (at ${error.keyPath})`;
    if (error.expected && !text.includes(error.expected)) text += `; expected ${error.expected}`;
    this.options.diagnostics.push({ file: source, kind: 'config', severity: 'error', message: `${text}. This config is left out: the files under it are scanned without it` });
  }

  private warn(key: string, message: string, file?: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.options.diagnostics.push({ file, kind: 'config', severity: 'warning', message });
  }

  /** Checks rule ids, options and presets of a config once. */
  private check(layer: Layer): void {
    if (this.checked.has(layer.source)) return;
    this.checked.add(layer.source);
    const { data } = layer;
    if (!layer.trusted && data.plugins && data.plugins.length > 0) {
      this.warn(
        `plugins:${layer.source}`,
        `${layer.label}: plugins ${data.plugins.map((p) => `"${p}"`).join(', ')} ignored: configs inside the scanned tree cannot load code (name them in your own config: the .oculumrc of the working directory, or a file given with --config)`,
        layer.source,
      );
    }
    for (const name of ([] as string[]).concat(data.extends ?? [])) this.preset(name, layer, 'extends');
    this.checkRules(data.rules, layer, 'rules');
    this.checkSettings(data.settings, layer, 'settings');
    this.checkGlobs(data.ignorePatterns, layer, 'ignorePatterns');
    (data.overrides ?? []).forEach((o, i) => {
      this.checkGlobs(o.files, layer, `overrides[${i}].files`);
      this.checkGlobs(o.excludedFiles, layer, `overrides[${i}].excludedFiles`);
      this.checkRules(o.rules, layer, `overrides[${i}].rules`);
      this.checkSettings(o.settings, layer, `overrides[${i}].settings`);
    });
  }

  /**
   * What to do instead of lowering `id` in an in-tree config: the override to put in your own config
   * (the one found from the working directory, or a new `.oculumrc` there), or where to run from so
   * that the config is your own.
   */
  private lowerHint(layer: Layer, id: string): string {
    const { cwd, userConfig } = this.options;
    const ownDir = userConfig?.dir ?? cwd;
    const own = userConfig ? configLabel(userConfig.file, cwd) : '.oculumrc (a new one in the working directory)';
    const rel = toPosix(nodePath.relative(ownDir, layer.dir));
    const files = rel && !rel.startsWith('..') ? `${rel}/**` : '**';
    const runFrom = toPosix(nodePath.relative(cwd, layer.dir)) || '.';
    return `to lower it, move it to "overrides" in your own config ${own}: { "files": [${JSON.stringify(files)}], "rules": { ${JSON.stringify(id)}: "warn" } }, or run oculum from ${runFrom}/, where ${layer.label} is your own config`;
  }

  /**
   * A Windows path written as a glob (`tests\**`) matches nothing on any system: in a glob `\`
   * escapes the next character, and directories are separated by `/`. A warning (the config stays
   * valid) for a glob with a backslash that reads as a separator (`separatorBackslashes`); escapes
   * that gitignore and picomatch take (`\#`, `\!`, `\ `, `\-`, `\[id\].py` …) are left alone.
   */
  private checkGlobs(globs: string | string[] | undefined, layer: Layer, keyPath: string): void {
    if (globs === undefined) return;
    const list = typeof globs === 'string' ? [globs] : globs;
    list.forEach((glob, i) => {
      if (typeof glob !== 'string' || !windowsSeparator(glob)) return;
      const toSlashes = (g: string): string => {
        const at = new Set(separatorBackslashes(g));
        return [...g].map((c, i) => (at.has(i) ? '/' : c)).join('');
      };
      const at = typeof globs === 'string' ? keyPath : `${keyPath}[${i}]`;
      this.warn(
        `glob:${layer.source}:${at}`,
        `${layer.label}: ${at}: ${JSON.stringify(glob)} has a backslash that reads as a Windows path separator, so it probably does not match what was meant: use / in globs (\\ escapes the next character), e.g. ${JSON.stringify(toSlashes(glob))}`,
        layer.source,
      );
    });
  }

  /**
   * Settings the loaded rules ask for (`meta.requiresSettings`): a list of publishers or a switch
   * given the wrong shape would silently turn their rule off, so it is a config error; a key that is
   * a near miss of one of them (`trustedPublisher`) gets a warning. Other keys belong to plugins or
   * other tools and are left alone.
   */
  private checkSettings(settings: Settings | undefined, layer: Layer, keyPath: string): void {
    if (!settings) return;
    const known = new Set<string>(['trustedPublishers', 'minConfidence', 'reportUnusedDirectives', 'requireSuppressionReason']);
    for (const { rule } of this.options.registry.rules.values()) for (const key of rule.meta.requiresSettings ?? []) known.add(key);
    for (const [key, value] of Object.entries(settings)) {
      const at = `${keyPath}.${key}`;
      if (key === 'trustedPublishers' && (!Array.isArray(value) || value.some((x) => typeof x !== 'string'))) {
        throw new ConfigError(`${layer.label}: ${at}: must be a list of publisher names`, { file: layer.source, keyPath: at, expected: 'an array of strings, e.g. ["meta-llama", "my-org"]' });
      }
      if (key === 'minConfidence' && !CONFIDENCE_FLOORS.includes(value as never)) {
        throw new ConfigError(`${layer.label}: ${at}: must be one of ${CONFIDENCE_FLOORS.map((c) => `"${c}"`).join(', ')}`, {
          file: layer.source,
          keyPath: at,
          expected: '"low" (every finding, the default), "medium" or "high"',
        });
      }
      if (key === 'reportUnusedDirectives' && !(UNUSED_DIRECTIVE_LEVELS as readonly unknown[]).includes(value)) {
        throw new ConfigError(`${layer.label}: ${at}: must be one of ${UNUSED_DIRECTIVE_LEVELS.map((c) => `"${c}"`).join(', ')}`, {
          file: layer.source,
          keyPath: at,
          expected: '"warn" (the default: an oculum-ignore that suppresses nothing is a warning), "error" (it fails the run) or "off"',
        });
      }
      if (key === 'requireSuppressionReason' && typeof value !== 'boolean') {
        throw new ConfigError(`${layer.label}: ${at}: must be true or false`, { file: layer.source, keyPath: at, expected: 'true (an oculum-ignore without `-- reason` is an error) or false (the default)' });
      }
      if (known.has(key)) continue;
      const near = closest(key, known);
      if (near.length > 0) this.warn(`setting:${layer.source}:${at}`, `${layer.label}: ${at}: unknown setting "${key}"${didYouMean(near)} It is not read by any loaded rule`, layer.source);
    }
  }

  private checkRules(rules: Record<string, RuleEntry> | undefined, layer: Layer, keyPath: string): void {
    const { registry } = this.options;
    for (const [id, entry] of Object.entries(rules ?? {})) {
      const at = `${keyPath}[${JSON.stringify(id)}]`;
      const registered = registry.rules.get(id);
      if (!registered) {
        const namespace = id.split('/')[0];
        if (!layer.trusted && !registry.has(namespace)) {
          this.warn(`rule:${layer.source}:${id}`, `${layer.label}: ${at}: rule "${id}" ignored: no loaded plugin has the namespace "${namespace}"`, layer.source);
          continue;
        }
        const hint = registry.has(namespace) ? '' : ` (no loaded plugin has the namespace "${namespace}"; add it to "plugins")`;
        throw new ConfigError(`${layer.label}: ${at}: unknown rule "${id}"${hint}${didYouMean(closest(id, registry.rules.keys()))}`, {
          file: layer.source,
          keyPath: at,
          expected: 'a rule id of a loaded plugin',
        });
      }
      if (Array.isArray(entry) && entry.length > 1) {
        const given = entry.slice(1);
        // `[0].names must be array` names the options array's index: the config has one options
        // object after the level, so say `names must be array` (`option 2: …` when there are more).
        const problems = validateRuleOptions(registered.rule, given).map((p) =>
          p.replace(/^\[(\d+)\]\.?\s?/, (_, i: string) => (given.length === 1 ? '' : `option ${Number(i) + 1}: `)),
        );
        if (problems.length > 0) {
          throw new ConfigError(`${layer.label}: ${at}: invalid options for "${id}": ${problems.join('; ')}`, {
            file: layer.source,
            keyPath: `${at}[1]`,
            expected: 'options matching the rule schema',
          });
        }
      }
    }
  }

  /** Resolves a preset name to config data (built-in union or a plugin's config). */
  preset(name: string, layer: Layer, keyPath: string): ConfigData {
    const { registry } = this.options;
    if (name.startsWith('oculum:')) {
      const preset = name.slice('oculum:'.length) as PresetName;
      if (!PRESET_NAMES.includes(preset)) {
        throw new ConfigError(`${layer.label}: ${keyPath}: unknown preset "${name}"${didYouMean(closest(name, PRESET_NAMES.map((p) => `oculum:${p}`)))}`, {
          file: layer.source,
          keyPath,
          expected: PRESET_NAMES.map((p) => `"oculum:${p}"`).join(' | ') + ' | "<namespace>/<preset>"',
        });
      }
      // Each plugin adds its own rules to Oculum's preset: an entry for another namespace's rule (`torch/pickle-load`
      // off in a third-party plugin's `configs.recommended`) would change the built-in preset for everyone who
      // extends it; it is left out, with a warning (a plugin's own preset, extended by name, is its author's choice)
      const rules: Record<string, RuleEntry> = {};
      for (const loaded of registry.plugins) {
        const namespace = loaded.plugin.meta.namespace;
        const data = loaded.plugin.configs?.[preset] ?? presetsFor(namespace, loaded.plugin.rules ?? {})[preset];
        for (const [id, entry] of Object.entries(data.rules ?? {})) {
          if (id.startsWith(`${namespace}/`)) rules[id] = entry;
          else this.warn(`foreign-preset:${namespace}:${id}`, `plugin "${namespace}": configs.${preset} sets "${id}", a rule of another plugin; left out of "${name}" (a plugin's presets set its own rules only)`);
        }
      }
      return { rules };
    }
    const slash = name.indexOf('/');
    const namespace = slash > 0 ? name.slice(0, slash) : '';
    const presetName = name.slice(slash + 1);
    const plugin = registry.plugins.find((p) => p.plugin.meta.namespace === namespace)?.plugin;
    const data = plugin?.configs?.[presetName];
    if (!data) {
      // (the plugin's own presets when the namespace is loaded: `torch/nope` → `torch/recommended`, not another plugin's)
      const known = plugin
        ? Object.keys(plugin.configs ?? {}).map((c) => `${namespace}/${c}`)
        : [...PRESET_NAMES.map((p) => `oculum:${p}`), ...registry.plugins.flatMap((p) => Object.keys(p.plugin.configs ?? {}).map((c) => `${p.plugin.meta.namespace}/${c}`))];
      // `"extends": ["./base.json"]`: a file, as ESLint's legacy configs took; Oculum's take presets only
      if (/^(?:\.{0,2}\/|[A-Za-z]:\\)|\.(?:json|ya?ml|js|mjs|cjs)$/.test(name)) {
        throw new ConfigError(
          `${layer.label}: ${keyPath}: "${name}" is a file: extends takes preset names (oculum:recommended, oculum:strict, oculum:all or <namespace>/<preset>), not files. Put shared settings in a config of a directory above (your configs up to the repository root are merged) or in a plugin's configs`,
          { file: layer.source, keyPath, expected: 'oculum:recommended | oculum:strict | oculum:all | <namespace>/<preset>' },
        );
      }
      throw new ConfigError(
        `${layer.label}: ${keyPath}: unknown preset "${name}"${plugin ? '' : namespace ? ` (no loaded plugin has the namespace "${namespace}")` : ''}${
          closest(name, known).length > 0 || !plugin ? didYouMean(closest(name, known)) : ` (the "${namespace}" presets are ${known.map((k) => `"${k}"`).join(', ') || 'none'})`
        }`,
        { file: layer.source, keyPath, expected: 'oculum:recommended | oculum:strict | oculum:all | <namespace>/<preset>' },
      );
    }
    return data;
  }

  /** The user's (trusted) ignore patterns: matching files are not scanned at all. */
  trustedIgnores(): Array<{ dir: string; patterns: string[] }> {
    return [...this.baseLayers, ...this.finalLayers]
      .filter((l) => l.data.ignorePatterns && l.data.ignorePatterns.length > 0)
      .map((l) => ({ dir: l.dir, patterns: ([] as string[]).concat(l.data.ignorePatterns ?? []) }));
  }

  /** Untrusted configs of the chain for a directory, farthest first. */
  private chain(dir: string): Layer[] {
    const cached = this.chains.get(dir);
    if (cached) return cached;
    const { cwd, userConfig, noConfig, replacedConfigDirs } = this.options;
    // Configs are looked up from the file's directory upward to cwd (to the filesystem root for files
    // outside cwd). Only the user's own config is trusted; every other one may only tune.
    const layers: Layer[] = [];
    if (!noConfig) {
      const inside = dir === cwd || dir.startsWith(cwd.endsWith(nodePath.sep) ? cwd : cwd + nodePath.sep);
      for (let current = dir; ; current = nodePath.dirname(current)) {
        let found: ConfigFile | undefined;
        try {
          // `--config FILE` replaces the config of the working directory (as ESLint's `-c` replaces
          // the lookup): it is neither read nor layered above yours as an in-tree config.
          if (!replacedConfigDirs?.has(current)) found = configInDirectory(current, this.dirConfigs, cwd);
        } catch (error) {
          // A broken config inside the scanned tree (bad JSON, a wrong shape): reported, left out,
          // and the scan goes on; the files under it are scanned as if it were not there.
          if (!(error instanceof ConfigError)) throw error;
          this.dirConfigs.set(current, null);
          this.leaveOut(error);
        }
        if (found && found.file !== userConfig?.file && !this.options.ancestorConfigs?.some((a) => a.file === found!.file) && !this.broken.has(found.file)) {
          const hidden = hiddenConfigMessage(found, cwd);
          if (hidden) this.warn(`hidden:${found.file}`, hidden, found.file);
          layers.push({ source: found.file, label: configLabel(found.file, cwd), dir: found.dir, data: found.data, trusted: false });
          if (found.data.root) break;
        }
        if (inside && current === cwd) break;
        if (nodePath.dirname(current) === current) break;
      }
      layers.reverse();
      for (const layer of [...layers]) {
        try {
          this.check(layer);
        } catch (error) {
          // An unknown rule id or invalid options in a config of the scanned tree: the same.
          if (!(error instanceof ConfigError)) throw error;
          this.leaveOut(error, layer.source);
        }
        if (this.broken.has(layer.source)) layers.splice(layers.indexOf(layer), 1);
      }
    }
    this.chains.set(dir, layers);
    return layers;
  }

  private readonly ignoreMatchers = new Map<string, Ignore>();

  private ignoreMatcher(layer: Layer): (relative: string) => boolean {
    let ig = this.ignoreMatchers.get(layer.source);
    if (!ig) {
      ig = loadIgnore()().add(([] as string[]).concat(layer.data.ignorePatterns ?? []));
      this.ignoreMatchers.set(layer.source, ig);
    }
    const matcher = ig;
    return (relative) => relative !== '' && matcher.ignores(relative);
  }

  private matcher(block: OverrideBlock): (relative: string) => boolean {
    let m = this.matchers.get(block);
    if (!m) {
      const files = globMatcher(block.files);
      const excluded = block.excludedFiles ? globMatcher(block.excludedFiles) : undefined;
      m = (relative) => files(relative) && !(excluded && excluded(relative));
      this.matchers.set(block, m);
    }
    return m;
  }

  /** The resolved config of one file (absolute path). */
  forFile(file: string): FileConfig {
    const dir = nodePath.dirname(file);
    // Without overrides or in-tree ignore patterns, every file of a directory has the same config.
    const same = this.sameForDirectory.get(dir);
    if (same) return same;
    const chain = this.chain(dir);
    const layers = [...this.baseLayers, ...chain, ...this.finalLayers];
    const byPath = layers.some((layer) => (layer.data.overrides?.length ?? 0) > 0 || (!layer.trusted && (layer.data.ignorePatterns?.length ?? 0) > 0));
    const matched: string[] = [];
    const applied: Array<{ layer: Layer; data: ConfigData; label: string }> = [];
    let ignoredBy: string | undefined;
    for (const layer of layers) {
      applied.push({ layer, data: layer.data, label: layer.label });
      const relative = toPosix(nodePath.relative(layer.dir, file));
      if (relative.startsWith('../')) continue;
      (layer.data.overrides ?? []).forEach((block, i) => {
        if (this.matcher(block)(relative)) {
          matched.push(`${layer.source}#${i}`);
          applied.push({ layer, data: block, label: `${layer.label} overrides[${i}]` });
        }
      });
      if (!layer.trusted && layer.data.ignorePatterns?.length && this.ignoreMatcher(layer)(relative)) {
        ignoredBy = layer.label;
        matched.push(`${layer.source}#ignored`);
      }
    }
    // The config depends only on the layers and the override blocks that apply: directories with the
    // same config files share one resolved config (and workers receive it once).
    const key = `${chain.map((layer) => layer.source).join('\u0000')}\u0001${matched.join('\u0000')}`;
    let result = this.resolved.get(key);
    if (!result) {
      result = this.compute(applied, ignoredBy);
      this.resolved.set(key, result);
    }
    if (!byPath) this.sameForDirectory.set(dir, result);
    return result;
  }

  private readonly sameForDirectory = new Map<string, FileConfig>();

  private compute(applied: Array<{ layer: Layer; data: ConfigData; label: string }>, ignoredBy: string | undefined): FileConfig {
    const { registry, depth, onlyRules, onlyDetectors } = this.options;
    const state = new Map<string, RuleState>();
    let settings: Settings = {};
    // (`label`: what a suppression names, the override block (`.oculumrc overrides[0]`) or the layer; `via`: the
    // presets being expanded, to name a cycle)
    const apply = (data: ConfigData, layer: Layer, depthGuard: number, label = layer.label, via: readonly string[] = []): void => {
      if (depthGuard > 10) throw new ConfigError(`${layer.label}: extends: presets nest too deeply (${via.join(' → ')}${new Set(via).size < via.length ? ': a cycle' : ''})`, { file: layer.source, keyPath: 'extends', expected: 'presets that do not extend each other in a cycle' });
      for (const name of ([] as string[]).concat(data.extends ?? [])) apply(this.preset(name, layer, 'extends'), layer, depthGuard + 1, label, [...via, name]);
      const set = (id: string, level: RuleLevel, options: unknown[] | undefined) => {
        const current = state.get(id) ?? { level: 'off' as RuleLevel, options: [] };
        if (level === 'off') {
          if (layer.trusted) state.set(id, { level: 'off', options: current.options });
          else if (current.level !== 'off') state.set(id, { ...current, offBy: current.offBy ?? label });
          return;
        }
        if (!layer.trusted) {
          // A config inside the scanned tree may turn rules on or make them errors, not make an error
          // a warning (warnings do not fail the run), nor change what a rule accepts (its options).
          if (options !== undefined && options.length > 0 && JSON.stringify(options) !== JSON.stringify(current.options)) {
            this.warn(`options:${layer.source}:${id}`, `${layer.label}: options of "${id}" not applied: a config inside the scanned tree may turn rules on, off (their findings are kept as suppressed) or up to "error", not change their options (set them in your own config)`, layer.source);
          }
          const lowered = level === 'warn' && current.level === 'error';
          if (lowered) {
            this.warn(`lower:${layer.source}:${id}`, `${layer.label}: "${id}" stays "error": a config inside the scanned tree may not lower a rule to "warn"; ${this.lowerHint(layer, id)}`, layer.source);
          }
          // on again (a farther in-tree config's "off" no longer suppresses it), never lower than it was
          state.set(id, { level: lowered ? 'error' : level, options: current.options });
          return;
        }
        state.set(id, { level, options: options ?? current.options });
      };
      for (const [detector, raw] of Object.entries(data.detectors ?? {})) {
        const level = normalizeLevel(raw as RuleLevel);
        for (const [id, entry] of registry.rules) {
          if (entry.rule.meta.detector !== detector) continue;
          const current = state.get(id);
          if (!current || current.level === 'off') continue;
          set(id, level, undefined);
        }
      }
      for (const [id, raw] of Object.entries(data.rules ?? {})) {
        if (!registry.rules.has(id)) continue; // warned about in check()
        const [level, options] = Array.isArray(raw) ? [raw[0], raw.slice(1)] : [raw, undefined];
        set(id, normalizeLevel(level), options);
      }
      if (data.settings && Object.keys(data.settings).length > 0) {
        // Settings tune what rules accept (trusted publishers, allowed pickle globals, scanner limits,
        // minConfidence): from a config inside the scanned tree they could hide findings.
        if (layer.trusted) settings = mergeSettings(settings, data.settings);
        else {
          this.warn(
            `settings:${layer.source}`,
            `${layer.label}: settings ${Object.keys(data.settings).map((k) => `"${k}"`).join(', ')} not applied: a config inside the scanned tree may turn rules on and off, not change settings, which could hide findings (set them in your own config, or pass it with --config)`,
            layer.source,
          );
        }
      }
    };
    for (const { layer, data, label } of applied) apply(data, layer, 0, label);

    const rules: ConfiguredRule[] = [];
    const dormant: RegisteredRule[] = [];
    const only = onlyRules && onlyRules.length > 0 ? new Set(onlyRules) : undefined;
    for (const [id, entry] of registry.rules) {
      const s = state.get(id);
      let level = s?.level ?? 'off';
      if (only) {
        if (!only.has(id)) {
          if (level !== 'off') dormant.push(entry);
          continue;
        }
        if (level === 'off') level = 'error';
      }
      if (level === 'off') continue;
      if (entry.rule.meta.deprecated && !s) continue;
      // (`onlyRules` was applied above: a rule it names runs even when its config turned it off)
      if (ruleFilteredOut(id, entry.rule.meta, { ...(onlyDetectors ? { onlyDetectors } : {}), depth })) {
        dormant.push(entry);
        continue;
      }
      const suppression = s?.offBy ? `disabled by ${s.offBy}` : ignoredBy ? `ignored by ${ignoredBy}` : undefined;
      rules.push({ id, entry, level, options: s?.options ?? [], ...(suppression ? { externalSuppression: suppression } : {}) });
    }
    rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const hash = createHash('sha256')
      .update(JSON.stringify({ rules: rules.map((r) => [r.id, r.level, r.options, r.externalSuppression ?? null]), settings, depth }))
      .digest('hex');
    return { rules, dormant, settings, ...(ignoredBy ? { ignoredBy } : {}), sources: applied.map((a) => a.label), hash };
  }
}

