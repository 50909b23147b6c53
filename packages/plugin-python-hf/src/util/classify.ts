/**
 * Pure classifiers over resolved string values: hub ids vs local paths, revisions, model-file URLs.
 * No AST here: these take the strings the semantic model resolved and say what they denote.
 */
import { isLoopbackHost } from '@oculum/core';

export type ModelRef =
  /**
   * `bare`: an id without owner that is not a known legacy canonical model (could be a local directory).
   * `dirLike`: an `owner/name` whose owner names a working directory (`models/Llama-3.1-8B-Instruct`,
   * `output/final`; only with `dirLikeOwners`): a relative path when that directory exists, else a Hub id.
   */
  | { kind: 'hub'; id: string; owner: string | undefined; name: string; revision?: string; bare?: boolean; dirLike?: boolean }
  | { kind: 'local'; reason: string }
  | { kind: 'url'; url: string }
  | { kind: 'other' };

/** First path segments that name a local working directory far more often than a hub organisation. */
const LOCAL_DIR_WORDS = new Set([
  'output', 'outputs', 'out', 'checkpoint', 'checkpoints', 'ckpt', 'ckpts', 'saved', 'saved_model',
  'saved_models', 'save', 'results', 'result', 'runs', 'run', 'tmp', 'temp', 'cache', '.cache', 'exp',
  'exps', 'experiments', 'logs', 'log', 'local', 'build', 'dist', 'artifacts', 'artefacts', 'data',
  'work', 'workdir', 'models', 'model', 'weights', 'pretrained', 'trained', 'final', 'export', 'exports',
  'private_output', 'private', 'home', 'mnt', 'opt', 'var', 'usr', 'srv', 'content', 'drive', 'src',
  'tests', 'test', 'fixtures', 'resources', 'assets', 'lora', 'adapters', 'merged',
]);

/** Legacy canonical Hub ids without an owner (`bert-base-uncased`, `gpt2`, `t5-small`, ...). */
const LEGACY_CANONICAL = /^(?:bert|distilbert|roberta|distilroberta|gpt2|distilgpt2|openai-gpt|t5|xlnet|xlm|xlm-roberta|xlm-mlm|xlm-clm|albert|bart|camembert|ctrl|flaubert|transfo-xl|electra|longformer|mbart|marian|pegasus|reformer|funnel|layoutlm|deberta|google-t5|facebook|microsoft|openai|google|allenai|sentence-transformers)(?:[-_]|$)/i;

/** File extensions of model weights / serialized models. */
export const MODEL_EXTENSIONS = [
  'bin', 'pt', 'pth', 'ckpt', 'safetensors', 'onnx', 'h5', 'hdf5', 'keras', 'pb', 'tflite', 'gguf', 'ggml',
  'pkl', 'pickle', 'joblib', 'npy', 'npz', 'msgpack', 'mlmodel', 'pte', 'caffemodel', 'params', 'mar',
  'torchscript', 'ptl', 'engine', 'plan', 'mlpackage', 'llamafile', 'nemo', 'vec', 'tar.gz', 'zip', 'model',
  'pdparams', 'pdiparams', 'pdmodel', 'pdopt', 'mindir', 'cbm', 'ubj',
] as const;

/**
 * Extensions that are unambiguously model or weight files (archives and `.model` excluded); `.vec` is
 * fastText's word vectors (`wiki.en.vec`), embedding weights; PaddlePaddle's weights and programs
 * (`.pdparams`, a pickle; `.pdiparams`, `.pdmodel`, `.pdopt`), MindSpore's `.mindir`, CatBoost's `.cbm` and
 * XGBoost's binary JSON `.ubj` (a gradient-boosting model in `.txt`/`.json` is told by the loader it is handed to:
 * `gbdtModelArgument` of `download.ts`).
 */
