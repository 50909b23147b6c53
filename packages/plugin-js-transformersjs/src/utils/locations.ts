import { isLoopbackHost, type ConstantValue } from '@oculum/core';
import type { JsNode, JsSourceCode, TSESTree } from '@oculum/lang-js';
import { staticKey, unwrapExpression } from '@oculum/lang-js';
import { isHfHubModule } from './libraries.js';

type KnownValues = NonNullable<ReturnType<JsSourceCode['knownValues']>>;

/**
 * Where a model comes from, as far as the code says:
 * - `local`: a path or same-origin/relative URL, a local scheme (`file:`, `indexeddb://`…), loopback;
 * - `remote`: an absolute URL to another host (`http` tells plain HTTP);
 * - `hub`: a Hugging Face Hub id (`owner/name`), only where ids are accepted;
 * - `unknown`: not statically known.
 */
export interface ModelLocation {
  kind: 'local' | 'remote' | 'hub' | 'unknown';
  /** The full value when known. */
  value?: string;
  http?: boolean;
  host?: string;
  /** Only a prefix of the value is known (`` `https://${host}/m.onnx` ``). */
  partial?: boolean;
  /**
   * The value is known, but one the analysis cannot see may replace it: the default of
   * `process.env.MODEL || 'org/name'` (also `??`), a field of an exported class another module may
   * assign (see `knownValues` in lang-js). Set on `hub` and `remote` locations only.
   */
  overridable?: boolean;
  /** With `overridable`: every known value (`value` is set when there is one). */
  values?: string[];
  /**
   * With `unknown`: the analysis gave up on the value at its depth bound (a `?:` chain or a chain of
   * helpers more than 32 deep) — it may be remote; a rule reports it at low confidence rather than
   * dropping it (DETECTION: never silently drop).
   */
  cut?: boolean;
}

const LOCAL_SCHEMES = new Set(['file', 'indexeddb', 'localstorage', 'downloads', 'blob', 'data']);
const HUB_HOSTS = /(^|\.)(huggingface\.co|hf\.co)$/i;

/**
 * This machine (`isLoopbackHost` of `@oculum/core`), and `10.0.2.2`, the Android emulator's alias of
 * the host's loopback (the Metro dev server of a React Native app run in the emulator).
 */
export function isLoopback(host: string): boolean {
  return isLoopbackHost(host) || host === '10.0.2.2';
}

export function isHubHost(host: string): boolean {
  return HUB_HOSTS.test(host);
}

