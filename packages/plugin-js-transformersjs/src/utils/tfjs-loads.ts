import { UNKNOWN } from '@oculum/core';
import type { JsNode, JsSourceCode, TSESTree } from '@oculum/lang-js';
import { staticKey, unwrapExpression } from '@oculum/lang-js';
import { isTeachableMachineLoad, isTfjsModule, pageLoadsScript, tfjsLoaderName } from './libraries.js';
import { classifyLocation, type ModelLocation } from './locations.js';
import { ml5Loads } from './ml5-loads.js';

/** `tf.io.http(url)` / `tf.io.browserHTTPRequest(url)`: an IOHandler that fetches `url`. */
function httpHandlerUrl(sc: JsSourceCode, expr: JsNode): JsNode | undefined {
  const node = sc.definingExpression(expr) ?? unwrapExpression(expr);
  if (node.type !== 'CallExpression') return undefined;
  const m = sc.importedMember(node.callee);
  const name = m && isTfjsModule(m.module) ? m.path.join('.') : sc.globalName(node.callee)?.replace(/^tf\./, '');
  if (name !== 'io.http' && name !== 'io.browserHTTPRequest') return undefined;
  return sc.argument(node, { position: 0 });
}

/** `@tensorflow-models/<name>`: packages whose `load()` fetches weights from Google's storage. */
const TF_MODELS = /^@tensorflow-models\/[\w.-]+$/;
const URL_OPTION = /^(modelUrl|url|modelPath|detectorModelUrl|landmarkModelUrl)$/;

/** `mobilenet.load()` / `cocoSsd.load({ base })`: the model URL option if given, `null` when absent. */
function packagedModelLoad(sc: JsSourceCode, call: TSESTree.CallExpression): JsNode | null | undefined {
  const m = sc.importedMember(call.callee);
  if (!m || !TF_MODELS.test(m.module) || m.path.join('.') !== 'load') return undefined;
  for (const arg of call.arguments) {
    if (arg.type === 'SpreadElement') return undefined;
    const obj = sc.objectLiteral(arg);
    if (!obj) continue;
    for (const p of obj.properties) {
      if (p.type === 'Property' && !p.computed && p.key.type === 'Identifier' && URL_OPTION.test(p.key.name)) return p.value;
    }
  }
  return sc.hasUnresolvedArguments(call) || call.arguments.some((a) => a.type !== 'SpreadElement' && !sc.objectLiteral(a) && sc.isOpaqueOptions(call, call.arguments.indexOf(a))) ? undefined : null;
}

/** The URL options of a detector's, segmenter's or depth estimator's TF.js models. */
const FACTORY_URL_OPTIONS = ['modelUrl', 'detectorModelUrl', 'landmarkModelUrl', 'segmentationModelUrl', 'depthModelUrl'] as const;
/** The factories of `@tensorflow-models/*` packages that build a model from a config. */
const FACTORIES = new Set(['createDetector', 'createSegmenter', 'createEstimator']);
/**
 * Options that name one of two models a factory loads: given one, the package fetches its default for
 * the other (BlazePose, MediaPipe Hands and FaceMesh: a detector and a landmark model; ARPortraitDepth:
 * a segmentation and a depth model). `face-detection` has a detector only.
 */
const PARTNER_OPTIONS: Readonly<Record<string, string>> = {
  detectorModelUrl: 'landmarkModelUrl',
  landmarkModelUrl: 'detectorModelUrl',
  segmentationModelUrl: 'depthModelUrl',
  depthModelUrl: 'segmentationModelUrl',
};
const SINGLE_MODEL_PACKAGES = /^@tensorflow-models\/face-detection$/;

