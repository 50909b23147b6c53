import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { ensureDirectory } from './fs-util.js';
import type { FileResult } from './types.js';

const CACHE_FORMAT = 1;

interface CacheFile {
  format: number;
  /** Hash of Oculum's and the plugins' versions and the scan root. */
  key: string;
  entries: Record<string, { key: string; result: FileResult }>;
}

/**
 * Results by file, reused when the file's content hash, its resolved config and the Oculum/plugin
 * versions are unchanged. A cache written by another version, or unreadable, starts empty.
 */
export class ResultCache {
  private entries: CacheFile['entries'] = {};
  private readonly used = new Set<string>();
  private dirty = false;
  hits = 0;

  constructor(
    readonly file: string,
    private readonly key: string,
  ) {
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
      if (data && data.format === CACHE_FORMAT && data.key === key && data.entries && typeof data.entries === 'object') {
        this.entries = data.entries;
      } else {
        this.dirty = true;
      }
    } catch {
      this.dirty = true;
    }
  }

  static entryKey(contentHash: string, configHash: string, language: string): string {
    return createHash('sha256').update(`${contentHash}\u0000${configHash}\u0000${language}`).digest('hex');
  }

  get(path: string, key: string): FileResult | undefined {
    const entry = this.entries[path];
    if (!entry || entry.key !== key) return undefined;
    this.used.add(path);
    this.hits++;
    return structuredClone(entry.result);
  }

  set(path: string, key: string, result: FileResult): void {
    const { output: _output, ...rest } = result;
    this.entries[path] = { key, result: rest };
    this.used.add(path);
    this.dirty = true;
  }

  /**
   * Writes the cache atomically. Entries of files not seen in this scan are kept (a partial scan must
   * not erase them) unless the file no longer exists. Throws when it cannot be written (its temporary
   * file removed); the scan reports that as a warning.
   */
  save(): void {
    for (const path of Object.keys(this.entries)) {
      if (!this.used.has(path) && !existsSync(path)) {
        delete this.entries[path];
        this.dirty = true;
      }
    }
    if (!this.dirty) return;
    const data: CacheFile = { format: CACHE_FORMAT, key: this.key, entries: this.entries };
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

export function hashContent(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}
