/**
 * Small helpers shared by the rules of this plugin. They only combine answers of the semantic
 * model (`context.sourceCode`); none of them resolves names or imports itself.
 */
import { UNKNOWN, type Confidence, type ConstantValue, type RuleContext, type RuleFixer, type Fix, type SuggestionDescriptor } from '@oculum/core';
import { DepthBoundMemo, firstStartingAt, isWebRequestClass, isWebUploadClass, type PythonBinding, type PythonNode, type PythonParameter, type PythonSourceCode } from '@oculum/lang-python';

export type Node = PythonNode;
export type SC = PythonSourceCode;
export type Context = RuleContext<unknown[], PythonSourceCode>;

/**
 * The first of the candidate names in `among`. The language lists a Python 3 name first: `try: import
 * cPickle as pickle / except ImportError: import pickle` gives `pickle.loads`, then `cPickle.loads`.
 */
export function firstAmong(names: readonly string[], among: { has(name: string): boolean }): string | undefined {
  return names.find((name) => among.has(name));
}

/**
 * The qualified name of the function a call calls (`torch.load`), or undefined. With `among`, the
 * first of the callee's candidate names (`try: import cPickle as pickle / except: import pickle`
 * gives two; a Python 3 one first) that is in `among`.
 */
export function calleeName(sc: SC, call: Node, among?: { has(name: string): boolean }): string | undefined {
  const callee = sc.callee(call);
  if (!callee) return undefined;
  if (!among) return sc.qualifiedName(callee);
  // On some path: `torch.load if bin else load_safetensors` (a local def) may still be `torch.load`.
  return firstAmong(sc.possibleQualifiedNames(callee), among);
}

/** Like `calleeName(sc, call, among)` for any expression (`torch.load` passed as a value). */
export function nameAmong(sc: SC, expr: Node, among: { has(name: string): boolean }): string | undefined {
  return firstAmong(sc.qualifiedNames(expr), among);
}

/** Python truthiness of a constant. */
export function truthy(v: ConstantValue): boolean {
  if (v === null || v === false || v === 0 || v === '' || v === 0n) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/**
 * The state of a boolean flag argument: `absent` (not passed), `true`/`false` (statically known,
 * by Python truthiness), or `unknown`.
 */
export type FlagState = 'absent' | 'true' | 'false' | 'unknown';

export function flagState(sc: SC, arg: Node | undefined): FlagState {
  if (!arg) return 'absent';
  const v = sc.constant(arg);
  if (v === UNKNOWN) return 'unknown';
  return truthy(v) ? 'true' : 'false';
}

/**
 * The state a flag that `flagState` cannot resolve has unless the program's user (or a subclass)
 * overrides it: the default of a command-line option (`weights_only=args.weights_only` after
 * `add_argument("--weights-only", type=bool, default=False)`) or of a dataclass or settings field, by
 * lang-python's `defaultValue` (review science P3-1); or an attribute of a class of this file whose every
 * assignment in the file is a constant of that state (`class Store: ALLOW = True` read as `self.ALLOW`,
 * review rag P3-3). `unknown` otherwise, and for `None` (a library's own default, not a value of the
 * flag). Rules report a flag unsafe this way at medium confidence, never at full.
 */
export function defaultFlagState(sc: SC, arg: Node | undefined): FlagState {
  if (!arg) return 'absent';
  const v = sc.defaultValue(arg);
  if (v !== UNKNOWN && v !== null) return truthy(v) ? 'true' : 'false';
  if (arg.type !== 'attribute') return 'unknown';
  const values = (sc.attributeValues(arg) ?? []).map((n) => sc.constant(n));
  if (values.length === 0 || values.some((x) => x === UNKNOWN || x === null)) return 'unknown';
  const states = new Set(values.map((x) => (truthy(x as ConstantValue) ? 'true' : 'false')));
  return states.size === 1 ? [...states][0] : 'unknown';
}

/** Nodes the grammar puts between arguments that are no argument: comments and `\` line continuations. */
const NOT_ARGUMENT = new Set(['comment', 'line_continuation']);

/** The argument list's last argument node (for inserting a keyword after it). */
export function lastArgument(call: Node): Node | undefined {
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'argument_list') return undefined;
  const named = args.namedChildren.filter((c): c is Node => !!c && !NOT_ARGUMENT.has(c.type));
  return named[named.length - 1];
}

/**
 * A fix that appends `, keyword=value` right after the last argument of a call (none for `f()`), also
 * when a `\` continuation or a comment follows it (`torch.load("m.pt" \` … `)`).
 */
export function appendKeyword(call: Node, text: string): ((fixer: RuleFixer) => Fix | null) | undefined {
  const last = lastArgument(call);
  if (!last) return undefined;
  return (fixer) => fixer.insertTextAfter(last, `, ${text}`);
}

/**
 * Removes a `keyword_argument` node with one comma beside it, keeping every comment where it was and
 * the layout tidy:
 * - alone on its line (`    allow_pickle=True,`), the line goes; a comment after it stays on that
 *   line (`    # legacy object arrays`);
 * - followed by another argument (`f(a, k=v, b)`), the keyword, its comma and the blank after it;
 * - the last argument (`f(a, k=v)`, `f(a , k = v , )`), from the end of the argument before it to the
 *   closing parenthesis on its line: `f(a)`; with a comment or `\` continuation in between, only its
 *   comma and itself.
 */
export function removeKeywordArgument(sc: SC, kw: Node): (fixer: RuleFixer) => Fix | Fix[] {
  return (fixer) => {
    const text = sc.text;
    const [start, end] = sc.getRange(kw);
    const tokens = (kw.parent?.children ?? []).filter((c): c is Node => !!c);
    const at = tokens.findIndex((c) => c.startIndex === start && c.endIndex === end);
    const before = tokens[at - 1]?.type === ',' ? tokens[at - 1] : undefined;
    const after = tokens[at + 1]?.type === ',' ? tokens[at + 1] : undefined;
    const next = tokens[after ? at + 2 : at + 1];
    const stop = after ? sc.getRange(after)[1] : end;
    const blankFrom = (i: number) => {
      let e = i;
      while (text[e] === ' ' || text[e] === '\t') e++;
      return e;
    };
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const lineEnd = text.indexOf('\n', stop) < 0 ? text.length : text.indexOf('\n', stop);
    const rest = blankFrom(stop);
    if (/^[ \t]*$/.test(text.slice(lineStart, start)) && (rest === lineEnd || text[rest] === '#')) {
      // alone on its line: the line goes, or the keyword up to the comment that stays
      return fixer.remove(text[rest] === '#' ? [start, rest] : [lineStart, Math.min(lineEnd + 1, text.length)]);
    }
    if (after && next && next.type !== ')') {
      // `f(a, k=v,` then `b)` on the next line: the blank before it goes rather than the one after the comma
      if (rest === lineEnd && before && /^[ \t]*$/.test(text.slice(sc.getRange(before)[1], start))) return fixer.remove([sc.getRange(before)[1], stop]);
      return fixer.remove([start, rest]);
    }
    const closing = text[rest] === ')' ? rest : stop;
    if (!before) return fixer.remove([start, closing]);
    const prev = tokens[tokens.indexOf(before) - 1];
    if (prev && !NOT_ARGUMENT.has(prev.type) && prev.type !== '(' && !text.slice(prev.endIndex, start).includes('#')) {
      return fixer.remove([sc.getRange(prev)[1], closing]);
    }
    // a comment or continuation before it: the comma before it, and the keyword with its own comma
    // (with the blank between them when they share a line)
    const [commaStart, commaEnd] = sc.getRange(before);
    if (/^[ \t]*$/.test(text.slice(commaEnd, start))) return fixer.remove([commaStart, stop]);
    return [fixer.remove([commaStart, commaEnd]), fixer.remove([start, stop])];
  };
}

/**
 * The suggestion that makes a torch loader's call pass `weights_only=True`: append the keyword
 * (`addWeightsOnly`); where the call writes `weights_only=<value>` (None, a constant), set it there
 * (`setWeightsOnly`); where that value is a parameter of the enclosing function whose default is
 * `None`, make its default True instead (`defaultWeightsOnly`), so callers that pass it keep their choice.
 */
export function weightsOnlySuggestion(sc: SC, call: Node): SuggestionDescriptor | undefined {
  const written = explicitKeyword(call, 'weights_only')?.childForFieldName('value');
  if (!written) {
    const fix = appendKeyword(call, 'weights_only=True');
    if (!fix) return undefined;
    // `model = torch.load(p); model.eval()`: a whole pickled module, which weights_only=True cannot load
    const use = wholeModuleUse(sc, call);
    return use ? { messageId: 'addWeightsOnlyModule', data: { use }, fix } : { messageId: 'addWeightsOnly', fix };
  }
  const parameter = written.type === 'identifier' ? sc.parameterOf(written) : undefined;
  const fallback = parameter?.default;
  if (parameter && fallback && fallback.type === 'none' && sc.reachingBindings(written).every((b) => b.kind === 'parameter')) {
    return { messageId: 'defaultWeightsOnly', data: { name: parameter.name }, fix: (fixer) => fixer.replaceText(fallback, 'True') };
  }
  return { messageId: 'setWeightsOnly', data: { value: sc.getText(written) }, fix: (fixer) => fixer.replaceText(written, 'True') };
}

/**
 * The ancestors of a node, nearest first, found from the root down (`childWithDescendant`): linear in
 * the depth. web-tree-sitter finds a node's `parent` from the root at each call, so a walk up by
 * `.parent` is quadratic in the depth (review ray P3-1: `torch.load` inside 8,000 parentheses, 17.8 s).
 */
export function ancestorsOf(node: Node): Node[] {
  const chain: Node[] = [];
  let at: Node | null = node.tree.rootNode;
  while (at && at.id !== node.id) {
    chain.push(at);
    at = at.childWithDescendant(node);
  }
  // (a node not under the root, which does not happen: no ancestors known)
  return at ? chain.reverse() : [];
}

/** Methods of an `nn.Module` that neither a tensor nor a dict of tensors has. */
const MODULE_METHODS = new Set(['eval', 'train', 'parameters', 'named_parameters', 'forward', 'state_dict', 'modules', 'named_modules', 'children', 'zero_grad', 'load_state_dict']);

/** How many uses after a load `wholeModuleUse` reads (a suggestion's wording: bounded, never the whole function). */
const MODULE_USES_READ = 4;

/**
 * How the code uses what a load returns as a whole module (`model.eval()`, `model(x)`,
 * `torch.load(p).eval()`), as text for a message; undefined when it does not (a state dict, tensors).
 */
export function wholeModuleUse(sc: SC, call: Node): string | undefined {
  const used = (expr: Node, shown: string): string | undefined => {
    const up = ancestorsOf(expr);
    let i = 0;
    while (up[i]?.type === 'parenthesized_expression') i++;
    const at = i > 0 ? up[i - 1] : expr;
    const p = up[i];
    if (p?.type === 'attribute' && p.childForFieldName('object')?.id === at.id && p.parent?.type === 'call') {
      const name = p.childForFieldName('attribute')?.text ?? '';
      if (MODULE_METHODS.has(name)) return `${shown}.${name}()`;
    }
    if (p?.type === 'call' && p.childForFieldName('function')?.id === at.id) return `${shown}(…)`;
    return undefined;
  };
  const direct = used(call, 'torch.load(…)');
  if (direct) return direct;
  const up = ancestorsOf(call);
  let i = 0;
  while (up[i]?.type === 'parenthesized_expression') i++;
  const at = i > 0 ? up[i - 1] : call;
  const assignment = up[i];
  const target = assignment?.type === 'assignment' && assignment.childForFieldName('right')?.id === at.id ? assignment.childForFieldName('left') : undefined;
  if (target?.type !== 'identifier') return undefined;
  // the first uses of the name after the load that this binding reaches (in source order)
  const refs = sc.references(target, { readsOnly: true });
  let lo = 0;
  let hi = refs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (refs[mid].startIndex < assignment!.endIndex) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo, read = 0; i < refs.length && read < MODULE_USES_READ; i++) {
    const ref = refs[i];
    if (!sc.reachingBindings(ref).some((b) => b.value?.id === call.id)) break;
    read++;
    const use = used(ref, target.text);
    if (use) return use;
  }
  return undefined;
}


/** The suggestions' messages of `weightsOnlySuggestion`, for a rule's `meta.messages`. */
export const WEIGHTS_ONLY_SUGGESTIONS = {
  addWeightsOnly: 'Add `weights_only=True` (checkpoints that pickle more than tensors will stop loading).',
  addWeightsOnlyModule:
    'Add `weights_only=True`: this file holds a whole pickled model (`{{use}}`), which it cannot load. Re-save the model\'s `state_dict()` (or safetensors) from a trusted copy, build the model in code and load that instead.',
  setWeightsOnly: 'Set `weights_only=True` in place of `{{value}}` (checkpoints that pickle more than tensors will stop loading).',
  defaultWeightsOnly:
    'Make the parameter `{{name}}` default to True, so that callers that pass nothing load with `weights_only=True` (checkpoints that pickle more than tensors will stop loading).',
} as const;