/**
 * `createDetector(model, config)` of `@tensorflow-models/hand-pose-detection`, `pose-detection`,
 * `face-landmarks-detection`, `face-detection` (the packages ml5 1.x's `handPose`, `bodyPose`,
 * `faceMesh` wrap), `createSegmenter` of `body-segmentation` and `createEstimator` of
 * `depth-estimation`: with the `tfjs` runtime (the default of MoveNet, BodyPix and ARPortraitDepth; a
 * `runtime` the others require), the model URL options given, and the package's default weights (Google
 * storage, TF Hub) when none is given or only one of two models' URLs is; with `runtime: 'mediapipe'`,
 * `solutionPath` when given (without it, the solution's files are fetched next to the `@mediapipe/*`
 * script, wherever that is served from: not reported). With a runtime not known, each URL option given,
 * uncertain, and no default. `undefined` for any other call.
 */
function factoryLoads(sc: JsSourceCode, call: TSESTree.CallExpression): TfjsLoad[] | undefined {
  const m = sc.importedMember(call.callee);
  if (!m || !TF_MODELS.test(m.module) || m.path.length !== 1 || !FACTORIES.has(m.path[0])) return undefined;
  if (sc.hasUnresolvedArguments(call) || sc.isOpaqueOptions(call, 1)) return [];
  const runtimeNode = sc.argument(call, { name: 'runtime', position: 1 });
  const runtimeValue = runtimeNode ? sc.constant(runtimeNode) : 'tfjs';
  const runtime = typeof runtimeValue === 'string' ? runtimeValue.toLowerCase() : null;
  const given = (names: readonly string[], uncertain?: boolean): TfjsLoad[] =>
    names.flatMap((name) => {
      const source = sc.argument(call, { name, position: 1 });
      return source ? [{ source, location: classifyLocation(sc, source), ...(uncertain ? { uncertain } : {}) }] : [];
    });
  if (runtime === 'mediapipe') return given(['solutionPath']);
  if (runtime === null) return given([...FACTORY_URL_OPTIONS, 'solutionPath'], true);
  const named = FACTORY_URL_OPTIONS.filter((name) => sc.argument(call, { name, position: 1 }));
  const urls = given(named);
  if (urls.length === 0) return [{ packageDefault: m.module }];
  const missing = SINGLE_MODEL_PACKAGES.test(m.module) ? undefined : named.map((name) => PARTNER_OPTIONS[name]).find((partner) => partner && !(named as readonly string[]).includes(partner));
  return missing ? [...urls, { packageDefault: m.module, missing }] : urls;
}

