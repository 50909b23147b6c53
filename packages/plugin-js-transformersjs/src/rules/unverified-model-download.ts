import { createRule, type Confidence } from '@oculum/core';
import { isFunctionNode, staticKey, unwrapExpression, type JsBinding, type JsNode, type JsSourceCode, type StringBounds, type TSESTree } from '@oculum/lang-js';
import { asCode, calleeText, importsModelLibrary, isOnnxSessionCreate, isTfjsModule, quoted, quotedValues } from '../utils/libraries.js';
import { classifyLocation, classifyString, hostOf, isHubHost, looksLikeModelFile, MODEL_FILE_TRIGGERS, namedLikeUrl, namesNoModelFile, pathEnd } from '../utils/locations.js';
import { NODE_LLAMA_CPP_TRIGGER, nodeLlamaCppUriDownloads } from '../utils/llama-loads.js';
import { checksumCommandIn, commandDownloads, SUBPROCESS_TRIGGER, type Argument } from '../utils/subprocess.js';
import { callSitesOf, hasIntegrityCheck } from '../utils/verification.js';
import { docsUrl } from '../utils/meta.js';
import { perNode } from '../utils/memo.js';

/** HTTP clients: module → member paths that download (`[]` = the default export itself). */
export const CLIENTS: Record<string, string[]> = {
  'node-fetch': [''],
  'cross-fetch': [''],
  'isomorphic-fetch': [''],
  undici: ['fetch', 'request'],
  axios: ['', 'get', 'request'],
  got: ['', 'get', 'stream'],
  ky: ['', 'get'],
  // Node's own clients (`https.get(url, (res) => res.pipe(fs.createWriteStream('model.onnx')))`) and
  // their redirect-following drop-in.
  http: ['get', 'request'],
  https: ['get', 'request'],
  'follow-redirects': ['http.get', 'https.get', 'http.request', 'https.request'],
  // Electron's main-process (and utility-process) client: `net.fetch(url)` is `fetch`, `net.request(url)` Node's `request`.
  electron: ['net.fetch', 'net.request'],
  'electron/main': ['net.fetch', 'net.request'],
  'electron/utility': ['net.fetch', 'net.request'],
  // Bun's own module exports its `fetch` (the global one is `fetch` already)
  bun: ['fetch'],
  // Tauri's HTTP client, made from Rust (no CORS): v2's plugin `fetch` is the web `fetch`; v1's
  // `fetch(url, options)`, also as `http.fetch` of the API root, and a client's `get` / `request`
  // (`const client = await getClient(); await client.get(url)`)
  '@tauri-apps/plugin-http': ['fetch'],
  '@tauri-apps/api/http': ['fetch', 'get', 'request'],
  '@tauri-apps/api': ['http.fetch'],
  // Capacitor's native HTTP client (`CapacitorHttp.get({ url, responseType: 'blob' })`), its bytes then
  // written with `Filesystem.writeFile({ path, data })`
  '@capacitor/core': ['CapacitorHttp.get', 'CapacitorHttp.request'],
};

/** Client instances: module → the factory member that makes one (`axios.create()`, `got.extend()`, `ky.create()`). */
const INSTANCE_FACTORIES: Record<string, string[]> = { axios: ['create'], got: ['extend'], ky: ['create', 'extend'], '@tauri-apps/api/http': ['getClient'] };

function downloadClient(sc: JsSourceCode, call: TSESTree.CallExpression): string | undefined {
  const member = sc.importedMember(call.callee);
  if (member) {
    const paths = CLIENTS[member.module];
    return paths?.includes(member.path.join('.')) ? member.module : undefined;
  }
  if (sc.globalName(call.callee) === 'fetch') return 'fetch';
  // `const http = axios.create({ timeout })` … `http.get(url)`, `http(url)`: an instance of the client
  const callee = call.callee.type === 'MemberExpression' && !call.callee.computed && call.callee.property.type === 'Identifier' ? call.callee : undefined;
  const method = callee ? (callee.property as TSESTree.Identifier).name : '';
  const instance = clientInstance(sc, callee ? callee.object : call.callee);
  if (!instance) return undefined;
  const factory = sc.importedMember(instance.callee)!;
  return CLIENTS[factory.module]?.includes(method) ? factory.module : undefined;
}

/** The `axios.create(...)` / `got.extend(...)` / `ky.create(...)` call an expression holds (awaited too: Tauri's `await getClient()`). */
function clientInstance(sc: JsSourceCode, expr: JsNode): TSESTree.CallExpression | undefined {
  let instance = sc.definingExpression(expr);
  if (instance?.type === 'AwaitExpression') instance = unwrapExpression(instance.argument);
  if (instance?.type !== 'CallExpression') return undefined;
  const factory = sc.importedMember(instance.callee);
  return factory && INSTANCE_FACTORIES[factory.module]?.includes(factory.path.join('.')) ? instance : undefined;
}

/** The remote base URL an instance's requests are made against (`axios.create({ baseURL: "https://cdn…" })`). */
function remoteBase(sc: JsSourceCode, call: TSESTree.CallExpression): string | undefined {
  const callee = call.callee.type === 'MemberExpression' ? call.callee.object : call.callee;
  const instance = clientInstance(sc, callee);
  const options = instance ? sc.argument(instance, { position: 0 }) : undefined;
  const literal = options ? sc.objectLiteral(options) : undefined;
  const base = literal ? (sc.property(literal, 'baseURL') ?? sc.property(literal, 'prefixUrl')) : undefined;
  const value = base ? sc.constant(base) : undefined;
  return typeof value === 'string' && /^https?:\/\//i.test(value) ? value : undefined;
}

/** The URL argument: first argument, or `url` of a config object (`axios({ url })`, `got({ url })`). */
function urlArgument(sc: JsSourceCode, call: TSESTree.CallExpression): JsNode | undefined {
  const first = sc.argument(call, { position: 0 });
  if (!first) return undefined;
  return sc.objectLiteral(first) ? sc.argument(call, { name: 'url', position: 0 }) : first;
}

/**
 * Libraries that download a URL straight to a file (the bytes never pass through the app): module →
 * the members that do, with where the URL and the file are given.
 * - expo-file-system: `downloadAsync(url, fileUri)`, `createDownloadResumable(url, fileUri)`, and the
 *   `File` class of its new API (SDK 54, `expo-file-system/next` before): `File.downloadFileAsync(url, destination)`;
 * - react-native-fs: `downloadFile({ fromUrl, toFile })`;
 * - ipull: `downloadFile({ url, directory, fileName | savePath })` (or the URL first, the options second);
 * - Capacitor: `Filesystem.downloadFile({ url, path, directory })` of `@capacitor/filesystem`, and
 *   `FileTransfer.downloadFile({ url, path })` of `@capacitor/file-transfer`, which replaces it;
 * - Electron: `session.defaultSession.downloadURL(url)` (saved where the `will-download` handler says).
 */
interface FileDownloadApi {
  /** The URL: an argument's position, or an option of the first argument. */
  url: number | string;
  /** The file it is saved as: an argument's position, or options (of the first argument, else the second) in order of preference. */
  output: number | string[];
}

