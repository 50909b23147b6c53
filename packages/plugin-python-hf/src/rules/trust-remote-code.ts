import { createRule, UNKNOWN, type Confidence, type ReportDescriptor } from '@oculum/core';
import { importTrigger } from '@oculum/lang-python';
import { argList, buildsArgumentsOnly, calleeName, calleeOf, FORWARDING_KWARGS, forwardedArgument, type PyNode, type PySourceCode } from '../util/ast.js';
import { classifyModelRef, pythonTruthy } from '../util/classify.js';
import { FUNASR_AUTO_MODEL, funasrHub, lmEvalModelArgs, loaderCall } from '../util/hub.js';
import { docsUrl } from '../util/meta.js';
import { choicesOf, resolveId, type Resolved } from '../util/resolve.js';

const name = 'trust-remote-code';

/** The word, and FlagEmbedding imported or AutoAWQ's loader named (loaders that turn remote code on without the word). */
const RULE_TRIGGERS = [
  'trust_remote_code',
  importTrigger(['FlagEmbedding']),
  'AutoAWQForCausalLM', // AutoAWQ's loaders turn it on by default
  'foreign_class',
  'pymodule_file',
  // evaluation modules (see `EVALUATE_LOAD`): the top-level package `evaluate` imported (not a relative
  // `from .evaluate import`, not another package's `evaluate` module), or `load_metric`
  /^[ \t]*(?:import[ \t]+(?:[\w.]+(?:[ \t]+as[ \t]+\w+)?[ \t]*,[ \t]*)*evaluate\b|from[ \t]+evaluate(?:\.[\w.]+)?[ \t]+import\b)|import_module\([ \t]*["']evaluate["']/m,
  'load_metric',
  'custom_pipeline',
];

/**
 * Loaders of Hugging Face evaluation modules, which are Python scripts in Hub Spaces run without any
 * trust_remote_code to refuse them (huggingface/evaluate, src/evaluate/loading.py: `load(path,
 * config_name=None, module_type=None, …, revision=None, **init_kwargs)` imports the module's script;
 * `combine(evaluations, force_prefix=False)` loads each name it is given; `datasets.load_metric(path, …)`
 * did the same before datasets 3.0).
 */
const EVALUATE_LOAD = /^(?:evaluate\.(?:loading\.)?load|datasets\.(?:load\.)?load_metric)$/;
const EVALUATE_COMBINE = /^evaluate\.(?:module\.)?combine$/;
/** Folders a project keeps its own evaluation scripts in (`evaluate.load("metrics/my_metric")`). */
const EVALUATION_FOLDERS = new Set(['metrics', 'metric', 'evaluation', 'evaluations', 'eval', 'evals', 'evaluate', 'evaluator', 'evaluators', 'scoring', 'scorers', 'measurements', 'comparisons', 'scripts', 'utils', 'lib', 'custom_metrics']);
/** Hugging Face's own organisations of evaluation modules (`"accuracy"` is `evaluate-metric/accuracy`). */
const CANONICAL_EVALUATION = /^evaluate-(?:metric|measurement|comparison)\//i;

/**
 * SpeechBrain loaders that import a Python module of the fetched repository (speechbrain/inference/
 * interfaces.py: `foreign_class(source, hparams_file="hyperparams.yaml", pymodule_file="custom.py",
 * classname="CustomInterface", …)` fetches `pymodule_file` from `source` and imports it, "it can download and
 * run arbitrary code"; `Pretrained.from_hparams(source, hparams_file, pymodule_file=None, …)` does the same when
 * given a `pymodule_file`), formerly in `speechbrain.pretrained`.
 */
const SPEECHBRAIN_FOREIGN = /^speechbrain\.(?:inference|pretrained)\.(?:interfaces\.)?foreign_class$/;
const SPEECHBRAIN_FROM_HPARAMS = /^speechbrain\.(?:inference|pretrained)\.(?:[\w.]*\.)?[A-Z]\w*\.from_hparams$/;

/**
 * The models for which FlagEmbedding's `FlagAutoModel.from_finetuned` turns remote code on itself. Read in
 * FlagOpen/FlagEmbedding, FlagEmbedding/inference/embedder/model_mapping.py at 3c2d3215ea5528a7888b2f99849da7bb56d68cea,
 * `GTE_MAPPING`, lines 152-176 (`EmbedderConfig(..., trust_remote_code=True, ...)`, and `gte-base-en-v1.5` with
 * `True` as its third positional field, line 175; the same six in `AUTO_EMBEDDER_MAPPING` at d4c2a1431c22494af7e7e216a1cbeb0163feb294,
 * lines 147-170); every other entry keeps the dataclass default `trust_remote_code: bool = False` (line 35).
 * FlagEmbedding/inference/auto_embedder.py at 04d0468f92296a91b111ff4a13c2e518fda38d9b, `from_finetuned`
 * (lines 17-66): `model_name = os.path.basename(model_name_or_path)` (the parent directory's name for a
 * `checkpoint-*` one, lines 30-32); unless `model_class` is given (lines 34-35) the name must be a key of the
 * mapping (else ValueError, lines 37-44), and `if trust_remote_code is None: trust_remote_code =
 * model_config.trust_remote_code` (lines 51-52) before the model class is built with it. The reranker
 * mapping (inference/reranker/model_mapping.py at 97bc10c9ea09feafe81cd8befe67aee82aaa51d7) turns it on for none.
 */
const FLAG_AUTO_REMOTE_CODE = new Set([
  'gte-Qwen2-7B-instruct',
  'gte-Qwen2-1.5B-instruct',
  'gte-Qwen1.5-7B-instruct',
  'gte-multilingual-base',
  'gte-large-en-v1.5',
  'gte-base-en-v1.5',
]);

/**
 * FlagEmbedding up to 1.2 (FlagOpen/FlagEmbedding, FlagEmbedding/flag_reranker.py at 0216c33f5711631e498af022c608b21471f36901):
 * `FlagLLMReranker.__init__(self, model_name_or_path=None, use_fp16=False, use_bf16=False, cache_dir=None,
 * device=None)` loads `AutoTokenizer.from_pretrained(model_name_or_path, cache_dir=cache_dir, trust_remote_code=True)`
 * and `AutoModelForCausalLM.from_pretrained(..., trust_remote_code=True, ...)`, and so does
 * `LayerWiseFlagLLMReranker.__init__` (same parameters); FlagEmbedding/__init__.py (24f9aa90ce94d9f089e5ec08931c6de9d29359b6)
 * exports both from `.flag_reranker`. From 1.3 the classes of the same names (inference/reranker/decoder_only/
 * base.py `BaseLLMReranker`, layerwise.py) take `trust_remote_code: bool = False` and more keywords.
 */
const FLAG_RERANKER_1X = /^FlagEmbedding\.flag_reranker\.(FlagLLMReranker|LayerWiseFlagLLMReranker)$/;
/** The same classes imported from the package, as both the 1.x layout and later releases export them. */
const FLAG_RERANKER_TOP = /^FlagEmbedding\.(FlagLLMReranker|LayerWiseFlagLLMReranker)$/;
/** The keywords the 1.x rerankers take: any other one is a later release's class (or a TypeError). */
const FLAG_RERANKER_1X_KEYWORDS = new Set(['model_name_or_path', 'use_fp16', 'use_bf16', 'cache_dir', 'device']);
const FLAG_AUTO_MODEL = /^FlagEmbedding\.(?:[\w.]*\.)?FlagAutoModel\.from_finetuned$/;

/**
 * AutoAWQ's loaders, whose `trust_remote_code` defaults to True (casper-hansen/AutoAWQ, awq/models/auto.py at
 * 00c3dfa8d7a84229150733129fe8fba84cbfdff4: `AutoAWQForCausalLM.from_pretrained(self, model_path,
 * trust_remote_code=True, …)` and `from_quantized(self, quant_path, quant_filename="", max_seq_len=2048,
 * trust_remote_code=True, …)`, passed to `AutoConfig.from_pretrained` and to the model classes of
 * awq/models/base.py, whose defaults are True too): a call that does not pass False runs the model's own code.
 * The position of the parameter, for a call that passes it positionally.
 */
const AWQ_AUTO = /^awq\.(?:[\w.]*\.)?AutoAWQForCausalLM\.(from_pretrained|from_quantized)$/;
const AWQ_TRUST_POSITION: Readonly<Record<string, number>> = { from_pretrained: 1, from_quantized: 3 };

/**
 * Argument objects of serving engines whose `trust_remote_code` field the engine built from them obeys
 * (vllm/engine/arg_utils.py: `EngineArgs.trust_remote_code: bool = False`, `AsyncEngineArgs(EngineArgs)`,
 * handed to `LLMEngine.from_engine_args` / `AsyncLLMEngine.from_engine_args`; SGLang's
 * `sglang/srt/server_args.py` `ServerArgs.trust_remote_code`): set as an attribute
 * (`engine_args.trust_remote_code = True`, LocalAI's vLLM backend) it is the keyword by another spelling;
 * also on the arguments vLLM's servers build from the command line (`AsyncEngineArgs.from_cli_args(args)`).
 */
const ENGINE_ARGS_FIELD = /^(?:vllm\.(?:engine\.arg_utils\.)?(?:Async)?EngineArgs|sglang\.(?:srt\.server_args\.)?ServerArgs)(?:\.from_cli_args)?\.trust_remote_code$/;

/**
 * Loaders that read a JSON file and nothing else, whatever `trust_remote_code` says: transformers'
 * `GenerationConfig.from_pretrained(pretrained_model_name, config_file_name=None, …, revision="main", **kwargs)`
 * (src/transformers/generation/configuration_utils.py) fetches `generation_config.json` with `cached_file`, parses it
 * with `json.loads` and builds the object with `cls.from_dict(config_dict, **kwargs)`: an unknown keyword such as
 * `trust_remote_code` becomes an attribute, and no module is imported (review vlm P2-c; the Qwen-VL model cards pass
 * it). `AutoConfig`, by contrast, imports the repository's configuration module.
 */
const CONFIG_ONLY_LOADER = /^transformers\.(?:generation\.(?:configuration_utils\.)?)?GenerationConfig\.from_pretrained$/;

/**
 * diffusers pipeline loaders that take `custom_pipeline=` (src/diffusers/pipelines/pipeline_utils.py
 * `DiffusionPipeline.from_pretrained(pretrained_model_name_or_path, **kwargs)` and `download(...)`, inherited by
 * every pipeline class; `AutoPipelineFor*.from_pretrained` hands its kwargs on). The value is read by
 * `_get_custom_pipeline_class` and utils/dynamic_modules_utils.py `get_cached_module_file`: a path ending in
 * `.py`, or a directory holding `pipeline.py`, is the project's file; a name with a slash is a Hub repository whose
 * `pipeline.py` is fetched with `hf_hub_download` and imported; a bare name is the model repository's own
 * `<name>.py` when it has one, else `<name>.py` of the community pipelines of diffusers' GitHub repository
 * (fetched from the `diffusers/community-pipelines-mirror` dataset at `custom_revision`, by default the
 * installed diffusers release, else `main`). Before huggingface/diffusers#13448 (merged 2026-04) a
 * `custom_pipeline` from another repository ran with no `trust_remote_code` at all; since, it asks for
 * `trust_remote_code=True`, which lets it run, unreviewed all the same.
 */
const DIFFUSERS_PIPELINE_LOADER = /^diffusers\.(?:[\w.]*\.)?[A-Z]\w*Pipeline\w*\.(?:from_pretrained|download)$/;

const CUSTOM_PIPELINE_REMEDIATION =
  'Copy the reviewed pipeline file into the project and pass its path (`custom_pipeline="./pipelines/my_pipeline.py"`); if it must come from the Hub, review it and pin `custom_revision=` to the reviewed commit.';

const EVALUATION_REMEDIATION =
  'Compute the metric with code the project controls (scikit-learn, torchmetrics, or Hugging Face\'s own modules: `evaluate.load("accuracy")`); if a community module is needed, review its script and pin `revision=` to the reviewed commit, or copy it into the project and load it by path (`evaluate.load("./metrics/my_metric.py")`).';
const FLAG_AUTO_REMEDIATION =
  'Pass `trust_remote_code=False` (`FlagAutoModel.from_finetuned(name, trust_remote_code=False)`) and use a model that needs no remote code; if the remote code is unavoidable, review it and load a snapshot pinned to the reviewed commit (`huggingface_hub.snapshot_download(repo_id, revision="<40-hex commit>")`).';
const AWQ_REMEDIATION =
  'Pass `trust_remote_code=False` (AutoAWQ turns it on unless told otherwise, as TheBloke\'s AWQ model cards do) and use a model whose architecture ships with transformers; if the remote code is unavoidable, review it and load a snapshot pinned to the reviewed commit (`download_kwargs={"revision": "<40-hex commit>"}`).';
const FLAG_RERANKER_REMEDIATION =
  'Require FlagEmbedding 1.3 or later, whose `FlagLLMReranker` and `LayerWiseFlagLLMReranker` take `trust_remote_code` (default False), and leave it off; if the remote code is unavoidable, review it and load a snapshot pinned to the reviewed commit (`huggingface_hub.snapshot_download(repo_id, revision="<40-hex commit>")`).';

export default createRule<[], PySourceCode>({
  name,
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['python'],
    triggers: RULE_TRIGGERS,
    docs: {
      description: 'Reports `trust_remote_code` set to a truthy value, which runs Python code shipped in the model or dataset repository.',
      recommended: true,
      url: docsUrl(name),
    },
    messages: {
      trusted: '{{api}} is called with trust_remote_code={{value}}: the repository\'s own Python code (modeling, tokenizer or dataset scripts) runs in this process, even at a pinned revision.',
      trustedLocal: '{{api}} is called with trust_remote_code={{value}} on the local directory {{path}}: the `*.py` files in it (modeling, tokenizer or dataset scripts) run in this process. Review where they came from (a download, a copy of a Hub repository, another machine) and keep the reviewed files with the project.',
      trustedField: '{{api}}.trust_remote_code is set to {{value}}: the engine built from these arguments runs the repository\'s own Python code (modeling, tokenizer or dataset scripts) in its process, even at a pinned revision.',
      maybeTrustedField: '{{api}}.trust_remote_code is set from `{{expr}}`, which could not be resolved; when true, the engine built from these arguments runs the repository\'s own Python code in its process.',
      trustedArgString: '{{api}} is given trust_remote_code={{value}} in its model arguments string: lm-eval passes it to `from_pretrained`, and the repository\'s own Python code (modeling and tokenizer files) runs in this process, even at a pinned revision. Remove it from the string.',
      trustedBag: '{{api}}(...) holds trust_remote_code={{value}}, handed on to code this file does not show: a loader given it runs the repository\'s own Python code (modeling, tokenizer or dataset scripts) in this process, even at a pinned revision.',
      maybeTrusted: '{{api}} takes trust_remote_code from `{{expr}}`, which could not be resolved; when true, the repository\'s Python code runs in this process.',
      setFalse: 'Set trust_remote_code=False',
      libraryEnablesModel: '{{api}} is not given trust_remote_code, but FlagEmbedding turns it on itself for "{{model}}" (its model mapping enables remote code for that model): the repository\'s own Python code runs in this process.',
      libraryMayEnableModel: '{{api}} is not given trust_remote_code, and FlagEmbedding turns it on itself for some models of its mapping (gte-Qwen2-7B-instruct, gte-Qwen2-1.5B-instruct, gte-multilingual-base, …); the model name `{{expr}}` is not known here: for one of them, the repository\'s own Python code runs in this process.',
      libraryEnablesClass: '{{api}} passes trust_remote_code=True itself (FlagEmbedding up to 1.2, FlagEmbedding/flag_reranker.py), whatever the call says: the repository\'s own Python code runs in this process.',
      repositoryModule: '{{api}} fetches "{{id}}" and imports its `{{module}}`: the repository\'s own Python code runs in this process, as with trust_remote_code=True.',
      customPipeline: '{{api}} is given custom_pipeline="{{id}}": diffusers fetches `pipeline.py` from that Hub repository and imports it, so its author\'s Python code runs in this process (older diffusers releases ask for no trust_remote_code at all), even at a pinned custom_revision. Copy the reviewed file into the project and pass its path (`custom_pipeline="./pipelines/pipeline.py"`), or at least pin `custom_revision=` to the reviewed commit.',
      customPipelineCommunity: '{{api}} is given the community pipeline "{{id}}": diffusers imports `{{id}}.py` of the model repository when it has one, else of the community pipelines of diffusers\' GitHub repository (community code, not part of the installed package), fetched {{where}}. Copy the reviewed file into the project and pass its path (`custom_pipeline="./pipelines/{{id}}.py"`), or pin `custom_revision=` to a diffusers release.',
      customPipelineUnknown: '{{api}} takes custom_pipeline from `{{expr}}`, which could not be resolved: when it names a Hub repository (or a community pipeline), diffusers fetches its Python file and imports it into this process.',
      communityEvaluation: '{{api}} loads the community evaluation module "{{id}}" from the Hub: its Python script, written by that account, runs in this process (evaluation modules run without any trust_remote_code to refuse them), even at a pinned revision.',
      repositoryModuleUnknown: '{{api}} imports `{{module}}` from `{{expr}}`, which could not be resolved: when it names a Hub repository, that repository\'s own Python code runs in this process.',
      funasrRepositoryModule:
        '{{api}} is called with trust_remote_code={{value}}: FunASR imports the module the model repository\'s configuration names (its `remote_code`, else `model`), so the repository\'s own Python code runs in this process, even at a pinned revision.',
      funasrHubIgnored:
        '{{api}} is called with trust_remote_code={{value}} and `hub="hf"`: FunASR\'s Hugging Face download imports no module for it today, but the flag still asks for the model\'s own code; leave it unset.',
      funasrProjectModule:
        '{{api}} is called with trust_remote_code={{value}}: FunASR imports {{module}} (`remote_code=`) into this process. That file is the project\'s, not the repository\'s, so keep the reviewed copy with the project; the flag is still what lets a model run code of its own.',
      libraryDefaultTrue: '{{api}} is not given trust_remote_code=False, and AutoAWQ defaults it to True (awq/models/auto.py): the model\'s own Python code (configuration and modeling files of its repository or directory) runs in this process, even at a pinned revision.',
      addFalse: 'Pass trust_remote_code=False',
      libraryMayEnableClass: '{{api}} of FlagEmbedding up to 1.2 (FlagEmbedding/flag_reranker.py) passes trust_remote_code=True itself; from 1.3 the class takes trust_remote_code (default False), and this call passes none of the keywords only the later class takes. Unless FlagEmbedding 1.3 or later is installed, the repository\'s own Python code runs in this process.',
    },
    remediation: 'Use `trust_remote_code=False` (the default) and a model whose architecture ships with the library; if remote code is unavoidable, review it and pin `revision=` to the reviewed commit.',
    hasSuggestions: true,
  },
  create(context) {
    const sc = context.sourceCode;
    // (`helperReturns`: per helper function, its returns read once)
    const returnedByHelper = new Map<number, { values: PyNode[]; every: boolean }>();
    /** Findings reported so far (a call's unresolved custom_pipeline is folded into another finding on it). */
    let reports = 0;
    const report = (d: ReportDescriptor): void => {
      reports++;
      context.report(d);
    };
    const projectLoaders = new Map<number, 'inert' | 'forwards'>();
    /**
     * A call that is no library's loader but resolves to a function of this file (`FakeLoader.from_pretrained`, a
     * local class shadowing `AutoGPTQForCausalLM`): `forwards` when its body may hand `trust_remote_code` on (its
     * `**kwargs`, `*args` or `trust_remote_code` parameter named in a call's arguments or anywhere but a `return`, or
     * the keyword written in a call), `inert` when it never does (`return None`, `return {"name": name, **kwargs}`).
     */
    const projectLoader = (call: PyNode): 'inert' | 'forwards' | undefined => {
      if (loaderCall(sc, call) === 'resolved') return undefined;
      const fn = sc.localFunction(call);
      if (fn?.type !== 'function_definition') return undefined;
      const known = projectLoaders.get(fn.id);
      if (known) return known;
      const names = new Set<string>();
      for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
        if (p.type === 'dictionary_splat_pattern' || p.type === 'list_splat_pattern') {
          const id = p.namedChildren[0];
          if (id) names.add(id.text);
        } else {
          const id = p.type === 'identifier' ? p : (p.childForFieldName('name') ?? p.namedChildren[0]);
          if (id?.text === 'trust_remote_code') names.add(id.text);
        }
      }
      let forwards = false;
      const body = fn.childForFieldName('body');
      for (const n of body ? sc.descendants(body, 'identifier') : []) {
        if (forwards) break;
        if (n.parent?.type === 'keyword_argument' && n.parent.childForFieldName('name')?.id === n.id) {
          if (n.text === 'trust_remote_code' && n.parent.parent?.type === 'argument_list') forwards = true;
          continue;
        }
        if (!names.has(n.text)) continue;
        // where the name is used: inside a call's arguments, or outside any `return`, it may reach a loader
        let inReturn = false;
        for (let p = n.parent; p && p.id !== body!.id; p = p.parent) {
          if (p.type === 'argument_list') {
            forwards = true;
            break;
          }
          if (p.type === 'return_statement') inReturn = true;
        }
        if (!inReturn) forwards = true;
      }
      const out = forwards ? 'forwards' : 'inert';
      projectLoaders.set(fn.id, out);
      return out;
    };
    /** Reports the call when `arg` may be truthy; `onSomePaths`: the value of one branch (`**({...} if c else {})`). */
    const check = (call: PyNode, arg: PyNode, viaKwargs: string | undefined, onSomePaths = false): boolean => {
      let value = sc.constant(arg);
      const api = apiName(sc, call) + (viaKwargs ? ` (via ${viaKwargs})` : '');
      // a project class's loader that hands the flag on (`super().from_pretrained(name, **kwargs)`): not at full confidence
      const known = isKnownLoader(sc, call) && projectLoader(call) === undefined;
      // `self.trust = trust_remote_code` (a parameter defaulting to True) read back as `self.trust`: the
      // values this file assigns to the attribute (a subclass may assign another: not at full confidence)
      let fromAttribute = false;
      if (value === UNKNOWN && arg.type === 'attribute') {
        const values = (sc.attributeValues(arg) ?? []).map((v) => sc.constant(v));
        if (values.length > 0 && values.every((v) => v !== UNKNOWN)) {
          const trusted = values.find((v) => pythonTruthy(v));
          if (trusted === undefined) return false;
          value = trusted;
          fromAttribute = true;
        }
      }
      // `cfg.trust_remote_code` of a dataclass field `trust_remote_code: bool = True`, `args.trust` of an
      // option with `default=True`: true unless the user says otherwise (an option off by default stays low)
      let byDefault = false;
      // (the boolean: a string default such as `"False"` is no proof; lang-python's `defaultValue` reads
      // argparse's `set_defaults` and `args.x = …` writes)
      if (value === UNKNOWN && sc.defaultValue(arg) === true) {
        value = true;
        byDefault = true;
      }
      if (value === UNKNOWN) {
        report({ node: call, messageId: 'maybeTrusted', data: { api, expr: arg.text }, confidence: 'low' });
        return true;
      }
      if (!pythonTruthy(value)) return false;
      const confidence: Confidence = known && !fromAttribute && !byDefault && !onSomePaths ? 'high' : 'medium';
      const suggest = arg.type === 'true' ? [{ messageId: 'setFalse', fix: (fixer: any) => fixer.replaceText(arg, 'False') }] : [];
      // `main(argparse.Namespace(..., trust_remote_code=True))`: a bag of values, not a loader
      const messageId = !viaKwargs && sc.attributeBag(call) ? 'trustedBag' : 'trusted';
      const shown = (arg.text.length > 30 ? 'True' : arg.text) + (byDefault ? ' (True unless set otherwise)' : '');
      // a provably local directory (`"/home/u/models/qwen"`): its own `*.py` files run, no revision to speak of
      const path = messageId === 'trusted' ? localDirectory(sc, call) : undefined;
      // a dataset's script, not a model's architecture
      const dataset = isDatasetLoad(sc, call);
      // FunASR's `AutoModel`: what runs is the module `remote_code=` names, the project's own file when given
      if (!viaKwargs && path === undefined && isFunasrAutoModel(sc, call)) {
        // (`hub="hf"`: FunASR's Hugging Face download imports no module for the flag; it asks for remote code all the same)
        if (funasrHub(sc, call) === 'hf') {
          report({ node: call, messageId: 'funasrHubIgnored', data: { api, value: shown }, confidence: 'low', suggest, remediation: FUNASR_REMEDIATION });
          return true;
        }
        const remote = sc.argument(call, { name: 'remote_code' });
        const module = remote ? sc.constant(remote) : undefined;
        if (typeof module === 'string' && module !== '' && classifyModelRef(module).kind === 'local') {
          report({ node: call, messageId: 'funasrProjectModule', data: { api, value: shown, module: `"${module.length > 60 ? `${module.slice(0, 59)}…` : module}"` }, confidence: 'medium', suggest, remediation: FUNASR_REMEDIATION });
        } else {
          report({ node: call, messageId: 'funasrRepositoryModule', data: { api, value: shown }, confidence, suggest, remediation: FUNASR_REMEDIATION });
        }
        return true;
      }
      if (path !== undefined) {
        report({ node: call, messageId: 'trustedLocal', data: { api, value: shown, path }, confidence, suggest, remediation: dataset ? LOCAL_DATASET_REMEDIATION : LOCAL_REMEDIATION });
        return true;
      }
      report({ node: call, messageId, data: { api, value: shown }, confidence, suggest, ...(dataset ? { remediation: DATASET_REMEDIATION } : {}) });
      return true;
    };
    return {
      // `engine_args.trust_remote_code = True` on a serving engine's arguments (`ENGINE_ARGS_FIELD`)
      assignment(node: PyNode) {
        const target = node.childForFieldName('left');
        // `a.trust_remote_code = b.trust_remote_code = True`: each target is given the last value
        let right = node.childForFieldName('right');
        while (right?.type === 'assignment') right = right.childForFieldName('right');
        if (target?.type !== 'attribute' || !right || target.childForFieldName('attribute')?.text !== 'trust_remote_code') return;
        engineField(node, sc.instanceQualifiedName(target), right);
      },
      call(node: PyNode) {
        if (setEngineField(node)) return;
        // `custom_pipeline=<unresolved>` (low) adds nothing to another finding on the same call
        // (`trust_remote_code=True` reported at full confidence): one finding (review sdwebui P3-1)
        const pendingPipeline = customPipeline(node);
        const before = reports;
        trustedCall(node);
        if (pendingPipeline && reports === before) pendingPipeline();
      },
    };

    /** The findings on a call other than its custom_pipeline's: trust_remote_code, a repository module, a community evaluation. */
    function trustedCall(node: PyNode): void {
      // `GenerationConfig.from_pretrained(..., trust_remote_code=True)`: reads a JSON file, imports nothing
      const callee = calleeOf(node);
      if (callee && callee.text.endsWith('from_pretrained') && CONFIG_ONLY_LOADER.test(sc.qualifiedName(callee) ?? '')) return;
      // lm-eval's `simple_evaluate(model="hf", model_args="pretrained=org/x,trust_remote_code=True")`: the flag in the
      // argument string reaches `from_pretrained` (review evalh P2-2)
      const lmEval = lmEvalModelArgs(sc, node);
      if (lmEval) {
        const flag = lmEval.args.get('trust_remote_code');
        if (flag !== undefined && pythonTruthy(flag)) {
          report({ node, messageId: 'trustedArgString', data: { api: lmEval.api, value: String(flag) === 'true' ? 'True' : String(flag) }, confidence: 'high' });
        }
        return;
      }
      if (repositoryModule(node)) return;
      if (!sc.argument(node, { name: 'trust_remote_code' }) && communityEvaluation(node)) return;
      // `dict(trust_remote_code=True)` is a value, reported where it is passed (`**opts`); a mock's
      // `assert_called_with(..., trust_remote_code=True)` loads nothing.
      if (buildsArgumentsOnly(sc, node, 'trust_remote_code')) return;
      // a method or function of this file that does nothing with the flag (a test double, a registry's
      // `from_pretrained` returning a dict): no load (review quant P3-3)
      if (projectLoader(node) === 'inert') return;
      const direct = sc.argument(node, { name: 'trust_remote_code' });
      if (direct) {
        // `FlagAutoModel.from_finetuned(name, trust_remote_code=None)`: None lets the model mapping decide
        if (check(node, direct, undefined) || sc.constant(direct) !== null) return;
        libraryEnables(node);
        return;
      }
      const forwarded = forwardedArgument(sc, node, 'trust_remote_code', { paths: true });
      if (forwarded) {
        // a mapping chosen at run time (`tokenizer_config=cfg` with `cfg` bound in a branch of an `if`,
        // `model_kwargs={...} if remote else {}`): true on some path, at medium confidence, as `**kw` is
        for (const value of forwarded.values) if (check(node, value, forwarded.via, forwarded.onSomePaths)) return;
        return;
      }
      // `model_kwargs=build_kwargs("cuda")`, a helper of this file that returns the mapping: on every path when
      // each of its returns holds the key, on some otherwise
      const returned = returnedForwardedArgument(node);
      if (returned) {
        for (const value of returned.values) if (check(node, value, returned.via, !returned.every)) return;
        return;
      }
      // `**({"trust_remote_code": True} if remote else {})`: true on some path
      const paths = sc.hasUnresolvedArguments(node) ? sc.argumentPaths(node, 'trust_remote_code') : undefined;
      for (const value of paths?.values ?? []) if (check(node, value, undefined, true)) return;
      // not given: a library that turns remote code on itself
      libraryEnables(node);
    }

    /**
     * `trust_remote_code` in the mapping a helper of this file returns, given to a forwarding keyword
     * (`model_kwargs=build_kwargs("cuda")` with `def build_kwargs(device): return {"device": device,
     * "trust_remote_code": True}`, or a name bound once to such a call): the values its returns give the key,
     * and whether every return gives one. One helper deep, its `return` expressions as the semantic model lists them.
     */
    function returnedForwardedArgument(node: PyNode): { values: PyNode[]; every: boolean; via: string } | undefined {
      for (const a of argList(node)) {
        if (a.type !== 'keyword_argument') continue;
        const via = a.childForFieldName('name')?.text ?? '';
        let value = a.childForFieldName('value');
        if (!value || !FORWARDING_KWARGS.has(via)) continue;
        if (value.type === 'identifier') {
          const bound = sc.reachingBindings(value);
          value = bound.length === 1 && bound[0].kind === 'assignment' ? (bound[0].value ?? null) : null;
        }
        if (value?.type !== 'call') continue;
        const fn = sc.localFunction(value);
        if (fn?.type !== 'function_definition') continue;
        const known = helperReturns(fn);
        if (known.values.length > 0) return { ...known, via };
      }
      return undefined;
    }

    /** Per helper, once (thousands of calls of a helper of thousands of returns were quadratic): the key's values in its returns. */
    function helperReturns(fn: PyNode): { values: PyNode[]; every: boolean } {
      let known = returnedByHelper.get(fn.id);
      if (!known) {
        const returns = sc.returnValues(fn);
        const values = returns.map((r) => sc.mappingValue(r, 'trust_remote_code')).filter((v): v is PyNode => !!v);
        returnedByHelper.set(fn.id, (known = { values, every: values.length === returns.length }));
      }
      return known;
    }

    /** Reports `field` (`vllm.AsyncEngineArgs.trust_remote_code`) set to `value` when it is an engine argument's. */
    function engineField(node: PyNode, field: string | undefined, value: PyNode): void {
      if (!field || !ENGINE_ARGS_FIELD.test(field)) return;
      const api = field.replace(/\.from_cli_args(?=\.trust_remote_code$)/, '').split('.').slice(-2, -1)[0];
      const resolved = sc.constant(value);
      if (resolved === UNKNOWN) {
        report({ node, messageId: 'maybeTrustedField', data: { api, expr: value.text.length > 40 ? `${value.text.slice(0, 39)}…` : value.text }, confidence: 'low' });
        return;
      }
      if (!pythonTruthy(resolved)) return;
      const suggest = value.type === 'true' ? [{ messageId: 'setFalse', fix: (fixer: any) => fixer.replaceText(value, 'False') }] : [];
      report({ node, messageId: 'trustedField', data: { api, value: value.text.length > 30 ? 'True' : value.text }, confidence: 'high', suggest });
    }

    /** `setattr(engine_args, "trust_remote_code", True)`: the attribute assignment by another spelling. */
    function setEngineField(node: PyNode): boolean {
      const fn = calleeOf(node);
      if (!fn || !fn.text.endsWith('setattr') || sc.qualifiedName(fn) !== 'builtins.setattr') return false;
      const args = argList(node);
      if (args.length !== 3 || args.some((a) => a.type === 'keyword_argument' || a.type === 'list_splat' || a.type === 'dictionary_splat')) return true;
      if (sc.constant(args[1]) !== 'trust_remote_code') return true;
      const types = sc.instanceTypes(args[0]);
      if (types.length === 1) engineField(node, `${types[0]}.trust_remote_code`, args[2]);
      return true;
    }

    /**
     * diffusers' `from_pretrained(..., custom_pipeline=...)` (see `DIFFUSERS_PIPELINE_LOADER`): a Hub repository's
     * `pipeline.py` at high confidence, a community pipeline name at low (medium on the `main` branch), a value
     * not resolved at low; a local `.py` file or directory is the project's.
     */
    function customPipeline(node: PyNode): (() => void) | undefined {
      const arg = sc.argument(node, { name: 'custom_pipeline' }) ?? forwardedArgument(sc, node, 'custom_pipeline')?.value;
      if (!arg) return;
      const fn = calleeOf(node);
      const qn = fn ? sc.qualifiedName(fn) : undefined;
      if (!qn || !DIFFUSERS_PIPELINE_LOADER.test(qn)) return;
      const api = apiName(sc, node);
      const resolved = resolveId(sc, arg);
      if (resolved.kind !== 'string') {
        // (left to the caller: reported unless another finding on the call says more)
        if (resolved.kind === 'unknown') {
          return () => report({ node, messageId: 'customPipelineUnknown', data: { api, expr: arg.text.length > 40 ? `${arg.text.slice(0, 39)}…` : arg.text }, confidence: 'low', remediation: CUSTOM_PIPELINE_REMEDIATION });
        }
        return;
      }
      const value = resolved.value.trim();
      if (/\.py$/i.test(value)) return; // the project's own file
      const ref = classifyModelRef(value);
      if (ref.kind !== 'hub') return; // a local directory (diffusers takes no URL)
      if (ref.owner) {
        report({ node, messageId: 'customPipeline', data: { api, id: ref.id }, confidence: resolved.soft ? 'medium' : 'high', remediation: CUSTOM_PIPELINE_REMEDIATION });
        return;
      }
      // a bare name: diffusers' community pipeline (at the installed release unless told `main`)
      const revNode = sc.argument(node, { name: 'custom_revision' });
      const rev = revNode ? sc.constant(revNode) : undefined;
      const onMain = rev === 'main';
      const where = onMain
        ? 'from the `main` branch (custom_revision="main"): whatever is committed there when the code runs'
        : typeof rev === 'string'
          ? `at custom_revision="${rev}"`
          : 'at the installed diffusers release (or `main` when that release is not mirrored)';
      report({ node, messageId: 'customPipelineCommunity', data: { api, id: ref.id, where }, confidence: onMain ? 'medium' : 'low', remediation: CUSTOM_PIPELINE_REMEDIATION });
    }

    /**
     * SpeechBrain's `foreign_class(source, …)`, and `from_hparams(source, …, pymodule_file=…)`: the module
     * comes from `source`, the repository's code when that is a Hub id; a local directory is the project's.
     */
    function repositoryModule(node: PyNode): boolean {
      const fn = calleeOf(node);
      const qn = fn ? sc.qualifiedName(fn) : undefined;
      if (!qn) return false;
      let moduleNode: PyNode | undefined;
      if (SPEECHBRAIN_FOREIGN.test(qn)) moduleNode = sc.argument(node, { name: 'pymodule_file', position: 2 });
      else if (SPEECHBRAIN_FROM_HPARAMS.test(qn)) {
        moduleNode = sc.argument(node, { name: 'pymodule_file', position: 2 });
        if (!moduleNode || sc.constant(moduleNode) === null) return false;
      } else return false;
      const moduleValue = moduleNode ? sc.constant(moduleNode) : 'custom.py';
      const module = typeof moduleValue === 'string' ? moduleValue : (moduleNode?.text ?? 'custom.py');
      const source = sc.argument(node, { name: 'source', position: 0 });
      if (!source) return false;
      const resolved = resolveId(sc, source);
      const api = apiName(sc, node);
      if (resolved.kind === 'string') {
        const ref = classifyModelRef(resolved.value);
        if (ref.kind !== 'hub') return true; // a local directory: the project's own module
        report({ node, messageId: 'repositoryModule', data: { api, id: ref.id, module }, confidence: resolved.soft ? 'medium' : 'high' });
        return true;
      }
      if (resolved.kind === 'unknown') {
        report({ node, messageId: 'repositoryModuleUnknown', data: { api, module, expr: source.text.length > 40 ? `${source.text.slice(0, 39)}…` : source.text }, confidence: 'low' });
      }
      return true;
    }

    /**
     * `evaluate.load("someone/metric")`, `evaluate.combine([...])`, `datasets.load_metric(...)` of a
     * community evaluation module: an `owner/name` id outside Hugging Face's own `evaluate-*`
     * organisations. Canonical modules (`"accuracy"`, `"glue"`), local scripts and directories, and ids
     * that cannot be resolved are not reported.
     */
    function communityEvaluation(node: PyNode): boolean {
      const fn = calleeOf(node);
      const qn = fn ? sc.qualifiedName(fn) : undefined;
      if (!qn) return false;
      let ids: PyNode[];
      if (EVALUATE_LOAD.test(qn)) {
        const path = sc.argument(node, { name: 'path', position: 0 });
        ids = path ? [path] : [];
      } else if (EVALUATE_COMBINE.test(qn)) {
        const list = sc.argument(node, { name: 'evaluations', position: 0 });
        ids = list && (list.type === 'list' || list.type === 'tuple') ? list.namedChildren.filter((c) => c.type !== 'comment') : [];
      } else return false;
      for (const idNode of ids) {
        const resolved = resolveId(sc, idNode);
        if (resolved.kind !== 'string') continue;
        const ref = classifyModelRef(resolved.value, { dirLikeOwners: true });
        // `evaluate.load("metrics/bleu_plus")` reads the project's `metrics/bleu_plus/bleu_plus.py` when it
        // exists: a folder's name for an owner is the project's module, not an account's
        if (ref.kind !== 'hub' || !ref.owner || ref.dirLike || EVALUATION_FOLDERS.has(ref.owner.toLowerCase()) || CANONICAL_EVALUATION.test(ref.id)) continue;
        report({
          node,
          messageId: 'communityEvaluation',
          data: { api: qn.startsWith('evaluate.') ? `evaluate.${qn.slice(qn.lastIndexOf('.') + 1)}` : 'load_metric', id: ref.id },
          confidence: resolved.soft ? 'medium' : 'high',
          remediation: EVALUATION_REMEDIATION,
        });
        return true;
      }
      return false;
    }

    /**
     * FlagEmbedding's loaders that turn remote code on although the call does not (see `FLAG_AUTO_REMOTE_CODE`,
     * `FLAG_RERANKER_1X`). A `**kwargs` the analysis cannot read may give `from_finetuned` a `trust_remote_code` or
     * a `model_class`: medium (the 1.x rerankers take no `trust_remote_code` at all).
     */
    function libraryEnables(node: PyNode): void {
      const fn = calleeOf(node);
      const qn = fn ? sc.qualifiedName(fn) : undefined;
      if (!qn) return;
      const unread = sc.hasUnresolvedArguments(node);
      const awq = AWQ_AUTO.exec(qn);
      if (awq) {
        // given by position (`from_pretrained(path, False)`): its value decides; `trust_remote_code=None` given:
        // transformers asks (or refuses) rather than running the code
        const positional = sc.argument(node, { position: AWQ_TRUST_POSITION[awq[1]] });
        if (positional && positional.type !== 'list_splat') {
          check(node, positional, undefined);
          return;
        }
        if (sc.argument(node, { name: 'trust_remote_code' })) return;
        const last = lastArgument(node);
        const suggest = last ? [{ messageId: 'addFalse', fix: (fixer: any) => fixer.insertTextAfter(last, ', trust_remote_code=False') }] : [];
        // `*args` / `**kwargs` the analysis cannot read may pass False
        report({ node, messageId: 'libraryDefaultTrue', data: { api: apiName(sc, node) }, confidence: unread || positional ? 'medium' : 'high', suggest, remediation: AWQ_REMEDIATION });
        return;
      }
      if (FLAG_AUTO_MODEL.test(qn)) {
        // `model_class=` (the second parameter) skips the mapping: the model class gets trust_remote_code=None
        const modelClass = sc.argument(node, { name: 'model_class' }) ?? sc.argument(node, { position: 1 });
        if (modelClass && sc.constant(modelClass) !== null) return;
        const idNode = sc.argument(node, { name: 'model_name_or_path' }) ?? sc.argument(node, { position: 0 });
        if (!idNode) return;
        const resolved = resolveId(sc, idNode);
        const values = choicesOf(resolved) ?? [resolved];
        // each value's name in the mapping: a model that turns remote code on, one that does not, or not known
        const names = values.map(mappingName);
        const enabling = names.find((n): n is string => typeof n === 'string' && FLAG_AUTO_REMOTE_CODE.has(n));
        const api = apiName(sc, node);
        if (enabling !== undefined) {
          // every value a model that turns it on, written out (not a default a caller or the environment overrides)
          const sure = names.every((n) => typeof n === 'string' && FLAG_AUTO_REMOTE_CODE.has(n)) && !(resolved.kind === 'string' && resolved.soft) && !unread;
          report({ node, messageId: 'libraryEnablesModel', data: { api, model: enabling }, confidence: sure ? 'high' : 'medium', remediation: FLAG_AUTO_REMEDIATION });
          return;
        }
        if (names.some((n) => n === UNKNOWN)) {
          report({ node, messageId: 'libraryMayEnableModel', data: { api, expr: idNode.text.length > 40 ? `${idNode.text.slice(0, 39)}…` : idNode.text }, confidence: 'medium', remediation: FLAG_AUTO_REMEDIATION });
        }
        return;
      }
      const reranker = FLAG_RERANKER_1X.exec(qn) ?? FLAG_RERANKER_TOP.exec(qn);
      if (reranker) {
        // a keyword, or more positional arguments, than the 1.x class takes: a later release's class
        const args = argList(node);
        const keywords = args.filter((a) => a.type === 'keyword_argument').map((a) => a.childForFieldName('name')?.text ?? '');
        if (keywords.some((k) => !FLAG_RERANKER_1X_KEYWORDS.has(k))) return;
        if (args.filter((a) => a.type !== 'keyword_argument' && a.type !== 'dictionary_splat' && a.type !== 'list_splat').length > FLAG_RERANKER_1X_KEYWORDS.size) return;
        const api = reranker[1];
        // imported from `FlagEmbedding.flag_reranker`: the 1.x class, which takes no trust_remote_code at all;
        // from the package: 1.x, or a later release's
        if (FLAG_RERANKER_1X.test(qn)) report({ node, messageId: 'libraryEnablesClass', data: { api }, confidence: 'high', remediation: FLAG_RERANKER_REMEDIATION });
        else report({ node, messageId: 'libraryMayEnableClass', data: { api }, confidence: 'medium', remediation: FLAG_RERANKER_REMEDIATION });
      }
    }
  },
});

