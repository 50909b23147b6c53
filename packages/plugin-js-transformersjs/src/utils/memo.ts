import type { JsNode, JsSourceCode } from '@oculum/lang-js';

/**
 * `compute(sc, node)` answered once per file and node: the questions rules ask of a region (is there a
 * model sink, an integrity check) are asked again for every download in it.
 */
export function perNode<T>(compute: (sc: JsSourceCode, node: JsNode) => T): (sc: JsSourceCode, node: JsNode) => T {
  const cache = new WeakMap<JsSourceCode, Map<JsNode, T>>();
  return (sc, node) => {
    let perFile = cache.get(sc);
    if (!perFile) cache.set(sc, (perFile = new Map()));
    if (perFile.has(node)) return perFile.get(node) as T;
    const answer = compute(sc, node);
    perFile.set(node, answer);
    return answer;
  };
}
