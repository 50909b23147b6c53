import rule from '../../src/rules/trust-remote-code.js';
import { describe, expect, it } from 'vitest';
import { fixture, lintAll, ruleTester } from '../helpers.js';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';

ruleTester.run('hf/trust-remote-code', rule, {
  valid: [
    // (review quant P3-2) filling a dict with `.update(...)`: reported where it is passed, not where it is filled
    'cfg = {}\ncfg.update(trust_remote_code=True)',
    'kw = dict(device_map="auto")\nkw.setdefault("x", 1)\nkw.update(trust_remote_code=True)',
    // (review quant P3-3) a same-file class whose loader does nothing with the flag loads nothing
    'class AutoGPTQForCausalLM:\n    @classmethod\n    def from_quantized(cls, name, **kwargs):\n        return None\na = AutoGPTQForCausalLM.from_quantized("TheBloke/Llama-2-7B-GPTQ", trust_remote_code=True)',
    'class FakeLoader:\n    @staticmethod\n    def from_pretrained(name, **kwargs):\n        return {"name": name, **kwargs}\nb = FakeLoader.from_pretrained("TheBloke/Llama-2-7B-GPTQ", trust_remote_code=True)',
    // diffusers' custom_pipeline given the project's own file or directory (review comfy P3c)
    'from diffusers import DiffusionPipeline\npipe = DiffusionPipeline.from_pretrained("org/sd", revision="0123456789abcdef0123456789abcdef01234567", custom_pipeline="./pipelines/lpw_stable_diffusion.py")',
    'from diffusers import DiffusionPipeline\npipe = DiffusionPipeline.from_pretrained("org/sd", custom_pipeline="./my_pipeline_directory/")',
    // custom_pipeline of another library's from_pretrained is not diffusers'
    'from mylib import Loader\nm = Loader.from_pretrained("org/x", custom_pipeline="org/pipe")',
    // a serving engine's arguments with the field off; the same attribute of another object
    'from vllm import AsyncEngineArgs\nargs = AsyncEngineArgs(model="org/m")\nargs.trust_remote_code = False',
    'import argparse\nns = argparse.Namespace()\nns.trust_remote_code = True\nself_like.trust_remote_code = True',
    // Hugging Face's own evaluation modules, local scripts, ids not known, another library's `load`
    'import evaluate\nacc = evaluate.load("accuracy")\nglue = evaluate.load("glue", "mrpc")\nbleu = evaluate.load("evaluate-metric/bleu")\nmine = evaluate.load("./metrics/my_metric.py")\ncombo = evaluate.combine(["accuracy", "f1"])\ndyn = evaluate.load(args.metric)',
    'import json\nx = json.load(open("someone/fancy_metric"))',
    // a folder of the project: evaluate reads `metrics/my_metric/my_metric.py` when it exists
    'import evaluate\nm = evaluate.load("metrics/my_metric")\nr = evaluate.load("evaluation/rouge")\no = evaluate.load("outputs/m")',
    // a subclass's class attribute shadows its base's (attribute lookup: the first class that binds it)
    'from transformers import AutoModel\nclass Base:\n    trust_remote_code = True\nclass Pinned(Base):\n    trust_remote_code = False\n    def load(self):\n        return AutoModel.from_pretrained("org/model", revision="0123456789abcdef0123456789abcdef01234567", trust_remote_code=self.trust_remote_code)',
    // SpeechBrain: a local source is the project's module; from_hparams without a pymodule_file imports none
    'from speechbrain.inference.interfaces import foreign_class\nclf = foreign_class(source="./my_model", pymodule_file="custom.py")',
    'from speechbrain.inference.speaker import EncoderClassifier\nenc = EncoderClassifier.from_hparams(source="speechbrain/spkrec-ecapa-voxceleb")',
    // a plain dataclass whose member is passed: judged there (False by default)
    `from dataclasses import dataclass\nfrom transformers import AutoModel\n@dataclass\nclass Cfg:\n    trust_remote_code: bool = False\ncfg = Cfg()\nm = AutoModel.from_pretrained("org/m", revision="${COMMIT}", trust_remote_code=cfg.trust_remote_code)`,
    'from transformers import AutoModel\nclass L:\n    def __init__(self, n, trust_remote_code=False):\n        self.t = trust_remote_code\n        self.m = AutoModel.from_pretrained(n, trust_remote_code=self.t)',
    `from transformers import AutoModel\nAutoModel.from_pretrained("org/m", revision="${COMMIT}", trust_remote_code=False)`,
    `from transformers import AutoModel\nAutoModel.from_pretrained("org/m", revision="${COMMIT}")`,
    'from transformers import AutoModel\ndef f(name, trust_remote_code=False):\n    return AutoModel.from_pretrained(name, trust_remote_code=trust_remote_code)',
    '# trust_remote_code=True\nx = "trust_remote_code=True"',
    // FlagEmbedding: a model its mapping loads without remote code, `model_class` (no mapping), False given,
    // a reranker given a keyword only the later (trust_remote_code=False) class takes, a look-alike
    'from FlagEmbedding import FlagAutoModel\nm = FlagAutoModel.from_finetuned("BAAI/bge-large-en-v1.5")',
    'from FlagEmbedding import FlagAutoModel\nm = FlagAutoModel.from_finetuned("Alibaba-NLP/gte-Qwen2-7B-instruct", model_class="decoder-only-base")',
    'from FlagEmbedding import FlagAutoModel\nm = FlagAutoModel.from_finetuned("Alibaba-NLP/gte-Qwen2-7B-instruct", trust_remote_code=False)',
    'from FlagEmbedding import FlagLLMReranker\nr = FlagLLMReranker("BAAI/bge-reranker-v2-gemma", peft_path="./lora")',
    'from FlagEmbedding import FlagReranker\nr = FlagReranker("BAAI/bge-reranker-v2-m3", use_fp16=True)',
    'from mylib import FlagAutoModel\nm = FlagAutoModel.from_finetuned("Alibaba-NLP/gte-Qwen2-7B-instruct")',
    // AutoAWQ (default trust_remote_code=True): False given by keyword or by position, None given (transformers
    // asks or refuses), a look-alike of another package
    'from awq import AutoAWQForCausalLM\nm = AutoAWQForCausalLM.from_quantized("TheBloke/zephyr-7B-beta-AWQ", fuse_layers=True, trust_remote_code=False)',
    'from awq import AutoAWQForCausalLM\nm = AutoAWQForCausalLM.from_pretrained("./mistral-7b", False)',
    'from awq import AutoAWQForCausalLM\nm = AutoAWQForCausalLM.from_quantized("./zephyr-awq", "", 2048, False)',
    'from awq import AutoAWQForCausalLM\nm = AutoAWQForCausalLM.from_quantized("./zephyr-awq", trust_remote_code=None)',
    'from mylib import AutoAWQForCausalLM\nm = AutoAWQForCausalLM.from_quantized("TheBloke/zephyr-7B-beta-AWQ")',
    // lm-eval's model_args string without the flag, or with it off
    'import lm_eval\nr = lm_eval.simple_evaluate(model="hf", model_args="pretrained=org/m,trust_remote_code=False,revision=0123456789abcdef0123456789abcdef01234567")',
    // (review vlm P2-c) GenerationConfig only reads generation_config.json: the flag becomes an attribute
    `from transformers.generation import GenerationConfig\ngen = GenerationConfig.from_pretrained("Qwen/Qwen-VL-Chat", revision="${COMMIT}", trust_remote_code=True)`,
    `import transformers\ngen = transformers.GenerationConfig.from_pretrained("Qwen/Qwen-7B-Chat", revision="${COMMIT}", trust_remote_code=True)`,
  ],
  invalid: [
    // (review quant P3-2) one finding, at the load the filled dict reaches
    {
      code: 'from transformers import AutoModelForCausalLM\nREV = "0123456789abcdef0123456789abcdef01234567"\nmodel_kwargs = {"revision": REV, "device_map": "auto"}\nmodel_kwargs.update(trust_remote_code=True)\nmodel = AutoModelForCausalLM.from_pretrained("Qwen/Qwen-7B", **model_kwargs)',
      errors: [{ messageId: 'trusted', line: 5, confidence: 'high', data: { api: 'AutoModelForCausalLM.from_pretrained', value: 'True' }, suggestions: [{ messageId: 'setFalse', output: 'from transformers import AutoModelForCausalLM\nREV = "0123456789abcdef0123456789abcdef01234567"\nmodel_kwargs = {"revision": REV, "device_map": "auto"}\nmodel_kwargs.update(trust_remote_code=False)\nmodel = AutoModelForCausalLM.from_pretrained("Qwen/Qwen-7B", **model_kwargs)' }] }],
    },
    // (review quant P3-3) a project class whose loader hands its kwargs to transformers: reported, not at full confidence
    {
      code: 'from transformers import AutoModelForCausalLM\nclass Wrapper:\n    @classmethod\n    def from_pretrained(cls, name, **kwargs):\n        return AutoModelForCausalLM.from_pretrained(name, **kwargs)\nc = Wrapper.from_pretrained("org/m", trust_remote_code=True)',
      errors: [{ messageId: 'trusted', line: 6, confidence: 'medium', data: { api: 'Wrapper.from_pretrained', value: 'True' }, suggestions: [{ messageId: 'setFalse', output: 'from transformers import AutoModelForCausalLM\nclass Wrapper:\n    @classmethod\n    def from_pretrained(cls, name, **kwargs):\n        return AutoModelForCausalLM.from_pretrained(name, **kwargs)\nc = Wrapper.from_pretrained("org/m", trust_remote_code=False)' }] }],
    },
    // `engine_args.trust_remote_code = True` (LocalAI's vLLM backend): the keyword by another spelling, pinned or not
    {
      code: `from vllm.engine.arg_utils import AsyncEngineArgs\nfrom vllm.engine.async_llm_engine import AsyncLLMEngine\nengine_args = AsyncEngineArgs(model="org/model", revision="${COMMIT}")\nengine_args.trust_remote_code = True\nengine = AsyncLLMEngine.from_engine_args(engine_args)`,
      errors: [{ messageId: 'trustedField', line: 4, column: 1, confidence: 'high', data: { api: 'AsyncEngineArgs', value: 'True' }, suggestions: [{ messageId: 'setFalse', output: `from vllm.engine.arg_utils import AsyncEngineArgs\nfrom vllm.engine.async_llm_engine import AsyncLLMEngine\nengine_args = AsyncEngineArgs(model="org/model", revision="${COMMIT}")\nengine_args.trust_remote_code = False\nengine = AsyncLLMEngine.from_engine_args(engine_args)` }] }],
    },
    // a parameter annotated with the class
    {
      code: 'from vllm import AsyncEngineArgs\ndef start(engine_args: AsyncEngineArgs):\n    engine_args.trust_remote_code = True',
      errors: [{ messageId: 'trustedField', line: 3, confidence: 'high', data: { api: 'AsyncEngineArgs', value: 'True' }, suggestions: [{ messageId: 'setFalse', output: 'from vllm import AsyncEngineArgs\ndef start(engine_args: AsyncEngineArgs):\n    engine_args.trust_remote_code = False' }] }],
    },
    // vLLM's servers build them from the command line; a chained assignment gives each target the value
    {
      code: 'from vllm import AsyncEngineArgs\ndef f(parser):\n    engine_args = AsyncEngineArgs.from_cli_args(parser.parse_args())\n    engine_args.trust_remote_code = True\n    a = AsyncEngineArgs(model="org/m")\n    b = AsyncEngineArgs(model="org/n")\n    a.trust_remote_code = b.trust_remote_code = True',
      errors: [
        { messageId: 'trustedField', line: 4, confidence: 'high', data: { api: 'AsyncEngineArgs', value: 'True' }, suggestions: [{ messageId: 'setFalse', output: 'from vllm import AsyncEngineArgs\ndef f(parser):\n    engine_args = AsyncEngineArgs.from_cli_args(parser.parse_args())\n    engine_args.trust_remote_code = False\n    a = AsyncEngineArgs(model="org/m")\n    b = AsyncEngineArgs(model="org/n")\n    a.trust_remote_code = b.trust_remote_code = True' }] },
        { messageId: 'trustedField', line: 7, column: 5, confidence: 'high', data: { api: 'AsyncEngineArgs', value: 'True' }, suggestions: [{ messageId: 'setFalse', output: 'from vllm import AsyncEngineArgs\ndef f(parser):\n    engine_args = AsyncEngineArgs.from_cli_args(parser.parse_args())\n    engine_args.trust_remote_code = True\n    a = AsyncEngineArgs(model="org/m")\n    b = AsyncEngineArgs(model="org/n")\n    a.trust_remote_code = b.trust_remote_code = False' }] },
        { messageId: 'trustedField', line: 7, column: 27, confidence: 'high', data: { api: 'AsyncEngineArgs', value: 'True' }, suggestions: [{ messageId: 'setFalse', output: 'from vllm import AsyncEngineArgs\ndef f(parser):\n    engine_args = AsyncEngineArgs.from_cli_args(parser.parse_args())\n    engine_args.trust_remote_code = True\n    a = AsyncEngineArgs(model="org/m")\n    b = AsyncEngineArgs(model="org/n")\n    a.trust_remote_code = b.trust_remote_code = False' }] },
      ],
    },
    // `setattr` sets the same field; on another object, or another attribute, it is not read
    {
      code: 'from vllm import AsyncEngineArgs\nimport vllm\ndef f(parser, flag, other):\n    engine_args = AsyncEngineArgs.from_cli_args(parser.parse_args())\n    setattr(engine_args, "trust_remote_code", True)\n    setattr(other, "trust_remote_code", True)\n    a = vllm.EngineArgs(model=flag)\n    setattr(a, "trust_remote_code", flag)\n    setattr(a, "trust_remote_code", False)\n    setattr(a, "enforce_eager", True)',
      errors: [
        { messageId: 'trustedField', line: 5, column: 5, confidence: 'high', data: { api: 'AsyncEngineArgs', value: 'True' }, suggestions: [{ messageId: 'setFalse', output: 'from vllm import AsyncEngineArgs\nimport vllm\ndef f(parser, flag, other):\n    engine_args = AsyncEngineArgs.from_cli_args(parser.parse_args())\n    setattr(engine_args, "trust_remote_code", False)\n    setattr(other, "trust_remote_code", True)\n    a = vllm.EngineArgs(model=flag)\n    setattr(a, "trust_remote_code", flag)\n    setattr(a, "trust_remote_code", False)\n    setattr(a, "enforce_eager", True)' }] },
        { messageId: 'maybeTrustedField', line: 8, confidence: 'low', data: { api: 'EngineArgs', expr: 'flag' } },
      ],
    },
    {
      code: 'import vllm\ndef start(request):\n    args = vllm.EngineArgs(model=request.Model)\n    args.trust_remote_code = request.TrustRemoteCode\n    return vllm.LLMEngine.from_engine_args(args)',
      errors: [{ messageId: 'maybeTrustedField', line: 4, confidence: 'low', data: { api: 'EngineArgs', expr: 'request.TrustRemoteCode' } }],
    },
    // community evaluation modules: their scripts run without trust_remote_code
    {
      code: 'import evaluate\nm = evaluate.load("someone/fancy_metric")\nc = evaluate.combine(["accuracy", "someone/other_metric"])\np = evaluate.load("someone/fancy_metric", revision="0123456789abcdef0123456789abcdef01234567")',
      errors: [
        { messageId: 'communityEvaluation', line: 2, confidence: 'high', data: { api: 'evaluate.load', id: 'someone/fancy_metric' } },
        { messageId: 'communityEvaluation', line: 3, confidence: 'high', data: { api: 'evaluate.combine', id: 'someone/other_metric' } },
        { messageId: 'communityEvaluation', line: 4, confidence: 'high', data: { api: 'evaluate.load', id: 'someone/fancy_metric' } },
      ],
    },
    {
      code: 'import evaluate.loading\nm = evaluate.loading.load("someone/metric")',
      errors: [{ messageId: 'communityEvaluation', data: { api: 'evaluate.load', id: 'someone/metric' } }],
    },
    {
      code: 'from datasets import load_metric\nm = load_metric("someuser/metric2")\nfrom evaluate import load\ndef score(name="someone/m3"):\n    return load(name)',
      errors: [
        { messageId: 'communityEvaluation', line: 2, confidence: 'high', data: { api: 'load_metric', id: 'someuser/metric2' } },
        { messageId: 'communityEvaluation', line: 5, confidence: 'high', data: { api: 'evaluate.load', id: 'someone/m3' } },
      ],
    },
    // a provably local directory: reported, worded for the directory's own `*.py` files (review github3, P11)
    {
      code: 'from transformers import AutoTokenizer\nmodel_path = "/home/sagemaker-user/DQFP/model/qwen_3b_I"\ntokenizer = AutoTokenizer.from_pretrained(model_path, trust_remote_code=True)',
      errors: [
        {
          messageId: 'trustedLocal',
          confidence: 'high',
          data: { api: 'AutoTokenizer.from_pretrained', value: 'True', path: '"/home/sagemaker-user/DQFP/model/qwen_3b_I"' },
          suggestions: [{ messageId: 'setFalse', output: 'from transformers import AutoTokenizer\nmodel_path = "/home/sagemaker-user/DQFP/model/qwen_3b_I"\ntokenizer = AutoTokenizer.from_pretrained(model_path, trust_remote_code=False)' }],
        },
      ],
    },
    {
      code: 'import os\nfrom transformers import AutoModel\ndef load(root):\n    return AutoModel.from_pretrained(os.path.join(root, "qwen"), trust_remote_code=True)',
      errors: [{ messageId: 'trustedLocal', data: { api: 'AutoModel.from_pretrained', value: 'True', path: '`os.path.join(root, "qwen")`' }, suggestions: [{ messageId: 'setFalse', output: 'import os\nfrom transformers import AutoModel\ndef load(root):\n    return AutoModel.from_pretrained(os.path.join(root, "qwen"), trust_remote_code=False)' }] }],
    },
    // FunASR: the module `remote_code=` names (a project file: medium), else the one the repository's configuration names
    {
      code: 'from funasr import AutoModel\nmodel = AutoModel(model="iic/SenseVoiceSmall", trust_remote_code=True, remote_code="./model.py", model_revision="v2.0.4")',
      errors: [{ messageId: 'funasrProjectModule', confidence: 'medium', data: { api: 'AutoModel', value: 'True', module: '"./model.py"' }, suggestions: [{ messageId: 'setFalse', output: 'from funasr import AutoModel\nmodel = AutoModel(model="iic/SenseVoiceSmall", trust_remote_code=False, remote_code="./model.py", model_revision="v2.0.4")' }] }],
    },
    {
      code: 'from funasr import AutoModel\nmodel = AutoModel(model="iic/Fun-ASR-Nano", trust_remote_code=True)',
      errors: [{ messageId: 'funasrRepositoryModule', confidence: 'high', data: { api: 'AutoModel', value: 'True' }, suggestions: [{ messageId: 'setFalse', output: 'from funasr import AutoModel\nmodel = AutoModel(model="iic/Fun-ASR-Nano", trust_remote_code=False)' }] }],
    },
    // (review s30: FunASR's Hugging Face download imports nothing for the flag: low; a local directory: its own files)
    {
      code: 'from funasr import AutoModel\nmodel = AutoModel(model="FunAudioLLM/Fun-ASR-Nano-2512", trust_remote_code=True, hub="hf")',
      errors: [{ messageId: 'funasrHubIgnored', confidence: 'low', data: { api: 'AutoModel', value: 'True' }, suggestions: [{ messageId: 'setFalse', output: 'from funasr import AutoModel\nmodel = AutoModel(model="FunAudioLLM/Fun-ASR-Nano-2512", trust_remote_code=False, hub="hf")' }] }],
    },
    {
      code: 'from funasr import AutoModel\nmodel = AutoModel(model="./local_model_dir", trust_remote_code=True)',
      errors: [{ messageId: 'trustedLocal', data: { api: 'AutoModel', value: 'True', path: '"./local_model_dir"' }, suggestions: [{ messageId: 'setFalse', output: 'from funasr import AutoModel\nmodel = AutoModel(model="./local_model_dir", trust_remote_code=False)' }] }],
    },
    // a Hub id, or an id not known: the repository's message
    {
      code: 'from transformers import AutoModel\nm = AutoModel.from_pretrained("Qwen/Qwen-7B", trust_remote_code=True)',
      errors: [{ messageId: 'trusted', suggestions: [{ messageId: 'setFalse', output: 'from transformers import AutoModel\nm = AutoModel.from_pretrained("Qwen/Qwen-7B", trust_remote_code=False)' }] }],
    },
    // diffusers' custom_pipeline: a Hub repository's pipeline.py is imported (review comfy P3c)
    {
      code: 'from diffusers import DiffusionPipeline\npipe = DiffusionPipeline.from_pretrained("runwayml/stable-diffusion-v1-5", revision="1d0c4ebf6ff58a5caecab40fa1406526bca4b5b9", custom_pipeline="someuser/my-community-pipeline")',
      errors: [{ messageId: 'customPipeline', confidence: 'high', line: 2, data: { api: 'DiffusionPipeline.from_pretrained', id: 'someuser/my-community-pipeline' } }],
    },
    {
      // the community pipelines of diffusers' repository: at the installed release (low), on `main` (medium)
      code: 'from diffusers import DiffusionPipeline\npipe = DiffusionPipeline.from_pretrained("org/sd", custom_pipeline="lpw_stable_diffusion")\npipe2 = DiffusionPipeline.from_pretrained("org/sd", custom_pipeline="lpw_stable_diffusion", custom_revision="main")',
      errors: [
        { messageId: 'customPipelineCommunity', confidence: 'low', line: 2, data: { api: 'DiffusionPipeline.from_pretrained', id: 'lpw_stable_diffusion', where: 'at the installed diffusers release (or `main` when that release is not mirrored)' } },
        { messageId: 'customPipelineCommunity', confidence: 'medium', line: 3, data: { api: 'DiffusionPipeline.from_pretrained', id: 'lpw_stable_diffusion', where: 'from the `main` branch (custom_revision="main"): whatever is committed there when the code runs' } },
      ],
    },
    {
      code: 'from diffusers import StableDiffusionPipeline\ndef load(name):\n    return StableDiffusionPipeline.from_pretrained("org/sd", custom_pipeline=name)',
      errors: [{ messageId: 'customPipelineUnknown', confidence: 'low', line: 3, data: { api: 'StableDiffusionPipeline.from_pretrained', expr: 'name' } }],
    },
    // with trust_remote_code=True on the same call: one finding, the flag's (review sdwebui P3-1)
    {
      code: 'from diffusers import DiffusionPipeline\ndef load(repo_id, custom_pipeline):\n    return DiffusionPipeline.from_pretrained(repo_id, custom_pipeline=custom_pipeline, trust_remote_code=True, revision="0123456789abcdef0123456789abcdef01234567")',
      errors: [{ messageId: 'trusted', confidence: 'high', line: 3, data: { api: 'DiffusionPipeline.from_pretrained', value: 'True' }, suggestions: [{ messageId: 'setFalse', output: 'from diffusers import DiffusionPipeline\ndef load(repo_id, custom_pipeline):\n    return DiffusionPipeline.from_pretrained(repo_id, custom_pipeline=custom_pipeline, trust_remote_code=False, revision="0123456789abcdef0123456789abcdef01234567")' }] }],
    },
    // SpeechBrain imports the repository's module: remote code without the flag
    {
      code: 'from speechbrain.inference.interfaces import foreign_class\nclf = foreign_class(source="speechbrain/emotion-recognition-wav2vec2-IEMOCAP", pymodule_file="custom_interface.py", classname="C")',
      errors: [{ messageId: 'repositoryModule', confidence: 'high', data: { api: 'foreign_class', id: 'speechbrain/emotion-recognition-wav2vec2-IEMOCAP', module: 'custom_interface.py' } }],
    },
    {
      code: 'from speechbrain.pretrained import EncoderClassifier\nenc = EncoderClassifier.from_hparams(source="org/spk", pymodule_file="custom.py")',
      errors: [{ messageId: 'repositoryModule', confidence: 'high', data: { api: 'EncoderClassifier.from_hparams', id: 'org/spk', module: 'custom.py' } }],
    },
    {
      code: 'from speechbrain.inference.interfaces import foreign_class\ndef load(src):\n    return foreign_class(src, classname="C")',
      errors: [{ messageId: 'repositoryModuleUnknown', confidence: 'low', data: { api: 'foreign_class', module: 'custom.py', expr: 'src' } }],
    },
    // attribute bags: reported where the member is passed (high), or where a bag handed on whole is built (medium, its own message)
    {
      code: `from dataclasses import dataclass\nfrom transformers import AutoModel\n@dataclass\nclass Cfg:\n    name: str\n    trust_remote_code: bool = False\ncfg = Cfg("org/m", trust_remote_code=True)\nm = AutoModel.from_pretrained(cfg.name, revision="${COMMIT}", trust_remote_code=cfg.trust_remote_code)`,
      errors: [{ messageId: 'trusted', confidence: 'high', line: 8 }],
    },
    {
      code: 'import argparse\nfrom train import main\nmain(argparse.Namespace(model="org/m", trust_remote_code=True))',
      errors: [
        {
          messageId: 'trustedBag',
          confidence: 'medium',
          line: 3,
          data: { api: 'Namespace', value: 'True' },
          suggestions: [{ messageId: 'setFalse', output: 'import argparse\nfrom train import main\nmain(argparse.Namespace(model="org/m", trust_remote_code=False))' }],
        },
      ],
    },
    {
      code: 'from dataclasses import dataclass\n@dataclass\nclass HFConfig:\n    trust_remote_code: bool = False\nPHI = HFConfig(trust_remote_code=True)',
      errors: [
        {
          messageId: 'trustedBag',
          confidence: 'medium',
          line: 5,
          data: { api: 'HFConfig', value: 'True' },
          suggestions: [{ messageId: 'setFalse', output: 'from dataclasses import dataclass\n@dataclass\nclass HFConfig:\n    trust_remote_code: bool = False\nPHI = HFConfig(trust_remote_code=False)' }],
        },
      ],
    },
    // FlagEmbedding turns remote code on itself: a model of its mapping (high), a name not known here
    // (medium), the LLM reranker of FlagEmbedding up to 1.2 (high from `flag_reranker`, medium from the package)
    {
      code: 'from FlagEmbedding import FlagAutoModel\nm = FlagAutoModel.from_finetuned("Alibaba-NLP/gte-Qwen2-7B-instruct", use_fp16=True)',
      errors: [{ messageId: 'libraryEnablesModel', confidence: 'high', line: 2, column: 5, data: { api: 'FlagAutoModel.from_finetuned', model: 'gte-Qwen2-7B-instruct' } }],
    },
    {
      code: 'from FlagEmbedding import FlagAutoModel\ndef f(gpu):\n    return FlagAutoModel.from_finetuned("BAAI/bge-m3" if gpu else "Alibaba-NLP/gte-large-en-v1.5")',
      errors: [{ messageId: 'libraryEnablesModel', confidence: 'medium', data: { api: 'FlagAutoModel.from_finetuned', model: 'gte-large-en-v1.5' } }],
    },
    {
      code: 'from FlagEmbedding import FlagAutoModel\ndef f(args):\n    return FlagAutoModel.from_finetuned(args.embedder)',
      errors: [{ messageId: 'libraryMayEnableModel', confidence: 'medium', data: { api: 'FlagAutoModel.from_finetuned', expr: 'args.embedder' } }],
    },
    {
      code: 'from FlagEmbedding import FlagAutoModel\ndef f(kw):\n    return FlagAutoModel.from_finetuned("Alibaba-NLP/gte-Qwen2-7B-instruct", **kw)',
      errors: [{ messageId: 'libraryEnablesModel', confidence: 'medium' }],
    },
    // SGLang's Engine is a known Hub loader (vLLM's LLM by another name): high
    {
      code: 'import sglang as sgl\nllm = sgl.Engine(model_path="Qwen/Qwen-7B-Chat", trust_remote_code=True)',
      errors: [{ messageId: 'trusted', confidence: 'high', data: { api: 'Engine', value: 'True' }, suggestions: [{ messageId: 'setFalse', output: 'import sglang as sgl\nllm = sgl.Engine(model_path="Qwen/Qwen-7B-Chat", trust_remote_code=False)' }] }],
    },
    // AutoAWQ's from_quantized / from_pretrained default trust_remote_code=True (awq/models/auto.py)
    {
      code: 'from awq import AutoAWQForCausalLM\nmodel = AutoAWQForCausalLM.from_quantized("TheBloke/zephyr-7B-beta-AWQ", fuse_layers=True)',
      errors: [{ messageId: 'libraryDefaultTrue', line: 2, confidence: 'high', data: { api: 'AutoAWQForCausalLM.from_quantized' }, suggestions: [{ messageId: 'addFalse', output: 'from awq import AutoAWQForCausalLM\nmodel = AutoAWQForCausalLM.from_quantized("TheBloke/zephyr-7B-beta-AWQ", fuse_layers=True, trust_remote_code=False)' }] }],
    },
    {
      code: `import awq\nmodel = awq.AutoAWQForCausalLM.from_pretrained("mistralai/Mistral-7B-Instruct-v0.2", download_kwargs={"revision": "${COMMIT}"})`,
      errors: [{ messageId: 'libraryDefaultTrue', confidence: 'high', data: { api: 'AutoAWQForCausalLM.from_pretrained' }, suggestions: [{ messageId: 'addFalse', output: `import awq\nmodel = awq.AutoAWQForCausalLM.from_pretrained("mistralai/Mistral-7B-Instruct-v0.2", download_kwargs={"revision": "${COMMIT}"}, trust_remote_code=False)` }] }],
    },
    // `**kw` the analysis cannot read may pass False: medium
    {
      code: 'from awq import AutoAWQForCausalLM\ndef load(path, kw):\n    return AutoAWQForCausalLM.from_quantized(path, **kw)',
      errors: [{ messageId: 'libraryDefaultTrue', confidence: 'medium', data: { api: 'AutoAWQForCausalLM.from_quantized' }, suggestions: [{ messageId: 'addFalse', output: 'from awq import AutoAWQForCausalLM\ndef load(path, kw):\n    return AutoAWQForCausalLM.from_quantized(path, **kw, trust_remote_code=False)' }] }],
    },
    // True by position is the explicit flag
    {
      code: 'from awq import AutoAWQForCausalLM\nmodel = AutoAWQForCausalLM.from_pretrained("org/m", True)',
      errors: [{ messageId: 'trusted', confidence: 'high', data: { api: 'AutoAWQForCausalLM.from_pretrained', value: 'True' }, suggestions: [{ messageId: 'setFalse', output: 'from awq import AutoAWQForCausalLM\nmodel = AutoAWQForCausalLM.from_pretrained("org/m", False)' }] }],
    },
    {
      code: 'from FlagEmbedding.flag_reranker import FlagLLMReranker\nr = FlagLLMReranker("BAAI/bge-reranker-v2-gemma", use_fp16=True)',
      errors: [{ messageId: 'libraryEnablesClass', confidence: 'high', data: { api: 'FlagLLMReranker' } }],
    },
    {
      code: 'from FlagEmbedding.flag_reranker import LayerWiseFlagLLMReranker\ndef f(name, kw):\n    return LayerWiseFlagLLMReranker(name, **kw)',
      errors: [{ messageId: 'libraryEnablesClass', confidence: 'high', data: { api: 'LayerWiseFlagLLMReranker' } }],
    },
    {
      code: 'from FlagEmbedding import LayerWiseFlagLLMReranker\nr = LayerWiseFlagLLMReranker("BAAI/bge-reranker-v2-minicpm-layerwise", use_fp16=True)',
      errors: [{ messageId: 'libraryMayEnableClass', confidence: 'medium', data: { api: 'LayerWiseFlagLLMReranker' } }],
    },
    // a Hub loader of another library (Haystack) is a known loader; a look-alike class is not
    {
      code: 'from haystack.components.embedders import SentenceTransformersDocumentEmbedder\ne = SentenceTransformersDocumentEmbedder(model="jinaai/jina-embeddings-v2-base-en", trust_remote_code=True)',
      errors: [
        {
          messageId: 'trusted',
          confidence: 'high',
          data: { api: 'SentenceTransformersDocumentEmbedder', value: 'True' },
          suggestions: [{ messageId: 'setFalse', output: 'from haystack.components.embedders import SentenceTransformersDocumentEmbedder\ne = SentenceTransformersDocumentEmbedder(model="jinaai/jina-embeddings-v2-base-en", trust_remote_code=False)' }],
        },
      ],
    },
    {
      code: 'from llama_index.llms.huggingface import HuggingFaceLLM\nllm = HuggingFaceLLM(model_name="THUDM/chatglm3-6b", tokenizer_kwargs={"trust_remote_code": True})',
      errors: [
        {
          messageId: 'trusted',
          confidence: 'high',
          data: { api: 'HuggingFaceLLM (via tokenizer_kwargs)', value: 'True' },
          suggestions: [{ messageId: 'setFalse', output: 'from llama_index.llms.huggingface import HuggingFaceLLM\nllm = HuggingFaceLLM(model_name="THUDM/chatglm3-6b", tokenizer_kwargs={"trust_remote_code": False})' }],
        },
      ],
    },
    {
      code: 'from mylib.embedders import SentenceTransformersDocumentEmbedder\ne = SentenceTransformersDocumentEmbedder(model="jinaai/jina-embeddings-v2-base-en", trust_remote_code=True)',
      errors: [
        {
          messageId: 'trusted',
          confidence: 'medium',
          suggestions: [{ messageId: 'setFalse', output: 'from mylib.embedders import SentenceTransformersDocumentEmbedder\ne = SentenceTransformersDocumentEmbedder(model="jinaai/jina-embeddings-v2-base-en", trust_remote_code=False)' }],
        },
      ],
    },
    // True on one path of a conditional mapping: medium
    {
      code: 'from transformers import AutoModel\ndef f(n, remote):\n    return AutoModel.from_pretrained(n, **({"trust_remote_code": True} if remote else {}))',
      errors: [
        {
          messageId: 'trusted',
          confidence: 'medium',
          data: { api: 'AutoModel.from_pretrained', value: 'True' },
          suggestions: [{ messageId: 'setFalse', output: 'from transformers import AutoModel\ndef f(n, remote):\n    return AutoModel.from_pretrained(n, **({"trust_remote_code": False} if remote else {}))' }],
        },
      ],
    },
    // a parameter defaulting to True kept on `self`: the values this file assigns, not at full confidence
    {
      code: 'from transformers import AutoModel\nclass L:\n    def __init__(self, n, trust_remote_code=True):\n        self.t = trust_remote_code\n        self.m = AutoModel.from_pretrained(n, trust_remote_code=self.t)',
      errors: [{ messageId: 'trusted', confidence: 'medium', data: { api: 'AutoModel.from_pretrained', value: 'self.t' } }],
    },
    {
      code: 'from transformers import AutoModel\nm = AutoModel.from_pretrained("org/m", trust_remote_code=True)',
      errors: [
        {
          messageId: 'trusted',
          data: { api: 'AutoModel.from_pretrained', value: 'True' },
          line: 2,
          column: 5,
          confidence: 'high',
          suggestions: [{ messageId: 'setFalse', output: 'from transformers import AutoModel\nm = AutoModel.from_pretrained("org/m", trust_remote_code=False)' }],
        },
      ],
    },
    {
      code: 'from transformers import AutoModel\nAutoModel.from_pretrained("org/m", **{"trust_remote_code": True})',
      errors: [
        {
          messageId: 'trusted',
          confidence: 'high',
          suggestions: [{ messageId: 'setFalse', output: 'from transformers import AutoModel\nAutoModel.from_pretrained("org/m", **{"trust_remote_code": False})' }],
        },
      ],
    },
    {
      code: 'from transformers import AutoModel\nOPTS = {"trust_remote_code": True}\nAutoModel.from_pretrained("org/m", **OPTS)',
      errors: [
        {
          messageId: 'trusted',
          suggestions: [{ messageId: 'setFalse', output: 'from transformers import AutoModel\nOPTS = {"trust_remote_code": False}\nAutoModel.from_pretrained("org/m", **OPTS)' }],
        },
      ],
    },
    {
      code: 'from transformers import AutoModel\ndef f(name, trust_remote_code=True):\n    return AutoModel.from_pretrained(name, trust_remote_code=trust_remote_code)',
      errors: [{ messageId: 'trusted', line: 3, suggestions: [] }],
    },
    {
      code: 'from transformers import AutoModel\ndef f(args):\n    return AutoModel.from_pretrained("org/m", trust_remote_code=args.trust)',
      errors: [{ messageId: 'maybeTrusted', confidence: 'low' }],
    },
    // a default that is not the boolean True (argparse passes `"False"` through `type=`), or one the file
    // sets otherwise (`set_defaults`, an assignment): not known to be true, low as before
    {
      code: 'import argparse\nfrom transformers import AutoModel\np = argparse.ArgumentParser()\np.add_argument("--trust", type=str2bool, default="False")\np.add_argument("--remote", action="store_false")\np.set_defaults(remote=False)\np.add_argument("--code", default=True)\nargs = p.parse_args()\nargs.code = False\nAutoModel.from_pretrained("org/m", trust_remote_code=args.trust)\nAutoModel.from_pretrained("org/m", trust_remote_code=args.remote)\nAutoModel.from_pretrained("org/m", trust_remote_code=args.code)',
      errors: [
        { messageId: 'maybeTrusted', line: 10, confidence: 'low' },
        { messageId: 'maybeTrusted', line: 11, confidence: 'low' },
        { messageId: 'maybeTrusted', line: 12, confidence: 'low' },
      ],
    },
    // a forwarded mapping chosen at run time: bound in a branch of an `if`, an if/else, a conditional expression
    // (medium, as the same mapping through `**kw` is; review apple P2-1); the same value on every path: as a literal
    {
      code: 'import os\nfrom mlx_lm import load\nfrom transformers import pipeline\ncfg = {}\nif os.environ.get("REMOTE"):\n    cfg = {"trust_remote_code": True}\nload("mlx-community/x", tokenizer_config=cfg)\nif os.environ.get("R"):\n    mk = {"trust_remote_code": True}\nelse:\n    mk = {}\npipeline("text-generation", model="org/x", model_kwargs=mk)\nload("mlx-community/x", tokenizer_config={"trust_remote_code": True} if os.environ.get("R") else {"trust_remote_code": False})\nload("mlx-community/x", tokenizer_config={"trust_remote_code": True} if os.environ.get("R") else {"trust_remote_code": True, "eos_token": "x"})',
      errors: [
        {
          messageId: 'trusted',
          line: 7,
          confidence: 'medium',
          data: { api: 'load (via tokenizer_config)', value: 'True' },
          suggestions: [{ messageId: 'setFalse', output: 'import os\nfrom mlx_lm import load\nfrom transformers import pipeline\ncfg = {}\nif os.environ.get("REMOTE"):\n    cfg = {"trust_remote_code": False}\nload("mlx-community/x", tokenizer_config=cfg)\nif os.environ.get("R"):\n    mk = {"trust_remote_code": True}\nelse:\n    mk = {}\npipeline("text-generation", model="org/x", model_kwargs=mk)\nload("mlx-community/x", tokenizer_config={"trust_remote_code": True} if os.environ.get("R") else {"trust_remote_code": False})\nload("mlx-community/x", tokenizer_config={"trust_remote_code": True} if os.environ.get("R") else {"trust_remote_code": True, "eos_token": "x"})' }],
        },
        {
          messageId: 'trusted',
          line: 12,
          confidence: 'medium',
          data: { api: 'pipeline (via model_kwargs)', value: 'True' },
          suggestions: [{ messageId: 'setFalse', output: 'import os\nfrom mlx_lm import load\nfrom transformers import pipeline\ncfg = {}\nif os.environ.get("REMOTE"):\n    cfg = {"trust_remote_code": True}\nload("mlx-community/x", tokenizer_config=cfg)\nif os.environ.get("R"):\n    mk = {"trust_remote_code": False}\nelse:\n    mk = {}\npipeline("text-generation", model="org/x", model_kwargs=mk)\nload("mlx-community/x", tokenizer_config={"trust_remote_code": True} if os.environ.get("R") else {"trust_remote_code": False})\nload("mlx-community/x", tokenizer_config={"trust_remote_code": True} if os.environ.get("R") else {"trust_remote_code": True, "eos_token": "x"})' }],
        },
        {
          messageId: 'trusted',
          line: 13,
          confidence: 'medium',
          data: { api: 'load (via tokenizer_config)', value: 'True' },
          suggestions: [{ messageId: 'setFalse', output: 'import os\nfrom mlx_lm import load\nfrom transformers import pipeline\ncfg = {}\nif os.environ.get("REMOTE"):\n    cfg = {"trust_remote_code": True}\nload("mlx-community/x", tokenizer_config=cfg)\nif os.environ.get("R"):\n    mk = {"trust_remote_code": True}\nelse:\n    mk = {}\npipeline("text-generation", model="org/x", model_kwargs=mk)\nload("mlx-community/x", tokenizer_config={"trust_remote_code": False} if os.environ.get("R") else {"trust_remote_code": False})\nload("mlx-community/x", tokenizer_config={"trust_remote_code": True} if os.environ.get("R") else {"trust_remote_code": True, "eos_token": "x"})' }],
        },
        {
          messageId: 'trusted',
          line: 14,
          confidence: 'high',
          data: { api: 'load (via tokenizer_config)', value: 'True' },
          suggestions: [{ messageId: 'setFalse', output: 'import os\nfrom mlx_lm import load\nfrom transformers import pipeline\ncfg = {}\nif os.environ.get("REMOTE"):\n    cfg = {"trust_remote_code": True}\nload("mlx-community/x", tokenizer_config=cfg)\nif os.environ.get("R"):\n    mk = {"trust_remote_code": True}\nelse:\n    mk = {}\npipeline("text-generation", model="org/x", model_kwargs=mk)\nload("mlx-community/x", tokenizer_config={"trust_remote_code": True} if os.environ.get("R") else {"trust_remote_code": False})\nload("mlx-community/x", tokenizer_config={"trust_remote_code": False} if os.environ.get("R") else {"trust_remote_code": True, "eos_token": "x"})' }],
        },
      ],
    },
    // mlx-lm's documented idiom: the tokenizer's flag in `tokenizer_config`
    {
      code: 'from mlx_lm import load\nmodel, tok = load("Qwen/Qwen-7B", tokenizer_config={"eos_token": "<|endoftext|>", "trust_remote_code": True})',
      errors: [
        {
          messageId: 'trusted',
          confidence: 'high',
          data: { api: 'load (via tokenizer_config)', value: 'True' },
          suggestions: [{ messageId: 'setFalse', output: 'from mlx_lm import load\nmodel, tok = load("Qwen/Qwen-7B", tokenizer_config={"eos_token": "<|endoftext|>", "trust_remote_code": False})' }],
        },
      ],
    },
    // a dataclass field and a command-line option true by default: true unless the user says otherwise (medium)
    {
      code: 'from dataclasses import dataclass\nfrom transformers import AutoModel\n@dataclass\nclass LoadConfig:\n    path: str = "openvla/openvla-7b"\n    trust_remote_code: bool = True\ndef load(cfg: LoadConfig):\n    return AutoModel.from_pretrained(cfg.path, trust_remote_code=cfg.trust_remote_code)',
      errors: [{ messageId: 'trusted', line: 8, confidence: 'medium', data: { api: 'AutoModel.from_pretrained', value: 'cfg.trust_remote_code (True unless set otherwise)' } }],
    },
    {
      code: 'import argparse\nfrom transformers import AutoModel\np = argparse.ArgumentParser()\np.add_argument("--trust", default=True)\np.add_argument("--remote", action="store_true")\nargs = p.parse_args()\nAutoModel.from_pretrained("org/m", trust_remote_code=args.trust)\nAutoModel.from_pretrained("org/m", trust_remote_code=args.remote)',
      errors: [
        { messageId: 'trusted', line: 7, confidence: 'medium', data: { api: 'AutoModel.from_pretrained', value: 'args.trust (True unless set otherwise)' } },
        // (off unless the user turns it on: not known, low)
        { messageId: 'maybeTrusted', line: 8, confidence: 'low', data: { api: 'AutoModel.from_pretrained', expr: 'args.remote' } },
      ],
    },
    // the options a `parse_args()` helper of the script returns (review agents P3-4, llmserve P3-6)
    {
      code: 'import argparse\nfrom transformers import AutoModel\ndef parse_args():\n    p = argparse.ArgumentParser()\n    p.add_argument("--trust", default=True)\n    args = p.parse_args()\n    return args\ndef main(args):\n    AutoModel.from_pretrained("org/m", trust_remote_code=args.trust)\nif __name__ == "__main__":\n    main(parse_args())',
      errors: [{ messageId: 'trusted', line: 9, confidence: 'medium', data: { api: 'AutoModel.from_pretrained', value: 'args.trust (True unless set otherwise)' } }],
    },
    {
      code: 'def f(load):\n    return load("org/m", trust_remote_code=True)',
      errors: [
        {
          messageId: 'trusted',
          confidence: 'medium',
          suggestions: [{ messageId: 'setFalse', output: 'def f(load):\n    return load("org/m", trust_remote_code=False)' }],
        },
      ],
    },
    // Chroma's embedding function hands `**kwargs` to SentenceTransformer (review rag P3-4)
    {
      code: 'from chromadb.utils import embedding_functions\nef = embedding_functions.SentenceTransformerEmbeddingFunction(model_name="nomic-ai/nomic-embed-text-v1", trust_remote_code=True)',
      errors: [
        {
          messageId: 'trusted',
          confidence: 'high',
          data: { api: 'SentenceTransformerEmbeddingFunction', value: 'True' },
          suggestions: [{ messageId: 'setFalse', output: 'from chromadb.utils import embedding_functions\nef = embedding_functions.SentenceTransformerEmbeddingFunction(model_name="nomic-ai/nomic-embed-text-v1", trust_remote_code=False)' }],
        },
      ],
    },
    // the mapping a helper of the file returns, given as model_kwargs: on every path, or on some (review rag P3-5)
    {
      code: 'from langchain_huggingface import HuggingFaceEmbeddings\ndef build_kwargs(device):\n    return {"device": device, "trust_remote_code": True}\ndef maybe(device, remote):\n    if remote:\n        return {"device": device, "trust_remote_code": True}\n    return {"device": device}\ndef safe(device):\n    return {"device": device, "trust_remote_code": False}\na = HuggingFaceEmbeddings(model_name="org/m", model_kwargs=build_kwargs("cuda"))\nkw = build_kwargs("cpu")\nb = HuggingFaceEmbeddings(model_name="org/m", model_kwargs=kw)\nc = HuggingFaceEmbeddings(model_name="org/m", model_kwargs=maybe("cuda", True))\nd = HuggingFaceEmbeddings(model_name="org/m", model_kwargs=safe("cuda"))',
      errors: [
        { messageId: 'trusted', line: 10, confidence: 'high', data: { api: 'HuggingFaceEmbeddings (via model_kwargs)', value: 'True' }, suggestions: [{ messageId: 'setFalse', output: 'from langchain_huggingface import HuggingFaceEmbeddings\ndef build_kwargs(device):\n    return {"device": device, "trust_remote_code": False}\ndef maybe(device, remote):\n    if remote:\n        return {"device": device, "trust_remote_code": True}\n    return {"device": device}\ndef safe(device):\n    return {"device": device, "trust_remote_code": False}\na = HuggingFaceEmbeddings(model_name="org/m", model_kwargs=build_kwargs("cuda"))\nkw = build_kwargs("cpu")\nb = HuggingFaceEmbeddings(model_name="org/m", model_kwargs=kw)\nc = HuggingFaceEmbeddings(model_name="org/m", model_kwargs=maybe("cuda", True))\nd = HuggingFaceEmbeddings(model_name="org/m", model_kwargs=safe("cuda"))' }] },
        { messageId: 'trusted', line: 12, confidence: 'high', data: { api: 'HuggingFaceEmbeddings (via model_kwargs)', value: 'True' }, suggestions: [{ messageId: 'setFalse', output: 'from langchain_huggingface import HuggingFaceEmbeddings\ndef build_kwargs(device):\n    return {"device": device, "trust_remote_code": False}\ndef maybe(device, remote):\n    if remote:\n        return {"device": device, "trust_remote_code": True}\n    return {"device": device}\ndef safe(device):\n    return {"device": device, "trust_remote_code": False}\na = HuggingFaceEmbeddings(model_name="org/m", model_kwargs=build_kwargs("cuda"))\nkw = build_kwargs("cpu")\nb = HuggingFaceEmbeddings(model_name="org/m", model_kwargs=kw)\nc = HuggingFaceEmbeddings(model_name="org/m", model_kwargs=maybe("cuda", True))\nd = HuggingFaceEmbeddings(model_name="org/m", model_kwargs=safe("cuda"))' }] },
        { messageId: 'trusted', line: 13, confidence: 'medium', data: { api: 'HuggingFaceEmbeddings (via model_kwargs)', value: 'True' }, suggestions: [{ messageId: 'setFalse', output: 'from langchain_huggingface import HuggingFaceEmbeddings\ndef build_kwargs(device):\n    return {"device": device, "trust_remote_code": True}\ndef maybe(device, remote):\n    if remote:\n        return {"device": device, "trust_remote_code": False}\n    return {"device": device}\ndef safe(device):\n    return {"device": device, "trust_remote_code": False}\na = HuggingFaceEmbeddings(model_name="org/m", model_kwargs=build_kwargs("cuda"))\nkw = build_kwargs("cpu")\nb = HuggingFaceEmbeddings(model_name="org/m", model_kwargs=kw)\nc = HuggingFaceEmbeddings(model_name="org/m", model_kwargs=maybe("cuda", True))\nd = HuggingFaceEmbeddings(model_name="org/m", model_kwargs=safe("cuda"))' }] },
      ],
    },
    {
      code: 'from transformers import pipeline\np = pipeline("feature-extraction", model="org/m", model_kwargs={"trust_remote_code": True})',
      errors: [
        {
          messageId: 'trusted',
          data: { api: 'pipeline (via model_kwargs)', value: 'True' },
          suggestions: [{ messageId: 'setFalse', output: 'from transformers import pipeline\np = pipeline("feature-extraction", model="org/m", model_kwargs={"trust_remote_code": False})' }],
        },
      ],
    },
    // (review evalh P2-2) lm-eval: the flag inside a literal model_args string
    {
      code: 'import lm_eval\nr = lm_eval.simple_evaluate(model="hf", model_args="pretrained=Qwen/Qwen-7B,trust_remote_code=True")',
      errors: [{ messageId: 'trustedArgString', line: 2, confidence: 'high', data: { api: 'simple_evaluate', value: 'True' } }],
    },
  ],
});

fixture(rule);

describe('hf/trust-remote-code remediation', () => {
  it('speaks of a dataset script for load_dataset', async () => {
    const findings = (await lintAll('from datasets import load_dataset\nb = load_dataset("/data/my_builder", trust_remote_code=True)\nc = load_dataset("someone/x", trust_remote_code=True)')).filter((f) => f.ruleId === 'hf/trust-remote-code');
    expect(findings).toHaveLength(2);
    for (const f of findings) expect(f.remediation).not.toContain('architecture');
    // a local directory's script: review it or convert the data; a Hub dataset: its Parquet conversion
    expect(findings[0].remediation).toContain('data_files=');
    expect(findings[0].remediation).not.toContain('refs/convert/parquet');
    expect(findings[1].remediation).toContain('refs/convert/parquet');
  });
});
