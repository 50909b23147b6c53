import { createRule, UNKNOWN, type Confidence, type Severity } from '@oculum/core';
import { calleeOf, type PyNode, type PySourceCode } from '../util/ast.js';
import { classifyModelRef, classifyRevision, isModelFile, isNonModelFile, mentionsModel } from '../util/classify.js';
import { HUB_LOAD_TRIGGERS, hubLoad, KERAS_PRESET, packagedHubDataFiles, pinLevel, shortApi, SHELL_HUB_TRIGGERS, shellHubFetch, type HubLoad } from '../util/hub.js';
import { docsUrl, SEVERITY_OR_OFF } from '../util/meta.js';
import { choicesOf, resolve, resolveId } from '../util/resolve.js';

interface Options {
  /** Severity of a revision that is a tag (`v1.2.3`) rather than a commit; 'off' accepts tags. */
  tagSeverity: Severity | 'off';
  /** Accept branch names (`"main"`) as revisions. */
  allowBranches: boolean;
  /** Accept abbreviated commit hashes (7–39 hex characters) as pins. */
  allowShortHashes: boolean;
}

const name = 'unpinned-revision';

const WANDB_REMEDIATION =
  'Fetch the artifact by a version you have reviewed (`api.artifact("entity/project/model:v3")`), not by an alias such as `latest` or `production` that anyone with write access can move; check its `digest` against the reviewed one.';
const MLFLOW_REGISTRY_REMEDIATION =
  'Load a registered model by its version number (`models:/<name>/<version>`, a version you have reviewed), not by a stage or alias that anyone allowed to promote models can move.';
const DVC_REMEDIATION =
  'Pass `rev=` a full commit hash of the repository you reviewed: without it the file is whatever the default branch holds at run time.';
/**
 * MLflow's loaders of registered models (mlflow/store/artifact/models_artifact_repo.py): a
 * `models:/<name>/<stage>` URI (`Production`, `Staging`, also `latest`) or `models:/<name>@<alias>` resolves to
 * whichever version holds that stage or alias at load time; `models:/<name>/<version>` and `runs:/…` are fixed.
 */
const MLFLOW_LOADERS = /^mlflow\.(?:\w+\.load_model|pyfunc\.spark_udf|artifacts\.download_artifacts|models\.Model\.load)$/;
/**
 * `mlflow.pyfunc.spark_udf(spark, model_uri, result_type=None, …)` (mlflow/pyfunc/__init__.py): the Spark UDF runs
 * `load_model(model_uri)` on each executor; its URI is argument 1, after the Spark session.
 */
const MLFLOW_SPARK_UDF = /^mlflow\.pyfunc\.spark_udf$/;
/** DVC's readers of a file of a repository (dvc/api/data.py `open(path, repo=None, rev=None, …)`, `read`; `get_url` only names it). */
const DVC_READERS = /^dvc\.api\.(?:open|read)$/;
const KAGGLE_REMEDIATION =
  'Pin the version in the Kaggle handle (`kagglehub.model_download("owner/model/framework/variation/3")`, `kagglehub.dataset_download("owner/dataset/versions/3")`) to one you have reviewed.';
/** The remediation of a dataset's load (`load_dataset`, `load_dataset_builder`). */
const DATASET_REMEDIATION =
  'Pin the dataset to a full commit hash of its repository: `load_dataset("org/dataset", revision="<40-hex commit>")`. A branch such as "main" moves; a tag can be re-pointed.';
/**
 * The fix of a load that takes the revision as a keyword, shown with the API reported
 * (`hf_hub_download("org/model", …, revision="<40-hex commit>")`, `EncoderClassifier.from_hparams(…)`);
 * `from_pretrained` keeps the rule's own remediation.
 */
function keywordRemediation(load: HubLoad): { remediation?: string } {
  if ((load.revisionIn ?? 'keyword') !== 'keyword' || /(?:^|\.)from_pretrained$/.test(load.api) || load.api.length > 60) return {};
  const keyword = load.revisionKeyword ?? 'revision';
  // the id as the call passes it: first (`hf_hub_download("org/model", …)`), or by keyword (`pipeline(task, model="org/model")`)
  const idKeyword = load.idNode?.parent?.type === 'keyword_argument' ? load.idNode.parent.childForFieldName('name')?.text : undefined;
  const firstArgument = load.idNode?.parent?.type === 'argument_list' && load.idNode.parent.namedChildren.find((c) => c.type !== 'comment')?.id === load.idNode.id;
  const args = idKeyword
    ? `…, ${idKeyword}="org/model", ${keyword}="<40-hex commit>"`
    : firstArgument || !load.idNode
      ? `"org/model", …, ${keyword}="<40-hex commit>"`
      : `…, "org/model", …, ${keyword}="<40-hex commit>"`;
  return { remediation: `Pin the revision to a full commit hash: \`${load.api}(${args})\`. A branch such as "main" moves; a tag can be re-pointed.` };
}

/** The remediation of loads whose revision is written in the id (timm and open_clip `hf-hub:` ids). */
const HUB_ID_REMEDIATION = 'Append a full commit hash to the `hf-hub:` id: `"hf-hub:org/model@<40-hex commit>"` (timm and open_clip take no `revision=`).';
/** The remediation of llama.cpp's `Llama.from_pretrained`, which downloads at the latest revision whatever it is given. */
const LLAMA_REMEDIATION = 'Download the file pinned to a commit, `path = huggingface_hub.hf_hub_download(repo_id="org/model-GGUF", filename="model.gguf", revision="<40-hex commit>")`, and load it with `Llama(model_path=path)`: `Llama.from_pretrained` takes no revision (a `revision=` there is passed on to `Llama(...)`, which ignores it).';

/** The remediation of loaders that take no revision and download the latest snapshot (faster-whisper's `WhisperModel`, FlagEmbedding). */
const SNAPSHOT_REMEDIATION = 'Download a snapshot pinned to a commit, `path = huggingface_hub.snapshot_download("org/model", revision="<40-hex commit>")`, and pass that directory to the loader in place of the Hub id: it takes no revision of its own.';

/** Hub loads, and the shell commands `shellFetch` reads: `git clone` of a Hub URL, `huggingface-cli`/`hf download` (`["hf", "download", …]` too). */
const RULE_TRIGGERS = [...HUB_LOAD_TRIGGERS, ...SHELL_HUB_TRIGGERS, 'embed_model', 'kagglehub', 'wandb', 'models:/', 'dvc'];

/**
 * Weights & Biases artifacts fetched by name (wandb/apis/public/api.py `Api.artifact(name, type=None)`,
 * wandb/sdk/wandb_run.py `Run.use_artifact(artifact_or_name, type=None, aliases=None, use_as=None)`,
 * `wandb.use_artifact` for the current run): `entity/project/name:alias`; an alias other than a version
 * (`latest`, the default when none is written, `production`, `best`) moves to whatever is tagged next,
 * `:v3` is that version for good.
 */
const WANDB_ARTIFACT = /^wandb\.(?:Api\.artifact|init\.use_artifact|use_artifact|sdk\.wandb_run\.Run\.use_artifact|apis\.public\.Api\.artifact)$/;

/**
 * kagglehub's downloads (Kaggle/kagglehub, src/kagglehub/models.py `model_download(handle, path=None, *,
 * force_download=False)`, datasets.py `dataset_download(handle, path=None, …)`, `load_dataset(adapter,
 * handle, path, …)`): a model handle `owner/model/framework/variation` fetches the variation's latest
 * version, `…/variation/<n>` that version; a dataset handle `owner/dataset` its latest version,
 * `owner/dataset/versions/<n>` that one.
 */
