import { readFileSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import type { ParseError } from 'jsonc-parser';
import { loadJsonc, loadYaml } from '../lazy.js';

/** picomatch's limit on a pattern's length (`MAX_LENGTH`). */
const MAX_GLOB_LENGTH = 65_536;
import { ConfigError } from '../errors.js';
import { DETECTORS, type ConfigData } from '../types.js';

/** Config file names looked up in every directory, in this order (the first one found wins). */
export const CONFIG_FILES = ['.oculumrc', '.oculumrc.json', '.oculumrc.yaml', '.oculumrc.yml', 'package.json'] as const;

export interface ConfigFile {
  /** Absolute path of the file. */
  file: string;
  dir: string;
  data: ConfigData & { root?: boolean };
  /**
   * Other config files of the same directory, which this one (first in `CONFIG_FILES` order) hides:
   * `.oculumrc.json` beside `.oculumrc`, or a `package.json` with an "oculum" key (one without it is
   * no config).
   */
  hidden?: string[];
}

const LEVELS = ['off', 'warn', 'error', 0, 1, 2] as const;
const LEVELS_TEXT = '"off" | "warn" | "error" | 0 | 1 | 2';
const TOP_KEYS = ['extends', 'plugins', 'detectors', 'rules', 'settings', 'ignorePatterns', 'overrides', 'root', '$schema'];
const OVERRIDE_KEYS = ['files', 'excludedFiles', 'detectors', 'rules', 'settings'];

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value);
}

function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

/** How a config file is named in messages: relative to `cwd` when inside it. */
export function configLabel(file: string, cwd: string = process.cwd()): string {
  if (!nodePath.isAbsolute(file)) return file;
  const rel = nodePath.relative(cwd, file);
  return rel && !rel.startsWith('..') && !nodePath.isAbsolute(rel) ? rel : file;
}

class Validator {
  constructor(
    private readonly file: string,
    private readonly label: string,
  ) {}

  fail(keyPath: string, expected: string, got: unknown, extra = ''): never {
    throw new ConfigError(`${this.label}: ${keyPath}: expected ${expected}, got ${describeValue(got)}${extra}`, { file: this.file, keyPath, expected });
  }

  object(value: unknown, keyPath: string): asserts value is Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(keyPath, 'an object', value);
  }

  stringOrStrings(value: unknown, keyPath: string): string[] {
    if (typeof value === 'string') return [value];
    if (!Array.isArray(value)) this.fail(keyPath, 'a string or an array of strings', value);
    value.forEach((item, i) => {
      if (typeof item !== 'string') this.fail(`${keyPath}[${i}]`, 'a string', item);
    });
    return value as string[];
  }

  /**
   * Globs of `overrides[].files` / `excludedFiles`: a non-empty list of non-empty globs (`""` or `"./"`
   * matches nothing, and picomatch refuses it, as it refuses one over its length limit).
   */
  globs(value: unknown, keyPath: string): string[] {
    const list = this.stringOrStrings(value, keyPath);
    if (list.length === 0) this.fail(keyPath, 'a glob or a non-empty array of globs', value, ' (empty: an override for no file)');
    list.forEach((glob, i) => {
      const at = Array.isArray(value) ? `${keyPath}[${i}]` : keyPath;
      const clean = glob.startsWith('./') ? glob.slice(2) : glob;
      if (clean.trim() === '') this.fail(at, 'a non-empty glob', glob);
      // (picomatch refuses only empty and over-long patterns; it is compiled once, where it is matched)
      if (clean.length > MAX_GLOB_LENGTH) this.fail(at, `a glob of at most ${MAX_GLOB_LENGTH} characters`, `${glob.slice(0, 40)}…`);
    });
    return list;
  }

  level(value: unknown, keyPath: string): void {
    if (!(LEVELS as readonly unknown[]).includes(value)) this.fail(keyPath, LEVELS_TEXT, value);
  }

  rules(value: unknown, keyPath: string): void {
    this.object(value, keyPath);
    for (const [id, entry] of Object.entries(value)) {
      const at = `${keyPath}[${JSON.stringify(id)}]`;
      if (!/^[^/\s]+\/[^/\s]+$/.test(id)) this.fail(at, 'a rule id "<namespace>/<rule-name>"', id);
      if (Array.isArray(entry)) {
        if (entry.length === 0) this.fail(`${at}`, `[level, ...options] with level ${LEVELS_TEXT}`, entry);
        this.level(entry[0], `${at}[0]`);
      } else {
        this.level(entry, at);
      }
    }
  }

  detectors(value: unknown, keyPath: string): void {
    this.object(value, keyPath);
    for (const [name, level] of Object.entries(value)) {
      if (!(DETECTORS as readonly string[]).includes(name)) {
        this.fail(`${keyPath}${key(name)}`, `a detector (${DETECTORS.map((d) => `"${d}"`).join(' | ')})`, name);
      }
      this.level(level, `${keyPath}${key(name)}`);
    }
  }

  config(value: unknown): ConfigData & { root?: boolean } {
    this.object(value, '(root)');
    for (const k of Object.keys(value)) {
      if (!TOP_KEYS.includes(k)) this.fail(k, `one of the keys ${TOP_KEYS.filter((t) => t !== '$schema').join(', ')}`, k, ' (unknown key)');
    }
    if (value.root !== undefined && typeof value.root !== 'boolean') this.fail('root', 'true or false', value.root);
    if (value.extends !== undefined) this.stringOrStrings(value.extends, 'extends');
    // (one plugin may be named without a list, as `extends` and `ignorePatterns` may)
    if (value.plugins !== undefined) value.plugins = this.stringOrStrings(value.plugins, 'plugins');
    if (value.ignorePatterns !== undefined) this.stringOrStrings(value.ignorePatterns, 'ignorePatterns');
    if (value.rules !== undefined) this.rules(value.rules, 'rules');
    if (value.detectors !== undefined) this.detectors(value.detectors, 'detectors');
    if (value.settings !== undefined) this.object(value.settings, 'settings');
    if (value.overrides !== undefined) {
      if (!Array.isArray(value.overrides)) this.fail('overrides', 'an array of { files, rules?, detectors?, settings? }', value.overrides);
      value.overrides.forEach((override: unknown, i: number) => {
        const at = `overrides[${i}]`;
        this.object(override, at);
        for (const k of Object.keys(override)) {
          if (!OVERRIDE_KEYS.includes(k)) this.fail(`${at}.${k}`, `one of the keys ${OVERRIDE_KEYS.join(', ')}`, k, ' (unknown key)');
        }
        if (override.files === undefined) this.fail(`${at}.files`, 'a glob or an array of globs', undefined);
        this.globs(override.files, `${at}.files`);
        if (override.excludedFiles !== undefined) this.globs(override.excludedFiles, `${at}.excludedFiles`);
        if (override.rules !== undefined) this.rules(override.rules, `${at}.rules`);
        if (override.detectors !== undefined) this.detectors(override.detectors, `${at}.detectors`);
        if (override.settings !== undefined) this.object(override.settings, `${at}.settings`);
      });
    }
    const data = { ...value } as ConfigData & { root?: boolean; $schema?: string };
    delete data.$schema;
    if (typeof data.ignorePatterns === 'string') data.ignorePatterns = [data.ignorePatterns];
    return data;
  }
}