/** The keyword_argument node whose name is `name`, written explicitly in the call. */
export function explicitKeyword(call: Node, name: string): Node | undefined {
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'argument_list') return undefined;
  for (const a of args.namedChildren) {
    if (a && a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name) return a;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Where data comes from

export type Origin = 'literal' | 'parameter' | 'network' | 'user' | 'unknown';

export const NETWORK_CALLS = new Set([
  'requests.get',
  'requests.post',
  'requests.request',
  'requests.Session.get',
  'httpx.get',
  'httpx.post',
  // Pixee's drop-in `requests` wrapper (`from security import safe_requests`)
  'security.safe_requests.get',
  'security.safe_requests.post',
  'security.safe_requests.request',
  'urllib.request.urlopen',
  'urllib.request.urlretrieve',
  'urllib.urlopen',
  'urllib2.urlopen',
  'wget.download',
  'huggingface_hub.hf_hub_download',
  'huggingface_hub.snapshot_download',
  'huggingface_hub.cached_download',
  'torch.hub.download_url_to_file',
  'boto3.client',
  'gdown.download',
  'fsspec.open',
  'smart_open.open',
  // huggingface_sb3's `load_from_hub(repo_id, filename)`: `hf_hub_download` of a stable-baselines3 agent
  'huggingface_sb3.load_from_hub',
  'huggingface_sb3.load_from_hub.load_from_hub',
]);

/**
 * Model servers' and trackers' fetches of a model (directory) from S3/GCS/Azure/HTTP or a tracking
 * server: network data for `dataOrigin` (beside `NETWORK_CALLS`, whose modules other rules' prefilters list).
 */
const REMOTE_FETCH_CALLS = new Set([
  // model servers' and trackers' fetch of a model directory from S3/GCS/Azure/HTTP or a tracking server
  'kserve.Storage.download',
  'kserve.storage.Storage.download',
  'kserve.storage.storage.Storage.download',
  'seldon_core.storage.Storage.download',
  'mlflow.artifacts.download_artifacts',
  'mlflow.tracking.artifact_utils._download_artifact_from_uri',
  'clearml.StorageManager.get_local_copy',
  'clearml.storage.StorageManager.get_local_copy',
  'wandb.use_model',
  // Airflow's S3 hook: `S3Hook().download_file(key=…, bucket_name=…)` (a local copy of the object) and
  // `read_key` (its content) (review ray P3-5)
  'airflow.providers.amazon.aws.hooks.s3.S3Hook.download_file',
  'airflow.providers.amazon.aws.hooks.s3.S3Hook.read_key',
  'airflow.hooks.S3_hook.S3Hook.download_file',
  'airflow.hooks.S3_hook.S3Hook.read_key',
  // Keras' `get_file(fname, origin)`: downloads `origin` (its hash is checked only when `file_hash` is
  // given; the file is still what that URL served) (review robotics P3-2)
  'keras.utils.get_file',
  'keras.utils.data_utils.get_file',
  'keras.src.utils.file_utils.get_file',
  'tensorflow.keras.utils.get_file',
  'tf_keras.utils.get_file',
  // torch.hub's cache directory (`f"{torch.hub.get_dir()}/checkpoints/{fn}"`: ESM's fallback after
  // `load_state_dict_from_url`): what is there, `torch.hub` downloaded
  'torch.hub.get_dir',
]);

/** Methods (by the class or factory of their receiver) that fetch an object or a directory from a remote store. */
const NETWORK_METHODS = new Set([
  'mlflow.MlflowClient.download_artifacts',
  'mlflow.tracking.MlflowClient.download_artifacts',
  'mlflow.client.MlflowClient.download_artifacts',
  'clearml.StorageManager.get_local_copy',
]);

/**
 * Methods that fetch what a tracker or registry stores, with the calls their receiver must come from
 * (anywhere along its chain, `wandb.Api().artifact(name).download()`, or a name bound to one):
 * W&B's `Artifact.download()` of `Api().artifact(…)` / `run.use_artifact(…)`, and `run.use_model(…)`
 * (a path to the downloaded model); ClearML's `get_local_copy()` of an `InputModel`/`Model`, a task's
 * artifact, or a `StorageManager`.
 */
const TRACKER_FETCHES: ReadonlyArray<{ methods: ReadonlySet<string>; from: RegExp }> = [
  { methods: new Set(['download']), from: /^wandb\.(?:[\w.]+\.)?(?:artifact|use_artifact)$/ },
  { methods: new Set(['use_model']), from: /^wandb(?:\.|$)/ },
  { methods: new Set(['get_local_copy', 'get_weights', 'get_weights_package']), from: /^clearml(?:\.|$)/ },
];

/** boto3's resource API: `s3.Object(bucket, key).get()` (then `["Body"].read()`), also of `Bucket(b).Object(k)`. */
const BOTO3_RESOURCE_OBJECT = /^(?:boto3|aioboto3)\.(?:[\w.]+\.)?resource(?:\.[\w]+)*\.(?:Object|ObjectSummary)$/;
/** Filesystems of remote object stores (fsspec's drivers): what they open is fetched over the network. */
const REMOTE_FILESYSTEMS = /^(?:s3fs(?:\.core)?\.S3FileSystem|gcsfs(?:\.core)?\.GCSFileSystem|adlfs\.AzureBlobFileSystem|adlfs\.AzureDatalakeFileSystem|fsspec\.implementations\.http\.HTTPFileSystem)$/;
/** fsspec filesystem methods that read an object's bytes or open it. */
const FILESYSTEM_READS = new Set(['open', 'cat', 'cat_file', 'read_bytes', 'read_text', 'get', 'get_file']);
/** A URI of a remote store or a web server (`s3://`, `gs://`, `https://`, …), as fsspec names them. */
const REMOTE_URI = /^(?:s3a?|gs|gcs|az|abfss?|adl|https?|hf|ftp|sftp):\/\//i;
/** fsspec protocol names of remote stores (`fsspec.filesystem("s3")`). */
const REMOTE_PROTOCOLS = new Set(['s3', 's3a', 'gs', 'gcs', 'az', 'abfs', 'abfss', 'adl', 'http', 'https', 'hf', 'ftp', 'sftp']);

/**
 * The names of the calls an expression's value comes from, along its receiver chain and through the
 * names it is bound to (`a = wandb.Api().artifact(n)` … `a.download()` gives `wandb.Api.artifact`,
 * `wandb.Api`): each call's qualified name and the class names of its receiver (`instanceQualifiedNames`).
 * Depth-bounded; at most a few names per step.
 */
function chainCallNames(sc: SC, expr: Node | undefined, depth = 0, out: string[] = []): string[] {
  if (!expr || depth > 4 || out.length > 32) return out;
  switch (expr.type) {
    case 'call': {
      const callee = sc.callee(expr);
      if (!callee) return out;
      const q = sc.qualifiedName(callee);
      if (q) out.push(q);
      if (callee.type === 'attribute') {
        out.push(...sc.instanceQualifiedNames(callee));
        chainCallNames(sc, callee.childForFieldName('object') ?? undefined, depth + 1, out);
      }
      return out;
    }
    case 'attribute':
      return chainCallNames(sc, expr.childForFieldName('object') ?? undefined, depth + 1, out);
    case 'subscript':
      return chainCallNames(sc, expr.childForFieldName('value') ?? undefined, depth + 1, out);
    case 'parenthesized_expression':
    case 'await':
      return chainCallNames(sc, expr.namedChildren.find((c): c is Node => !!c && c.type !== 'comment'), depth + 1, out);
    case 'identifier': {
      const reaching = sc.reachingBindings(expr);
      for (const b of reaching.slice(0, 4)) if ((b.kind === 'assignment' || b.kind === 'with') && b.value) chainCallNames(sc, b.value, depth + 1, out);
      return out;
    }
    default:
      return out;
  }
}

/**
 * A call that fetches from a tracker, a registry or a remote object store by a method of what its
 * receiver holds (see `TRACKER_FETCHES`, `BOTO3_RESOURCE_OBJECT`, `REMOTE_FILESYSTEMS`), or
 * `dvc.api.open/read` of another repository (`repo=`, a Git URL: not the local workspace).
 */
function isRemoteFetch(sc: SC, call: Node, callee: Node): boolean {
  const q = sc.qualifiedName(callee);
  if (q === 'dvc.api.open' || q === 'dvc.api.read') {
    const repo = sc.argument(call, { name: 'repo', position: 1 });
    if (!repo) return false;
    const v = sc.constant(repo);
    if (v === null) return false;
    // a local clone (`repo="."`, `repo="../models"`) is the workspace's files; a URL or an unknown one is not
    return typeof v !== 'string' || /^(?:[\w+.-]+:\/\/|git@)/.test(v);
  }
  if (callee.type !== 'attribute') return false;
  const method = callee.childForFieldName('attribute')?.text ?? '';
  if (sc.instanceQualifiedNames(callee).some((n) => NETWORK_METHODS.has(n))) return true;
  const object = callee.childForFieldName('object') ?? undefined;
  if (!object || sc.localFunction(call) || isMethodReceiverOf(sc, callee)) return false;
  const tracker = TRACKER_FETCHES.filter((t) => t.methods.has(method));
  const fsRead = FILESYSTEM_READS.has(method);
  if (tracker.length === 0 && method !== 'get' && !fsRead) return false;
  const names = chainCallNames(sc, object);
  if (tracker.some((t) => names.some((n) => t.from.test(n)))) return true;
  // `boto3.resource("s3").Object(b, k).get()`
  if (method === 'get' && names.some((n) => BOTO3_RESOURCE_OBJECT.test(n))) return true;
  if (fsRead) {
    // `s3fs.S3FileSystem().open(key)`, `fsspec.filesystem("s3").open(p)`, any filesystem's `open("s3://…")`
    const own = object.type === 'call' ? [object] : object.type === 'identifier' ? sc.reachingBindings(object).map((b) => b.value).filter((v): v is Node => v?.type === 'call') : [];
    for (const made of own) {
      const maker = calleeName(sc, made);
      if (maker && REMOTE_FILESYSTEMS.test(maker)) return true;
      if (maker === 'fsspec.filesystem' || maker === 'fsspec.core.url_to_fs') {
        const proto = sc.constant(sc.argument(made, { name: maker === 'fsspec.filesystem' ? 'protocol' : 'url', position: 0 }) ?? made);
        if (typeof proto === 'string' && (REMOTE_PROTOCOLS.has(proto.toLowerCase()) || REMOTE_URI.test(proto))) return true;
      }
    }
    const uriArg = sc.argument(call, { name: 'path', position: 0 });
    const uri = uriArg ? sc.constant(uriArg) : undefined;
    if (typeof uri === 'string' && REMOTE_URI.test(uri) && names.some((n) => /^(?:fsspec|s3fs|gcsfs|adlfs)(?:\.|$)/.test(n))) return true;
  }
  return false;
}

/**
 * An imported function named `load_file_from_url` (not one of the file's own): BasicSR's download helper
 * (`torch.hub.download_url_to_file` into a model directory, returning the file's path), which
 * facexlib and A1111/Forge's `modules.modelloader` copy and many projects vendor under their own package.
 */
const DOWNLOAD_HELPER = /(?:^|\.)(?:load_file_from_url|modelloader\.load_models|download_cached_file)$/;

/**
 * Downloads that write a file, with the argument that names it: `download_url_to_file(url, dst)`,
 * `urlretrieve(url, filename)`, `wget.download(url, out)`, `gdown.download(url, output)`.
 */
const DOWNLOADS_TO_FILE: ReadonlyMap<string, { name: string; position: number }> = new Map([
  ['torch.hub.download_url_to_file', { name: 'dst', position: 1 }],
  ['urllib.request.urlretrieve', { name: 'filename', position: 1 }],
  ['urllib.urlretrieve', { name: 'filename', position: 1 }],
  ['wget.download', { name: 'out', position: 1 }],
  ['gdown.download', { name: 'output', position: 1 }],
]);
/**
 * Cloud storage methods that write an object to a file (in a file that imports the SDK): Google Cloud
 * Storage's `blob.download_to_filename(filename)`, boto3's `s3.download_file(Bucket, Key, Filename)` (of a
 * bucket: `download_file(Key, Filename)`) and `download_fileobj(…, Fileobj)`: the file is the last argument.
 */
const CLOUD_DOWNLOADS_TO_FILE = new Map([
  ['download_to_filename', 'filename'],
  ['download_file', 'Filename'],
  ['download_fileobj', 'Fileobj'],
]);

/** `downloadedFiles` per function. */
const downloadedFilesCache = new WeakMap<object, Map<number, Map<string, Node>>>();

/**
 * The names of the files the downloads of a function write (`DOWNLOADS_TO_FILE`, `CLOUD_DOWNLOADS_TO_FILE`),
 * by `fileKey` (`dst`; `tmp` for `tmp.name`; a literal path by its value), each with the node of its first such
 * download.
 */
function downloadedFiles(sc: SC, fn: Node): Map<string, Node> {
  let byFunction = downloadedFilesCache.get(sc);
  if (!byFunction) downloadedFilesCache.set(sc, (byFunction = new Map()));
  let files = byFunction.get(fn.id);
  if (files) return files;
  files = new Map();
  // (set first: the origin of what a write writes may ask about this function's files again)
  byFunction.set(fn.id, files);
  for (const call of sc.callsIn(fn)) {
    const callee = sc.callee(call);
    if (!callee) continue;
    let dest: Node | undefined;
    const q = sc.qualifiedName(callee);
    const known = q ? DOWNLOADS_TO_FILE.get(q) : undefined;
    if (known) dest = sc.argument(call, known);
    else if (callee.type === 'attribute') {
      const keyword = CLOUD_DOWNLOADS_TO_FILE.get(callee.childForFieldName('attribute')?.text ?? '');
      if (keyword && importsCloudStorage(sc) && !sc.localFunction(call)) {
        const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment' && a.type !== 'keyword_argument');
        dest = sc.argument(call, { name: keyword }) ?? args[args.length - 1];
      }
    }
    // `with open(tmp, "wb") as f: f.write(requests.get(url).content)`, `shutil.copyfileobj(resp, f)`,
    // `Path(p).write_bytes(r.content)`: bytes from the network written to the file (a write that certainly
    // runs before the use: see `writtenByDownload`)
    if (!dest) {
      const written = networkWriteTarget(sc, call, callee);
      if (written) {
        const wkey = fileKey(sc, written);
        if (wkey && !files.has(wkey)) {
          files.set(wkey, written);
          let writes = networkWrites.get(sc);
          if (!writes) networkWrites.set(sc, (writes = new Map()));
          writes.set(written.id, call);
        }
      }
      continue;
    }
    // `tmp.name` of a temporary file: the file object itself is what is read
    const root = dest?.type === 'attribute' && dest.childForFieldName('attribute')?.text === 'name' ? dest.childForFieldName('object') : dest;
    const key = root ? fileKey(sc, root) : undefined;
    if (key && !files.has(key)) files.set(key, root!);
  }
  return files;
}

/** The path nodes `downloadedFiles` found through a write of network bytes (not a download call): the write, by the path node's id. */
const networkWrites = new WeakMap<SC, Map<number, Node>>();

/**
 * The path a call writes bytes from the network to: `f.write(data)` / `f.writelines(chunks)` on a handle opened
 * to write (`with open(p, "wb") as f`, `open(p, "wb").write(…)`), `shutil.copyfileobj(resp, f)`, or
 * `Path(p).write_bytes(data)` / `p.write_bytes(data)`, where the data is network data (`dataOrigin`).
 */
function networkWriteTarget(sc: SC, call: Node, callee: Node): Node | undefined {
  let handle: Node | undefined;
  let data: Node | undefined;
  let path: Node | undefined;
  if (callee.type === 'attribute') {
    const method = callee.childForFieldName('attribute')?.text;
    const object = callee.childForFieldName('object') ?? undefined;
    if (!object) return undefined;
    if (method === 'write' || method === 'writelines') {
      handle = object;
      data = sc.argument(call, { position: 0 });
    } else if (method === 'write_bytes') {
      data = sc.argument(call, { name: 'data', position: 0 });
      path = object.type === 'call' && calleeName(sc, object) === 'pathlib.Path' ? sc.argument(object, { position: 0 }) : object;
    } else if (method === 'copyfileobj' && calleeName(sc, call) === 'shutil.copyfileobj') {
      handle = sc.argument(call, { name: 'fdst', position: 1 });
      data = sc.argument(call, { name: 'fsrc', position: 0 });
    } else return undefined;
  } else if (calleeName(sc, call) === 'shutil.copyfileobj') {
    handle = sc.argument(call, { name: 'fdst', position: 1 });
    data = sc.argument(call, { name: 'fsrc', position: 0 });
  } else return undefined;
  if (handle) path = openedPath(sc, handle, /[wx]/);
  if (!path || !data || (path.type !== 'identifier' && path.type !== 'string')) return undefined;
  return dataOrigin(sc, data) === 'network' ? path : undefined;
}

/**
 * A name (or a path written as the same literal) a download of its function wrote to before this use
 * (`download_url_to_file(url, dst)` … `torch.load(dst)`, `wget.download(url, out="w.pt")` … `torch.load("w.pt")`).
 */
function writtenByDownload(sc: SC, id: Node): boolean {
  const key = fileKey(sc, id);
  const dest = key ? downloadedFiles(sc, sc.enclosingFunction(id)).get(key) : undefined;
  if (!dest || dest.endIndex > id.startIndex) return false;
  // bytes written to the file by the function's own code: only a write that runs on every path to the use
  const write = networkWrites.get(sc)?.get(dest.id);
  if (write && !sc.certainlyRunsBefore(write, id)) return false;
  if (id.type !== 'identifier') return true;
  // the same variable: what reaches the use reached the download (not `path = "cache/local.pkl"` in between)
  const there = new Set(sc.reachingBindings(dest).map((b) => b.node.id));
  return sc.reachingBindings(id).every((b) => there.has(b.node.id));
}

/** How `downloadedFiles` names a file: a variable by its name, a literal path by its value (either quote). */
function fileKey(sc: SC, node: Node): string | undefined {
  if (node.type === 'identifier') return `n:${node.text}`;
  if (node.type !== 'string') return undefined;
  const value = sc.constant(node);
  return typeof value === 'string' ? `s:${value}` : undefined;
}

const USER_INPUT = new Set([
  'builtins.input',
  'sys.argv',
  // a ROS 1 node's parameter: set in a launch file or on the command line (`_model_path:=…`), operator
  // input like argparse (review robotics P3-1; ROS 2's `Node.get_parameter` is in USER_INPUT_METHODS)
  'rospy.get_param',
  'sys.stdin',
  'flask.request',
  'fastapi.UploadFile',
  'streamlit.file_uploader',
  'gradio.File',
  'gradio.UploadButton',
  // a file the user picks in an "open" dialog (nltk's chart parser app)
  ...['askopenfilename', 'askopenfilenames', 'askopenfile', 'askopenfiles'].flatMap((f) => [`tkinter.filedialog.${f}`, `tkFileDialog.${f}`]),
  ...['PyQt5', 'PyQt6', 'PySide2', 'PySide6'].flatMap((m) => [`${m}.QtWidgets.QFileDialog.getOpenFileName`, `${m}.QtWidgets.QFileDialog.getOpenFileNames`]),
]);
/** Methods that return what the user typed on the command line (`args = parser.parse_args()`; `args.ckpt` is user input). */
const USER_INPUT_METHODS = new Set([
  'argparse.ArgumentParser.parse_args',
  'argparse.ArgumentParser.parse_known_args',
  'argparse.ArgumentParser.parse_intermixed_args',
  // transformers' dataclass parser of the command line (`parse_json_file`/`parse_yaml_file` read a config file)
  'transformers.HfArgumentParser.parse_args_into_dataclasses',
  'transformers.hf_argparser.HfArgumentParser.parse_args_into_dataclasses',
  // a ROS 2 node's parameter (`self.get_parameter("model_path").value`, `.get_parameter_value().string_value`)
  'rclpy.node.Node.get_parameter',
  'rclpy.node.Node.get_parameters',
]);
/** Methods of cloud storage clients that return an object's contents (or a stream of them). */
const CLOUD_READS = new Set(['get_object', 'download_blob', 'download_as_bytes', 'download_as_string', 'download_as_text']);
/** The SDKs of cloud object storage (S3, Azure Blob Storage, Google Cloud Storage, their fsspec drivers). */
const CLOUD_STORAGE_MODULES = /^(?:boto3|botocore|aiobotocore|aioboto3|s3fs|gcsfs|adlfs|azure\.storage|google\.cloud)(?:\.|$)/;

/** The file imports a cloud storage SDK (see `CLOUD_READS`). */
function importsCloudStorage(sc: SC): boolean {
  for (const m of sc.imports.modules) if (CLOUD_STORAGE_MODULES.test(m)) return true;
  return false;
}

/** Methods of a socket or connection that return what the other end sent (asyncio's `StreamReader` too). */
const RECEIVE_METHODS = new Set(['recv', 'recvfrom', 'recv_bytes', 'recv_multipart', 'readexactly', 'readuntil']);
/** Attributes through which an uploaded file's bytes are read (`upload.file` of a FastAPI `UploadFile`). */
const UPLOAD_STREAMS = new Set(['file', 'stream']);

/** Wrappers whose data is their first argument's (`open(p)`, `io.BytesIO(b)`, `Path(p)`). */
const PASS_THROUGH = new Set([
  'builtins.open',
  'io.open',
  'io.BytesIO',
  'io.BufferedReader',
  'gzip.open',
  'gzip.GzipFile',
  'bz2.open',
  'bz2.BZ2File',
  'lzma.open',
  'zipfile.ZipFile',
  'tarfile.open',
  'pathlib.Path',
  'os.path.join',
  'os.path.expanduser',
  'os.path.abspath',
  'os.path.dirname',
  'os.path.realpath',
  'builtins.str',
  'base64.b64decode',
  'zlib.decompress',
  // the files under a directory (`glob.glob(os.path.join(snapshot_download(repo), "*.bin"))`)
  'glob.glob',
  'glob.iglob',
  'os.listdir',
  'os.scandir',
  'os.walk',
  'builtins.sorted',
  'builtins.list',
]);

/**
 * Model servers whose handler methods are given the request batch: TorchServe's handlers
 * (`ts/torch_handler/base_handler.py`: `handle(self, data, context)` calls `preprocess(data)`, a list of
 * the requests, each a dict of their `data`/`body` bytes) and KServe's models (`kserve.Model.predict(self,
 * payload, headers)`, `preprocess(self, payload, headers)`).
 */
const SERVING_HANDLER_BASES = /^(?:ts\.torch_handler\.[\w.]+|kserve\.(?:model\.)?Model)$/;
const SERVING_HANDLER_METHODS = new Set(['handle', 'preprocess', 'inference', 'predict', 'explain', '__call__']);
/** Methods of a request (or of an item of it) that return what it carries. */
const REQUEST_READS = new Set(['body', 'get_data', 'get_json', 'form', 'files', 'get', 'stream']);

/**
 * A parameter that receives what a client sent: annotated with a web framework's request or uploaded
 * file class (lang-python's `isWebRequestClass`, `isWebUploadClass`), or the
 * request batch a model server hands to a handler method (the first parameter after `self`).
 */
function isRequestParameter(sc: SC, name: Node): boolean {
  const param = sc.parameterOf(name);
  if (!param) return false;
  if (sc.instanceTypes(name).some((q) => isWebRequestClass(q) || isWebUploadClass(q))) return true;
  if (param.index !== 1 || param.function.type !== 'function_definition') return false;
  if (!SERVING_HANDLER_METHODS.has(param.function.childForFieldName('name')?.text ?? '')) return false;
  let holder = param.function.parent;
  if (holder?.type === 'decorated_definition') holder = holder.parent;
  const cls = holder?.type === 'block' ? holder.parent : undefined;
  const className = cls?.type === 'class_definition' ? cls.childForFieldName('name') : undefined;
  return !!className && (sc.localSubclass(className)?.bases ?? []).some((b) => SERVING_HANDLER_BASES.test(b));
}

/** `self` / `cls`: the first parameter of a method (its attributes are the object's state, not a caller's data). */
/** `self.method` (the receiver of a method of a class of this file). */
function isMethodReceiverOf(sc: SC, attribute: Node): boolean {
  const object = attribute.childForFieldName('object');
  return !!object && isMethodReceiver(sc, object);
}

function isMethodReceiver(sc: SC, name: Node): boolean {
  const param = name.type === 'identifier' ? sc.parameterOf(name) : undefined;
  if (!param || param.index !== 0) return false;
  let holder = param.function.parent;
  if (holder?.type === 'decorated_definition') holder = holder.parent;
  return holder?.type === 'block' && holder.parent?.type === 'class_definition';
}

/** A module pytest collects tests from by its default names (`test_*.py`, `*_test.py`), or a `conftest.py`. */
const TEST_FILE = /(?:^|[\\/])(?:test_[^\\/]*|[^\\/]*_test|conftest)\.py$/;

/** The definition carries a `@pytest.fixture` (or `@pytest.fixture(...)`) decorator. */
function isPytestFixture(sc: SC, fn: Node): boolean {
  const holder = fn.parent;
  if (holder?.type !== 'decorated_definition') return false;
  return holder.namedChildren.some((d) => {
    const expr = d?.type === 'decorator' ? d.firstNamedChild : undefined;
    const target = expr?.type === 'call' ? sc.callee(expr) : expr;
    return !!target && sc.qualifiedName(target) === 'pytest.fixture';
  });
}

/**
 * A parameter pytest fills with a fixture of the test suite, not a caller's data: a parameter of a
 * `@pytest.fixture` (`tmp_path`), or of a test function (`test_*`) in a test module (`test_*.py`,
 * `*_test.py`, `conftest.py`) or named after a `@pytest.fixture` of the file (`def
 * test_load(pickled_net_path)`). Its origin is not followed.
 */
function isFixtureParameter(sc: SC, name: Node): boolean {
  const param = sc.parameterOf(name);
  const fn = param?.function;
  if (!param || fn?.type !== 'function_definition') return false;
  if (isPytestFixture(sc, fn)) return true;
  if (!/^test/.test(fn.childForFieldName('name')?.text ?? '')) return false;
  if (TEST_FILE.test(sc.path)) return true;
  return sc.bindingsNamed(param.name).some((b) => b.kind === 'def' && b.node.type === 'function_definition' && isPytestFixture(sc, b.node));
}

/**
 * Where the data an expression denotes comes from, as far as the semantic model can tell within the
 * file: a literal path, a parameter of the enclosing function, the network, user input, or unknown.
 */
export function dataOrigin(sc: SC, expr: Node | undefined, depth = 0): Origin {
  if (!expr) return 'unknown';
  let memo = origins.get(sc);
  if (!memo) origins.set(sc, (memo = new DepthBoundMemo<Origin>()));
  if (depth > 6) {
    memo.cut();
    return 'unknown';
  }
  // once per node (a path rebound N times, `x = os.path.join(x, …)`, was read again along every way to it)
  return memo.answer(expr.id, depth, () => computeDataOrigin(sc, expr, depth));
}

const origins = new WeakMap<SC, DepthBoundMemo<Origin>>();

/** Per file: a number of its own (below node ids' range, negative) for each scope's name, the key of its values in `origins`. */
const valueKeys = new WeakMap<SC, Map<string, number>>();

/**
 * The strongest origin of the values assigned to the name a use reads (`bindingsOf`, every binding of
 * the name in its scope, whatever the use): the same for each use of the name, so it is worked out once
 * per name and depth, in `origins` beside the nodes' answers (with their rules: an answer the depth
 * bound cut short is reused only as deep or deeper). A name rebound in many `if`/`else` blocks, each
 * reading it, was otherwise read whole at each of its uses (review audio P3-5: 3,000 blocks, 32–48 s).
 */
function valuesOrigin(sc: SC, expr: Node, bindings: readonly PythonBinding[], depth: number): Origin {
  if (bindings.length === 0) return 'unknown';
  let keys = valueKeys.get(sc);
  if (!keys) valueKeys.set(sc, (keys = new Map()));
  // the first binding of the name in its scope (a node binds a name in one scope only)
  const name = `${bindings[0].node.id}:${expr.text}`;
  let key = keys.get(name);
  if (key === undefined) keys.set(name, (key = -1 - keys.size));
  return origins.get(sc)!.answer(key, depth, () => {
    let best: Origin = 'unknown';
    for (const v of sc.bindingsOf(expr)) best = strongest(best, dataOrigin(sc, v, depth + 1));
    return best;
  });
}

function computeDataOrigin(sc: SC, expr: Node, depth: number): Origin {
  switch (expr.type) {
    case 'string': {
      if (writtenByDownload(sc, expr)) return 'network';
      // `f"{ckpt_dir}/model.pt"`: a file under the directory the leading field names, as `ckpt_dir +
      // "/model.pt"` and `os.path.join(ckpt_dir, "model.pt")` are (review ray P3-5)
      const first = expr.namedChildren.find((c) => !!c && c.type !== 'string_start' && c.type !== 'comment');
      if (first?.type === 'interpolation') {
        const inner = first.childForFieldName('expression') ?? first.namedChildren.find((c) => !!c && c.type !== 'comment') ?? undefined;
        const o = dataOrigin(sc, inner, depth + 1);
        return o === 'unknown' ? 'unknown' : strongest(o, 'literal');
      }
      return 'literal';
    }
    case 'concatenated_string':
      return 'literal';
    case 'parenthesized_expression': {
      const inner = expr.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
      return inner.length === 1 ? dataOrigin(sc, inner[0], depth + 1) : 'unknown';
    }
    case 'list_splat': {
      // `pickle.load(*args)` in `def load(*args)`: the caller's arguments, as a named parameter is
      const inner = expr.namedChildren.find((c): c is Node => !!c && c.type !== 'comment');
      return inner ? dataOrigin(sc, inner, depth + 1) : 'unknown';
    }
    case 'conditional_expression': {
      // `io.BytesIO(data) if in_memory else open(path, "rb")` (whisper): either branch's data
      const parts = expr.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
      return parts.length === 3 ? strongest(dataOrigin(sc, parts[0], depth + 1), dataOrigin(sc, parts[2], depth + 1)) : 'unknown';
    }
    case 'boolean_operator':
    // `row.get("data") or row.get("body")`: either side's data
    case 'binary_operator': {
      const left = dataOrigin(sc, expr.childForFieldName('left') ?? undefined, depth + 1);
      const right = dataOrigin(sc, expr.childForFieldName('right') ?? undefined, depth + 1);
      // `root + "/model.pt"`, `root / "model.pt"`: a literal file name under a directory of unknown origin
      // is that directory's file, as `os.path.join(root, "model.pt")` is (its first argument's data)
      if (expr.type === 'binary_operator' && (left === 'literal' || right === 'literal') && (left === 'unknown' || right === 'unknown')) return 'unknown';
      return strongest(left, right);
    }
    case 'await': {
      // `await request.body()`: what the awaited call gives
      const inner = expr.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
      return inner.length === 1 ? dataOrigin(sc, inner[0], depth + 1) : 'unknown';
    }
    case 'identifier': {
      // the module's own file (`Path(__file__).parent / "model.pt"`): a path fixed by where the code is
      if (expr.text === '__file__' && sc.bindings(expr).length === 0) return 'literal';
      const q = sc.qualifiedName(expr);
      if (q && USER_INPUT.has(q)) return 'user';
      if (sc.parameterOf(expr)) {
        if (writtenByDownload(sc, expr)) return 'network'; // (`s3.download_file(bucket, key, file_path)` of a parameter `file_path`)
        return isFixtureParameter(sc, expr) ? 'unknown' : isRequestParameter(sc, expr) ? 'network' : 'parameter';
      }
      const bindings = sc.bindings(expr);
      let best: Origin = valuesOrigin(sc, expr, bindings, depth);
      // `buf += sock.recv(4096)` (or of a name bound to it) in a receive loop: what is appended
      if (best !== 'network') best = strongest(best, appendedOrigin(sc, bindings));
      // `download_url_to_file(url, dst)` … `torch.load(dst)`, `blob.download_to_filename(tmp.name)` …
      // `pickle.load(tmp)`: the file a download of the function wrote
      if (best !== 'network' && writtenByDownload(sc, expr)) best = 'network';
      // `for bin_file in glob.glob(os.path.join(snapshot_download(repo), "*.bin"))`: an item of a
      // download, or of user input (a caller's list is not followed: items of it are not its data)
      const sources = best === 'unknown' ? sc.loopSources(expr) : undefined;
      for (const source of sources ?? []) {
        const o = dataOrigin(sc, source, depth + 1);
        if (o === 'user' || o === 'network') best = strongest(best, o);
      }
      // `args, unknown = parser.parse_known_args()`: unpacked from the command line; `ckpt, cfg =
      // fetch(repo)`: unpacked from what a function of this file returns
      if (best === 'unknown') {
        for (const b of sc.bindings(expr)) {
          if (b.kind !== 'unpack' || !b.source) continue;
          if (b.source.type !== 'call') {
            // `_, msg = event` of a parameter (an RPC event handler): the caller's data, as `event[1]` is
            const o = dataOrigin(sc, b.source, depth + 1);
            if (o === 'user' || o === 'network' || (o === 'parameter' && !isMethodReceiver(sc, b.source))) best = strongest(best, o);
            continue;
          }
          const values = sc.unpackedValues(b);
          if (values) {
            for (const v of values) best = strongest(best, returnedOrigin(sc, v, depth + 1));
            continue;
          }
          // not unpacked element by element (`return path` on one branch, `return path, cfg` on
          // another): the call's own data, when it comes from outside
          const whole = dataOrigin(sc, b.source, depth + 1);
          if (whole === 'user' || whole === 'network') best = strongest(best, whole);
        }
      }
      return best;
    }
    case 'attribute': {
      const q = sc.qualifiedName(expr);
      if (q && (USER_INPUT.has(q) || [...USER_INPUT].some((u) => q.startsWith(`${u}.`)))) return 'user';
      const object = expr.childForFieldName('object') ?? undefined;
      const attr = expr.childForFieldName('attribute')?.text;
      // `Path(__file__).parent`, `p.parent`: the directory of the path, from where the path is
      if (attr === 'parent') return dataOrigin(sc, object, depth + 1);
      if (attr === 'content' || attr === 'text' || attr === 'raw' || attr === 'body') {
        const o = dataOrigin(sc, object, depth + 1);
        if (o === 'network') return 'network';
      }
      // `upload.file` of an upload a handler receives (`upload: UploadFile`), or of `st.file_uploader(...)`
      if (attr && UPLOAD_STREAMS.has(attr) && object) {
        const o = dataOrigin(sc, object, depth + 1);
        if (o === 'user' || o === 'network' || (o === 'parameter' && !isMethodReceiver(sc, object))) return o;
      }
      // a field of the command line (`args.ckpt` after `args = parser.parse_args()`) or of a parameter
      // (`def convert(args): torch.load(args.src)`), not of `self`
      if (object && (object.type === 'identifier' || object.type === 'attribute')) {
        const o = dataOrigin(sc, object, depth + 1);
        if (o === 'user' || (o === 'parameter' && !isMethodReceiver(sc, object))) return o;
      }
      // a field of what a call returns from the user (ROS 2's `self.get_parameter("p").value`)
      if (object?.type === 'call' && dataOrigin(sc, object, depth + 1) === 'user') return 'user';
      // `self.path = path` in `__init__(self, path)` … `torch.load(self.path)`: what the class stores there;
      // also `CFG.path` of a class of this file used as a config (`class CFG: path = "../input/"`)
      if (object && (isMethodReceiver(sc, object) || (object.type === 'identifier' && sc.bindings(object).some((b) => b.kind === 'class')))) {
        let best: Origin = 'unknown';
        for (const v of sc.attributeValues(expr) ?? []) best = strongest(best, dataOrigin(sc, v, depth + 1));
        return best;
      }
      return 'unknown';
    }
    case 'subscript': {
      // an entry of the command line, of a download, or of a parameter (MLflow's
      // `context.artifacts["model"]`, `cfg["ckpt"]`), not of `self`
      const value = expr.childForFieldName('value') ?? undefined;
      const o = dataOrigin(sc, value, depth + 1);
      if (o === 'parameter') return value && !isMethodReceiver(sc, value) ? o : 'unknown';
      return o === 'user' || o === 'network' ? o : 'unknown';
    }
    case 'call': {
      if (calleeName(sc, expr, NETWORK_CALLS) || calleeName(sc, expr, REMOTE_FETCH_CALLS)) return 'network';
      // W&B / ClearML / DVC fetches, boto3's `Object(…).get()`, a remote filesystem's `open`
      const fetchCallee = sc.callee(expr);
      if (fetchCallee && isRemoteFetch(sc, expr, fetchCallee)) return 'network';
      // BasicSR's `load_file_from_url` and the copies of it: facexlib's, A1111/Forge's
      // `modules.modelloader`, vendored ones (`codeformer.basicsr…`, `gfpgan.utils`, a relative import)
      if (DOWNLOAD_HELPER.test(calleeName(sc, expr) ?? '')) return 'network';
      if (calleeName(sc, expr, USER_INPUT)) return 'user';
      const method = sc.callee(expr);
      if (method?.type === 'attribute' && sc.instanceQualifiedNames(method).some((q) => USER_INPUT_METHODS.has(q))) return 'user';
      if (method?.type === 'attribute' && isRos2ParameterRead(sc, method)) return 'user';
      // a fetch that is a method of an instance (`S3Hook(...).download_file(...)`, `hook.read_key(...)`)
      if (method?.type === 'attribute' && sc.instanceQualifiedNames(method).some((q) => REMOTE_FETCH_CALLS.has(q))) return 'network';
      if (calleeName(sc, expr, PASS_THROUGH)) return dataOrigin(sc, sc.argument(expr, { position: 0 }), depth + 1);
      const callee = sc.callee(expr);
      // `sock.recv(4096)`, `conn.recv_bytes()`, `data, addr = sock.recvfrom(n)`: what the other end sent
      if (callee?.type === 'attribute' && RECEIVE_METHODS.has(callee.childForFieldName('attribute')?.text ?? '')) return 'network';
      // an object read from cloud storage: boto3's `s3.get_object(...)` (then `["Body"].read()`), Azure's
      // `blob_client.download_blob()` (then `.readall()`), Google Cloud Storage's `blob.download_as_bytes()`,
      // in a file that imports the SDK: what the bucket holds, fetched over the network
      // (not a method of a class of this file: Django's `self.get_object()` beside a boto3 import)
      if (callee?.type === 'attribute' && CLOUD_READS.has(callee.childForFieldName('attribute')?.text ?? '') && importsCloudStorage(sc) && !sc.localFunction(expr) && !isMethodReceiverOf(sc, callee)) return 'network';
      if (callee?.type === 'attribute') {
        // `resp.read()`, `path.open("rb")`, `requests.get(u).json()`: the object's data.
        const method = callee.childForFieldName('attribute')?.text;
        if (method && ['read', 'readall', 'content_as_bytes', 'open', 'read_bytes', 'read_text', 'json', 'getvalue', 'decode', 'iter_content', 'glob', 'rglob', 'iterdir', 'resolve', 'absolute', 'get_parameter_value'].includes(method)) {
          return dataOrigin(sc, callee.childForFieldName('object') ?? undefined, depth + 1);
        }
        // `await request.body()`, `request.get_data()`, `row.get("body")` of a request (or an item of a
        // batch of them): what the client sent; of anything else, not followed
        if (method && REQUEST_READS.has(method)) {
          const o = dataOrigin(sc, callee.childForFieldName('object') ?? undefined, depth + 1);
          if (o === 'network' || o === 'user') return o;
        }
      }
      // `path = fetch_weights(repo)` with `def fetch_weights(repo): return hf_hub_download(repo, ...)`
      // (also a method, `self._download()`): what a function of this file returns
      const fn = sc.localFunction(expr);
      if (fn?.type === 'function_definition') {
        let best: Origin = 'unknown';
        for (const v of sc.returnValues(fn)) best = strongest(best, returnedOrigin(sc, v, depth + 1));
        return best;
      }
      // `--depth deep`: a function of another module of the project (`from .hub_utils import fetch`)
      // that returns a download
      if (sc.importedReturnCallees(expr)?.some((q) => NETWORK_CALLS.has(q) || REMOTE_FETCH_CALLS.has(q))) return 'network';
      return 'unknown';
    }
    default:
      return 'unknown';
  }
}

/**
 * The origin of a value a function of the file returns, as its caller sees it: a parameter of that
 * function is the caller's argument, whose origin is not followed from here.
 */
function returnedOrigin(sc: SC, value: Node, depth: number): Origin {
  const o = dataOrigin(sc, value, depth);
  return o === 'parameter' ? 'unknown' : o;
}

const RANK: Record<Origin, number> = { unknown: 0, literal: 1, parameter: 2, user: 3, network: 4 };

function strongest(a: Origin, b: Origin): Origin {
  return RANK[a] >= RANK[b] ? a : b;
}

/** Confidence of a finding about loading `data` (issue 3: high for literal paths, downloads, parameters, user input). */
export function confidenceFor(sc: SC, data: Node | undefined, call?: Node): Confidence {
  // Not found as an argument, but passed on in a `*args` the call cannot expand (`pickle.load(*args)`
  // in `def load(*args)`): the splat's origin.
  const source = data ?? (call ? splatArgument(call) : undefined);
  // a load whose round-trip question ran out of budget may read back this code's own file: undecided
  if (roundTripUndecided(sc, data)) return 'medium';
  return dataOrigin(sc, source) === 'unknown' ? 'medium' : 'high';
}

/** The first `*xs` among a call's arguments. */
function splatArgument(call: Node): Node | undefined {
  return call.childForFieldName('arguments')?.namedChildren.find((c): c is Node => !!c && c.type === 'list_splat');
}

/**
 * The `try` statement whose `except` clause holds `node` (same function), or undefined.
 */
export function enclosingExceptTry(node: Node): Node | undefined {
  const clause = enclosingExceptClause(node);
  return clause?.parent?.type === 'try_statement' ? clause.parent : undefined;
}

/** The `except` handler `node` runs in, within its own function (not one of an enclosing function). */
export function enclosingExceptClause(node: Node): Node | undefined {
  for (const p of ancestorsOf(node)) {
    if (p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') return undefined;
    if (p.type === 'except_clause' || p.type === 'except_group_clause') return p;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// In-process round trips

/**
 * The bytes an expression holds when they are written into the source: a bytes (or str) literal, a
 * name bound to one where it is used (`constant`), or `io.BytesIO` of such a value. Characters past
 * 0xff cannot be bytes (a str the unpickler would refuse): undefined then, as for anything unknown.
 */
export function constantBytes(sc: SC, expr: Node | undefined, depth = 0): Uint8Array | undefined {
  if (!expr || depth > 3) return undefined;
  if (expr.type === 'call') {
    const q = calleeName(sc, expr);
    if (q !== 'io.BytesIO' && q !== '_io.BytesIO') return undefined;
    return constantBytes(sc, sc.argument(expr, { name: 'initial_bytes', position: 0 }), depth + 1);
  }
  const v = sc.constant(expr);
  if (typeof v !== 'string') return undefined;
  const out = new Uint8Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c > 0xff) return undefined;
    out[i] = c;
  }
  return out;
}

/**
 * How many calls the round-trip questions below may look at in one file. They look through a
 * function's calls for each load; a hostile file of 50,000 loads in one function would otherwise take
 * hours (each load looks only at the writes and calls that name its path: `writesByPath`,
 * `handOffsByPath`). Past the budget they answer "not a round trip", so the load is reported, but as
 * undecided: `confidenceFor` caps it at medium (`roundTripUndecided`).
 */
const ROUND_TRIP_BUDGET = 200_000;
/** Per file: how many times a round-trip question found the budget spent (its answer then undecided). */
const roundTripCuts = new WeakMap<SC, number>();
const spend = (sc: SC): boolean => {
  if (sc.spend('torch/round-trips', ROUND_TRIP_BUDGET)) return true;
  roundTripCuts.set(sc, (roundTripCuts.get(sc) ?? 0) + 1);
  return false;
};
/**
 * How many reaching bindings the own-write questions of one function may look through, summed over its loads
 * (a few thousand loads of a path with a few hundred bindings each fit; 6,000 loads of one with thousands took
 * 30 s). Per function: loads elsewhere in the file do not spend another function's share.
 */
const OWN_WRITE_BUDGET = 2_000_000;
const ownWriteSpent = new WeakMap<SC, Map<number, number>>();
/** Spends `cost` of the own-write budget of the function `at` is in; false (and the question undecided) once it is spent. */
function spendOwnWrite(sc: SC, at: Node, cost: number): boolean {
  let byFunction = ownWriteSpent.get(sc);
  if (!byFunction) ownWriteSpent.set(sc, (byFunction = new Map()));
  const fn = sc.enclosingFunction(at).id;
  const spent = (byFunction.get(fn) ?? 0) + Math.max(1, cost);
  byFunction.set(fn, spent);
  if (spent <= OWN_WRITE_BUDGET) return true;
  roundTripCuts.set(sc, (roundTripCuts.get(sc) ?? 0) + 1);
  return false;
}
/** Per file: the loaded expressions whose round-trip question the budget cut short (see `confidenceFor`). */
const undecidedLoads = new WeakMap<SC, Set<number>>();

/** Runs a round-trip question about `expr`; when the budget cut it short, marks `expr` undecided. */
function deciding<T>(sc: SC, expr: Node, question: () => T): T {
  const before = roundTripCuts.get(sc) ?? 0;
  const answer = question();
  if ((roundTripCuts.get(sc) ?? 0) > before) {
    let set = undecidedLoads.get(sc);
    if (!set) undecidedLoads.set(sc, (set = new Set()));
    set.add(expr.id);
  }
  return answer;
}

/**
 * Whether the round-trip questions about `expr` (`isInProcessData`, `savedOnSomePathBefore`) ran out of
 * budget: a load past it may be a read-back of this code's own file, so it is not reported at full confidence.
 */
export function roundTripUndecided(sc: SC, expr: Node | undefined): boolean {
  return !!expr && !!undecidedLoads.get(sc)?.has(expr.id);
}

/** Readers a private buffer may be handed to without losing track of what it holds. */
const BUFFER_READER = /(^|\.)(load|loads|Unpickler|_Unpickler|load_module|load_session|read_pickle)$/;

/** A dumper called as a method on any receiver (`.to_pickle` in `dumpers`: `df.to_pickle(p)`). */
function isMethodDumper(sc: SC, call: Node, dumpers: ReadonlySet<string>): boolean {
  const fn = sc.callee(call);
  return fn?.type === 'attribute' && dumpers.has(`.${fn.childForFieldName('attribute')?.text ?? ''}`);
}

/**
 * True when `expr` only holds bytes this process produced itself with one of `dumpers`:
 * `pickle.dumps(x)`, a name bound to such a call, `io.BytesIO(pickle.dumps(x))`, or an empty
 * `io.BytesIO()` that a dumper wrote to in the same function (`torch.save(m, buf)`, also a
 * `pickle.Pickler(buf)` or `df.to_pickle(buf)`), also through `buf.getvalue()` / `buf.getbuffer()`;
 * an item of a container that holds only such bytes (`blobs = [pickle.dumps(o) for o in xs]`, then
 * `for b in blobs`, `zip(names, blobs)`, `blobs[0]`); what a dumper held by a parameter's default
 * returns (`dumps=pickle.dumps`), or a function of this file whose every `return` is such data. Such
 * data never came from outside (a deep copy), so loading it is not a model-loading risk. With
 * `pathWriters`, see `ownWrite`.
 */
export function isInProcessData(sc: SC, expr: Node | undefined, dumpers: ReadonlySet<string>, depth = 0, options: OwnWriteOptions = {}): boolean {
  if (!expr || depth > 6) return false;
  if (depth === 0) return deciding(sc, expr, () => inProcessData(sc, expr, dumpers, options));
  return inProcessData(sc, expr, dumpers, options, depth);
}

function inProcessData(sc: SC, expr: Node, dumpers: ReadonlySet<string>, options: OwnWriteOptions, depth = 0): boolean {
  if (depth === 0 && writtenBeforeHere(sc, expr, dumpers, options)) return true;
  if (expr.type === 'parenthesized_expression') {
    const inner = expr.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    return inner.length === 1 && isInProcessData(sc, inner[0], dumpers, depth + 1);
  }
  if (expr.type === 'subscript') {
    // `blobs[0]` of a container of dumped bytes, `pickle.dumps(x)[2:]`
    const value = expr.childForFieldName('value') ?? undefined;
    return isInProcessItems(sc, value, dumpers, depth + 1) || isInProcessData(sc, value, dumpers, depth + 1);
  }
  if (expr.type === 'call') {
    if (calleeName(sc, expr, dumpers)) return true;
    const callee = sc.callee(expr);
    // `def probe(x, loads=pickle.loads, dumps=pickle.dumps): loads(dumps(x))`: a dumper by default
    if (callee && sc.defaultQualifiedNames(callee).some((n) => dumpers.has(n))) return true;
    const q = calleeName(sc, expr);
    if (q === 'io.BytesIO') {
      const init = sc.argument(expr, { name: 'initial_bytes', position: 0 });
      return !!init && isInProcessData(sc, init, dumpers, depth + 1);
    }
    if (callee?.type === 'attribute' && ['getvalue', 'getbuffer'].includes(callee.childForFieldName('attribute')?.text ?? '')) {
      return isInProcessData(sc, callee.childForFieldName('object') ?? undefined, dumpers, depth + 1);
    }
    // `pickle.load(get_pickle())`, `cloudpickle.loads(dumps_function(f))`: a function of this file
    // whose every return is such data (`return pickle.dumps(f)`, a private buffer it pickled into)
    const fn = q ? undefined : sc.localFunction(expr);
    if (fn?.type === 'function_definition') {
      const values = sc.returnValues(fn);
      return values.length > 0 && values.every((v) => isInProcessData(sc, v, dumpers, depth + 1));
    }
    return false;
  }
  if (expr.type !== 'identifier') return false;
  // `for obj, blob in zip(objs, blobs)` over a container of dumped bytes: every item is some of them
  // (the iterable the name takes its items from: `blobs`, whatever `objs` holds)
  const loops = sc.reachingBindings(expr);
  if (loops.length > 0 && loops.every((b) => b.kind === 'for')) {
    const sources = sc.loopSources(expr);
    return !!sources && sources.every((s) => isInProcessItems(sc, s, dumpers, depth + 1));
  }
  const bindings = sc.bindings(expr);
  if (bindings.length === 0) return false;
  if (!bindings.every((b) => (b.kind === 'assignment' || b.kind === 'with') && b.value)) return false;
  if (bindings.every((b) => b.kind === 'assignment' && isInProcessData(sc, b.value!, dumpers, depth + 1))) return true;
  // buf = io.BytesIO(); torch.save(obj, buf); ...; torch.load(buf)   (also `with tempfile.TemporaryFile() as f`)
  if (!bindings.every((b) => isPrivateBuffer(sc, b.value!))) return false;
  const scope = sc.enclosingFunction(expr);
  const same = (n: Node | null | undefined) => !!n && n.type === 'identifier' && sc.sameVariable(n, expr);
  let written = false;
  // (only the calls that name the buffer: handed it, or `buf.write(…)`, by `callsNaming`)
  for (const call of callsNaming(sc, scope).get(expr.text) ?? []) {
    if (!spend(sc)) return false;
    const fn = sc.callee(call);
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    if (method === 'write' && same(fn?.childForFieldName('object'))) return false;
    const passed = handedValues(call).some((a) => same(a));
    if (!passed) continue;
    const q = calleeName(sc, call, dumpers) ?? calleeName(sc, call);
    if ((q && dumpers.has(q)) || isMethodDumper(sc, call, dumpers)) written = true;
    // Handed to anything but a serializer or a loader (a download, a copy): outside data may be in it.
    else if (!q || !BUFFER_READER.test(q)) return false;
  }
  return written;
}

/** Per file: `callsNaming` per function. */
const namingCalls = new WeakMap<SC, Map<number, Map<string, Node[]>>>();

/**
 * The calls a function runs (`callsWithin`), in source order, by the names they are handed as a whole
 * argument or call `.write` on (`buf` for `torch.save(m, buf)`, `buf.write(b)`), built once per function.
 */
function callsNaming(sc: SC, scope: Node): Map<string, Node[]> {
  let byScope = namingCalls.get(sc);
  if (!byScope) namingCalls.set(sc, (byScope = new Map()));
  let index = byScope.get(scope.id);
  if (index) return index;
  index = new Map();
  for (const call of sc.callsWithin(scope)) {
    const names = new Set<string>();
    const fn = sc.callee(call);
    const object = fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'write' ? fn.childForFieldName('object') : undefined;
    if (object?.type === 'identifier') names.add(object.text);
    for (const a of handedValues(call)) if (a.type === 'identifier') names.add(a.text);
    for (const name of names) {
      let list = index.get(name);
      if (!list) index.set(name, (list = []));
      list.push(call);
    }
  }
  byScope.set(scope.id, index);
  return index;
}

/** Builtins whose items are their arguments' items (`zip`, `enumerate` also gives a counter). */
const ITEM_PASS_THROUGH = new Set(['builtins.zip', 'builtins.list', 'builtins.tuple', 'builtins.set', 'builtins.frozenset', 'builtins.sorted', 'builtins.reversed', 'builtins.iter', 'builtins.enumerate']);
/** Where a container of dumped bytes may be read without anything else getting into it (an argument only of `CONTAINER_READERS`). */
const CONTAINER_USES = new Set(['for_statement', 'for_in_clause', 'subscript', 'attribute', 'argument_list', 'return_statement', 'comparison_operator', 'boolean_operator', 'not_operator', 'if_statement', 'while_statement', 'expression_statement']);
/** Builtins that only look at a container (or iterate it, see `ITEM_PASS_THROUGH`) and never put anything in it. */
const CONTAINER_READERS = new Set([...ITEM_PASS_THROUGH, 'builtins.len', 'builtins.print', 'builtins.any', 'builtins.all', 'builtins.isinstance']);

/**
 * True when every item of the iterable `expr` is data this process dumped itself (`isInProcessData`),
 * the counter of an `enumerate` aside: a list, tuple, set or dict literal (its values) of such data, a
 * comprehension whose element is (`[pickle.dumps(o) for o in xs]`), `zip`, `enumerate`, `list`,
 * `sorted`… of such iterables, or a name bound to one whose container gains nothing else
 * (`blobs.append(received)`) and is never handed to a call that could fill it.
 */
function isInProcessItems(sc: SC, expr: Node | undefined, dumpers: ReadonlySet<string>, depth: number): boolean {
  if (!expr || depth > 6) return false;
  const parts = expr.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  switch (expr.type) {
    case 'parenthesized_expression':
      return parts.length === 1 && isInProcessItems(sc, parts[0], dumpers, depth + 1);
    case 'list':
    case 'tuple':
    case 'set':
      return parts.every((p) => (p.type === 'list_splat' ? isInProcessItems(sc, p.namedChildren[0] ?? undefined, dumpers, depth + 1) : isInProcessData(sc, p, dumpers, depth + 1)));
    case 'dictionary':
      return parts.every((p) => p.type === 'pair' && isInProcessData(sc, p.childForFieldName('value') ?? undefined, dumpers, depth + 1));
    case 'list_comprehension':
    case 'set_comprehension':
    case 'generator_expression':
      return isInProcessData(sc, expr.childForFieldName('body') ?? undefined, dumpers, depth + 1);
    case 'dictionary_comprehension': {
      const body = expr.childForFieldName('body');
      return body?.type === 'pair' && isInProcessData(sc, body.childForFieldName('value') ?? undefined, dumpers, depth + 1);
    }
    case 'call': {
      const q = calleeName(sc, expr);
      if (!q || !ITEM_PASS_THROUGH.has(q) || sc.hasUnresolvedArguments(expr)) return false;
      const args = sc.positionalArguments(expr);
      const items = q === 'builtins.enumerate' ? args.slice(0, 1) : args;
      return items.length > 0 && items.every((a) => isInProcessItems(sc, a, dumpers, depth + 1));
    }
    case 'identifier': {
      // a local of a function, or a `_private` global of the module (a public one can be changed
      // from other modules), not a class attribute
      const bindings = sc.bindings(expr);
      if (bindings.length === 0 || bindings.some((b) => b.scope.type === 'class_definition' || (b.scope.type === 'module' && !sc.getText(expr).startsWith('_')))) return false;
      // A container whose writes read it back (`result = _cache[k]` … `_cache[k] = result`, a cache
      // of dumped bytes): while it is being judged, its own items count as dumped ones.
      const key = bindings[0].node.id;
      if (judgingContainers.has(key)) return true;
      judgingContainers.add(key);
      try {
        return containerHoldsInProcessItems(sc, expr, bindings, dumpers, depth);
      } finally {
        judgingContainers.delete(key);
      }
    }
    default:
      return false;
  }
}

/** The containers `isInProcessItems` is judging (their first binding's node id). */
const judgingContainers = new Set<number>();

/** `isInProcessItems` of a name bound to a container (see there). */
function containerHoldsInProcessItems(sc: SC, expr: Node, bindings: readonly PythonBinding[], dumpers: ReadonlySet<string>, depth: number): boolean {
  if (!bindings.every((b) => b.kind === 'assignment' && b.value && isInProcessItems(sc, b.value, dumpers, depth + 1))) return false;
  // what else is put in it: `blobs.append(pickle.dumps(o))` keeps it ours, `blobs.append(received)` does not
  for (const w of sc.containerWrites(expr)) {
    const fn = w.node.type === 'call' ? sc.callee(w.node) : undefined;
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    const many = method === 'extend' || (method === 'update' && !w.keyword) || w.node.type === 'augmented_assignment';
    if (!(many ? isInProcessItems(sc, w.value, dumpers, depth + 1) : isInProcessData(sc, w.value, dumpers, depth + 1))) return false;
  }
  // only iterated, indexed, measured or compared: never handed to a call that may fill it
  // (`fill(blobs)`), nor bound to another name that may be (`other = blobs; other.append(x)`)
  for (const use of sc.references(expr, { readsOnly: true })) {
    if (!spend(sc)) return false;
    const parent = use.parent;
    if (!parent || !CONTAINER_USES.has(parent.type)) return false;
    if (parent.type !== 'argument_list') continue;
    const call = parent.parent;
    const q = call?.type === 'call' ? calleeName(sc, call) : undefined;
    if (!q || !(CONTAINER_READERS.has(q) || BUFFER_READER.test(q))) return false;
  }
  return true;
}

/** The identifiers of an expression (itself when it is one), in source order. */
function namesIn(sc: SC, n: Node): Node[] {
  return n.type === 'identifier' ? [n] : sc.descendants(n, 'identifier');
}

/** The mode of an opener's call (`"r"` when not passed, or `None`), or undefined when it cannot be told. */
function openMode(sc: SC, call: Node): string | undefined {
  const m = sc.argument(call, { name: 'mode', position: 1 });
  const mode = m ? sc.constant(m) : 'r';
  return mode === null ? 'r' : typeof mode === 'string' ? mode : undefined;
}

/**
 * Functions that open a file by its name (first argument) in a mode (second argument, reading when
 * not passed): a file written through one and read through another is the same file
 * (`open(p, "wb")` … `gzip.GzipFile(p, "rb")`).
 */
const OPENERS = new Set(['builtins.open', 'io.open', 'gzip.open', 'gzip.GzipFile', 'bz2.open', 'bz2.BZ2File', 'lzma.open', 'lzma.LZMAFile']);

/** The call opens a file by name: an opener, also one a loop variable holds (`for opener in (gzip.GzipFile, bz2.BZ2File)`). */
function isOpenerCall(sc: SC, call: Node): boolean {
  const q = calleeName(sc, call);
  if (q) return OPENERS.has(q);
  const fn = sc.callee(call);
  const values = fn?.type === 'identifier' ? sc.loopValues(fn) : undefined;
  return !!values && values.length > 0 && values.every((v) => OPENERS.has(sc.qualifiedName(v) ?? ''));
}

/** The file name an opener's call opens (`file=` of `open`, `filename=` of the compressed files' openers). */
function openedFile(sc: SC, call: Node): Node | undefined {
  return sc.argument(call, { name: 'file', position: 0 }) ?? sc.argument(call, { name: 'filename' });
}

/** Paths other users can write to: a file there can be swapped between the write and the read. */
const SHARED_PATH = /^(?:\/tmp|\/var\/tmp|\/dev\/shm)(?:\/|$)/;
/**
 * The same, spelled in a path expression (`f"/tmp/{name}.pt"`, `tempfile.gettempdir() + "/x.pt"`), or
 * a name `tempfile.mktemp()` made up (nothing stops another user from creating that file first).
 */
const SHARED_PATH_TEXT = /["'](?:\/tmp|\/var\/tmp|\/dev\/shm)(?:\/|["'])|\bgettempdir\b|\bmktemp\b/;

/** `inSharedPlace`'s answers of a file, by node. */
const sharedPlaces = new WeakMap<SC, Map<number, boolean>>();

/**
 * How many values one `inSharedPlace` question reads that no earlier question has answered. Beyond it the
 * place is taken as possibly shared: the file is not counted as this code's own, so the load stays reported.
 */
const SHARED_PLACE_VALUES = 4096;

/**
 * A path expression that spells a shared place, itself or through the values of the names in it, and
 * theirs in turn: a breadth-first walk over the values reaching it, each read once per question. A
 * walk that ends without finding one shows that no value it met reaches one either, so each of them is
 * kept as answered (`no`) for the file, and a later question stops there: a name reassigned in
 * thousands of branches (`if c == i: p = os.path.join(p, "x")`, generated code), each followed by a
 * load, reads each value once in all, not once per load at each depth (review rag P3-1: 6,000 branches
 * 5.7 s, 12,000 20.6 s).
 */
function inSharedPlace(sc: SC, path: Node): boolean {
  let memo = sharedPlaces.get(sc);
  if (!memo) sharedPlaces.set(sc, (memo = new Map()));
  const known = memo.get(path.id);
  if (known !== undefined) return known;
  const seen = new Set<number>([path.id]);
  const met: Node[] = [path];
  let answer = false;
  for (let k = 0; k < met.length && !answer; k++) {
    const value = met[k];
    if (k >= SHARED_PLACE_VALUES) {
      answer = true; // not read to the end: possibly shared (and nothing met is kept as answered)
      memo.set(path.id, true);
      return true;
    }
    if (SHARED_PATH_TEXT.test(sc.text.slice(value.startIndex, value.endIndex))) {
      answer = true;
      break;
    }
    for (const n of namesIn(sc, value)) {
      for (const b of sc.reachingBindings(n)) {
        if (!b.value || b.kind === 'def' || b.kind === 'class' || seen.has(b.value.id)) continue;
        seen.add(b.value.id);
        const before = memo.get(b.value.id);
        if (before === true) answer = true;
        if (before === undefined) met.push(b.value);
      }
    }
  }
  if (answer) memo.set(path.id, true);
  else for (const value of met) memo.set(value.id, false);
  return answer;
}

/**
 * A file this function wrote with one of `dumpers` before `expr` loads it: `torch.save(m, p)` …
 * `torch.load(p)`, or `with open(p, "wb") as f: pickle.dump(x, f)` … `with open(p, "rb") as f:
 * pickle.load(f)`. Both paths must be the same expression over the same bindings (`tmp.name`,
 * `f"{d}/x.pkl"`), or the same constant; a path under `/tmp`, `/var/tmp` or `/dev/shm` does not count
 * (another user can swap the file in between), nor a stream that is a parameter (it may hold other
 * data first) or a file opened to append. Loading it reads back what this code just wrote.
 */
function writtenBeforeHere(sc: SC, expr: Node, dumpers: ReadonlySet<string>, options: OwnWriteOptions): boolean {
  return ownWrite(sc, expr, dumpers, false, options)?.certain === true;
}

export interface OwnWriteOptions {
  /**
   * The loader takes a file name by its API (`pd.read_pickle(p)`), and so do these writers
   * (`df.to_pickle(p)`, `pd.to_pickle(df, p)`, a name starting with `.` being a method on any
   * receiver): a name however it is bound (a parameter, `with … as p`, a call's result) is then a
   * path when the function never uses it as a stream (`p.seek(0)`, `p.write(…)`), and only one of
   * these writers counts as its write.
   */
  pathWriters?: ReadonlySet<string>;
}

/**
 * The save of this function that may have written the file `expr` loads, on some path before the
 * load but not on every one: a save inside an `if`, loop or `try` the load is outside of (`if
 * val_loss < best: torch.save(m.state_dict(), "best.pt")` in the training loop, then
 * `torch.load("best.pt")` after it), or a later save in a loop that also holds the load (an earlier
 * iteration wrote it). Then the file is this code's own on those paths and whatever is on disk on the
 * others. The same paths as `writtenBeforeHere` count (not a shared place such as `/tmp`, not a
 * stream handed in, not a path handed to a download or copy in between). undefined otherwise, and
 * when the save certainly ran first (not a finding at all).
 */
/**
 * The `line` a `savedOnSomePaths` message names for a save before `load`: its line, and for a save in a
 * notebook cell above the load's, why that is not on every path (lang-python's `sameRun`).
 */
export function saveLineText(sc: SC, save: Node, load: Node): string {
  const line = sc.lineLabel(save);
  return sc.sameRun(save, load) ? line : `${line}, in a notebook cell above (a cell can be run alone, after a restart or skipping that one)`;
}

export function savedOnSomePathBefore(sc: SC, expr: Node | undefined, dumpers: ReadonlySet<string>, options: OwnWriteOptions = {}): Node | undefined {
  const own = expr ? deciding(sc, expr, () => ownWrite(sc, expr, dumpers, true, options)) : undefined;
  return own && !own.certain ? own.write : undefined;
}

/** Methods of a file object or buffer: a name they are called on is a stream, not a file name. */
const STREAM_METHODS = new Set(['seek', 'tell', 'read', 'readline', 'readlines', 'readinto', 'write', 'writelines', 'flush', 'truncate', 'getvalue', 'getbuffer', 'fileno', 'recv', 'send', 'sendall', 'makefile']);

/** The name is the receiver of a stream's method somewhere in its scope (`buf.seek(0)`). */
function usedAsStream(sc: SC, name: Node): boolean {
  // a name never written before `.seek`/`.read`/… in the file is none (one pass over the text per file: the
  // references of each name scan its scope's text, 4,000 loads of as many names took 7 s, review s35py P1)
  if (!streamReceivers(sc).has(name.text)) return false;
  return sc.references(name, { readsOnly: true }).some((use) => {
    const parent = use.parent;
    return parent?.type === 'attribute' && parent.childForFieldName('object')?.id === use.id && STREAM_METHODS.has(parent.childForFieldName('attribute')?.text ?? '');
  });
}

/** The names written before a stream's method anywhere in a file's text (`buf.seek`, `f .read`), found once per file. */
function streamReceivers(sc: SC): Set<string> {
  let found = streamReceiverNames.get(sc);
  if (!found) {
    found = new Set();
    const re = new RegExp(String.raw`([\p{L}\p{N}_]+)\s*\.\s*(?:${[...STREAM_METHODS].join('|')})(?![\p{L}\p{N}_])`, 'gu');
    for (const m of sc.text.matchAll(re)) found.add(m[1]);
    streamReceiverNames.set(sc, found);
  }
  return found;
}
const streamReceiverNames = new WeakMap<SC, Set<string>>();

/** Some name in the expression is (on some path) a parameter of its function. */
function dependsOnParameter(sc: SC, expr: Node): boolean {
  return namesIn(sc, expr).some((n) => sc.reachingBindings(n).some((b) => b.kind === 'parameter'));
}

/**
 * The last write of the loaded file by this function (see `writtenBeforeHere`), and whether it
 * certainly ran before the load; with `orMaybe` false, only one that certainly did.
 */
function ownWrite(sc: SC, expr: Node, dumpers: ReadonlySet<string>, orMaybe: boolean, options: OwnWriteOptions = {}): { write: Node; certain: boolean } | undefined {
  // (each load's question costs about as many steps as there are bindings of its path reaching it; a path
  // rebound in thousands of branches, each followed by a save and a load, made that quadratic: past the
  // function's budget the question is undecided, so the load is reported at medium)
  if (expr.type === 'identifier' && !spendOwnWrite(sc, expr, sc.reachingBindings(expr).length)) return undefined;
  const opened = openedPath(sc, expr, /r/);
  // `local = path` / `q = str(p)` before the load: the file `path` names (review ray P3-2)
  const copy = opened ? undefined : copiedPath(sc, expr);
  const pathLikeName = (e: Node): boolean => {
    // A stream handed in (a parameter) may hold other data before what this function wrote to it.
    // Without `open`, only a path counts: a stream (`buf`) can be written by others (a download) too.
    const handedIn = e.type === 'identifier' && sc.reachingBindings(e).some((b) => b.kind === 'parameter');
    // …unless it is a file name by its declaration (`out="model.joblib"`, `out: Path`), never used as a stream
    return (!handedIn && isPathExpression(sc, e, 0)) || (handedIn && isPathParameter(sc, e));
  };
  const pathLike = !!opened || pathLikeName(expr) || (!!copy && pathLikeName(fileNameOperand(sc, copy)));
  // `pd.read_pickle(path)` after `df.to_pickle(path)`: a file name by both APIs, however it is bound
  const pathWriters = !pathLike && options.pathWriters && expr.type === 'identifier' && !usedAsStream(sc, expr) ? options.pathWriters : undefined;
  if (!pathLike && !pathWriters) return undefined;
  const loaded = opened ?? expr;
  const value = sc.constant(loaded);
  if (typeof value === 'string' && SHARED_PATH.test(value)) return undefined;
  if (inSharedPlace(sc, loaded) || (copy && inSharedPlace(sc, copy))) return undefined;
  // what the writes are compared with: the copied path's value where the copy was made
  const path = copy ?? loaded;
  // A parameter's default that is no file name (`def f(data, p=None)`) is not what the callers pass:
  // the path is then compared by its spelling and bindings, as any other.
  const known = typeof value !== 'string' && (dependsOnParameter(sc, loaded) || dependsOnParameter(sc, path)) ? UNKNOWN : value;
  if (known !== UNKNOWN && typeof known !== 'string') return undefined;
  const scope = sc.enclosingFunction(expr);
  // The last write of this path by the function itself before the load (the dumper calls of each
  // function are found once; most loads have none before them and stop here).
  const writes = dumperCallsIn(sc, scope, dumpers);
  // Only the writes that name the loaded path (by `pathKey`, as `samePath` compares) can be its write:
  // each load looks at those, not at every earlier write of the function (reviews mlops P3-3, tabular P3-1).
  const candidates = writes.length === 0 ? writes : (writesByPath(sc, scope, dumpers, writes).get(loadKey(sc, path, known)) ?? []);
  /** The call that writes the loaded path (the dumper, or the `p.write_bytes(...)` around it), or undefined. */
  const writerOf = (call: Node): Node | undefined => {
    // `p.write_bytes(pickle.dumps(obj))`: the dumped bytes written to the path `p` (pathlib)
    const writer = call.parent?.type === 'argument_list' ? call.parent.parent : undefined;
    const writerFn = writer?.type === 'call' ? sc.callee(writer) : undefined;
    if (writerFn?.type === 'attribute' && writerFn.childForFieldName('attribute')?.text === 'write_bytes') {
      const target = writerFn.childForFieldName('object');
      if (target && samePath(sc, target, path, known)) return writer!;
    }
    // a name that is a path by the writer's API only (`df.to_pickle(path)`, not `pickle.dump(x, path)`)
    if (pathWriters && !calleeName(sc, call, pathWriters) && !isMethodDumper(sc, call, pathWriters)) return undefined;
    for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) {
      const arg = a?.type === 'keyword_argument' ? a.childForFieldName('value') : a;
      // Only a write that truncates (`w`, `x`): appending leaves what was there first.
      if (arg && (samePath(sc, openedPath(sc, arg, /[wx]/) ?? arg, path, known) || writesSuffixed(sc, call, arg, known))) return call;
    }
    return undefined;
  };
  let lastWrite: Node | undefined;
  for (let k = firstStartingAt(candidates, expr.startIndex) - 1; k >= 0 && !lastWrite; k--) {
    const call = candidates[k];
    if (call.endIndex > expr.startIndex) continue; // the load sits inside it
    // `if fresh: torch.save(m, p)` / `else: torch.load(p)`: no run does both
    if (sc.inExclusiveBranches(call, expr)) continue;
    if (!spend(sc)) return undefined;
    lastWrite = writerOf(call);
  }
  if (!lastWrite) {
    if (!orMaybe) return undefined;
    // `for ...: (load "ckpt.pt") ... torch.save(m, "ckpt.pt")`: an earlier iteration wrote it
    const loops = ancestorsOf(expr).filter((a) => (a.type === 'for_statement' || a.type === 'while_statement') && sc.enclosingFunction(a).id === scope.id);
    if (loops.length === 0) return undefined;
    for (let k = firstStartingAt(candidates, expr.endIndex); k < candidates.length; k++) {
      const call = candidates[k];
      if (!loops.some((l) => call.startIndex >= l.startIndex && call.endIndex <= l.endIndex)) continue;
      if (!spend(sc)) return undefined;
      const write = writerOf(call);
      if (write) return { write, certain: false };
    }
    return undefined;
  }
  // The write must certainly run before the load: `if not exists(p): pickle.dump(x, open(p, "wb"))`
  // followed by `pickle.load(open(p, "rb"))` reads a file that may have been on disk already.
  // A save in a notebook cell above the load's is one on some paths only: the loading cell may run
  // alone (after a restart, or skipping training), on a file left on disk (lang-python's `sameRun`).
  const sameRun = sc.sameRun(lastWrite, expr);
  let certain = sameRun && sc.certainlyRunsBefore(lastWrite, expr);
  if (!certain && sameRun) {
    // `if fresh: torch.save(m, p)` / `else: torch.save(train(), p)`: one of the writes runs on every path
    const earlier: Node[] = [lastWrite];
    for (let k = firstStartingAt(candidates, lastWrite.startIndex) - 1; k >= 0; k--) {
      const call = candidates[k];
      if (call.endIndex > expr.startIndex || sc.inExclusiveBranches(call, expr) || !sc.sameRun(call, expr)) continue;
      if (!spend(sc)) return undefined;
      const write = writerOf(call);
      if (write) earlier.push(write);
    }
    certain = earlier.length > 1 && sc.certainlyRunsBefore(earlier, expr);
  }
  if (!certain && !orMaybe) return undefined;
  // Between that write and the load, the path handed to anything but a reader (a copy, a download,
  // a move onto it): the file may no longer hold what was written.
  // (the calls that may hand the path on, by the keys of what they are handed: only those naming the
  // path, or a variable it is built from, are looked at)
  const handOffs = handOffsByPath(sc, scope, dumpers, writes);
  // (the copy too: `local = path; download(url, local)` changes the file both name)
  const named = copy ? [path, loaded] : [path];
  const keys = named.flatMap((p) => [loadKey(sc, p, known), ...namesIn(sc, p).filter((n) => sc.reachingBindings(n).length > 0).map((n) => `n:${n.text}`)]);
  for (const key of new Set(keys)) {
    const calls = handOffs.get(key) ?? [];
    for (let k = firstStartingAt(calls, lastWrite.endIndex); k < calls.length && calls[k].startIndex < expr.startIndex; k++) {
      const call = calls[k];
      if (call.endIndex > expr.startIndex) continue; // encloses the load
      if (!spend(sc)) return undefined;
      for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) {
        const arg = a?.type === 'keyword_argument' ? a.childForFieldName('value') : a;
        if (arg && named.some((p) => samePath(sc, arg, p, known) || sharesName(sc, arg, p))) return undefined;
      }
    }
  }
  return { write: lastWrite, certain };
}

const dumperCalls = new WeakMap<object, Map<string, Node[]>>();

/** The key `writesByPath` files a write under for the loaded path: its constant value, or the text of the name it spells. */
function loadKey(sc: SC, path: Node, known: ConstantValue | typeof UNKNOWN): string {
  if (typeof known === 'string') return `s:${known}`;
  return spellingKey(sc, path);
}

/**
 * A path by its spelling and what each name in it reaches, as `samePath` compares two paths that are no
 * constant (`t:p|12` for `p` reaching the binding at node 12): `p` rebound between writes is another key.
 */
function spellingKey(sc: SC, node: Node): string {
  const f = fileNameOperand(sc, node);
  const reached = namesIn(sc, f).map((n) => sc.reachingBindings(n).map((b) => b.node.id).join(','));
  return `t:${sc.text.slice(f.startIndex, f.endIndex)}|${reached.join(';')}`;
}

/** The keys a path a call is handed may match a load's under (`loadKey`): its constant and its spelling. */
function pathKeys(sc: SC, node: Node, out: Set<string>): void {
  const v = sc.constant(node);
  if (typeof v === 'string') out.add(`s:${v}`);
  out.add(spellingKey(sc, node));
}

/** The values a call is handed (positional and keyword). */
function handedValues(call: Node): Node[] {
  const out: Node[] = [];
  for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) {
    const arg = a?.type === 'keyword_argument' ? a.childForFieldName('value') : a;
    if (arg && arg.type !== 'comment') out.push(arg);
  }
  return out;
}

