/**
 * Answers to a depth-bounded recursive question, kept per node: a question asked again along every way
 * to a node (a name rebound many times, tables merged from tables) is answered once. An answer the
 * depth bound cut short (`cut()`) is reused only when asked as deep or deeper (with no more depth
 * left, asking again would read no more), and counts as cut short again where it is reused, so that
 * what holds it is no complete answer either; an answer that read something still being worked out
 * (`cycle()`) is not kept, nor is anything that holds it.
 */
export class DepthBoundMemo<V> {
  private readonly entries = new Map<number, { value: V; cutAt: number | undefined }>();
  private cuts = 0;
  private cycles = 0;

  /** The depth bound was reached: the answers being worked out are cut short. */
  cut(): void {
    this.cuts++;
  }

  /** Something still being worked out was read: the answers being worked out are not kept. */
  cycle(): void {
    this.cycles++;
  }

  /** The answer for `key` asked at `depth`: kept, or `compute()`'s. */
  answer(key: number, depth: number, compute: () => V): V {
    const hit = this.entries.get(key);
    if (hit && (hit.cutAt === undefined || depth >= hit.cutAt)) {
      if (hit.cutAt !== undefined) this.cuts++;
      return hit.value;
    }
    const cuts = this.cuts;
    const cycles = this.cycles;
    const value = compute();
    if (cycles === this.cycles) this.entries.set(key, { value, cutAt: cuts === this.cuts ? undefined : depth });
    return value;
  }
}
