/**
 * Recognises calls that fetch a model, file or dataset from the Hugging Face Hub (or a hub-backed
 * loader such as timm `hf-hub:` ids, open_clip, vLLM), and says what they fetch and at which revision.
 */
import { UNKNOWN, type Confidence, type Trigger } from '@oculum/core';
import { importTrigger, isImportedClass } from '@oculum/lang-python';
import { calleeName, calleeOf, forwardedArgument, receiverOf, same, type PyNode, type PySourceCode } from './ast.js';
import { classifyModelRef, classifyRevision, hubFileUrl, hubUrlPath, pythonTruthy, PACKAGED_DATASET_BUILDERS, type ModelRef, type RevisionKind } from './classify.js';
import { callCommandTokens, rawDownload, runsCommand } from './download.js';
import { choicesOf, noneParameterPassedOn, resolve, resolveId, valuesOf, type Resolved } from './resolve.js';

/** Top-level packages whose `*.from_pretrained` fetches from the Hub. */
export const HF_PACKAGES = [
  'transformers', 'diffusers', 'peft', 'sentence_transformers', 'optimum', 'trl', 'setfit', 'huggingface_hub',
  'unsloth', 'auto_gptq', 'gptqmodel', 'awq', 'gliner', 'span_marker', 'adapters', 'parler_tts', 'colpali_engine',
  'timm', 'open_clip', 'flair', 'vllm', 'datasets', 'accelerate', 'lm_eval', 'evaluate', 'FlagEmbedding', 'llama_cpp',
  'intel_extension_for_transformers', // drop-in `AutoModelForCausalLM` & co. of transformers
];

/**
 * The keyword spellings of the id of a `from_pretrained` of another package or of an unresolved receiver:
 * transformers' and diffusers' `pretrained_model_name_or_path`, and LeRobot's `pretrained_name_or_path`
 * (lerobot/policies/pretrained.py `PreTrainedPolicy.from_pretrained(cls, pretrained_name_or_path, *, config=None,
 * …, revision=None, …)`, also `PreTrainedConfig.from_pretrained`; lerobot's own factory passes it by keyword),
 * which fetches `model.safetensors` with `hf_hub_download(repo_id=…, revision=revision)`
 */
const OTHER_FROM_PRETRAINED_ID_NAMES = ['pretrained_model_name_or_path', 'pretrained_name_or_path', 'model_name_or_path'];

export function hfPackage(qn: string | undefined): boolean {
  if (!qn) return false;
  const top = qn.split('.')[0];
  return HF_PACKAGES.includes(top);
}

export function importsHf(sc: PySourceCode): boolean {
  return HF_PACKAGES.some((m) => sc.imports.has(m));
}

export type HubKind = 'model' | 'file' | 'dataset';

export interface HubLoad {
  call: PyNode;
  /** Short display name of the API, e.g. `AutoModel.from_pretrained`. */
  api: string;
  kind: HubKind;
  /** The id argument (absent for `pipeline(task)` with its default model). */
  idNode?: PyNode;
  resolved: Resolved;
  ref: ModelRef | undefined;
  /** How sure we are that the call itself is a hub loader. */
  callConfidence: Confidence;
  revisionNode?: PyNode;
  /** 'none' when no revision is given (or it is None); 'unknown' when held in a variable. */
  revision: {
    kind: RevisionKind | 'none' | 'unknown';
    value?: string;
    optionDefault?: boolean;
    /** With `unknown`: a lookup whose default is a branch or tag (`PINS.get(mid, "main")`), that default. */
    fallback?: string;
    /**
     * With a branch or tag: the revision is built with `+` (`revision + "/" + subfolder`) and `value` is its known
     * start, a branch or tag name (a parameter's default, a constant), which no suffix makes a commit.
     */
    built?: boolean;
    /** With `unknown`: a chain of names too long for the resolver, ending in a branch or tag (not 'a variable'). */
    undecided?: boolean;
    /**
     * With a branch, tag or none read from a table by a key not known here (`spec["revision"]` in a loop over
     * `MODELS.items()`, `REVISIONS[name]`): some of the table's values are commits or not known, so whether this
     * call fetches the moving one depends on the key (see `tableRevision`).
     */
    mixed?: boolean;
    /**
     * With `unknown`: a parameter that defaults to None (`def load(name, revision=None)`) which every call of its
     * function in this file leaves unset, or sets to None or to a branch or tag (see `callerRevision`): the least
     * pinned of those, and the function's name. A caller in another module may pass a commit.
     */
    callers?: { kind: 'none' | RevisionKind; value?: string; function: string };
  };
  /** `local_files_only=True`: never touches the network. */
  offline: boolean;
  /** The API takes no `local_files_only` (or ignores it, mlx-lm, mlx-vlm): only a path keeps a local directory local. */
  noOfflineFlag?: boolean;
  /** `pipeline(task)` without a model: the task's default model is fetched at `main`. */
  defaultModel?: boolean;
  /** Where this API takes its revision (see `Spec.revisionIn`). */
  revisionIn: RevisionPlace;
  /** The keyword whose mapping carries the revision (`tokenizer_kwargs`, `config`), or config object (`backend_config`), for the message. */
  revisionMapping?: string;
  /** With `revisionIn` `config`: the call passes a `revision=` of its own, which never reaches the download. */
  revisionIgnored?: boolean;
  /** The keyword that pins this load when it is not `revision=` (vLLM's `tokenizer_revision`), for the message. */
  revisionKeyword?: string;
  /**
   * The mapping that carries the revision (`vllm_kwargs=opts`, `config=cfg`) is given but cannot be read:
   * it may pin the load (`keyword=expression`, for the message).
   */
  unreadMapping?: string;
  /** No id given: the API's own default model (`SentenceTransformersTextEmbedder()`), named here. */
  defaultId?: boolean;
  /** A remediation of the API's own, for loaders that pin differently (Haystack components). */
  remediation?: string;
  /** The API reads no local directory (`hf_hub_download`, `snapshot_download`): its id is always the Hub's. */
  hubOnly?: boolean;
  /** Only its `hf://owner/name` paths reach the Hub (Keras 3 `load_model`); any other is a file. */
  hfUriOnly?: boolean;
  /** Another hub than Hugging Face's (see `OtherHub`): named in messages, with its own way to pin. */
  otherHub?: OtherHub;
}

/**
 * A model hub other than the Hugging Face Hub that a loader fetches from: its name in messages, the
 * keyword that pins a revision there (`revision`, ModelScope pipelines' `model_revision`, `MsDataset.load`'s
 * `version`), or none when the hub keeps no revisions to pin (PaddleNLP's community storage).
 */
export interface OtherHub {
  name: string;
  keyword?: string;
  /**
   * The hub takes branch and tag names only (ModelScope's `HubApi.get_valid_revision_detail` raises
   * `NotExistError` for any other revision, a commit hash too): a reviewed tag is the closest pin.
   */
  tagsOnly?: boolean;
}

/**
 * Where an API takes a revision: its own `revision=` keyword, only inside `model_kwargs` (LangChain's
 * loaders), inside the `model_init_kwargs` of the trainer's config (TRL: `args=SFTConfig(model_init_kwargs=
 * {"revision": ...})`), in the id itself (`id`: timm and open_clip `hf-hub:owner/name@<commit>`, which
 * take no `revision=`), or nowhere: KerasHub presets (`none`, ids `hf://owner/name`), and llama.cpp's
 * `Llama.from_pretrained` (`ignored`: a `revision=` goes on to `Llama(**kwargs)`, which drops it, and the
 * file is downloaded at the latest revision whatever it says), and loaders that take no revision and
 * download the latest snapshot (`snapshot`: faster-whisper's `WhisperModel`, FlagEmbedding's models: pin
 * by passing them the directory of a pinned `snapshot_download`). `mapping`: only inside the mapping
 * of one keyword (`Spec.revisionMapping`: LangChain's `CTransformers(config={"revision": ...})`,
 * llama_index's `HuggingFaceLLM(tokenizer_kwargs={"revision": ...})`). `config`: only in the `revision=` of the config
 * object one keyword takes (`Spec.revisionConfig`: LMDeploy's `pipeline(model_path, backend_config=
 * TurbomindEngineConfig(revision=...))`); a `revision=` of the call itself is not read.
 */
export type RevisionPlace = 'keyword' | 'model_kwargs' | 'model_init_kwargs' | 'id' | 'none' | 'ignored' | 'snapshot' | 'mapping' | 'config';

interface Spec {
  api: string;
  kind: HubKind;
  idPos?: number;
  idNames: string[];
  /** Default `keyword`. */
  revisionIn?: RevisionPlace;
  /**
   * Only an id that resolves to an `owner/name` string is a Hub load (TRL trainers also take model
   * objects; a project class's `from_pretrained` may read local checkpoints).
   */
  ownerIdOnly?: boolean;
  /** The id may as well be a model object (lm-eval's `HFLM(pretrained=model)`): an id not resolved to a string is no Hub load. */
  modelObjects?: boolean;
  /**
   * A class of the project (a relative import, a class of this file): its `from_pretrained` may read
   * the project's own checkpoints, so a working-directory-like id (`checkpoints/run1`) is one of them.
   */
  projectClass?: boolean;
  /** Only an `hf://owner/name` path is a Hub load (Keras 3 `load_model`); any other is a local file. */
  hfUriOnly?: boolean;
  /** The id may carry its revision after `@` (`"pyannote/segmentation@2022.07"`), split off by the API (pyannote.audio). */
  atRevision?: boolean;
  /** Bare names resolve under this organisation, as sentence-transformers does (`all-MiniLM-L6-v2`). */
  bareOwner?: string;
  /**
   * Only a Hub file URL is a Hub load (`from_single_file("https://huggingface.co/org/x/blob/main/m.ckpt")`,
   * whose revision is read from the URL); a local file or another site is not.
   */
  hubUrlOnly?: boolean;
  /** The keyword whose mapping alone carries the revision (with `revisionIn` `mapping` or `model_kwargs`). */
  revisionMapping?: string;
  /** Only `revision=` pins: a `model_kwargs={"revision": ...}` pins the weights but not the rest (Haystack). */
  revisionKeywordOnly?: boolean;
  /** `local_files_only=True` is passed on where it is ignored (`Llama.from_pretrained`, FlagEmbedding). */
  offlineIgnored?: boolean;
  /** The keyword whose mapping may carry `local_files_only` (LangChain's `CTransformers(config=...)`). */
  offlineMapping?: string;
  /** The model the API downloads when given no id (`SentenceTransformersTextEmbedder()`). */
  defaultId?: string;
  /** Names the API maps to Hub ids (faster-whisper's `"large-v3"`); another name without `/` is no Hub id. */
  shortNames?: Readonly<Record<string, string>>;
  /** A keyword that, given an object, replaces this load (`HuggingFaceLLM(model=m)` loads no model). */
  objectArg?: string;
  /** A second load the same call performs (`HuggingFaceLLM`: the model, then the tokenizer). */
  also?: Spec | Spec[];
  remediation?: string;
  /** With `revisionIn` `model_init_kwargs`: the position of the trainer's `args` (default 1). */
  argsPos?: number;
  /** With `revisionIn` `config`: the keyword of the config object whose `revision=` pins, and the positions it may take. */
  revisionConfig?: { keyword: string; positions: number[] };
  /** A keyword whose mapping also carries the download's `revision` and `local_files_only` (`adapter_kwargs`). */
  kwargsMapping?: string;
  /** The id is always a Hub repository, never a local directory (`hf_hub_download`, `snapshot_download`). */
  hubOnly?: boolean;
  /** The keyword that carries the revision, when not `revision` (ModelScope's `model_revision`, `version`). */
  revisionKeyword?: string;
  /** The position the revision may also take (mlx's `get_model_path(path_or_hf_repo, revision)`). */
  revisionPos?: number;
  /** The keyword whose revision applies when `revisionKeyword` is not given (vLLM: `tokenizer_revision` defaults to `revision`). */
  revisionFallback?: string;
  /**
   * Another hub than Hugging Face's (ModelScope); `paddlenlp`: the one PaddleNLP's `from_*=` keywords select;
   * `funasr`: the one FunASR's `hub=` selects (see `funasrSpec`).
   */
  otherHub?: OtherHub | 'paddlenlp' | 'funasr';
}

/**
 * A word that every call `hubLoad` recognises holds, in its callee or in the import that names it:
 * the triggers of the rules built on it (keep in step with `specFor`).
 */
export const HUB_LOAD_TRIGGERS: Trigger[] = [
  'from_pretrained', // any hub package's `.from_pretrained`, `from_pretrained_keras`/`_fastai`
  'load_adapter', // PEFT / transformers `model.load_adapter("org/adapter", "name")`
  /\bload_(?:lora_weights|textual_inversion|ip_adapter)\b/, // diffusers pipelines' adapter loaders
  // diffusers `DDPMScheduler.from_config("org/sd", subfolder="scheduler")`: the word, and diffusers imported
  new RegExp(String.raw`^(?=[\s\S]*?\bfrom_config\b)[\s\S]*?(?:${importTrigger(['diffusers']).source})`),
  // transformers.pipeline: the word, and transformers imported (not sklearn.pipeline, whose
  // ColumnTransformer speaks of its `transformers`). Anchored, and the rarer word first, each looked
  // for lazily from the start: one pass over a file that has neither (4x faster than greedy).
  new RegExp(String.raw`^(?=[\s\S]*?\bpipeline\b)[\s\S]*?(?:${importTrigger(['transformers']).source})`),
  'SentenceTransformer',
  'CrossEncoder',
  'SparseEncoder',
  'hf_hub_download',
  'snapshot_download',
  'hf_hub_url',
  'load_dataset', // and load_dataset_builder
  /\bcreate_model/, // timm.create_model, open_clip.create_model*
  'open_clip', // every open_clip API needs the import
  /\bV?LLM\b/, // vllm.LLM, LangChain's VLLM
  'from_hparams', // SpeechBrain
  importTrigger(['trl']), // TRL trainers given a model id (their names are rooted in the import)
  /\bGaudi(?:SFT|DPO|GRPO)Trainer\b/, // optimum-habana's TRL trainers
  'HuggingFaceEmbedding', // llama_index (`HuggingFaceEmbeddings` already holds it)
  'SentenceTransformerEmbeddings', // LangChain
  'from_preset', // KerasHub presets
  'hf://', // Keras 3 `load_model("hf://owner/name")`
  'EngineArgs', // vLLM's `EngineArgs` / `AsyncEngineArgs`
  /\bHuggingFace(?:Bge|Instruct)?Embeddings\b/, // LangChain
  'from_model_id', // LangChain's HuggingFacePipeline
  'from_quantized', // AutoGPTQ / GPTQModel
  'GPTQModel', // GPTQModel.load
  importTrigger(['sglang']), // SGLang's Engine, Runtime and ServerArgs (`import sglang as sgl`)
  importTrigger(['lmdeploy']), // LMDeploy's pipeline(model_path, …)
  'LoRARequest', // vLLM's LoRA adapters, fetched by Hub id
  'from_single_file', // diffusers, given a Hub file URL
  'CTransformers', // LangChain's ctransformers wrapper (`ctransformers.AutoModelForCausalLM` holds `from_pretrained`)
  'HuggingFaceLLM', // llama_index
  importTrigger(['faster_whisper', 'FlagEmbedding', 'whisperx']), // WhisperModel, download_model; FlagModel, FlagReranker, …, from_finetuned; whisperx.load_model
  importTrigger(['modelscope']), // ModelScope: pipeline(task, model=…), MsDataset.load, model_file_download
  importTrigger(['funasr']), // FunASR's AutoModel(model=…, vad_model=…)
  importTrigger(['audiocraft']), // audiocraft's MusicGen/AudioGen/MAGNeT.get_pretrained(name)
  'load_from_hub', // huggingface_sb3
  'SequenceTagger', // flair's SequenceTagger.load(id)
  'HFLM', // lm-eval's HFLM(pretrained=…, revision=…) and HFLM.create_from_arg_string("pretrained=…")
  'simple_evaluate', // lm-eval's simple_evaluate(model="hf", model_args="pretrained=…")
  /\bVLLM\b/, // lm-eval's VLLM(pretrained=…)
  'main_export', // optimum.exporters.onnx / openvino
  importTrigger(['mlx_lm', 'mlx_vlm', 'mlx_whisper']), // mlx-lm's and mlx-vlm's load(…), convert(…), get_model_path(…); mlx-whisper's transcribe(…), load_model(…)
  'FederatedDataset', // Flower's `flwr_datasets.FederatedDataset(dataset="owner/name")`
  // Chroma's and Milvus's `SentenceTransformerEmbeddingFunction` hold `SentenceTransformer`
  'InstructorEmbeddingFunction', // Chroma
  'TransformersSimilarityRanker', // Haystack's legacy ranker
  importTrigger(['InstructorEmbedding']), // INSTRUCTOR(...)
  // Haystack's SentenceTransformers* components hold `SentenceTransformer`
];

/**
 * KerasHub / KerasNLP / KerasCV `from_preset(preset)`: an `hf://owner/name` preset is a Hub load, a
 * `kaggle://owner/model/keras/variation[/version]` one a kagglehub download (keras_hub/src/utils/preset_utils.py
 * `get_file`: `kagglehub.model_download(handle, path)`), a built-in name a versioned Kaggle handle of keras-hub's own.
 */
export const KERAS_PRESET = /^(?:keras_hub|keras_nlp|keras_cv)\.(?:[\w.]*\.)?from_preset$/;

/** vLLM pins a tokenizer named apart with its own keyword. */
const VLLM_TOKENIZER_REMEDIATION = 'Pin the tokenizer repository with `tokenizer_revision=` set to a full commit hash of that repository (without it, the model\'s `revision=` is used for both), or pass the directory of a pinned `snapshot_download` as `tokenizer=`.';

/** The short name of an API in messages: `Class.method`, or the function's last name. */
export function shortApi(qn: string): string {
  const parts = qn.split('.');
  return parts.length >= 2 && /^[A-Z]/.test(parts[parts.length - 2]) ? parts.slice(-2).join('.') : parts[parts.length - 1];
}

const RANK: Record<Confidence, number> = { high: 2, medium: 1, low: 0 };

/** faster-whisper's model names (faster_whisper/utils.py `_MODELS`, lines 11-31): each a Hub repository. */
const FASTER_WHISPER_MODELS: Readonly<Record<string, string>> = {
  'tiny.en': 'Systran/faster-whisper-tiny.en',
  tiny: 'Systran/faster-whisper-tiny',
  'base.en': 'Systran/faster-whisper-base.en',
  base: 'Systran/faster-whisper-base',
  'small.en': 'Systran/faster-whisper-small.en',
  small: 'Systran/faster-whisper-small',
  'medium.en': 'Systran/faster-whisper-medium.en',
  medium: 'Systran/faster-whisper-medium',
  'large-v1': 'Systran/faster-whisper-large-v1',
  'large-v2': 'Systran/faster-whisper-large-v2',
  'large-v3': 'Systran/faster-whisper-large-v3',
  large: 'Systran/faster-whisper-large-v3',
  'distil-large-v2': 'Systran/faster-distil-whisper-large-v2',
  'distil-medium.en': 'Systran/faster-distil-whisper-medium.en',
  'distil-small.en': 'Systran/faster-distil-whisper-small.en',
  'distil-large-v3': 'Systran/faster-distil-whisper-large-v3',
  'distil-large-v3.5': 'distil-whisper/distil-large-v3.5-ct2',
  'large-v3-turbo': 'mobiuslabsgmbh/faster-whisper-large-v3-turbo',
  turbo: 'mobiuslabsgmbh/faster-whisper-large-v3-turbo',
};