/** Per file: `writesByPath` per function and dumpers. */
const writeIndexes = new WeakMap<object, Map<string, Map<string, Node[]>>>();

/**
 * A per-function index of calls by key (`writesByPath`, `handOffsByPath`), built once per file, function and
 * dumpers: `keysOf` gives a call's keys (none: not indexed), in source order.
 */
function callIndex(memo: WeakMap<object, Map<string, Map<string, Node[]>>>, sc: SC, scope: Node, dumpers: ReadonlySet<string>, calls: Iterable<Node>, keysOf: (call: Node) => Iterable<string>): Map<string, Node[]> {
  let byKey = memo.get(sc);
  if (!byKey) memo.set(sc, (byKey = new Map()));
  const id = `${scope.id}\u0000${[...dumpers].join(',')}`;
  let index = byKey.get(id);
  if (index) return index;
  index = new Map();
  for (const call of calls) {
    for (const key of keysOf(call)) {
      let list = index.get(key);
      if (!list) index.set(key, (list = []));
      list.push(call);
    }
  }
  byKey.set(id, index);
  return index;
}

/**
 * A function's writes (`dumperCallsIn`), in source order, by every key a load's path may match them under
 * (`loadKey`): what a handed value names (also the file a handle was opened on to write), the file
 * `numpy.save` names once it adds its suffix, the path a `p.write_bytes(pickle.dumps(x))` writes. A
 * superset of what `ownWrite`'s `writerOf` accepts, built once per function.
 */
