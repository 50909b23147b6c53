import { UNKNOWN } from '@oculum/core';
import { staticKey, unwrapExpression, type JsNode, type JsSourceCode, type TSESTree } from '@oculum/lang-js';
import { pageLoadsScript } from './libraries.js';

/** ml5.js (npm, versioned, CDN and `npm:` specifiers, and files of the package: `…/ml5@1/dist/ml5.min.js`). */
export const isMl5Module = (m: string): boolean => /(^|\/|npm:)ml5(@[^/?#]*)?(\/[^?#]*)?$/.test(m);

/**
 * A `<script src>` of ml5.js's script-tag build: the package on a CDN (`https://unpkg.com/ml5@1/dist/ml5.js`,
 * `https://cdn.jsdelivr.net/npm/ml5@0.12.2/dist/ml5.min.js`, `https://unpkg.com/ml5@latest`) or a copy
 * of its file (`libraries/ml5.min.js`, as the p5.js editor keeps it), a query or fragment aside.
 */
export const isMl5Script = (src: string): boolean => {
  const path = src.replace(/[?#].*$/s, '');
  return isMl5Module(path) || /(^|\/)ml5(\.min)?\.js$/i.test(path);
};

/** Prefilter trigger for ml5.js: its import specifier and the global of its script-tag build both say `ml5`. */
export const ML5_TRIGGER = /\bml5\b/;

/**
 * The built-in models of the ml5 functions that take a model name or a model URL first, by the name
 * ml5 matches (it lowercases the name), spelled as its documentation does. A name is ml5's hosted
 * model, downloaded at run time (`@tensorflow-models/mobilenet` for MobileNet, ml5's storage for the
 * others); any other string is the URL (or path) of a TF.js `model.json` (ml5 0.x and 1.x).
 */
const BUILTIN_MODELS: Readonly<Record<string, readonly string[]>> = {
  imageClassifier: ['MobileNet', 'Darknet', 'Darknet-tiny', 'DoodleNet'],
  soundClassifier: ['SpeechCommands18w'],
};

/** `ml5.cartoon()`'s default model (ml5 0.x), a `model.json` on GitHub. */
const CARTOON_DEFAULT = 'CartoonGAN Miyazaki';

/**
 * What an ml5 model load fetches: a built-in model by name, or the URL (or path) it is handed;
 * `uncertain` when whether ml5 fetches that URL depends on a value the analysis cannot see (the
 * `runtime` or the model an option belongs to).
 */
export type Ml5Load = { builtin: string } | { source: JsNode; uncertain?: boolean };

/**
 * The ml5 function a callee names: imported from `ml5` (`import ml5 from 'ml5'`, `require('ml5')`),
 * or on the global of the script-tag build (`<script src=".../ml5.min.js">`, no import; also
 * `window.ml5`, an alias of it, TypeScript's `declare const ml5: any`). A local or parameter named
 * `ml5` is not the library: `globalName` answers only for unbound names.
 */
function ml5Function(sc: JsSourceCode, callee: JsNode): string | undefined {
  const m = sc.importedMember(callee);
  if (m) return isMl5Module(m.module) && m.path.length === 1 ? m.path[0] : undefined;
  const name = sc.globalName(callee)?.split('.');
  return name && name.length === 2 && name[0] === 'ml5' ? name[1] : undefined;
}

/** `null`, `undefined`, `void 0`: a placeholder until the instance is made. */
function isPlaceholder(sc: JsSourceCode, node: JsNode): boolean {
  const n = unwrapExpression(node);
  if (n.type === 'Literal') return n.value === null && !('regex' in n && n.regex);
  if (n.type === 'Identifier') return n.name === 'undefined' && !sc.binding(n);
  return n.type === 'UnaryExpression' && n.operator === 'void';
}

/** A function value: inline, held in a stable variable, or a function declaration's name (a callback). */
function isFunction(sc: JsSourceCode, node: JsNode): boolean {
  const def = sc.definingExpression(node);
  if (def) return def.type === 'FunctionExpression' || def.type === 'ArrowFunctionExpression';
  const id = unwrapExpression(node);
  const b = id.type === 'Identifier' ? sc.binding(id) : undefined;
  return Boolean(b && b.writes === 0 && b.declaration.type === 'FunctionDeclaration' && b.declaration.id === b.id);
}

/** How deep `holds` follows values made from other values (`fe.classification()` of `fe`). */
const MAX_HOLD_DEPTH = 8;

/** A value an ml5 model is made of: `ml5.neuralNetwork(…)`, `ml5.featureExtractor(…)`. */
type Ml5Maker = (sc: JsSourceCode, node: JsNode, depth: number) => boolean;

const isNeuralNetworkCreation: Ml5Maker = (sc, node) => {
  const n = unwrapExpression(node);
  return n.type === 'CallExpression' && ml5Function(sc, n.callee) === 'neuralNetwork';
};

/**
 * `ml5.featureExtractor(…)` (ml5 0.x), or `.classification(…)` / `.regression(…)` of one (they return
 * the extractor itself: `featureExtractor.classification(video)` is the custom model `load()` fills).
 */
const isFeatureExtractor: Ml5Maker = (sc, node, depth) => {
  const n = unwrapExpression(node);
  if (n.type !== 'CallExpression') return false;
  if (ml5Function(sc, n.callee) === 'featureExtractor') return true;
  const callee = unwrapExpression(n.callee);
  if (callee.type !== 'MemberExpression') return false;
  const method = staticKey(callee);
  return (method === 'classification' || method === 'regression') && holds(sc, callee.object, isFeatureExtractor, depth + 1);
};

const globalWritesCache = new WeakMap<JsSourceCode, Map<string, JsNode[] | null>>();

/**
 * The values the file assigns to each global it never declares (`brain = ml5.neuralNetwork(…)`,
 * `window.brain = …`), by name: the right sides of its plain assignments, or `null` once one write
 * is of another kind (`brain ||= …`, `brain++`, `[brain] = pair`, `for (brain of list)`).
 */
function globalWrites(sc: JsSourceCode): Map<string, JsNode[] | null> {
  let writes = globalWritesCache.get(sc);
  if (writes) return writes;
  const found = new Map<string, JsNode[] | null>();
  const globalOf = (target: JsNode): string | undefined => {
    const t = unwrapExpression(target);
    if (t.type !== 'Identifier' && t.type !== 'MemberExpression') return undefined;
    const name = sc.globalName(t);
    return name && name !== 'globalThis' && !name.includes('.') ? name : undefined;
  };
  const spoil = (name: string | undefined) => {
    if (name !== undefined) found.set(name, null);
  };
  // (a pattern's free names are all taken as written, its defaults' reads too: only ever fewer answers)
  const spoilPattern = (pattern: JsNode) =>
    sc.descendants(pattern, (n) => {
      if (n.type === 'Identifier' || n.type === 'MemberExpression') spoil(globalOf(n));
    });
  sc.descendants(sc.ast, (n) => {
    if (n.type === 'AssignmentExpression') {
      const left = unwrapExpression(n.left);
      if (left.type === 'ArrayPattern' || left.type === 'ObjectPattern') return spoilPattern(left);
      const name = globalOf(left);
      if (name === undefined) return;
      const values = found.get(name);
      if (n.operator !== '=' || values === null) spoil(name);
      else found.set(name, [...(values ?? []), n.right]);
    } else if (n.type === 'UpdateExpression') spoil(globalOf(n.argument));
    else if ((n.type === 'ForOfStatement' || n.type === 'ForInStatement') && n.left.type !== 'VariableDeclaration') spoilPattern(n.left);
  });
  writes = found;
  globalWritesCache.set(sc, writes);
  return writes;
}

/**
 * The receiver holds a model `made` makes: the value itself (`ml5.featureExtractor(…).classification()`),
 * a stable variable, a `let` / `var` every value of which (placeholders aside) is one (a p5.js
 * sketch's `let nn;` assigned in `setup()`), or a class member likewise. A parameter, or any other
 * object with a `load` method, is not. On an HTML page whose `<script src>` loads ml5 (it runs the
 * sketch), a global the page never declares is judged by every value its inline scripts assign it
 * (`brain = ml5.neuralNetwork(…)` in one inline script, `brain.load(url)` in another); what a script
 * the page loads by `src` (`sketch.js`) assigns is not read.
 */
function holds(sc: JsSourceCode, receiver: JsNode, made: Ml5Maker, depth = 0): boolean {
  if (depth > MAX_HOLD_DEPTH) return false;
  const value = unwrapExpression(receiver);
  if (value.type === 'CallExpression') return made(sc, value, depth);
  if ((value.type === 'Identifier' || value.type === 'MemberExpression') && pageLoadsScript(sc, isMl5Script)) {
    const name = sc.globalName(value);
    if (name && name !== 'globalThis' && !name.includes('.')) {
      const values = globalWrites(sc).get(name)?.filter((v) => !isPlaceholder(sc, v));
      return Boolean(values && values.length > 0 && values.every((v) => made(sc, v, depth)));
    }
  }
  const def = sc.definingExpression(receiver);
  if (def) {
    if (made(sc, def, depth)) return true;
    if (def.type !== 'MemberExpression') return false;
    const values = sc.memberValues(def)?.filter((v) => !isPlaceholder(sc, v));
    return Boolean(values && values.length > 0 && values.every((v) => made(sc, v, depth)));
  }
  if (value.type !== 'Identifier') return false;
  const b = sc.binding(value);
  if (!b || (b.kind !== 'let' && b.kind !== 'var') || !b.assignedValues) return false;
  if (b.init && b.path?.length !== 0) return false;
  const values = [...(b.init ? [b.init] : []), ...b.assignedValues].filter((v) => !isPlaceholder(sc, v));
  return values.length > 0 && values.every((v) => made(sc, v, depth));
}

/** `nn.load(path)` / `nn.load({ model, metadata, weights })`: the URL of `model.json`. */
function neuralNetworkLoadSource(sc: JsSourceCode, call: TSESTree.CallExpression): JsNode | undefined {
  const arg = sc.argument(call, { position: 0 });
  if (!arg) return undefined;
  const details = sc.objectLiteral(arg);
  return details ? sc.property(details, 'model') : arg;
}

/** The value of a constant string argument, lower case; `null` when it is not known, `undefined` when absent. */
function lowerString(sc: JsSourceCode, node: JsNode | undefined): string | null | undefined {
  if (!node) return undefined;
  const v = sc.constant(node);
  return typeof v === 'string' ? v.toLowerCase() : null;
}

/**
 * The model name ml5's argument handling (`handleArguments`) takes from the arguments of a call: the
 * last string among them, lower case; `undefined` when there is none; `null` when there is no
 * constant string and an argument the analysis cannot see may be one (neither an object, a function
 * nor a constant). (Beside a constant name, a value not known is taken for the callback or the
 * media it usually is: `bodyPose('MoveNet', options, gotModel)`.)
 */
function modelNameArgument(sc: JsSourceCode, call: TSESTree.CallExpression): string | null | undefined {
  let name: string | undefined;
  let unknown = sc.hasUnresolvedArguments(call);
  for (const arg of call.arguments) {
    const v = sc.constant(arg);
    if (typeof v === 'string') name = v.toLowerCase();
    else if (v === UNKNOWN && !sc.objectLiteral(arg) && !isFunction(sc, arg)) unknown = true;
  }
  return name ?? (unknown ? null : undefined);
}

/** The runtime option of a pose, hand or face model of ml5 1.x, lower case: `tfjs` by default, `null` when not known. */
function runtimeOf(sc: JsSourceCode, call: TSESTree.CallExpression): string | null {
  const given = lowerString(sc, sc.argument(call, { name: 'runtime' }));
  return given === undefined ? 'tfjs' : given;
}

/** The TF.js models of the `tfjs` runtime, the MediaPipe solution (its code and model files) of `mediapipe`. */
const RUNTIME_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  tfjs: ['detectorModelUrl', 'landmarkModelUrl'],
  mediapipe: ['solutionPath'],
};

/**
 * The options a pose, hand or face model of ml5 1.x (`bodyPose`, `handPose`, `faceMesh`) fetches its
 * model from, by its `runtime` (`tfjs` by default): `detectorModelUrl` and `landmarkModelUrl` (TF.js
 * graph models), or `solutionPath` (the MediaPipe solution: its code and model files) with
 * `mediapipe`. Each that is given is judged; all of them, uncertain, when the runtime is not known.
 */
function runtimeModelUrls(sc: JsSourceCode, call: TSESTree.CallExpression, uncertain: boolean): Ml5Load[] {
  const runtime = runtimeOf(sc, call);
  const names = runtime === null ? [...RUNTIME_OPTIONS.tfjs, ...RUNTIME_OPTIONS.mediapipe] : RUNTIME_OPTIONS[runtime] ?? [];
  return optionSources(sc, call, names, uncertain || runtime === null);
}

/**
 * A pose, hand or face model of ml5 1.x downloads its built-in model: with the `tfjs` runtime, one
 * of `detectorModelUrl` / `landmarkModelUrl` missing (the package's default, from Google's storage);
 * with `mediapipe`, no `solutionPath` (ml5's default is the solution on the jsDelivr CDN). With a
 * runtime not known, when each runtime would; with a runtime ml5 does not know, not said.
 */
function runtimeDefault(sc: JsSourceCode, call: TSESTree.CallExpression): boolean {
  const runtime = runtimeOf(sc, call);
  const missing = (names: readonly string[]) => names.some((name) => !sc.argument(call, { name }));
  if (runtime === null) return missing(RUNTIME_OPTIONS.tfjs) && missing(RUNTIME_OPTIONS.mediapipe);
  const names = RUNTIME_OPTIONS[runtime];
  return names ? missing(names) : false;
}

/** The URL options `names` given to the call (in its last object argument that has each). */
function optionSources(sc: JsSourceCode, call: TSESTree.CallExpression, names: readonly string[], uncertain: boolean, position?: number): Ml5Load[] {
  const out: Ml5Load[] = [];
  for (const name of names) {
    const source = sc.argument(call, position === undefined ? { name } : { name, position });
    if (source) out.push(uncertain ? { source, uncertain } : { source });
  }
  return out;
}

/** Names that say an argument holds options (`options`, `opts`, `config`, `settings`, `params`). */
const OPTIONS_NAME = /(options|opts|config|configuration|settings|params)$/i;

/**
 * Options the call may take cannot be seen: a spread the analysis cannot expand, or an argument it
 * cannot read that is named like options (`ml5.poseNet(video, options)` with `options` a parameter).
 * Any other argument not known is taken for the media or the callback it usually is (`video`), but
 * from position `optionsFrom` on, where no media is taken, for options whatever its name (not a
 * function, nor a name the file does not declare or named like a model name): ml5 1.x `faceMesh(o)`, `bodyPose('MoveNet',
 * getOptions())`; ml5 0.x `poseNet(video, cfg.posenet)`.
 */
function unseenOptions(sc: JsSourceCode, call: TSESTree.CallExpression, optionsFrom = Infinity): boolean {
  if (sc.hasUnresolvedArguments(call)) return true;
  return call.arguments.some((arg, i) => {
    if (sc.objectLiteral(arg) || isFunction(sc, arg) || sc.constant(arg) !== UNKNOWN) return false;
    const n = unwrapExpression(arg);
    // (a name the file does not declare, `gotModel`, is a global: the callback of a sketch it usually
    // is; one named like a model name, `name`, `modelName`, is taken for the model name)
    if (i >= optionsFrom) return n.type !== 'Identifier' || (sc.binding(n) !== undefined && !/name$/i.test(n.name));
    const name = n.type === 'Identifier' ? n.name : n.type === 'MemberExpression' ? staticKey(n) : undefined;
    return name !== undefined && OPTIONS_NAME.test(name);
  });
}

/**
 * The loads of a call, and the built-in model it downloads when `builtin` names one (not when its
 * options cannot be seen: see `unseenOptions`, with `optionsFrom`).
 */
function withBuiltin(sc: JsSourceCode, call: TSESTree.CallExpression, loads: Ml5Load[], builtin: string | undefined, optionsFrom?: number): Ml5Load[] {
  return builtin === undefined || unseenOptions(sc, call, optionsFrom) ? loads : [...loads, { builtin }];
}

/**
 * ml5 1.x loaders that take no media (`(modelName?, options?, callback?)`): an argument not known that
 * is no function is options (or the model name), whatever its name.
 */
const NO_MEDIA = 0;
/** ml5 0.x `poseNet(video?, …)`: an argument not known after the first, no function, is options. */
const AFTER_MEDIA = 1;

/** ml5 0.x `faceApi`'s model URL options, by `withTinyNet` (the default) or not. */
const FACE_API_MODELS = {
  tiny: ['TinyFaceDetectorModel', 'FaceLandmark68TinyNet', 'FaceRecognitionModel'],
  full: ['Mobilenetv1Model', 'FaceLandmarkModel', 'FaceRecognitionModel'],
} as const;

/**
 * ml5 0.x `ml5.faceApi(video, options)`: the URL options of the models it loads (face-api.js's
 * detector, landmark and recognition models: the tiny ones unless `withTinyNet: false`), and its
 * built-in models (ml5's, on GitHub) when one of them is not given.
 */
function faceApiLoads(sc: JsSourceCode, call: TSESTree.CallExpression): Ml5Load[] {
  const tiny = sc.argument(call, { name: 'withTinyNet' });
  const value = tiny ? sc.constant(tiny) : true;
  const sets = value === UNKNOWN ? [FACE_API_MODELS.tiny, FACE_API_MODELS.full] : [value === false ? FACE_API_MODELS.full : FACE_API_MODELS.tiny];
  const names = [...new Set(sets.flat())];
  const loads = names.flatMap((name) => optionSources(sc, call, [name], sets.length > 1 && !sets.every((set) => (set as readonly string[]).includes(name))));
  const missing = sets.every((set) => set.some((name) => !sc.argument(call, { name })));
  return withBuiltin(sc, call, loads, missing ? 'FaceApi' : undefined);
}

/** ml5 0.x loaders handed the path or URL of a checkpoint (a folder with `manifest.json`, or a `.pict` file) first. */
const CHECKPOINT_LOADERS = new Set(['charRNN', 'pix2pix', 'styleTransfer']);

/**
 * The ml5.js loads of a model a call makes: `ml5.imageClassifier(modelNameOrUrl, …)`,
 * `ml5.soundClassifier(modelNameOrUrl, …)` (a built-in name or the URL of a `model.json`, a
 * Teachable Machine export's above all), `ml5.cartoon(url | { modelUrl })`, `load(pathOrDetails)` of a
 * network made by `ml5.neuralNetwork(…)`; ml5 0.x's `ml5.featureExtractor(name, { mobilenetURL,
 * graphModelURL })` and `load(path)` of its custom model (the extractor, or its `.classification()` /
 * `.regression()`), the `modelUrl` option of `ml5.objectDetector` / `ml5.YOLO` and of `ml5.poseNet`
 * (MobileNetV1, its default architecture, only), the checkpoints of `ml5.charRNN(path)`,
 * `ml5.pix2pix(path)`, `ml5.styleTransfer(path)` and `ml5.sketchRNN(url)` (a `.json` URL; any other
 * string names a built-in sketch), `ml5.sentiment(nameOrUrl)`, `ml5.uNet({ modelPath })`, the model
 * options of `ml5.faceApi`; ml5 1.x's `ml5.bodyPose` (`modelUrl` for MoveNet, the runtime's options
 * for BlazePose), `ml5.handPose` and `ml5.faceMesh` (the runtime's options: see `runtimeModelUrls`),
 * `ml5.bodySegmentation` (`modelURL`, uncertain).
 * A built-in model the call downloads (by name, or by default when no option gives its URL) is listed
 * too, last, as `builtin` (not when options the call may take cannot be seen: see `unseenOptions`).
 * `undefined` for any other call, and for a call whose model argument is missing or cannot be read.
 */
export function ml5Loads(sc: JsSourceCode, call: TSESTree.CallExpression): Ml5Load[] | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type === 'MemberExpression' && staticKey(callee) === 'load' && !ml5Function(sc, callee)) {
    if (holds(sc, callee.object, isNeuralNetworkCreation)) {
      const source = neuralNetworkLoadSource(sc, call);
      return source ? [{ source }] : undefined;
    }
    // (a string path is fetched with `tf.loadLayersModel`; the `FileList` of an `<input>` is local)
    if (holds(sc, callee.object, isFeatureExtractor)) {
      const source = sc.argument(call, { position: 0 });
      return source ? [{ source }] : undefined;
    }
    return undefined;
  }
  const fn = ml5Function(sc, callee);
  if (!fn) return undefined;
  const arg = sc.argument(call, { position: 0 });
  const absent = (name: string, position?: number) => !sc.argument(call, position === undefined ? { name } : { name, position });
  switch (fn) {
    case 'cartoon': {
      // a string is the model URL, as is an option `modelUrl`; without one, ml5 0.x loads its default
      if (!arg) return call.arguments.length === 0 ? [{ builtin: CARTOON_DEFAULT }] : undefined;
      if (isFunction(sc, arg)) return [{ builtin: CARTOON_DEFAULT }];
      const options = sc.objectLiteral(arg);
      if (!options) return [{ source: arg }];
      const source = sc.property(options, 'modelUrl');
      if (source) return [{ source }];
      return options.properties.some((p) => p.type === 'SpreadElement') ? undefined : [{ builtin: CARTOON_DEFAULT }];
    }
    case 'featureExtractor':
      // (its options are the second argument; MobileNet's layers model and graph model, each
      // downloaded from Google by default)
      return withBuiltin(sc, call, optionSources(sc, call, ['mobilenetURL', 'graphModelURL'], false, 1), absent('mobilenetURL', 1) || absent('graphModelURL', 1) ? 'MobileNet' : undefined);
    case 'objectDetector': {
      // (a URL as the model name is not fetched: any name but `yolo` is COCO-SSD's default; ml5
      // refuses a call with no name)
      const name = modelNameArgument(sc, call);
      const model = name === 'yolo' ? 'YOLO' : name === null ? 'COCO-SSD or YOLO' : name === undefined ? undefined : 'COCO-SSD';
      return withBuiltin(sc, call, optionSources(sc, call, ['modelUrl'], false), absent('modelUrl') ? model : undefined);
    }
    case 'YOLO':
      return withBuiltin(sc, call, optionSources(sc, call, ['modelUrl'], false), absent('modelUrl') ? 'YOLO' : undefined);
    case 'poseNet': {
      // (`modelUrl` is handed to PoseNet for its default MobileNetV1 architecture only)
      const architecture = lowerString(sc, sc.argument(call, { name: 'architecture' }));
      if (architecture !== undefined && architecture !== null && architecture !== 'mobilenetv1') return withBuiltin(sc, call, [], 'PoseNet', AFTER_MEDIA);
      return withBuiltin(sc, call, optionSources(sc, call, ['modelUrl'], architecture === null), absent('modelUrl') ? 'PoseNet' : undefined, AFTER_MEDIA);
    }
    case 'bodyPose': {
      // MoveNet (the default, and what any other name falls back to) or BlazePose
      const model = modelNameArgument(sc, call);
      const moveNet = absent('modelUrl');
      if (model === null) {
        const builtin = moveNet && runtimeDefault(sc, call) ? 'MoveNet or BlazePose' : undefined;
        return withBuiltin(sc, call, [...optionSources(sc, call, ['modelUrl'], true), ...runtimeModelUrls(sc, call, true)], builtin, NO_MEDIA);
      }
      if (model === 'blazepose') return withBuiltin(sc, call, runtimeModelUrls(sc, call, false), runtimeDefault(sc, call) ? 'BlazePose' : undefined, NO_MEDIA);
      return withBuiltin(sc, call, optionSources(sc, call, ['modelUrl'], false), moveNet ? 'MoveNet' : undefined, NO_MEDIA);
    }
    case 'handPose':
    case 'faceMesh':
      return withBuiltin(sc, call, runtimeModelUrls(sc, call, false), runtimeDefault(sc, call) ? (fn === 'handPose' ? 'HandPose' : 'FaceMesh') : undefined, NO_MEDIA);
    case 'sketchRNN': {
      // a `.json` URL, or the name of one of its built-in sketches (`'cat'`), downloaded from Google
      // storage; ml5 refuses any other string (a path or URL that is no `.json`)
      if (!arg) return undefined;
      const value = sc.constant(arg);
      if (typeof value !== 'string' || value.toLowerCase().endsWith('.json')) return [{ source: arg }];
      return /[/:.]/.test(value) ? [] : [{ builtin: `SketchRNN ${value}` }];
    }
    case 'sentiment': {
      // `movieReviews` (ml5 1.x's default too) from Google storage, or (ml5 0.x) a model's URL
      const value = arg ? sc.constant(arg) : undefined;
      if (!arg || isFunction(sc, arg) || (typeof value === 'string' && value.toLowerCase() === 'moviereviews')) return [{ builtin: 'MovieReviews' }];
      return [{ source: arg }];
    }
    case 'uNet':
      // (the model name, `'face'`, is the only one: its model is on GitHub unless `modelPath` says)
      return withBuiltin(sc, call, optionSources(sc, call, ['modelPath'], false), absent('modelPath') ? 'UNET' : undefined);
    case 'faceApi':
      return faceApiLoads(sc, call);
    case 'bodySegmentation': {
      // ml5 1.x: SelfieSegmentation (the default, and what any other name falls back to) or BodyPix,
      // from `@tensorflow-models/body-segmentation`'s defaults; ml5 hands the package its `modelURL`
      // option as it is spelled (the package reads `modelUrl`), so whether a URL given is used is
      // not known: judged at medium confidence
      const name = modelNameArgument(sc, call);
      const model = name === 'bodypix' ? 'BodyPix' : name === null ? 'SelfieSegmentation or BodyPix' : 'SelfieSegmentation';
      const urls = optionSources(sc, call, ['modelURL', 'modelUrl'], true);
      return withBuiltin(sc, call, urls, urls.length === 0 ? model : undefined, NO_MEDIA);
    }
    // ml5 0.x wrappers of `@tensorflow-models/*` packages whose `load()` takes no model URL
    case 'bodyPix':
      return withBuiltin(sc, call, [], 'BodyPix');
    case 'handpose':
      return withBuiltin(sc, call, [], 'Handpose');
    case 'facemesh':
      return withBuiltin(sc, call, [], 'Facemesh');
    default:
      break;
  }
  if (CHECKPOINT_LOADERS.has(fn)) return arg ? [{ source: arg }] : undefined;
  if (!arg) return undefined;
  const builtins = BUILTIN_MODELS[fn];
  if (!builtins) return undefined;
  const value = sc.constant(arg);
  if (typeof value === 'string') {
    const builtin = builtins.find((b) => b.toLowerCase() === value.toLowerCase());
    if (builtin) return [{ builtin }];
  }
  return [{ source: arg }];
}
