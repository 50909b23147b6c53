/**
 * Counters of the work a scan does, for tests that bound work instead of timing it.
 */

/**
 * Runs `f` with a `Date.now` that advances 1 ms each time it is read. Every loop of the scanner and the
 * decoders looks at the clock now and then (per chunk, per step through a frame, as output is handed
 * on, per 64 Ki opcodes, per 4096 units of template work): the reads count the work done, and a time
 * limit or deadline becomes a number of looks, not real time.
 */
export async function onFakeClock<T>(f: () => T | Promise<T>): Promise<{ value: T; reads: number }> {
  const real = Date.now;
  let t = real();
  let reads = 0;
  Date.now = () => (reads++, ++t);
  try {
    return { value: await f(), reads };
  } finally {
    Date.now = real;
  }
}