function writesByPath(sc: SC, scope: Node, dumpers: ReadonlySet<string>, writes: readonly Node[]): Map<string, Node[]> {
  return callIndex(writeIndexes, sc, scope, dumpers, writes, (call) => {
    const keys = new Set<string>();
    const writer = call.parent?.type === 'argument_list' ? call.parent.parent : undefined;
    const writerFn = writer?.type === 'call' ? sc.callee(writer) : undefined;
    if (writerFn?.type === 'attribute' && writerFn.childForFieldName('attribute')?.text === 'write_bytes') {
      const target = writerFn.childForFieldName('object');
      if (target) pathKeys(sc, target, keys);
    }
    const suffix = WRITER_SUFFIX.get(calleeName(sc, call) ?? '');
    for (const arg of handedValues(call)) {
      pathKeys(sc, openedPath(sc, arg, /[wx]/) ?? arg, keys);
      const name = suffix ? sc.constant(arg) : undefined;
      if (suffix && typeof name === 'string') keys.add(`s:${name}${suffix}`);
    }
    return keys;
  });
}

/** Per file: `handOffsByPath` per function and dumpers. */
const handOffIndexes = new WeakMap<object, Map<string, Map<string, Node[]>>>();

/**
 * The calls of a function that may change what a path holds (not one of its own writes, not a reader:
 * `readsOnly`), in source order, by the keys of what they are handed (`pathKeys`) and by each name in
 * it (`n:name`, for `sharesName`). Built once per function.
 */