const EXPO_FILE_DOWNLOADS: Record<string, FileDownloadApi> = {
  downloadAsync: { url: 0, output: 1 },
  createDownloadResumable: { url: 0, output: 1 },
};
/** expo-file-system's new API: the static `File.downloadFileAsync(url, destination)` (a `Directory` or a `File`). */
const EXPO_NEXT_FILE_DOWNLOADS: Record<string, FileDownloadApi> = {
  'File.downloadFileAsync': { url: 0, output: 1 },
};
/** (keyed by the member path, `File.downloadFileAsync`) */
const FILE_DOWNLOADS: Record<string, Record<string, FileDownloadApi>> = {
  'expo-file-system': { ...EXPO_FILE_DOWNLOADS, ...EXPO_NEXT_FILE_DOWNLOADS },
  'expo-file-system/legacy': EXPO_FILE_DOWNLOADS,
  'expo-file-system/next': EXPO_NEXT_FILE_DOWNLOADS,
  'react-native-fs': { downloadFile: { url: 'fromUrl', output: ['toFile'] } },
  ipull: { downloadFile: { url: 'url', output: ['savePath', 'fileName', 'directory'] } },
  '@capacitor/filesystem': { 'Filesystem.downloadFile': { url: 'url', output: ['path'] } },
  '@capacitor/file-transfer': { 'FileTransfer.downloadFile': { url: 'url', output: ['path'] } },
  // Electron's session downloads the URL to a file itself (the path is set later, in `will-download`)
  ...Object.fromEntries(['electron', 'electron/main'].map((m) => [m, { 'session.defaultSession.downloadURL': { url: 0, output: [] } }])),
};

