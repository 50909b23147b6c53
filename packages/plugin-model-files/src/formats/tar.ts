/**
 * The one tar header reader, used by discovery (`detect.ts`: is this tar a model?) and by the scanner
 * (`scanner.ts`: its members). Headers are read one after the other (512 bytes each, the member's data
 * skipped by its size); the walk asks its caller for the bytes (`{ read }`), so a synchronous
 * caller (discovery, positioned reads) and an asynchronous one (the scanner) drive the same code.
 *
 * The two modes differ on purpose:
 * - `discovery` reads any file that sniffs as a tar (an old-style header is only a checksum match),
 *   so every header must pass its checksum and a first byte of zero ends the walk; a member whose data
 *   runs past the bytes at hand still counts (a gzipped tarball's head is cut, the names before the
 *   cut are what discovery has); and it is bounded by headers read (every header: directories,
 *   links, PAX and GNU long-name headers too), bytes read and time, since it runs before any scan
 *   deadline applies.
 * - `scan` reads the members as Python's tarfile would hand them over: it stops at an all-zero block,
 *   does not verify checksums (a member behind a damaged header is still scanned), and a member that
 *   runs past the end of the file is malformed; its bounds are the scan's member limit and deadline.
 */

export interface TarMember {
  /** The member's name (a GNU `L` long name, or the ustar prefix and name). */
  name: string;
  /** Where its data starts and how long it is. */
  start: number;
  size: number;
}

export interface TarWalkOptions {
  mode: 'discovery' | 'scan';
  /** How many headers (of any type) are read at most. */
  maxHeaders?: number;
  /** How many bytes (headers and long names) are read at most. */
  maxReadBytes?: number;
  /** `Date.now()` past which the walk stops. */
  deadline?: number;
}

export type TarEvent =
  | { read: { at: number; length: number } }
  | { member: TarMember }
  | { malformed: string }
  | { limit: string };

/** An old-style (or any) tar header whose checksum (octal, at 148..156, computed with the field as spaces) matches. */
export function tarChecksumOk(h: Uint8Array): boolean {
  if (h.length < 512) return false;
  const field = String.fromCharCode(...h.subarray(148, 156)).replace(/\0.*$/, '').trim();
  if (!/^[0-7]{1,7}$/.test(field)) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i];
  return sum === parseInt(field, 8) && h[0] !== 0;
}

const utf8 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8').replace(/\0.*$/s, '');

/** A header's name (with the ustar prefix), size (octal, or base-256 when the top bit is set) and type. */
export function parseTarHeader(h: Uint8Array): { name: string; size: number; type: string } {
  let name = utf8(h.subarray(0, 100));
  const prefix = utf8(h.subarray(345, 500));
  if (prefix && Buffer.from(h.subarray(257, 262)).toString('latin1') === 'ustar') name = `${prefix}/${name}`;
  let size: number;
  if (h[124] & 0x80) {
    size = 0;
    for (let i = 128; i < 136; i++) size = size * 256 + h[i];
  } else size = parseInt(Buffer.from(h.subarray(124, 136)).toString('latin1').replace(/\0.*$/s, '').trim() || '0', 8);
  return { name, size, type: String.fromCharCode(h[156] || 0x30) };
}

/** The walk over the headers of `size` bytes: yields read requests (answered with the bytes), members and why it stopped early. */
export function* tarWalk(size: number, options: TarWalkOptions): Generator<TarEvent, void, Uint8Array | undefined> {
  const discovery = options.mode === 'discovery';
  let pos = 0;
  let headers = 0;
  let readBytes = 0;
  let longName: string | undefined;
  const read = function* (at: number, length: number): Generator<TarEvent, Uint8Array, Uint8Array | undefined> {
    readBytes += length;
    return (yield { read: { at, length } }) ?? new Uint8Array(0);
  };
  while (pos + 512 <= size) {
    if (options.maxHeaders !== undefined && headers >= options.maxHeaders) return void (yield { limit: `more than ${options.maxHeaders} tar headers` });
    if (options.maxReadBytes !== undefined && readBytes >= options.maxReadBytes) return void (yield { limit: `more than ${options.maxReadBytes} bytes of tar headers` });
    if (options.deadline !== undefined && Date.now() > options.deadline) return void (yield { limit: 'time limit reached in the tar headers' });
    headers++;
    const h = yield* read(pos, 512);
    if (h.length < 512) return;
    if (discovery ? h[0] === 0 || !tarChecksumOk(h) : h.every((b) => b === 0)) return;
    const { name, size: n, type } = parseTarHeader(h);
    const dataStart = pos + 512;
    if (!Number.isFinite(n) || n < 0 || (!discovery && dataStart + n > size)) {
      if (!discovery) yield { malformed: `tar: member ${name} has an invalid size or runs past the end of the file` };
      return;
    }
    if (type === 'L') longName = utf8(yield* read(dataStart, Math.min(n, 4096)));
    else if (type === '0' || type === '7') {
      yield { member: { name: longName ?? name, start: dataStart, size: n } };
      longName = undefined;
    } else longName = undefined;
    pos = dataStart + Math.ceil(n / 512) * 512;
  }
}

/** Drives `tarWalk` with synchronous reads; `visit` hears the other events and stops the walk by returning false. */
export function walkTarSync(size: number, read: (at: number, length: number) => Uint8Array, options: TarWalkOptions, visit: (e: Exclude<TarEvent, { read: unknown }>) => boolean | void): void {
  const walk = tarWalk(size, options);
  let r = walk.next();
  while (!r.done) {
    const e = r.value;
    if ('read' in e) r = walk.next(read(e.read.at, e.read.length));
    else if (visit(e) === false) return void walk.return();
    else r = walk.next();
  }
}

/** Drives `tarWalk` with asynchronous reads (the scanner's random access). */
export async function walkTarAsync(size: number, read: (at: number, length: number) => Promise<Uint8Array>, options: TarWalkOptions, visit: (e: Exclude<TarEvent, { read: unknown }>) => boolean | void): Promise<void> {
  const walk = tarWalk(size, options);
  let r = walk.next();
  while (!r.done) {
    const e = r.value;
    if ('read' in e) r = walk.next(await read(e.read.at, e.read.length));
    else if (visit(e) === false) return void walk.return();
    else r = walk.next();
  }
}