const STRONG_EXTENSIONS = [
  'bin', 'pt', 'pth', 'ckpt', 'safetensors', 'onnx', 'h5', 'hdf5', 'keras', 'pb', 'tflite', 'gguf', 'ggml', 'pkl', 'pickle', 'joblib',
  'npy', 'npz', 'msgpack', 'mlmodel', 'pte', 'caffemodel', 'params', 'mar', 'torchscript', 'ptl', 'nemo', 'llamafile', 'vec',
  'pdparams', 'pdiparams', 'pdmodel', 'pdopt', 'mindir', 'cbm', 'ubj',
];
const STRONG_MODEL_EXT = new RegExp(`\\.(?:${STRONG_EXTENSIONS.join('|')})$`, 'i');

/** What wraps a single file: a tar or zip of it, a compression (`checkpoint.pth.tar`, `yolov8n.pt.gz`). */
const ONE_FILE_PACKING = /\.(?:tar|zip|gz|bz2|xz|zst|lz4)$/i;

/** Compression suffixes of a single file (`GoogleNews-vectors-negative300.bin.gz`). */
const COMPRESSED = /\.(?:gz|bz2|xz|zst|lz4)$/i;
/** Archives and compressed files. */
const ARCHIVE_EXT = /\.(?:zip|tar|tgz|tbz2?|txz|7z|rar|gz|bz2|xz|zst|lz4)$/i;

/**
 * The text of a file that may name model data (`namesModelData`): a string that ends in a model,
 * archive or compression extension (before a query or fragment), or a Hub host. A trigger for rules
 * that report such names wherever they are written (not `tf.keras`, `self.params`: no quote follows).
 */
export const MODEL_DATA_TEXT = new RegExp(`\\.(?:${[...STRONG_EXTENSIONS, 'zip', 'tar', 'tgz', 'tbz2?', 'txz', '7z', 'rar', 'gz', 'bz2', 'xz', 'zst', 'lz4'].join('|')})(?:[?#][^'"\\s]*)?['"]|\\bhf\\.co\\b|huggingface\\.co`, 'i');

/**
 * Words in a URL/path or identifier that say "this is a model / weights / checkpoint", pretrained word
 * vectors among them (`glove.6B.zip`, `jmt_pre-trained_embeddings.tar.gz`, fastText, word2vec): they are
 * embedding weights. Read after `-`, `/`, `.` and `_` became spaces (`mentionsModel`).
 */
const MODEL_WORDS = /(?:^|[^a-z])(?:model|models|weights?|checkpoints?|ckpts?|state ?dict|lora|adapter|gguf|onnx|safetensors|pre ?trained|finetuned|glove|fast ?text|word ?2 ?vec|embeddings)(?:$|[^a-z])/i;

const HUB_PART = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,95})$/;
const HEX = /^[0-9a-f]+$/i;

