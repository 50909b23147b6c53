import { unwrapExpression, type JsNode, type JsSourceCode, type TSESTree } from '@oculum/lang-js';

/**
 * Module families. Specifiers are matched as npm names or as CDN URLs that contain them
 * (`https://cdn.jsdelivr.net/npm/@xenova/transformers@2.17.2`).
 */
const family = (name: string): RegExp => new RegExp(`(^|/)${name.replace(/[/]/g, '\\/')}(@[^/]*)?(/|$)`);

const TRANSFORMERS = [family('@huggingface/transformers'), family('@xenova/transformers')];
const ONNXRUNTIME = [family('onnxruntime-web'), family('onnxruntime-node'), family('onnxruntime-react-native'), family('onnxruntime-common')];
const TFJS = /(^|\/)@tensorflow\/tfjs(-[a-z-]+)?(@[^/]*)?(\/|$)/;
const HF_HUB = [family('@huggingface/hub')];

export const isTransformersModule = (m: string): boolean => TRANSFORMERS.some((r) => r.test(m));
export const isOnnxRuntimeModule = (m: string): boolean => ONNXRUNTIME.some((r) => r.test(m));
export const isTfjsModule = (m: string): boolean => TFJS.test(m);
export const isHfHubModule = (m: string): boolean => HF_HUB.some((r) => r.test(m));
/** kokoro-js, a text-to-speech wrapper of transformers.js (`npm:`, versioned and CDN specifiers, and files of the package: `…/kokoro-js@1.3.0/dist/kokoro-js.mjs`). */
export const isKokoroModule = (m: string): boolean => /(^|\/|npm:)kokoro-js(@[^/?#]*)?(\/[^?#]*)?$/.test(m);

/**
 * LangChain.js's `HuggingFaceTransformersEmbeddings` modules (npm, versioned, CDN and `npm:` specifiers),
 * by the option names their class reads the model id from: `@langchain/community/embeddings/huggingface_transformers`
 * reads `model`; the older `@langchain/community/embeddings/hf_transformers` (and `langchain/embeddings/hf_transformers`,
 * which re-exports it) reads `model`, then its older name `modelName`.
 */
const LANGCHAIN_HF_EMBEDDINGS: ReadonlyArray<[RegExp, readonly string[]]> = [
  [/(^|\/|npm:)@langchain\/community(@[^/]*)?\/embeddings\/huggingface_transformers(\.js)?$/, ['model']],
  [/(^|\/|npm:)@langchain\/community(@[^/]*)?\/embeddings\/hf_transformers(\.js)?$/, ['model', 'modelName']],
  [/(^|\/|npm:)(?<!@[^/]+\/)langchain(@[^/]*)?\/embeddings\/hf_transformers(\.js)?$/, ['model', 'modelName']],
];

/** The option names a LangChain.js `HuggingFaceTransformersEmbeddings` module reads the model id from, in order; `undefined` for other modules. */
export function langchainEmbeddingsModelOptions(m: string): readonly string[] | undefined {
  return LANGCHAIN_HF_EMBEDDINGS.find(([r]) => r.test(m))?.[1];
}

export const isLangChainHfEmbeddingsModule = (m: string): boolean => langchainEmbeddingsModelOptions(m) !== undefined;

export function importsAny(sc: JsSourceCode, test: (m: string) => boolean): boolean {
  for (const m of sc.imports.modules) if (test(m)) return true;
  return false;
}

/** Prefilter trigger for `importsModelLibrary`: every module it accepts has one of these in its specifier. */
export const MODEL_LIBRARY_TRIGGER = /transformers|onnxruntime|@tensorflow\/tfjs|@huggingface\/hub/;

/** Libraries whose presence says "this file works with models". */
export function importsModelLibrary(sc: JsSourceCode): boolean {
  return importsAny(sc, (m) => isTransformersModule(m) || isOnnxRuntimeModule(m) || isTfjsModule(m) || isHfHubModule(m));
}

/** The member path of a callee inside a module family, or `undefined`. */
export function memberIn(sc: JsSourceCode, expr: JsNode, test: (m: string) => boolean): string[] | undefined {
  const m = sc.importedMember(expr);
  return m && test(m.module) ? m.path : undefined;
}

/** `ort.InferenceSession.create` in any onnxruntime package, or the `ort` global of the script-tag build. */
export function isOnnxSessionCreate(sc: JsSourceCode, call: TSESTree.CallExpression): boolean {
  const path = memberIn(sc, call.callee, isOnnxRuntimeModule);
  if (path) return path.join('.') === 'InferenceSession.create';
  return sc.globalName(call.callee) === 'ort.InferenceSession.create';
}

/** How many `externalData` entries of one session are read. */
const MAX_EXTERNAL_DATA = 64;

/**
 * The URLs or paths of the external weights an `InferenceSession.create(model, options)` fetches:
 * onnxruntime's `options.externalData` entries, each a string (its path and its URL alike) or a
 * `{ path, data }` whose `data` is a string (a URL the web runtime fetches, a path the Node runtime
 * reads; bytes or a `Blob` otherwise). The options are the first argument after the model that is
 * an object literal (`create(buffer, byteOffset, byteLength, options)` too), also through a variable.
 */
export function onnxExternalDataSources(sc: JsSourceCode, call: TSESTree.CallExpression): JsNode[] {
  const options = call.arguments.slice(1, 4).map((a) => (a.type === 'SpreadElement' ? undefined : sc.objectLiteral(a))).find((o) => o !== undefined);
  const list = options ? sc.property(options, 'externalData') : undefined;
  const array = list ? sc.definingExpression(list) : undefined;
  if (array?.type !== 'ArrayExpression') return [];
  const sources: JsNode[] = [];
  for (const element of array.elements.slice(0, MAX_EXTERNAL_DATA)) {
    if (!element || element.type === 'SpreadElement') continue;
    const entry = sc.objectLiteral(element);
    const data = entry ? sc.property(entry, 'data') : element;
    if (data) sources.push(data);
  }
  return sources;
}

const TFJS_LOADERS = new Set(['loadLayersModel', 'loadGraphModel', 'loadGraphModelSync']);

/** `tf.loadLayersModel` / `tf.loadGraphModel(Sync)` from any TF.js package or the `tf` global. */
export function tfjsLoaderName(sc: JsSourceCode, call: TSESTree.CallExpression): string | undefined {
  const path = memberIn(sc, call.callee, isTfjsModule);
  if (path) return path.length === 1 && TFJS_LOADERS.has(path[0]) ? path[0] : undefined;
  const global = sc.globalName(call.callee);
  if (!global?.startsWith('tf.')) return undefined;
  const name = global.slice(3);
  return TFJS_LOADERS.has(name) ? name : undefined;
}

/** Teachable Machine's libraries: `@teachablemachine/image`, `@teachablemachine/pose`. */
const TEACHABLE_MACHINE = /^@teachablemachine\/(?:image|pose)$/;
/** The globals their script-tag builds define, by the loader they hold. */
const TEACHABLE_MACHINE_LOADS = new Set(['tmImage.load', 'tmPose.load']);
/** Prefilter trigger for the globals of `isTeachableMachineLoad` (the imports name `@teachablemachine/`). */
export const TEACHABLE_MACHINE_GLOBAL_TRIGGER = /\btm(?:Image|Pose)\b/;

/**
 * Teachable Machine's `tmImage.load(modelURL, metadataURL)` / `tmPose.load(…)`, imported or the global
 * of the script-tag build (`<script src=".../teachablemachine-image.min.js">`, no import): a
 * `tf.loadLayersModel(modelURL)` underneath. A local name `tmImage` bound to anything else is not it.
 */
export function isTeachableMachineLoad(sc: JsSourceCode, call: TSESTree.CallExpression): boolean {
  const m = sc.importedMember(call.callee);
  if (m) return TEACHABLE_MACHINE.test(m.module) && m.path.join('.') === 'load';
  return TEACHABLE_MACHINE_LOADS.has(sc.globalName(call.callee) ?? '');
}

/**
 * The file is an HTML page (or an Astro component) one of whose `<script src>` the browser runs
 * passes `test`: the page loads that library by script tag, so the global it defines is the
 * library's. False for any other file (see `JsSourceCode.scriptSources`).
 */
export function pageLoadsScript(sc: JsSourceCode, test: (src: string) => boolean): boolean {
  return sc.scriptSources?.some((s) => test(s.src)) ?? false;
}

/** The callee as written, shortened for messages (`ort.InferenceSession.create`). */
export function calleeText(sc: JsSourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): string {
  // Compiled CommonJS calls imports as `(0, hub_1.downloadFile)(...)`: name the function, not the sequence.
  // (whitespace dropped, but for one space between two words: `(await import('m')).pipeline`)
  const text = sc.getText(unwrapExpression(call.callee)).replace(/\s+/g, (space, at: number, all: string) => (/[\w$]/.test(all[at - 1] ?? '') && /[\w$]/.test(all[at + space.length] ?? '') ? ' ' : ''));
  const short = text.length > 60 ? `${text.slice(0, 59)}…` : text;
  return call.type === 'NewExpression' ? `new ${short}` : short;
}

/** A short, single-line rendering of a value for messages. */
export function shown(value: string, max = 80): string {
  const one = value.replace(/\s+/g, ' ');
  if (one.length <= max) return one;
  // a URL or path keeps its file name, the part that says what is fetched (`…/resolve/main/model.onnx`):
  // the cut falls before it
  const tail = /\/[^\s/]+$/.exec(one)?.[0];
  if (tail && tail.length <= Math.floor(max / 2)) return `${one.slice(0, max - 1 - tail.length)}…${tail}`;
  return `${one.slice(0, max - 1)}…`;
}

/** A known string value for messages, in quotes: `"https://cdn.example.com/m.onnx"`. */
export function quoted(value: string, max = 80): string {
  return `"${shown(value, max)}"`;
}

/** Known values for messages, in quotes and joined with "or" (`"org/a" or "org/b"`; at most three, then "…"). */
export function quotedValues(values: readonly string[], max = 80): string {
  const shownValues = values.slice(0, 3).map((v) => quoted(v, max));
  return values.length > 3 ? `${shownValues.join(', ')} or …` : shownValues.join(' or ');
}

/**
 * Source text that the analysis could not resolve, for messages, as code in backticks:
 * `` `modelUrl` ``, `` `process.env.PUBLIC_URL + "/m.onnx"` ``; a template literal keeps its own.
 */
export function asCode(text: string, max = 40): string {
  const one = shown(text, max);
  if (!one.startsWith('`')) return `\`${one}\``;
  return one.length > 1 && one.endsWith('`') ? one : `${one}\``;
}
