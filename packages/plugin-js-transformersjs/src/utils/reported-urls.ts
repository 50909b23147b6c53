import type { JsNode, JsSourceCode } from '@oculum/lang-js';
import { httpLiterals } from './http-literals.js';
import { isOnnxSessionCreate } from './libraries.js';
import { classifyLocation, type ModelLocation } from './locations.js';
import { envWrites, isPlainHttpHost } from './remote-models.js';
import { tfjsLoad } from './tfjs-loads.js';

const cache = new WeakMap<JsSourceCode, ReadonlySet<JsNode>>();

/**
 * The `http://` string literals (see `httpLiterals`) that other rules of the pack report their URL
 * at, offering the same "Use https://": the plain-HTTP URL of an `InferenceSession.create`
 * (onnx-model-from-remote-url) or of a TensorFlow.js load (tfjs-model-from-remote-url), written
 * inline or held in a variable, and a plain-HTTP `env.remoteHost` (insecure-remote-host).
 * `transformersjs/http-model-url` leaves them out, so each URL is reported once.
 */
export function literalsReportedByLoaders(sc: JsSourceCode): ReadonlySet<JsNode> {
  let found = cache.get(sc);
  if (found) return found;
  const literals = new Set<JsNode>();
  const add = (source: JsNode, location: ModelLocation) => {
    if (location.kind === 'remote' && location.http) for (const l of httpLiterals(sc, source)) literals.add(l);
  };
  sc.descendants(sc.ast, (n) => {
    if (n.type !== 'CallExpression') return;
    if (isOnnxSessionCreate(sc, n)) {
      const source = sc.argument(n, { position: 0 });
      if (source) add(source, classifyLocation(sc, source));
      return;
    }
    const load = tfjsLoad(sc, n);
    if (load && 'source' in load) add(load.source, load.location);
  });
  for (const w of envWrites(sc)) {
    if (w.field !== 'remoteHost' || !['=', '??=', '||='].includes(w.operator)) continue;
    const location = classifyLocation(sc, w.value);
    if (isPlainHttpHost(location)) for (const l of httpLiterals(sc, w.value)) literals.add(l);
  }
  found = literals;
  cache.set(sc, found);
  return found;
}