/** `@tensorflow-models/speech-commands` (npm, versioned, CDN and `npm:` specifiers). */
export const SPEECH_COMMANDS_MODULE = '@tensorflow-models/speech-commands';
const isSpeechCommandsModule = (m: string): boolean => /(^|\/|npm:)@tensorflow-models\/speech-commands(@[^/?#]*)?(\/[^?#]*)?$/.test(m);
/**
 * A `<script src>` of speech-commands' script-tag build: the package on a CDN
 * (`https://cdn.jsdelivr.net/npm/@tensorflow-models/speech-commands@0.4.0/dist/speech-commands.min.js`,
 * Teachable Machine's snippet) or a copy of its file (`speech-commands.min.js`).
 */
const isSpeechCommandsScript = (src: string): boolean => {
  const path = src.replace(/[?#].*$/s, '');
  return isSpeechCommandsModule(path) || /(^|\/)speech-commands(\.min)?\.js$/i.test(path);
};
/** Prefilter trigger for the global of its script-tag build (the import names `@tensorflow-models/`). */
export const SPEECH_COMMANDS_GLOBAL_TRIGGER = /\bspeechCommands\b/;
/** The audio front ends `create()` takes first. */
const FFT_TYPES = new Set(['BROWSER_FFT', 'SOFT_FFT']);

/**
 * `speechCommands.create(fftType, vocabulary, modelURL, metadataURL)` (Teachable Machine's audio
 * export, `tf.loadLayersModel(modelURL)` underneath): the model URL, or `null` when none is given
 * (the package's default model, from the URL it holds: Google storage, TF Hub or Kaggle). Imported from the package, or the
 * `speechCommands` global of its script-tag build (a local name bound to anything else is not it)
 * when the first argument is a known FFT type, or, on a page whose `<script src>` loads
 * speech-commands, any first argument that is not known to be something else (`create(FFT_TYPE, …)`
 * with `FFT_TYPE` set elsewhere). `undefined` for any other call.
 */
function speechCommandsCreate(sc: JsSourceCode, call: TSESTree.CallExpression): JsNode | null | undefined {
  const m = sc.importedMember(call.callee);
  if (m) {
    if (!isSpeechCommandsModule(m.module) || m.path.join('.') !== 'create') return undefined;
  } else {
    if (sc.globalName(call.callee) !== 'speechCommands.create') return undefined;
    const fft = sc.argument(call, { position: 0 });
    const value = fft ? sc.constant(fft) : undefined;
    const known = typeof value === 'string' && FFT_TYPES.has(value);
    if (!known && !(fft && value === UNKNOWN && pageLoadsScript(sc, isSpeechCommandsScript))) return undefined;
  }
  const url = sc.argument(call, { position: 2 });
  if (url) {
    const v = sc.constant(url);
    if (v !== null && v !== undefined) return url;
  }
  return sc.hasUnresolvedArguments(call) ? undefined : null;
}

/** react-native-fast-tflite (also as Deno's / a CDN's `npm:` specifier). */
export const FAST_TFLITE_MODULE = 'react-native-fast-tflite';
const FAST_TFLITE_LOADERS = new Set(['loadTensorflowModel', 'useTensorflowModel']);

/**
 * react-native-fast-tflite's `loadTensorflowModel(source, delegate)` / `useTensorflowModel(source,
 * delegate)`: a `source` of `{ url }` is fetched from that URL (a web URL, or a `file://` on the
 * device) and handed to the TFLite interpreter with no integrity check — the `url` expressions, of
 * each branch of a `?:` and through names and table members (`MODELS.det`); a `require('./m.tflite')`
 * (a number, Metro's asset id) is the app's bundled file — none; a source not known is given as is
 * (its location unknown, not bundled). `undefined` for any other call.
 */
function fastTfliteLoad(sc: JsSourceCode, call: TSESTree.CallExpression): { sources: JsNode[]; bundled: boolean } | undefined {
  const m = sc.importedMember(call.callee);
  if (!m || !/^(?:npm:)?react-native-fast-tflite(?:@[^/]*)?$/.test(m.module) || m.path.length !== 1 || !FAST_TFLITE_LOADERS.has(m.path[0])) return undefined;
  const first = sc.argument(call, { position: 0 });
  if (!first) return { sources: [], bundled: true };
  // each branch of a `?:` (`bundled ? require('./m.tflite') : { url }`), each read through the names
  // and table members that hold it (`MODELS.det`: `objectLiteral` follows them)
  const sources: JsNode[] = [];
  const stack: JsNode[] = [first];
  let leaves = 0;
  let bundled = false;
  while (stack.length > 0) {
    const n = unwrapExpression(stack.pop()!);
    if (n.type === 'ConditionalExpression') {
      stack.push(n.alternate, n.consequent);
      continue;
    }
    // (past 16 branches: the whole argument, as not known)
    if (++leaves > MAX_TFLITE_BRANCHES) return { sources: [first], bundled: false };
    const literal = sc.memberLiteral(n);
    if (literal?.type === 'ObjectExpression') {
      const url = objectUrl(literal);
      if (url !== null) sources.push(url ?? n);
      else bundled = true;
      continue;
    }
    // a `require('./m.tflite')` (Metro's asset id, a number) is the app's bundled file; any other
    // source not known is left to the location classification (unknown, not bundled)
    if (isRequireCall(sc, n) || typeof sc.constant(n) === 'number') bundled = true;
    else sources.push(n);
  }
  return { sources, bundled };
}

/** How many `?:` branches of a fast-tflite source are read. */
const MAX_TFLITE_BRANCHES = 16;

/** The `url` of an object literal source; `null` when it has none; `undefined` when a spread or computed key may give it. */
function objectUrl(object: TSESTree.ObjectExpression): JsNode | null | undefined {
  for (let i = object.properties.length - 1; i >= 0; i--) {
    const p = object.properties[i];
    if (p.type === 'SpreadElement' || p.computed) {
      if (p.type !== 'Property' || staticKey(p) === undefined) return undefined;
    }
    if (p.type === 'Property' && staticKey(p) === 'url') return p.value as JsNode;
  }
  return null;
}

/** `require(…)` (Metro resolves a required asset to its id). */
function isRequireCall(sc: JsSourceCode, node: JsNode): boolean {
  return node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && !sc.binding(node.callee);
}

/** What a TensorFlow.js model load fetches (see `tfjsLoads`). */
export type TfjsLoad = { packageDefault: string; missing?: string } | { builtin: string } | { source: JsNode; location: ModelLocation; uncertain?: boolean };

/**
 * What a TensorFlow.js model load fetches: `packageDefault` (the module) for a `@tensorflow-models/*`
 * `load()`, `createDetector()`, `createSegmenter()` or `createEstimator()` (or speech-commands `create()`)
 * with no model URL (`missing`: the option of the one model of two whose URL is not given), each URL expression
 * and where it points (`uncertain` when whether it is fetched depends on a value not known: see
 * `ml5Loads`, `factoryLoads`), and `builtin` (the model's name, last) for an ml5.js built-in
 * model; react-native-fast-tflite's `loadTensorflowModel({ url })` / `useTensorflowModel({ url })`, the
 * URL. Empty for any other call.
 */
export function tfjsLoads(sc: JsSourceCode, node: TSESTree.CallExpression): TfjsLoad[] {
  // react-native-fast-tflite: the `{ url }` a TFLite model is fetched from (a bundled `require` is none)
  const tflite = fastTfliteLoad(sc, node);
  if (tflite !== undefined) {
    // (remote on some paths, bundled on the others: reported at medium confidence, as a `?:` of URLs is)
    return tflite.sources.map((source) => {
      const location = classifyLocation(sc, source);
      return { source, location: tflite.bundled && location.kind === 'remote' ? { ...location, overridable: true } : location };
    });
  }
  const packaged = packagedModelLoad(sc, node);
  if (packaged === null) return [{ packageDefault: sc.importedMember(node.callee)!.module }];
  if (packaged) return [{ source: packaged, location: classifyLocation(sc, packaged) }];
  const detector = factoryLoads(sc, node);
  if (detector) return detector;
  const speech = speechCommandsCreate(sc, node);
  if (speech === null) return [{ packageDefault: SPEECH_COMMANDS_MODULE }];
  if (speech) return [{ source: speech, location: classifyLocation(sc, speech) }];
  // ml5.js: a built-in model by name, or the URLs of TF.js models and checkpoints
  const ml5 = ml5Loads(sc, node);
  if (ml5) return ml5.map((l) => ('builtin' in l ? l : { ...l, location: classifyLocation(sc, l.source) }));
  // Teachable Machine: `tmImage.load(modelURL, metadataURL)` is `tf.loadLayersModel(modelURL)`
  const loader = isTeachableMachineLoad(sc, node) ? 'load' : tfjsLoaderName(sc, node);
  if (!loader) return [];
  const arg = sc.argument(node, { position: 0 });
  if (!arg) return [];
  const source = httpHandlerUrl(sc, arg) ?? arg;
  let location = classifyLocation(sc, source);
  // A TF Hub handle is remote whatever it looks like.
  const fromHub = sc.argument(node, { name: 'fromTFHub', position: 1 });
  if (fromHub && sc.constant(fromHub) === true && location.kind !== 'remote') location = { kind: 'remote', http: false, value: location.value, overridable: location.overridable, values: location.values };
  return [{ source, location }];
}