function handOffsByPath(sc: SC, scope: Node, dumpers: ReadonlySet<string>, writes: readonly Node[]): Map<string, Node[]> {
  let ours: Set<number> | undefined; // (made when the index is built, not at each ask)
  return callIndex(handOffIndexes, sc, scope, dumpers, sc.callsIn(scope), (call) => {
    ours ??= new Set(writes.map((w) => w.id));
    if (ours.has(call.id)) return []; // a write of this function's own data
    const args = handedValues(call);
    if (args.length === 0) return [];
    const keys = new Set<string>();
    for (const arg of args) {
      pathKeys(sc, arg, keys);
      for (const n of namesIn(sc, arg)) keys.add(`n:${n.text}`);
    }
    return readsOnly(sc, call) ? [] : keys;
  });
}

/** Per file, by the first binding of a name and the count of its bindings: its augmented assignments. */
const augmentedBindings = new WeakMap<object, Map<string, readonly PythonBinding[]>>();

/** The augmented assignments among a name's bindings (`bindings`: all of them), found once per name. */
function augmentedOf(sc: SC, bindings: readonly PythonBinding[]): readonly PythonBinding[] {
  if (bindings.length === 0) return bindings;
  let memo = augmentedBindings.get(sc);
  if (!memo) augmentedBindings.set(sc, (memo = new Map()));
  const key = `${bindings[0].node.id}:${bindings[0].name}:${bindings.length}`;
  let augmented = memo.get(key);
  if (!augmented) memo.set(key, (augmented = bindings.filter((b) => b.kind === 'augmented' && b.node.type === 'augmented_assignment')));
  return augmented;
}