/**
 * FunASR's model names (funasr/download/name_maps_from_hub.py `name_maps_ms`): each a ModelScope repository;
 * `name_maps_hf` maps none.
 */
const FUNASR_MODELSCOPE_MODELS: Readonly<Record<string, string>> = {
  paraformer: 'iic/speech_paraformer-large_asr_nat-zh-cn-16k-common-vocab8404-pytorch',
  'paraformer-zh': 'iic/speech_seaco_paraformer_large_asr_nat-zh-cn-16k-common-vocab8404-pytorch',
  'paraformer-en': 'iic/speech_paraformer-large-vad-punc_asr_nat-en-16k-common-vocab10020',
  'paraformer-en-spk': 'iic/speech_paraformer-large-vad-punc_asr_nat-en-16k-common-vocab10020',
  'paraformer-zh-streaming': 'iic/speech_paraformer-large_asr_nat-zh-cn-16k-common-vocab8404-online',
  'fsmn-vad': 'iic/speech_fsmn_vad_zh-cn-16k-common-pytorch',
  'ct-punc': 'iic/punc_ct-transformer_cn-en-common-vocab471067-large',
  'ct-punc-c': 'iic/punc_ct-transformer_zh-cn-common-vocab272727-pytorch',
  'fa-zh': 'iic/speech_timestamp_prediction-v1-16k-offline',
  'cam++': 'iic/speech_campplus_sv_zh-cn_16k-common',
  'Whisper-large-v2': 'iic/speech_whisper-large_asr_multilingual',
  'Whisper-large-v3': 'iic/Whisper-large-v3',
  'Qwen-Audio': 'Qwen/Qwen-Audio',
};

/** FunASR's `AutoModel` (funasr/auto/auto_model.py), as its package and modules export it. */
export const FUNASR_AUTO_MODEL = /^funasr\.(?:auto\.(?:auto_model\.)?)?AutoModel$/;

/** The hub FunASR's `AutoModel(model=…)` downloads from, by its `hub=` (see `funasrSpec`): `undefined` when none. */
export function funasrHub(sc: PySourceCode, call: PyNode): 'ms' | 'hf' | undefined {
  const hubArg = sc.argument(call, { name: 'hub' });
  const hub = hubArg ? sc.constant(hubArg) : 'ms';
  if (hub === 'hf') return 'hf';
  return hub === 'ms' || hub === UNKNOWN ? 'ms' : undefined;
}

/**
 * A FunASR load as the call's `hub=` selects it (funasr/download/download_model_from_hub.py `download_model`):
 * ModelScope by default (`"ms"`; also when `hub=` cannot be read), its `<kind>model_revision=` defaulting to the
 * `master` branch; the Hugging Face Hub with `"hf"`, where `snapshot_download(model)` is called with no revision
 * whatever the call passes (pin by giving it a pinned snapshot's directory); none with `"openai"` (Whisper's own
 * downloads) or another value (nothing is downloaded).
 */
function funasrSpec(sc: PySourceCode, call: PyNode, spec: Spec & { confidence: Confidence }): (Spec & { confidence: Confidence }) | undefined {
  const hub = funasrHub(sc, call);
  if (hub === 'hf') return { ...spec, otherHub: undefined, revisionIn: 'snapshot', shortNames: {} };
  if (hub === 'ms') return { ...spec, otherHub: { ...MODELSCOPE, keyword: spec.revisionKeyword } };
  return undefined;
}

/** The model each Haystack Sentence Transformers component downloads when given none (its `model=` default). */
const HAYSTACK_DEFAULTS: Readonly<Record<string, string>> = {
  SentenceTransformersTextEmbedder: 'sentence-transformers/all-mpnet-base-v2',
  SentenceTransformersDocumentEmbedder: 'sentence-transformers/all-mpnet-base-v2',
  SentenceTransformersSparseTextEmbedder: 'prithivida/Splade_PP_en_v2',
  SentenceTransformersSimilarityRanker: 'cross-encoder/ms-marco-MiniLM-L-6-v2',
};

const HAYSTACK_REMEDIATION =
  'Pass `revision="<40-hex commit>"` to the component (where your Haystack version takes it), or download a pinned snapshot, `path = huggingface_hub.snapshot_download("org/model", revision="<40-hex commit>")`, and pass `model=path`. A `model_kwargs={"revision": ...}` pins only the weights: Sentence Transformers still fetches its modules, configs and tokenizer at the latest revision.';

function specFor(sc: PySourceCode, call: PyNode): (Spec & { confidence: Confidence }) | undefined {
  const fn = calleeOf(call);
  if (!fn) return undefined;
  const qn = sc.qualifiedName(fn);
  const name = calleeName(call);
  if (qn) {
    const spec = specForName(qn);
    // at --depth deep, a class imported from another module of the project (`from .modeling import
    // TinyLM`) that inherits a Hub library's `from_pretrained` unchanged: that library's loader
    if (name === 'from_pretrained' && fn.type === 'attribute' && (spec?.projectClass || spec?.ownerIdOnly)) {
      const inherited = inheritedLoader(sc, call);
      if (inherited) return inherited;
    }
    return spec;
  }
  // A callee that denotes one of several imports (`AutoModelForCausalLM` imported from `transformers` in
  // one branch, from another package in the other): a Hub load when it is one on some path, read as the
  // surest of them. Not where a binding is no import (`pipeline = pipeline(...)` rebinds the name to
  // what the call built)
  let best: (Spec & { confidence: Confidence }) | undefined;
  for (const candidate of sc.qualifiedNames(fn)) {
    const spec = specForName(candidate);
    if (spec && (!best || RANK[spec.confidence] > RANK[best.confidence])) best = spec;
  }
  if (best) return best;
  // `HfApi().hf_hub_download(...)`, `api.snapshot_download(...)` with `api = HfApi()`
  if ((name === 'hf_hub_download' || name === 'snapshot_download') && isHfApiInstance(sc, receiverOf(call))) {
    return { api: name, kind: name === 'snapshot_download' ? 'model' : 'file', idPos: 0, idNames: ['repo_id'], hubOnly: true, confidence: 'high' };
  }
  if (name === 'load_adapter' && fn.type === 'attribute') return loadAdapterSpec(sc, call, fn);
  if (name && DIFFUSERS_ADAPTER_LOADERS.has(name) && fn.type === 'attribute') return diffusersAdapterSpec(sc, call, fn, name);
  // a class of this file that inherits a Hub library's `from_pretrained` (`class DreamboothPipeline(DiffusionPipeline)`)
  if (name === 'from_pretrained' && fn.type === 'attribute') {
    const inherited = inheritedLoader(sc, call);
    if (inherited) return inherited;
  }
  // Unresolved receivers (`self.model_cls.from_pretrained("org/x")`): only with a literal hub id, at medium confidence.
  if (name === 'from_pretrained' && fn.type === 'attribute') {
    const recv = receiverOf(call);
    const sub = recv ? sc.projectSubclass(recv) : undefined;
    const projectClass = !!sub;
    // a class of the project whose own `from_pretrained` reaches no Hub or URL fetch (a library's loader of
    // its local checkpoints: `load_file(os.path.join(path, "model.safetensors"))`) is no Hub load
    if (sub && ownLoaderFetches(sc, sub) === false) return undefined;
    return { api: `${receiverText(call)}.from_pretrained`, kind: 'model', idPos: 0, idNames: [...OTHER_FROM_PRETRAINED_ID_NAMES], ...(projectClass ? { projectClass } : {}), confidence: 'medium' };
  }
  return undefined;
}

/** Library helpers that fetch a URL or a Hub file (besides the Hub loaders of `specFor` and `rawDownload`'s calls). */
const URL_FETCHERS = /^(?:torch\.hub\.(?:load|load_state_dict_from_url|download_url_to_file|_download_url_to_file)|torch\.utils\.model_zoo\.load_url|(?:tensorflow\.)?(?:tf_)?keras\.utils\.get_file|tensorflow\.keras\.utils\.get_file|wget\.download|gdown\.\w+|urllib\.request\.\w+|requests\.\w+|httpx\.\w+|aiohttp\.\w+|huggingface_hub\.[\w.]+|fsspec\.open)$/;

/** How many local functions deep `ownLoaderFetches` follows the calls of a `from_pretrained` body. */
const OWN_LOADER_DEPTH = 6;
/** Bodies read for a class's own loader, by file: true (a fetch is reached), false (none), undefined (cannot tell). */
const ownLoaderMemo = new WeakMap<object, Map<number, boolean | undefined>>();

/**
 * A class of the project that defines its own `from_pretrained` (fairseq, NeMo, espnet, research code):
 * does that method reach a Hub or URL fetch? Its body and the functions of this file it calls (`cls._restore`,
 * a module helper; `OWN_LOADER_DEPTH` deep, each read once): a Hub loader (`hf_hub_download`, another
 * library's `from_pretrained`, `super().from_pretrained`, any receiver's `from_pretrained` that cannot be
 * followed), a raw download (`requests`, `urlopen`, `curl`), or a URL helper (`load_state_dict_from_url`).
 * `undefined` when it cannot be told: no `from_pretrained` defined in the project (inherited from outside),
 * one of a class of another module (its nodes are not this file's), a base outside the project that may
 * define it first, or a chain cut short.
 */
function ownLoaderFetches(sc: PySourceCode, sub: NonNullable<ReturnType<PySourceCode['projectSubclass']>>): boolean | undefined {
  if (sub.cut) return undefined;
  for (const [i, cls] of sub.classes.entries()) {
    const def = sc.definedMethod(cls, 'from_pretrained');
    if (!def) continue;
    // past the class itself, a base outside the project may define it first; another module's nodes are not read here
    if ((i > 0 && sub.bases.length > 0) || isImportedClass(cls)) return undefined;
    let memo = ownLoaderMemo.get(sc);
    if (!memo) ownLoaderMemo.set(sc, (memo = new Map()));
    if (memo.has(def.id)) return memo.get(def.id);
    memo.set(def.id, undefined); // asked again while being read (a loader calling itself): not known yet
    const answer = bodyFetches(sc, def);
    memo.set(def.id, answer);
    return answer;
  }
  return undefined;
}

/** What one function's own calls do, read once per function: a fetch among them, and the local functions they call. */
interface OwnCalls {
  fetches: boolean;
  /** A call that may fetch but cannot be read here: a function of another module of the project, or one named for it. */
  unread: boolean;
  callees: PyNode[];
}

/** A callee named for a fetch (`download_weights`, `fetch_checkpoint`, `cached_path`, `get_from_hub`, `load_url`). */
const FETCH_WORDS = /download|fetch|(?:^|_)hub(?:_|$)|url|remote|cached_path|cached_file/i;
const ownCallsMemo = new WeakMap<object, Map<number, OwnCalls>>();

function ownCalls(sc: PySourceCode, fnNode: PyNode): OwnCalls {
  let memo = ownCallsMemo.get(sc);
  if (!memo) ownCallsMemo.set(sc, (memo = new Map()));
  const known = memo.get(fnNode.id);
  if (known) return known;
  const result: OwnCalls = { fetches: false, unread: false, callees: [] };
  memo.set(fnNode.id, result); // (asked again while being read: what is known so far)
  const seen = new Set<number>();
  for (const c of sc.callsWithin(fnNode)) {
    const callee = calleeOf(c);
    if (!callee) continue;
    if (URL_FETCHERS.test(sc.qualifiedName(callee) ?? '') || rawDownload(sc, c) || shellHubFetch(sc, c)) {
      result.fetches = true;
      break;
    }
    const local = sc.localFunction(c);
    if (local) {
      if (!seen.has(local.id)) {
        seen.add(local.id);
        result.callees.push(local);
      }
      continue;
    }
    if (specFor(sc, c)) {
      result.fetches = true;
      break;
    }
    const qn = sc.qualifiedName(callee);
    if ((qn !== undefined && qn.startsWith('.')) || FETCH_WORDS.test(calleeName(c) ?? '') || runsCommand(sc, c, qn) || heldObjectCall(callee)) result.unread = true;
  }
  return result;
}

/**
 * A method of an object a class holds (`cls.store.get(name)`, `self.client.fetch(...)`): what it does is not
 * read here (the object may download), so a loader making such a call is no proof of "no fetch". A shell
 * command the loader runs (`git clone` of an f-string URL, review s35hf P2-1) is not either (`runsCommand`).
 */
function heldObjectCall(callee: PyNode): boolean {
  if (callee.type !== 'attribute') return false;
  const object = callee.childForFieldName('object');
  if (object?.type !== 'attribute') return false;
  let root: PyNode | null = object;
  while (root?.type === 'attribute') root = root.childForFieldName('object');
  return root?.type === 'identifier' && (root.text === 'self' || root.text === 'cls');
}

/**
 * Does a function's body (and the local functions it calls, breadth first, each once) reach a Hub or URL fetch?
 * `undefined` when calls deeper than `OWN_LOADER_DEPTH` are left unread, or a call may fetch out of sight (a function
 * imported from another module of the project, one named for a fetch: `download_weights(path)`, `cached_path(url)`,
 * a shell command, a method of an object the class holds: `cls.store.get(name)`).
 * Each function's own calls are read once
 * per file (`ownCalls`), however many loaders reach it.
 */
function bodyFetches(sc: PySourceCode, def: PyNode): boolean | undefined {
  const seen = new Set<number>([def.id]);
  let level: PyNode[] = [def];
  let unread = false;
  for (let depth = 0; level.length > 0 && depth <= OWN_LOADER_DEPTH; depth++) {
    const next: PyNode[] = [];
    for (const fnNode of level) {
      const own = ownCalls(sc, fnNode);
      if (own.fetches) return true;
      if (own.unread) unread = true;
      for (const local of own.callees) {
        if (seen.has(local.id)) continue;
        seen.add(local.id);
        next.push(local);
      }
    }
    level = next;
  }
  return level.length > 0 || unread ? undefined : false;
}

/**
 * `Cls.from_pretrained(...)` of a class of this file whose `from_pretrained` is a Hub library's, inherited
 * unchanged (`class DreamboothPipeline(DiffusionPipeline): ...`, `class Net(nn.Module, PyTorchModelHubMixin)`):
 * that library's loader. Not when the class or a base of the project defines its own `from_pretrained`.
 * At `--depth deep` also a class imported from another module of the project (`from .modeling import
 * TinyLM`, its module's `class TinyLM(PreTrainedModel)`), and the bases a class of this file inherits
 * from one: judged as that library's loader, except that a working-directory-like id of an imported
 * class (`TinyLM.from_pretrained("checkpoints/run1")`) stays one of the project's checkpoints.
 */
function inheritedLoader(sc: PySourceCode, call: PyNode): (Spec & { confidence: Confidence }) | undefined {
  const recv = receiverOf(call);
  const sub = recv ? sc.projectSubclass(recv) : undefined;
  if (!sub || sub.classes.some((c) => sc.definedMethod(c, 'from_pretrained'))) return undefined;
  const imported = isImportedClass(sub.classes[0]);
  for (const base of sub.bases) {
    const spec = hfPackage(base) ? specForName(`${base}.from_pretrained`) : undefined;
    if (spec && spec.confidence === 'high') return { ...spec, api: `${receiverText(call)}.from_pretrained`, ...(imported ? { projectClass: true } : {}) };
  }
  return undefined;
}

/** Libraries whose models take a PEFT adapter with `load_adapter(model_id, adapter_name, revision=…)`. */
const ADAPTER_HOSTS = /^(?:transformers|peft|sentence_transformers|trl|unsloth|optimum)\./;

/**
 * `model.load_adapter("org/adapter", "name")`: PEFT's `PeftModel.load_adapter(model_id, adapter_name,
 * is_trainable=False, …, **kwargs)` (src/peft/peft_model.py; the `hf_hub_download` keywords of `**kwargs`,
 * `revision` and `local_files_only` among them, reach `PeftConfig.from_pretrained` and `load_peft_weights`),
 * and transformers' `PeftAdapterMixin.load_adapter(peft_model_id=None, adapter_name=None, revision=None, …,
 * adapter_kwargs=None)` (src/transformers/integrations/peft.py; `adapter_kwargs` go to the same downloads), on
 * every transformers model, sentence-transformers' too: a Hub download like `PeftModel.from_pretrained`. A
 * model built by one of those libraries (`base = AutoModelForCausalLM.from_pretrained(...)`) is their loader;
 * any other receiver (`self.model`, a class of the project) only with a literal `owner/name`, at medium
 * confidence. Not the `adapters` library's (AdapterHub: `load_adapter("sst-2")`, its own ids and versions).
 */
function loadAdapterSpec(sc: PySourceCode, call: PyNode, fn: PyNode): (Spec & { confidence: Confidence }) | undefined {
  const instances = sc.instanceQualifiedNames(fn);
  if (instances.some((q) => /^adapters\./.test(q))) return undefined;
  const base = { api: `${receiverText(call)}.load_adapter`, kind: 'model' as const, idPos: 0, idNames: ['peft_model_id', 'model_id'], kwargsMapping: 'adapter_kwargs' };
  if (instances.some((q) => ADAPTER_HOSTS.test(q))) return { ...base, confidence: 'high' };
  return { ...base, ownerIdOnly: true, confidence: 'medium' };
}

/**
 * diffusers' loaders of adapters into a pipeline (src/diffusers/loaders/lora_pipeline.py
 * `load_lora_weights(pretrained_model_name_or_path_or_dict, adapter_name=None, **kwargs)`,
 * textual_inversion.py `load_textual_inversion(pretrained_model_name_or_path, token=None, …, **kwargs)`,
 * ip_adapter.py `load_ip_adapter(pretrained_model_name_or_path_or_dict, subfolder, weight_name, …,
 * **kwargs)`): each fetches its files from the Hub with `hf_hub_download`, `revision=` among the
 * keywords (default `main`); a state dict or a local file is no Hub load.
 */
const DIFFUSERS_ADAPTER_LOADERS = new Set(['load_lora_weights', 'load_textual_inversion', 'load_ip_adapter']);

/**
 * `pipe.load_lora_weights("owner/name", weight_name=…)`: on a pipeline diffusers built (`pipe =
 * StableDiffusionXLPipeline.from_pretrained(...)`), its loader; on any other receiver only with a literal
 * `owner/name`, at medium confidence.
 */
function diffusersAdapterSpec(sc: PySourceCode, call: PyNode, fn: PyNode, name: string): (Spec & { confidence: Confidence }) | undefined {
  const base = { api: `${receiverText(call)}.${name}`, kind: 'model' as const, idPos: 0, idNames: ['pretrained_model_name_or_path_or_dict', 'pretrained_model_name_or_path'] };
  if (sc.instanceQualifiedNames(fn).some((q) => /^diffusers\./.test(q))) return { ...base, confidence: 'high' };
  if (!sc.imports.has('diffusers')) return undefined;
  return { ...base, ownerIdOnly: true, confidence: 'medium' };
}

const SB3_REMEDIATION =
  'Download the agent pinned to a commit, `path = huggingface_hub.hf_hub_download("org/agent", "agent.zip", revision="<40-hex commit>")`, and load that file: `load_from_hub` takes no revision of its own.';

/** lm-eval's model classes (see `specForName`). */
const LM_EVAL_MODEL = /^lm_eval\.models\.(?:huggingface\.(HFLM)|vllm_causallms\.(VLLM))$/;

const FLAIR_REMEDIATION =
  'Download the model pinned to a commit, `path = huggingface_hub.hf_hub_download("flair/ner-english-large", "pytorch_model.bin", revision="<40-hex commit>")`, and load that file: `SequenceTagger.load(path)` takes no revision of its own.';

const NEMO_REMEDIATION =
  'Download the model\'s `.nemo` file pinned to a commit, `path = huggingface_hub.hf_hub_download("org/model", "<name>.nemo", revision="<40-hex commit>")`, and load it with `restore_from(path)`: `from_pretrained` takes no revision of its own.';

