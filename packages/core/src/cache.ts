import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import * as nodePath from 'node:path';
import { ensureDirectory, privateCacheDir } from './fs-util.js';
import { SEVERITIES, type FileResult } from './types.js';

/** 3: entries keyed by path relative to the cache file's directory (2: absolute paths). */
const CACHE_FORMAT = 3;

interface CacheFile {
  format: number;
  /** Hash of Oculum's and the plugins' versions and the scan root (relative to the cache's directory). */
  key: string;
  /** HMAC-SHA256 of `entries` (the exact text) with the cache secret (see `cacheSecret`). */
  mac: string;
  /** `JSON.stringify` of the entries by path: `{ key, result }`. */
  entries: string;
  /** The scan root and Oculum version the cache was written for, to say why a `key` differs (not signed: only read for that message). */
  root?: string;
  version?: string;
}

/** What a cache is written for, beside its `key`: said when a cache for another is not used. */
export interface CacheScope {
  /** The scan root, relative to the cache file's directory (`.`, `packages/train`), with `/`. */
  root: string;
  /** Oculum's version. */
  version: string;
}

/** By path relative to the cache file's directory, with `/` (a checkout restored at another path keeps its entries). */
type Entries = Record<string, { key: string; result: FileResult }>;

/**
 * The secret that signs result caches: `OCULUM_CACHE_SECRET` when set (a CI secret, to share a cache
 * between machines), else 32 random bytes kept in the user's private cache directory (made on first
 * use). A cache file is data from wherever the scanned tree came from: a `.oculumcache` committed to
 * a repository, whose entries say "no findings" for its files, must not be believed. Undefined when
 * there is no private directory to keep one in (no cache is then read or written).
 */
export function cacheSecret(env: NodeJS.ProcessEnv = process.env): Buffer | undefined {
  if (env.OCULUM_CACHE_SECRET) return Buffer.from(env.OCULUM_CACHE_SECRET, 'utf8');
  const dir = privateCacheDir(env);
  if (!dir) return undefined;
  const file = nodePath.join(dir, 'result-cache.key');
  try {
    const existing = readFileSync(file);
    if (existing.length >= 32) return existing;
  } catch {
    // made below
  }
  try {
    const secret = randomBytes(32);
    const fd = openSync(file, 'wx', 0o600);
    try {
      writeSync(fd, secret);
    } finally {
      closeSync(fd);
    }
    return secret;
  } catch {
    // another process made it first: read theirs
    try {
      const existing = readFileSync(file);
      return existing.length >= 32 ? existing : undefined;
    } catch {
      return undefined;
    }
  }
}

/** A cached result has the shape the formatters and the exit code rely on (else the entry is dropped). */
function isFileResult(value: unknown): value is FileResult {
  const r = value as FileResult;
  if (!r || typeof r !== 'object' || typeof r.file !== 'string' || !Array.isArray(r.findings) || !Array.isArray(r.diagnostics)) return false;
  return (
    r.findings.every((f) => f && typeof f === 'object' && typeof f.ruleId === 'string' && typeof f.message === 'string' && Number.isInteger(f.line) && Number.isInteger(f.column) && SEVERITIES.includes(f.severity)) &&
    r.diagnostics.every((d) => d && typeof d === 'object' && typeof d.message === 'string')
  );
}

/**
 * Results by file, reused when the file's content hash, its resolved config and the Oculum/plugin
 * versions are unchanged. A cache written by another version, not signed with this user's secret
 * (see `cacheSecret`), or unreadable, starts empty; an entry of the wrong shape is dropped.
 */
export class ResultCache {
  private entries: Entries = {};
  private readonly used = new Set<string>();
  private dirty = false;
  hits = 0;
  /**
   * Entries of a file that were written at another checkout path (a CI cache restored elsewhere) and
   * missed: at `--depth deep` a file's key covers the absolute paths of the project's other files.
   */
  relocatedMisses = 0;
  /** Why an existing cache file was not used (another signer, no secret, unreadable): a warning. */
  readonly rejected?: string;
  /**
   * Why an existing, valid cache file was not used although it is this user's: it was written for
   * scans run from another directory, or by another version of Oculum or its plugins.
   */
  readonly stale?: string;
  private readonly secret: Buffer | undefined;