/** Host of an absolute `scheme://host...` string ('' when not parseable). */
export function hostOf(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(\[[^\]]*\]|[^/:?#@]*@?[^/:?#]*)/i.exec(url) ?? /^\/\/([^/:?#]*)/.exec(url);
  if (!m) return '';
  const host = m[1];
  return host.includes('@') ? host.slice(host.lastIndexOf('@') + 1) : host;
}

export const MODEL_EXTENSION_NAMES = [
  'onnx', 'ort', 'onnx_data', 'bin', 'safetensors', 'pt', 'pth', 'ckpt', 'gguf', 'ggml', 'tflite', 'h5', 'hdf5', 'keras', 'pb', 'pkl',
  'pickle', 'joblib', 'mlmodel', 'msgpack', 'npz', 'npy', 'caffemodel', 'params',
  // MediaPipe Tasks / LiteRT bundles (`hand_landmarker.task`, `gemma3-1b-it-int4.litertlm`)
  'task', 'litertlm',
];
const MODEL_EXTENSIONS = new RegExp(`\\.(${MODEL_EXTENSION_NAMES.join('|')})$`, 'i');

/**
 * Prefilter triggers for `looksLikeModelFile`: the text a string it accepts is built from. An extension
 * after a dot or opening a string of its own (`'model.' + 'onnx'`, `ext = 'pt'`), `model.json`, a Hub
 * `/resolve` path, `tfhub.dev`. A file with none of them has no string the rules take for a model file.
 */
export const MODEL_FILE_TRIGGERS: RegExp[] = [
  new RegExp(`[.'"\`](?:${MODEL_EXTENSION_NAMES.join('|')})\\b`, 'i'),
  /model\.json/i,
  /\/resolve\b/,
  /tfhub\.dev/i,
];

/** Prefilter trigger for `isHubHost`. */
export const HUB_HOST_TRIGGER = /huggingface\.co|hf\.co/i;

/** Extensions of files that are evidently no model: configurations, vocabularies, documents, images. */
const NO_MODEL_EXTENSIONS = /\.(?:json|txt|md|py|ya?ml|jinja|html?|csv|tsv|png|jpe?g|gif|svg)$/i;

/**
 * True when the known end of a URL or path (`value`, or the known suffix of one built from parts)
 * names, in full, a file that is evidently no model (`…/config.json`, `` `${base}/vocab.txt` ``): the
 * whole last segment is known and has such an extension, and it is not a TF.js `model.json`.
 * `.json` alone (`` `${name}.json` ``) names no file in full.
 */
export function namesNoModelFile(end: string, whole: boolean): boolean {
  const path = end.replace(/[?#].*$/, '');
  if (!whole && !path.includes('/')) return false;
  return NO_MODEL_EXTENSIONS.test(path) && !looksLikeModelFile(path);
}

/** True when a URL or path names a model or weights file (or a TF.js `model.json`, or a Hub `resolve` URL). */
export function looksLikeModelFile(value: string): boolean {
  const path = value.replace(/[?#].*$/, '');
  if (MODEL_EXTENSIONS.test(path)) return true;
  if (/(^|\/)model\.json$/i.test(path)) return true;
  const host = hostOf(value);
  // a Hub `resolve` URL, unless it names a file that is evidently no model (`config.json`, `README.md`)
  if (host && isHubHost(host) && /\/resolve\//.test(path)) return !NO_MODEL_EXTENSIONS.test(path);
  if (host && /(^|\.)tfhub\.dev$/i.test(host)) return true;
  return false;
}

/** Classifies a string that names a model or model URL. `hubIds` accepts `owner/name` as a Hub id. */
export function classifyString(raw: string, hubIds: boolean): Omit<ModelLocation, 'value'> {
  const s = raw.trim();
  if (/^[a-z]:[\\/]/i.test(s)) return { kind: 'local' };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(s);
  if (scheme) {
    const name = scheme[1].toLowerCase();
    if (LOCAL_SCHEMES.has(name)) return { kind: 'local' };
    if (name === 'http' || name === 'https') {
      const host = hostOf(s);
      if (host && isLoopback(host)) return { kind: 'local' };
      return { kind: 'remote', http: name === 'http', host: host || undefined };
    }
    return { kind: 'remote', http: false, host: hostOf(s) || undefined };
  }
  if (s.startsWith('//')) {
    const host = hostOf(s);
    return host && isLoopback(host) ? { kind: 'local' } : { kind: 'remote', http: false, host: host || undefined };
  }
  if (/^(\.{1,2}[\\/]|[\\/]|~[\\/])/.test(s) || s === '.' || s === '..') return { kind: 'local' };
  if (hubIds) return /^[\w.-]+(\/[\w.-]+)?$/.test(s) ? { kind: 'hub' } : { kind: 'local' };
  return { kind: 'local' };
}

function calleeMember(sc: JsSourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const m = sc.importedMember(call.callee);
  if (m) return `${m.module}:${m.path.join('.')}`;
  const g = sc.globalName(call.callee);
  return g ? `global:${g}` : undefined;
}

/** Calls whose result is a local filesystem path. */
const LOCAL_PATH_CALLS = new Set([
  'path:join', 'path:resolve', 'path:normalize', 'path:dirname', 'path/posix:join', 'path/win32:join',
  'url:fileURLToPath', 'os:homedir', 'os:tmpdir', 'global:process.cwd', 'global:require.resolve',
]);
const LOCAL_ROOTS = new Set(['__dirname', '__filename']);
/**
 * WebExtension calls that return the URL of a file packaged with the extension itself
 * (`chrome-extension://<id>/models/m.onnx`): `chrome.runtime.getURL(path)`, `browser.runtime.getURL`,
 * the older `extension.getURL`, also through `webextension-polyfill` and WXT's `browser`; and
 * Capacitor's `Capacitor.convertFileSrc(path)`, a device file served by the app's own web view.
 */
const EXTENSION_URL_CALLS = new Set([
  'global:chrome.runtime.getURL', 'global:browser.runtime.getURL', 'global:chrome.extension.getURL', 'global:browser.extension.getURL',
  'webextension-polyfill:runtime.getURL', 'webextension-polyfill:extension.getURL',
  'wxt/browser:browser.runtime.getURL', 'wxt/browser:browser.extension.getURL',
  // Capacitor's `convertFileSrc(path)`: a file on the device as a URL the web view serves itself
  // (`capacitor://localhost/_capacitor_file_/…`); an `http(s)` URL is returned unchanged
  '@capacitor/core:Capacitor.convertFileSrc', 'global:Capacitor.convertFileSrc',
]);
/** `@huggingface/hub` downloads that return the path of the files they put in the local cache. */
const HUB_CACHE_PATH_CALLS = new Set(['snapshotDownload', 'downloadFileToCacheDir']);
/** How many variables and `await`s deep `classifyLocation` follows a value. */
const MAX_LOCATION_DEPTH = 8;
/** Globals that hold the page's own URL (`window.`, `self.`, `globalThis.` dropped): anything resolved against them stays on its origin. */
const PAGE_URLS = new Set(['location.href', 'document.location.href', 'document.baseURI', 'document.URL', 'location.origin', 'document.location.origin']);
const PAGE_ORIGINS = new Set(['location.origin', 'document.location.origin']);

/**
 * The arguments a call makes its URL of: the path of an extension's `getURL(path)` (an absolute URL
 * stays what it is), the URL and the base of `new URL(url, base)`. Empty for any other call.
 */
export function urlCallArguments(sc: JsSourceCode, node: JsNode): JsNode[] {
  if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return [];
  const member = calleeMember(sc, node);
  const count = node.type === 'CallExpression' && member && EXTENSION_URL_CALLS.has(member) ? 1 : node.type === 'NewExpression' && member === 'global:URL' ? 2 : 0;
  return node.arguments.slice(0, count).filter((a): a is Exclude<typeof a, TSESTree.SpreadElement> => a.type !== 'SpreadElement');
}

/**
 * The page's (or worker's) own URL, or the module's (`import.meta.url`): `'origin'` for
 * `location.origin` (a path must follow for the result to stay on it), `'url'` for a full URL.
 */
function pageBase(sc: JsSourceCode, expr: JsNode): 'origin' | 'url' | undefined {
  const node = unwrapExpression(expr);
  if (node.type === 'MemberExpression' && node.object.type === 'MetaProperty' && node.object.meta.name === 'import' && staticKey(node) === 'url') return 'url';
  if (node.type !== 'MemberExpression') return undefined;
  const name = sc.globalName(node);
  if (!name || !PAGE_URLS.has(name)) return undefined;
  return PAGE_ORIGINS.has(name) ? 'origin' : 'url';
}

/**
 * A string built on the page's own origin: `location.origin + '/models/m.onnx'`,
 * `` `${self.location.origin}/models/${name}` ``, `location.href + 'm.onnx'`, also through a
 * variable. After `location.origin` the next character must be known and start a path, query or
 * fragment (`location.origin + host` could name another host).
 */
function onPageOrigin(sc: JsSourceCode, expr: JsNode, depth = 0): boolean {
  const start = pageStart(sc, expr, depth);
  return start !== undefined && (start.base === 'url' || (start.rest !== undefined && /^(?:$|[/?#])/.test(start.rest)));
}

/** `base` begins the string; `rest`: the known text right after it (`''` when nothing follows, `undefined` when an unknown value does). */
function pageStart(sc: JsSourceCode, expr: JsNode, depth: number): { base: 'origin' | 'url'; rest: string | undefined } | undefined {
  if (depth > MAX_LOCATION_DEPTH) return undefined;
  const base = pageBase(sc, expr);
  if (base) return { base, rest: '' };
  const node = unwrapExpression(expr);
  if (node.type === 'Identifier') {
    const def = sc.definingExpression(node);
    return def && def !== node ? pageStart(sc, def, depth + 1) : undefined;
  }
  const then = (first: { base: 'origin' | 'url'; rest: string | undefined }, next: () => string | undefined) => (first.rest === '' ? { base: first.base, rest: next() } : first);
  /** The known start of what follows (`undefined` when it starts with an unknown value). */
  const known = (e: JsNode): string | undefined => {
    const b = sc.stringBounds(e);
    return b.value ?? (b.prefix !== '' ? b.prefix : undefined);
  };
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    const first = pageStart(sc, node.left, depth + 1);
    const right = node.right;
    return first ? then(first, () => known(right)) : undefined;
  }
  if (node.type === 'TemplateLiteral' && node.expressions.length > 0 && (node.quasis[0].value.cooked ?? '') === '') {
    const first = pageStart(sc, node.expressions[0], depth + 1);
    const tail = node.quasis[1].value.cooked ?? '';
    return first ? then(first, () => (tail !== '' || node.expressions.length === 1 ? tail : known(node.expressions[1]))) : undefined;
  }
  return undefined;
}

/** Modules that export Expo's `Asset` (`expo` itself in SDKs before 33). */
const EXPO_ASSET_MODULES = new Set(['expo-asset', 'expo']);
/** `expo-file-system` (and its `legacy` entry, and `expo`'s old `FileSystem` export): directories on the device, as `file://` URIs. */
const EXPO_FILE_SYSTEM_MODULES = new Set(['expo-file-system', 'expo-file-system/legacy', 'expo-file-system/next']);
const EXPO_DIRECTORIES = new Set(['documentDirectory', 'cacheDirectory', 'bundleDirectory']);

/**
 * Where an `expo-asset` asset's bytes come from: `bundled`, a file of the app itself (a module
 * reference: `require('./m.onnx')`, an imported asset file, a module id — Metro packs it with the
 * app, and its `uri` is the embedded file, the app's own update server, or the development server on
 * the developer's machine); `url`, a URI the app names (`Asset.fromURI(url)`, or a string given to
 * `fromModule` / `loadAsync` / `useAssets`, which expo-asset reads as `fromURI`): downloaded from there.
 */
type AssetSource = { kind: 'bundled' } | { kind: 'url'; url: JsNode };

/**
 * What an `expo-asset` value is: `assets` (the array `Asset.loadAsync(...)` resolves to), `asset`
 * (`Asset.fromModule(...)`, `Asset.fromURI(...)`, an element of `assets`, the result of
 * `asset.downloadAsync()`), `hook` (the `[assets, error]` pair of `useAssets(...)`), `localUri` (an
 * asset's `localUri`: a `file://` URI on the device, the asset downloaded into the app's cache first)
 * or `uri` (an asset's `uri`); with where the asset comes from, when known.
 */
interface ExpoValue {
  /** (also `download`: what expo-file-system's `downloadAsync(url, fileUri)` (or `File.downloadFileAsync(url, destination)`) resolves to, whose `uri` is the file it saved on the device; `resumable`: a `createDownloadResumable(...)`, whose `downloadAsync()` resolves to the same) */
  kind: 'assets' | 'asset' | 'hook' | 'localUri' | 'uri' | 'download' | 'resumable';
  source?: AssetSource;
}

function expoStep(value: ExpoValue | undefined, key: string | number | undefined): ExpoValue | undefined {
  if (!value) return undefined;
  const { kind, source } = value;
  if (kind === 'hook') return key === 0 || key === '0' ? { kind: 'assets', source } : undefined;
  if (kind === 'assets') return key === undefined || /^\d+$/.test(String(key)) ? { kind: 'asset', source } : undefined;
  if (kind === 'asset') return key === 'localUri' || key === 'uri' ? { kind: key, source } : undefined;
  // the file a download saved on the device (the download itself is `unverified-model-download`'s)
  if (kind === 'download') return key === 'uri' ? { kind: 'localUri' } : undefined;
  return undefined;
}

/** Where the module argument of `Asset.fromModule` / `loadAsync` / `useAssets` points (see `AssetSource`). */
function assetSource(sc: JsSourceCode, expr: JsNode, depth = 0): AssetSource | undefined {
  if (depth > MAX_LOCATION_DEPTH) return undefined;
  const node = unwrapExpression(expr);
  if (node.type === 'ArrayExpression') {
    // every element bundled (a URL among them is one of the assets: not known which one is read)
    const sources = node.elements.map((e) => (e && e.type !== 'SpreadElement' ? assetSource(sc, e, depth + 1) : undefined));
    if (sources.length > 0 && sources.every((s) => s?.kind === 'bundled')) return { kind: 'bundled' };
    return sources.length === 1 ? sources[0] : undefined;
  }
  // a module id
  if (node.type === 'Literal' && typeof node.value === 'number') return { kind: 'bundled' };
  // `require('./assets/model.onnx')`: Metro packs the file with the app
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && !sc.binding(node.callee) && node.arguments.length === 1) {
    return typeof sc.constant(node.arguments[0] as JsNode) === 'string' ? { kind: 'bundled' } : undefined;
  }
  if (node.type === 'Identifier') {
    // `import model from './assets/model.onnx'` (an asset file of the app, not a package)
    const m = sc.importedMember(node);
    if (m && m.path.length === 0 && /^\.{1,2}\//.test(m.module) && /\.[a-z0-9]+$/i.test(m.module) && !/\.(m|c)?[jt]sx?$/i.test(m.module)) return { kind: 'bundled' };
    const def = sc.definingExpression(node);
    if (def && def !== node) return assetSource(sc, def, depth + 1);
  }
  // a string: a URI, downloaded from there
  if (typeof sc.constant(node) === 'string' || sc.stringBounds(node).prefix !== '') return { kind: 'url', url: node };
  return undefined;
}

function expoValue(sc: JsSourceCode, expr: JsNode, depth = 0): ExpoValue | undefined {
  if (depth > MAX_LOCATION_DEPTH) return undefined;
  const node = unwrapExpression(expr);
  if (node.type === 'AwaitExpression') return expoValue(sc, node.argument, depth + 1);
  if (node.type === 'CallExpression') {
    const m = sc.importedMember(node.callee);
    // expo-file-system's `downloadAsync(url, fileUri)` (and `createDownloadResumable(url, fileUri)`): a file saved on the device
    if (m) {
      const path = m.module === 'expo' && m.path[0] === 'FileSystem' ? m.path.slice(1) : EXPO_FILE_SYSTEM_MODULES.has(m.module) ? m.path : undefined;
      if (path?.length === 1 && path[0] === 'downloadAsync') return { kind: 'download' };
      if (path?.length === 1 && path[0] === 'createDownloadResumable') return { kind: 'resumable' };
      // the new API's `File.downloadFileAsync(url, destination)` resolves to the `File` it saved (SDK 54; `expo-file-system/next` before)
      if (m.module !== 'expo-file-system/legacy' && path?.join('.') === 'File.downloadFileAsync') return { kind: 'download' };
    }
    // React Native's `Image.resolveAssetSource(require('./m.onnx'))`: the asset's source, whose `uri` is the bundled file
    if (m?.module === 'react-native' && m.path.join('.') === 'Image.resolveAssetSource') {
      const arg = node.arguments[0] && node.arguments[0].type !== 'SpreadElement' ? assetSource(sc, node.arguments[0] as JsNode) : undefined;
      return arg?.kind === 'bundled' ? { kind: 'asset', source: arg } : undefined;
    }
    if (m && EXPO_ASSET_MODULES.has(m.module)) {
      const name = m.path.join('.');
      const arg = node.arguments[0] && node.arguments[0].type !== 'SpreadElement' ? (node.arguments[0] as JsNode) : undefined;
      if (name === 'Asset.fromURI') return { kind: 'asset', source: arg ? { kind: 'url', url: arg } : undefined };
      const source = arg ? assetSource(sc, arg) : undefined;
      if (name === 'Asset.loadAsync') return { kind: 'assets', source };
      if (name === 'Asset.fromModule') return { kind: 'asset', source };
      if (name === 'useAssets' && m.module === 'expo-asset') return { kind: 'hook', source };
      return undefined;
    }
    // `asset.downloadAsync()` resolves to the asset itself; `resumable.downloadAsync()` to the download
    const callee = unwrapExpression(node.callee);
    if (callee.type === 'MemberExpression' && staticKey(callee) === 'downloadAsync') {
      const asset = expoValue(sc, callee.object, depth + 1);
      return asset?.kind === 'asset' ? asset : asset?.kind === 'resumable' ? { kind: 'download' } : undefined;
    }
    return undefined;
  }
  if (node.type === 'MemberExpression') {
    const key = staticKey(node) ?? (node.computed ? constantKey(sc, node.property) : undefined);
    return expoStep(expoValue(sc, node.object, depth + 1), key);
  }
  if (node.type === 'Identifier') {
    // `const assets = await Asset.loadAsync(...)`, `const [asset] = …`, `const [{ localUri }] = …`
    const b = sc.binding(node);
    // the first parameter of a `.then` callback on such a promise holds what an `await` of it does
    // (`Asset.loadAsync(require(…)).then(([a]) => …a.localUri)`, `downloadAsync(url, file).then(({ uri }) => …)`)
    if (b?.kind === 'param' && b.paramIndex === 0 && b.writes === 0 && b.path) {
      let value = thenCallbackValue(sc, b.declaration, depth);
      for (const seg of b.path) value = expoStep(value, seg);
      return value;
    }
    if (!b || !b.init || !b.path || b.writes > 0 || b.inits > 1 || (b.kind !== 'const' && b.kind !== 'let' && b.kind !== 'var')) return undefined;
    let value = expoValue(sc, b.init, depth + 1);
    for (const seg of b.path) value = expoStep(value, seg);
    return value;
  }
  return undefined;
}

/**
 * What the promise a `.then(fn)` (or `.then(fn, onRejected)`) is called on resolves to, for the
 * callback `fn`, when it is an expo-asset or expo-file-system promise (`assets`, `asset`, `download`).
 */
function thenCallbackValue(sc: JsSourceCode, fn: JsNode, depth: number): ExpoValue | undefined {
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression') return undefined;
  const call = sc.parent(fn);
  if (call?.type !== 'CallExpression' || call.arguments[0] !== fn) return undefined;
  const callee = unwrapExpression(call.callee);
  if (callee.type !== 'MemberExpression' || staticKey(callee) !== 'then') return undefined;
  const value = expoValue(sc, callee.object, depth + 1);
  return value && (value.kind === 'assets' || value.kind === 'asset' || value.kind === 'download') ? value : undefined;
}

function constantKey(sc: JsSourceCode, expr: JsNode): string | number | undefined {
  const v = sc.constant(expr);
  return typeof v === 'string' || typeof v === 'number' ? v : undefined;
}

/**
 * Where an `expo-asset` URI points, or an `expo-file-system` directory: a file of the app (`uri` or
 * `localUri` of a bundled asset), a file on the device (`localUri` of an asset from anywhere else: it
 * was downloaded into the app's cache; a directory), or the URL an asset was made from (`uri` and
 * `localUri` of `Asset.fromURI(url)`: the bytes come from there). Undefined for anything else, and
 * for the `uri` of an asset whose source is not known.
 */
function expoLocation(sc: JsSourceCode, expr: JsNode, depth: number): ModelLocation | undefined {
  const m = sc.importedMember(expr);
  if (m) {
    const path = m.module === 'expo' && m.path[0] === 'FileSystem' ? m.path.slice(1) : EXPO_FILE_SYSTEM_MODULES.has(m.module) ? m.path : undefined;
    if (path?.length === 1 && EXPO_DIRECTORIES.has(path[0])) return { kind: 'local' };
  }
  const value = expoValue(sc, expr);
  if (!value || (value.kind !== 'localUri' && value.kind !== 'uri')) return undefined;
  if (value.source?.kind === 'url') {
    const from = classifyLocation(sc, value.source.url, {}, depth + 1);
    return from.kind === 'unknown' ? undefined : from;
  }
  if (value.source?.kind === 'bundled' || value.kind === 'localUri') return { kind: 'local' };
  return undefined;
}

/** A file on a React Native (Expo) device or of the app (see `expoLocation`). */
function expoLocalFile(sc: JsSourceCode, expr: JsNode, depth: number): boolean {
  return expoLocation(sc, expr, depth)?.kind === 'local';
}

/**
 * The value starts with what `test` accepts: the expression itself, the first operand of a `+`
 * chain, the first substitution of a template literal with nothing before it, through variables
 * (`FileSystem.documentDirectory + 'model.onnx'`, `` `${FileSystem.cacheDirectory}models/m.onnx` ``).
 */
function startsWith(sc: JsSourceCode, expr: JsNode, test: (n: JsNode) => boolean, depth = 0): boolean {
  if (depth > MAX_LOCATION_DEPTH) return false;
  if (test(expr)) return true;
  const node = unwrapExpression(expr);
  if (node.type === 'BinaryExpression' && node.operator === '+') return startsWith(sc, node.left, test, depth + 1);
  if (node.type === 'TemplateLiteral' && node.expressions.length > 0 && (node.quasis[0].value.cooked ?? '') === '') return startsWith(sc, node.expressions[0], test, depth + 1);
  if (node.type === 'Identifier') {
    const def = sc.definingExpression(node);
    return def !== undefined && def !== node && startsWith(sc, def, test, depth + 1);
  }
  return false;
}

/**
 * A parameter whose default is local (`export async function fetchModel(url = LOCAL_URL)`) that the
 * file's own calls give a remote URL or a Hub id (`fetchModel("https://…/model.onnx")`): `constant`
 * reads the default, `knownValues` what the calls pass too (lang-js). Where the value may go: the
 * values passed, which are not local, with `overridable` (the default, or what other calls pass, is
 * not that value) — unless every value the parameter may take is known and points the same way (a
 * function of the file whose every call passes a remote URL: as known as a constant). Undefined
 * when no call of the file passes anything but local values: a local default alone stays local
 * (another module may pass anything to an exported function, but what it passes is not known).
 */
function passedOverLocalDefault(sc: JsSourceCode, expr: JsNode, value: string, known: KnownValues | undefined, hubIds: boolean): ModelLocation | undefined {
  if (!known || !known.values.every((v): v is string => typeof v === 'string')) return undefined;
  const passed = (known.values as string[]).filter((v) => v !== value && classifyString(v, hubIds).kind !== 'local');
  if (passed.length === 0) return undefined;
  if (!known.others && passed.length === known.values.length) return knownChoices(sc, expr, hubIds);
  const kinds = passed.map((v) => classifyString(v, hubIds));
  const kind = kinds[0].kind;
  if ((kind !== 'remote' && kind !== 'hub') || kinds.some((k) => k.kind !== kind)) return undefined;
  const hosts = new Set(kinds.map((k) => k.host));
  return {
    kind,
    value: passed.length === 1 ? passed[0] : undefined,
    values: passed,
    http: kind === 'remote' ? kinds.every((k) => k.http) : undefined,
    host: hosts.size === 1 ? kinds[0].host : undefined,
    overridable: true,
  };
}

/**
 * The known start of a URL makes it relative whatever follows: it cannot begin a scheme (a letter,
 * then letters, digits, `+`, `-` or `.` up to a `:`) nor a host (`//`, or `\\`, which URL parsers
 * read as `//`). `models/` and `` `models/${name}.onnx` `` are relative; `http` (`` `http${s}://…` ``)
 * and `/` (`'/' + rest` may be `//host`) are not decided.
 */
export function relativeStart(prefix: string): boolean {
  // URL parsers drop leading spaces and controls, and tabs and line breaks anywhere
  const s = prefix.replace(/^[\u0000-\u0020]+/, '');
  if (s === '' || /[\t\n\r]/.test(s)) return false;
  const scheme = /^[a-z][a-z0-9+.-]*/i.exec(s);
  if (scheme) return scheme[0].length < s.length && s[scheme[0].length] !== ':';
  return !/^[\\/]/.test(s);
}

/** Where the value of `expr` points (`depth`: how many values deep the question already is). */
export function classifyLocation(sc: JsSourceCode, expr: JsNode, options: { hubIds?: boolean; branches?: boolean } = {}, depth = 0): ModelLocation {
  const hubIds = options.hubIds ?? false;
  const value = sc.constant(expr);
  if (typeof value === 'string') {
    const c = classifyString(value, hubIds);
    // a field of an exported class, a parameter's default: another module may assign it, or a caller
    // pass another value; the values of the same kind the file's own calls pass are listed after it
    // (`createEmbedder("org/other")` of `export function createEmbedder(id = "org/name")`)
    const known = sc.knownValues(expr);
    if (c.kind === 'local') return passedOverLocalDefault(sc, expr, value, known, hubIds) ?? { ...c, value };
    if (known?.others) {
      const passed = known.values.filter((v): v is string => typeof v === 'string' && v !== value && classifyString(v, hubIds).kind === c.kind);
      return { ...c, value, overridable: true, values: [value, ...passed] };
    }
    return { ...c, value };
  }
  const node = unwrapExpression(expr);
  if (node.type === 'Identifier' && LOCAL_ROOTS.has(node.name) && !sc.binding(node)) return { kind: 'local' };
  if (depth < MAX_LOCATION_DEPTH) {
    // `await x` points where `x` does; a variable bound to a call points where the call's result does
    // (`const dir = await snapshotDownload(...)`, `const p = path.join(...)`).
    if (node.type === 'AwaitExpression') return classifyLocation(sc, node.argument, options, depth + 1);
    // A variable points where its value does, as the same expression written inline would
    // (`const MODEL_URL = new URL('./m.onnx', import.meta.url).href`).
    if (node.type === 'Identifier') {
      const def = sc.definingExpression(node);
      if (def && def !== node) return classifyLocation(sc, def, options, depth + 1);
    }
  }
  if (node.type === 'CallExpression' || node.type === 'NewExpression') {
    // The folder `snapshotDownload` returns (or the file `downloadFileToCacheDir` returns) is in the local cache.
    const hub = sc.importedMember(node.callee);
    if (hub && isHfHubModule(hub.module) && hub.path.length === 1 && HUB_CACHE_PATH_CALLS.has(hub.path[0])) return { kind: 'local' };
    const member = calleeMember(sc, node);
    if (member && LOCAL_PATH_CALLS.has(member)) return { kind: 'local' };
    // A file packaged with the browser extension: its own origin, like a relative URL. Firefox
    // resolves an absolute URL to itself (Chrome does not): an argument known to be remote stays remote.
    if (node.type === 'CallExpression' && member && EXTENSION_URL_CALLS.has(member)) {
      const path = sc.argument(node, { position: 0 });
      const inner = path ? classifyLocation(sc, path, { hubIds: false }, depth + 1) : undefined;
      return inner?.kind === 'remote' ? inner : { kind: 'local' };
    }
    // new URL(relative, import.meta.url) is same-origin / next to the module.
    if (node.type === 'NewExpression' && member === 'global:URL' && node.arguments.length >= 1) {
      const base = node.arguments[1];
      const first = classifyLocation(sc, node.arguments[0] as JsNode, { hubIds: false }, depth + 1);
      if (base && first.kind === 'local' && (pageBase(sc, base as JsNode) !== undefined || classifyLocation(sc, base as JsNode, {}, depth + 1).kind === 'local')) return { kind: 'local' };
      if (first.kind === 'remote') return first;
      if (base) {
        const b = classifyLocation(sc, base as JsNode, {}, depth + 1);
        if (b.kind === 'remote' && first.kind === 'local') return { ...b, partial: true, value: undefined };
      }
      return { kind: 'unknown' };
    }
    if (node.type === 'CallExpression' && (member === 'path:join' || member === 'path:resolve')) return { kind: 'local' };
  }
  // A file on the device or of the app (Expo): a bundled asset's `uri`, an asset's `localUri`, a path
  // in an `expo-file-system` directory; the URL an asset was made from (`Asset.fromURI(url).uri`).
  if (depth < MAX_LOCATION_DEPTH) {
    const expo = expoLocation(sc, node, depth);
    if (expo) return expo;
    // `asset.localUri ?? asset.uri`: both sides of a bundled asset are its file
    if (node.type === 'LogicalExpression' && node.operator !== '&&') {
      const left = expoLocation(sc, node.left, depth);
      const right = left ? expoLocation(sc, node.right, depth) : undefined;
      if (left && right && left.kind === right.kind && left.value === right.value) return left;
    }
    if (startsWith(sc, node, (n) => expoLocalFile(sc, n, depth))) return { kind: 'local' };
  }
  // The page's own origin (`location.origin + '/models/m.onnx'`): the app's server, like a relative URL.
  if (pageBase(sc, node) !== undefined) return { kind: 'local' };
  if (onPageOrigin(sc, node, depth)) return { kind: 'local', partial: true };
  // `modelUrl.replace('model.json', file)` on a loopback URL: the text replaced first occurs after
  // the origin, so the result is on the same (local) host.
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && !node.callee.computed && node.callee.property.type === 'Identifier' && /^replace(All)?$/.test(node.callee.property.name)) {
    const base = sc.constant(node.callee.object);
    const pattern = node.arguments[0] ? sc.constant(node.arguments[0] as JsNode) : undefined;
    const origin = typeof base === 'string' ? /^https?:\/\/[^/?#]*/i.exec(base)?.[0] : undefined;
    if (origin && typeof pattern === 'string' && pattern !== '' && (base as string).indexOf(pattern) >= origin.length && classifyString(origin, false).kind === 'local') return { kind: 'local', partial: true };
  }
  // url.href / url.toString() of a URL object: where the URL points.
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier' && node.property.name === 'href') {
    const inner = classifyLocation(sc, node.object, options, depth + 1);
    if (inner.kind !== 'unknown') return inner;
  }
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && !node.callee.computed && node.callee.property.type === 'Identifier' && node.callee.property.name === 'toString') {
    const inner = classifyLocation(sc, node.callee.object, options, depth + 1);
    if (inner.kind !== 'unknown') return inner;
  }
  const bounds = sc.stringBounds(expr);
  if (bounds.prefix) {
    const scheme = /^([a-z][a-z0-9+.-]*):\/\/([^/]*)\//i.exec(bounds.prefix) ?? /^([a-z][a-z0-9+.-]*):\/\//i.exec(bounds.prefix);
    if (scheme) {
      const c = classifyString(bounds.prefix, false);
      if (c.kind === 'remote' && !c.host) return { kind: 'remote', http: c.http, partial: true };
      return { ...c, partial: true };
    }
    // a local scheme with no `//` (`blob:…`, `data:…`: `URL.createObjectURL(file)`, see `stringBounds`)
    const opaque = /^([a-z][a-z0-9+.-]*):/i.exec(bounds.prefix);
    if (opaque && LOCAL_SCHEMES.has(opaque[1].toLowerCase())) return { kind: 'local', partial: true };
    if (/^(\.{1,2}\/|\/(?!\/))/.test(bounds.prefix)) return { kind: 'local', partial: true };
    // `models/` + anything: a relative URL (where ids are accepted, `Xenova/` + name may be a Hub id)
    if (!hubIds && relativeStart(bounds.prefix)) return { kind: 'local', partial: true };
  }
  const info = { cut: false };
  return (
    knownChoices(sc, expr, hubIds, info) ??
    (options.branches !== false && depth < MAX_SPLIT_DEPTH ? branchChoices(sc, node, hubIds, depth) : undefined) ??
    // (a cut counts where the value may be a location: not for a name declared as bytes, `buf: Uint8Array`)
    (info.cut && !sc.declaredNonText(expr) ? { kind: 'unknown', cut: true } : { kind: 'unknown' })
  );
}

/** How many branches of nested `?:` `branchChoices` reads (more: not known), and how deep in a question it still splits one. */
const MAX_BRANCHES = 16;
const MAX_SPLIT_DEPTH = 3;

/**
 * A `?:` (nested ones too) whose branches are not all constants, each branch classified by itself
 * (not split again, so the work stays bounded): remote on some paths and local on the others
 * (`app.isPackaged ? path.join(process.resourcesPath, 'm.onnx') : 'https://…/m.onnx'`) is the remote
 * branches' location with `overridable` (reported at medium confidence, naming the remote values);
 * all local is local. Anything else (a branch not known, a Hub id): undefined.
 */
function branchChoices(sc: JsSourceCode, node: JsNode, hubIds: boolean, depth: number): ModelLocation | undefined {
  if (node.type !== 'ConditionalExpression') return undefined;
  const leaves: JsNode[] = [];
  const stack: JsNode[] = [node];
  while (stack.length > 0) {
    const n = unwrapExpression(stack.pop()!);
    if (n.type === 'ConditionalExpression') stack.push(n.alternate, n.consequent);
    else if (leaves.push(n) > MAX_BRANCHES) return undefined;
  }
  const located = leaves.map((leaf) => classifyLocation(sc, leaf, { hubIds, branches: false }, depth + 1));
  if (located.some((l) => l.kind !== 'local' && l.kind !== 'remote')) return undefined;
  const remote = located.filter((l) => l.kind === 'remote');
  if (remote.length === 0) return located.every((l) => !l.partial) ? { kind: 'local' } : { kind: 'local', partial: true };
  return remoteOnSomePaths(remote.map((l) => ({ ...l, values: l.values ?? (l.value !== undefined ? [l.value] : undefined) })), remote.length < located.length);
}

/**
 * Remote locations of some of the values a load may be given, merged: every known value named, plain
 * HTTP when all are, the one host when they share it, `partial` when one is only partly known, and
 * `overridable` (reported at medium confidence) when other values — local ones — are possible too.
 */
function remoteOnSomePaths(remote: readonly ModelLocation[], others: boolean): ModelLocation {
  const values = remote.every((l) => l.values) ? [...new Set(remote.flatMap((l) => l.values!))] : undefined;
  const hosts = new Set(remote.map((l) => l.host));
  return {
    kind: 'remote',
    value: values?.length === 1 ? values[0] : undefined,
    ...(values ? { values } : {}),
    http: remote.every((l) => l.http),
    host: hosts.size === 1 ? remote[0].host : undefined,
    ...(remote.some((l) => l.partial) ? { partial: true } : {}),
    ...(others || remote.some((l) => l.overridable) ? { overridable: true } : {}),
  };
}

/**
 * A value that is not one constant, but whose known values (`knownValues`) all point the same way:
 * - every value it may take is known (`others` false) and they all are remote, local or Hub ids: a
 *   loop variable over a constant array (`for (const url of MODEL_URLS)`, `MODEL_URLS.map((url) => …)`),
 *   a lookup in a constant table (`MODEL_URLS[name]`), a `?:` of two URLs; as known as one constant;
 * - or the value is the default of `process.env.MODEL_URL || 'https://…/model.json'` (`??` too), which
 *   the environment may override: remote or Hub defaults only, with `overridable` (a local default
 *   leaves it unknown: the override is what may go out);
 * - more than 32 values (a loop over a long list of URLs): the first 32, with `overridable`;
 * - local on some paths and remote on the others: the remote values, with `overridable`.
 */
function knownChoices(sc: JsSourceCode, expr: JsNode, hubIds: boolean, info: { cut: boolean; all?: readonly ConstantValue[] } = { cut: false }): ModelLocation | undefined {
  // (more than 32 values: the first 32, with others the analysis did not look at; `info.cut`: not
  // known because the question ran into the depth bound)
  const known = sc.knownValues(expr, { truncate: true, info });
  if (!known || !known.values.every((v): v is string => typeof v === 'string')) return undefined;
  // a truncated answer (a loop over 40 local paths, a `?:` chain 40 long): every value it read is
  // classified (as cheap as reading them), so a local 33rd value leaves it local, a remote one is seen
  // (once per list: each load of a loop over the same 1,024 paths reads the verdict kept for it)
  const all = info.all;
  if (all) {
    const verdict = sc.classifiedValues(all, hubIds ? 'model-location:hub' : 'model-location', (list) => classifyAll(list, hubIds));
    if (verdict) return verdict;
  }
  const values = known.values as string[];
  const kinds = values.map((v) => classifyString(v, hubIds));
  const kind = kinds[0].kind;
  if (kinds.some((k) => k.kind !== kind)) {
    // local on some paths, remote on the others (`dev ? './m.onnx' : 'https://…/m.onnx'`): the remote
    // values, as values the analysis knows but others may replace (reported at medium confidence)
    if (!kinds.every((k) => k.kind === 'local' || k.kind === 'remote')) return undefined;
    const remote = values.flatMap((v, i) => (kinds[i].kind === 'remote' ? [{ ...kinds[i], value: v, values: [v] }] : []));
    return remoteOnSomePaths(remote, true);
  }
  // (local values, and others not known: unknown; past the values read, `info.cut` says so)
  if (kind === 'local') return known.others ? undefined : { kind: 'local' };
  if (kind !== 'hub' && kind !== 'remote') return undefined;
  const hosts = new Set(kinds.map((k) => k.host));
  return {
    kind,
    value: values.length === 1 ? values[0] : undefined,
    values,
    http: kind === 'remote' ? kinds.every((k) => k.http) : undefined,
    host: hosts.size === 1 ? kinds[0].host : undefined,
    ...(known.others ? { overridable: true } : {}),
  };
}

/**
 * Every value of a truncated list (`knownValues`' `info.all`) classified: local when all are, the
 * remote ones (with `overridable`) when the others are local; `null` when that does not settle it.
 */
function classifyAll(all: readonly ConstantValue[], hubIds: boolean): ModelLocation | null {
  if (!all.every((v): v is string => typeof v === 'string')) return null;
  const allKinds = all.map((v) => classifyString(v, hubIds));
  if (allKinds.every((k) => k.kind === 'local')) return { kind: 'local' };
  if (allKinds.every((k) => k.kind === 'local' || k.kind === 'remote') && allKinds.some((k) => k.kind === 'local')) {
    const remote = all.flatMap((v, i) => (allKinds[i].kind === 'remote' ? [{ ...allKinds[i], value: v as string, values: [v as string] }] : []));
    return remoteOnSomePaths(remote, true);
  }
  return null;
}

/** `path.join` / `path.resolve` (also `path.posix`, `path.win32`): the last segment ends the result. */
const PATH_JOIN_CALLS = new Set([
  'path:join', 'path:resolve', 'path:posix.join', 'path:posix.resolve', 'path:win32.join', 'path:win32.resolve',
  'path/posix:join', 'path/posix:resolve', 'path/win32:join', 'path/win32:resolve',
]);

/**
 * The statically known end of a path: its value when constant, the constant end of a template
 * literal or `+` chain (`` `model/${name}.onnx` ``), or the known end of the last segment of
 * `path.join(...)` / `path.resolve(...)` (`path.join(__dirname, "facenet.onnx")`), also through a
 * variable bound to one. `''` when nothing is known.
 */
export function pathEnd(sc: JsSourceCode, expr: JsNode, depth = 0): string {
  const bounds = sc.stringBounds(expr);
  if (bounds.value !== undefined) return bounds.value;
  if (bounds.suffix || depth >= MAX_LOCATION_DEPTH) return bounds.suffix;
  let node = unwrapExpression(expr);
  if (node.type === 'Identifier') node = sc.definingExpression(node) ?? node;
  if (node.type !== 'CallExpression' || !PATH_JOIN_CALLS.has(calleeMember(sc, node) ?? '')) return '';
  const last = node.arguments[node.arguments.length - 1];
  return last && last.type !== 'SpreadElement' ? pathEnd(sc, last, depth + 1) : '';
}

/**
 * The segments of a path built with `path.join(...)` / `path.resolve(...)` (`path.join(modelDir,
 * "weights", "loader.js")` → its three arguments), also through a variable bound to one; spreads
 * left out. `undefined` for anything else.
 */
export function pathSegments(sc: JsSourceCode, expr: JsNode): JsNode[] | undefined {
  let node = unwrapExpression(expr);
  if (node.type === 'Identifier') node = sc.definingExpression(node) ?? node;
  if (node.type !== 'CallExpression' || !PATH_JOIN_CALLS.has(calleeMember(sc, node) ?? '')) return undefined;
  return node.arguments.filter((arg) => arg.type !== 'SpreadElement');
}

/** An identifier or member whose name says it holds a URL (`modelUrl`, `cfg.endpoint`). */
export function namedLikeUrl(expr: JsNode): boolean {
  const node = unwrapExpression(expr);
  const name = node.type === 'Identifier' ? node.name : node.type === 'MemberExpression' && node.property.type === 'Identifier' ? node.property.name : '';
  return /url|uri|href|endpoint|cdn/i.test(name);
}