/** Validates config data (from a file or `overrideConfig`); throws ConfigError naming file, key path and expected shape. */
export function validateConfigData(value: unknown, file: string, cwd?: string): ConfigData & { root?: boolean } {
  return new Validator(file, configLabel(file, cwd)).config(value);
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

function parseJsonText(text: string, file: string, label: string): unknown {
  const errors: ParseError[] = [];
  const { parse, printParseErrorCode } = loadJsonc();
  const value = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const e = errors[0];
    const code = printParseErrorCode(e.error);
    const line = lineOf(text, e.offset);
    const column = e.offset - text.lastIndexOf('\n', e.offset - 1);
    const what = JSON_ERRORS[code] ?? code;
    throw new ConfigError(`${label}:${line}:${column}: invalid JSON: ${what}`, { file, expected: 'JSON (comments allowed)' });
  }
  return value;
}

/** jsonc-parser's error codes, said for people. */
const JSON_ERRORS: Record<string, string> = {
  InvalidSymbol: 'unexpected character (keys and strings need double quotes)',
  InvalidNumberFormat: 'not a valid number',
  PropertyNameExpected: 'a property name in double quotes expected',
  ValueExpected: 'a value expected',
  ColonExpected: 'a colon expected after the property name',
  CommaExpected: 'a comma expected',
  CloseBraceExpected: 'a closing } expected',
  CloseBracketExpected: 'a closing ] expected',
  EndOfFileExpected: 'the end of the file expected (text after the config object)',
  InvalidCommentToken: 'an unclosed comment',
  UnexpectedEndOfComment: 'an unclosed comment',
  UnexpectedEndOfString: 'an unclosed string',
  UnexpectedEndOfNumber: 'an incomplete number',
  InvalidUnicode: 'an invalid \\u escape',
  InvalidEscapeCharacter: 'an invalid escape in a string',
  InvalidCharacter: 'a character not allowed in a string (a raw line break?)',
};

function parseYamlText(text: string, file: string, label: string): unknown {
  let doc: ReturnType<ReturnType<typeof loadYaml>['parseDocument']>;
  try {
    // `logLevel: 'silent'`: the parser's warnings (an unresolved `!!python/object` tag) are this
    // config's errors below, not lines the yaml package prints to stderr.
    doc = loadYaml().parseDocument(text, { prettyErrors: true, logLevel: 'silent' });
  } catch (error) {
    throw new ConfigError(`${label}: invalid YAML: ${(error as Error).message.split('\n')[0]}`, { file, expected: 'YAML' });
  }
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    const at = problem.linePos?.[0] ? `:${problem.linePos[0].line}:${problem.linePos[0].col}` : '';
    const what = problem.code === 'TAG_RESOLVE_FAILED' ? 'a tag that names no YAML type (a config holds plain values)' : problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError(`${label}${at}: invalid YAML: ${what}`, { file, expected: 'YAML' });
  }
  try {
    return doc.toJS();
  } catch (error) {
    throw new ConfigError(`${label}: invalid YAML: ${(error as Error).message.split('\n')[0]}`, { file, expected: 'YAML' });
  }
}

