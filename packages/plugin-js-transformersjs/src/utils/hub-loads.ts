import { UNKNOWN } from '@oculum/core';
import { unwrapExpression, type JsNode, type JsSourceCode, type OptionChoices, type TSESTree } from '@oculum/lang-js';
import { calleeText, isHfHubModule, isKokoroModule, isTransformersModule, langchainEmbeddingsModelOptions, memberIn } from './libraries.js';
import { classifyLocation } from './locations.js';
import { remoteModelsOff, remoteModelsUncertain } from './remote-models.js';

const HUB_DOWNLOADERS = new Set(['downloadFile', 'downloadFileToCacheDir', 'snapshotDownload']);

/**
 * A transformers.js load: `pipeline(task, model, options)` or `X.from_pretrained(model, options)`;
 * `embeddings`: LangChain.js's `new HuggingFaceTransformersEmbeddings({ model, pretrainedOptions })`,
 * which calls `pipeline("feature-extraction", model, pretrainedOptions)` on first use.
 */
export interface TransformersLoad {
  kind: 'pipeline' | 'from_pretrained' | 'embeddings';
  /** The model id argument, when given. */
  model?: JsNode;
  /** Position of the options object (for `embeddings`, of the fields object that holds them). */
  optionsPos: number;
  /** Position of the first argument transformers.js sees: 1 for `pipeline.call(thisArg, task, model)`, else 0. */
  first?: number;
  /**
   * The property of the object at `optionsPos` that holds the options passed on to transformers.js
   * (`pretrainedOptions` of LangChain.js's fields), when they are not that object itself.
   */
  optionsProperty?: string;
  /** The model loaded when none is named (LangChain.js's `"Xenova/all-MiniLM-L6-v2"`). */
  defaultModel?: string;
  /**
   * A wrapper of transformers.js that does not pass `revision` on (kokoro-js `KokoroTTS.from_pretrained`
   * takes `{ dtype, device, model_file_name, voicePath, progress_callback }`): the load is at `main`
   * whatever the options say. The wrapper's name.
   */
  dropsRevision?: string;
}

export function transformersLoad(sc: JsSourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): TransformersLoad | undefined {
  if (call.type === 'NewExpression') return langchainEmbeddingsLoad(sc, call);
  let path = memberIn(sc, call.callee, isTransformersModule);
  if (!path) return undefined;
  // `pipeline.call(thisArg, task, model, options)`, `AutoModel.from_pretrained.call(AutoModel, model)`:
  // the same load, its arguments one place on
  const first = path.length > 1 && path[path.length - 1] === 'call' ? 1 : 0;
  if (first) path = path.slice(0, -1);
  const shifted = first ? { first } : {};
  if (path.length === 1 && path[0] === 'pipeline') return { kind: 'pipeline', model: sc.argument(call, { position: 1 + first }), optionsPos: 2 + first, ...shifted };
  if (path.length === 2 && path[1] === 'from_pretrained') return { kind: 'from_pretrained', model: sc.argument(call, { position: first }), optionsPos: 1 + first, ...shifted };
  return undefined;
}

/** LangChain.js's default embeddings model (the class field `model = "Xenova/all-MiniLM-L6-v2"`, in every version). */
export const LANGCHAIN_DEFAULT_EMBEDDINGS_MODEL = 'Xenova/all-MiniLM-L6-v2';

/**
 * `new HuggingFaceTransformersEmbeddings(fields)` of LangChain.js: the model id is `fields.model`
 * (in the older `hf_transformers` module, else `fields.modelName`), the default model without one;
 * `fields.pretrainedOptions` is passed to `pipeline` as its options (where `revision` pins).
 */
function langchainEmbeddingsLoad(sc: JsSourceCode, call: TSESTree.NewExpression): TransformersLoad | undefined {
  const m = sc.importedMember(call.callee);
  const names = m && m.path.length === 1 && m.path[0] === 'HuggingFaceTransformersEmbeddings' ? langchainEmbeddingsModelOptions(m.module) : undefined;
  if (!names) return undefined;
  let model: JsNode | undefined;
  for (const name of names) if ((model = sc.argument(call, { name, position: 0 }))) break;
  return { kind: 'embeddings', model, optionsPos: 0, optionsProperty: 'pretrainedOptions', defaultModel: LANGCHAIN_DEFAULT_EMBEDDINGS_MODEL };
}

/**
 * Every value an option the load passes to transformers.js (`revision`, `local_files_only`) may take:
 * in the options argument, or in the property of the fields that holds them (LangChain.js's
 * `pretrainedOptions`), also when the options may be one of several objects (`dev ? { revision: A }
 * : { revision: B }`; see `JsSourceCode.argumentChoices`).
 */