/** `appendedOrigin` per file, by the first augmented assignment of the name (its answer, or `unknown` while it is asked). */
const appendedOrigins = new WeakMap<object, Map<number, Origin>>();

/**
 * What the augmented assignments among a name's bindings append (`buf += sock.recv(n)`), when it is
 * network data or user input: asked once per name and file (a name appended to itself, `x += x`, again
 * and again, would otherwise ask its bindings once per path through them).
 */
function appendedOrigin(sc: SC, bindings: readonly PythonBinding[]): Origin {
  const augmented = augmentedOf(sc, bindings);
  if (augmented.length === 0) return 'unknown';
  let memo = appendedOrigins.get(sc);
  if (!memo) appendedOrigins.set(sc, (memo = new Map()));
  const key = augmented[0].node.id;
  const known = memo.get(key);
  if (known !== undefined) return known;
  memo.set(key, 'unknown');
  let best: Origin = 'unknown';
  for (const b of augmented) {
    // (from the same depth whoever asks first, so that the answer kept does not depend on how deep that was)
    const appended = dataOrigin(sc, b.node.childForFieldName('right') ?? undefined, 1);
    if (appended === 'network' || appended === 'user') best = strongest(best, appended);
    if (best === 'network') break;
  }
  memo.set(key, best);
  return best;
}

/**
 * The calls of `dumpers` a function runs itself, in source order, found once per function: a cheap
 * syntactic gate on the last name (aliases included) before each qualified-name question.
 */
function dumperCallsIn(sc: SC, scope: Node, dumpers: ReadonlySet<string>): Node[] {
  let byKey = dumperCalls.get(sc);
  if (!byKey) dumperCalls.set(sc, (byKey = new Map()));
  const key = `${scope.id}\u0000${[...dumpers].join(',')}`;
  let list = byKey.get(key);
  if (!list) {
    const gate = sc.calleeGate([...new Set([...dumpers].map((q) => q.slice(q.lastIndexOf('.') + 1)))]);
    // `.to_pickle` in `dumpers`: a method of that name on any receiver (`df.to_pickle(p)`)
    list = sc.callsIn(scope).filter((call) => gate(call) && (!!calleeName(sc, call, dumpers) || isMethodDumper(sc, call, dumpers)));
    byKey.set(key, list);
  }
  return list;
}

/**
 * Whether `arg` mentions a variable the path is built from (`filename` in `Path(filename)`): handed
 * to something else, it may name the same file under another spelling.
 */
function sharesName(sc: SC, arg: Node, path: Node): boolean {
  const used = namesIn(sc, path).filter((n) => sc.reachingBindings(n).length > 0);
  if (used.length === 0) return false;
  return namesIn(sc, arg).some((a) => used.some((p) => sc.sameVariable(a, p)));
}

/** Calls that only look at a file by its name: opening it to read, asking about it, printing it. */
const PATH_READERS = new Set(['os.path.exists', 'os.path.isfile', 'os.path.getsize', 'os.path.getmtime', 'os.stat', 'builtins.print', 'builtins.len', 'builtins.str', 'builtins.repr']);

function readsOnly(sc: SC, call: Node): boolean {
  // `"Pickled it to {}".format(path)`: a message that names the file
  const fn = sc.callee(call);
  if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format') {
    const template = fn.childForFieldName('object');
    if (template && typeof sc.constant(template) === 'string') return true;
  }
  if (isOpenerCall(sc, call)) {
    const mode = openMode(sc, call);
    return mode !== undefined && !/[wax+]/.test(mode);
  }
  const q = calleeName(sc, call);
  if (!q) return false;
  // `closing(gzip.GzipFile(p, "rb"))`: closes the handle a reader opened
  if (q === 'contextlib.closing') {
    const inner = sc.argument(call, { name: 'thing', position: 0 });
    return inner?.type === 'call' && readsOnly(sc, inner);
  }
  // `open(Path(p), "rb")`: the name, spelled another way, handed straight to a reader
  const outer = call.parent?.type === 'argument_list' ? call.parent.parent : undefined;
  if (SAME_FILE.has(q) && outer?.type === 'call') return readsOnly(sc, outer);
  return PATH_READERS.has(q) || /(^|\.)(load|loads)$/.test(q);
}

/** Annotations of a file name (`str`, `Path`, `os.PathLike[str]`, `str | Path`, `Union[str, os.PathLike]`, `Optional[...]`). */
const PATH_ANNOTATION = /^(?:(?:Optional|Union|typing\.Optional|typing\.Union)\[)?\s*(?:(?:str|(?:pathlib\.)?(?:Pure)?Path|(?:os\.)?PathLike(?:\[\w+\])?|StrPath|None)\s*(?:[|,]\s*|\]\s*$|$))+$/;