/** Prefilter trigger: a module of `FILE_DOWNLOADS` named in an import (or `expo`, whose `FileSystem` is expo-file-system's). */
const FILE_DOWNLOAD_TRIGGER = /['"`](?:npm:)?(?:expo-file-system(?:\/legacy|\/next)?|react-native-fs|react-native-blob-util|rn-fetch-blob|ipull|expo|@capacitor\/(?:filesystem|file-transfer))(?:@[^'"`/]*)?['"`]/;

/** react-native-blob-util and its predecessor rn-fetch-blob (also default-imported as `RNFetchBlob`). */
const BLOB_UTIL_MODULES = new Set(['react-native-blob-util', 'rn-fetch-blob']);

/**
 * react-native-blob-util's (or rn-fetch-blob's) `config({ path, fileCache }).fetch(method, url)`: with
 * `path` or `fileCache` the response is written to a file (`path`, or a temporary one) instead of
 * memory, the bytes never passing through the app — judged as a download to a file. The config may be
 * held in a variable (`const task = ReactNativeBlobUtil.config({ path }); task.fetch('GET', url)`).
 * A method known not to be `GET` sends rather than downloads: undefined, as for any other call.
 */
function blobUtilDownload(sc: JsSourceCode, call: TSESTree.CallExpression): { url: JsNode; output?: JsNode; callee: string } | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== 'MemberExpression' || staticKey(callee) !== 'fetch') return undefined;
  const config = sc.definingExpression(callee.object) ?? unwrapExpression(callee.object);
  if (config.type !== 'CallExpression') return undefined;
  const m = sc.importedMember(config.callee);
  if (!m || !BLOB_UTIL_MODULES.has(m.module) || m.path.join('.') !== 'config') return undefined;
  const path = sc.argument(config, { name: 'path', position: 0 });
  const cache = sc.argument(config, { name: 'fileCache', position: 0 });
  if (!path && !(cache && sc.constant(cache) === true)) return undefined;
  const method = sc.argument(call, { position: 0 });
  const value = method ? sc.constant(method) : undefined;
  if (typeof value === 'string' && value.toUpperCase() !== 'GET') return undefined;
  const url = sc.argument(call, { position: 1 });
  if (!url) return undefined;
  const inline = unwrapExpression(callee.object) === config;
  return { url, output: path, callee: inline ? `${calleeText(sc, config)}(…).fetch` : calleeText(sc, call) };
}

/** A call of a library that downloads a URL to a file (see `FILE_DOWNLOADS`): the URL and the file it is saved as. */
function fileDownload(sc: JsSourceCode, call: TSESTree.CallExpression): { url: JsNode; output?: JsNode; callee?: string } | undefined {
  const blob = blobUtilDownload(sc, call);
  if (blob) return blob;
  const m = sc.importedMember(call.callee);
  if (!m) return undefined;
  // `import { FileSystem } from 'expo'` (older SDKs)
  const [module, path] = m.module === 'expo' && m.path[0] === 'FileSystem' ? ['expo-file-system', m.path.slice(1)] : [m.module, m.path];
  const api = path.length > 0 ? FILE_DOWNLOADS[module]?.[path.join('.')] : undefined;
  if (!api) return undefined;
  const first = sc.argument(call, { position: 0 });
  const options = first && sc.objectLiteral(first) ? 0 : 1;
  const url = typeof api.url === 'number' ? first : options === 0 ? sc.argument(call, { name: api.url, position: 0 }) : first;
  if (!url) return undefined;
  const output =
    typeof api.output === 'number'
      ? sc.argument(call, { position: api.output })
      : api.output.map((name) => sc.argument(call, { name, position: options })).find((n) => n !== undefined);
  return { url, output };
}

/** A call's argument as `commandDownloadFinding` reads one: its own expression, its text when known, its shape when partly known. */
function argumentOf(sc: JsSourceCode, node: JsNode): Argument {
  const v = sc.constant(node);
  if (typeof v === 'string') return { node, whole: true, text: v, shape: v };
  const parts = sc.stringBounds(node).parts;
  return { node, whole: true, shape: parts.length > 1 ? parts.join('\u0000') : undefined };
}

/**
 * Calls that write their second argument to the file named by their first: Node's `fs`, Bun's
 * `Bun.write` (the global, or `write` imported from `bun`), Deno's `Deno.writeFile` / `Deno.writeTextFile`.
 */
const WRITERS = new Set([
  'fs.writeFile', 'fs.writeFileSync', 'fs.promises.writeFile', 'fs/promises.writeFile', 'fs.createWriteStream', 'fs.appendFile', 'fs.appendFileSync',
  'Bun.write', 'bun.write', 'Deno.writeFile', 'Deno.writeFileSync', 'Deno.writeTextFile', 'Deno.writeTextFileSync',
]);

/**
 * Capacitor's `Filesystem.writeFile({ path, data, directory })` (and `appendFile`): the file it writes
 * and the data, given as options of its first argument. Undefined for any other call.
 */
function capacitorWrite(sc: JsSourceCode, call: TSESTree.CallExpression): { target: JsNode | undefined; options: JsNode | undefined } | undefined {
  const m = sc.importedMember(call.callee);
  if (m?.module !== '@capacitor/filesystem' || !['Filesystem.writeFile', 'Filesystem.appendFile'].includes(m.path.join('.'))) return undefined;
  return { target: sc.argument(call, { name: 'path', position: 0 }), options: sc.argument(call, { position: 0 }) };
}

/** The name of a call's callee, through imports (`fs.writeFile`, `bun.write`) or as a global (`Bun.write`, `Deno.writeFile`). */
function calleeName(sc: JsSourceCode, call: TSESTree.CallExpression): string | undefined {
  return sc.qualifiedName(call.callee) ?? sc.globalName(call.callee);
}

/**
 * Deno's `Deno.open(path, { write: true })` (also `create`, `append`) and `Deno.create(path)`: a file
 * opened for writing, which the response body is piped into (`res.body.pipeTo(file.writable)`).
 */
function denoOpensForWriting(sc: JsSourceCode, call: TSESTree.CallExpression): boolean {
  const name = calleeName(sc, call);
  if (name === 'Deno.create' || name === 'Deno.createSync') return true;
  if (name !== 'Deno.open' && name !== 'Deno.openSync') return false;
  return ['write', 'create', 'append', 'createNew'].some((option) => {
    const value = sc.argument(call, { name: option, position: 1 });
    return value !== undefined && sc.constant(value) !== false;
  });
}

/** A write whose destination names a model file (`"model.onnx"`, `` `${dir}/m.onnx` ``, `path.join(__dirname, "m.onnx")`). */
function writesModelFile(sc: JsSourceCode, write: TSESTree.CallExpression): boolean {
  const target = capacitorWrite(sc, write)?.target ?? sc.argument(write, { position: 0 });
  return target !== undefined && looksLikeModelFile(pathEnd(sc, target));
}

/**
 * A variable holding a write stream to a model file, made elsewhere (`const file =
 * fs.createWriteStream("ggml-tiny.en.bin")` at the top of a download script): a function that pipes
 * into it or writes to it writes the model file.
 */
function modelWriteStream(sc: JsSourceCode, expr: JsNode): boolean {
  if (unwrapExpression(expr).type !== 'Identifier') return false;
  const stream = sc.definingExpression(expr);
  return stream?.type === 'CallExpression' && sc.qualifiedName(stream.callee) === 'fs.createWriteStream' && writesModelFile(sc, stream);
}

/**
 * A call in `region` that writes a model file to disk or hands bytes to a model loader, also through
 * a function of this file whose parameter reaches one (`this.initializeModel(buffer)`), or that
 * pipes into or writes to a model file's write stream made outside the region (`res.pipe(file)`,
 * `pipeline(res, file)`, `file.write(chunk)`).
 */
const modelSinkIn = perNode(searchModelSink);

function searchModelSink(sc: JsSourceCode, region: JsNode): boolean {
  let found = false;
  sc.descendants(region, (n) => {
    if (found) return false;
    if (n.type !== 'CallExpression') return undefined;
    const callee = unwrapExpression(n.callee);
    if (n.arguments.some((arg) => modelWriteStream(sc, arg)) || (callee.type === 'MemberExpression' && staticKey(callee) === 'write' && modelWriteStream(sc, callee.object))) {
      found = true;
    } else if (isOnnxSessionCreate(sc, n)) {
      const arg = sc.argument(n, { position: 0 });
      if (arg && typeof sc.constant(arg) !== 'string') found = true;
    } else if (sc.calledFunction(n)) {
      // bytes (not a constant path) handed to a helper that loads or saves them as a model
      found = n.arguments.some((arg) => arg.type !== 'SpreadElement' && typeof sc.constant(arg) !== 'string' && parameterReachesSink(sc, n, arg, 1));
    } else {
      const qn = calleeName(sc, n);
      const m = sc.importedMember(n.callee);
      if (m && isTfjsModule(m.module) && m.path.join('.') === 'io.fromMemory') found = true;
      else if ((qn && (WRITERS.has(qn) || denoOpensForWriting(sc, n))) || capacitorWrite(sc, n)) {
        if (writesModelFile(sc, n)) found = true;
      }
    }
    return found ? false : undefined;
  });
  return found;
}

/** How many wrappers (a helper returning the bytes, its own callers…) the bytes are followed through. */
const MAX_WRAPPER_DEPTH = 3;
/** How many variables deep a value is followed inside one function. */
const MAX_VARIABLE_DEPTH = 3;

/**
 * Follows the value of `expr` up through the expressions that use it (`await`, `.then(...)`,
 * `.arrayBuffer()`, `new Uint8Array(...)`, `.data`) and through the variables it is stored in, and
 * asks `accept` at every step. Stops at statements, function boundaries and property reads.
 */
function valueReaches(sc: JsSourceCode, expr: JsNode, accept: (parent: JsNode, child: JsNode) => boolean, depth = 0): boolean {
  let cur: JsNode = expr;
  for (let p = sc.parent(cur); p; cur = p, p = sc.parent(p)) {
    if (accept(p, cur)) return true;
    let targets: TSESTree.Identifier[] | undefined;
    if (p.type === 'VariableDeclarator' && p.init === cur) targets = declaredNames(p.id);
    else if (p.type === 'AssignmentExpression' && p.right === cur && p.operator === '=') targets = declaredNames(p.left);
    if (targets) {
      if (depth >= MAX_VARIABLE_DEPTH) return false;
      return targets.some((id) => {
        const binding = sc.binding(id);
        return binding !== undefined && sc.references(binding).some((ref) => ref !== id && valueReaches(sc, ref, accept, depth + 1));
      });
    }
    if (p.type.endsWith('Statement') || p.type.endsWith('Declaration') || isFunctionNode(p)) return false;
    // A property read is some other value (`res.status`, `config.modelPath`), except the payload of a response.
    if (p.type === 'MemberExpression' && p.object === cur) {
      const called = sc.parent(p)?.type === 'CallExpression' && (sc.parent(p) as TSESTree.CallExpression).callee === p;
      if (!called && !PAYLOAD_PROPERTIES.has(staticKey(p) ?? '')) return false;
    }
  }
  return false;
}

/** Properties of a response that hold its bytes (`(await axios.get(url)).data`). */
const PAYLOAD_PROPERTIES = new Set(['data', 'body', 'buffer']);

/** The names a declaration or assignment target binds (`x`, `{ data }`, `[a, b]`). */
function declaredNames(target: JsNode): TSESTree.Identifier[] {
  const out: TSESTree.Identifier[] = [];
  const visit = (n: JsNode | null): void => {
    if (!n) return;
    if (n.type === 'Identifier') out.push(n);
    else if (n.type === 'ObjectPattern') for (const prop of n.properties) visit(prop.type === 'Property' ? prop.value : prop.argument);
    else if (n.type === 'ArrayPattern') for (const el of n.elements) visit(el);
    else if (n.type === 'AssignmentPattern') visit(n.left);
    else if (n.type === 'RestElement') visit(n.argument);
  };
  visit(target);
  return out;
}

/** Does the value at `child` go back to the caller of `fn` (`return …`, an arrow's expression body)? */
function returnedFrom(sc: JsSourceCode, fn: JsNode, parent: JsNode, child: JsNode): boolean {
  if (parent.type === 'ReturnStatement') return sc.enclosingFunction(parent) === fn;
  return parent === fn && parent.type === 'ArrowFunctionExpression' && parent.body === child;
}

/**
 * `child` is the bytes a model sink consumes: `InferenceSession.create(bytes)`, `tf.io.fromMemory(...)`,
 * a write to a model file, or an argument of a function of this file (`initializeModel(bytes)`,
 * `this.createSession(bytes)`) whose parameter reaches one of those, through at most
 * `MAX_WRAPPER_DEPTH` such functions.
 */
function isModelSinkOf(sc: JsSourceCode, parent: JsNode, child: JsNode, depth = 0): boolean {
  if (parent.type !== 'CallExpression' || parent.callee === child) return false;
  if (isOnnxSessionCreate(sc, parent)) return parent.arguments[0] === child;
  const m = sc.importedMember(parent.callee);
  if (m && isTfjsModule(m.module) && m.path.join('.') === 'io.fromMemory') return true;
  const qn = calleeName(sc, parent);
  if (qn && WRITERS.has(qn) && parent.arguments[1] === child) {
    return writesModelFile(sc, parent);
  }
  // `Filesystem.writeFile({ path: 'models/m.tflite', data: res.data })`: the options hold the bytes
  const capacitor = capacitorWrite(sc, parent);
  if (capacitor) return capacitor.options !== undefined && parent.arguments[0] === child && writesModelFile(sc, parent);
  return depth < MAX_WRAPPER_DEPTH && parameterReachesSink(sc, parent, child, depth + 1);
}

/** Per file: parameter → functions deep → whether it reaches a model sink (each answered once). */
const paramSinkCache = new WeakMap<JsSourceCode, Map<JsBinding, Map<number, boolean>>>();

/** The parameter of the function of this file that `call` hands `argument` to is handed to a model sink there (see `isModelSinkOf`). */
function parameterReachesSink(sc: JsSourceCode, call: TSESTree.CallExpression, argument: JsNode, depth: number): boolean {
  const param = sc.parameterFor(call, argument);
  // a parameter the function re-assigns may no longer hold the bytes
  if (!param || param.writes > 0) return false;
  let perFile = paramSinkCache.get(sc);
  if (!perFile) paramSinkCache.set(sc, (perFile = new Map()));
  let byDepth = perFile.get(param);
  if (!byDepth) perFile.set(param, (byDepth = new Map()));
  let answer = byDepth.get(depth);
  if (answer === undefined) {
    byDepth.set(depth, false); // (the depth grows at every step: no question waits on itself)
    answer = sc.references(param).some((ref) => valueReaches(sc, ref, (p, c) => isModelSinkOf(sc, p, c, depth)));
    byDepth.set(depth, answer);
  }
  return answer;
}

/**
 * A download wrapped in a helper of this file (`async function fetchAndCache(url) { return
 * fetch(url).then((r) => r.arrayBuffer()); }`): the functions where a call of the helper hands the
 * bytes it returns to a model sink, directly or through further wrappers. Calls that pass the helper
 * a same-origin or local URL are left out, as a direct download of it would be.
 */
function wrapperSinkRegions(sc: JsSourceCode, download: TSESTree.CallExpression, url: JsNode, fn: JsNode): JsNode[] {
  if (!valueReaches(sc, download, (p, c) => returnedFrom(sc, fn, p, c))) return [];
  // The helper's URL parameter, to read the URL each call passes.
  const urlNode = unwrapExpression(url);
  const urlBinding = urlNode.type === 'Identifier' ? sc.binding(urlNode) : undefined;
  const urlParam = urlBinding?.kind === 'param' && urlBinding.declaration === fn && urlBinding.path?.length === 0 && urlBinding.writes === 0 ? urlBinding.paramIndex : undefined;
  const regions: JsNode[] = [];
  const seen = new Set<JsNode>([fn]);
  const visit = (helper: JsNode, depth: number, param: number | undefined): void => {
    for (const call of callSitesOf(sc, helper)) {
      if (param !== undefined) {
        const arg = call.arguments[param];
        if (arg && arg.type !== 'SpreadElement' && classifyLocation(sc, arg).kind === 'local') continue;
      }
      const caller = sc.enclosingFunction(call);
      let outer = false;
      const sink = valueReaches(sc, call, (p, c) => {
        if (isModelSinkOf(sc, p, c)) return true;
        if (caller && returnedFrom(sc, caller, p, c)) outer = true;
        return false;
      });
      if (sink) regions.push(caller ?? sc.ast);
      else if (outer && caller && depth < MAX_WRAPPER_DEPTH && !seen.has(caller)) {
        seen.add(caller);
        visit(caller, depth + 1, undefined);
      }
    }
  };
  visit(fn, 1, urlParam);
  return regions;
}

/**
 * The URLs the calls of `fn` in this file pass for its parameter `url` (a plain parameter the helper
 * never re-assigns) that name a remote model file: `downloadFile("https://…/model.onnx", out)` for
 * `async function downloadFile(url, out) { const r = await fetch(url); … }`, also one known only in
 * part whose known end names one (`` download(`${BASE}/ggml-${model}.bin`, out) ``), as a direct
 * download of it would be reported. Local ones are left out. Each as the message shows it: a known
 * URL quoted, one known in part as code.
 */
function modelUrlsFromCallers(sc: JsSourceCode, url: JsNode, fn: JsNode, info?: { truncated: boolean }): string[] {
  if (!isOwnParameter(sc, url, fn)) return modelUrlsBuiltFromParameters(sc, url, fn);
  const b = sc.binding(unwrapExpression(url) as TSESTree.Identifier)!;
  if (b.paramIndex === undefined) return [];
  const out: string[] = [];
  for (const call of callSitesOf(sc, fn)) {
    const arg = call.arguments[b.paramIndex];
    if (!arg || arg.type === 'SpreadElement' || classifyLocation(sc, arg).kind === 'local') continue;
    // each value it may take: a loop over file names passes each in turn (`` download(`${base}/${file}`) ``
    // for `file` of `['config.json', 'onnx/model.onnx']`)
    const many = { truncated: false };
    for (const bounds of sc.possibleStringBounds(arg, many)) {
      if (bounds.value !== undefined && classifyString(bounds.value, false).kind === 'local') continue;
      if (!looksLikeModelFile((bounds.value ?? bounds.suffix).replace(/[?#].*$/, ''))) continue;
      const shownUrl = bounds.value !== undefined ? quoted(bounds.value) : asCode(sc.getText(arg), 60);
      if (!out.includes(shownUrl)) out.push(shownUrl);
    }
    // (more values than are listed: the caller may report at low confidence, see `possibleStringBounds`)
    if (many.truncated && info) info.truncated = true;
  }
  return out;
}

/** `url` is a plain parameter of `fn` that `fn` never re-assigns. */
function isOwnParameter(sc: JsSourceCode, url: JsNode, fn: JsNode): boolean {
  const node = unwrapExpression(url);
  const b = node.type === 'Identifier' ? sc.binding(node) : undefined;
  return b?.kind === 'param' && b.declaration === fn && b.path?.length === 0 && b.writes === 0 && b.paramIndex !== undefined;
}

/**
 * A remote URL off the Hub whose scheme and host are known and whose end the function's own
 * parameters make (`` `https://models.ente.io/${name}` ``, not one that ends in a known file:
 * `…/${name}/config.json`), and whose known start says model (`models.ente.io`, `cdn.x.com/weights/`).
 */