export function loadOptionChoices(sc: JsSourceCode, call: JsNode, load: TransformersLoad, name: string): OptionChoices {
  return sc.argumentChoices(call, { position: load.optionsPos, name: load.optionsProperty ? [load.optionsProperty, name] : name });
}

/**
 * A transformers.js load, or one through a wrapper of it: kokoro-js `KokoroTTS.from_pretrained(id,
 * options)`, LangChain.js `new HuggingFaceTransformersEmbeddings(fields)`.
 */
export function wrappedTransformersLoad(sc: JsSourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): TransformersLoad | undefined {
  const direct = transformersLoad(sc, call);
  if (direct) return direct;
  if (call.type !== 'CallExpression') return undefined;
  const kokoro = memberIn(sc, call.callee, isKokoroModule);
  if (kokoro?.length === 2 && kokoro[0] === 'KokoroTTS' && kokoro[1] === 'from_pretrained') {
    return { kind: 'from_pretrained', model: sc.argument(call, { position: 0 }), optionsPos: 1, dropsRevision: 'kokoro-js' };
  }
  return undefined;
}

/**
 * The load never touches the Hub: `{ local_files_only: true }`, or `env.allowRemoteModels = false`
 * in force where the call runs (see `remoteModelsOff`).
 */
export function isLocalOnly(sc: JsSourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression, load: TransformersLoad): boolean {
  // every object the options may be says so (`dev ? { local_files_only: true } : { local_files_only: true, revision }`);
  // a flag in view counts, whatever a spread the analysis cannot see might change
  const flag = loadOptionChoices(sc, call, load, 'local_files_only');
  // (not when the options may be, as a whole, an object not seen: `dev ? opts : { local_files_only: true }`)
  if (!flag.absent && (flag.unseenObjects?.length ?? 0) === 0 && flag.values.length > 0 && flag.values.every((v) => sc.constant(v) === true)) return true;
  return remoteModelsOff(sc, call);
}

export interface HubLoad {
  /** The callee as written, for messages. */
  api: string;
  /** The Hub id when known (`owner/name` or a legacy `name`; without a `datasets/`, `spaces/` prefix). */
  id?: string;
  /** The id as written, when it differs from `id` (`datasets/acme/corpus`). */
  label?: string;
  /** The model id expression exists but its value is unknown. */
  unresolved: boolean;
  /** A transformers.js load in a file that sets `env.allowRemoteModels` to a value the analysis cannot read: it may stay local. */
  remoteUncertain?: boolean;
  /**
   * The id is one a value the analysis cannot see may replace: the default of
   * `process.env.MODEL || "org/name"`, a field of an exported class (see `ModelLocation.overridable`).
   */
  overridable?: boolean;
}

/**
 * A call that fetches a repository from the Hub: transformers.js `pipeline(task, id)` /
 * `X.from_pretrained(id)` (not local paths, not `local_files_only`), `@huggingface/hub` downloads.
 * Undefined for other calls, local loads and `pipeline(task)` (the library's default model).
 */
export function hubLoad(sc: JsSourceCode, call: TSESTree.CallExpression): HubLoad | undefined {
  const api = calleeText(sc, call);
  const tf = transformersLoad(sc, call);
  if (tf) {
    if (!tf.model || isLocalOnly(sc, call, tf)) return undefined;
    const load = fromExpression(sc, tf.model, api);
    return load && remoteModelsUncertain(sc, call) ? { ...load, remoteUncertain: true } : load;
  }
  const hub = memberIn(sc, call.callee, isHfHubModule);
  if (hub && hub.length === 1 && HUB_DOWNLOADERS.has(hub[0])) {
    const { repo, overridable } = hubRepo(sc, call);
    return repo ? { api, id: repo.name, label: repo.label, unresolved: false, ...(overridable ? { overridable } : {}) } : { api, unresolved: true };
  }
  return undefined;
}

/** A Hub repository as `@huggingface/hub` reads its `repo` option. */
export interface HubRepo {
  /** `bucket`: an HF Storage Bucket (`buckets/namespace/name`): mutable storage, no git history, no revisions. */
  type: 'model' | 'dataset' | 'space' | 'bucket';
  /** `owner/name` (or a legacy `name`), without the type prefix. */
  name: string;
  /** The designation as written, for messages (`datasets/acme/corpus`; the `name` of a `{ type, name }` object). */
  label: string;
  /** `type/name`: two designations of the same repository have the same key. */
  key: string;
}

