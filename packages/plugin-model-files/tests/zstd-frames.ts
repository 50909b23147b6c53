/**
 * Hand-built zstd frames for tests (RFC 8878), for what the zstd tool does not write on small inputs:
 * RLE literals, RLE and repeated sequence tables, a 3-byte sequence count, offsets past 16 MiB, and
 * hostile headers. Also the originals of the fixtures too large to commit (`text`, `runs`), rebuilt as
 * `scripts/make-zstd-fixtures.py` builds them.
 */

export const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

/** A window descriptor for a window of 2^log bytes. */
export const windowLog = (log: number): number => (log - 10) << 3;

/** A frame header: no content size, not single-segment, a window of 2^20 bytes unless given. */
export function header(opts: { wd?: number; checksum?: boolean; dict?: number; fhd?: number } = {}): number[] {
  const fhd = opts.fhd ?? ((opts.checksum ? 0x04 : 0) | (opts.dict !== undefined ? 0x03 : 0));
  const out = [...ZSTD_MAGIC, fhd];
  if (!(fhd & 0x20)) out.push(opts.wd ?? windowLog(20));
  if (opts.dict !== undefined) out.push(opts.dict & 0xff, (opts.dict >>> 8) & 0xff, (opts.dict >>> 16) & 0xff, (opts.dict >>> 24) & 0xff);
  return out;
}

/** A block: Last_Block, Block_Type (0 raw, 1 RLE, 2 compressed), Block_Size and its content. */
export function block(type: number, size: number, content: number[], last = false): number[] {
  const word = (last ? 1 : 0) | (type << 1) | (size << 3);
  return [word & 0xff, (word >>> 8) & 0xff, (word >>> 16) & 0xff, ...content];
}

export const rleBlock = (byte: number, size: number, last = false): number[] => block(1, size, [byte], last);

/** RLE literals of `size` bytes (the 20-bit size format). */
export const rleLiterals = (byte: number, size: number): number[] => [1 | (3 << 2) | ((size & 15) << 4), (size >>> 4) & 0xff, (size >>> 12) & 0xff, byte];

/** A sequences header of `n` sequences in the 3-byte form (n ≥ 0x7F00). */
export const longSequenceCount = (n: number): number[] => [255, (n - 0x7f00) & 0xff, (n - 0x7f00) >>> 8];

/**
 * A compressed block of 32,768 sequences, each one literal `byte` then a match of 3 at offset 1
 * (RLE tables, or the previous tables with `repeat`), and no bits: 128 KiB of `byte` from 15 bytes.
 */
export function runBlock(byte: number, opts: { repeat?: boolean; last?: boolean } = {}): number[] {
  const n = 32_768;
  const tables = opts.repeat ? [0xfc] : [0x54, 1, 0, 0]; // modes (LL, OF, ML), then LL code 1, OF code 0, ML code 0
  const content = [...rleLiterals(byte, n), ...longSequenceCount(n), ...tables, 0x01];
  return block(2, content.length, content, opts.last);
}

export const frame = (...parts: number[][]): Uint8Array => Uint8Array.from(parts.flat());

/** The original of `zstd/text.19.zst`: runs of 16 lines from a pool of 256 (the generator's LCG). */
export function text(): Buffer {
  const words = 'a an the of to in model weights are loaded from disk and never unpickled by scanner'.split(' ');
  let x = 1n;
  const rand = (): number => {
    x = (x * 1103515245n + 12345n) % 2147483648n;
    return Number(x >> 16n);
  };
  const pool = Array.from({ length: 256 }, () => Array.from({ length: 8 }, () => words[rand() % words.length]).join(' '));
  const lines: string[] = [];
  let size = 0;
  while (size < 300_000) {
    const first = rand() % 256;
    for (let k = 0; k < 16; k++) {
      lines.push(pool[(first + k) % 256]);
      size += lines[lines.length - 1].length + 1;
    }
  }
  return Buffer.from(lines.join('\n')).subarray(0, 300_000);
}

/** The original of `zstd/runs.zst`. */
export const runs = (): Buffer => Buffer.concat([Buffer.alloc(140_000), Buffer.from('ab'.repeat(10)), Buffer.alloc(159_980, 'A')]);