/** Reads, parses and validates one config file. Returns undefined for a package.json without `"oculum"`. */
export function readConfigFile(file: string, cwd?: string): ConfigFile | undefined {
  try {
    return readConfigFileUnguarded(file, cwd);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    // A hostile file (`[[[[…` ten thousand deep) overflows the parser's or the validator's recursion:
    // a config error of that file (left out when it is inside the scanned tree), not the run's end.
    const label = configLabel(file, cwd);
    const why = error instanceof RangeError ? 'nested too deeply to read' : `cannot read config: ${(error as Error)?.message ?? String(error)}`;
    throw new ConfigError(`${label}: ${why}`, { file });
  }
}

function readConfigFileUnguarded(file: string, cwd?: string): ConfigFile | undefined {
  const label = configLabel(file, cwd);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${label}: cannot read config: ${(error as Error).message}`, { file });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const base = nodePath.basename(file);
  let value: unknown;
  if (base === 'package.json') {
    // Not parsed unless it may hold the key: a package.json is some other tool's file, and one that
    // is broken or hostile (nested 100,000 deep) without an Oculum config is none of the scan's business.
    if (!text.includes('"oculum"')) return undefined;
    const pkg = parseJsonText(text, file, label) as Record<string, unknown> | null;
    if (!pkg || typeof pkg !== 'object' || !('oculum' in pkg)) return undefined;
    value = pkg.oculum;
    try {
      return { file, dir: nodePath.dirname(file), data: validateConfigData(value, file, cwd) };
    } catch (error) {
      if (error instanceof ConfigError && error.keyPath) {
        const keyPath = error.keyPath === '(root)' ? 'oculum' : `oculum${error.keyPath.startsWith('[') ? '' : '.'}${error.keyPath}`;
        throw new ConfigError(error.message.replace(`: ${error.keyPath}: `, `: ${keyPath}: `), { file, keyPath, expected: error.expected });
      }
      throw error;
    }
  } else if (base.endsWith('.yaml') || base.endsWith('.yml')) {
    value = parseYamlText(text, file, label);
  } else if (base.endsWith('.json')) {
    value = parseJsonText(text, file, label);
  } else {
    // `.oculumrc`: JSON with comments when it looks like JSON, YAML otherwise.
    const trimmed = text.replace(/^(\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*/, '');
    value = trimmed.startsWith('{') ? parseJsonText(text, file, label) : parseYamlText(text, file, label);
  }
  if (value === null || value === undefined) value = {};
  return { file, dir: nodePath.dirname(file), data: validateConfigData(value, file, cwd) };
}

/**
 * Whether a `package.json` has an "oculum" key (then another config beside it hides a config). Only
 * asked when another config was found in its directory; an unreadable or invalid file has none.
 */
export function packageJsonHasConfig(file: string): boolean {
  try {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('"oculum"')) return false;
    const value: unknown = loadJsonc().parse(text, [], { allowTrailingComma: true, disallowComments: false });
    return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, 'oculum');
  } catch {
    return false;
  }
}

/** The config file of one directory (first of CONFIG_FILES that exists and applies), cached per scan. */
export function configInDirectory(dir: string, cache: Map<string, ConfigFile | null>, cwd?: string): ConfigFile | undefined {
  const cached = cache.get(dir);
  if (cached !== undefined) return cached ?? undefined;
  let found: ConfigFile | undefined;
  for (const name of CONFIG_FILES) {
    const file = nodePath.join(dir, name);
    // No throw for the usual answer (no such file): a directory tree has hundreds of directories.
    let isFile = false;
    try {
      isFile = statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
    } catch {
      isFile = false;
    }
    if (!isFile) continue;
    if (found) {
      if (name !== 'package.json' || packageJsonHasConfig(file)) (found.hidden ??= []).push(file);
      continue;
    }
    found = readConfigFile(file, cwd);
  }
  cache.set(dir, found ?? null);
  return found;
}

/** The warning for config files another one of their directory hides. */
export function hiddenConfigMessage(found: ConfigFile, cwd: string): string | undefined {
  if (!found.hidden?.length) return undefined;
  const names = found.hidden.map((f) => (nodePath.basename(f) === 'package.json' ? `${configLabel(f, cwd)} ("oculum" key)` : configLabel(f, cwd))).join(', ');
  return `${names} ${found.hidden.length === 1 ? 'is' : 'are'} ignored: ${configLabel(found.file, cwd)} is the config of that directory (one config file per directory; merge them)`;
}