const PYANNOTE_REMEDIATION =
  'Pin the revision to a full commit hash: after the id, `Pipeline.from_pretrained("org/pipeline@<40-hex commit>")` (pyannote.audio splits it off), or with `revision="<40-hex commit>"` where your pyannote.audio version takes it (4.x).';

const VLLM_LORA_REMEDIATION =
  'Download the adapter pinned to a commit, `path = huggingface_hub.snapshot_download("org/adapter", revision="<40-hex commit>")`, and pass that directory as `lora_path` (`LoRARequest(name, id, path)`): vLLM fetches a Hub id given as `lora_path` at its latest revision and takes no revision of its own.';

const LMDEPLOY_REMEDIATION =
  'Pin the download to a full commit hash in the engine config: `pipeline(model_path, backend_config=TurbomindEngineConfig(revision="<40-hex commit>"))` (or `PytorchEngineConfig(revision=...)`); LMDeploy reads the revision there only. Or pass the directory of a pinned `huggingface_hub.snapshot_download(repo_id, revision="<40-hex commit>")`.';

const AWQ_REMEDIATION =
  'Pin the download to a full commit hash in `download_kwargs={"revision": "<40-hex commit>"}` (AutoAWQ passes only `download_kwargs` to its `snapshot_download`; a `revision=` of the call reaches the config alone), or pass the directory of a pinned `huggingface_hub.snapshot_download(repo_id, revision="<40-hex commit>")`.';

const AUDIOCRAFT_REMEDIATION =
  'Download the model pinned to a commit, `path = huggingface_hub.snapshot_download("facebook/musicgen-small", revision="<40-hex commit>")`, and pass that directory to `get_pretrained(path)` (audiocraft reads `state_dict.bin` and `compression_state_dict.bin` from it): `get_pretrained` takes no revision of its own.';

/** audiocraft's pretrained models: `get_pretrained` of any model class of `audiocraft.models` (see `specForName`). */
const AUDIOCRAFT_PRETRAINED = /^audiocraft\.models\.(?:[\w.]*\.)?([A-Z]\w*)\.get_pretrained$/;
/** MusicGen's short names (audiocraft/models/musicgen.py `_HF_MODEL_CHECKPOINTS_MAP`): each a Hub repository. */
const MUSICGEN_MODELS: Readonly<Record<string, string>> = {
  small: 'facebook/musicgen-small',
  medium: 'facebook/musicgen-medium',
  large: 'facebook/musicgen-large',
  melody: 'facebook/musicgen-melody',
  style: 'facebook/musicgen-style',
};

const MODELSCOPE: OtherHub = { name: 'ModelScope', keyword: 'revision', tagsOnly: true };

/** The Hub load a function of this qualified name performs (see `specFor`), ModelScope's and PaddleNLP's named by their hubs. */
function specForName(qn: string): (Spec & { confidence: Confidence }) | undefined {
  if (qn.startsWith('modelscope.')) return modelScopeSpec(qn);
  // NeMo's `ModelPT.from_pretrained(model_name, refresh_cache=False, override_config_path=None, map_location=None,
  // strict=True, return_config=False, trainer=None, save_restore_connector=None)` (nemo/core/classes/modelPT.py,
  // common.py): an `owner/name` is fetched from the Hugging Face Hub at its latest revision, a bare name from
  // NVIDIA's NGC catalogue; it takes no revision, nor a local path (that is `restore_from`)
  if (/^nemo\.[\w.]+\.from_pretrained$/.test(qn)) {
    return { api: shortApi(qn), kind: 'model', idPos: 0, idNames: ['model_name'], revisionIn: 'snapshot', ownerIdOnly: true, remediation: NEMO_REMEDIATION, confidence: 'high' };
  }
  // audiocraft (facebookresearch/audiocraft): `MusicGen.get_pretrained(name='facebook/musicgen-melody', device=None)`,
  // `AudioGen`, `MAGNeT`, … (audiocraft/models/musicgen.py, loaders.py `_get_state_dict`): a file or directory is
  // read, else `hf_hub_download(repo_id=name, filename="state_dict.bin")` with no revision, then `torch.load`;
  // MusicGen maps its old short names (`_HF_MODEL_CHECKPOINTS_MAP`: `"melody"` is `facebook/musicgen-melody`)
  const audiocraft = AUDIOCRAFT_PRETRAINED.exec(qn);
  if (audiocraft) {
    return {
      api: `${audiocraft[1]}.get_pretrained`, kind: 'model', idPos: 0, idNames: ['name'], revisionIn: 'snapshot', ownerIdOnly: true,
      shortNames: audiocraft[1] === 'MusicGen' ? MUSICGEN_MODELS : {}, remediation: AUDIOCRAFT_REMEDIATION, confidence: 'high',
    };
  }
  // FunASR (modelscope/FunASR, funasr/auto/auto_model.py `AutoModel(**kwargs)`): `model=` from the hub `hub=`
  // selects, and the optional `vad_model=`, `punc_model=`, `spk_model=` each from ModelScope (their kwargs carry
  // no `hub`: funasr/download/download_model_from_hub.py `download_model` defaults it to `"ms"`)
  if (FUNASR_AUTO_MODEL.test(qn)) {
    const sub = (kind: string): Spec => ({ api: 'AutoModel', kind: 'model', idNames: [`${kind}model`], revisionKeyword: `${kind}model_revision`, shortNames: FUNASR_MODELSCOPE_MODELS, otherHub: { ...MODELSCOPE, keyword: `${kind}model_revision` } });
    return { ...sub(''), otherHub: 'funasr', also: [sub('vad_'), sub('punc_'), sub('spk_')], confidence: 'high' };
  }
  const spec = hfSpecForName(qn);
  // PaddleNLP's `from_pretrained` fetches from its community storage, or the hub `from_hf_hub=`, `from_aistudio=`,
  // `from_modelscope=` selects (paddlenlp/transformers/auto/modeling.py, model_utils.py)
  if (spec && qn.startsWith('paddlenlp.')) return { ...spec, otherHub: 'paddlenlp' };
  return spec;
}

/**
 * ModelScope (modelscope/modelscope), a hub of its own with the API of Hugging Face's: `snapshot_download(model_id,
 * revision=…)` (hub/snapshot_download.py; a branch, `"master"`, by default), `model_file_download(model_id,
 * file_path, revision=…)`, the `from_pretrained(id, revision=…)` of its model classes and of the transformers
 * classes it re-exports (`modelscope.AutoModelForCausalLM`: a local directory, else `snapshot_download`),
 * `pipeline(task, model, …, model_revision=…)` (pipelines/builder.py), and `MsDataset.load(dataset_name, namespace,
 * …, version=…)` (msdatasets/ms_dataset.py).
 */
function modelScopeSpec(qn: string): (Spec & { confidence: Confidence }) | undefined {
  const hub = { otherHub: MODELSCOPE, confidence: 'high' as const };
  if (/^modelscope\.(?:[\w.]*\.)?snapshot_download$/.test(qn)) return { api: 'snapshot_download', kind: 'model', idPos: 0, idNames: ['model_id', 'repo_id'], hubOnly: true, ...hub };
  if (/^modelscope\.(?:[\w.]*\.)?model_file_download$/.test(qn)) return { api: 'model_file_download', kind: 'file', idPos: 0, idNames: ['model_id'], hubOnly: true, ...hub };
  if (/^modelscope\.(?:pipelines\.(?:builder\.)?)?pipeline$/.test(qn)) {
    return { api: 'pipeline', kind: 'model', idPos: 1, idNames: ['model'], revisionKeyword: 'model_revision', ...hub, otherHub: { ...MODELSCOPE, keyword: 'model_revision' } };
  }
  if (/^modelscope\.(?:[\w.]*\.)?MsDataset\.load$/.test(qn)) {
    return { api: 'MsDataset.load', kind: 'dataset', idPos: 0, idNames: ['dataset_name'], revisionKeyword: 'version', ...hub, otherHub: { ...MODELSCOPE, keyword: 'version' } };
  }
  if (qn.endsWith('.from_pretrained')) {
    return { api: shortApi(qn), kind: 'model', idPos: 0, idNames: ['pretrained_model_name_or_path', 'model_name_or_path', 'model_id'], ...hub };
  }
  return undefined;
}