/**
 * The name `FlagAutoModel.from_finetuned` looks up in its mapping for a model id or path: its last part,
 * or its parent directory's for a `checkpoint-*` directory (`os.path.basename`); UNKNOWN when the id is
 * not known, undefined for a value that is no name.
 */
function mappingName(r: Resolved): string | typeof UNKNOWN | undefined {
  if (r.kind === 'string') {
    const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
    const name = base(r.value);
    if (!name.startsWith('checkpoint-')) return name;
    // `os.path.dirname`: up to the last `/`, whose trailing slashes go unless it is all slashes
    const head = r.value.slice(0, r.value.lastIndexOf('/') + 1);
    return base(/^\/*$/.test(head) ? head : head.replace(/\/+$/, ''));
  }
  if (r.kind === 'prefix') {
    // `f"BAAI/bge-{size}"`: the name begins after the last `/` of the known part, and no model of the
    // mapping that turns remote code on (nor a `checkpoint-*` directory) begins so
    const start = r.value.slice(r.value.lastIndexOf('/') + 1);
    const may = [...FLAG_AUTO_REMOTE_CODE, 'checkpoint-'].some((n) => n.startsWith(start) || start.startsWith('checkpoint-'));
    return may ? UNKNOWN : undefined;
  }
  return r.kind === 'non-string' || r.kind === 'private-temp' ? undefined : UNKNOWN;
}


/** `datasets.load_dataset(...)` / `load_dataset_builder(...)`: what runs is the dataset's loading script. */
function isDatasetLoad(sc: PySourceCode, call: PyNode): boolean {
  const fn = calleeOf(call);
  return !!fn && /^datasets\.(?:load\.)?(?:load_dataset|load_dataset_builder)$/.test(sc.qualifiedName(fn) ?? '');
}

const DATASET_REMEDIATION =
  'Load the data without running its script: a format `load_dataset` reads itself (`load_dataset("parquet", data_files=…)`, JSON, CSV), or the Parquet files the Hub converts the dataset to (`revision="refs/convert/parquet"`); if the script is unavoidable, review it and keep the reviewed copy with the project (or pin `revision=` to the reviewed commit).';

const LOCAL_DATASET_REMEDIATION =
  'Review the dataset script in that directory and keep the reviewed copy with the project (version control, a checksum), or convert the data to a format `load_dataset` reads without a script (`load_dataset("parquet", data_files=…)`, JSON, CSV) and drop `trust_remote_code`.';

/** FunASR's `AutoModel` (funasr/auto/auto_model.py, funasr/download/download_model_from_hub.py). */
function isFunasrAutoModel(sc: PySourceCode, call: PyNode): boolean {
  const fn = calleeOf(call);
  return !!fn && FUNASR_AUTO_MODEL.test(sc.qualifiedName(fn) ?? '');
}

const FUNASR_REMEDIATION =
  'Leave `trust_remote_code` unset unless the model needs code of its own; if it does, keep a reviewed copy of that code with the project and pass it as `remote_code="./model.py"`, and load the model from a directory you downloaded at a reviewed revision (FunASR also installs the `requirements.txt` a downloaded model ships).';

const LOCAL_REMEDIATION =
  'Use `trust_remote_code=False` (the default) when the architecture ships with the library; otherwise review the directory\'s `*.py` files, keep the reviewed copy with the project (version control, a checksum), and load only that copy.';

/**
 * The directory a loader is given when it is provably local (`"/home/u/qwen_3b"`, `"./out/model"`,
 * `os.path.join(d, "m")`, `Path(...)`): its text (or the expression's, when built at run time). The id is the
 * first positional argument (the second of `pipeline(task, model)`) or a `model…=`/`pretrained_model_name_or_path=` keyword.
 */
function localDirectory(sc: PySourceCode, call: PyNode): string | undefined {
  const id =
    sc.argument(call, { name: 'pretrained_model_name_or_path' }) ??
    sc.argument(call, { name: 'model_name_or_path' }) ??
    sc.argument(call, { name: 'model' }) ??
    sc.argument(call, { name: 'path' }) ??
    sc.argument(call, { position: calleeName(call) === 'pipeline' ? 1 : 0 });
  if (!id || id.type === 'list_splat' || id.type === 'dictionary_splat') return undefined;
  const r = resolveId(sc, id);
  const short = (t: string) => (t.length > 60 ? `${t.slice(0, 57)}...` : t);
  if (r.kind === 'string' && !r.choices && classifyModelRef(r.value).kind === 'local') return `"${short(r.value)}"`;
  // built at run time: the expression, as written
  if (r.kind === 'local' || r.kind === 'private-temp') return `\`${short(id.text)}\``;
  return undefined;
}

/** The call's last argument (for inserting a keyword after it); undefined for `f()`. */
function lastArgument(call: PyNode): PyNode | undefined {
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'argument_list') return undefined;
  const named = args.namedChildren.filter((c) => c.type !== 'comment' && c.type !== 'line_continuation');
  return named[named.length - 1];
}

function isKnownLoader(sc: PySourceCode, call: PyNode): boolean {
  return loaderCall(sc, call) !== undefined;
}

function apiName(sc: PySourceCode, call: PyNode): string {
  const fn = calleeOf(call);
  const qn = fn ? sc.qualifiedName(fn) : undefined;
  if (qn) {
    const parts = qn.split('.');
    return parts.length >= 2 && /^[A-Z]/.test(parts[parts.length - 2]) ? parts.slice(-2).join('.') : parts[parts.length - 1];
  }
  const t = fn?.text ?? 'call';
  return t.length > 40 ? (calleeName(call) ?? 'call') : t;
}
