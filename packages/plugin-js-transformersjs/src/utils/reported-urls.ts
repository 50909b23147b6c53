import type { JsNode, JsSourceCode } from '@oculum/lang-js';
import { httpLiterals } from './http-literals.js';
import { isOnnxSessionCreate, onnxExternalDataSources } from './libraries.js';
import { classifyLocation, type ModelLocation } from './locations.js';
import { envWrites, isPlainHttpHost } from './remote-models.js';
import { tfjsLoads } from './tfjs-loads.js';
import { mediapipeModelSource } from './mediapipe-loads.js';
import { wllamaLoad, wllamaUrlArgument } from './wllama-loads.js';

/** The pack's rules that report a plain-HTTP URL at the load (by name, without the namespace). */
export type LoaderRule = 'onnx-model-from-remote-url' | 'tfjs-model-from-remote-url' | 'wllama-model-from-remote-url' | 'mediapipe-model-from-remote-url' | 'insecure-remote-host';

const cache = new WeakMap<JsSourceCode, ReadonlyMap<JsNode, ReadonlySet<LoaderRule>>>();

/**
 * The `http://` string literals (see `httpLiterals`), and the expressions that build a URL from a
 * constant base (`` `${BASE}/m.onnx` ``, `BASE + '/m.onnx'`), that other rules of the pack report their URL
 * at, offering the same "Use https://", each with the rules that report it: the plain-HTTP URL of an
 * `InferenceSession.create` or of its `externalData` weights (onnx-model-from-remote-url) or of a TensorFlow.js load
 * (tfjs-model-from-remote-url) or of a wllama `loadModelFromUrl` (wllama-model-from-remote-url) or of a
 * MediaPipe Tasks model path (mediapipe-model-from-remote-url), written inline or held in a variable, and a plain-HTTP
 * `env.remoteHost` (insecure-remote-host). `transformersjs/http-model-url` leaves one out when one
 * of its rules runs in the same lint (`context.enabledRules`), so each URL is reported once.
 */
export function literalsReportedByLoaders(sc: JsSourceCode): ReadonlyMap<JsNode, ReadonlySet<LoaderRule>> {
  let found = cache.get(sc);
  if (found) return found;
  const literals = new Map<JsNode, Set<LoaderRule>>();
  const mark = (literal: JsNode, rule: LoaderRule) => {
    let rules = literals.get(literal);
    if (!rules) literals.set(literal, (rules = new Set()));
    rules.add(rule);
  };
  const add = (source: JsNode, location: ModelLocation, rule: LoaderRule) => {
    if (!(location.kind === 'remote' && location.http)) return;
    for (const l of httpLiterals(sc, source)) mark(l, rule);
    // the URL built on a constant base (`` `${BASE}/m.onnx` ``), inline or held in a variable
    const built = sc.definingExpression(source);
    if (built) mark(built, rule);
  };
  sc.descendants(sc.ast, (n) => {
    if (n.type !== 'CallExpression') return;
    if (isOnnxSessionCreate(sc, n)) {
      const source = sc.argument(n, { position: 0 });
      if (source) add(source, classifyLocation(sc, source), 'onnx-model-from-remote-url');
      for (const data of onnxExternalDataSources(sc, n)) add(data, classifyLocation(sc, data), 'onnx-model-from-remote-url');
      return;
    }
    const loads = tfjsLoads(sc, n);
    if (loads.length > 0) {
      for (const load of loads) if ('source' in load) add(load.source, load.location, 'tfjs-model-from-remote-url');
      return;
    }
    const source = wllamaLoad(sc, n)?.method === 'loadModelFromUrl' ? wllamaUrlArgument(sc, n) : undefined;
    if (source) {
      add(source, classifyLocation(sc, source), 'wllama-model-from-remote-url');
      return;
    }
    const mediapipe = mediapipeModelSource(sc, n);
    if (mediapipe) add(mediapipe, classifyLocation(sc, mediapipe), 'mediapipe-model-from-remote-url');
  });
  for (const w of envWrites(sc)) {
    if (w.field !== 'remoteHost' || !['=', '??=', '||='].includes(w.operator)) continue;
    const location = classifyLocation(sc, w.value);
    if (isPlainHttpHost(location)) for (const l of httpLiterals(sc, w.value)) mark(l, 'insecure-remote-host');
  }
  found = literals;
  cache.set(sc, found);
  return found;
}