/** The Hugging Face Hub load a function of this qualified name performs. */
function hfSpecForName(qn: string): (Spec & { confidence: Confidence }) | undefined {
  // GPTQModel (ModelCloud/GPTQModel, gptqmodel/models/auto.py): `GPTQModel.load(model_id_or_path, quantize_config=None,
  // …, trust_remote_code=False, **kwargs)`, its current entry point, hands the id and `**kwargs` (`revision=` among
  // them) to `from_quantized` for a quantized model, else to `from_pretrained(model_id_or_path, quantize_config, …)`
  // optimum's exporters (huggingface/optimum optimum/exporters/onnx/__main__.py, optimum-intel
  // optimum/exporters/openvino/__main__.py): `main_export(model_name_or_path, output, task="auto", …,
  // revision="main", local_files_only=False, trust_remote_code=False, …)` fetch a Hub id at `revision`
  if (/^optimum\.exporters\.(?:onnx|openvino)(?:\.__main__)?\.main_export$/.test(qn)) {
    return { api: 'main_export', kind: 'model', idPos: 0, idNames: ['model_name_or_path'], confidence: 'high' };
  }
  if (/^gptqmodel\.(?:[\w.]*\.)?GPTQModel\.(?:load|from_pretrained)$/.test(qn)) {
    return { api: shortApi(qn), kind: 'model', idPos: 0, idNames: ['model_id_or_path'], confidence: 'high' };
  }
  // AutoAWQ (casper-hansen/AutoAWQ, awq/models/auto.py `AutoAWQForCausalLM.from_quantized(quant_path, quant_filename="",
  // max_seq_len=2048, trust_remote_code=True, …, download_kwargs=None, **config_kwargs)` and `from_pretrained(model_path,
  // trust_remote_code=True, safetensors=True, device_map=None, download_kwargs=None, **model_init_kwargs)`): a path that is
  // no directory is fetched with `snapshot_download(model_path, ignore_patterns=…, **download_kwargs)` (awq/models/base.py
  // `_load_config`), so only `download_kwargs={"revision": …}` pins the weights and code; a `revision=` of the call goes
  // to `AutoConfig` alone (from_pretrained's `**model_init_kwargs`; from_quantized's `**config_kwargs`)
  if (/^awq\.(?:[\w.]*\.)?AutoAWQForCausalLM\.(?:from_quantized|from_pretrained)$/.test(qn)) {
    return { api: shortApi(qn), kind: 'model', idPos: 0, idNames: ['quant_path', 'model_path'], revisionIn: 'mapping', revisionMapping: 'download_kwargs', remediation: AWQ_REMEDIATION, confidence: 'high' };
  }
  if (qn.endsWith('.from_pretrained')) {
    // A model class of the project itself (`from modeling_chatglm import ChatGLMModel`, a relative
    // import): a transformers model most likely, as an unresolved receiver is (a literal Hub id only)
    if (/^(?:\.|modeling_)/.test(qn)) return { api: shortApi(qn), kind: 'model', idPos: 0, idNames: ['pretrained_model_name_or_path', 'model_name_or_path'], projectClass: true, confidence: 'medium' };
    if (qn.startsWith('datasets.') || qn.startsWith('evaluate.')) return undefined;
    // ctransformers (marella/ctransformers, ctransformers/hub.py `AutoModelForCausalLM.from_pretrained(
    // model_path_or_repo_id, *, model_type, model_file, config, lib, local_files_only=False, revision=None,
    // hf=False)`, `AutoConfig.from_pretrained(model_path_or_repo_id, local_files_only, revision)`): an
    // existing file or directory is read, else the repository is fetched with `snapshot_download(...,
    // local_files_only=local_files_only, revision=revision)`. Its `AutoTokenizer.from_pretrained(model)`
    // takes the model object and fetches nothing.
    if (/^ctransformers\.(?:hub\.)?AutoTokenizer\.from_pretrained$/.test(qn)) return undefined;
    if (/^ctransformers\.(?:hub\.)?(?:AutoModelForCausalLM|AutoConfig)\.from_pretrained$/.test(qn)) {
      return { api: shortApi(qn), kind: 'model', idPos: 0, idNames: ['model_path_or_repo_id'], confidence: 'high' };
    }
    // pyannote.audio (pyannote/audio/core/model.py `Model.from_pretrained(checkpoint, …)`, core/pipeline.py
    // `Pipeline.from_pretrained(checkpoint_path, …)` in 3.x, `checkpoint` in 4.x, inherited by their subclasses):
    // an existing file is read, else the id is fetched from the Hub (`hf_hub_download`); a literal `owner/name`
    // at medium confidence, as for any other package's class
    if (/^pyannote\.audio\.(?:[\w.]*\.)?[A-Z]\w*\.from_pretrained$/.test(qn)) {
      return { api: shortApi(qn), kind: 'model', idPos: 0, idNames: ['checkpoint', 'checkpoint_path'], ownerIdOnly: true, atRevision: true, remediation: PYANNOTE_REMEDIATION, confidence: 'medium' };
    }
    // ESPnet (espnet2/bin/asr_inference.py `Speech2Text.from_pretrained(model_tag=None, **kwargs)`, and the same in
    // tts_inference.py, enh_inference.py, …): the tag goes to espnet_model_zoo's `ModelDownloader().download_and_unpack`
    if (/^espnet2?\.(?:[\w.]*\.)?[A-Z]\w*\.from_pretrained$/.test(qn)) {
      return { api: shortApi(qn), kind: 'model', idPos: 0, idNames: ['model_tag'], ownerIdOnly: true, confidence: 'medium' };
    }
    // A class of another package (`from maggie.network.arch import MaGGIe`, a Hub mixin): a Hub load
    // when given a literal `owner/name`, at medium confidence
    if (!hfPackage(qn)) return { api: shortApi(qn), kind: 'model', idPos: 0, idNames: [...OTHER_FROM_PRETRAINED_ID_NAMES, 'model_id', 'repo_id'], ownerIdOnly: true, confidence: 'medium' };
    // llama-cpp-python: `from_pretrained(repo_id, filename, additional_files=None, local_dir=None,
    // local_dir_use_symlinks="auto", cache_dir=None, **kwargs)` downloads with `hf_hub_download(repo_id=…,
    // filename=…)` and no revision; the other keywords (`revision=`, `local_files_only=`) go to `Llama(**kwargs)`,
    // which ignores them
    if (/^llama_cpp\.(?:[\w.]*\.)?Llama\.from_pretrained$/.test(qn)) {
      return { api: 'Llama.from_pretrained', kind: 'model', idPos: 0, idNames: ['repo_id'], revisionIn: 'ignored', confidence: 'high' };
    }
    if (/^peft\.(?:[\w.]*\.)?Peft(?:Mixed)?Model(?:For\w+)?\.from_pretrained$/.test(qn)) {
      return { api: shortApi(qn), kind: 'model', idPos: 1, idNames: ['model_id'], confidence: 'high' };
    }
    return { api: shortApi(qn), kind: 'model', idPos: 0, idNames: ['pretrained_model_name_or_path', 'model_name', 'model_id', 'model_name_or_path', 'repo_id'], confidence: 'high' };
  }
  // diffusers `ConfigMixin.from_config(config=None, return_unused_kwargs=False, **kwargs)` (src/diffusers/
  // configuration_utils.py): given a name or path instead of a config dict (deprecated, "config-passed-as-path",
  // to be removed in 1.0.0) it calls `cls.load_config(pretrained_model_name_or_path=config, **kwargs)`, which
  // downloads the config from the Hub (`revision=`, `local_files_only=` in `**kwargs`). A config
  // (`DPMSolverMultistepScheduler.from_config(pipe.scheduler.config)`) fetches nothing: only a literal `owner/name`.
  if (/^diffusers\.(?:[\w.]*\.)?[A-Z]\w*\.from_config$/.test(qn)) {
    return { api: shortApi(qn), kind: 'model', idPos: 0, idNames: ['config', 'pretrained_model_name_or_path'], ownerIdOnly: true, confidence: 'high' };
  }
  if (/^transformers\.(?:pipelines\.)?pipeline$/.test(qn)) return { api: 'pipeline', kind: 'model', idPos: 1, idNames: ['model'], confidence: 'high' };
  if (/^sentence_transformers\.(?:[\w.]*\.)?(?:SentenceTransformer|CrossEncoder|SparseEncoder)$/.test(qn)) {
    return { api: shortApi(qn), kind: 'model', idPos: 0, idNames: ['model_name_or_path', 'model_name'], confidence: 'high' };
  }
  if (/^huggingface_hub\.(?:[\w.]*\.)?(?:hf_hub_download|snapshot_download|hf_hub_url|from_pretrained_keras|from_pretrained_fastai)$/.test(qn)) {
    const api = qn.split('.').pop()!;
    return { api, kind: api === 'snapshot_download' || api.startsWith('from_') ? 'model' : 'file', idPos: 0, idNames: ['repo_id'], hubOnly: !api.startsWith('from_'), confidence: 'high' };
  }
  // Flower (flwr_datasets/federated_dataset.py `FederatedDataset(*, dataset, subset=None, preprocessor=None,
  // partitioners, shuffle=True, seed=42, **load_dataset_kwargs)`): `datasets.load_dataset(dataset, subset,
  // **load_dataset_kwargs)` (its `revision=` among them), then partitioned
  if (/^flwr_datasets\.(?:federated_dataset\.)?FederatedDataset$/.test(qn)) {
    return { api: 'FederatedDataset', kind: 'dataset', idNames: ['dataset'], confidence: 'high' };
  }
  if (/^datasets\.(?:[\w.]*\.)?(?:load_dataset|load_dataset_builder)$/.test(qn)) {
    return { api: qn.split('.').pop()!, kind: 'dataset', idPos: 0, idNames: ['path'], confidence: 'high' };
  }
  // `hf-hub:owner/name[@<revision>]` ids: no `revision=` of their own, the revision is written in the id
  if (/^timm\.(?:models\.)?create_model$/.test(qn)) return { api: 'timm.create_model', kind: 'model', idPos: 0, idNames: ['model_name'], revisionIn: 'id', confidence: 'high' };
  if (/^open_clip\.(?:[\w.]*\.)?(?:create_model_and_transforms|create_model|create_model_from_pretrained|get_tokenizer)$/.test(qn)) {
    return { api: `open_clip.${qn.split('.').pop()}`, kind: 'model', idPos: 0, idNames: ['model_name'], revisionIn: 'id', confidence: 'high' };
  }
  // mlx-lm (ml-explore/mlx-lm, mlx_lm/utils.py `load(path_or_hf_repo, tokenizer_config=None, model_config=None,
  // adapter_path=None, lazy=False, return_config=False, revision=None, trust_remote_code=False)`: an existing
  // path is read, else `snapshot_download(path_or_hf_repo, revision=revision, …)`; mlx_lm/convert.py
  // `convert(hf_path, mlx_path="mlx_model", …, upload_repo=None, revision=None, …)` loads `hf_path` so)
  // (its `tokenizer_config` reaches the tokenizer of the files already fetched: a revision there pins nothing)
  // (`convert` lived in mlx_lm/utils.py up to 0.19, same parameters: `from mlx_lm.utils import convert`, review apple P2-2).
  // mlx-vlm (Blaizzy/mlx-vlm) mirrors it: mlx_vlm/utils.py `load(path_or_hf_repo, adapter_path=None, lazy=False,
  // revision=None, **kwargs)` and `convert(hf_path, mlx_path="mlx_model", …, upload_repo=None, revision=None, …)` (now
  // mlx_vlm/convert.py) fetch with `get_model_path(path_or_hf_repo, revision=revision)` (review apple P2-3); the
  // `**kwargs` of `load` reach the configuration and processor of the files already fetched. `get_model_path(
  // path_or_hf_repo, revision=None)` of both (mlx_lm/utils.py up to 0.2x; later the private `_download`) is that
  // download alone: `snapshot_download(path_or_hf_repo, revision=revision, …)` when no such path exists (review apple
  // P3-1). mlx-lm's later `hf_repo_to_path(hf_repo)` reads the cache only (`snapshot_download(hf_repo,
  // local_files_only=True)`): no fetch. None of them takes `local_files_only` (mlx_lm.load raises on it, mlx_vlm's
  // `**kwargs` pass it to what reads the files after the download): only a path keeps a directory local.
  if (/^mlx_lm\.(?:utils\.)?load$/.test(qn)) return { api: 'mlx_lm.load', kind: 'model', idPos: 0, idNames: ['path_or_hf_repo'], revisionKeywordOnly: true, offlineIgnored: true, confidence: 'high' };
  if (/^mlx_lm\.(?:convert\.|utils\.)?convert$/.test(qn)) return { api: 'mlx_lm.convert', kind: 'model', idPos: 0, idNames: ['hf_path'], revisionKeywordOnly: true, offlineIgnored: true, confidence: 'high' };
  if (/^mlx_vlm\.(?:utils\.)?load$/.test(qn)) return { api: 'mlx_vlm.load', kind: 'model', idPos: 0, idNames: ['path_or_hf_repo'], revisionKeywordOnly: true, offlineIgnored: true, confidence: 'high' };
  if (MLX_CONVERT.test(qn) && qn.startsWith('mlx_vlm.')) return { api: 'mlx_vlm.convert', kind: 'model', idPos: 0, idNames: ['hf_path'], revisionKeywordOnly: true, offlineIgnored: true, confidence: 'high' };
  const mlxPath = /^(mlx_lm|mlx_vlm)\.utils\.(get_model_path|_download)$/.exec(qn);
  if (mlxPath) {
    return { api: `${mlxPath[1]}.${mlxPath[2]}`, kind: 'model', idPos: 0, idNames: ['path_or_hf_repo'], revisionKeywordOnly: true, revisionPos: 1, offlineIgnored: true, confidence: 'high' };
  }
  // mlx-whisper (ml-explore/mlx-examples, whisper/mlx_whisper/load_models.py `load_model(path_or_hf_repo, dtype)`: an
  // existing path is read, else `snapshot_download(repo_id=path_or_hf_repo)`, no revision taken or passed);
  // transcribe.py `transcribe(audio, *, path_or_hf_repo="mlx-community/whisper-turbo", …, **decode_options)` loads
  // that model (`"mlx-community/whisper-tiny"` in earlier releases): faster-whisper's case (review apple P2-4)
  if (/^mlx_whisper\.load_models\.load_model$/.test(qn)) {
    return { api: 'mlx_whisper.load_model', kind: 'model', idPos: 0, idNames: ['path_or_hf_repo'], revisionIn: 'snapshot', offlineIgnored: true, confidence: 'high' };
  }
  if (/^mlx_whisper\.(?:transcribe\.)?transcribe$/.test(qn)) {
    return { api: 'mlx_whisper.transcribe', kind: 'model', idNames: ['path_or_hf_repo'], revisionIn: 'snapshot', defaultId: 'mlx-community/whisper-turbo', offlineIgnored: true, confidence: 'high' };
  }
  // lm-evaluation-harness's model classes (lm_eval/models/huggingface.py `HFLM.__init__(self, pretrained, backend="default",
  // revision="main", subfolder=…, tokenizer=None, …, trust_remote_code=False, …)`, lm_eval/models/vllm_causallms.py
  // `VLLM.__init__(self, pretrained="gpt2", …, revision=None, trust_remote_code=False, …)`): `pretrained` (a name, or
  // a model object the analysis does not resolve to a string) goes to `from_pretrained` with `revision` (review evalh P2-2)
  const lmEval = LM_EVAL_MODEL.exec(qn);
  if (lmEval) return { api: lmEval[1] ?? lmEval[2], kind: 'model', idPos: 0, idNames: ['pretrained'], revisionKeywordOnly: true, modelObjects: true, confidence: 'high' };
  // flair (flairNLP/flair, flair/models/sequence_tagger_model.py `SequenceTagger.load(model_path)` → `_fetch_model`):
  // an existing path is read, a short name of its maps (`"ner-large"`, which differ between releases) is fetched from
  // them, anything else is `hf_download(model_name)`, an `hf_hub_download` of `pytorch_model.bin` with no revision,
  // then `torch.load` (review nlpclassic P2): only an `owner/name` id is the Hub's here
  if (/^flair\.(?:models\.)?(?:sequence_tagger_model\.)?SequenceTagger\.load$/.test(qn)) {
    return { api: 'SequenceTagger.load', kind: 'model', idPos: 0, idNames: ['model_path'], revisionIn: 'snapshot', ownerIdOnly: true, remediation: FLAIR_REMEDIATION, confidence: 'high' };
  }
  // huggingface_sb3 (huggingface_sb3/load_from_hub.py `load_from_hub(repo_id, filename)`): `hf_hub_download(repo_id=…,
  // filename=…)` with no revision, and none to pass
  if (/^huggingface_sb3\.(?:load_from_hub\.)?load_from_hub$/.test(qn)) {
    return { api: 'load_from_hub', kind: 'file', idPos: 0, idNames: ['repo_id'], revisionIn: 'snapshot', hubOnly: true, remediation: SB3_REMEDIATION, confidence: 'high' };
  }
  // vLLM fetches a tokenizer named apart (`tokenizer="org/tok"`, vllm/entrypoints/llm.py `LLM(model, tokenizer=None,
  // …, revision=None, tokenizer_revision=None, …)`) at `tokenizer_revision`, which defaults to the model's `revision`
  // (vllm/config/model.py `__post_init__`: `if self.tokenizer_revision is None: self.tokenizer_revision = self.revision`)
  if (/^vllm\.(?:entrypoints\.llm\.)?LLM$/.test(qn)) {
    return { api: 'vllm.LLM', kind: 'model', idPos: 0, idNames: ['model'], also: { api: 'vllm.LLM', kind: 'model', idPos: 1, idNames: ['tokenizer'], revisionKeyword: 'tokenizer_revision', revisionFallback: 'revision', remediation: VLLM_TOKENIZER_REMEDIATION }, confidence: 'high' };
  }
  // TensorRT-LLM's LLM API (tensorrt_llm/llmapi/llm.py `LLM(model, tokenizer=None, …, **kwargs)`, the PyTorch backend
  // `tensorrt_llm._torch.LLM`, the engine backend `tensorrt_llm._tensorrt_engine.LLM`): a Hub name as `model` is
  // downloaded from the Hub (llm-api docs, "Model Preparation"); `revision=`/`tokenizer_revision=` are fields of its
  // `BaseLlmArgs` (tensorrt_llm/llmapi/llm_args.py), read as vLLM's are; a local engine or checkpoint directory is read
  if (/^tensorrt_llm\.(?:llmapi\.(?:llm\.)?|_torch\.(?:llm\.)?|_tensorrt_engine\.)?LLM$/.test(qn)) {
    return { api: 'tensorrt_llm.LLM', kind: 'model', idPos: 0, idNames: ['model'], also: { api: 'tensorrt_llm.LLM', kind: 'model', idPos: 1, idNames: ['tokenizer'], revisionKeyword: 'tokenizer_revision', revisionFallback: 'revision', remediation: VLLM_TOKENIZER_REMEDIATION }, confidence: 'high' };
  }
  // SGLang (sgl-project/sglang): `sglang.Engine(**kwargs)` (python/sglang/srt/entrypoints/engine.py) and `Runtime(log_level,
  // …, *args, **kwargs)` build `ServerArgs(...)` (python/sglang/srt/server_args.py: `model_path`, `tokenizer_path`
  // defaulting to it, `revision`), whose model config and weights are fetched at `revision` and whose tokenizer is
  // loaded with `get_tokenizer(server_args.tokenizer_path, …, revision=server_args.revision)`: vLLM's `LLM` by other
  // names, keywords only (Runtime's first parameter is `log_level`), `ServerArgs`'s model also first by position
  const sglang = /^sglang\.(?:[\w.]*\.)?(Engine|Runtime|ServerArgs)$/.exec(qn);
  if (sglang && (sglang[1] !== 'ServerArgs' || /^sglang\.srt\.server_args\.ServerArgs$/.test(qn))) {
    const api = `sglang.${sglang[1]}`;
    return { api, kind: 'model', ...(sglang[1] === 'ServerArgs' ? { idPos: 0 } : {}), idNames: ['model_path'], also: { api, kind: 'model', idNames: ['tokenizer_path'] }, confidence: 'high' };
  }
  // vLLM's `LoRARequest(lora_name, lora_int_id, lora_path)` (vllm/lora/request.py): the worker resolves `lora_path` with
  // `get_adapter_absolute_path` (vllm/lora/utils.py): an absolute, `~` or existing relative path is read, anything else
  // is fetched with `huggingface_hub.snapshot_download(repo_id=lora_path)`, with no revision and none to pass
  if (/^vllm\.(?:lora\.(?:request\.)?)?LoRARequest$/.test(qn)) {
    return { api: 'LoRARequest', kind: 'model', idPos: 2, idNames: ['lora_path', 'lora_local_path'], revisionIn: 'snapshot', remediation: VLLM_LORA_REMEDIATION, confidence: 'high' };
  }
  // LMDeploy (InternLM/lmdeploy, lmdeploy/api.py `pipeline(model_path, backend_config=None, …, **kwargs)`, with
  // `model_name=None` second from 0.2 to 0.6): a `model_path` that does not exist is fetched with `get_model(model_path,
  // download_dir, revision)` (lmdeploy/utils.py: `snapshot_download(…, revision=revision)`), the revision read from
  // `backend_config.revision` (`TurbomindEngineConfig(revision=…)`, `PytorchEngineConfig(revision=…)`); a `revision=`
  // of the call goes on in `**kwargs` to the pipeline class, after the download. Not transformers' `pipeline(task, …)`:
  // read by qualified name
  if (/^lmdeploy\.(?:api\.)?pipeline$/.test(qn)) {
    return { api: 'lmdeploy.pipeline', kind: 'model', idPos: 0, idNames: ['model_path'], revisionIn: 'config', revisionConfig: { keyword: 'backend_config', positions: [1, 2] }, remediation: LMDEPLOY_REMEDIATION, confidence: 'high' };
  }
  // SpeechBrain: `EncoderClassifier.from_hparams(source="speechbrain/spkrec-ecapa-voxceleb", revision=...)`
  if (/^speechbrain\.(?:inference|pretrained)\.(?:[\w.]*\.)?[A-Z]\w*\.from_hparams$/.test(qn)) {
    return { api: shortApi(qn), kind: 'model', idPos: 0, idNames: ['source'], confidence: 'high' };
  }
  // LangChain's Hugging Face integrations: `HuggingFaceEmbeddings(model_name=...)` (sentence-transformers
  // underneath) and `HuggingFacePipeline.from_model_id(model_id=...)`; their revision rides in `model_kwargs`
  if (/^langchain(?:_community|_huggingface)?\.(?:[\w.]*\.)?(?:HuggingFace(?:Bge|Instruct)?Embeddings|SentenceTransformerEmbeddings)$/.test(qn)) {
    // langchain_huggingface/embeddings/huggingface.py: `model_name: str = DEFAULT_MODEL_NAME`
    // (`"sentence-transformers/all-mpnet-base-v2"`, line 6), `SentenceTransformer(self.model_name, …, **self.model_kwargs)`;
    // langchain_community/embeddings/huggingface.py (and `langchain.embeddings.huggingface` before it) the same for
    // `HuggingFaceEmbeddings` (`SentenceTransformerEmbeddings` is that class), `DEFAULT_INSTRUCT_MODEL =
    // "hkunlp/instructor-large"` for `HuggingFaceInstructEmbeddings`, `DEFAULT_BGE_MODEL = "BAAI/bge-large-en"` for
    // `HuggingFaceBgeEmbeddings`
    const defaultId = /Instruct/.test(qn) ? 'hkunlp/instructor-large' : /Bge/.test(qn) ? 'BAAI/bge-large-en' : 'sentence-transformers/all-mpnet-base-v2';
    return { api: shortApi(qn), kind: 'model', idNames: ['model_name'], revisionIn: 'model_kwargs', bareOwner: /Bge|Instruct/.test(qn) ? undefined : 'sentence-transformers', defaultId, confidence: 'high' };
  }
  // Chroma (chroma-core/chroma, chromadb/utils/embedding_functions/sentence_transformer_embedding_function.py
  // `SentenceTransformerEmbeddingFunction(model_name="all-MiniLM-L6-v2", device="cpu", normalize_embeddings=False,
  // **kwargs)`) and Milvus (milvus-io/milvus-model, pymilvus/model/dense/sentence_transformer.py, the same with
  // `batch_size`, `query_instruction`, `doc_instruction` before `device`): `SentenceTransformer(model_name, device=device,
  // **kwargs)`, so `revision=` and `trust_remote_code=` given to the function reach the load
  if (/^(?:chromadb\.utils\.embedding_functions|pymilvus\.model\.dense)\.(?:sentence_transformer(?:_embedding_function)?\.)?SentenceTransformerEmbeddingFunction$/.test(qn)) {
    return { api: 'SentenceTransformerEmbeddingFunction', kind: 'model', idPos: 0, idNames: ['model_name'], bareOwner: 'sentence-transformers', defaultId: 'sentence-transformers/all-MiniLM-L6-v2', confidence: 'high' };
  }
  // InstructorEmbedding (PyPI `InstructorEmbedding` 1.0, `class INSTRUCTOR(SentenceTransformer)`,
  // which overrides `_load_sbert_model` with the signature of sentence-transformers 2.2, whose `__init__(model_name_or_path,
  // modules, device, cache_folder, use_auth_token)` fetches the snapshot with no revision), and Chroma's
  // `InstructorEmbeddingFunction(model_name="hkunlp/instructor-base", device="cpu", instruction=None)`
  // (instructor_embedding_function.py: `INSTRUCTOR(model_name, device=device)`): no revision to pass
  if (/^InstructorEmbedding\.(?:instructor\.)?INSTRUCTOR$/.test(qn)) {
    return { api: 'INSTRUCTOR', kind: 'model', idPos: 0, idNames: ['model_name_or_path'], revisionIn: 'snapshot', bareOwner: 'sentence-transformers', confidence: 'high' };
  }
  if (/^chromadb\.utils\.embedding_functions\.(?:instructor_embedding_function\.)?InstructorEmbeddingFunction$/.test(qn)) {
    return { api: 'InstructorEmbeddingFunction', kind: 'model', idPos: 0, idNames: ['model_name'], revisionIn: 'snapshot', defaultId: 'hkunlp/instructor-base', confidence: 'high' };
  }
  // llama_index: `HuggingFaceEmbedding(model_name="BAAI/bge-small-en-v1.5")` (sentence-transformers underneath)
  if (/^llama_index\.(?:[\w.]*\.)?HuggingFaceEmbedding$/.test(qn)) {
    return { api: 'HuggingFaceEmbedding', kind: 'model', idPos: 0, idNames: ['model_name'], revisionIn: 'keyword', bareOwner: 'sentence-transformers', confidence: 'high' };
  }
  // TRL trainers given a model id (`SFTTrainer(model="facebook/opt-350m")`): they call from_pretrained
  // with `args.model_init_kwargs`, where a revision would go
  if (/^trl\.(?:[\w.]*\.)?[A-Z]\w*Trainer$/.test(qn)) {
    return { api: shortApi(qn), kind: 'model', idPos: 0, idNames: ['model'], revisionIn: 'model_init_kwargs', ownerIdOnly: true, confidence: 'high' };
  }
  // optimum-habana's copies of them (optimum/habana/trl/trainer/sft_trainer.py `GaudiSFTTrainer(SFTTrainer,
  // GaudiTrainer).__init__(model: Union[PreTrainedModel, nn.Module, str] = None, args=None, gaudi_config=None, …,
  // model_init_kwargs=None, …)`, dpo_trainer.py `GaudiDPOTrainer(model: Union[…, str], ref_model, beta, …, args, …,
  // model_init_kwargs)`, grpo_trainer.py `GaudiGRPOTrainer(model: Union[str, PreTrainedModel], reward_funcs, args, …)`):
  // an id is loaded with `AutoModelForCausalLM.from_pretrained(model, **model_init_kwargs)`. `GaudiPPOTrainer`,
  // `GaudiDDPOTrainer` and `GaudiTrainer` (`GaudiRewardTrainer`) take model objects only.
  const gaudi = /^optimum\.habana\.trl\.(?:[\w.]*\.)?Gaudi(SFT|DPO|GRPO)Trainer$/.exec(qn);
  if (gaudi) {
    const argsPos = gaudi[1] === 'SFT' ? 1 : gaudi[1] === 'GRPO' ? 2 : 5;
    return { api: shortApi(qn), kind: 'model', idPos: 0, idNames: ['model'], revisionIn: 'model_init_kwargs', argsPos, ownerIdOnly: true, confidence: 'high' };
  }
  if (/^langchain(?:_community|_huggingface)?\.(?:[\w.]*\.)?HuggingFacePipeline\.from_model_id$/.test(qn)) {
    return { api: shortApi(qn), kind: 'model', idPos: 0, idNames: ['model_id'], revisionIn: 'model_kwargs', confidence: 'high' };
  }
  // LangChain's `VLLM(model=..., vllm_kwargs={...})` (langchain_community/llms/vllm.py `validate_environment`:
  // `vllm.LLM(model=values["model"], …, **values["vllm_kwargs"])`): vLLM's loader, whose `revision=` rides in
  // `vllm_kwargs`
  if (/^langchain(?:_community)?\.(?:[\w.]*\.)?VLLM$/.test(qn)) {
    return { api: 'VLLM', kind: 'model', idNames: ['model'], revisionIn: 'mapping', revisionMapping: 'vllm_kwargs', confidence: 'high' };
  }
  // LangChain's `CTransformers(model=..., model_file=..., config={...})` (langchain_community/llms/ctransformers.py
  // `validate_environment`: `AutoModelForCausalLM.from_pretrained(values["model"], model_type=…, model_file=…,
  // lib=…, **config)`): ctransformers' loader, whose `revision=` and `local_files_only=` ride in `config`
  if (/^langchain(?:_community)?\.(?:[\w.]*\.)?CTransformers$/.test(qn)) {
    return { api: 'CTransformers', kind: 'model', idNames: ['model'], revisionIn: 'mapping', revisionMapping: 'config', offlineMapping: 'config', confidence: 'high' };
  }
  // llama_index's `HuggingFaceLLM` (llama-index-llms-huggingface, llama_index/llms/huggingface/base.py
  // `__init__`): `model or AutoModelForCausalLM.from_pretrained(model_name, device_map=…, **model_kwargs)`,
  // then `tokenizer or AutoTokenizer.from_pretrained(tokenizer_name, **tokenizer_kwargs)`; both names default
  // to `DEFAULT_HUGGINGFACE_MODEL = "StabilityAI/stablelm-tuned-alpha-3b"`, each revision rides in its kwargs
  if (/^llama_index\.(?:[\w.]*\.)?HuggingFaceLLM$/.test(qn)) {
    return {
      api: 'HuggingFaceLLM', kind: 'model', idNames: ['model_name'], revisionIn: 'model_kwargs', revisionMapping: 'model_kwargs', defaultId: 'StabilityAI/stablelm-tuned-alpha-3b', objectArg: 'model',
      also: { api: 'HuggingFaceLLM', kind: 'model', idNames: ['tokenizer_name'], revisionIn: 'mapping', revisionMapping: 'tokenizer_kwargs', defaultId: 'StabilityAI/stablelm-tuned-alpha-3b', objectArg: 'tokenizer' },
      confidence: 'high',
    };
  }
  // faster-whisper (SYSTRAN/faster-whisper, faster_whisper/transcribe.py `WhisperModel.__init__(model_size_or_path,
  // device, device_index, compute_type, cpu_threads, num_workers, download_root, local_files_only=False,
  // files=None, **model_kwargs)`): an existing directory is read, else `download_model(model_size_or_path,
  // local_files_only=…, cache_dir=download_root)` fetches the snapshot with no revision (`**model_kwargs` go to
  // `ctranslate2.models.Whisper`); `files=` loads from memory
  if (/^faster_whisper\.(?:transcribe\.)?WhisperModel$/.test(qn)) {
    return { api: 'WhisperModel', kind: 'model', idPos: 0, idNames: ['model_size_or_path'], revisionIn: 'snapshot', shortNames: FASTER_WHISPER_MODELS, confidence: 'high' };
  }
  // whisperX (m-bain/whisperX, whisperx/asr.py `load_model(whisper_arch, device, …, model=None, download_root=None,
  // local_files_only=False, …)`): `model or WhisperModel(whisper_arch, …, download_root=…, local_files_only=…)`,
  // faster-whisper's load above (a `model=` given is used instead)
  if (/^whisperx(?:\.asr)?\.load_model$/.test(qn)) {
    return { api: 'whisperx.load_model', kind: 'model', idPos: 0, idNames: ['whisper_arch'], revisionIn: 'snapshot', shortNames: FASTER_WHISPER_MODELS, objectArg: 'model', confidence: 'high' };
  }
  // faster_whisper/utils.py `download_model(size_or_id, output_dir=None, local_files_only=False, cache_dir=None,
  // revision=None, use_auth_token=None)` (lines 49-116): `huggingface_hub.snapshot_download(repo_id, revision=revision, …)`
  if (/^faster_whisper\.(?:utils\.)?download_model$/.test(qn)) {
    return { api: 'download_model', kind: 'model', idPos: 0, idNames: ['size_or_id'], shortNames: FASTER_WHISPER_MODELS, confidence: 'high' };
  }
  // FlagEmbedding (FlagOpen/FlagEmbedding): every model calls `AutoTokenizer/AutoModel.from_pretrained(
  // model_name_or_path, trust_remote_code=…, cache_dir=…)` with no revision, and keeps other keywords
  // (`revision=`, `local_files_only=`) unread in `self.kwargs` (FlagEmbedding/abc/inference/AbsEmbedder.py
  // `__init__`; inference/embedder/encoder_only/base.py `BaseEmbedder` = `FlagModel`, m3.py `M3Embedder` =
  // `BGEM3FlagModel`, decoder_only/base.py `BaseLLMEmbedder` = `FlagLLMModel`, inference/reranker/encoder_only/
  // base.py `BaseReranker` = `FlagReranker`, decoder_only/base.py `BaseLLMReranker` = `FlagLLMReranker`; 1.x:
  // baai_general_embedding/flag_models.py `FlagModel(model_name_or_path, pooling_method, …)`, flag_reranker.py
  // `FlagReranker(model_name_or_path, use_fp16, cache_dir, device)`, bge_m3.py `BGEM3FlagModel`, no keyword
  // for a revision at all)
  if (/^FlagEmbedding\.(?:[\w.]*\.)?(?:FlagModel|BGEM3FlagModel|FlagLLMModel|FlagReranker|FlagLLMReranker)$/.test(qn)) {
    return { api: qn.split('.').pop()!, kind: 'model', idPos: 0, idNames: ['model_name_or_path'], revisionIn: 'snapshot', offlineIgnored: true, confidence: 'high' };
  }
  // FlagEmbedding/inference/auto_embedder.py, auto_reranker.py: `FlagAutoModel.from_finetuned(model_name_or_path,
  // model_class=None, …, trust_remote_code=None, **kwargs)` builds one of the models above (`**kwargs` to it)
  if (/^FlagEmbedding\.(?:[\w.]*\.)?(?:FlagAutoModel|FlagAutoReranker)\.from_finetuned$/.test(qn)) {
    return { api: shortApi(qn), kind: 'model', idPos: 0, idNames: ['model_name_or_path'], revisionIn: 'snapshot', offlineIgnored: true, confidence: 'high' };
  }
  // Haystack's Sentence Transformers components (deepset-ai/haystack, haystack/components/embedders/
  // sentence_transformers_text_embedder.py, sentence_transformers_document_embedder.py `__init__(model=
  // "sentence-transformers/all-mpnet-base-v2", …, trust_remote_code=False, local_files_only=False, model_kwargs, …)`,
  // sentence_transformers_sparse_text_embedder.py `(model="prithivida/Splade_PP_en_v2", …, revision=None)`,
  // rankers/sentence_transformers_similarity.py `(model="cross-encoder/ms-marco-MiniLM-L-6-v2", …)`; 2.0 betas:
  // `model_name_or_path=`): `SentenceTransformer(model, revision=revision, model_kwargs=model_kwargs, …)`
  // (embedders/backends/sentence_transformers_backend.py). A `revision=` pins where the component takes it;
  // `model_kwargs={"revision": …}` reaches only the weights (Sentence Transformers fetches modules.json,
  // its module configs and the tokenizer at the `revision=` it was given).
  const haystack = /^haystack(?:\.preview)?\.components\.(?:embedders|rankers)\.(?:[\w.]*\.)?(SentenceTransformers(?:Sparse)?(?:Text|Document)Embedder|SentenceTransformersSimilarityRanker)$/.exec(qn);
  if (haystack && HAYSTACK_DEFAULTS[haystack[1]]) {
    const name = haystack[1];
    return {
      api: name, kind: 'model', idPos: 0, idNames: ['model', 'model_name_or_path'], revisionKeywordOnly: true, defaultId: HAYSTACK_DEFAULTS[name],
      bareOwner: /Embedder$/.test(name) && !/Sparse/.test(name) ? 'sentence-transformers' : undefined, remediation: HAYSTACK_REMEDIATION, confidence: 'high',
    };
  }
  // Haystack's legacy `TransformersSimilarityRanker(model="cross-encoder/ms-marco-MiniLM-L-6-v2", device, token, …,
  // model_kwargs=None, tokenizer_kwargs=None, batch_size)` (haystack/components/rankers/transformers_similarity.py; 2.0
  // betas: `model_name_or_path=`): `warm_up` loads `AutoModelForSequenceClassification.from_pretrained(model, token=…,
  // **model_kwargs)`, then `AutoTokenizer.from_pretrained(model, token=…, **tokenizer_kwargs)`: each revision in its kwargs
  if (/^haystack(?:\.preview)?\.components\.rankers\.(?:[\w.]*\.)?TransformersSimilarityRanker$/.test(qn)) {
    const id = { api: 'TransformersSimilarityRanker', kind: 'model' as const, idPos: 0, idNames: ['model', 'model_name_or_path'], defaultId: 'cross-encoder/ms-marco-MiniLM-L-6-v2' };
    return { ...id, revisionIn: 'mapping', revisionMapping: 'model_kwargs', also: { ...id, revisionIn: 'mapping', revisionMapping: 'tokenizer_kwargs' }, confidence: 'high' };
  }
  // KerasHub / KerasNLP presets: `hf://owner/name` ids come from the Hub (others from Kaggle or built in)
  // Keras 3 loads `hf://owner/name` from the Hub too (keras/src/saving/saving_api.py `load_model`: an
  // `hf://` path is fetched with `huggingface_hub.snapshot_download(repo_id=…)`, no revision)
  if (/^(?:keras|tensorflow\.keras|tf_keras)\.(?:src\.)?(?:saving|models)\.(?:saving_api\.)?load_model$/.test(qn)) {
    return { api: qn.replace(/\.src\b|\.saving_api\b/g, ''), kind: 'model', idPos: 0, idNames: ['filepath'], revisionIn: 'none', hfUriOnly: true, confidence: 'high' };
  }
  // vLLM's engine arguments: `EngineArgs(model="org/x", revision=…)`, `AsyncEngineArgs(...)`, as `LLM(...)` takes them
  if (/^vllm\.(?:engine\.arg_utils\.)?(?:Async)?EngineArgs$/.test(qn)) {
    const api = qn.split('.').pop()!;
    return { api, kind: 'model', idPos: 0, idNames: ['model'], also: { api, kind: 'model', idNames: ['tokenizer'], revisionKeyword: 'tokenizer_revision', revisionFallback: 'revision', remediation: VLLM_TOKENIZER_REMEDIATION }, confidence: 'high' };
  }
  if (KERAS_PRESET.test(qn)) return { api: shortApi(qn), kind: 'model', idPos: 0, idNames: ['preset'], revisionIn: 'none', confidence: 'high' };
  // AutoGPTQ / GPTQModel: `AutoGPTQForCausalLM.from_quantized("TheBloke/Llama-2-7B-GPTQ", revision=...)`
  // (the Hub files are fetched with `revision=` and the other `cached_file` keywords)
  if (/^(?:auto_gptq|gptqmodel)\.(?:[\w.]*\.)?[A-Z]\w*\.from_quantized$/.test(qn)) {
    return { api: shortApi(qn), kind: 'model', idPos: 0, idNames: ['model_name_or_path', 'model_id_or_path', 'save_dir'], confidence: 'high' };
  }
  // diffusers `from_single_file(url)`: a checkpoint file, from the Hub when given a Hub file URL
  if (/^diffusers\.(?:[\w.]*\.)?from_single_file$/.test(qn)) {
    return { api: shortApi(qn), kind: 'file', idPos: 0, idNames: ['pretrained_model_link_or_path', 'pretrained_model_link_or_path_or_dict'], hubUrlOnly: true, confidence: 'high' };
  }
  return undefined;
}