  constructor(
    readonly file: string,
    private readonly key: string,
    secret: Buffer | undefined = cacheSecret(),
    private readonly scope?: CacheScope,
  ) {
    this.secret = secret;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      this.dirty = true;
      return;
    }
    try {
      const data = JSON.parse(text) as CacheFile;
      if (!secret) this.rejected = 'there is no private directory to keep its key in (set OCULUM_CACHE_SECRET)';
      else if (!data || typeof data !== 'object') this.rejected = 'it is not a cache file Oculum can read';
      // (an older or newer format: the same situation as another version within this format, so the same note, not a warning)
      else if (data.format !== CACHE_FORMAT) this.stale = `it was written by another version of Oculum${typeof data.version === 'string' ? ` (${data.version.slice(0, 40)})` : ''}`;
      else if (typeof data.entries !== 'string' || typeof data.mac !== 'string') this.rejected = 'it is not a cache file Oculum can read';
      else if (!this.verify(data.entries, data.mac)) this.rejected = 'it was not written by this user (its signature does not match; to share a cache between machines, give each the same OCULUM_CACHE_SECRET)';
      else if (data.key !== key) this.stale = staleReason(data, scope); // another version of the plugins, another scan root: started afresh
      else {
        const entries = JSON.parse(data.entries) as Entries;
        if (entries && typeof entries === 'object') this.entries = entries;
      }
    } catch {
      this.rejected = 'it is not a cache file Oculum can read';
    }
    this.dirty = true;
    if (Object.keys(this.entries).length > 0) this.dirty = false;
  }

  private mac(text: string): string {
    return createHmac('sha256', this.secret!).update(text).digest('hex');
  }

  private verify(text: string, mac: string): boolean {
    const expected = Buffer.from(this.mac(text), 'hex');
    const given = Buffer.from(mac, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  static entryKey(contentHash: string, configHash: string, language: string): string {
    return createHash('sha256').update(`${contentHash}\u0000${configHash}\u0000${language}`).digest('hex');
  }

  /** The entry name of a file: its path from the cache file's directory, with `/`. */
  private name(path: string): string {
    return nodePath.relative(nodePath.dirname(this.file), path).split(nodePath.sep).join('/');
  }

  get(path: string, key: string): FileResult | undefined {
    const name = this.name(path);
    const entry = Object.prototype.hasOwnProperty.call(this.entries, name) ? this.entries[name] : undefined;
    if (!entry) return undefined;
    if (entry.key !== key) {
      const written = (entry.result as Partial<FileResult> | undefined)?.file;
      if (typeof written === 'string' && written !== path) this.relocatedMisses++;
      return undefined;
    }
    if (!isFileResult(entry.result)) {
      delete this.entries[name];
      this.dirty = true;
      return undefined;
    }
    this.used.add(name);
    this.hits++;
    const result = structuredClone(entry.result);
    // Written at another checkout path (a CI cache restored elsewhere): the result is the same (the
    // entry key covers the content and the config), its file is this one, and so is every absolute path
    // under the old checkout that a finding or diagnostic carries (`Finding.file`, `Diagnostic.file`,
    // a path in a message).
    if (result.file !== path) relocate(result, result.file, path, name);
    return result;
  }

  set(path: string, key: string, result: FileResult): void {
    const { output: _output, fixed: _fixed, ...rest } = result;
    const name = this.name(path);
    this.entries[name] = { key, result: rest };
    this.used.add(name);
    this.dirty = true;
  }

  /**
   * Writes the cache atomically. Entries of files not seen in this scan are kept (a partial scan must
   * not erase them) unless the file no longer exists. Throws when it cannot be written (its temporary
   * file removed); the scan reports that as a warning.
   */
  save(): void {
    for (const name of Object.keys(this.entries)) {
      if (!this.used.has(name) && !existsSync(nodePath.resolve(nodePath.dirname(this.file), name))) {
        delete this.entries[name];
        this.dirty = true;
      }
    }
    if (!this.dirty || !this.secret) return;
    const entries = JSON.stringify(this.entries);
    const data: CacheFile = { format: CACHE_FORMAT, key: this.key, mac: this.mac(entries), entries, ...(this.scope ? { root: this.scope.root, version: this.scope.version } : {}) };
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      ensureDirectory(nodePath.dirname(this.file));
      writeFileSync(tmp, JSON.stringify(data));
      renameSync(tmp, this.file);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
    this.dirty = false;
  }
}

/**
 * Moves a cached result written at `old` to `path` (the same entry `name` from the cache's directory):
 * the file itself and every path under the old cache directory, in `file` fields and in messages.
 */
function relocate(result: FileResult, old: string, path: string, name: string): void {
  result.file = path;
  const suffix = name.split('/').join(nodePath.sep);
  const newDir = path.endsWith(suffix) ? path.slice(0, path.length - suffix.length) : undefined;
  const oldDir = old.endsWith(suffix) ? old.slice(0, old.length - suffix.length) : undefined;
  const moved = (file: string): string => {
    if (file === old) return path;
    if (oldDir && newDir && oldDir.length > 1 && file.startsWith(oldDir)) return newDir + file.slice(oldDir.length);
    return file;
  };
  const text = (message: string): string => (oldDir && newDir && oldDir.length > 1 && message.includes(oldDir) ? message.split(oldDir).join(newDir) : message);
  for (const f of result.findings) {
    f.file = moved(f.file);
    f.message = text(f.message);
  }
  for (const d of result.diagnostics) {
    if (d.file !== undefined) d.file = moved(d.file);
    d.message = text(d.message);
  }
}

/** Why a cache for another `key` is not used, as far as the file says (its `root` and `version` are not signed: a message only). */
function staleReason(data: CacheFile, scope: CacheScope | undefined): string {
  if (scope && typeof data.root === 'string' && data.root !== scope.root) {
    const where = data.root === '.' ? "the cache's own directory" : `${data.root.slice(0, 300)}/ from the cache's directory`;
    return `it was written for scans run from another directory (${where}), whose results differ (paths in messages are relative to it); run from there, or keep one cache per directory (--cache-location)`;
  }
  if (scope && typeof data.version === 'string' && data.version !== scope.version) return `it was written by another version of Oculum (${data.version.slice(0, 40)})`;
  return 'it was written by another version of Oculum or of its plugins, or for another scan root';
}

export function hashContent(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}
