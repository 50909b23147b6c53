/**
 * Counters of the work the analysis does, for tests that bound work instead of timing it.
 */
import { JsSourceCode } from '@oculum/lang-js';

/** The nodes rules and the analysis visit through `JsSourceCode.descendants` while `run` runs (the region walks). */
export async function nodesVisitedBy(run: () => Promise<void>): Promise<number> {
  const proto = JsSourceCode.prototype;
  const descendants = Object.getOwnPropertyDescriptor(proto, 'descendants')!;
  let visits = 0;
  proto.descendants = function (this: JsSourceCode, node, visit) {
    return (descendants.value as JsSourceCode['descendants']).call(this, node, (n) => (visits++, visit(n)));
  };
  try {
    await run();
  } finally {
    Object.defineProperty(proto, 'descendants', descendants);
  }
  return visits;
}

/**
 * The calls of `JsSourceCode`'s methods made while `run` runs, rules' calls and the analysis' own (each method of the
 * class wrapped with a counter, put back after): a deterministic count of the analysis' steps.
 */
export async function sourceCodeCallsBy(run: () => Promise<void>): Promise<number> {
  const proto = JsSourceCode.prototype as unknown as Record<string, unknown>;
  const originals = new Map<string, PropertyDescriptor>();
  let calls = 0;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const d = Object.getOwnPropertyDescriptor(proto, name)!;
    if (name === 'constructor' || typeof d.value !== 'function') continue;
    originals.set(name, d);
    const method = d.value as (...a: unknown[]) => unknown;
    proto[name] = function (this: unknown, ...a: unknown[]) {
      calls++;
      return method.apply(this, a);
    };
  }
  try {
    await run();
  } finally {
    for (const [name, d] of originals) Object.defineProperty(proto, name, d);
  }
  return calls;
}