/** A call that `hubLoad` knows for a Hub loader by what it resolves to (not by its name alone). */
export function knownHubLoader(sc: PySourceCode, call: PyNode): boolean {
  return specFor(sc, call)?.confidence === 'high';
}

/** Names of model loaders, also called on receivers the analysis cannot resolve (`self.model_cls.from_pretrained`). */
export const LOADER_NAMES = new Set(['from_pretrained', 'pipeline', 'load_dataset', 'load_dataset_builder', 'SentenceTransformer', 'CrossEncoder', 'LLM', 'AutoConfig', 'get_tokenizer']);

/**
 * How a call is known for a model loader that takes the keywords of `from_pretrained`
 * (`trust_remote_code`, `use_safetensors`, …): `resolved` when its name resolves into a Hub package, or
 * `hubLoad` knows it (a Hub loader of another package: Haystack's embedders, FlagEmbedding, llama_index's
 * `HuggingFaceLLM`); `named` when only its last name says so (`LOADER_NAMES`, and `extraNames`);
 * undefined otherwise.
 */
export function loaderCall(sc: PySourceCode, call: PyNode, extraNames: readonly string[] = []): 'resolved' | 'named' | undefined {
  const fn = calleeOf(call);
  const qn = fn ? sc.qualifiedName(fn) : undefined;
  if (hfPackage(qn) || knownHubLoader(sc, call)) return 'resolved';
  const last = calleeName(call) ?? '';
  return LOADER_NAMES.has(last) || extraNames.includes(last) ? 'named' : undefined;
}

function receiverText(call: PyNode): string {
  const r = receiverOf(call);
  const t = r?.text ?? '';
  return t.length > 40 ? '…' : t;
}

/**
 * How an id a conditional expression chooses between known values (`"org/a" if gpu else "org/b"`,
 * `"./local" if x else "org/b"`) is read: not at all (`false`, the default: an id that could not be
 * resolved), as the least pinned of its values that reach the Hub (`true`, undefined when none does), or
 * as each of them (`each`: one load per value that reaches the Hub, to judge each value's publisher).
 */
export type ChoiceReading = boolean | 'each';

/**
 * The hub load a call performs, or undefined when it is not a hub loader or is provably local. With
 * `choices` (see `ChoiceReading`), an id a conditional expression chooses between known values is read
 * as the least pinned of its values that reach the Hub.
 */
export function hubLoad(sc: PySourceCode, call: PyNode, options: { choices?: boolean } = {}): HubLoad | undefined {
  const lmEval = lmEvalArgsLoad(sc, call);
  if (lmEval) return lmEval;
  const spec = specFor(sc, call);
  if (!spec) return undefined;
  const loads = specLoads(sc, call, spec, options);
  // a call that loads twice (`HuggingFaceLLM`: the model, then the tokenizer): the least pinned of them
  return loads.length > 1 ? loads.reduce(leastPinned) : loads[0];
}

/**
 * Every Hub load of the call: one, or two for `HuggingFaceLLM` (its model and its tokenizer); with
 * `choices: 'each'`, one for each value of an id a conditional expression chooses (in source order).
 */
export function hubLoads(sc: PySourceCode, call: PyNode, options: { choices?: ChoiceReading } = {}): HubLoad[] {
  const lmEval = lmEvalArgsLoad(sc, call);
  if (lmEval) return [lmEval];
  const spec = specFor(sc, call);
  return spec ? specLoads(sc, call, spec, options) : [];
}

function specLoads(sc: PySourceCode, call: PyNode, spec: Spec & { confidence: Confidence }, options: { choices?: ChoiceReading }): HubLoad[] {
  const also = spec.also === undefined ? [] : Array.isArray(spec.also) ? spec.also : [spec.also];
  const specs = [spec, ...also.map((a) => ({ ...a, confidence: spec.confidence }))];
  return specs.flatMap((s) => {
    const loads = specLoad(sc, call, s, options);
    if (options.choices === 'each') return loads;
    // one of several known values (`"org/a" if gpu else "org/b"`): each as if written out; the least
    // pinned of the resolved Hub ids is reported, else one known only in part
    let chosen: HubLoad | undefined;
    for (const load of loads) {
      if (!chosen || (load.ref && (!chosen.ref || PIN_RANK[load.revision.kind] < PIN_RANK[chosen.revision.kind]))) chosen = load;
    }
    return chosen ? [chosen] : [];
  });
}

/** The less pinned of two loads (one whose id is known first, then the weaker revision). */
function leastPinned(a: HubLoad, b: HubLoad): HubLoad {
  if (!!a.ref !== !!b.ref) return a.ref ? a : b;
  return PIN_RANK[b.revision.kind] < PIN_RANK[a.revision.kind] ? b : a;
}

/** How many calls of a function `callerRevision` reads at most (as many as the ids' `passedValues`). */
const MAX_REVISION_CALLERS = 8;

/**
 * A revision parameter that defaults to None (`def load(name, revision=None): AutoModel.from_pretrained(name,
 * revision=revision)`), read through the calls of its function in this file (`callSites`, up to
 * `MAX_REVISION_CALLERS`): when each leaves it unset or passes None or a string, the least pinned of those (a
 * commit counts as pinned); a parameter of the caller passed on in turn (`def outer(rev=None): load(n, revision=rev)`)
 * is read through its own calls, two functions deep. Undefined when the function is not called here (a library's
 * entry point, a callback), is called too often, or a call passes a value not known or `**kwargs` that cannot be
 * read: the caller decides, as before; nor when its calls are Hub loads of their own (a project class's
 * `from_pretrained`), reported where they are made.
 */
function callerRevision(sc: PySourceCode, node: PyNode, depth: number): HubLoad['revision']['callers'] {
  if (depth > 2) return undefined;
  const param = sc.parameterOf(node);
  if (!param || param.function.type !== 'function_definition') return undefined;
  // (`if revision is None: raise ValueError(…)` / `assert revision is not None` before the load: never None there)
  if (sc.noneRejectedBefore(node)) return undefined;
  const calls = sc.callSites(param.function);
  if (calls.length === 0 || calls.length > MAX_REVISION_CALLERS) return undefined;
  const name = param.function.childForFieldName('name')?.text ?? '';
  let least: HubLoad['revision']['callers'];
  for (const site of calls) {
    // (a loader of the project, `ModelPT.from_pretrained("org/x")`: each of its calls is judged as a Hub load itself)
    if (sc.hasUnresolvedArguments(site) || specFor(sc, site)) return undefined;
    const arg = sc.argumentFor(site, param);
    let found: HubLoad['revision']['callers'];
    const v = arg ? sc.constant(arg) : null;
    if (arg && noneParameterPassedOn(sc, arg)) {
      found = callerRevision(sc, arg, depth + 1);
      if (!found) return undefined;
    } else if (v === null) found = { kind: 'none', function: name };
    else if (typeof v === 'string' && v.trim() !== '') found = { kind: classifyRevision(v), value: v, function: name };
    else return undefined;
    if (!least || PIN_RANK[found.kind] < PIN_RANK[least.kind]) least = { ...found, function: name };
  }
  return least && least.kind !== 'commit' ? least : undefined;
}

/**
 * A mapping whose keys can all be read: a dict literal, `dict(k=v)`, or a name bound (once) to one; `None`.
 * A key missing from it is not there.
 */
function literalMapping(sc: PySourceCode, node: PyNode, depth = 0): boolean {
  if (node.type === 'dictionary' || node.type === 'none') return !node.namedChildren.some((c) => c.type === 'dictionary_splat');
  if (node.type === 'call') return calleeOf(node)?.text === 'dict' && !sc.hasUnresolvedArguments(node) && sc.positionalArguments(node).length === 0;
  if (node.type !== 'identifier' || depth > 2) return false;
  const values = valuesOf(sc, node);
  return values.length === 1 && literalMapping(sc, values[0], depth + 1);
}

/** An argument given an object rather than None (`HuggingFaceLLM(model=m)`). */
function objectGiven(sc: PySourceCode, call: PyNode, keyword: string): boolean {
  const arg = sc.argument(call, { name: keyword });
  return !!arg && sc.constant(arg) !== null;
}

/** The loads of one spec: none, the load of its id, or (with `choices`) one per value a conditional id may take. */
function specLoad(sc: PySourceCode, call: PyNode, spec: Spec & { confidence: Confidence }, options: { choices?: ChoiceReading }): HubLoad[] {
  const load = specLoadOf(sc, call, spec, options);
  return Array.isArray(load) ? load : load ? [load] : [];
}