/** Strips a query string and fragment from a URL or path. */
function stripQuery(s: string): string {
  return s.replace(/[?#].*$/, '');
}

/** True for `http://` / `https://` / `ftp://` URLs. */
export function isUrl(s: string): boolean {
  return /^(?:https?|ftp):\/\//i.test(s.trim());
}

/** The host of a `scheme://` URL (after any `user:pass@`; an IPv6 host with its brackets), lower-cased. */
function urlHost(s: string): string | undefined {
  return /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?(\[[^\]]*\]|[^/?#:]+)/i.exec(s.trim())?.[1].toLowerCase();
}

/** True for a URL to this machine (`isLoopbackHost` of `@oculum/core`: `localhost`, `127.x.x.x`, `[::1]`, …). */
export function isLoopbackUrl(s: string): boolean {
  const host = urlHost(s);
  return host !== undefined && isLoopbackHost(host);
}

/** True for a plain-HTTP or plain-FTP URL (no TLS: not `ftps://`, `sftp://`) to a host other than loopback (see `isLoopbackUrl`). */
export function isInsecureUrl(s: string): boolean {
  return /^\s*(?:http|ftp):\/\//i.test(s) && urlHost(s) !== undefined && !isLoopbackUrl(s);
}

/** An unencrypted URL whose scheme is FTP (`isInsecureUrl`'s other scheme): told apart in messages, with no `https://` fix. */
export function isFtpUrl(s: string): boolean {
  return /^\s*ftp:\/\//i.test(s);
}

/** The path part of a URL, or the string itself when it is not a URL. */
function pathOf(s: string): string {
  const t = stripQuery(s.trim());
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(t);
  return m ? (m[1] ?? '') : t;
}

/**
 * A URL or file path that names a model / weights file (by extension, or a hub `resolve/` URL unless
 * its file is evidently no model: `…/resolve/main/config.json`).
 */
export function isModelFile(s: string): boolean {
  const p = pathOf(s);
  if (STRONG_MODEL_EXT.test(p)) return true;
  // a weights file archived or compressed alone (`resnet50_best.pth.tar`, `yolov8n.pt.bz2`, `model.onnx.gz`)
  if (ONE_FILE_PACKING.test(p) && STRONG_MODEL_EXT.test(p.replace(ONE_FILE_PACKING, ''))) return true;
  // a model repository's file; a dataset's or Space's (`…/datasets/org/ds/resolve/main/train.parquet`) only by its extension
  if (/huggingface\.co\/(?!datasets\/|spaces\/).+\/(?:resolve|blob)\//i.test(s) && !isNonModelFile(p)) return true;
  return false;
}

/**
 * Files that are evidently no model: pages, text and tables, images, audio and video samples, checksum lists
 * and signatures (`checklist.chk`, `SHA256SUMS.sha256`, `model.bin.asc`).
 */
const NON_MODEL_EXT = /\.(?:html?|json|txt|md|rst|csv|tsv|xml|ya?ml|png|jpe?g|gif|svg|webp|bmp|ico|css|js|py|sh|pdf|wav|mp3|flac|ogg|opus|m4a|aac|mp4|webm|avi|mov|mkv|ttf|otf|ttc|woff2?|eot|names|chk|md5|sha1|sha256|sha512|asc|sig)$/i;

/**
 * A URL or file name of a known kind that is not a model (`index.html`, `table.csv`, `config.json`,
 * `sample0.wav`), or a file of a Hub dataset or Space repository without a model extension
 * (`https://huggingface.co/datasets/org/ds/resolve/main/train.parquet`).
 */
export function isNonModelFile(s: string): boolean {
  if (/huggingface\.co\/(?:datasets|spaces)\/.+\/(?:resolve|blob|raw)\//i.test(s) && !STRONG_MODEL_EXT.test(pathOf(s))) return true;
  return NON_MODEL_EXT.test(s.replace(/[?#].*$/, ''));
}

/** Weaker evidence: the URL/path/identifier mentions models, weights or checkpoints. */
export function mentionsModel(s: string): boolean {
  return isModelFile(s) || wordsSayModel(s) || paramsArchive(s);
}

/** `params`/`parameters` as a word of a file name (`alphafold_params_2022-12-06.tar`, `openfold-parameters.tar.gz`; not `hparams`). */
const PARAMS_WORD = /(?:^|[^a-z])param(?:eter)?s(?:$|[^a-z])/i;
/** Hyperparameter spellings: `hyper_params`, `search_params`, `training_params`, `train-parameters` name settings, not weights. */
const HYPER_PARAMS = /(?:^|[^a-z])(?:hyper|search|train(?:ing)?)[-_ ]?param(?:eter)?s(?:$|[^a-z])/i;

/**
 * An archive whose file name says it holds parameters (`alphafold_params_colab_2022-12-06.tar`, AlphaFold's and
 * ColabFold's weights, `params_*.npz` in a tar; `openfold_params.tar.gz`). Read only in the last segment of a
 * URL or path that ends in an archive extension: `params` alone names hyperparameters and query
 * arguments far more often (`self.params`, `params.json`, `?params=`) than weights.
 */
function paramsArchive(s: string): boolean {
  const p = pathOf(s);
  if (!ARCHIVE_EXT.test(p)) return false;
  const file = p.slice(p.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
  // a compressed file of a kind that is no model (`params.json.gz`, `params.yaml.xz`)
  return PARAMS_WORD.test(file) && !HYPER_PARAMS.test(file) && !NON_MODEL_EXT.test(file);
}

function wordsSayModel(s: string): boolean {
  return MODEL_WORDS.test(snakeCase(s).replace(/[-/.]/g, '_').replace(/_/g, ' '));
}

/**
 * A camelCase name spelled in snake_case (`downloadModel` → `download_Model`, `verifySHA256` →
 * `verify_SHA256`), so that the name tests of the rules, written with `_` between words, read both.
 */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])(?=[A-Z])/g, '$1_');
}

/**
 * A URL or path that names model data: a model or weights file (`isModelFile`), one compressed
 * (`GoogleNews-vectors-negative300.bin.gz`), or an archive whose path says it holds a model, weights,
 * a checkpoint or pretrained vectors (`models/inception_v3.tgz`, `glove.6B.zip`,
 * `jmt_pre-trained_embeddings.tar.gz`; not `dev-clean.tar.gz`). The host is not read.
 */
export function namesModelData(s: string): boolean {
  if (isModelFile(s)) return true;
  const p = pathOf(s);
  if (!ARCHIVE_EXT.test(p)) return false;
  return STRONG_MODEL_EXT.test(p.replace(COMPRESSED, '')) || wordsSayModel(p) || paramsArchive(p);
}

/** True for a path that points into a local filesystem location rather than a hub id. */
export function looksLocalPath(s: string): boolean {
  const t = s.trim();
  if (t === '' || t === '.' || t === '..') return true;
  if (/^(?:\.{1,2}[\\/]|[\\/]|~|[A-Za-z]:[\\/]|file:)/.test(t)) return true;
  if (t.includes('\\')) return true;
  return false;
}

/**
 * Classifies the resolved first argument of a hub loader: a Hugging Face repo id (`owner/name`,
 * legacy canonical `gpt2`, timm/open_clip `hf-hub:owner/name[@rev]`), a local path, or a URL.
 */
export function classifyModelRef(raw: string, opts: { allowBareNames?: boolean; dirLikeOwners?: boolean; atRevision?: boolean } = {}): ModelRef {
  let s = raw.trim();
  // pyannote.audio's loaders split a revision off the id themselves (`"pyannote/segmentation@2022.07"`, after
  // an existing file): only for them, as `@` is part of no valid id elsewhere
  if (opts.atRevision && s.includes('@') && !isUrl(s) && !looksLocalPath(s)) {
    const parts = s.split('@');
    if (parts.length !== 2) return { kind: 'other' };
    const ref = classifyModelRef(parts[0], { ...opts, atRevision: false });
    if (ref.kind !== 'hub' || parts[1].trim() === '') return ref;
    return { ...ref, revision: parts[1].trim() };
  }
  let revision: string | undefined;
  if (/^hf[-_]hub:/i.test(s)) {
    s = s.replace(/^hf[-_]hub:/i, '');
    const at = s.indexOf('@');
    if (at >= 0) {
      revision = s.slice(at + 1);
      s = s.slice(0, at);
    }
    const parts = s.split('/');
    if (parts.length === 2 && parts.every((p) => HUB_PART.test(p))) {
      return { kind: 'hub', id: s, owner: parts[0], name: parts[1], ...(revision !== undefined ? { revision } : {}) };
    }
    return { kind: 'other' };
  }
  if (isUrl(s)) {
    const hf = /^https?:\/\/(?:www\.)?(?:huggingface\.co|hf\.co)\/(?!datasets\/|spaces\/|api\/)([A-Za-z0-9][\w.-]*)\/([\w.-]+)\/?$/i.exec(s);
    if (hf) return { kind: 'hub', id: `${hf[1]}/${hf[2]}`, owner: hf[1], name: hf[2] };
    return { kind: 'url', url: s };
  }
  if (looksLocalPath(s)) return { kind: 'local', reason: 'a filesystem path' };
  if (/\s/.test(s) || /[{}<>%$*?"'|]/.test(s)) return { kind: 'other' };
  const parts = s.split('/');
  if (parts.length > 2) return { kind: 'local', reason: 'a relative path with several directories' };
  if (STRONG_MODEL_EXT.test(s) || /\.(?:json|ya?ml|txt|cfg|py)$/i.test(s)) return { kind: 'local', reason: 'a file name' };
  if (parts.length === 2) {
    const [owner, name] = parts;
    if (!HUB_PART.test(owner) || !HUB_PART.test(name)) return { kind: 'other' };
    if (/^checkpoint[-_]?\d+$/i.test(name) || /^(?:epoch|step)[-_]?\d+$/i.test(name)) return { kind: 'local', reason: 'a training checkpoint directory' };
    if (LOCAL_DIR_WORDS.has(owner.toLowerCase())) {
      // `from_pretrained("models/x")` reads the directory when it exists, and fetches `models/x` from the Hub when not
      if (!opts.dirLikeOwners || owner.startsWith('.') || name.endsWith('.')) return { kind: 'local', reason: `a relative path under ${owner}/` };
      return { kind: 'hub', id: s, owner, name, dirLike: true };
    }
    if (owner.startsWith('.') || name.endsWith('.') ) return { kind: 'other' };
    return { kind: 'hub', id: s, owner, name };
  }
  // Bare names: legacy canonical hub ids (`gpt2`, `bert-base-uncased`) or a local directory.
  if (!HUB_PART.test(s) || LOCAL_DIR_WORDS.has(s.toLowerCase()) || /^checkpoint[-_]?\d+$/i.test(s)) {
    return { kind: 'local', reason: 'a directory name' };
  }
  if (opts.allowBareNames === false) return { kind: 'other' };
  return { kind: 'hub', id: s, owner: undefined, name: s, ...(LEGACY_CANONICAL.test(s) ? {} : { bare: true }) };
}

/**
 * The revision a Hub file URL names: `hf://datasets/owner/name@<rev>/path` (the `huggingface_hub`
 * file system; no `@`: the default branch) or `https://huggingface.co/[datasets/|spaces/]owner/name/resolve/<rev>/path`
 * (also `raw/`, `hf.co`). `{ revision: undefined }` for a Hub file URL at the default branch; `undefined`
 * when the string is no Hub file URL. A ref with slashes (`@refs/convert/parquet`) gives its first part
 * (`refs`), a branch.
 */
export function hubFileRevision(url: string): { revision: string | undefined } | undefined {
  const s = url.trim();
  const fs = /^hf:\/\/(?:(?:datasets|spaces)\/)?[^/@]+(?:\/[^/@]+)?(?:@([^/]*))?(?:\/|$)/i.exec(s);
  if (fs) return { revision: fs[1] === undefined ? undefined : safeDecode(fs[1]) };
  const web = /^https?:\/\/(?:www\.)?(?:huggingface\.co|hf\.co)\/(?:(?:datasets|spaces)\/)?[^/]+\/[^/]+\/(?:resolve|raw)\/([^/?#]+)/i.exec(s);
  if (web) return { revision: safeDecode(web[1]) };
  return undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The repository and revision a Hub file URL names, as diffusers' `from_single_file` reads it:
 * `https://huggingface.co/owner/name/blob/<rev>/path` (also `resolve/`, `raw/`, `hf.co`, without the
 * scheme) or `https://huggingface.co/owner/name/path` (the default branch: `revision` undefined). With
 * `prefix`, the known start of a URL built at run time, once it names the revision (`…/blob/main/` +
 * a name). `undefined` for anything else (a repository page, a dataset or Space, another site).
 */
export function hubFileUrl(url: string, opts: { prefix?: boolean } = {}): { id: string; owner: string; name: string; revision: string | undefined } | undefined {
  const m = /^(?:https?:\/\/)?(?:www\.)?(?:huggingface\.co|hf\.co)\/(?!datasets\/|spaces\/|api\/)([A-Za-z0-9][\w.-]*)\/([\w.-]+)\/(.*)$/i.exec(url.trim());
  if (!m) return undefined;
  const [, owner, name, rest] = m;
  const id = `${owner}/${name}`;
  const at = /^(?:blob|resolve|raw)\/([^/?#]+)\/(.*)$/i.exec(rest);
  if (at) return at[2] || opts.prefix ? { id, owner, name, revision: safeDecode(at[1]) } : undefined;
  if (opts.prefix || !rest || /^(?:blob|resolve|raw|tree|commit|discussions)(?:[/?#]|$)/i.test(rest) || /^[?#]/.test(rest)) return undefined;
  return { id, owner, name, revision: undefined };
}

/** The part of a Hub URL after its host (`https://huggingface.co/org/x/…` → `org/x/…`), or `undefined` for another site. */
export function hubUrlPath(url: string): string | undefined {
  const m = /^(?:https?:\/\/)?(?:www\.)?(?:huggingface\.co|hf\.co)(?:\/|$)/i.exec(url.trim());
  return m ? url.trim().slice(m[0].length) : undefined;
}

export type RevisionKind = 'commit' | 'short-commit' | 'tag' | 'branch';

/**
 * A full 40-hex (or 64-hex) commit id pins; 7–39 hex characters with a digit is an abbreviated commit;
 * version-looking refs (`v1.2.3`, `1.0`, `v2.0-rc1`) and dates (`2025-01-09`) are tags; anything else (`main`, `dev`,
 * `refs/pr/3`) is a movable branch.
 */
/** Longer revisions are read as branches without trying the tag patterns (real tags are short). */
const MAX_TAG_LENGTH = 128;

export function classifyRevision(rev: string): RevisionKind {
  const r = rev.trim();
  if ((r.length === 40 || r.length === 64) && HEX.test(r)) return 'commit';
  if (r.length >= 7 && r.length < 40 && HEX.test(r) && /\d/.test(r) && /[a-f]/i.test(r)) return 'short-commit';
  // (no tag is this long: the patterns below are not run on a hostile string)
  if (r.length > MAX_TAG_LENGTH) return 'branch';
  if (/^v?\d+(?:\.\d+)*(?:[-.+]?[A-Za-z0-9]+(?:\.\d+)*)?$/.test(r) && /\d/.test(r)) return 'tag';
  // a date (`2025-01-09`, moondream2's release tags; `2024.05.20`, `2024_05_20-rc1`), alone or with a release
  // suffix (`-rc1`, `.post2`, `-dev`); `2024-05-20-experimental` may well be a branch
  if (/^v?\d{4}([-._])\d{1,2}\1\d{1,2}(?:[-.+_]?(?:rc|alpha|beta|dev|post|a|b|r|v)?\d*)$/.test(r)) return 'tag';
  return 'branch';
}

/** Python truthiness of a statically known value. */
export function pythonTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false) return false;
  if (v === true) return true;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

/** Shared temp directories and web roots that other users (or the world) can read. */
export function publicLocation(path: string): string | undefined {
  const p = path.trim().replace(/\\/g, '/');
  if (/^\/(?:tmp|var\/tmp|dev\/shm)(?:\/|$)/.test(p)) return 'a shared temporary directory';
  if (/^\/(?:var\/www|srv\/(?:www|http|ftp)|var\/ftp)(?:\/|$)/.test(p)) return 'a web-served directory';
  if (/^(?:s3|gs):\/\/[^/]*public/i.test(p)) return 'a public bucket';
  const segments = p.replace(/^[a-z]+:\/\//i, '').split('/');
  if (segments.some((seg) => /^public(?:$|[-_.])/i.test(seg))) return 'a directory named public';
  return undefined;
}

/** Datasets builders that read local or explicitly given files (`load_dataset("json", data_files=...)`). */
export const PACKAGED_DATASET_BUILDERS = new Set([
  'json', 'csv', 'parquet', 'text', 'arrow', 'pandas', 'sql', 'generator', 'imagefolder', 'audiofolder',
  'videofolder', 'webdataset', 'xml', 'spark', 'cache', 'folder_based_builder', 'hdf5', 'pdffolder', 'niftifolder', 'lance', 'eval',
]);