const KAGGLE_DOWNLOADS = /^kagglehub(?:\.(?:models|datasets))?\.(model_download|dataset_download|load_dataset)$/;
/** The remediation of a KerasHub preset fetched from Kaggle (`from_preset("kaggle://…")`). */
const KAGGLE_PRESET_REMEDIATION =
  'Pin the version at the end of the preset handle (`from_preset("kaggle://owner/model/keras/variation/3")`) to one you have reviewed.';
const KAGGLE_MODEL_HANDLE = /^[\w.-]+\/[\w.-]+\/[\w.-]+\/[\w.-]+(?:\/(\d+))?$/;
const KAGGLE_DATASET_HANDLE = /^[\w.-]+\/[\w.-]+(?:\/versions\/(\d+))?$/;

/**
 * llama_index's embedding models named by a string (llama_index/core/embeddings/utils.py `resolve_embed_model`:
 * `"local:<id>"` → `HuggingFaceEmbedding(model_name=<id>)`, `"local"` → its default, `DEFAULT_HUGGINGFACE_EMBEDDING_MODEL
 * = "BAAI/bge-small-en"`, fetched with no revision), given as `embed_model=` to a llama_index call, assigned to
 * `Settings.embed_model`, or passed to `resolve_embed_model`.
 */
const LLAMA_INDEX_LOCAL_EMBED = /^local(?::(.+))?$/;
const LLAMA_INDEX_DEFAULT_EMBED = 'BAAI/bge-small-en';
const LLAMA_INDEX_SETTINGS = /^llama_index\.core\.(?:settings\.)?Settings\.embed_model$/;
const LLAMA_INDEX_RESOLVE = /^llama_index\.(?:core\.)?(?:embeddings\.)?(?:utils\.)?resolve_embed_model$/;