function specLoadOf(sc: PySourceCode, call: PyNode, given: Spec & { confidence: Confidence }, options: { choices?: ChoiceReading }): HubLoad | HubLoad[] | undefined {
  const spec = given.otherHub === 'funasr' ? funasrSpec(sc, call, given) : given;
  if (!spec) return undefined;
  if (spec.objectArg && objectGiven(sc, call, spec.objectArg)) return undefined;
  let idNode: PyNode | undefined;
  for (const n of spec.idNames) {
    idNode = sc.argument(call, { name: n });
    if (idNode) break;
  }
  if (!idNode && spec.idPos !== undefined) idNode = sc.argument(call, { position: spec.idPos });
  if (idNode && idNode.type === 'list_splat') return undefined;

  const mappingKey = (keyword: string | undefined, key: string): PyNode | undefined => {
    const m = keyword ? sc.argument(call, { name: keyword }) : undefined;
    return m ? sc.mappingValue(m, key) : undefined;
  };
  const offlineArg = sc.argument(call, { name: 'local_files_only' }) ?? mappingKey(spec.offlineMapping ?? spec.kwargsMapping, 'local_files_only');
  const offlineVal = offlineArg ? sc.constant(offlineArg) : false;
  // `Llama.from_pretrained` passes `local_files_only=` on to `Llama(...)`, which ignores it (FlagEmbedding keeps it unread)
  const offline = spec.revisionIn !== 'ignored' && !spec.offlineIgnored && offlineVal !== UNKNOWN && pythonTruthy(offlineVal);

  // `revision=`, or forwarded to the loader in `model_kwargs={"revision": ...}` (LangChain, pipelines); only
  // in the mapping of one keyword for some (`tokenizer_kwargs`, `config`), only `revision=` for others
  let revisionNode = spec.revisionIn === 'config'
    ? undefined
    : spec.revisionMapping
    ? mappingKey(spec.revisionMapping, 'revision')
    : (sc.argument(call, { name: spec.revisionKeyword ?? 'revision', ...(spec.revisionPos !== undefined ? { position: spec.revisionPos } : {}) }) ?? (spec.revisionFallback ? sc.argument(call, { name: spec.revisionFallback }) : undefined) ?? (spec.revisionKeywordOnly ? undefined : (forwardedArgument(sc, call, 'revision')?.value ?? mappingKey(spec.kwargsMapping, 'revision'))));
  let unreadableConfig = false;
  // `VLLM(model=…, vllm_kwargs=opts)` with `opts` not read: it may hold the revision
  const mappingArg = spec.revisionMapping && !revisionNode ? sc.argument(call, { name: spec.revisionMapping }) : undefined;
  const unreadMapping = mappingArg && mappingArg.type !== 'none' && !literalMapping(sc, mappingArg) ? `${spec.revisionMapping}=${mappingArg.text.length > 40 ? `${mappingArg.text.slice(0, 39)}…` : mappingArg.text}` : undefined;
  // the trainer's own `model_init_kwargs=` (TRL's SFTTrainer up to 0.8, optimum-habana's) overrides the config's
  if (spec.revisionIn === 'config' && spec.revisionConfig) {
    // LMDeploy: `backend_config=TurbomindEngineConfig(revision=...)`, also by position (the second parameter up to
    // 0.6, the third after `model_name=`) and through a name bound to it; a config the analysis cannot read may pin
    const { keyword, positions } = spec.revisionConfig;
    const configArg = sc.argument(call, { name: keyword }) ?? positions.map((p) => sc.argument(call, { position: p })).find((n) => !!n && n.type !== 'list_splat' && sc.constant(n) === UNKNOWN);
    const values = configArg?.type === 'identifier' ? valuesOf(sc, configArg) : configArg ? [configArg] : [];
    const config = values.length === 1 && values[0].type === 'call' ? values[0] : undefined;
    if (config) {
      revisionNode = sc.argument(config, { name: 'revision' });
      // `TurbomindEngineConfig(**opts)` the analysis cannot read may carry it
      if (!revisionNode && sc.hasUnresolvedArguments(config)) unreadableConfig = true;
    } else if (configArg && configArg.type !== 'none') unreadableConfig = true;
  }
  const ownInitKwargs = spec.revisionIn === 'model_init_kwargs' ? sc.argument(call, { name: 'model_init_kwargs' }) : undefined;
  if (ownInitKwargs) {
    revisionNode = sc.mappingValue(ownInitKwargs, 'revision');
    // a mapping that cannot be read may carry the revision
    if (!revisionNode && !literalMapping(sc, ownInitKwargs)) unreadableConfig = true;
  } else if (spec.revisionIn === 'model_init_kwargs') {
    // TRL: `args=SFTConfig(model_init_kwargs={"revision": ...})`, also through a name bound to it
    const argsNode = sc.argument(call, { name: 'args' }) ?? sc.argument(call, { position: spec.argsPos ?? 1 });
    const values = argsNode?.type === 'identifier' ? valuesOf(sc, argsNode) : argsNode ? [argsNode] : [];
    const config = values.length === 1 && values[0].type === 'call' ? values[0] : undefined;
    if (config) revisionNode = forwardedArgument(sc, config, 'revision')?.value;
    // `args=None`: the trainer's default config, which holds no revision
    else if (argsNode && argsNode.type !== 'none') unreadableConfig = true;
  }
  let revision: HubLoad['revision'] = { kind: 'none' };
  let table: HubLoad['revision'] | undefined;
  if (revisionNode) {
    const v = sc.constant(revisionNode);
    // `def load(name, revision=None): ...(name, revision=revision)`: the caller decides, as with a
    // parameter that has no default (a revision held in a variable counts as pinned). A default that
    // names a branch (`revision="main"`) is a choice made here, and is judged below.
    if (v === UNKNOWN || noneParameterPassedOn(sc, revisionNode)) {
      revision = { kind: 'unknown' };
      const callers = v === null ? callerRevision(sc, revisionNode, 0) : undefined;
      if (callers) revision = { kind: 'unknown', callers };
      // `revision=model_args.model_revision` with the option's default `"main"` (`field(default="main")`,
      // `add_argument("--revision", default="main")`): a branch unless the command line sets a commit
      const fallback = v === UNKNOWN && revisionNode.type === 'attribute' ? sc.defaultValue(revisionNode) : undefined;
      if (typeof fallback === 'string' && fallback.trim() !== '' && classifyRevision(fallback) !== 'commit') {
        revision = { kind: classifyRevision(fallback), value: fallback, optionDefault: true };
      } else if (v === UNKNOWN && (table = tableRevision(sc, revisionNode))) {
        revision = table;
      } else if (v === UNKNOWN) {
        const moving = lookupFallback(sc, revisionNode);
        // `revision = revision + ("/" + subfolder if subfolder is not None else "")` (lm-eval's HFLM) with the
        // parameter's default `"main"`: whatever follows, a revision that starts with a branch is no commit
        const built = builtRevisionPrefix(sc, revisionNode);
        // (a start that is an abbreviated commit is judged as that hash alone is, `allowShortHashes` deciding:
        // the part that follows does not make it move more than its start, review w37hf P3-1)
        const builtKind = built === undefined ? undefined : classifyRevision(built);
        if (built !== undefined) revision = { kind: builtKind === 'short-commit' || builtKind === 'tag' ? builtKind : 'branch', value: built, built: true };
        else if (moving !== undefined) revision = { kind: 'unknown', fallback: moving };
        else if (aliasChainCut(sc, revisionNode)) revision = { kind: 'unknown', undecided: true };
      }
    } else if (typeof v === 'string' && v.trim() !== '') revision = { kind: classifyRevision(v), value: v };
    else revision = { kind: 'none' };
  }

  // a config the analysis cannot read may carry the revision
  if (unreadableConfig) revision = { kind: 'unknown' };
  // `Llama.from_pretrained(..., revision=…)`: the keyword pins nothing (`revisionNode` says it was given)
  // (nor does any given to faster-whisper's WhisperModel or FlagEmbedding)
  if (spec.revisionIn === 'ignored' || spec.revisionIn === 'snapshot') revision = { kind: 'none' };

  const base = {
    call, api: spec.api, kind: spec.kind, callConfidence: spec.confidence, offline, revisionNode, revision, revisionIn: spec.revisionIn ?? 'keyword',
    ...(spec.revisionMapping ? { revisionMapping: spec.revisionMapping } : {}),
    ...(spec.revisionConfig ? { revisionMapping: spec.revisionConfig.keyword, ...(sc.argument(call, { name: 'revision' }) ? { revisionIgnored: true } : {}) } : {}),
    ...(spec.revisionKeyword && spec.revisionKeyword !== 'revision' && !spec.otherHub ? { revisionKeyword: spec.revisionKeyword } : {}),
    ...(unreadMapping ? { unreadMapping } : {}),
    ...(spec.remediation ? { remediation: spec.remediation } : {}),
    ...(spec.hubOnly ? { hubOnly: true } : {}),
    ...(spec.hfUriOnly ? { hfUriOnly: true } : {}),
    ...(spec.offlineIgnored ? { noOfflineFlag: true } : {}),
    ...otherHubOf(sc, call, spec),
  };

  if (!idNode) {
    if (spec.api === 'pipeline') {
      const task = sc.argument(call, { name: 'task' }) ?? sc.argument(call, { position: 0 });
      if (!task || sc.hasUnresolvedArguments(call)) return undefined;
      return { ...base, resolved: { kind: 'unknown' }, ref: undefined, defaultModel: true };
    }
    // `SentenceTransformersTextEmbedder()`: the API's default model (`**kwargs` may name another)
    if (spec.defaultId && !sc.hasUnresolvedArguments(call)) {
      const ref = classifyModelRef(spec.defaultId);
      return ref.kind === 'hub' ? { ...base, resolved: { kind: 'string', value: spec.defaultId }, ref, defaultId: true } : undefined;
    }
    return undefined;
  }

  // a directory this file saved a model to (`save_pretrained(output_dir)` … `from_pretrained(output_dir)`),
  // or found on disk (`if os.path.isdir(p): load(p)`)
  // or the checkpoint directory accelerate hands a load-state hook (`def load_model_hook(models, input_dir)`)
  if (loadsSavedReference(sc, idNode) || checkedOnDisk(sc, call, idNode) || loadStateHookDirectory(sc, idNode)) return undefined;
  const id = idNode;
  // `spec["path"]` with `revision=spec["revision"]` of the same inner table (a loop over `MODELS.items()`,
  // `spec = MODELS[name]`): each table's id with its own revision (review w37hf P2-2)
  const paired = table && revisionNode ? pairedTableLoad(sc, id, revisionNode) : undefined;
  if (paired === null) return undefined;
  if (paired) revision = paired.revision;
  const callRevision = revision;
  /** The Hub load of the call when its id has this value. */
  const loadOf = (given: Resolved): HubLoad | undefined => {
    const resolved = shortName(spec, given);
    if (!resolved) return undefined;
    let revision = callRevision;
    // a model object, or an id not known to be `owner/name`: not this API's Hub load
    if (spec.ownerIdOnly && resolved.kind !== 'string') return undefined;
    if (spec.hubUrlOnly) {
      // `from_single_file("https://huggingface.co/org/x/blob/main/m.ckpt")`: the repository and the
      // revision the URL names (`revision=` wins); a local file, another site or an unknown value is no Hub load
      const known = resolved.kind === 'string' || resolved.kind === 'prefix';
      const file = known ? hubFileUrl(resolved.value, { prefix: resolved.kind === 'prefix' }) : undefined;
      if (file) {
        if (file.revision !== undefined && !revisionNode) revision = { kind: classifyRevision(file.revision), value: file.revision };
        const ref: ModelRef = { kind: 'hub', id: file.id, owner: file.owner, name: file.name };
        // (an option's default URL, `add_argument("--checkpoint", default=URL)`, stays one the run may override: `soft`)
        return { ...base, revision, idNode, resolved: { kind: 'string', value: file.id, ...(resolved.kind === 'string' && resolved.soft ? { soft: true } : {}) }, ref };
      }
      // `f"https://huggingface.co/{repo}/blob/main/{name}"`: a Hub file whose repository is known at run time
      const path = resolved.kind === 'prefix' ? hubUrlPath(resolved.value) : undefined;
      return path === undefined ? undefined : { ...base, revision, idNode, resolved: { kind: 'prefix', value: path }, ref: undefined };
    }
    let ref: ModelRef | undefined;
    // KerasHub presets (no revision of their own): only `hf://` ids reach the Hub
    const presets = spec.revisionIn === 'none' && (/from_preset$/.test(spec.api) || !!spec.hfUriOnly);
    if (presets && (resolved.kind === 'string' || resolved.kind === 'prefix')) {
      if (!/^hf:\/\//i.test(resolved.value)) return undefined;
      if (resolved.kind === 'string') {
        ref = classifyModelRef(resolved.value.replace(/^hf:\/\//i, ''));
        return ref.kind === 'hub' ? { ...base, revision, idNode, resolved: { ...resolved, value: ref.id }, ref } : undefined;
      }
      return { ...base, revision, idNode, resolved: { kind: 'prefix', value: resolved.value.replace(/^hf:\/\//i, '') }, ref: undefined };
    }
    // Keras `load_model(path)`: a path not known to be `hf://` is a file
    if (spec.hfUriOnly) return undefined;
    if (resolved.kind === 'string') {
      // `models/Llama-3.1-8B-Instruct`: a directory when it exists, else the Hub's (`dirLike`, see `classifyModelRef`)
      ref = classifyModelRef(resolved.value, { dirLikeOwners: true, atRevision: spec.atRevision });
      if (ref.kind === 'hub' && ref.dirLike) {
        // `hf_hub_download("models/x", …)` reads no directory: a Hub id. A class of a project or of another
        // package, a TRL trainer (`ownerIdOnly`) is only read with a plain `owner/name`
        if (spec.hubOnly) ref = { kind: 'hub', id: ref.id, owner: ref.owner, name: ref.name };
        else if (spec.ownerIdOnly || spec.projectClass) return undefined;
        // a directory this file saves a model to (`save_pretrained("models/final")`, `output_dir="models"`)
        else if (savedLocations(sc).paths.has(ref.id) || savedLocations(sc).paths.has(ref.owner!)) return undefined;
      }
      if (spec.api === 'timm.create_model' || spec.api.startsWith('open_clip.')) {
        // Only `hf-hub:` names reach the Hub; plain names are built-in architectures or tags. timm also
        // fetches the Hub repository a `pretrained_cfg_overlay=dict(hf_hub_id="org/x")` names (its
        // revision after `@`, as in an `hf-hub:` name) for a built-in architecture.
        let name = resolved.value.trim();
        if (spec.api === 'timm.create_model' && !/^hf[-_]hub:/i.test(name)) {
          const overlay = sc.argument(call, { name: 'pretrained_cfg_overlay' });
          const hubId = overlay ? sc.mappingValue(overlay, 'hf_hub_id') : undefined;
          const value = hubId ? sc.constant(hubId) : undefined;
          if (typeof value === 'string' && value.trim() !== '') {
            name = `hf-hub:${value.trim()}`;
            ref = classifyModelRef(name);
          }
        }
        if (!/^hf[-_]hub:/i.test(name)) return undefined;
        if (spec.api === 'timm.create_model') {
          const pre = sc.argument(call, { name: 'pretrained' }) ?? sc.argument(call, { position: 1 });
          const pv = pre ? sc.constant(pre) : false;
          if (pv !== UNKNOWN && !pythonTruthy(pv)) return undefined;
        }
      }
      const bareOwner = /^(?:SentenceTransformer|CrossEncoder|SparseEncoder)$/.test(spec.api) ? 'sentence-transformers' : spec.bareOwner;
      if (ref.kind === 'hub' && ref.owner === undefined && bareOwner) {
        // sentence-transformers (and what wraps it) resolves bare names under its own organisation
        ref = { kind: 'hub', id: `${bareOwner}/${ref.id}`, owner: bareOwner, name: ref.id };
      }
      if (ref.kind === 'hub' && ref.revision !== undefined && !revisionNode) {
        revision = { kind: classifyRevision(ref.revision), value: ref.revision };
      }
      if (spec.kind === 'dataset') {
        if (ref.kind === 'hub' && ref.owner === undefined && PACKAGED_DATASET_BUILDERS.has(ref.id.toLowerCase())) return undefined;
      }
      if (spec.ownerIdOnly && (ref.kind !== 'hub' || ref.owner === undefined)) return undefined;
      if (ref.kind === 'hub' && ref.owner === undefined && savedLocations(sc).paths.has(ref.id)) return undefined;
    } else if (resolved.kind === 'local' || resolved.kind === 'private-temp' || resolved.kind === 'non-string') {
      return undefined;
    } else if (resolved.kind === 'prefix') {
      const r = classifyModelRef(resolved.value + 'x');
      if (r.kind === 'local' || r.kind === 'url') return undefined;
    } else if (spec.kind === 'dataset' && sc.argument(call, { name: 'data_files' }) && !sc.mayBeNone(sc.argument(call, { name: 'data_files' }))) {
      // `load_dataset(extension, data_files=...)`: a packaged builder reading the given files. Not when
      // `data_files` may be `None` (a Hub load on that path: LLaMA-Factory's `_load_single_dataset`)
      return undefined;
    } else if (spec.modelObjects) {
      // (lm-eval's `HFLM(pretrained=model)`: a model already in memory as well as a name)
      return undefined;
    } else if (spec.confidence !== 'high') {
      // Unknown callee and unknown id: nothing says this is a hub load.
      return undefined;
    }
    if (ref && ref.kind !== 'hub') return undefined;
    return { ...base, revision, idNode: id, resolved, ref };
  };
  if (paired) return loadOf(paired.id !== undefined ? { kind: 'string', value: paired.id } : { kind: 'unknown' });
  // an id and a revision read from tables by keys not known here, not from the same table: which id goes with the
  // least pinned revision is not known, so no id is named (the revision of another entry may be the one reported)
  if (table?.mixed && tableChoices(sc, id)) return loadOf({ kind: 'unknown' });
  // a value returned by a call that may return a string (`spec.split("@")[0].strip()`, `get_name()`) is not known
  const resolved = resolveId(sc, id);
  const choices = options.choices ? choicesOf(resolved) : undefined;
  // one of several known values (`"org/a" if gpu else "org/b"`): each as if written out (`specLoads`
  // keeps the least pinned of them, or all)
  if (choices) return choices.map(loadOf).filter((l): l is HubLoad => !!l);
  return loadOf(resolved);
}

/** Longest chain of names `aliasChainCut` follows (a loop, not recursion). */
const MAX_ALIAS_CHAIN = 4096;

/**
 * A revision read from a table by a key not known here: each constant value of the table classified, the least pinned
 * of them (a branch before a tag, `None` before both), `mixed` when some other value is a commit or not known.
 * `undefined` when no value is known, when it is no such lookup, or when every known value is a commit and some are not known.
 */
function tableRevision(sc: PySourceCode, node: PyNode): HubLoad['revision'] | undefined {
  if (node.type !== 'subscript') return undefined;
  // `spec["revision"]` / `MODELS[name]["revision"]` over a table of tables (evalh P2-5), else `REVISIONS[name]` of one
  // flat table by a key not known here (a `.get(k, "main")` is `lookupFallback`'s)
  const values = sc.tableOfTablesValues(node) ?? sc.lookupValues(node);
  if (!values || values.length === 0) return undefined;
  // once per table (the language shares one answer per table and key): each of 4,000 loads of `REVISIONS[k]`
  // classified the 4,000 values again (review w37hf P1-1)
  if (tableRevisionMemo.has(values)) return tableRevisionMemo.get(values);
  const answer = tableRevisionOf(sc, values);
  tableRevisionMemo.set(values, answer);
  return answer;
}

/** An id read from tables by a key not known here that may be more than one value (`MODELS[name]["path"]`). */
function tableChoices(sc: PySourceCode, id: PyNode): boolean {
  const values = id.type === 'subscript' ? (sc.tableOfTablesValues(id) ?? sc.lookupValues(id)) : undefined;
  if (!values || values.length < 2) return false;
  const first = sc.constant(values[0]);
  return values.some((v) => sc.constant(v) !== first);
}

/**
 * The Hub load of an id and a revision read by constant keys from the same inner table of a table of tables
 * (`spec["path"]`, `spec["revision"]` of one `spec`): each table's pair judged together, tables whose id is local
 * left out, the least pinned pair's revision (`mixed` when another Hub pair is pinned or not known) and id (`undefined`
 * when not a constant). `null`: no table's id is a Hub id (no Hub load). `undefined` when they are not so read.
 */
function pairedTableLoad(sc: PySourceCode, id: PyNode, revisionNode: PyNode): { id?: string; revision: HubLoad['revision'] } | null | undefined {
  if (id.type !== 'subscript' || revisionNode.type !== 'subscript') return undefined;
  const idKey = id.childForFieldName('subscript');
  const revKey = revisionNode.childForFieldName('subscript');
  const idOf = id.childForFieldName('value');
  const revOf = revisionNode.childForFieldName('value');
  if (!idKey || !revKey || !idOf || !revOf || !sameRow(sc, idOf, revOf)) return undefined;
  const ik = sc.constant(idKey);
  const rk = sc.constant(revKey);
  if ((typeof ik !== 'string' && typeof ik !== 'number') || (typeof rk !== 'string' && typeof rk !== 'number')) return undefined;
  const rows = sc.tableOfTablesRows(idOf);
  if (!rows || rows.length === 0) return undefined;
  let memo = pairedMemo.get(rows);
  if (!memo) pairedMemo.set(rows, (memo = new Map()));
  const memoKey = `${ik}\0${rk}`;
  if (memo.has(memoKey)) return memo.get(memoKey);
  const answer = pairRows(sc, rows, String(ik), String(rk));
  memo.set(memoKey, answer);
  return answer;
}

/**
 * Whether two expressions of one call's arguments name the same inner table: the same reference, or the same table
 * by the same variable key (`MODELS[name]` twice, `name` with the same bindings: one value within the call).
 */
function sameRow(sc: PySourceCode, a: PyNode, b: PyNode): boolean {
  if (sc.sameReference(a, b)) return true;
  if (a.type !== 'subscript' || b.type !== 'subscript') return false;
  const ak = a.childForFieldName('subscript');
  const bk = b.childForFieldName('subscript');
  const av = a.childForFieldName('value');
  const bv = b.childForFieldName('value');
  return !!ak && !!bk && !!av && !!bv && ak.type === 'identifier' && sc.sameReference(ak, bk) && sc.sameReference(av, bv);
}

/** `pairedTableLoad`'s answers, per rows (the arrays the language shares) and keys. */
const pairedMemo = new WeakMap<readonly PyNode[], Map<string, { id?: string; revision: HubLoad['revision'] } | null | undefined>>();

function pairRows(sc: PySourceCode, rows: readonly PyNode[], idKey: string, revKey: string): { id?: string; revision: HubLoad['revision'] } | null | undefined {
  const least = new LeastPinned();
  let hub = false;
  for (const row of rows) {
    const idValue = sc.mappingValue(row, idKey);
    const revValue = sc.mappingValue(row, revKey);
    if (!idValue || !revValue) return undefined;
    const name = sc.constant(idValue);
    // (a local path is no Hub load, whatever its revision; an id not known may be one)
    if (typeof name === 'string' && classifyModelRef(name.trim()).kind !== 'hub') continue;
    hub = true;
    least.add(sc.constant(revValue), typeof name === 'string' ? name.trim() : undefined);
  }
  if (!hub) return null;
  if (!least.worst) return { revision: { kind: 'unknown' } };
  const verdict = least.verdict();
  return verdict ? { id: least.worst.id, revision: verdict } : { revision: { kind: 'unknown' } };
}

/**
 * The least pinned of the revisions a call may fetch (`tableRevisionOf`, `pairRows`): each value's kind (`none`
 * for `None` or `""`; not known for a variable or a call, which may be a commit), the worst kind with its value
 * (and the id of its entry), whether another value is pinned or not known (`mixed`), and whether some value is
 * not known.
 */
class LeastPinned {
  static readonly RANK = { commit: 0, 'short-commit': 1, tag: 2, branch: 3, none: 4 } as const;
  worst: { kind: keyof typeof LeastPinned.RANK; value?: string; id?: string } | undefined;
  others = false;
  unknown = false;

  add(c: unknown, id?: string): void {
    const kind = c === null || (typeof c === 'string' && c.trim() === '') ? 'none' : typeof c === 'string' ? classifyRevision(c) : undefined;
    if (!kind) {
      this.others = true;
      this.unknown = true;
      return;
    }
    if (kind === 'commit' || kind === 'short-commit') this.others = true;
    if (this.worst && LeastPinned.RANK[kind] <= LeastPinned.RANK[this.worst.kind]) return;
    this.worst = { kind, ...(kind !== 'none' ? { value: c as string } : {}), ...(id !== undefined ? { id } : {}) };
  }

  /** Nothing later changes the answer: the least pinned value, with another that is pinned or not known. */
  get settled(): boolean {
    return this.worst?.kind === 'none' && this.others;
  }

  /** Every value a commit: pinned, as a constant commit is (`undefined` when one is not known); else the worst, `mixed` beside others. */
  verdict(): HubLoad['revision'] | undefined {
    const worst = this.worst;
    if (!worst) return undefined;
    if (worst.kind === 'commit' || worst.kind === 'short-commit') return this.unknown ? undefined : { kind: worst.kind, value: worst.value };
    return { kind: worst.kind, ...(worst.value !== undefined ? { value: worst.value } : {}), ...(this.others ? { mixed: true } : {}) };
  }
}

/** `tableRevision`'s verdicts, per table's values (the arrays the language shares). */
const tableRevisionMemo = new WeakMap<readonly PyNode[], HubLoad['revision'] | undefined>();

/** `tableRevision`'s verdict on a table's values (each read once). */
function tableRevisionOf(sc: PySourceCode, values: readonly PyNode[]): HubLoad['revision'] | undefined {
  const least = new LeastPinned();
  for (const n of values) {
    least.add(sc.constant(n));
    if (least.settled) break;
  }
  return least.verdict();
}

/**
 * `R200` after `R0 = "main"; R1 = R0; … R200 = R199`: a name whose value the resolver gave up on (its depth bound)
 * though each name of the chain has one reaching binding, another name, down to a branch or tag. That is no
 * revision 'held in a variable' (which counts as pinned) but one the analysis did not decide. A chain that
 * forks (a name with two bindings), or ends in anything but such a string (a commit, a call), is not.
 */
function aliasChainCut(sc: PySourceCode, node: PyNode): boolean {
  let e: PyNode = node;
  for (let steps = 0; e.type === 'identifier'; steps++) {
    if (steps >= MAX_ALIAS_CHAIN) return true;
    const bound = sc.reachingBindings(e);
    if (bound.length !== 1 || bound[0].kind !== 'assignment' || !bound[0].value) return false;
    e = bound[0].value;
  }
  if (e.id === node.id) return false;
  const end = sc.constant(e);
  return typeof end === 'string' && end.trim() !== '' && classifyRevision(end) !== 'commit' && classifyRevision(end) !== 'short-commit';
}

/**
 * `PINS.get(mid, "main")`, `os.environ.get("REVISION", "main")`, `os.getenv("REV", "v1")`, `PINS.setdefault(mid,
 * "main")`, `PINS.get(mid) or "main"`, `os.environ["REV"] if "REV" in os.environ else "main"`, also through a name
 * bound once to one of them (`rev = os.environ.get("REV", "main")`, review s35hf P2-3): a lookup whose default is a
 * branch or tag, that default (the revision used whenever the key is missing); undefined otherwise.
 */
function lookupFallback(sc: PySourceCode, node: PyNode, depth = 0): string | undefined {
  if (depth > 4) return undefined;
  const moving = (n: PyNode | null | undefined): string | undefined => {
    const v = n ? sc.constant(n) : undefined;
    if (typeof v !== 'string' || v.trim() === '') return undefined;
    const kind = classifyRevision(v);
    return kind === 'branch' || kind === 'tag' ? v : undefined;
  };
  switch (node.type) {
    case 'parenthesized_expression': {
      const inner = node.namedChildren.find((c) => c.type !== 'comment');
      return inner ? lookupFallback(sc, inner, depth + 1) : undefined;
    }
    case 'identifier': {
      const bound = sc.reachingBindings(node);
      return bound.length === 1 && bound[0].kind === 'assignment' && bound[0].value ? lookupFallback(sc, bound[0].value, depth + 1) : undefined;
    }
    case 'boolean_operator': {
      if (node.childForFieldName('operator')?.type !== 'or') return undefined;
      const right = node.childForFieldName('right');
      return moving(right) ?? (right ? lookupFallback(sc, right, depth + 1) : undefined);
    }
    case 'conditional_expression': {
      // `a if cond else b`: one branch a branch or tag, the other not known (both known: `sc.constant` reads it)
      const parts = node.namedChildren.filter((c) => c.type !== 'comment');
      if (parts.length !== 3) return undefined;
      const known = (n: PyNode) => typeof sc.constant(n) === 'string';
      return (known(parts[2]) ? undefined : moving(parts[0])) ?? (known(parts[0]) ? undefined : moving(parts[2]));
    }
    case 'call': {
      const fn = calleeOf(node);
      const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
      const getenv = /^os\.getenv$/.test(sc.qualifiedName(fn!) ?? '');
      if (method !== 'get' && method !== 'setdefault' && !getenv) return undefined;
      // (`dict.get` takes no keyword; `os.getenv(key, default=…)` does)
      return moving(sc.argument(node, { position: 1 }) ?? (getenv ? sc.argument(node, { name: 'default' }) : undefined));
    }
    default:
      return undefined;
  }
}

/** How many names `builtRevisionPrefix` follows (each to its one binding). */
const MAX_BUILT_REVISION_HOPS = 6;

/**
 * The known start of a revision built with `+` (or `+=`, an f-string, `%`, `.format`: their start read by `resolve`),
 * when it is no commit: the leftmost operand of the chain
 * (walked down the left spine, linear in its length), a constant or a name whose one reaching binding is an
 * assignment (followed) or a parameter with a default (lm-eval's `def __init__(self, pretrained, revision="main",
 * subfolder=None): revision = revision + ("/" + subfolder if subfolder is not None else "")`). `undefined` unless
 * a `+` was seen, when the start is not a non-empty string, or when it is a full commit hash (`COMMIT + ""`).
 */
/**
 * The name a built revision certainly begins with: the start up to its first `/` (`"main/" + sub`, `f"{BRANCH}/{sub}"`
 * read as `main/…`), or a whole start that is a branch every Hub repository may have (`main`, `master`; lm-eval's
 * `revision + "/" + subfolder` with `revision="main"`), or an abbreviated commit. A start that is only the first letters of a name
 * (`f"v{ver}"`, `"v" + ver`, `rev += ver` after `rev = "v"`) says nothing of what is fetched: `undefined`.
 */
function wholeStart(value: string): string | undefined {
  const slash = value.indexOf('/');
  if (slash > 0) return value.slice(0, slash);
  // (an abbreviated commit is a whole name too: judged as that hash alone, `allowShortHashes`)
  return /^(?:main|master|[0-9a-f]{7,40})$/i.test(value.trim()) ? value.trim() : undefined;
}

function builtRevisionPrefix(sc: PySourceCode, start: PyNode): string | undefined {
  let node: PyNode | null = start;
  let plus = false;
  let hops = 0;
  while (node) {
    if (node.type === 'parenthesized_expression') {
      const inner: PyNode[] = node.namedChildren.filter((c) => c.type !== 'comment');
      node = inner.length === 1 ? inner[0] : null;
      continue;
    }
    if (node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '+') {
      plus = true;
      node = node.childForFieldName('left');
      continue;
    }
    const v = sc.constant(node);
    if (typeof v === 'string') {
      if (!plus || v.trim() === '' || classifyRevision(v) === 'commit') return undefined;
      return wholeStart(v);
    }
    if (v !== UNKNOWN) return undefined;
    // `f"{BRANCH}/{sub}"`, `"%s/%s" % (BRANCH, sub)`, `"{}/{}".format(BRANCH, sub)`: the known start `resolve` reads
    // (review w37hf P2-4); one that starts with a full commit counts as pinned, as a `+` chain's does
    if (node.type !== 'identifier') {
      const r = node.type === 'string' || node.type === 'call' || node.type === 'binary_operator' ? resolve(sc, node) : undefined;
      if (r?.kind !== 'prefix' || r.via !== undefined || r.value.trim() === '' || /^[0-9a-f]{40}(?![0-9a-z])/i.test(r.value)) return undefined;
      return wholeStart(r.value);
    }
    if (++hops > MAX_BUILT_REVISION_HOPS) return undefined;
    const bound = sc.reachingBindings(node);
    // `rev = BRANCH; rev += "/" + sub`: what `rev` held before, with something appended
    if (bound.length === 1 && bound[0].kind === 'augmented' && bound[0].node.childForFieldName('operator')?.text === '+=' && bound[0].target?.type === 'identifier') {
      const self = bound[0].node.id;
      const before = sc.reachingBindings(bound[0].target).filter((b) => b.node.id !== self);
      if (before.length !== 1 || !before[0].value || (before[0].kind !== 'assignment' && before[0].kind !== 'parameter')) return undefined;
      plus = true;
      node = before[0].value;
      continue;
    }
    if (bound.length !== 1 || !bound[0].value || (bound[0].kind !== 'assignment' && bound[0].kind !== 'parameter')) return undefined;
    node = bound[0].value;
  }
  return undefined;
}

/** The hub a call fetches from when it is not Hugging Face's (see `OtherHub`). */
function otherHubOf(sc: PySourceCode, call: PyNode, spec: Spec): { otherHub?: OtherHub } {
  if (spec.otherHub === undefined || spec.otherHub === 'funasr') return {};
  if (spec.otherHub !== 'paddlenlp') return { otherHub: spec.otherHub };
  const given = (keyword: string): boolean => {
    const arg = sc.argument(call, { name: keyword });
    const v = arg ? sc.constant(arg) : false;
    return v === UNKNOWN || pythonTruthy(v);
  };
  // `from_hf_hub=True`: the Hugging Face Hub, as any other of its loads
  if (given('from_hf_hub')) return {};
  if (given('from_modelscope')) return { otherHub: MODELSCOPE };
  // AI Studio and PaddleNLP's community storage (Baidu's BOS): no revision to pin
  if (given('from_aistudio')) return { otherHub: { name: 'AI Studio (through PaddleNLP)' } };
  return { otherHub: { name: "PaddleNLP's community model storage" } };
}

/**
 * An id read through the API's short names (faster-whisper: `"large-v3"` is `Systran/faster-whisper-large-v3`);
 * undefined for another name without `/`, a local directory (or an error) there, never a Hub id.
 */
function shortName(spec: Spec, resolved: Resolved): Resolved | undefined {
  if (!spec.shortNames || resolved.kind !== 'string') return resolved;
  const mapped = Object.prototype.hasOwnProperty.call(spec.shortNames, resolved.value) ? spec.shortNames[resolved.value] : undefined;
  if (mapped) return { ...resolved, value: mapped };
  return resolved.value.includes('/') ? resolved : undefined;
}

/** How firmly a revision pins, weakest first (to pick the least pinned of several ids). */
const PIN_RANK: Record<HubLoad['revision']['kind'], number> = { none: 0, branch: 1, tag: 2, 'short-commit': 3, unknown: 4, commit: 5 };

/** Is a revision pinned enough not to be reported as unpinned? */
export function pinLevel(r: HubLoad['revision'], opts: { allowShortHashes: boolean }): 'pinned' | 'tag' | 'branch' | 'none' {
  switch (r.kind) {
    case 'commit':
    case 'unknown':
      return 'pinned';
    case 'short-commit':
      return opts.allowShortHashes ? 'pinned' : 'tag';
    case 'tag':
      return 'tag';
    case 'branch':
      return 'branch';
    default:
      return 'none';
  }
}

const SAVE_METHODS = new Set(['save_pretrained', 'save_model', 'save', 'save_state', 'save_quantized']);
/** mlx-lm's and mlx-vlm's `convert(hf_path, mlx_path="mlx_model", …)`, which saves the converted model to `mlx_path`. */
const MLX_CONVERT = /^mlx_(?:lm|vlm)\.(?:convert\.|utils\.)?convert$/;
/**
 * mlx-lm's and mlx-vlm's writers of a model directory, called as functions: mlx_lm/utils.py `save_model(save_path, model,
 * *, donate_model=False)` and `save(dst_path, src_path_or_repo, model, tokenizer, config, …)` (what `mlx_lm.fuse` saves
 * with), mlx_vlm/utils.py `save_weights(save_path, weights, *, donate_weights=False)`: the directory is the first argument.
 */
const MLX_SAVE = /^mlx_(?:lm|vlm)\.(?:utils\.)?(?:save_model|save_weights|save)$/;
/** The last names of the calls `MLX_CONVERT` and `MLX_SAVE` may match (the qualified name is only asked of these). */
const MLX_SAVE_NAMES = new Set(['convert', 'save_model', 'save_weights', 'save']);
/** Keywords naming the directory a trainer or its arguments save to (`TrainingArguments(output_dir=…)`). */
const OUTPUT_DIR_KEYWORDS = ['output_dir', 'save_directory'];

interface SavedLocations {
  /** The string paths saved to (`save_pretrained("llama-ft")`), without a trailing `/`. */
  paths: Set<string>;
  /** The saved-to expressions that are names or attribute paths (`output_dir`, `args.output_dir`). */
  references: PyNode[];
}

const savedCache = new WeakMap<object, SavedLocations>();

/** Where this file saves models to (`save_pretrained(p)`, `output_dir=p`): loading from there later is local. */
function savedLocations(sc: PySourceCode): SavedLocations {
  let saved = savedCache.get(sc);
  if (saved) return saved;
  saved = { paths: new Set<string>(), references: [] };
  for (const call of sc.callsWithin(sc.ast)) {
    const name = calleeName(call) ?? '';
    const targets: Array<PyNode | undefined> = [];
    if (SAVE_METHODS.has(name) && calleeOf(call)?.type === 'attribute') targets.push(sc.argument(call, { position: 0 }));
    for (const keyword of OUTPUT_DIR_KEYWORDS) targets.push(sc.argument(call, { name: keyword }));
    // mlx: `convert("org/x", mlx_path="models/q4")` … `load("models/q4")` (review apple P3-3); `mlx_path`'s default when not given
    if (MLX_SAVE_NAMES.has(name)) {
      const qn = sc.qualifiedName(calleeOf(call)!) ?? '';
      if (MLX_CONVERT.test(qn)) {
        const out = sc.argument(call, { name: 'mlx_path', position: 1 });
        if (out) targets.push(out);
        else if (!sc.hasUnresolvedArguments(call)) saved.paths.add('mlx_model');
      } else if (MLX_SAVE.test(qn)) targets.push(sc.argument(call, { name: name === 'save' ? 'dst_path' : 'save_path', position: 0 }));
    }
    for (const t of targets) {
      if (!t) continue;
      const v = sc.constant(t);
      if (typeof v === 'string') saved.paths.add(v.replace(/\/+$/, ''));
      else if (REFERENCE_TYPES.has(t.type)) saved.references.push(t);
    }
  }
  savedCache.set(sc, saved);
  return saved;
}

const REFERENCE_TYPES = new Set(['identifier', 'attribute', 'subscript']);

/**
 * `training_args.output_dir` with `training_args` bound (every time) to a call given `output_dir=`
 * (`TrainingArguments(output_dir="./out")`): the directory the trainer saves to, with
 * `trainer.save_model()` and every checkpoint (HF's examples load from it after training).
 */
function readsOutputDir(sc: PySourceCode, id: PyNode): boolean {
  if (id.type !== 'attribute') return false;
  const attr = id.childForFieldName('attribute')?.text;
  const object = id.childForFieldName('object');
  if (!attr || !OUTPUT_DIR_KEYWORDS.includes(attr) || object?.type !== 'identifier') return false;
  const values = sc.bindingsOf(object);
  return values.length > 0 && values.every((v) => v.type === 'call' && !!sc.argument(v, { name: attr }));
}

/**
 * The id names a directory this file saves a model to, as the semantic model compares what two
 * expressions denote (`sameReference`): `trainer.save_model(args.output_dir)` …
 * `from_pretrained(args.output_dir)`. In one function the save must come first; a save in another
 * function may run before (a literal path is compared the same way).
 */
function loadsSavedReference(sc: PySourceCode, id: PyNode): boolean {
  if (!REFERENCE_TYPES.has(id.type)) return false;
  if (readsOutputDir(sc, id)) return true;
  const fn = sc.enclosingFunction(id);
  return savedLocations(sc).references.some((t) => (t.startIndex < id.startIndex || !same(sc.enclosingFunction(t), fn)) && sc.sameReference(t, id));
}

/** The functions of a file registered with accelerate's `register_load_state_pre_hook(hook)`, by node id (read once per file). */
const loadHookMemo = new WeakMap<object, Set<number>>();

function loadStateHooks(sc: PySourceCode): Set<number> {
  let hooks = loadHookMemo.get(sc);
  if (hooks) return hooks;
  hooks = new Set<number>();
  // (a file that never names it has none: no walk of its calls)
  if (sc.text.includes('register_load_state_pre_hook')) for (const call of sc.callsWithin(sc.ast)) {
    if (calleeName(call) !== 'register_load_state_pre_hook') continue;
    const hook = sc.argument(call, { name: 'hook', position: 0 });
    const fn = hook ? sc.localFunction(hook) : undefined;
    if (fn) hooks.add(fn.id);
  }
  loadHookMemo.set(sc, hooks);
  return hooks;
}

/**
 * The id is the checkpoint directory accelerate hands a load-state hook: the `input_dir` parameter (the second, after
 * `self` for a method) of a function of this file registered with `accelerator.register_load_state_pre_hook(hook)`,
 * never rebound. `Accelerator.load_state(input_dir)` calls each such hook as `hook(models, input_dir)` with the local
 * directory it loads from (given, or the latest of its `checkpoints/` folder; it lists that directory's files next):
 * the diffusers training scripts' `UNet2DConditionModel.from_pretrained(input_dir, subfolder="unet")` reads a local
 * checkpoint (review difftrain P3-3).
 */
function loadStateHookDirectory(sc: PySourceCode, id: PyNode): boolean {
  if (id.type !== 'identifier') return false;
  const param = sc.parameterOf(id);
  if (!param || param.function.type !== 'function_definition') return false;
  const first = param.function.childForFieldName('parameters')?.namedChildren.find((p) => p.type !== 'comment');
  const offset = first?.type === 'identifier' && (first.text === 'self' || first.text === 'cls') ? 1 : 0;
  if (param.index !== 1 + offset) return false;
  const bindings = sc.bindings(id);
  if (bindings.length !== 1 || bindings[0].kind !== 'parameter') return false;
  return loadStateHooks(sc).has(param.function.id);
}

const PATH_TESTS = /^(?:os\.path|posixpath|ntpath|genericpath)\.(?:isdir|isfile|exists|lexists)$/;
const PATH_CLASS = /^pathlib\.(?:Pure)?(?:Posix|Windows)?Path$/;

/**
 * The call runs only where its path was found on disk: inside `if os.path.isdir(p):` (also `isfile`,
 * `exists`, `Path(p).exists()` / `.is_dir()` / `.is_file()`, one side of an `and`, both sides of an
 * `or`, the `else` of `if not os.path.exists(p)`), `p` naming the same value as `id`
 * (`sameReference`, or the same constant). A Hub loader given an existing local path reads it.
 */
export function checkedOnDisk(sc: PySourceCode, call: PyNode, id: PyNode): boolean {
  return sc.branchConditions(call).some(({ condition, holds }) => provesOnDisk(sc, condition, holds, id, 0));
}

function provesOnDisk(sc: PySourceCode, cond: PyNode | null | undefined, holds: boolean, id: PyNode, depth: number): boolean {
  if (!cond || depth > 8) return false;
  switch (cond.type) {
    case 'parenthesized_expression':
      return provesOnDisk(sc, cond.namedChildren[0], holds, id, depth + 1);
    case 'not_operator':
      return provesOnDisk(sc, cond.childForFieldName('argument'), !holds, id, depth + 1);
    case 'boolean_operator': {
      const and = cond.childForFieldName('operator')?.text === 'and';
      const left = cond.childForFieldName('left');
      const right = cond.childForFieldName('right');
      // `a and b` that holds (`a or b` that fails): each side does; `a or b` that holds: one side does
      if (and === holds) return provesOnDisk(sc, left, holds, id, depth + 1) || provesOnDisk(sc, right, holds, id, depth + 1);
      return provesOnDisk(sc, left, holds, id, depth + 1) && provesOnDisk(sc, right, holds, id, depth + 1);
    }
    case 'call': {
      if (!holds) return false;
      const fn = calleeOf(cond);
      if (!fn) return false;
      let tested: PyNode | undefined;
      const qn = sc.qualifiedName(fn);
      if (qn && PATH_TESTS.test(qn)) tested = sc.argument(cond, { name: 'path' }) ?? sc.argument(cond, { position: 0 });
      else if (fn.type === 'attribute' && /^(?:exists|is_dir|is_file)$/.test(calleeName(cond) ?? '')) {
        const recv = receiverOf(cond);
        tested = recv?.type === 'call' && PATH_CLASS.test(sc.qualifiedName(calleeOf(recv)!) ?? '') ? sc.argument(recv, { position: 0 }) : (recv ?? undefined);
      }
      if (!tested) return false;
      if (sc.sameReference(tested, id)) return true;
      const a = sc.constant(tested);
      return typeof a === 'string' && a === sc.constant(id);
    }
    default:
      return false;
  }
}

/** An `HfApi` object: `HfApi()` itself, or a name bound to it. */
export function isHfApiInstance(sc: PySourceCode, recv: PyNode | null): boolean {
  if (!recv) return false;
  const holder = recv.type === 'call' ? recv : recv.type === 'identifier' ? valuesOf(sc, recv).find((v) => v.type === 'call') : undefined;
  if (!holder) return false;
  return /^huggingface_hub\.(?:[\w.]*\.)?HfApi$/.test(sc.qualifiedName(calleeOf(holder)!) ?? '');
}

/** What `shellHubFetch` needs in a file's code: a Hub URL, or the Hub's command-line tools. */
export const SHELL_HUB_TRIGGERS: Trigger[] = [/huggingface\.co|hf\.co\//i, 'huggingface-cli', /\bhf\b/];

/** A Hub repository fetched by a shell command (see `shellHubFetch`). */
export interface ShellHubFetch {
  command: string;
  /** The repository id as written (`org/x`; with an f-string's holes, `{args.hf_path}`, when `unresolved`). */
  id: string;
  pinned: boolean;
  /** The id is only known at run time (an f-string's hole in the URL or the id). */
  unresolved?: boolean;
}

/**
 * `git clone https://huggingface.co/org/x` / `huggingface-cli download org/x` (or `hf download`) run
 * from Python through `subprocess` or `os.system`: the command, the repository id, and whether the
 * command pins a revision. A revision given there pins unless it is a branch (`--revision main`,
 * `git checkout main`, unless `allowBranches`); one that cannot be read (`--revision {rev}`) is taken
 * as pinned.
 */
export function shellHubFetch(sc: PySourceCode, node: PyNode, allowBranches = false): ShellHubFetch | undefined {
  const name = calleeName(node) ?? '';
  if (!/^(?:run|call|check_call|check_output|Popen|system|popen|getoutput|getstatusoutput)$/.test(name)) return undefined;
  if (!runsCommand(sc, node)) return undefined;
  const tokens = callCommandTokens(sc, node);
  if (!tokens) return undefined;
  const t = tokens.map((x) => x ?? '');
  const pinnedBy = (flag: number, inline?: string): boolean => {
    if (flag < 0) return false;
    const value = inline ?? tokens[flag + 1];
    return value === undefined || /[{}$]/.test(value) || allowBranches || classifyRevision(value.replace(/^['"]|['"]$/g, '')) !== 'branch';
  };
  const revisionFlag = t.findIndex((x) => x === '--revision' || x.startsWith('--revision='));
  const revisionPins = pinnedBy(revisionFlag, t[revisionFlag]?.startsWith('--revision=') ? t[revisionFlag].slice('--revision='.length) : undefined);
  const clone = t.findIndex((x, i) => x === 'clone' && /(?:^|\/)git$/.test(t[i - 1] ?? ''));
  if (clone >= 0) {
    const url = t.slice(clone + 1).find((x) => /^https?:\/\/(?:www\.)?(?:huggingface\.co|hf\.co)\//i.test(x));
    if (!url) return undefined;
    const normal = url.replace(/^https?:\/\/(?:www\.)?hf\.co/i, 'https://huggingface.co');
    const pinned = pinnedBy(t.indexOf('checkout')) || revisionPins;
    const m = /huggingface\.co\/(?:(datasets|spaces)\/)?([^/\s]+\/[^/\s]+?)(?:\.git)?\/?$/i.exec(normal);
    if (m && !/[{}]/.test(m[2])) return { command: 'git clone', id: m[2], pinned };
    // `f"git clone https://huggingface.co/{args.hf_path} …"`: a Hub repository known only at run time
    const hole = /huggingface\.co\/(?:(?:datasets|spaces)\/)?([^\s]*\{[^\s]*)$/i.exec(normal);
    return hole ? { command: 'git clone', id: hole[1].replace(/(?:\.git)?\/?$/, ''), pinned, unresolved: true } : undefined;
  }
  const dl = t.findIndex((x, i) => x === 'download' && /(?:^|\/)(?:huggingface-cli|hf)$/.test(t[i - 1] ?? ''));
  if (dl >= 0) {
    const id = t.slice(dl + 1).find((x, i, rest) => x && !x.startsWith('-') && rest[i - 1] !== '--revision');
    return id ? { command: `${t[dl - 1].replace(/^.*\//, '')} download`, id, pinned: revisionPins, ...(/[{}]/.test(id) ? { unresolved: true } : {}) } : undefined;
  }
  return undefined;
}

/** A Hub dataset file a packaged builder is given (see `packagedHubDataFiles`). */
export interface HubDataFile {
  /** The file's URL or `hf://` path as written (or its known start). */
  url: string;
  /** The dataset repository, `owner/name`. */
  id: string;
  /** The revision the URL names; `undefined` for the default branch (`hf://datasets/owner/name/…`). */
  revision: string | undefined;
}

/** `hf://datasets/owner/name[@rev]/…` and `https://huggingface.co/datasets/owner/name/(resolve|raw)/<rev>/…`. */
function hubDatasetFile(url: string): HubDataFile | undefined {
  const s = url.trim();
  const fs = /^hf:\/\/datasets\/([A-Za-z0-9][\w.-]*)\/([\w.-]+)(?:@([^/]*))?\//i.exec(s);
  if (fs) {
    let revision: string | undefined;
    try {
      revision = fs[3] === undefined ? undefined : decodeURIComponent(fs[3]);
    } catch {
      revision = fs[3];
    }
    return { url: s, id: `${fs[1]}/${fs[2]}`, revision };
  }
  const web = /^https?:\/\/(?:www\.)?(?:huggingface\.co|hf\.co)\/datasets\/([A-Za-z0-9][\w.-]*)\/([\w.-]+)\/(?:resolve|raw)\/([^/?#]+)\//i.exec(s);
  if (web) {
    let revision = web[3];
    try {
      revision = decodeURIComponent(revision);
    } catch {
      /* as written */
    }
    return { url: s, id: `${web[1]}/${web[2]}`, revision };
  }
  return undefined;
}

/**
 * `load_dataset("webdataset" | "parquet" | …, data_files=<Hub URL>)`: a packaged builder (no Hub load by its name)
 * reading files of a Hub dataset repository at the revision their URL names, the default branch for an `hf://`
 * path without `@` (review vlm P2-b). The first such file that is not pinned to a commit (a branch, a tag, an
 * abbreviated hash, none), read from the constant value of `data_files` (a string, list or dict of them) or its
 * known start; `undefined` when the call is no packaged builder's or no Hub file is unpinned.
 */
export function packagedHubDataFiles(sc: PySourceCode, call: PyNode): HubDataFile | undefined {
  const fn = calleeOf(call);
  if (!fn || !/^datasets\.(?:[\w.]*\.)?load_dataset$/.test(sc.qualifiedName(fn) ?? '')) return undefined;
  const path = sc.argument(call, { name: 'path' }) ?? sc.argument(call, { position: 0 });
  const builder = path ? sc.constant(path) : undefined;
  if (typeof builder !== 'string' || !PACKAGED_DATASET_BUILDERS.has(builder.trim().toLowerCase())) return undefined;
  // (`load_dataset(path, name=None, data_dir=None, data_files=None, …)`: positional `data_files` is the fourth)
  const files = sc.argument(call, { name: 'data_files' }) ?? sc.argument(call, { position: 3 });
  if (!files) return undefined;
  const strs: string[] = [];
  let prefix: string | undefined;
  const v = sc.constant(files);
  const collect = (x: unknown, depth: number): void => {
    if (strs.length > 256 || depth > 4) return;
    if (typeof x === 'string') strs.push(x);
    else if (Array.isArray(x)) for (const e of x) collect(e, depth + 1);
    else if (x && typeof x === 'object') for (const e of Object.values(x)) collect(e, depth + 1);
  };
  if (v !== UNKNOWN) collect(v, 0);
  else {
    const r = resolve(sc, files);
    if (r.kind === 'string') strs.push(r.value);
    else if (r.kind === 'prefix') strs.push((prefix = r.value));
  }
  for (const s of strs) {
    const file = hubDatasetFile(s);
    if (!file) continue;
    // (a known start pins only once its revision is written whole, followed by `/`: `hubDatasetFile` asks for it)
    if (file.revision !== undefined && file.revision !== '' && classifyRevision(file.revision) === 'commit') continue;
    return { ...file, url: s === prefix ? `${s}…` : s };
  }
  return undefined;
}

/**
 * lm-eval's entry points that take the model's arguments as one `"k=v,k=v"` string (lm_eval/evaluator.py
 * `simple_evaluate(model, model_args=None, …)`: with `model` a registered name, `get_model(model).create_from_arg_string(
 * model_args, …)`; lm_eval/api/model.py `LM.create_from_arg_string(arg_string, additional_config=None)`: `cls(**utils.
 * simple_parse_args_string(arg_string), **additional_config)`).
 */
const LM_EVAL_SIMPLE_EVALUATE = /^lm_eval\.(?:evaluator\.)?simple_evaluate$/;
const LM_EVAL_FROM_ARG_STRING = /^lm_eval\.models\.(?:huggingface\.(HFLM)|vllm_causallms\.(VLLM))\.create_from_arg_string$/;
/** The names lm-eval registers its Hugging Face and vLLM models under (`@register_model("hf-auto", "hf", "huggingface")`, `"vllm"`). */
const LM_EVAL_HUB_MODELS: Readonly<Record<string, string>> = { hf: 'HFLM', 'hf-auto': 'HFLM', huggingface: 'HFLM', vllm: 'VLLM' };
/**
 * One piece of a clean argument string (`key=value`, no `=` in the value), the string split on `,` (one regex over
 * the whole string backtracked quadratically on spaces: review w37hf P2-1).
 */
const LM_EVAL_ARG_PIECE = /^[A-Za-z_]\w*=[^=]*$/;

/** The pieces of a clean argument string (`key=value` pairs split on `,`, a trailing `,` allowed), or `undefined`. */
function lmEvalArgPieces(text: string): string[] | undefined {
  const pieces = text.trim().split(',');
  if (pieces.length > 1 && pieces[pieces.length - 1] === '') pieces.pop();
  return pieces.every((p) => LM_EVAL_ARG_PIECE.test(p)) ? pieces : undefined;
}

const LM_EVAL_REMEDIATION =
  'Add the reviewed commit to the model\'s arguments (`model_args="pretrained=org/model,revision=<40-hex commit>"`, or `revision=` of `HFLM(...)`): lm-eval passes it to `from_pretrained`.';

/**
 * The model arguments an lm-eval call gives as a literal string (`simple_evaluate(model="hf",
 * model_args="pretrained=Qwen/Qwen-7B,trust_remote_code=True")`), parsed as lm-eval's `simple_parse_args_string`
 * does (`"true"`/`"false"` in any case are booleans, numbers are numbers, the last of a repeated key wins); only a
 * clean string (`lmEvalArgPieces`) of a registered Hub model (`LM_EVAL_HUB_MODELS`) is read. The class that
 * receives them (`HFLM`, `VLLM`) and the string's node.
 */
export function lmEvalModelArgs(sc: PySourceCode, call: PyNode): LmEvalArgs | undefined {
  // once per call (asked by `hubLoad`, `hubLoads` and trust-remote-code)
  let memo = lmEvalMemo.get(sc);
  if (!memo) lmEvalMemo.set(sc, (memo = new Map()));
  const hit = memo.get(call.id);
  if (hit !== undefined) return hit ?? undefined;
  const answer = computeLmEvalModelArgs(sc, call);
  memo.set(call.id, answer ?? null);
  return answer;
}

type LmEvalArgs = { api: string; args: Map<string, string | number | boolean>; node: PyNode };

/** `lmEvalModelArgs`' answers, per file and call (`null`: none). */
const lmEvalMemo = new WeakMap<PySourceCode, Map<number, LmEvalArgs | null>>();

function computeLmEvalModelArgs(sc: PySourceCode, call: PyNode): LmEvalArgs | undefined {
  const fn = calleeOf(call);
  if (!fn) return undefined;
  const last = fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn.text;
  if (last !== 'simple_evaluate' && last !== 'create_from_arg_string') return undefined;
  const qn = sc.qualifiedName(fn) ?? '';
  let api: string | undefined;
  let node: PyNode | undefined;
  if (LM_EVAL_SIMPLE_EVALUATE.test(qn)) {
    const model = sc.argument(call, { name: 'model' }) ?? sc.argument(call, { position: 0 });
    const name = model ? sc.constant(model) : undefined;
    api = typeof name === 'string' ? LM_EVAL_HUB_MODELS[name.trim()] : undefined;
    node = sc.argument(call, { name: 'model_args' }) ?? sc.argument(call, { position: 1 });
    if (api) api = 'simple_evaluate';
  } else {
    const cls = LM_EVAL_FROM_ARG_STRING.exec(qn);
    if (cls) api = `${cls[1] ?? cls[2]}.create_from_arg_string`;
    node = sc.argument(call, { name: 'arg_string' }) ?? sc.argument(call, { position: 0 });
  }
  if (!api || !node || node.type === 'list_splat' || node.type === 'dictionary_splat') return undefined;
  const text = sc.constant(node);
  const pieces = typeof text === 'string' && text.length <= 4096 ? lmEvalArgPieces(text) : undefined;
  if (!pieces) return undefined;
  const args = new Map<string, string | number | boolean>();
  for (const piece of pieces) {
    const eq = piece.indexOf('=');
    const key = piece.slice(0, eq);
    const raw = piece.slice(eq + 1);
    const lower = raw.toLowerCase();
    const value = lower === 'true' ? true : lower === 'false' ? false : raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
    args.set(key, value);
  }
  return { api, args, node };
}

/** The Hub load of an lm-eval call whose model arguments are a literal string (see `lmEvalModelArgs`). */
function lmEvalArgsLoad(sc: PySourceCode, call: PyNode): HubLoad | undefined {
  const parsed = lmEvalModelArgs(sc, call);
  const id = parsed?.args.get('pretrained');
  if (!parsed || typeof id !== 'string' || id.trim() === '') return undefined;
  const ref = classifyModelRef(id.trim());
  if (ref.kind !== 'hub') return undefined;
  const rev = parsed.args.get('revision');
  const value = typeof rev === 'number' ? String(rev) : typeof rev === 'string' ? rev.trim() : undefined;
  const revision: HubLoad['revision'] = value ? { kind: classifyRevision(value), value } : { kind: 'none' };
  return {
    call, api: parsed.api, kind: 'model', idNode: parsed.node, resolved: { kind: 'string', value: id.trim() }, ref, callConfidence: 'high',
    offline: parsed.args.get('local_files_only') === true, revision, revisionIn: 'keyword', remediation: LM_EVAL_REMEDIATION,
  };
}