function modelNamedParameterUrl(sc: JsSourceCode, call: TSESTree.CallExpression, client: string, url: JsNode, bounds: StringBounds, fn: JsNode): boolean {
  // (a Hub URL is judged by its `/resolve/` path: `hubFileNotKnown`)
  const host = hostOf(bounds.prefix);
  if (!host || isHubHost(host) || !/^https?:\/\/[^/?#]+\//i.test(bounds.prefix) || classifyString(bounds.prefix, false).kind !== 'remote') return false;
  // an API (`api.openai.com`, `…/v1beta/models/${model}:generateContent`, `…/api/pull/${name}`), not a file server
  if (/^api[.-]/i.test(host) || API_PATH.test(bounds.prefix) || apiRequest(sc, call, client)) return false;
  if (bounds.suffix !== '' || !builtFromOwnParameters(sc, url, fn)) return false;
  return MODEL_NAME_WORDS.test(bounds.prefix);
}

/** A versioned or `/api/` path (`/v1/`, `/v1beta/`, `/api/`): the URL addresses an API, not a file. */
const API_PATH = /^https?:\/\/[^/?#]+(?:\/[^?#]*)?\/(?:api|v\d+(?:alpha|beta)?\d*)\//i;
/** Client methods that send or change rather than fetch (`axios.post`, `got.delete`). */
const SENDING_METHODS = new Set(['post', 'put', 'patch', 'delete', 'options']);
/** axios `responseType`s that keep the bytes (its default reads the body as JSON). */
const BINARY_RESPONSES = new Set(['arraybuffer', 'stream', 'blob']);

/**
 * `call` is an API request rather than a file download: a `method` other than `GET` (or one not
 * known), a request body (`body`, `data`, `json`), a sending method (`axios.post`, `got.delete`), or
 * an axios read without a binary `responseType` (its default parses JSON).
 */
function apiRequest(sc: JsSourceCode, call: TSESTree.CallExpression, client: string): boolean {
  const method = sc.argument(call, { name: 'method' });
  if (method) {
    const m = sc.constant(method);
    if (typeof m !== 'string' || m.toUpperCase() !== 'GET') return true;
  }
  if (['body', 'data', 'json'].some((name) => sc.argument(call, { name }) !== undefined)) return true;
  const callee = unwrapExpression(call.callee);
  const name = callee.type === 'MemberExpression' ? staticKey(callee) : undefined;
  if (name !== undefined && SENDING_METHODS.has(name.toLowerCase())) return true;
  if (client === 'axios') {
    const type = sc.argument(call, { name: 'responseType' });
    const t = type ? sc.constant(type) : undefined;
    return !(typeof t === 'string' && BINARY_RESPONSES.has(t.toLowerCase()));
  }
  return false;
}

/** `url` reads a parameter of `fn` (itself, or through a template, `+` or the variables it is built in). */
function builtFromOwnParameters(sc: JsSourceCode, url: JsNode, fn: JsNode): boolean {
  let uses = false;
  const visit = (e: JsNode, depth: number): void => {
    const n = unwrapExpression(e);
    if (depth > MAX_VARIABLE_DEPTH || uses) return;
    if (n.type === 'Identifier') {
      const b = sc.binding(n);
      if (b?.kind === 'param' && b.declaration === fn) uses = true;
      else {
        const def = sc.definingExpression(n);
        if (def && def !== n) visit(def, depth + 1);
      }
    } else if (n.type === 'TemplateLiteral') n.expressions.forEach((x) => visit(x, depth));
    else if (n.type === 'BinaryExpression' && n.left.type !== 'PrivateIdentifier') {
      visit(n.left, depth);
      visit(n.right, depth);
    }
  };
  visit(url, 0);
  return uses;
}

/** How many values a URL built from parameters is worked out to at most. */
const MAX_PARAMETER_URLS = 32;

/** One call of a function `fn`: the values each of its arguments may take, by parameter index (see `valuesFromParameters`). */
interface CallArguments {
  fn: JsNode;
  args: Map<number, string[] | undefined>;
}

/** `valuesFromParameters` of each parameter (`declaration start:index:depth`), per file. */
const parameterValues = new WeakMap<JsSourceCode, Map<string, string[] | undefined>>();

/**
 * The values `expr` takes when it is built from the parameters of functions of this file: a constant
 * string, a plain parameter (never re-assigned) with the values its function's calls in this file
 * pass there (through the parameters of their own functions, `MAX_WRAPPER_DEPTH` deep; a call that
 * passes something else adds nothing), a template literal or `+` of such parts (every combination).
 * `undefined` when a part is none of these, or past `MAX_PARAMETER_URLS` values.
 */
function valuesFromParameters(sc: JsSourceCode, expr: JsNode, depth: number, call?: CallArguments): string[] | undefined {
  const value = sc.constant(expr);
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  const node = unwrapExpression(expr);
  if (node.type === 'Identifier') {
    const b = sc.binding(node);
    if (b?.kind === 'param') {
      if (depth >= MAX_WRAPPER_DEPTH || b.path?.length !== 0 || b.writes !== 0 || b.paramIndex === undefined || !b.declaration) return undefined;
      // the parameters of the one call asked about: what that call passes
      if (call && b.declaration === call.fn) return call.args.get(b.paramIndex);
      // one answer per parameter and depth: hundreds of calls that pass the same parameters on would
      // otherwise each ask again (seconds for a file of 400 such calls)
      let memo = parameterValues.get(sc);
      if (!memo) parameterValues.set(sc, (memo = new Map()));
      const key = `${b.declaration.range[0]}:${b.paramIndex}:${depth}`;
      if (memo.has(key)) return memo.get(key);
      memo.set(key, undefined); // a call chain that comes back to this parameter adds nothing known
      const out: string[] | undefined = [];
      let result: string[] | undefined = out;
      for (const call of callSitesOf(sc, b.declaration)) {
        const arg = call.arguments[b.paramIndex];
        const values = arg && arg.type !== 'SpreadElement' ? valuesFromParameters(sc, arg, depth + 1) : undefined;
        for (const v of values ?? []) if (!out.includes(v)) out.push(v);
        if (out.length > MAX_PARAMETER_URLS) {
          result = undefined;
          break;
        }
      }
      memo.set(key, result);
      return result;
    }
    const def = sc.definingExpression(node);
    return def && def !== node ? valuesFromParameters(sc, def, depth, call) : knownStrings(sc, node);
  }
  const combine = (parts: Array<string[] | undefined>): string[] | undefined => {
    let out = [''];
    for (const part of parts) {
      if (!part) return undefined;
      out = out.flatMap((a) => part.map((b) => a + b));
      if (out.length > MAX_PARAMETER_URLS) return undefined;
    }
    return out;
  };
  if (node.type === 'TemplateLiteral') {
    const parts: Array<string[] | undefined> = [[node.quasis[0].value.cooked ?? '']];
    node.expressions.forEach((e, i) => parts.push(valuesFromParameters(sc, e, depth, call), [node.quasis[i + 1].value.cooked ?? '']));
    return combine(parts);
  }
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    return combine([valuesFromParameters(sc, node.left, depth, call), valuesFromParameters(sc, node.right, depth, call)]);
  }
  return knownStrings(sc, node);
}

/**
 * The strings an expression may take when each is known (`possibleConstants`: a `?:` of constants,
 * `VOICES[name]`, a loop variable over a constant list): a choice among known values is judged by
 * each of them, as a known one is.
 */
function knownStrings(sc: JsSourceCode, expr: JsNode): string[] | undefined {
  const values = sc.possibleConstants(expr);
  if (!values || values.length === 0 || !values.every((v) => typeof v === 'string' || typeof v === 'number')) return undefined;
  return values.map(String);
}

/**
 * A URL the downloading function builds from its parameters (`` const url =
 * `https://models.ente.io/${name}` `` in `downloadModel(saveLocation, name)`), each value the calls of
 * the file give them put in (also through the parameters of the functions that call it: ente's
 * `makeCachedInferenceSession("mobileclip_s2_image_opset18_rgba_opt.onnx", …)` → … → `downloadModel(path,
 * modelName)`): those that name a remote model file, quoted.
 */
function modelUrlsBuiltFromParameters(sc: JsSourceCode, url: JsNode, fn: JsNode): string[] {
  // only a URL built from the function's own parameters: what its callers pass decides it
  if (!builtFromOwnParameters(sc, url, fn)) return [];
  // call by call: the arguments of one call go together (`download('weights', 'model.onnx')` and
  // `download('configs', 'tokenizer.json')` make no `configs/model.onnx`)
  const values: string[] = [];
  const params = 'params' in fn && Array.isArray(fn.params) ? fn.params.length : 0;
  for (const site of callSitesOf(sc, fn)) {
    const args = new Map<number, string[] | undefined>();
    for (let i = 0; i < params; i++) {
      const arg = site.arguments[i];
      args.set(i, arg && arg.type !== 'SpreadElement' ? valuesFromParameters(sc, arg, 1) : undefined);
    }
    for (const v of valuesFromParameters(sc, url, 0, { fn, args }) ?? []) if (!values.includes(v)) values.push(v);
    if (values.length > MAX_PARAMETER_URLS) return [];
  }
  return values.filter((v) => classifyString(v, false).kind === 'remote' && looksLikeModelFile(v.replace(/[?#].*$/, ''))).map((v) => quoted(v));
}

/**
 * A URL picked from values known in the file (`MODEL_URLS[name]` over a constant object), judged by
 * each of them: `'local'` when every one is a relative or same-origin path (with no remote base URL),
 * `'all'` when every one names a remote model file, `'some'` when some do; `undefined` when none
 * does or the values are not known.
 */
function urlChoices(sc: JsSourceCode, url: JsNode, remoteBase: boolean): 'local' | 'all' | 'some' | undefined {
  const values = sc.possibleConstants(url);
  if (!values || values.length === 0) return undefined;
  let local = 0;
  let model = 0;
  for (const v of values) {
    if (typeof v !== 'string') continue;
    if (!remoteBase && classifyString(v, false).kind === 'local') local++;
    else if (looksLikeModelFile(v)) model++;
  }
  if (local === values.length) return 'local';
  return model === values.length ? 'all' : model > 0 ? 'some' : undefined;
}

/**
 * A Hub `…/resolve/<revision>/` URL whose file is not known (`'https://huggingface.co/o/m/resolve/main/'
 * + name`, also with the `/resolve/<revision>/` between parts that are not known:
 * `` `https://huggingface.co/${repo}/resolve/main/${file}` ``): it may be the weights or a
 * configuration. Not when its known end says which file is no model
 * (`` `${hub}/resolve/main/${dir}/config.json` ``).
 */
function hubFileNotKnown(bounds: StringBounds): boolean {
  if (bounds.value !== undefined) return false;
  // the host must be known in full: `https://huggingface.co/…`, not `https://huggingface.co${rest}`
  const host = hostOf(bounds.prefix);
  if (!host || !isHubHost(host) || !/^[a-z]+:\/\/[^/?#]+\//i.test(bounds.prefix)) return false;
  // each part that is not known stands for a name (`${repo}`, `${file}`); `/resolve/` must be known text
  const shape = bounds.parts.join('name');
  return /^[a-z]+:\/\/[^/]+\/[^?#]*\/resolve\/[^/?#]+\//i.test(shape) && looksLikeModelFile(shape);
}

/**
 * Words that say a file is a model's, beside its extension (`ggml-tiny.en.bin`, `pytorch_model.bin`,
 * `weights.bin`, `llama-2-7b.q4_0.bin`): `.bin` alone is any binary (`firmware.bin`, `data.bin`).
 */
const MODEL_NAME_WORDS = /model|weight|ggml|gguf|ggjt|llama|whisper|bert|gpt|mistral|qwen|gemma|checkpoint|ckpt|pytorch|safetensors|onnx|tokeni[sz]er|lora|adapter|embedding|encoder|decoder|q[2-8]_[0-9k]|fp16|int8/i;

/** Prefilter trigger for `modelNamedParameterUrl`: a URL whose text names a model before it ends (`https://models.ente.io/`). */
const MODEL_NAMED_URL_TRIGGER = new RegExp(`https?://[^'"\`\\s$]*(?:${MODEL_NAME_WORDS.source})`, 'i');

/**
 * A download whose URL names a model file by a `.bin` extension alone: no model word in the URL's
 * known text (`https://…/esp32/firmware.bin`), no Hub host, no model word in where the function
 * writes (`"/tmp/firmware.bin"`), no ONNX session in the function and no model library in the file.
 * It may be a model file (low confidence), or any other binary.
 */
function binaryOnly(sc: JsSourceCode, bounds: StringBounds, region: JsNode): boolean {
  const end = (bounds.value ?? bounds.suffix).replace(/[?#].*$/, '');
  if (!/\.bin$/i.test(end)) return false;
  const text = bounds.value ?? bounds.parts.join(' ');
  const host = hostOf(text);
  if (MODEL_NAME_WORDS.test(text) || (host && isHubHost(host))) return false;
  if (importsModelLibrary(sc)) return false;
  let named = false;
  sc.descendants(region, (n) => {
    if (named) return false;
    if (n.type !== 'CallExpression') return undefined;
    // an ONNX session (also the `ort` global of the script-tag build)
    if (isOnnxSessionCreate(sc, n)) named = true;
    const name = calleeName(sc, n);
    const target = name && (WRITERS.has(name) || denoOpensForWriting(sc, n)) ? sc.argument(n, { position: 0 }) : undefined;
    if (target) {
      const b = sc.stringBounds(target);
      if (MODEL_NAME_WORDS.test(b.value ?? b.parts.join(' ')) || MODEL_NAME_WORDS.test(sc.getText(target))) named = true;
    }
    return undefined;
  });
  return !named;
}

/** The known end of a command-line argument (a path): its text, the end after its last part not known, or `pathEnd` of its own expression. */
function argumentEnd(sc: JsSourceCode, arg: Argument): string {
  if (arg.text !== undefined) return arg.text;
  if (arg.whole) return pathEnd(sc, arg.node);
  return arg.shape !== undefined ? arg.shape.slice(arg.shape.lastIndexOf('\u0000') + 1) : '';
}

/**
 * What a `curl` / `wget` download of `url` saved as `output` is, judged as a `fetch` of the same URL
 * would be: a model file by its URL (high confidence when known, medium when only its end is; `.bin`
 * alone outside a model context, low), or by the name it is saved as (medium); a Hub file not known,
 * low; anything else nothing.
 */
function commandDownloadFinding(
  sc: JsSourceCode,
  url: Argument,
  output: Argument | undefined,
  region: JsNode,
): { messageId: 'unverified' | 'unverifiedSink' | 'possiblyModel'; url: string; confidence: Confidence } | undefined {
  const shape = url.shape ?? '';
  const parts = shape.split('\u0000');
  const bounds: StringBounds = url.text !== undefined ? { value: url.text, prefix: url.text, suffix: url.text, parts: [url.text] } : { prefix: parts[0], suffix: parts[parts.length - 1], parts };
  // (a URL not known at all is judged by the file it is saved as)
  if (bounds.prefix !== '' && classifyString(bounds.value ?? bounds.prefix, false).kind === 'local') return undefined;
  const shownUrl = url.text !== undefined ? quoted(url.text) : asCode(url.whole ? sc.getText(url.node) : shape.replace(/\u0000/g, '…'), 60);
  const saved = output ? argumentEnd(sc, output) : '';
  if (looksLikeModelFile((bounds.value ?? bounds.suffix).replace(/[?#].*$/, ''))) {
    if (binaryOnly(sc, bounds, region) && !MODEL_NAME_WORDS.test(saved)) return { messageId: 'possiblyModel', url: shownUrl, confidence: 'low' };
    return { messageId: 'unverified', url: shownUrl, confidence: url.text !== undefined ? 'high' : 'medium' };
  }
  if (looksLikeModelFile(saved) && !namesNoModelFile(bounds.value ?? bounds.suffix, bounds.value !== undefined)) return { messageId: 'unverifiedSink', url: shownUrl, confidence: 'medium' };
  if (hubFileNotKnown(bounds)) return { messageId: 'possiblyModel', url: shownUrl, confidence: 'low' };
  return undefined;
}

/** The bounds of a string nothing is known of. */
const NOT_KNOWN: StringBounds = { prefix: '', suffix: '', parts: ['', ''] };

/** Response bodies read as text (`res.json()`, `.then((r) => r.text())`): a configuration, not model bytes. */
const TEXT_READS = new Set(['json', 'text']);

/** The response of `download` is read as text or JSON, directly, through variables or in a `.then` callback. */
function readAsText(sc: JsSourceCode, download: TSESTree.CallExpression): boolean {
  const textRead = (parent: JsNode | undefined, child: JsNode): boolean => {
    if (parent?.type !== 'MemberExpression' || parent.object !== child || !TEXT_READS.has(staticKey(parent) ?? '')) return false;
    const call = sc.parent(parent);
    return call?.type === 'CallExpression' && call.callee === parent;
  };
  return valueReaches(sc, download, (p, c) => {
    if (textRead(p, c)) return true;
    if (p.type !== 'MemberExpression' || p.object !== c || staticKey(p) !== 'then') return false;
    const call = sc.parent(p);
    const callback = call?.type === 'CallExpression' && call.callee === p ? call.arguments[0] : undefined;
    const param = callback && isFunctionNode(callback) && callback.params[0]?.type === 'Identifier' ? sc.binding(callback.params[0]) : undefined;
    return param !== undefined && sc.references(param).some((ref) => textRead(sc.parent(ref), ref));
  });
}

export default createRule<[], JsSourceCode>({
  name: 'unverified-model-download',
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['javascript'],
    // What `downloadClient` resolves: the global `fetch` (and `node-fetch`, `cross-fetch`, Electron's
    // `net.fetch`…), or a CLIENTS module named in its import (`node:https`, `electron/main`, `bun` too,
    // and Deno's `npm:axios@1`; Tauri's `@tauri-apps/plugin-http`, `@tauri-apps/api/http`, `@tauri-apps/api`)
    // — not the letters in `key` or `gotten`.
    triggers: [
      FILE_DOWNLOAD_TRIGGER,
      /\bfetch\b/,
      /['"`](?:npm:|node:)?(?:axios|got|ky|undici|https?|follow-redirects|electron|bun)(?:@[^'"`/]*)?(?:\/main|\/utility)?['"`]/,
      /['"`](?:npm:)?@tauri-apps(?:@[^'"`/]*)?\/(?:plugin-http|api(?:\/http)?)(?:@[^'"`/]*)?['"`]/,
      /['"`](?:npm:)?@capacitor(?:@[^'"`/]*)?\/(?:core|filesystem|file-transfer)(?:@[^'"`/]*)?['"`]/,
      NODE_LLAMA_CPP_TRIGGER,
      SUBPROCESS_TRIGGER,
    ],
    // And what it reports needs: a URL that `looksLikeModelFile` (or one of the values it may take,
    // or a Hub `/resolve/` URL), or a model sink (`modelSinkIn`: an ONNX session, `tf.io.fromMemory`,
    // or a write to a model-file path).
    // (node-llama-cpp's downloads are of model files whatever their URL says)
    // (or, at low confidence, a URL built from a function's parameters whose known start names a
    // model: `modelNamedParameterUrl`)
    triggerGroups: [[...MODEL_FILE_TRIGGERS, 'InferenceSession', 'fromMemory', NODE_LLAMA_CPP_TRIGGER, MODEL_NAMED_URL_TRIGGER]],
    docs: {
      description:
        'Reports `fetch`/`axios`/`got` (and node-llama-cpp, `curl`/`wget` in a child process, Expo / react-native-fs / react-native-blob-util / ipull / Capacitor file downloads) downloads of model files that are written to disk or loaded without a hash check (`crypto.subtle.digest`, `crypto.createHash`) or Subresource Integrity.',
      recommended: true,
      url: docsUrl('unverified-model-download'),
    },
    messages: {
      unverified: '{{callee}} downloads a model file ({{url}}) and uses it without checking a hash or Subresource Integrity.',
      unverifiedSink: '{{callee}} downloads data that is loaded as a model or saved as a model file without checking a hash or Subresource Integrity.',
      possiblyModel: '{{callee}} downloads {{url}}, which may be a model file, and uses it without checking a hash or Subresource Integrity.',
      // a helper's URL parameter (medium): what its calls in this file pass is known, not what others pass
      // node-llama-cpp: a URI the analysis cannot resolve (low)
      unresolvedModelUri:
        '{{callee}} downloads a model file from {{url}}, which the analysis cannot resolve, and node-llama-cpp checks no hash: unless it is a Hub URI pinned to a commit (`hf:owner/repo/file.gguf#<commit>`), the file can change or be swapped.',
      unverifiedBuilt:
        "{{callee}} downloads a URL its function builds from its parameters (a model file in this file's calls: {{url}}; other callers may pass anything) and uses it without checking a hash or Subresource Integrity.",
      unverifiedPassed:
        "{{callee}} downloads the URL passed to its function (a model file in this file's calls: {{url}}; other callers may pass anything) and uses it without checking a hash or Subresource Integrity.",
    },
    remediation:
      'Pin the expected SHA-256 of the file and compare it before use: `fetch(url, { integrity: "sha256-<base64>" })` in the browser, or `crypto.createHash("sha256")` / `crypto.subtle.digest("SHA-256", bytes)` compared with the pinned digest before writing or loading.',
  },
  create(context) {
    const sc = context.sourceCode;
    /**
     * node-llama-cpp's downloads (its API, or a `pull` command) and `curl` / `wget` run in a child
     * process, by a call or by an execa / zx template: `true` when the node is one.
     */
    const checkCommandDownloads = (node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): boolean => {
      // node-llama-cpp downloads a GGUF model file and saves it, checking its size only (Hub URIs
      // are `hub-download-without-revision`'s: a commit pins them)
      const llama = nodeLlamaCppUriDownloads(sc, node);
      if (llama.length > 0) {
        const region = sc.enclosingFunction(node, { throughPromiseExecutors: true }) ?? sc.ast;
        for (const download of llama) {
          const { read } = download;
          if (read?.uri.kind === 'url') {
            if (hasIntegrityCheck(sc, region)) return true;
            context.report({ node, messageId: 'unverified', data: { callee: download.api, url: download.shown }, confidence: read.value !== undefined && !read.overridable ? 'high' : 'medium' });
          } else if (!read && (!download.mayBePath || namedLikeUrl(download.node))) {
            // nothing known of it: a Hub URI (pinned or not) or any URL; `resolveModelFile(modelPath)` may be a local file
            if (hasIntegrityCheck(sc, region)) return true;
            context.report({ node, messageId: 'unresolvedModelUri', data: { callee: download.api, url: download.shown }, confidence: 'low' });
          }
        }
        return true;
      }
      // `curl` / `wget` run in a child process (`execFileSync("curl", ["-L", "-o", "m.bin", url])`,
      // `` await $`curl -L -o m.bin ${url}` ``)
      const commands = commandDownloads(sc, node);
      if (commands.length > 0) {
        const region = sc.enclosingFunction(node, { throughPromiseExecutors: true }) ?? sc.ast;
        if (hasIntegrityCheck(sc, region) || checksumCommandIn(sc, region)) return true;
        for (const d of commands) {
          const found = commandDownloadFinding(sc, d.url, d.output, region);
          if (found) context.report({ node, messageId: found.messageId, data: { callee: d.api, url: found.url }, confidence: found.confidence });
        }
        return true;
      }
      return false;
    };
    return {
      TaggedTemplateExpression(node: TSESTree.TaggedTemplateExpression) {
        checkCommandDownloads(node);
      },
      CallExpression(node: TSESTree.CallExpression) {
        if (checkCommandDownloads(node)) return;
        // a library that saves the URL to a file itself (Expo's `FileSystem.downloadAsync(url, fileUri)`,
        // `RNFS.downloadFile({ fromUrl, toFile })`, ipull's `downloadFile`): judged as `curl -o` is
        const file = fileDownload(sc, node);
        if (file) {
          // (a file of the app itself: a bundled asset's URI, a relative or loopback URL)
          if (classifyLocation(sc, file.url).kind === 'local') return;
          const region = sc.enclosingFunction(node, { throughPromiseExecutors: true }) ?? sc.ast;
          const found = commandDownloadFinding(sc, argumentOf(sc, file.url), file.output && argumentOf(sc, file.output), region);
          // (a hash of a file, `RNFS.hash(path, "sha256")`, checks the download when it reads the file it saved)
          if (!found || hasIntegrityCheck(sc, region, file.output)) return;
          context.report({ node, messageId: found.messageId, data: { callee: file.callee ?? calleeText(sc, node), url: found.url }, confidence: found.confidence });
          return;
        }
        const client = downloadClient(sc, node);
        if (!client) return;
        const url = urlArgument(sc, node);
        if (!url) return;
        // A HEAD request reads metadata, no bytes.
        const method = sc.argument(node, { name: 'method' });
        if (method && typeof sc.constant(method) === 'string' && (sc.constant(method) as string).toUpperCase() === 'HEAD') return;
        // a path against an instance's remote base URL (`axios.create({ baseURL })`) is remote too
        const base = remoteBase(sc, node);
        const location = classifyLocation(sc, url);
        if (location.kind === 'local' && !base) return;
        // (a parameter whose local default the file's own calls replace with a remote URL — `classifyLocation`
        // reads what they pass: `export async function fetchModel(url = LOCAL_URL)` called as
        // `fetchModel("https://…/model.onnx")` — is judged by what the calls pass, as one without a default is)
        const ownBounds = sc.stringBounds(url);
        const overLocalDefault = location.kind !== 'local' && ownBounds.value !== undefined && classifyString(ownBounds.value, false).kind === 'local';
        const bounds: StringBounds = overLocalDefault ? NOT_KNOWN : ownBounds;
        // a URL looked up among known values (`MODEL_URLS[name]`) is judged by each of them
        const choices = bounds.value === undefined && !overLocalDefault ? urlChoices(sc, url, base !== undefined) : undefined;
        if (choices === 'local') return;
        // the defaults of a URL the environment may override (`process.env.MODEL_URL || "https://…/m.onnx"`)
        // (not the values of the function's own parameter: what its calls pass is read below, `modelUrlsFromCallers`)
        const defaults = bounds.value === undefined && location.overridable && !isOwnParameter(sc, url, sc.enclosingFunction(node, { throughPromiseExecutors: true }) ?? sc.ast) ? location.values : undefined;
        // the function whose call downloads: a `new Promise((resolve, reject) => …)` executor runs as
        // part of the helper that makes the promise (`function download(url, dest) { return new Promise(…) }`)
        const region = sc.enclosingFunction(node, { throughPromiseExecutors: true }) ?? sc.ast;
        const modelUrl =
          choices === 'all' || (defaults !== undefined && defaults.every((v) => looksLikeModelFile(v))) || looksLikeModelFile(bounds.value ?? bounds.suffix.replace(/[?#].*$/, ''));
        let passed: string[] = [];
        let messageId: 'unverified' | 'unverifiedSink' | 'possiblyModel' | 'unverifiedPassed' | 'unverifiedBuilt';
        // the URL is the function's parameter itself, or built from its parameters (`https://models.ente.io/${name}`)
        const passedId = (): 'unverifiedPassed' | 'unverifiedBuilt' => (isOwnParameter(sc, url, region) ? 'unverifiedPassed' : 'unverifiedBuilt');
        let confidence: Confidence;
        if (modelUrl && choices !== 'all' && defaults === undefined && binaryOnly(sc, bounds, region)) {
          // `.bin` alone, outside any model context: it may be a model file, or a firmware image
          messageId = 'possiblyModel';
          confidence = 'low';
        } else if (modelUrl) {
          messageId = 'unverified';
          // (a URL that may be replaced — a default, an exported class's field — is not certain)
          confidence = bounds.value !== undefined && !location.overridable ? 'high' : 'medium';
        } else if (
          valueReaches(sc, node, (p, c) => isModelSinkOf(sc, p, c)) ||
          (modelSinkIn(sc, region) && !readAsText(sc, node) && !namesNoModelFile(bounds.value ?? bounds.suffix, bounds.value !== undefined))
        ) {
          // a sink the bytes reach, or one in the same function, directly or through a function of
          // this file (`return initializeModel(buffer)`, `this.createSession(bytes)`): not for a
          // response read as text or JSON, or a file evidently no model (`config.json`, `vocab.txt`),
          // that reaches none (a session built beside it from other bytes)
          messageId = 'unverifiedSink';
          confidence = 'medium';
          // a helper that downloads its URL parameter: the model-file URLs its calls in this file
          // pass are named (`download("https://…/llama-2-7b-chat.q4_0.bin")`)
          if (bounds.value === undefined && region !== sc.ast && (passed = modelUrlsFromCallers(sc, url, region)).length > 0) messageId = passedId();
        } else {
          // A helper that returns the bytes: reported when a caller hands them to a model sink.
          const sinks = region !== sc.ast ? wrapperSinkRegions(sc, node, url, region) : [];
          // set when a call of this helper passes more values than the analysis lists (a loop over 40 file names)
          const callers = { truncated: false };
          if (sinks.some((r) => hasIntegrityCheck(sc, r))) return;
          if (sinks.length > 0) {
            messageId = 'unverifiedSink';
            confidence = 'medium';
          } else if (
            bounds.value === undefined &&
            region !== sc.ast &&
            !readAsText(sc, node) &&
            !valueReaches(sc, node, (p, c) => returnedFrom(sc, region, p, c)) &&
            (passed = modelUrlsFromCallers(sc, url, region, callers)).length > 0
          ) {
            // A helper that downloads its URL parameter and keeps the bytes (writes them to a path it
            // is given): the model-file URLs its calls in this file pass (a helper that returns the
            // bytes is judged by what its callers do with them, above). Other callers may pass
            // anything: medium, and the message says so.
            messageId = passedId();
            confidence = 'medium';
          } else if ((choices === 'some' || hubFileNotKnown(bounds) || callers.truncated || location.cut) && !readAsText(sc, node)) {
            // Some of the values it may take name a model file, or a Hub file that is not known, or a
            // call passes more values than the analysis lists, or the URL is one the analysis gave up
            // on at a bound (a loop over more than 1,024 known URLs, a `?:` chain too deep) (DETECTION:
            // never silently drop): the analysis cannot tell, so low confidence rather than nothing.
            messageId = 'possiblyModel';
            confidence = 'low';
          } else if (bounds.value === undefined && region !== sc.ast && !readAsText(sc, node) && modelNamedParameterUrl(sc, node, client, url, bounds, region)) {
            // A URL on a known host built from the function's parameters, where the host or the
            // function names a model (`downloadModel(saveLocation, name)` fetching
            // `https://models.ente.io/${name}`), and no call in the file says which file: low.
            messageId = 'possiblyModel';
            confidence = 'low';
          } else return;
        }
        if (hasIntegrityCheck(sc, region)) return;
        context.report({
          node,
          messageId,
          // a known URL in quotes, one only partly known (`${base}/model.onnx`, `MODEL_URL`) as code
          data: {
            callee: calleeText(sc, node),
            url: bounds.value !== undefined ? quoted(bounds.value) : defaults ? quotedValues(defaults) : passed.length > 0 ? passed.slice(0, 3).join(' or ') + (passed.length > 3 ? ' or …' : '') : asCode(sc.getText(url), 60),
          },
          confidence,
        });
      },
    };
  },
});