export default createRule<[Options], PySourceCode>({
  name,
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['python'],
    triggers: RULE_TRIGGERS,
    docs: {
      description: 'Reports models, files and datasets fetched from the Hugging Face Hub without a revision pinned to a commit.',
      recommended: true,
      url: docsUrl(name),
    },
    messages: {
      missingRevision: '{{api}} fetches "{{id}}" from the Hub without a revision: whatever the repository holds at load time is used. Pin `revision=` to a full commit hash.',
      missingRevisionUnknownId: '{{api}} may fetch a Hub repository (the id could not be resolved) without a revision. Pin `revision=` to a full commit hash{{localAdvice}}.',
      missingRevisionMaybeLocal: '{{api}} may fetch "{{id}}" from the Hub without a revision: a name that may be a local directory is fetched from the Hub when no such directory exists, at whatever the repository holds at load time. Pin `revision=` to a full commit hash, or pass `local_files_only=True` (or a path such as `./{{id}}`) for a local directory.',
      branchRevisionMaybeLocal: '{{api}} may fetch "{{id}}" from the Hub at branch "{{revision}}", which moves with every push: a name that may be a local directory is fetched from the Hub when no such directory exists. Pin `revision=` to a full commit hash, or pass `local_files_only=True` (or a path such as `./{{id}}`) for a local directory.',
      missingRevisionMaybeLocalPath: '{{api}} may fetch "{{id}}" from the Hub without a revision: a name that may be a local directory is fetched from the Hub when no such directory exists, at whatever the repository holds at load time. Pin `revision=` to a full commit hash, or pass a path such as `./{{id}}` for a local directory (it takes no `local_files_only`).',
      branchRevisionMaybeLocalPath: '{{api}} may fetch "{{id}}" from the Hub at branch "{{revision}}", which moves with every push: a name that may be a local directory is fetched from the Hub when no such directory exists. Pin `revision=` to a full commit hash, or pass a path such as `./{{id}}` for a local directory (it takes no `local_files_only`).',
      tagRevisionMaybeLocalPath: '{{api}} may fetch "{{id}}" from the Hub at "{{revision}}", a tag or abbreviated hash that the repository owner can move: a name that may be a local directory is fetched from the Hub when no such directory exists. Pin `revision=` to a full 40-character commit hash, or pass a path such as `./{{id}}` for a local directory (it takes no `local_files_only`).',
      tagRevisionMaybeLocal: '{{api}} may fetch "{{id}}" from the Hub at "{{revision}}", a tag or abbreviated hash that the repository owner can move: a name that may be a local directory is fetched from the Hub when no such directory exists. Pin `revision=` to a full 40-character commit hash, or pass `local_files_only=True` (or a path such as `./{{id}}`) for a local directory.',
      branchRevisionOptionDefault: '{{api}} fetches "{{id}}" at branch "{{revision}}", the default of `{{revisionText}}`, which moves with every push: unless the command line or config sets a commit, whatever the repository holds at load time is used. Make the default a full commit hash.',
      builtRevision: '{{api}} fetches "{{id}}" at `{{revisionText}}`, a revision that starts with "{{revision}}" (a branch or tag name, whatever follows it), not a commit hash: whatever the repository holds at load time is used. Pin `revision=` to a full commit hash.',
      tagRevisionOptionDefault: '{{api}} fetches "{{id}}" at "{{revision}}", the default of `{{revisionText}}`, a tag or abbreviated hash that the repository owner can move. Make the default a full 40-character commit hash.',
      revisionFallback: '{{api}} fetches "{{id}}" at `{{revisionText}}`, which falls back to "{{revision}}", a branch or tag that moves, whenever the lookup finds no entry: then whatever the repository holds at load time is used. Pin every revision to a full commit hash and fail rather than fall back.',
      revisionParameterUnset: '{{api}} fetches "{{id}}" at `{{revisionText}}`, a parameter that defaults to None, and a call of `{{function}}` in this file leaves it unset (none passes a value the analysis cannot read): there, whatever the repository holds at load time is used. Pass a full commit hash in the calls, or make it the default.',
      revisionParameterMoving: '{{api}} fetches "{{id}}" at `{{revisionText}}`, which a call of `{{function}}` in this file sets to "{{revision}}", a branch or tag that moves: there, whatever the repository holds at load time is used. Pass a full commit hash instead.',
      revisionUndecided: '{{api}} fetches "{{id}}" at a revision the analysis could not decide: `{{revisionText}}` passes through a chain of names longer than it follows, which ends in a branch or tag rather than a commit. Pin `revision=` to a full commit hash.',
      branchRevision: '{{api}} fetches "{{id}}" at branch "{{revision}}", which moves with every push. Pin `revision=` to a full commit hash.',
      branchRevisionNamed: '{{api}} fetches "{{id}}" at branch "{{revision}}", which moves with every push. Pin `{{keyword}}=` to a full commit hash of that repository.',
      branchRevisionUnknownId: '{{api}} may fetch a Hub repository (the id could not be resolved) at branch "{{revision}}", which moves with every push. Pin `revision=` to a full commit hash{{localAdvice}}.',
      tagRevision: '{{api}} fetches "{{id}}" at "{{revision}}", a tag or abbreviated hash that the repository owner can move. Pin `revision=` to a full 40-character commit hash.',
      tagRevisionUnknownId: '{{api}} may fetch a Hub repository (the id could not be resolved) at "{{revision}}", a tag or abbreviated hash that the repository owner can move. Pin `revision=` to a full 40-character commit hash{{localAdvice}}.',
      defaultModel: '{{api}}({{task}}) without `model=` downloads the task\'s default model at its latest revision. Name the model and pin `revision=` to a commit.',
      wandbAlias: '{{api}}("{{id}}") resolves the alias "{{alias}}", which moves to whatever version is tagged next: the artifact used is whichever that is at run time. Pin a version you have reviewed (`"{{pinned}}"`).',
      mlflowStage:
        '{{api}}("{{uri}}") loads the registered model {{what}} "{{stage}}", which moves to whichever version is promoted or registered next: the model used is whichever that is at run time. Pin a version you have reviewed (`"models:/{{name}}/<version>"`).',
      dvcUnpinned: '{{api}} reads "{{path}}" from the repository {{repo}} without `rev=`: whatever its default branch holds at run time is used. Pin `rev=` to a full commit hash.',
      dvcBranch: '{{api}} reads "{{path}}" from the repository {{repo}} at "{{rev}}", a branch or tag that moves. Pin `rev=` to a full commit hash.',
      kaggleUnversioned: '{{api}} fetches "{{id}}" from Kaggle at its latest version: whatever the owner publishes next is used. Pin the version in the handle (`"{{pinned}}"`).',
      kaggleUnknownHandle: '{{api}} fetches a Kaggle handle that could not be resolved (`{{expr}}`); without a version in it, the latest version is used. Pin the version in the handle.',
      shellDownload: '`{{command}}` fetches "{{id}}" from the Hub at its latest revision. Pin a commit (`--revision <commit>`, or `git checkout <commit>` after the clone).',
      missingRevisionKwargs: '{{api}} fetches "{{id}}" from the Hub without a revision: whatever the repository holds at load time is used. Pin it to a full commit hash in `model_kwargs={"revision": "<commit>"}`.',
      missingRevisionInitKwargs: '{{api}} fetches "{{id}}" from the Hub without a revision: whatever the repository holds at load time is used. Pin it to a full commit hash in its config\'s `model_init_kwargs={"revision": "<commit>"}`.',
      hfUriUnpinned: '{{api}} fetches "{{id}}" from the Hub at its latest revision, and an `hf://` path takes no revision. Download a pinned snapshot (`path = huggingface_hub.snapshot_download("{{id}}", revision="<commit>")`) and load the model from that directory.',
      presetUnpinned: '{{api}} fetches "{{id}}" from the Hub at its latest revision, and a preset takes no revision. Download a pinned snapshot (`huggingface_hub.snapshot_download("{{id}}", revision="<commit>")`) and load the preset from that directory.',
      hubIdUnpinned: '{{api}} fetches "{{id}}" from the Hub without a revision: whatever the repository holds at load time is used. It takes no `revision=`: append a full commit hash to the id (`"hf-hub:{{id}}@<commit>"`).',
      hubIdBranch: '{{api}} fetches "{{id}}" at branch "{{revision}}", which moves with every push. Put a full commit hash after the id instead (`"hf-hub:{{id}}@<commit>"`).',
      hubIdTag: '{{api}} fetches "{{id}}" at "{{revision}}", a tag or abbreviated hash that the repository owner can move. Put a full 40-character commit hash after the id instead (`"hf-hub:{{id}}@<commit>"`).',
      hubIdUnknownId: '{{api}} may fetch a Hub repository (the id could not be resolved) at its latest revision. It takes no `revision=`: for an `hf-hub:` id, append a full commit hash to the id (`"hf-hub:<owner>/<name>@<commit>"`).',
      llamaUnpinned: '{{api}} fetches a file of "{{id}}" from the Hub at its latest revision, and it takes no revision. Download the file with `huggingface_hub.hf_hub_download(repo_id="{{id}}", filename=..., revision="<commit>")` pinned to a full commit hash, and pass its path as `Llama(model_path=...)`.',
      llamaUnpinnedUnknownId: '{{api}} fetches a file of a Hub repository (the id could not be resolved) at its latest revision, and it takes no revision. Download the file with `huggingface_hub.hf_hub_download(repo_id=..., filename=..., revision="<commit>")` pinned to a full commit hash, and pass its path as `Llama(model_path=...)`.',
      llamaRevisionIgnored: '{{api}} fetches a file of "{{id}}" from the Hub at its latest revision: its `revision=` pins nothing (it is passed on to `Llama(...)`, which ignores it). Download the file with `huggingface_hub.hf_hub_download(repo_id="{{id}}", filename=..., revision="<commit>")` pinned to a full commit hash, and pass its path as `Llama(model_path=...)`.',
      snapshotUnpinnedOwn: '{{api}} fetches "{{id}}" from the Hub at its latest revision, and it takes no revision: whatever the repository holds at load time is used.',
      snapshotUnpinned: '{{api}} fetches "{{id}}" from the Hub at its latest revision, and it takes no revision. Download a pinned snapshot, `path = huggingface_hub.snapshot_download("{{id}}", revision="<commit>")` with a full commit hash, and pass `path` in place of the id.',
      snapshotUnpinnedUnknownId: '{{api}} may fetch a Hub repository (the id could not be resolved) at its latest revision, and it takes no revision. Download a pinned snapshot, `path = huggingface_hub.snapshot_download(repo_id, revision="<commit>")` with a full commit hash, and pass `path` in place of the id.',
      snapshotUnpinnedMaybeLocal: '{{api}} may fetch "{{id}}" from the Hub at its latest revision, and it takes no revision: a name that may be a local directory is fetched from the Hub when no such directory exists. Download a pinned snapshot, `path = huggingface_hub.snapshot_download("{{id}}", revision="<commit>")` with a full commit hash, and pass `path` in place of the id, or pass a path such as `./{{id}}` for a local directory.',
      snapshotRevisionIgnoredMaybeLocal: '{{api}} may fetch "{{id}}" from the Hub at its latest revision: a name that may be a local directory is fetched from the Hub when no such directory exists, it takes no revision, and a `revision=` given to it never reaches the download. Download a pinned snapshot, `path = huggingface_hub.snapshot_download("{{id}}", revision="<commit>")` with a full commit hash, and pass `path` in place of the id, or pass a path such as `./{{id}}` for a local directory.',
      snapshotRevisionIgnored: '{{api}} fetches "{{id}}" from the Hub at its latest revision: it takes no revision, and a `revision=` given to it never reaches the download. Download a pinned snapshot, `path = huggingface_hub.snapshot_download("{{id}}", revision="<commit>")` with a full commit hash, and pass `path` in place of the id.',
      snapshotRevisionIgnoredUnknownId: '{{api}} may fetch a Hub repository (the id could not be resolved) at its latest revision: it takes no revision, and a `revision=` given to it never reaches the download. Download a pinned snapshot, `path = huggingface_hub.snapshot_download(repo_id, revision="<commit>")` with a full commit hash, and pass `path` in place of the id.',
      missingRevisionNamed: '{{api}} fetches "{{id}}" from the Hub without a revision: whatever the repository holds at load time is used. Pin it with `{{keyword}}=` set to a full commit hash.',
      missingRevisionMapping: '{{api}} fetches "{{id}}" from the Hub without a revision: whatever the repository holds at load time is used. Pin it to a full commit hash in `{{mapping}}={"revision": "<commit>"}`.',
      missingRevisionConfig: '{{api}} fetches "{{id}}" from the Hub without a revision: whatever the repository holds at load time is used. Pin it to a full commit hash with the `revision=` of the config it is given as `{{mapping}}=`.',
      configRevisionIgnored: '{{api}} fetches "{{id}}" from the Hub at its latest revision: its own `revision=` does not reach the download (only the `revision=` of the config given as `{{mapping}}=` does), so whatever the repository holds at load time is used. Pin it to a full commit hash there.',
      mappingRevisionIgnored: '{{api}} fetches "{{id}}" from the Hub at its latest revision: its `revision=` does not reach the download (only `{{mapping}}` does), so whatever the repository holds at load time is used. Pin it to a full commit hash in `{{mapping}}={"revision": "<commit>"}`.',
      defaultIdUnpinned: '{{api}} is given no model and downloads its default, "{{id}}", from the Hub without a revision: whatever the repository holds at load time is used. Name the model and pin its revision to a full commit hash.',
      packagedDataFiles: '{{api}}("{{builder}}") reads data files of the Hub dataset "{{id}}" {{at}} ({{file}}): whatever the repository holds at load time is used. Pin the commit in the URL: `hf://datasets/{{id}}@<40-hex commit>/…` or `https://huggingface.co/datasets/{{id}}/resolve/<40-hex commit>/…`.',
      dataFileUnpinned: '{{api}} fetches "{{file}}", a data file (no weights, no code), from "{{id}}" on the Hub {{at}}: whatever the repository holds at load time is used. Pin `revision=` to a full commit hash.',
      missingRevisionHidden: '{{api}} may fetch "{{id}}" from the Hub without a revision: `{{kwargs}}` could not be read and may carry one; if it does not, whatever the repository holds at load time is used. Pin `revision=` to a full commit hash.',
      otherHubMissingRevision: '{{api}} fetches "{{id}}" from {{hub}} without a revision: {{latest}}. {{advice}}',
      otherHubMissingRevisionMaybe: '{{api}} may fetch "{{id}}" from {{hub}} without a revision ({{why}}): {{latest}}. {{advice}}',
      otherHubBranchRevision: '{{api}} fetches "{{id}}" from {{hub}} at branch "{{revision}}", which moves with every push. {{advice}}',
      otherHubTagRevision: '{{api}} fetches "{{id}}" from {{hub}} at "{{revision}}", a tag or abbreviated hash that the repository owner can move. {{advice}}',
      otherHubUnknownId: '{{api}} may fetch a {{hub}} repository (the id could not be resolved) without a pinned revision. {{advice}}',
      otherHubUnversioned: '{{api}} fetches "{{id}}" from {{hub}}, which keeps no revisions to pin: whatever it holds at load time is used. {{advice}}',
      otherHubDefaultModel: '{{api}}({{task}}) without `model=` downloads the task\'s default model from {{hub}} at its latest revision. Name the model. {{advice}}',
      llamaIndexLocalEmbedDefault: 'embed_model "local" makes llama_index download its default embedding model, "{{id}}", from the Hub without a revision (releases that refuse a model-less "local" fail instead): whatever the repository holds at load time is used. Name the model and pin it: `HuggingFaceEmbedding(model_name="<owner/name>", revision="<commit>")` with a full commit hash.',
      llamaIndexLocalEmbedUnknown: 'embed_model `{{value}}` makes llama_index build `HuggingFaceEmbedding` from a name the analysis cannot resolve: when it is a Hub id, it is downloaded without a revision. Build it yourself pinned to a full commit hash: `HuggingFaceEmbedding(model_name=..., revision="<commit>")`.',
      llamaIndexLocalEmbed: 'embed_model "{{value}}" makes llama_index download "{{id}}" from the Hub (`HuggingFaceEmbedding(model_name="{{id}}")`) without a revision: whatever the repository holds at load time is used. Build it yourself pinned to a full commit hash: `HuggingFaceEmbedding(model_name="{{id}}", revision="<commit>")`.',
      llamaRevisionIgnoredUnknownId: '{{api}} fetches a file of a Hub repository (the id could not be resolved) at its latest revision: its `revision=` pins nothing (it is passed on to `Llama(...)`, which ignores it). Download the file with `huggingface_hub.hf_hub_download(repo_id=..., filename=..., revision="<commit>")` pinned to a full commit hash, and pass its path as `Llama(model_path=...)`.',
    },
    remediation: 'Pin the revision to a full commit hash: `from_pretrained("org/model", revision="<40-hex commit>")`. A branch such as "main" moves; a tag can be re-pointed.',
    schema: [
      {
        type: 'object',
        properties: {
          tagSeverity: SEVERITY_OR_OFF,
          allowBranches: { type: 'boolean' },
          allowShortHashes: { type: 'boolean' },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ tagSeverity: 'low', allowBranches: false, allowShortHashes: true }],
  },
  create(context, [options]) {
    const sc = context.sourceCode;
    const opts: Options = Object.assign({ tagSeverity: 'low', allowBranches: false, allowShortHashes: true }, options);
    /** `"local:BAAI/bge-small-en-v1.5"` given where llama_index resolves an embedding model (`LLAMA_INDEX_LOCAL_EMBED`). */
    const localEmbed = (at: PyNode, value: PyNode): void => {
      const text = sc.constant(value);
      if (typeof text !== 'string') {
        // `f"local:{name}"`, `"local:" + name`: a name not known here
        let start: PyNode = value;
        while (start.type === 'binary_operator' && start.childForFieldName('operator')?.text === '+') start = start.childForFieldName('left')!;
        const known = sc.constant(start);
        if ((typeof known === 'string' ? known : sc.stringPrefix(start))?.startsWith('local:')) {
          context.report({ node: at, messageId: 'llamaIndexLocalEmbedUnknown', data: { value: value.text.length > 40 ? `${value.text.slice(0, 39)}…` : value.text }, confidence: 'low' });
        }
        return;
      }
      const m = LLAMA_INDEX_LOCAL_EMBED.exec(text.trim());
      if (!m) return;
      if (m[1] === undefined) {
        // `"local"`: the default of the releases that take one (later ones raise instead)
        context.report({ node: at, messageId: 'llamaIndexLocalEmbedDefault', data: { id: LLAMA_INDEX_DEFAULT_EMBED }, confidence: 'medium' });
        return;
      }
      const name = m[1].trim();
      const ref = classifyModelRef(name, { allowBareNames: true });
      if (ref.kind !== 'hub') return;
      // sentence-transformers reads a bare name under its own organisation (`all-MiniLM-L6-v2`)
      const id = name.includes('/') ? name : `sentence-transformers/${name}`;
      context.report({ node: at, messageId: 'llamaIndexLocalEmbed', data: { value: text, id }, confidence: 'high' });
    };
    return {
      keyword_argument(node: PyNode) {
        if (node.childForFieldName('name')?.text !== 'embed_model') return;
        const call = node.parent?.parent;
        const fn = call?.type === 'call' ? calleeOf(call) : undefined;
        const value = node.childForFieldName('value');
        // (`resolve_embed_model(embed_model=…)` is judged as the call)
        if (fn && value && sc.qualifiedNames(fn).some((q) => q.startsWith('llama_index.') && !LLAMA_INDEX_RESOLVE.test(q))) localEmbed(node, value);
      },
      assignment(node: PyNode) {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (left?.type === 'attribute' && right && LLAMA_INDEX_SETTINGS.test(sc.qualifiedName(left) ?? '')) localEmbed(node, right);
      },
      call(node: PyNode) {
        const fn = calleeOf(node);
        if (fn && LLAMA_INDEX_RESOLVE.test(sc.qualifiedName(fn) ?? '')) {
          const value = sc.argument(node, { name: 'embed_model', position: 0 });
          if (value) localEmbed(node, value);
          return;
        }
        if (kaggle(node) || kagglePreset(node) || wandbArtifact(node) || mlflowRegistered(node) || dvcRead(node)) return;
        const shell = shellHubFetch(sc, node, opts.allowBranches);
        if (shell) {
          if (!shell.pinned) context.report({ node, messageId: 'shellDownload', data: { command: shell.command, id: shell.id }, confidence: shell.unresolved ? 'low' : 'high' });
          return;
        }
        const found = hubLoad(sc, node, { choices: true });
        if (!found && packagedDataFiles(node)) return;
        if (!found || found.offline) return;
        // a dataset's fix is written for `load_dataset`, another API's with that API, not `from_pretrained`
        const load = found.remediation ? found : found.kind === 'dataset' ? { ...found, remediation: DATASET_REMEDIATION } : { ...found, ...keywordRemediation(found) };
        const level = pinLevel(load.revision, opts);
        // a revision held in an expression counts as pinned, except a lookup that falls back to a branch or tag
        // (`PINS.get(mid, "main")`) and a chain of names the resolver cut short: both may well move, at low confidence
        if (level === 'pinned' && load.ref && !load.otherHub && (load.revision.fallback !== undefined || load.revision.undecided)) {
          const fallbackKind = load.revision.fallback !== undefined ? classifyRevision(load.revision.fallback) : undefined;
          if (fallbackKind === 'branch' && opts.allowBranches) return;
          if (fallbackKind === 'tag' && opts.tagSeverity === 'off') return;
          const revisionText = (load.revisionNode?.text ?? '').length > 60 ? `${load.revisionNode!.text.slice(0, 59)}…` : (load.revisionNode?.text ?? '');
          const messageId = load.revision.fallback !== undefined ? 'revisionFallback' : 'revisionUndecided';
          context.report({ node, messageId, data: { api: load.api, id: idText(load), revision: load.revision.fallback ?? '', revisionText }, confidence: 'low', ...(fallbackKind === 'tag' ? { severity: opts.tagSeverity as Severity } : {}) });
          return;
        }
        // `def load(name, revision=None)` whose every call in this file leaves the revision unset (or gives a branch
        // or tag): unpinned on each path of this file, medium (a caller elsewhere may pass a commit)
        if (level === 'pinned' && load.revision.callers && load.ref && !load.otherHub && !maybeLocal(load)) {
          const callers = load.revision.callers;
          const callerLevel = pinLevel({ kind: callers.kind }, opts);
          if (callerLevel === 'pinned' || (callerLevel === 'branch' && opts.allowBranches) || (callerLevel === 'tag' && opts.tagSeverity === 'off')) return;
          const revisionText = (load.revisionNode?.text ?? '').length > 60 ? `${load.revisionNode!.text.slice(0, 59)}…` : (load.revisionNode?.text ?? '');
          const base = confidenceOf(load);
          const confidence: Confidence = base === 'high' ? 'medium' : base;
          const data = { api: load.api, id: idText(load), revisionText, function: callers.function, revision: callers.value ?? '' };
          if (callerLevel === 'none') context.report({ node, messageId: 'revisionParameterUnset', data, confidence });
          else context.report({ node, messageId: 'revisionParameterMoving', data, confidence, ...(callerLevel === 'tag' ? { severity: opts.tagSeverity as Severity } : {}) });
          return;
        }
        if (level === 'pinned') return;
        if (level === 'branch' && opts.allowBranches) return;
        if (level === 'tag' && opts.tagSeverity === 'off') return;
        // (a dataset validated before use, `.filter(...)`, is still reported: a check of its rows pins nothing,
        // the repository can change between runs; the validation answers `hf/untrusted-training-data`)
        const data = {
          api: load.api,
          id: idText(load),
          revision: load.revision.value ?? '',
          task: load.call.childForFieldName('arguments')?.namedChildren[0]?.text ?? '',
          // what keeps an unresolved id local: `local_files_only=True` for models; a dataset loader has no
          // such flag (`datasets.load_dataset`, Flower's FederatedDataset), local data is a directory or `data_files=`
          // (mlx-lm's and mlx-vlm's loaders take no `local_files_only`: a path such as `./dir` is read from disk)
          localAdvice: load.kind === 'dataset' ? ', or give local data as a directory path or with `data_files=`' : load.noOfflineFlag ? ', or give a local directory as a path such as `./dir` (it takes no `local_files_only`)' : ', or pass `local_files_only=True` for local paths',
        };
        // a table's value by a key not known here, some other value a commit or not known (`REVISIONS[name]`): medium
        const known = confidenceOf(load);
        const confidence: Confidence = load.revision.mixed && known === 'high' ? 'medium' : known;
        if (load.otherHub) {
          reportOtherHub(load, level, data, confidence);
          return;
        }
        if (load.defaultModel) {
          context.report({ node, messageId: 'defaultModel', data, confidence: 'medium' });
          return;
        }
        if (load.revisionIn === 'snapshot') {
          // faster-whisper's WhisperModel, FlagEmbedding: no revision reaches the download
          const variant = !load.ref ? 'UnknownId' : maybeLocal(load) ? 'MaybeLocal' : '';
          // a loader with a remediation of its own (NeMo: a pinned `.nemo` file and `restore_from`): the message states the fact only
          if (load.remediation && load.ref && !maybeLocal(load) && !load.revisionNode) {
            context.report({ node, messageId: 'snapshotUnpinnedOwn', data, confidence, remediation: load.remediation });
            return;
          }
          const messageId = `${load.revisionNode ? 'snapshotRevisionIgnored' : 'snapshotUnpinned'}${variant}` as const;
          // (the API's own default model, `InstructorEmbeddingFunction()`: medium, as `defaultIdUnpinned`)
          context.report({ node, messageId, data, confidence: load.defaultId && confidence === 'high' ? 'medium' : confidence, remediation: load.remediation ?? SNAPSHOT_REMEDIATION });
          return;
        }
        if (load.revisionIn === 'ignored') {
          // llama.cpp's `Llama.from_pretrained`: no revision reaches the download, whatever the call says
          const messageId = load.revisionNode ? (load.ref ? 'llamaRevisionIgnored' : 'llamaRevisionIgnoredUnknownId') : load.ref ? 'llamaUnpinned' : 'llamaUnpinnedUnknownId';
          context.report({ node, messageId, data, confidence, remediation: LLAMA_REMEDIATION });
          return;
        }
        if (load.revisionIn === 'id') {
          // timm / open_clip: the revision goes in the id (`hf-hub:org/x@<commit>`), not in `revision=`
          const messageId = !load.ref ? 'hubIdUnknownId' : level === 'tag' ? 'hubIdTag' : level === 'branch' ? 'hubIdBranch' : 'hubIdUnpinned';
          const lowered = level === 'none' && sc.hasUnresolvedArguments(node) ? 'low' : confidence;
          if (level === 'tag') context.report({ node, messageId, data, confidence: lowered, severity: opts.tagSeverity as Severity, remediation: HUB_ID_REMEDIATION });
          else context.report({ node, messageId, data, confidence: lowered, remediation: HUB_ID_REMEDIATION });
          return;
        }
        // an id that could not be resolved is not quoted (`model_path` is a parameter's name, not the Hub id); a
        // name that may be a local directory (`"lora_model"`) may be fetched, no more
        const local = maybeLocal(load);
        // a label map or other data file of a dataset repository, read as data (`json.load(open(hf_hub_download(
        // "huggingface/label-files", "imagenet-1k-id2label.json", repo_type="dataset")))`): low severity
        const file = load.ref && (level === 'none' || level === 'branch') && !load.otherHub ? dataFile(sc, load) : undefined;
        if (file) {
          const at = level === 'branch' ? `at branch "${load.revision.value}"` : 'without a revision';
          context.report({ node, messageId: 'dataFileUnpinned', data: { ...data, file, at }, confidence, severity: 'low' });
          return;
        }
        // the default of a command-line option or config field (`revision=model_args.model_revision`):
        // a branch or tag unless the run sets a commit, medium
        if (load.revision.optionDefault && load.ref && !local && (level === 'tag' || level === 'branch') && load.revisionIn === 'keyword') {
          const revisionText = load.revisionNode?.text ?? '';
          const capped = confidence === 'high' ? 'medium' : confidence;
          if (level === 'tag') context.report({ node, messageId: 'tagRevisionOptionDefault', data: { ...data, revisionText }, confidence: capped, severity: opts.tagSeverity as Severity });
          else context.report({ node, messageId: 'branchRevisionOptionDefault', data: { ...data, revisionText }, confidence: capped });
          return;
        }
        // `revision + "/" + subfolder` with `revision="main"` (lm-eval's HFLM): built at run time from a branch, medium
        if (load.revision.built && load.ref && !local && (level === 'tag' || level === 'branch')) {
          const revisionText = (load.revisionNode?.text ?? '').length > 60 ? `${load.revisionNode!.text.slice(0, 59)}…` : (load.revisionNode?.text ?? '');
          const capped = confidence === 'high' ? 'medium' : confidence;
          context.report({ node, messageId: 'builtRevision', data: { ...data, revisionText }, confidence: capped, ...(level === 'tag' ? { severity: opts.tagSeverity as Severity } : {}), ...(load.remediation ? { remediation: load.remediation } : {}) });
          return;
        }
        if (level === 'tag') {
          context.report({ node, messageId: !load.ref ? 'tagRevisionUnknownId' : local ? (load.noOfflineFlag ? 'tagRevisionMaybeLocalPath' : 'tagRevisionMaybeLocal') : 'tagRevision', data, confidence, severity: opts.tagSeverity as Severity, ...(load.remediation ? { remediation: load.remediation } : {}) });
          return;
        }
        if (level === 'branch') {
          // vLLM's tokenizer: pinned by its own keyword
          if (load.ref && !local && load.revisionKeyword) {
            context.report({ node, messageId: 'branchRevisionNamed', data: { ...data, keyword: load.revisionKeyword }, confidence, ...(load.remediation ? { remediation: load.remediation } : {}) });
            return;
          }
          context.report({ node, messageId: !load.ref ? 'branchRevisionUnknownId' : local ? (load.noOfflineFlag ? 'branchRevisionMaybeLocalPath' : 'branchRevisionMaybeLocal') : 'branchRevision', data, confidence, ...(load.remediation ? { remediation: load.remediation } : {}) });
          return;
        }
        if (load.revisionIn === 'none') {
          // KerasHub `from_preset("hf://org/x")` has no revision to pin
          context.report({ node, messageId: load.hfUriOnly ? 'hfUriUnpinned' : 'presetUnpinned', data, confidence });
          return;
        }
        const remediation = load.remediation ? { remediation: load.remediation } : {};
        if (load.defaultId) {
          // `SentenceTransformersTextEmbedder()`, `HuggingFaceLLM()`: the API's default model
          context.report({ node, messageId: 'defaultIdUnpinned', data, confidence: 'medium', ...remediation });
          return;
        }
        // `**kwargs` that cannot be read may carry the revision (or local_files_only), and so may a mapping
        // that carries it (`vllm_kwargs=opts`)
        const hidden = sc.hasUnresolvedArguments(node) || !!load.unreadMapping;
        // LangChain's loaders take no `revision=` of their own: it goes to the model through `model_kwargs`
        const messageId = !load.ref
          ? 'missingRevisionUnknownId'
          : local
            ? load.noOfflineFlag ? 'missingRevisionMaybeLocalPath' : 'missingRevisionMaybeLocal'
            : load.revisionIn === 'model_kwargs'
              ? 'missingRevisionKwargs'
              : load.revisionIn === 'model_init_kwargs'
                ? 'missingRevisionInitKwargs'
                : load.revisionIn === 'config'
                  ? load.revisionIgnored ? 'configRevisionIgnored' : 'missingRevisionConfig'
                : load.revisionIn === 'mapping'
                  ? sc.argument(node, { name: 'revision' }) ? 'mappingRevisionIgnored' : 'missingRevisionMapping'
                  : load.revisionKeyword
                    ? 'missingRevisionNamed'
                    : 'missingRevision';
        // the message says as much as the confidence: the revision may be in what could not be read
        const kwargs = hidden ? (load.unreadMapping ?? splats(node)) : '';
        if (hidden && (messageId === 'missingRevision' || messageId === 'missingRevisionMapping') && kwargs) {
          context.report({ node, messageId: 'missingRevisionHidden', data: { ...data, kwargs }, confidence: 'low', ...remediation });
          return;
        }
        context.report({ node, messageId, data: { ...data, mapping: load.revisionMapping ?? '', keyword: load.revisionKeyword ?? '' }, confidence: hidden ? 'low' : confidence, ...remediation });
      },
    };

    /**
     * `load_dataset("webdataset", data_files="https://huggingface.co/datasets/o/n/resolve/main/…")`, `load_dataset("parquet",
     * data_files="hf://datasets/o/n/…")`: a packaged builder reading a Hub dataset's files at a branch, a tag or the
     * default branch (`packagedHubDataFiles`). The revision is in the URL, not in `revision=`.
     */
    function packagedDataFiles(node: PyNode): boolean {
      const file = packagedHubDataFiles(sc, node);
      if (!file) return false;
      const kind = file.revision === undefined || file.revision === '' ? 'none' : classifyRevision(file.revision);
      const level = pinLevel({ kind }, opts);
      if (level === 'pinned' || (level === 'branch' && opts.allowBranches) || (level === 'tag' && opts.tagSeverity === 'off')) return true;
      const path = sc.argument(node, { name: 'path' }) ?? sc.argument(node, { position: 0 });
      const builder = path ? String(sc.constant(path)) : '';
      const at = level === 'none' ? 'at the default branch' : level === 'branch' ? `at branch "${file.revision}"` : `at "${file.revision}", a tag or abbreviated hash the owner can move`;
      const shown = file.url.length > 120 ? `${file.url.slice(0, 119)}…` : file.url;
      // (a URL known in part: the call reads it at run time, medium)
      const confidence: Confidence = file.url.endsWith('…') ? 'medium' : 'high';
      context.report({ node, messageId: 'packagedDataFiles', data: { api: 'load_dataset', builder, id: file.id, at, file: `"${shown}"` }, confidence, ...(level === 'tag' ? { severity: opts.tagSeverity as Severity } : {}) });
      return true;
    }

    /**
     * A load from another hub (ModelScope, PaddleNLP's storage): named, with its own pinning keyword, or
     * the advice to keep a verified copy where the hub has no revisions.
     */
    /** A W&B artifact fetched by an alias that moves (see `WANDB_ARTIFACT`). */
    function wandbArtifact(node: PyNode): boolean {
      const fn = calleeOf(node);
      if (fn?.type !== 'attribute' || !/^(?:artifact|use_artifact)$/.test(fn.childForFieldName('attribute')?.text ?? '')) return false;
      const names = [sc.qualifiedName(fn), ...sc.instanceQualifiedNames(fn)];
      if (!names.some((q) => !!q && WANDB_ARTIFACT.test(q))) return false;
      const nameNode = sc.argument(node, { name: fn.childForFieldName('attribute')?.text === 'artifact' ? 'name' : 'artifact_or_name', position: 0 });
      let value = nameNode ? sc.constant(nameNode) : UNKNOWN;
      // `f"{entity}/{project}/model:latest"`: the alias written after the parts not known
      let partial = false;
      if (typeof value !== 'string') {
        const pieces = nameNode ? sc.stringPieces(nameNode) : undefined;
        const last = pieces?.[pieces.length - 1] ?? '';
        if (!pieces || !/:[\w.-]+$/.test(last)) return true;
        value = pieces.join('…');
        partial = true;
      }
      const colon = value.lastIndexOf(':');
      const alias = colon > value.lastIndexOf('/') && colon >= 0 ? value.slice(colon + 1) : 'latest';
      if (/^v\d+$/.test(alias)) return true;
      const base = colon > value.lastIndexOf('/') && colon >= 0 ? value.slice(0, colon) : value;
      const type = sc.argument(node, { name: 'type', position: 1 });
      const model = (type && sc.constant(type) === 'model') || mentionsModel(base);
      context.report({ node, messageId: 'wandbAlias', data: { api: sc.getText(fn), id: value, alias, pinned: `${base}:v<n>` }, confidence: model && !partial ? 'high' : 'medium', remediation: WANDB_REMEDIATION });
      return true;
    }

    /**
     * An MLflow registered model loaded by a stage or alias (see `MLFLOW_LOADERS`). The loader may be chosen
     * at run time (`LOADERS[flavor](uri)` from a table of loaders, `fn = mlflow.sklearn.load_model if … else
     * mlflow.pyfunc.load_model`): each MLflow choice reads the URI the same way; when some choices are not
     * MLflow's, the finding is medium and the call is still judged as a Hub load. The URI may come through a
     * helper of the file (`def _load(uri): return mlflow.pyfunc.load_model(uri)` … `_load("models:/x/Production")`):
     * what its calls pass, at medium confidence, as for Hub ids.
     */
    function mlflowRegistered(node: PyNode): boolean {
      const fn = calleeOf(node);
      if (!fn) return false;
      const names = sc.possibleQualifiedNames(fn);
      const loaders = names.filter((q) => MLFLOW_LOADERS.test(q));
      if (loaders.length === 0) return false;
      // every name the callee may have is an MLflow loader (a table or conditional of MLflow loaders only)
      const every = loaders.length === names.length && sc.qualifiedNames(fn).length === names.length;
      const api = loaders.length === 1 && every ? loaders[0] : fn.text.length > 40 ? `${fn.text.slice(0, 39)}…` : fn.text;
      // `spark_udf(spark, model_uri)` takes the URI second; a choice of loaders that mixes it with `load_model(model_uri)`
      // is read by keyword only
      const udf = loaders.filter((q) => MLFLOW_SPARK_UDF.test(q)).length;
      const position = udf === 0 ? 0 : udf === loaders.length ? 1 : undefined;
      const uriNode = sc.argument(node, position === undefined ? { name: 'model_uri' } : { name: 'model_uri', position }) ?? (udf ? undefined : (sc.argument(node, { name: 'artifact_uri' }) ?? sc.argument(node, { name: 'path' })));
      const value = uriNode ? sc.constant(uriNode) : undefined;
      let uris: string[] = [];
      const pieces = typeof value === 'string' ? [value] : uriNode ? sc.stringPieces(uriNode) : undefined;
      if (pieces) uris = [pieces.join('…')];
      else if (uriNode) {
        // a default the environment or the command line can override (`os.environ.get("MODEL_URI",
        // "models:/churn/Production")`, an argparse default), or what the file's calls of a helper pass: read
        // as the Hub ids are, at medium confidence
        const r = resolveId(sc, uriNode);
        if (r.kind === 'string') uris = [r.value];
        for (const c of choicesOf(r) ?? []) if (c.kind === 'string') uris.push(c.value);
      }
      for (const uri of uris) {
        // `models:/<name>/<stage>` or `models:/<name>@<alias>`, the stage or alias written
        const m = /^models:\/([^/@]+)(?:\/([^/]+)|@([^/]+))$/.exec(uri);
        if (!m || (m[2] !== undefined && /^\d+$/.test(m[2]))) continue;
        const stage = m[2] ?? m[3];
        if (stage.includes('…')) continue;
        context.report({
          node,
          messageId: 'mlflowStage',
          data: { api, uri, what: m[3] !== undefined ? 'by alias' : stage.toLowerCase() === 'latest' ? 'by' : 'at stage', stage, name: m[1] },
          confidence: typeof value === 'string' && every ? 'high' : 'medium',
          remediation: MLFLOW_REGISTRY_REMEDIATION,
        });
        return true;
      }
      return every;
    }

    /** `dvc.api.open(path, repo="https://github.com/org/models")` with no commit (see `DVC_READERS`). */
    function dvcRead(node: PyNode): boolean {
      const fn = calleeOf(node);
      const qn = fn ? sc.qualifiedName(fn) : undefined;
      if (!qn || !DVC_READERS.test(qn)) return false;
      // (no `repo=`: the project's own workspace)
      const repoNode = sc.argument(node, { name: 'repo', position: 1 });
      if (!repoNode || sc.constant(repoNode) === null) return true;
      const repoValue = sc.constant(repoNode);
      // a local repository path is the project's
      if (typeof repoValue === 'string' && !/^(?:https?|ssh|git):\/\/|^git@/i.test(repoValue)) return true;
      const pathNode = sc.argument(node, { name: 'path', position: 0 });
      const pathValue = pathNode ? sc.constant(pathNode) : undefined;
      const path = typeof pathValue === 'string' ? pathValue : (pathNode?.text ?? '');
      const repo = typeof repoValue === 'string' ? `"${repoValue}"` : `\`${repoNode.text.length > 40 ? `${repoNode.text.slice(0, 39)}…` : repoNode.text}\``;
      const api = `dvc.api.${qn.slice(qn.lastIndexOf('.') + 1)}`;
      const confidence = typeof repoValue === 'string' ? 'high' : 'low';
      const revNode = sc.argument(node, { name: 'rev', position: 2 });
      if (!revNode || sc.constant(revNode) === null) {
        context.report({ node, messageId: 'dvcUnpinned', data: { api, path, repo }, confidence, remediation: DVC_REMEDIATION });
        return true;
      }
      const rev = sc.constant(revNode);
      if (typeof rev !== 'string' || /^[0-9a-f]{40}$/i.test(rev)) return true;
      context.report({ node, messageId: 'dvcBranch', data: { api, path, repo, rev }, confidence, remediation: DVC_REMEDIATION });
      return true;
    }

    /**
     * A KerasHub preset fetched from Kaggle (`from_preset("kaggle://owner/model/keras/variation")`, see
     * `KERAS_PRESET`): the latest version when the handle names none, as kagglehub's `model_download` (which
     * keras-hub calls with it). Other presets (`hf://`, built-in names) are left to `hubLoad`.
     */
    function kagglePreset(node: PyNode): boolean {
      const fn = calleeOf(node);
      if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'from_preset') return false;
      const qn = sc.qualifiedName(fn);
      if (!qn || !KERAS_PRESET.test(qn)) return false;
      const preset = sc.argument(node, { name: 'preset', position: 0 });
      if (!preset) return false;
      const r = resolve(sc, preset);
      const api = shortApi(qn);
      if (r.kind === 'prefix' && /^kaggle:\/\//i.test(r.value)) {
        context.report({ node, messageId: 'kaggleUnknownHandle', data: { api, expr: preset.text.length > 40 ? `${preset.text.slice(0, 39)}…` : preset.text }, confidence: 'low', remediation: KAGGLE_PRESET_REMEDIATION });
        return true;
      }
      if (r.kind !== 'string' || !/^kaggle:\/\//i.test(r.value)) return false;
      const handle = r.value.replace(/^kaggle:\/\//i, '');
      const parsed = KAGGLE_MODEL_HANDLE.exec(handle);
      // (a handle of another shape is refused by keras-hub)
      if (!parsed || parsed[1] !== undefined) return true;
      // a default the command line or environment can override: medium
      context.report({ node, messageId: 'kaggleUnversioned', data: { api, id: r.value, pinned: `${r.value}/<version>` }, confidence: r.soft ? 'medium' : 'high', remediation: KAGGLE_PRESET_REMEDIATION });
      return true;
    }

    /** A kagglehub download: reported when its handle names no version (see `KAGGLE_DOWNLOADS`). */
    function kaggle(node: PyNode): boolean {
      const fn = calleeOf(node);
      const qn = fn && /download|load_dataset/.test(fn.text) ? sc.qualifiedName(fn) : undefined;
      const m = qn ? KAGGLE_DOWNLOADS.exec(qn) : null;
      if (!m) return false;
      const dataset = m[1] !== 'model_download';
      const handle = m[1] === 'load_dataset' ? sc.argument(node, { name: 'handle', position: 1 }) : sc.argument(node, { name: 'handle', position: 0 });
      if (!handle) return true;
      const api = `kagglehub.${m[1]}`;
      const value = sc.constant(handle);
      if (typeof value !== 'string') {
        if (value === UNKNOWN) context.report({ node, messageId: 'kaggleUnknownHandle', data: { api, expr: handle.text.length > 40 ? `${handle.text.slice(0, 39)}…` : handle.text }, confidence: 'low' });
        return true;
      }
      const parsed = (dataset ? KAGGLE_DATASET_HANDLE : KAGGLE_MODEL_HANDLE).exec(value);
      if (!parsed || parsed[1] !== undefined) return true;
      const pinned = dataset ? `${value}/versions/<n>` : `${value}/<version>`;
      context.report({ node, messageId: 'kaggleUnversioned', data: { api, id: value, pinned }, confidence: 'high', remediation: KAGGLE_REMEDIATION });
      return true;
    }

    function reportOtherHub(load: HubLoad, level: ReturnType<typeof pinLevel>, data: Record<string, string>, confidence: Confidence): void {
      const node = load.call;
      const hub = load.otherHub!;
      const keyword = hub.keyword ?? '';
      const advice = hub.tagsOnly
        ? `Pin \`${keyword}=\` to a release tag you have reviewed (${hub.name} takes branch and tag names, not commit hashes), and compare the files with known SHA-256 digests: the repository owner can move a tag.`
        : keyword
          ? `Pin \`${keyword}=\` to a full commit hash of the ${hub.name} repository.`
          : 'Download the files once, compare their SHA-256 with known values, and load them from that local directory.';
      const latest = hub.tagsOnly ? 'the SDK picks a tag or the `master` branch at load time, which the repository owner can move' : 'whatever the repository holds at load time is used';
      const d = { ...data, hub: hub.name, keyword, advice, latest };
      const remediation = advice;
      if (load.defaultModel) {
        if (keyword) context.report({ node, messageId: 'otherHubDefaultModel', data: d, confidence: 'medium', remediation });
        return;
      }
      if (!keyword && load.ref) {
        context.report({ node, messageId: 'otherHubUnversioned', data: d, confidence, remediation });
        return;
      }
      if (!load.ref) {
        context.report({ node, messageId: 'otherHubUnknownId', data: d, confidence, remediation });
        return;
      }
      if (level === 'tag') {
        context.report({ node, messageId: 'otherHubTagRevision', data: d, confidence, severity: opts.tagSeverity as Severity, remediation });
        return;
      }
      if (level === 'branch') {
        context.report({ node, messageId: 'otherHubBranchRevision', data: d, confidence, remediation });
        return;
      }
      const hidden = sc.hasUnresolvedArguments(node) ? splats(node) : '';
      if (hidden || maybeLocal(load)) {
        const why = hidden ? `\`${hidden}\` could not be read and may carry one` : 'a name that may be a local directory is fetched when no such directory exists';
        context.report({ node, messageId: 'otherHubMissingRevisionMaybe', data: { ...d, why }, confidence: 'low', remediation });
        return;
      }
      context.report({ node, messageId: 'otherHubMissingRevision', data: d, confidence, remediation });
    }
  },
});

/**
 * A name that may be a local directory as well as a Hub id (`from_pretrained("lora_model")`, a bare name that
 * is no legacy Hub id; `from_pretrained("models/Llama-3.1-8B-Instruct")`, an `owner/name` whose owner names a
 * working directory): the loader reads the directory when it exists, and fetches from the Hub otherwise. Not a
 * bare dataset name (`load_dataset("imdb")`: a Hub dataset unless a local folder has that name).
 */
export function maybeLocal(load: HubLoad): boolean {
  // `hf_hub_download("mymodel", …)` reads no directory: whatever the name, it is fetched
  if (load.hubOnly) return false;
  return load.ref?.kind === 'hub' && ((!!load.ref.bare && load.kind !== 'dataset') || !!load.ref.dirLike);
}

/**
 * The name of a data file `hf_hub_download` (or `hf_hub_url`) fetches, when it is evidently neither weights nor
 * code (`.json`, `.txt`, `.csv`, …; not `.py`, `.sh`) and either comes from a dataset repository
 * (`repo_type="dataset"`) or is read as JSON right away (`json.load(open(hf_hub_download(...)))`).
 */
function dataFile(sc: PySourceCode, load: HubLoad): string | undefined {
  if (load.api !== 'hf_hub_download' && load.api !== 'hf_hub_url') return undefined;
  const call = load.call;
  const arg = sc.argument(call, { name: 'filename' }) ?? sc.argument(call, { position: 1 });
  const name = arg ? sc.constant(arg) : undefined;
  if (typeof name !== 'string' || isModelFile(name) || !isNonModelFile(name) || /\.(?:py|sh|js)$/i.test(name)) return undefined;
  const repoTypeArg = sc.argument(call, { name: 'repo_type' });
  if (repoTypeArg && sc.constant(repoTypeArg) === 'dataset') return name;
  // read as JSON where it is fetched: `json.load(open(path))`, `json.loads(Path(path).read_text())`
  for (let p = call.parent, i = 0; p && i < 8 && p.type !== 'expression_statement' && p.type !== 'assignment'; p = p.parent, i++) {
    if (p.type === 'call' && /^(?:json|ujson|orjson)\.loads?$/.test(sc.qualifiedName(calleeOf(p)!) ?? '')) return /\.json$/i.test(name) ? name : undefined;
  }
  return undefined;
}

/** The `*args` / `**kwargs` of a call, as written (`**load_args, **quant_args`). */
function splats(call: PyNode): string {
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  return args.filter((a) => a.type === 'dictionary_splat' || a.type === 'list_splat').map((a) => a.text).join(', ');
}

function idText(load: HubLoad): string {
  if (load.ref?.kind === 'hub') return load.ref.id;
  return load.idNode?.text ?? '';
}

export function confidenceOf(load: HubLoad): Confidence {
  if (!load.ref) return 'low';
  // a name that may be a local directory, also on a receiver the analysis cannot follow
  if (maybeLocal(load)) return 'low';
  if (load.callConfidence !== 'high') return 'medium';
  // A bare dataset name (`load_dataset("imdb")`) is a Hub dataset unless a local folder has that name; a bare
  // name given to `hf_hub_download` is fetched, from a legacy repository that may not exist.
  if (load.ref.kind === 'hub' && load.ref.bare) return load.kind === 'dataset' ? 'medium' : 'low';
  if (load.ref.kind === 'hub' && load.ref.owner === undefined) return 'medium';
  if (load.resolved.kind === 'string' && load.resolved.soft) return 'medium';
  return 'high';
}