/**
 * Typed repo strings as `@huggingface/hub` documents them (`"datasets/owner/name"`,
 * `"spaces/owner/name"`, `"buckets/namespace/name"`); `"models/owner/name"` is read the same way
 * (the library rejects it, but its owner is still `owner`, not `models`).
 */
const TYPE_PREFIXES: ReadonlyArray<[string, HubRepo['type']]> = [
  ['datasets/', 'dataset'],
  ['spaces/', 'space'],
  ['buckets/', 'bucket'],
  ['models/', 'model'],
];
const REPO_TYPES = new Set<string>(['model', 'dataset', 'space', 'bucket']);

function makeRepo(type: HubRepo['type'], name: string, label: string): HubRepo {
  return { type, name, label, key: `${type}/${name}` };
}

/** A name that designates a repository: not empty, no empty owner or name (`buckets/` from `` `buckets/${process.env.B || ''}` ``). */
const NAMED = /^[^/\s]+(\/[^/\s]+)?$/;

/** Parses a `RepoDesignation` value: `"owner/name"`, `"datasets/owner/name"`, `{ type, name }`. */
export function parseRepoDesignation(value: unknown): HubRepo | undefined {
  if (typeof value === 'string') {
    for (const [prefix, type] of TYPE_PREFIXES) if (value.startsWith(prefix)) return NAMED.test(value.slice(prefix.length)) ? makeRepo(type, value.slice(prefix.length), value) : undefined;
    return NAMED.test(value) ? makeRepo('model', value, value) : undefined;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const { type, name } = value as { type?: unknown; name?: unknown };
    if (typeof name !== 'string' || !NAMED.test(name)) return undefined;
    const t = typeof type === 'string' && REPO_TYPES.has(type) ? (type as HubRepo['type']) : 'model';
    return makeRepo(t, name, name);
  }
  return undefined;
}

/**
 * The `repo` option of an `@huggingface/hub` call (`{ repo, ... }` first argument): its node, its
 * value when constant, and its type when known, also from the constant start of a string whose
 * name is not (`` `buckets/${BUCKET}` `` is a bucket). The one default of a value the environment
 * may override (`process.env.REPO || "org/name"`) is read too, with `overridable`.
 */
export function hubRepo(sc: JsSourceCode, call: TSESTree.CallExpression): { node?: JsNode; repo?: HubRepo; type?: HubRepo['type']; overridable?: boolean } {
  const node = sc.argument(call, { name: 'repo', position: 0 });
  if (!node) return {};
  const known = sc.knownValues(node);
  const value = sc.constant(node);
  const repo = parseRepoDesignation(value !== UNKNOWN ? value : known?.others && known.values.length === 1 ? known.values[0] : undefined);
  if (repo) return { node, repo, type: repo.type, ...(known?.others ? { overridable: true } : {}) };
  const prefix = sc.stringBounds(node).prefix;
  const typed = TYPE_PREFIXES.find(([p]) => prefix.startsWith(p));
  return { node, type: typed?.[1] };
}

/** `null`, `undefined`, `void 0`: a placeholder until the real value is assigned. */
function isPlaceholder(sc: JsSourceCode, expr: JsNode): boolean {
  const node = unwrapExpression(expr);
  if (node.type === 'Literal') return node.value === null && !('regex' in node && node.regex);
  if (node.type === 'Identifier') return node.name === 'undefined' && !sc.binding(node);
  return node.type === 'UnaryExpression' && node.operator === 'void';
}

/**
 * The value a class member read as `this.x` / `C.x` most likely holds: the constant assigned to it
 * on the straight-line path just before the read (`this.model_id = "org/name"; return
 * AutoTokenizer.from_pretrained(this.model_id)`), when every value the file gives the member is a
 * constant string or a placeholder (`static model_id = null`). Another method may assign another of
 * those values in between (a call, an `await`): likely, not certain.
 */
export function likelyMemberValue(sc: JsSourceCode, expr: JsNode): JsNode | undefined {
  const values = sc.memberValues(expr);
  if (!values || !values.every((v) => isPlaceholder(sc, v) || typeof sc.constant(v) === 'string')) return undefined;
  const before = sc.assignedBefore(expr);
  return before && typeof sc.constant(before) === 'string' ? before : undefined;
}

function fromExpression(sc: JsSourceCode, model: JsNode, api: string): HubLoad | undefined {
  const location = classifyLocation(sc, model, { hubIds: true });
  if (location.kind === 'local' || location.kind === 'remote') return undefined;
  if (location.kind === 'hub') return { api, id: location.value, unresolved: false, ...(location.overridable ? { overridable: true } : {}) };
  return { api, unresolved: true };
}