/**
 * A name that is only a parameter declared as a file name: its default a file name (`out="model.joblib"`,
 * `out=Path("m.pt")`, not `None`) or its annotation a path type (`out: str`, `out: Path`), and the function
 * never uses it as a stream (`out.write(…)`, `out.seek(0)`). A stream handed in may hold other data first;
 * such a name is the caller's file name, and what this function writes to it before loading it is its own.
 */
function isPathParameter(sc: SC, name: Node): boolean {
  const reaching = sc.reachingBindings(name);
  if (reaching.length === 0 || !reaching.every((b) => b.kind === 'parameter')) return false;
  const param = sc.parameterOf(name);
  if (!param || (param.node.type !== 'default_parameter' && param.node.type !== 'typed_default_parameter' && param.node.type !== 'typed_parameter')) return false;
  // (a string annotation, `p: "os.PathLike[str]"`, read as its text)
  const annotation = param.node.childForFieldName('type')?.text.replace(/\s+/g, ' ').trim().replace(/^(["'])(.*)\1$/, '$2');
  const byDefault = !!param.default && param.default.type !== 'none' && isPathExpression(sc, param.default, 0);
  const byAnnotation = !!annotation && PATH_ANNOTATION.test(annotation) && annotation !== 'None';
  return (byDefault || byAnnotation) && !usedAsStream(sc, name);
}

const PATH_CALLS = new Set(['os.path.join', 'os.path.abspath', 'os.path.expanduser', 'os.fspath', 'pathlib.Path', 'pathlib.PurePath', 'builtins.str']);

/** An expression that denotes a file name: a string, `+`/`/` of them, `os.path.join`, `tmp.name`, a name bound to one. */
function isPathExpression(sc: SC, node: Node, depth: number): boolean {
  if (depth > 4) return false;
  switch (node.type) {
    case 'string':
    case 'concatenated_string':
    case 'binary_operator':
      return true;
    case 'attribute':
      // `tmp.name` (tempfile), `tmpdir.join("x").strpath` (py.path)
      return ['name', 'strpath'].includes(node.childForFieldName('attribute')?.text ?? '');
    case 'call': {
      const q = calleeName(sc, node);
      return !!q && PATH_CALLS.has(q);
    }
    case 'identifier': {
      const reaching = sc.reachingBindings(node);
      return reaching.length > 0 && reaching.every((b) => b.kind === 'assignment' && !!b.value && isPathExpression(sc, b.value, depth + 1));
    }
    default:
      return false;
  }
}

/** The path a file handle was opened on (`with open(p, mode) as f`, `f = open(p, mode)`, `open(p, mode)` itself), when its mode matches. */
function openedPath(sc: SC, handle: Node, mode: RegExp): Node | undefined {
  // `pickle.loads(p.read_bytes())` reads the path `p` (pathlib)
  if (handle.type === 'call' && /r/.test(mode.source)) {
    const fn = sc.callee(handle);
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'read_bytes') return fn.childForFieldName('object') ?? undefined;
  }
  let value: Node | undefined;
  if (handle.type === 'call') value = handle; // `pickle.load(open(p, "rb"))`
  else if (handle.type === 'identifier') {
    const reaching = sc.reachingBindings(handle);
    if (reaching.length !== 1) return undefined;
    value = reaching[0].value;
  }
  // `with closing(gzip.GzipFile(p, "rb")) as f`: the handle it closes
  if (value?.type === 'call' && calleeName(sc, value) === 'contextlib.closing') value = sc.argument(value, { name: 'thing', position: 0 });
  if (!value || value.type !== 'call' || !isOpenerCall(sc, value)) return undefined;
  const file = openedFile(sc, value);
  const modeText = openMode(sc, value);
  return file && modeText !== undefined && mode.test(modeText) ? file : undefined;
}

/**
 * The same path: equal constants, or the same text whose names reach the same bindings (names that
 * bind nothing, such as the attribute of `tmp.name`, only need the same text).
 */
/** Writers that add their suffix to a name without it: `numpy.save("cache", a)` writes `cache.npy`. */
const WRITER_SUFFIX = new Map([
  ['numpy.save', '.npy'],
  ['numpy.savez', '.npz'],
  ['numpy.savez_compressed', '.npz'],
]);

/** `numpy.save("cache", a)` … a load of `"cache.npy"`: the file the writer names once it adds its suffix. */
function writesSuffixed(sc: SC, writer: Node, arg: Node, loaded: ConstantValue | typeof UNKNOWN): boolean {
  if (typeof loaded !== 'string') return false;
  const name = sc.constant(arg);
  if (typeof name !== 'string') return false;
  const suffix = WRITER_SUFFIX.get(calleeName(sc, writer) ?? '');
  return !!suffix && !name.endsWith(suffix) && name + suffix === loaded;
}

function samePath(sc: SC, pathA: Node, pathB: Node, bValue: ConstantValue | typeof UNKNOWN): boolean {
  if (typeof bValue === 'string') return sc.constant(pathA) === bValue;
  const a = fileNameOperand(sc, pathA);
  const b = fileNameOperand(sc, pathB);
  if (sc.text.slice(a.startIndex, a.endIndex) !== sc.text.slice(b.startIndex, b.endIndex)) return false;
  const an = namesIn(sc, a);
  const bn = namesIn(sc, b);
  if (an.length !== bn.length) return false;
  for (let i = 0; i < an.length; i++) {
    const ra = sc.reachingBindings(an[i]);
    const rb = sc.reachingBindings(bn[i]);
    if (ra.length !== rb.length || ra.some((x, j) => x.node.id !== rb[j].node.id)) return false;
  }
  return true;
}

/** Calls that name the same file as their one argument: `Path(p)`, `str(p)`, `os.fspath(p)`. */
const SAME_FILE = new Set(['pathlib.Path', 'pathlib.PurePath', 'pathlib.PosixPath', 'builtins.str', 'os.fspath']);

/** How many simple copies (`a = p`, `b = str(a)`) `copiedPath` follows back. */
const MAX_PATH_COPIES = 4;

/**
 * The path a name copies, when its one reaching binding in the same function is a plain assignment
 * of a name or of `str(name)` / `Path(name)` / `os.fspath(name)` (`local = path`, `q = str(p)`): that
 * value, where the copy was made (its names reach what they reached there). Followed back through
 * MAX_PATH_COPIES such copies; undefined when the name is no such copy.
 */
function copiedPath(sc: SC, expr: Node): Node | undefined {
  let out: Node | undefined;
  let at = expr;
  for (let i = 0; i < MAX_PATH_COPIES && at.type === 'identifier'; i++) {
    const reaching = sc.reachingBindings(at);
    const binding = reaching.length === 1 ? reaching[0] : undefined;
    if (binding?.kind !== 'assignment' || binding.node.type !== 'assignment' || !binding.value) break;
    if (sc.enclosingFunction(binding.node).id !== sc.enclosingFunction(expr).id) break;
    const operand = fileNameOperand(sc, binding.value);
    if (operand.type !== 'identifier') break;
    out = binding.value;
    at = operand;
  }
  return out;
}

/** ROS 2's node class, whose `get_parameter(s)` read what the launch file or command line set. */
const ROS2_NODE = new Set(['rclpy.node.Node', 'rclpy.Node']);

/**
 * `self.get_parameter("model_path")` in a method of a class of this file that inherits ROS 2's `Node`
 * (`class PolicyNode(Node)`): a parameter the operator sets, as `USER_INPUT_METHODS` reads it on an
 * instance (review robotics P3-1).
 */
function isRos2ParameterRead(sc: SC, callee: Node): boolean {
  const name = callee.childForFieldName('attribute')?.text;
  const object = callee.childForFieldName('object');
  if ((name !== 'get_parameter' && name !== 'get_parameters') || object?.type !== 'identifier') return false;
  // the method's first parameter (`self`), of a method defined in a class body, never rebound
  if (!isMethodReceiver(sc, object) || sc.bindings(object).some((b) => b.kind !== 'parameter')) return false;
  let holder = sc.parameterOf(object)!.function.parent;
  if (holder?.type === 'decorated_definition') holder = holder.parent;
  const className = holder?.parent?.type === 'class_definition' ? holder.parent.childForFieldName('name') : undefined;
  const chain = className ? sc.localSubclass(className) : undefined;
  return !!chain && chain.bases.some((b) => ROS2_NODE.has(b));
}

/** `p` for `Path(p)`, `str(Path(p))`, `os.fspath(p)`: the expression whose value names the file. */
function fileNameOperand(sc: SC, path: Node): Node {
  let n = path;
  for (let i = 0; i < 4 && n.type === 'call' && !sc.hasUnresolvedArguments(n); i++) {
    const args = sc.positionalArguments(n);
    const q = calleeName(sc, n);
    if (!q || !SAME_FILE.has(q) || args.length !== 1 || sc.keywordArguments(n).size > 0) break;
    n = args[0];
  }
  return n;
}

/** Type stubs (`.pyi`) declare signatures and never run: nothing in them loads anything. */
export function isStubFile(context: { filename: string }): boolean {
  return context.filename.toLowerCase().endsWith('.pyi');
}

/**
 * A new, empty buffer of this process: `io.BytesIO()`, `tempfile.TemporaryFile()`,
 * `tempfile.SpooledTemporaryFile()`, `tempfile.NamedTemporaryFile()` (created empty, mode 0600, by
 * this process: what is read back through the handle is what the function wrote).
 */
function isPrivateBuffer(sc: SC, value: Node): boolean {
  if (value.type !== 'call') return false;
  const q = calleeName(sc, value);
  if (q === 'io.BytesIO') return !sc.argument(value, { name: 'initial_bytes', position: 0 });
  return q === 'tempfile.TemporaryFile' || q === 'tempfile.SpooledTemporaryFile' || q === 'tempfile.NamedTemporaryFile';
}

/** `k.get("weights_only", False)`: the caller's value, or False when it passed none. */
export function getsWeightsOnlyWithFalseDefault(sc: SC, value: Node | undefined): boolean {
  if (value?.type !== 'call') return false;
  const fn = sc.callee(value);
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'get') return false;
  const key = sc.argument(value, { position: 0 });
  return !!key && sc.constant(key) === 'weights_only' && flagState(sc, sc.argument(value, { position: 1 })) === 'false';
}

/** `if "weights_only" not in kwargs: kwargs["weights_only"] = False`: set only when the caller passed none. */
export function setOnlyWhenAbsent(node: Node, body: Node): boolean {
  for (const p of ancestorsOf(node)) {
    if (p.id === body.id) break;
    if (p.type !== 'if_statement') continue;
    const cond = p.childForFieldName('condition');
    if (cond?.type === 'comparison_operator' && /\bnot\s+in\b/.test(cond.text) && /["']weights_only["']/.test(cond.text)) return true;
  }
  return false;
}

/**
 * How a mapping has its `weights_only` entry set to a false value inside `body`: `forces` for
 * `kw["weights_only"] = False`, `kw.update(weights_only=False)` or `kw.update({"weights_only": False})`;
 * `defaults` when a value the caller passed is kept (`kw.setdefault("weights_only", False)`,
 * `kw["weights_only"] = kw.get("weights_only", False)`, an assignment under `if "weights_only" not in
 * kw:`); undefined when it is not. With `mapping`, only that name's entries count.
 */
export function weightsOnlyFalseWrite(sc: SC, body: Node, mapping?: string): 'forces' | 'defaults' | undefined {
  const isTarget = (obj: Node | null | undefined) => !!obj && (mapping === undefined || (obj.type === 'identifier' && obj.text === mapping));
  let result: 'defaults' | undefined;
  for (const a of sc.descendants(body, 'assignment')) {
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right') ?? undefined;
    if (left?.type !== 'subscript' || !right || !isTarget(left.childForFieldName('value'))) continue;
    const key = left.childForFieldName('subscript');
    if (!key || sc.constant(key) !== 'weights_only') continue;
    if (getsWeightsOnlyWithFalseDefault(sc, right) || (flagState(sc, right) === 'false' && setOnlyWhenAbsent(a, body))) result = 'defaults';
    else if (flagState(sc, right) === 'false') return 'forces';
  }
  for (const c of sc.descendants(body, 'call')) {
    const fn = sc.callee(c);
    if (fn?.type !== 'attribute' || !isTarget(fn.childForFieldName('object'))) continue;
    const method = fn.childForFieldName('attribute')?.text;
    if (method === 'setdefault') {
      const key = sc.argument(c, { position: 0 });
      if (key && sc.constant(key) === 'weights_only' && flagState(sc, sc.argument(c, { position: 1 })) === 'false') result = 'defaults';
    } else if (method === 'update') {
      if (flagState(sc, sc.argument(c, { name: 'weights_only' })) === 'false') return 'forces';
      const arg = sc.argument(c, { position: 0 });
      const v = arg ? sc.constant(arg) : UNKNOWN;
      if (v !== UNKNOWN && v && typeof v === 'object' && !Array.isArray(v) && 'weights_only' in v && !truthy(v.weights_only)) return 'forces';
    }
  }
  return result;
}

/** `weightsOnlyFalseWrite` found a write (forced or default): a load of that mapping may get False. */
export function setsWeightsOnlyFalse(sc: SC, body: Node, mapping?: string): boolean {
  return weightsOnlyFalseWrite(sc, body, mapping) !== undefined;
}

/** The names of the `**name` splats of a call (`**kwargs` → `kwargs`). */
export function dictionarySplatNames(call: Node): string[] {
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'argument_list') return [];
  const out: string[] = [];
  for (const a of args.namedChildren) {
    if (a?.type !== 'dictionary_splat') continue;
    const inner = a.namedChildren.find((c) => !!c && c.type !== 'comment');
    if (inner?.type === 'identifier') out.push(inner.text);
  }
  return out;
}

/**
 * How many wrappers that pass their own `**kwargs` on (`def load_checkpoint(path, **kw): return
 * _load(path, **kw)`) are followed up to the callers that spell a keyword out. Each function is read
 * once per question whatever the bound (review rag P3-2: a flag handed through six wrappers was lost at 4).
 */
const MAX_SPLAT_HOPS = 16;

/** `splatValuesFromCallers` per file, call, key and depth. */
const splatValuesMemo = new WeakMap<SC, Map<string, Node[]>>();

/**
 * What same-file callers pass under `key` into the `**kwargs` a call forwards (`torch.load(f,
 * **kwargs)` inside `def load_fsspec(path, **kwargs)`, called as `load_fsspec(p,
 * pickle_module=pickle)`): the value nodes, one per caller that passes it. A caller that passes on
 * its own `**kwargs` unchanged (`def load_checkpoint(path, **kw): return load_fsspec(path, **kw)`) is
 * followed to its callers in turn, up to MAX_SPLAT_HOPS wrappers, each function once. `--depth
 * standard` and `deep` only.
 */
export function splatValuesFromCallers(sc: SC, call: Node, key: string, depth: string): Node[] {
  let memo = splatValuesMemo.get(sc);
  if (!memo) splatValuesMemo.set(sc, (memo = new Map()));
  const memoKey = `${call.id}\u0000${key}\u0000${depth}`;
  let out = memo.get(memoKey);
  if (!out) memo.set(memoKey, (out = splatValuesThrough(sc, call, key, depth, 0, new Set())));
  return out;
}

function splatValuesThrough(sc: SC, call: Node, key: string, depth: string, hops: number, seen: Set<number>): Node[] {
  const out: Node[] = [];
  const args = call.childForFieldName('arguments');
  for (const a of args?.namedChildren ?? []) {
    if (a?.type !== 'dictionary_splat') continue;
    const name = a.namedChildren.find((c) => !!c && c.type !== 'comment') ?? undefined;
    const param = callerFollowedParameter(sc, name, depth);
    if (param?.node.type !== 'dictionary_splat_pattern' || seen.has(param.function.id)) continue;
    // a wrapper's mapping that may have lost `key` on the way (`kw.pop("weights_only")`) is not followed
    if (hops > 0 && !forwardsUnchanged(sc, name!, key)) continue;
    seen.add(param.function.id);
    for (const site of sc.callSites(param.function)) {
      const passed = sc.splatArgumentFor(site, param, key);
      if (passed) out.push(passed);
      else if (hops < MAX_SPLAT_HOPS) out.push(...splatValuesThrough(sc, site, key, depth, hops + 1, seen));
    }
  }
  return out;
}

/** Ways to read a mapping that leave its keys as they are. */
const READING_METHODS = new Set(['get', 'items', 'keys', 'values', 'copy']);

/**
 * The `**` parameter `name` is passed on with `key` as the caller gave it: every read of it is a
 * `**name`, an `in` test, or a method that leaves `key` alone (`get`, `items`, `setdefault` of
 * another key).
 */
function forwardsUnchanged(sc: SC, name: Node, key: string): boolean {
  return sc.references(name, { readsOnly: true }).every((use) => {
    const parent = use.parent;
    if (!parent) return false;
    if (parent.type === 'dictionary_splat' || parent.type === 'comparison_operator') return true;
    if (parent.type !== 'attribute' || parent.childForFieldName('object')?.id !== use.id || parent.parent?.type !== 'call') return false;
    const method = parent.childForFieldName('attribute')?.text ?? '';
    if (READING_METHODS.has(method)) return true;
    if (method !== 'setdefault') return false;
    const first = sc.argument(parent.parent, { position: 0 });
    return !!first && sc.constant(first) !== UNKNOWN && sc.constant(first) !== key;
  });
}

/**
 * A same-file caller passes a false value other than `None` for the parameter `arg` (`def _load(p,
 * weights_only=None)` called as `_load(p, weights_only=False)`): the unsafe path exists whatever the
 * default says. `--depth standard` and `deep` only, like `flagStateThroughCallers`.
 */
export function someCallerPassesFalse(sc: SC, arg: Node | undefined, depth: string): boolean {
  const param = callerFollowedParameter(sc, arg, depth);
  return !!param && sc.callSites(param.function).some((site) => {
    const passed = sc.argumentFor(site, param);
    if (!passed) return false;
    const v = sc.constant(passed);
    return v !== UNKNOWN && v !== null && !truthy(v);
  });
}

/**
 * The parameter `arg` names when its callers in this file can be read for it: a parameter of a
 * `def` (not a lambda), never re-bound inside, at `--depth standard` or `deep` (flow between
 * functions of the same file).
 */
function callerFollowedParameter(sc: SC, arg: Node | undefined, depth: string): PythonParameter | undefined {
  if (!arg || depth === 'quick' || arg.type !== 'identifier') return undefined;
  const param = sc.parameterOf(arg);
  if (!param || param.function.type !== 'function_definition') return undefined;
  if (sc.bindings(arg).some((b) => b.kind !== 'parameter')) return undefined; // re-bound inside
  return param;
}

/** How deep `not` and parentheses are unwrapped around a flag's parameter. */
const MAX_FLAG_NEGATIONS = 16;

/** A flag's state as a function of the state of the parameter it reads. */
type StateMap = (parameterState: FlagState) => FlagState;

/** `not`s and parentheses around an expression: what they wrap, and whether an odd number of `not`s does. */
function unwrapNegations(arg: Node | undefined): { inner: Node | undefined; inverted: boolean } {
  let inverted = false;
  for (let i = 0; arg && i < MAX_FLAG_NEGATIONS; i++) {
    const inner = arg.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    if (arg.type === 'not_operator' && inner.length === 1) inverted = !inverted;
    else if (arg.type !== 'parenthesized_expression' || inner.length !== 1) break;
    arg = inner[0];
  }
  return { inner: arg, inverted };
}

/**
 * The parameter a flag argument reads, as `callerFollowedParameter`, also through `not` and
 * parentheses (`weights_only=not legacy`, `not (unsafe)`), and as the condition of a conditional
 * expression whose two branches are constants (`weights_only=False if legacy else True`, review
 * robotics P2-1): `map` turns a caller's value for the parameter into the flag's state.
 */
function callerFollowedFlag(sc: SC, arg: Node | undefined, depth: string): { param: PythonParameter; map: StateMap } | undefined {
  const outer = unwrapNegations(arg);
  let around: StateMap = (s) => invertedState(s, outer.inverted);
  let at = outer.inner;
  if (at?.type === 'conditional_expression') {
    // `a if cond else b`: the grammar's named children are a, cond, b
    const parts = at.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    if (parts.length !== 3) return undefined;
    const whenTrue = flagState(sc, parts[0]);
    const whenFalse = flagState(sc, parts[2]);
    if (whenTrue === 'unknown' || whenFalse === 'unknown') return undefined;
    const condition = unwrapNegations(parts[1]);
    const outerMap = around;
    around = (s) => {
      const c = invertedState(s, condition.inverted);
      const chosen = c === 'true' ? whenTrue : c === 'false' ? whenFalse : whenTrue === whenFalse ? whenTrue : 'unknown';
      return outerMap(chosen);
    };
    at = condition.inner;
  }
  const param = callerFollowedParameter(sc, at, depth);
  return param ? { param, map: around } : undefined;
}

/** The state of `not <flag>` for a flag of the given state. */
function invertedState(state: FlagState, inverted: boolean): FlagState {
  if (!inverted) return state;
  return state === 'true' ? 'false' : state === 'false' ? 'true' : state;
}

/**
 * A function of this file that cannot be called from elsewhere: a `_private` one (not a dunder such
 * as `__call__`, which Python calls itself) or one nested in another function.
 */
function isLocalFunction(sc: SC, fn: Node): boolean {
  const name = fn.childForFieldName('name')?.text ?? '';
  if (name.startsWith('_') && !/^__.*__$/.test(name)) return true;
  return sc.enclosingFunction(fn).type === 'function_definition';
}

/** The function expression a call calls (`f` in `f(x)`). */
function isCallee(node: Node): boolean {
  const parent = node.parent;
  return parent?.type === 'call' && parent.childForFieldName('function')?.id === node.id;
}

/**
 * The function is only ever called in this file, by its name (`_load(p)`) or as a method
 * (`self._load(p)`): never handed on as a value (`pool.map(_load, files)`, `loader = _load`), which
 * would call it with its defaults where no call site shows. An attribute of the same name that is
 * not called counts as such a use unless it names another function of the file.
 */
function onlyCalled(sc: SC, fn: Node): boolean {
  const nameNode = fn.childForFieldName('name');
  if (!nameNode) return false;
  for (const use of sc.references(nameNode, { readsOnly: true })) {
    if (use.startIndex !== nameNode.startIndex && !isCallee(use)) return false;
  }
  const name = nameNode.text;
  const re = new RegExp(`\\.\\s*(${name})(?![\\p{L}\\p{N}_])`, 'gu');
  for (let m = re.exec(sc.text); m; m = re.exec(sc.text)) {
    const at = m.index + m[0].length - name.length;
    const node = sc.ast.descendantForIndex(at, at + name.length);
    const attribute = node?.parent;
    if (node?.type !== 'identifier' || attribute?.type !== 'attribute' || attribute.childForFieldName('attribute')?.id !== node.id) continue;
    if (isCallee(attribute)) continue;
    // a method of another class of the file (`other._read` in `class B`) is another function
    const target = sc.localFunction(attribute);
    if (!target || target.id === fn.id) return false;
  }
  return true;
}

/**
 * Every same-file call of the function that declares the parameter `arg` names passes it
 * explicitly with a value of state `wanted`, the function is private or nested and only ever
 * called: the parameter's default (`def _load(p, weights_only=False)`) is then never used.
 * `--depth standard` and `deep` only.
 */
export function everyCallerPasses(sc: SC, arg: Node | undefined, depth: string, wanted: 'true' | 'false'): boolean {
  const followed = callerFollowedFlag(sc, arg, depth);
  if (!followed || !isLocalFunction(sc, followed.param.function)) return false;
  const { param, map } = followed;
  const sites = sc.callSites(param.function);
  if (sites.length === 0) return false;
  if (!sites.every((site) => {
    const passed = sc.argumentFor(site, param);
    return !!passed && map(flagState(sc, passed)) === wanted;
  })) return false;
  return onlyCalled(sc, param.function);
}

/**
 * What the same-file calls pass under `key` into the `**kwargs` a call forwards, when they are all
 * that can reach it: every `**name` of the call is the `**` parameter of a private or nested function
 * that is only ever called, whose body uses that mapping only to forward it (no `kwargs[...] = …`,
 * `pop`, `update`), and whose callers spell out their keywords (no `**opts` of their own); the call
 * has no `*args` either. One entry per call site: the value node, or undefined when it passes none.
 * A call site that passes on the `**kwargs` of its own function, itself such a function, is read
 * through that function's callers (up to MAX_SPLAT_HOPS wrappers; a wrapper that calls it twice is
 * read once, per hop). undefined when that cannot be told. `--depth standard` and `deep` only.
 */
export function splatValuesFromEveryCaller(sc: SC, call: Node, key: string, depth: string): Array<Node | undefined> | undefined {
  // what the callers of each wrapper pass, per wrapper and hop count: a wrapper that calls the next
  // one twice (`_load(p, **kw)` then `_load(q, **kw)`) is read once, and the work stays bounded
  const memo = new Map<string, Array<Node | undefined> | undefined>();
  // the wrappers on the current path only (one reaching itself cannot be told), not every one met
  const path = new Set<number>();
  const valuesAt = (at: Node, hops: number): Array<Node | undefined> | undefined => {
    const args = at.childForFieldName('arguments');
    const splats = (args?.namedChildren ?? []).filter((a): a is Node => !!a && (a.type === 'dictionary_splat' || a.type === 'list_splat'));
    if (splats.length === 0) return undefined;
    const out: Array<Node | undefined> = [];
    for (const splat of splats) {
      if (splat.type !== 'dictionary_splat') return undefined;
      const name = splat.namedChildren.find((c) => !!c && c.type !== 'comment') ?? undefined;
      const param = callerFollowedParameter(sc, name, depth);
      if (!name || param?.node.type !== 'dictionary_splat_pattern' || !isLocalFunction(sc, param.function)) return undefined;
      const fn = param.function;
      const memoKey = `${fn.id}:${hops}`;
      if (!memo.has(memoKey)) {
        if (path.has(fn.id)) return undefined;
        path.add(fn.id);
        try {
          memo.set(memoKey, callersPass(name, param, hops));
        } finally {
          path.delete(fn.id);
        }
      }
      const passed = memo.get(memoKey);
      if (!passed) return undefined;
      out.push(...passed);
    }
    return out;
  };
  const callersPass = (name: Node, param: PythonParameter, hops: number): Array<Node | undefined> | undefined => {
    // the mapping is only forwarded: every use of it is a `**name`
    const uses = sc.references(name, { readsOnly: true });
    if (uses.some((u) => u.parent?.type !== 'dictionary_splat')) return undefined;
    const sites = sc.callSites(param.function);
    if (sites.length === 0 || !onlyCalled(sc, param.function)) return undefined;
    const out: Array<Node | undefined> = [];
    for (const site of sites) {
      if (!sc.hasUnresolvedArguments(site)) {
        out.push(sc.splatArgumentFor(site, param, key));
        continue;
      }
      // `_load(path, **kw)` inside `def _load_checkpoint(path, **kw)`: what its callers pass
      const passed = sc.splatArgumentFor(site, param, key);
      const inner = !passed && hops < MAX_SPLAT_HOPS ? valuesAt(site, hops + 1) : undefined;
      if (!inner) return undefined;
      out.push(...inner);
    }
    return out;
  };
  return valuesAt(call, 0);
}

/**
 * `flagState`, following a flag that is a parameter of the enclosing function to the calls of that
 * function in this file (`--depth standard` and `deep`: flow between functions of the same file).
 * `unsafe` is the state that opens the hole (`false` for `weights_only` and `safe_mode`, `true` for
 * `allow_pickle`). Any caller passing such a value makes it that (the unsafe path exists); when every
 * caller passes the other value and the function cannot be called from elsewhere (a `_private` or
 * nested function), it is that other value, also when the parameter's default is the unsafe one
 * (`def _load(p, weights_only=False)` whose every call passes `weights_only=True`: the default is
 * never used). Otherwise the plain answer stands. A caller that passes on a parameter of its own
 * (`def load_model_file(p, safe_mode=True): return _load(p, safe_mode=safe_mode)`) is read through its
 * own callers in turn (a public `load_*` over a private `_load`): what the calls of each function pass for each
 * parameter is read once per file (`callerStates`), never through a function already on the path nor more than
 * `MAX_FOLLOWED_WRAPPERS` wrappers out; past that, what the argument says.
 */
export function flagStateThroughCallers(sc: SC, arg: Node | undefined, depth: string, unsafe: 'true' | 'false' = 'false'): FlagState {
  return flagThroughCallers(sc, arg, depth, unsafe, []);
}

/** How many wrappers out a flag is followed through their own callers. */
const MAX_FOLLOWED_WRAPPERS = 16;

/** Per file: what the calls of a function pass for one of its parameters, by function, parameter and unsafe state. */
const callerStatesByFile = new WeakMap<SC, Map<string, FlagState[]>>();

function flagThroughCallers(sc: SC, arg: Node | undefined, depth: string, unsafe: 'true' | 'false', path: number[]): FlagState {
  const safe = unsafe === 'false' ? 'true' : 'false';
  const direct = flagState(sc, arg);
  if (direct === unsafe) return everyCallerPasses(sc, arg, depth, safe) ? safe : direct;
  // (`weights_only=not legacy`: a caller's `legacy=True` is `weights_only=False`)
  const followed = callerFollowedFlag(sc, arg, depth);
  if (!followed) return direct;
  const { param, map } = followed;
  const sites = sc.callSites(param.function);
  if (sites.length === 0 || path.includes(param.function.id)) return direct;
  // a caller's own parameter is read through its callers when the flag passes through unchanged or negated
  const through = map(unsafe) === unsafe && map(safe) === safe ? unsafe : map(unsafe) === safe && map(safe) === unsafe ? safe : undefined;
  const states = (through && path.length < MAX_FOLLOWED_WRAPPERS ? callerStates(sc, param, sites, depth, through, path) : sites.map((site) => passedState(sc, param, site, (v) => flagState(sc, v)))).map(map);
  if (states.includes(unsafe)) return unsafe;
  const name = param.function.childForFieldName('name')?.text ?? '';
  const local = name.startsWith('_') || sc.enclosingFunction(param.function).type === 'function_definition';
  if (direct === 'unknown' && local && states.every((s) => s === safe)) return safe;
  return direct;
}

/** What each call of the function passes for the parameter, each argument followed through its own function's callers. */
function callerStates(sc: SC, param: PythonParameter, sites: readonly Node[], depth: string, unsafe: 'true' | 'false', path: number[]): FlagState[] {
  let memo = callerStatesByFile.get(sc);
  if (!memo) callerStatesByFile.set(sc, (memo = new Map()));
  const key = `${param.function.id}:${param.name}:${unsafe}`;
  const known = memo.get(key);
  if (known) return known;
  path.push(param.function.id);
  const states = sites.map((site) => passedState(sc, param, site, (v) => flagThroughCallers(sc, v, depth, unsafe, path)));
  path.pop();
  memo.set(key, states);
  return states;
}

/** The state one call passes for the parameter: its argument's (as `read` gives it), else the default's, else unknown. */
function passedState(sc: SC, param: PythonParameter, site: Node, read: (value: Node) => FlagState): FlagState {
  const passed = sc.argumentFor(site, param);
  if (passed) return read(passed);
  if (sc.hasUnresolvedArguments(site)) return 'unknown';
  return param.default ? flagState(sc, param.default) : 'unknown';
}

/**
 * A `functools.partial(loader, …)` call that is called where it is built (`partial(torch.load)(p)`), or bound
 * to a name (bound once) whose every use is a call in this file: no caller elsewhere can reach it, so each
 * call is checked where it is made, with the partial's keywords bound, instead of the partial.
 */
export function partialOnlyCalledInFile(sc: SC, call: Node): boolean {
  const isCalleeOf = (n: Node) => n.parent?.type === 'call' && n.parent.childForFieldName('function')?.id === n.id;
  if (isCalleeOf(call)) return true;
  const parent = call.parent;
  if (parent?.type !== 'assignment' || parent.childForFieldName('right')?.id !== call.id) return false;
  const name = parent.childForFieldName('left');
  if (name?.type !== 'identifier' || sc.bindings(name).length !== 1) return false;
  const uses = sc.references(name, { readsOnly: true });
  return uses.length > 0 && uses.length <= 64 && uses.every(isCalleeOf);
}

/** Every `*x`/`**x` of the call unpacks the `*args`/`**kwargs` parameter of the function it is in (a wrapper forwarding its own). */
export function forwardsOwnSplats(sc: SC, call: Node): boolean {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).every((a) => {
    if (!a || (a.type !== 'list_splat' && a.type !== 'dictionary_splat')) return true;
    const name = a.namedChildren.find((c) => !!c && c.type !== 'comment');
    const param = name?.type === 'identifier' ? sc.parameterOf(name) : undefined;
    return !!param && (param.node.type === 'dictionary_splat_pattern' || param.node.type === 'list_splat_pattern');
  });
}
