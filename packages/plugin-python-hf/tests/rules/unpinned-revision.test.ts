import { describe, expect, it, vi } from 'vitest';
import { PythonSourceCode } from '@oculum/lang-python';
import rule from '../../src/rules/unpinned-revision.js';
import { fixture, lintAll, ruleTester } from '../helpers.js';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';
/** The unresolved-id messages' advice for a model loader (`localAdvice`). */
const LOCAL_MODEL = ', or pass `local_files_only=True` for local paths';

ruleTester.run('hf/unpinned-revision', rule, {
  valid: [
    // (review w37b P2-1) a built revision whose start is only a name's first letters says nothing of what is fetched
    'import sys\nfrom transformers import AutoModel\nver = sys.argv[1]\nAutoModel.from_pretrained("org/a", revision=f"v{ver}")\nAutoModel.from_pretrained("org/b", revision="v%s" % ver)\nAutoModel.from_pretrained("org/c", revision="v{}".format(ver))\nAutoModel.from_pretrained("org/d", revision="v" + ver)\nrev = "v"\nrev += ver\nAutoModel.from_pretrained("org/e", revision=rev)',
    // (review evalh P2-5) a table of tables, or a flat table read by a key not known here, whose revisions are all commits
    `from transformers import AutoModelForCausalLM\nMODELS = {"a": {"path": "org/a", "revision": "${COMMIT}"}, "b": {"path": "org/b", "revision": "${COMMIT}"}}\nfor name, spec in MODELS.items():\n    AutoModelForCausalLM.from_pretrained("org/a", revision=spec["revision"])\nfor name in MODELS:\n    AutoModelForCausalLM.from_pretrained("org/a", revision=MODELS[name]["revision"])`,
    `from transformers import AutoModelForCausalLM\nREVISIONS = {"org/a": "${COMMIT}", "org/b": "${COMMIT}"}\ndef load(mid):\n    return AutoModelForCausalLM.from_pretrained("org/a", revision=REVISIONS[mid])`,
    // (review quant P3-1) pathlib's `/` of literal pieces is a local path, as `os.path.join` is
    'import os\nfrom pathlib import Path\nfrom transformers import AutoModelForCausalLM\nMODEL_DIR = Path("models")\na = AutoModelForCausalLM.from_pretrained(os.path.join("models", "mistral-4bit"))\nb = AutoModelForCausalLM.from_pretrained(Path("models") / "mistral-4bit")\nc = AutoModelForCausalLM.from_pretrained(str(Path("models") / "mistral-4bit"))\nd = AutoModelForCausalLM.from_pretrained(MODEL_DIR / "gguf")',
    // (review s36hf P2-1, P2-2) a function that refuses None before the load, a caller that passes the commit in a `**{...}`
    'from transformers import AutoModel\ndef load_model(name, revision=None):\n    if revision is None:\n        raise ValueError("pin it")\n    return AutoModel.from_pretrained(name, revision=revision)\nm = load_model("org/model")',
    'from transformers import AutoModel\ndef load_model(name, revision=None):\n    assert revision is not None, "pin it"\n    return AutoModel.from_pretrained(name, revision=revision)\nm = load_model("org/model")',
    'from transformers import AutoModel\ndef load_model(name, revision=None):\n    if not revision:\n        return None\n    return AutoModel.from_pretrained(name, revision=revision)\nm = load_model("org/model")',
    `from transformers import AutoModel\nCOMMIT = "${COMMIT}"\ndef load_model(name, revision=None):\n    return AutoModel.from_pretrained(name, revision=revision)\nm = load_model("org/model", **{"revision": COMMIT})`,
    // optimum's exporter pinned, offline, or given a local directory
    'from optimum.exporters.onnx import main_export\nmain_export("microsoft/phi-2", output="o", revision="0123456789abcdef0123456789abcdef01234567")\nmain_export("microsoft/phi-2", output="o", local_files_only=True)\nmain_export("./checkpoints/phi", output="o")',
    // ModelScope: pinned to a commit; a snapshot's directory loaded (a local path)
    "from modelscope import snapshot_download, AutoModel\nd = snapshot_download('qwen/Qwen-7B-Chat', revision='0123456789abcdef0123456789abcdef01234567')\nm = AutoModel.from_pretrained(d)",
    "from modelscope.pipelines import pipeline\np = pipeline('text-generation', model='./local_model')",
    // a registered model's version, a run's artifact; DVC in the project's own workspace or at a commit; a W&B version after parts not known
    'import mlflow\nm = mlflow.pyfunc.load_model("models:/churn/7")\nn = mlflow.sklearn.load_model("runs:/0a1b2c/model")',
    // dvc.api.get_url only names the file (review s30)
    'import dvc.api\nurl = dvc.api.get_url("models/model.pkl", repo="https://github.com/org/models")',
    'import dvc.api\na = dvc.api.read("models/model.pkl", mode="rb")\nb = dvc.api.read("models/model.pkl", repo="https://github.com/org/models", rev="0123456789abcdef0123456789abcdef01234567", mode="rb")',
    'import wandb\napi = wandb.Api()\nart = api.artifact(f"{entity}/{project}/model:v3")',
    // FunASR: a local directory, a name FunASR does not map (no ModelScope id), Whisper's own downloads, a
    // pinned snapshot's directory on the Hugging Face Hub
    'from funasr import AutoModel\nmodel = AutoModel(model="./models/SenseVoiceSmall", vad_model="/opt/models/fsmn_vad")',
    'from funasr import AutoModel\nmodel = AutoModel(model="my-finetuned-asr")',
    'from funasr import AutoModel\nmodel = AutoModel(model="Whisper-large-v3", hub="openai")',
    'from funasr import AutoModel\nfrom huggingface_hub import snapshot_download\npath = snapshot_download("FunAudioLLM/SenseVoiceSmall", revision="0123456789abcdef0123456789abcdef01234567")\nmodel = AutoModel(model=path, hub="hf")',
    // an id taken from a dict literal whose every value is a local directory: no Hub load
    'import os\nfrom transformers import AutoModel\nDIRS = {"a": "./models/a", "b": "./models/b"}\ndef load(name):\n    return AutoModel.from_pretrained(DIRS[name])',
    // an entry of a table of tables whose every value is a local directory
    'from transformers import AutoModel\nDIRS = {"a": {"path": "./models/a"}, "b": {"path": "/models/b"}}\ndef load(name):\n    cfg = DIRS[name]\n    return AutoModel.from_pretrained(cfg["path"])',
    // a config class's id replaced at module level by a local path before the load (offline Kaggle submissions)
    'from transformers import AutoModel\nclass CFG:\n    model = "microsoft/deberta-v3-base"\nCFG.model = "/kaggle/input/deberta-v3-base-local"\nm = AutoModel.from_pretrained(CFG.model)',
    // an environment default that is a local path, or a placeholder read offline
    'import os\nfrom transformers import AutoModel\nm = AutoModel.from_pretrained(os.environ.get("MODEL_DIR", "./models/final"))',
    'import os\nfrom transformers import AutoModel\nm = AutoModel.from_pretrained(os.environ.get("BASE_MODEL", None), local_files_only=True)',
    // TRL: a model object, or the revision pinned in the config's model_init_kwargs
    'from trl import DPOTrainer\nt = DPOTrainer(model=model, ref_model=None, args=cfg)',
    `from trl import SFTConfig, SFTTrainer\ncfg = SFTConfig(output_dir="o", model_init_kwargs={"revision": "${COMMIT}"})\nt = SFTTrainer(model="facebook/opt-350m", args=cfg)`,
    'from trl import SFTTrainer\ndef train(training_args):\n    return SFTTrainer(model="facebook/opt-350m", args=training_args)',
    // W&B artifacts by version; another object's artifact()
    'import wandb\napi = wandb.Api()\na = api.artifact("entity/project/model:v3")\nrun = wandb.init()\nb = run.use_artifact("model:v12", type="model")',
    'def f(store):\n    return store.artifact("entity/project/model:latest")',
    // audiocraft given a local checkpoint directory, its debug model, a name only MusicGen maps; another library's get_pretrained
    'import audiocraft.models\nfrom audiocraft.models import MusicGen, AudioGen\na = MusicGen.get_pretrained("./checkpoints/musicgen_ft")\nb = MusicGen.get_pretrained("debug")\nc = AudioGen.get_pretrained("medium")\nd = audiocraft.models.MusicGen.get_pretrained("/models/musicgen")',
    'from mylib import MusicGen\nm = MusicGen.get_pretrained("facebook/musicgen-small")',
    // pinned Kaggle handles; another library's model_download
    'import kagglehub\np = kagglehub.model_download("google/gemma/pyTorch/2b/3")\nd = kagglehub.dataset_download("zillow/zecon/versions/2")',
    'from mylib import model_download\np = model_download("google/gemma/pyTorch/2b")',
    // the directory a kagglehub download returns is local, never a Hub id
    'import kagglehub\nfrom transformers import AutoModelForCausalLM\npath = kagglehub.model_download("google/gemma-2/transformers/gemma-2-2b-it/2")\nmodel = AutoModelForCausalLM.from_pretrained(path)',
    'from kagglehub import dataset_download\nfrom transformers import AutoTokenizer\ntok = AutoTokenizer.from_pretrained(dataset_download("me/tok/versions/1"))',
    // `checkpoint=` is pyannote's keyword only: another package's class keeps the generic reading; a pinned
    // or local pyannote checkpoint given by keyword
    'from lightning_models import Net\nm = Net.from_pretrained(checkpoint="org/net")',
    // pyannote.audio: a commit after `@` pins (`revision=` wins over the id's); `@` is split for pyannote only
    `from pyannote.audio import Model, Pipeline\nm = Model.from_pretrained("pyannote/segmentation@${COMMIT}")\np = Pipeline.from_pretrained("pyannote/speaker-diarization-3.1@main", revision="${COMMIT}")`,
    'from transformers import AutoModel\nm = AutoModel.from_pretrained("org/model@main")',
    `from pyannote.audio import Model, Pipeline\nm = Model.from_pretrained(checkpoint="pyannote/segmentation-3.0", revision="${COMMIT}")\np = Pipeline.from_pretrained(checkpoint_path="./config.yaml")`,
    // a helper's parameter that every call of the file gives a local path
    'from transformers import AutoModelForCausalLM\ndef load(path):\n    return AutoModelForCausalLM.from_pretrained(path)\nload("./out")\nload("/models/base")',
    // diffusers' adapter loaders: pinned, a local file, another library's method of the same name
    `from diffusers import DiffusionPipeline\npipe = DiffusionPipeline.from_pretrained("org/sd", revision="${COMMIT}")\npipe.load_lora_weights("someone/lora", weight_name="l.safetensors", revision="${COMMIT}")\npipe.load_lora_weights("./loras/pixel.safetensors")\npipe.load_textual_inversion("./embeddings/cat.pt", token="<cat>")`,
    'def f(pipe):\n    pipe.load_lora_weights("someone/lora")',
    `from diffusers import DiffusionPipeline\ndef f(pipe, lora_dir):\n    pipe.load_lora_weights(lora_dir)`,
    // load_adapter: pinned (also in transformers' adapter_kwargs), offline, a local directory, an unresolved id on
    // a receiver nothing says is a model, a bare name, the `adapters` library (AdapterHub's own ids)
    `from transformers import AutoModelForCausalLM\nbase = AutoModelForCausalLM.from_pretrained("org/base", revision="${COMMIT}")\nbase.load_adapter("someone/adapter", revision="${COMMIT}")`,
    `from transformers import AutoModelForCausalLM\nbase = AutoModelForCausalLM.from_pretrained("org/base", revision="${COMMIT}")\nbase.load_adapter("someone/adapter", adapter_kwargs={"revision": "${COMMIT}"})`,
    `from peft import PeftModel\nmodel = PeftModel.from_pretrained(base, "someone/adapter", revision="${COMMIT}")\nmodel.load_adapter("someone/reward-adapter", "reward", local_files_only=True)`,
    `from peft import PeftModel\nmodel = PeftModel.from_pretrained(base, "someone/adapter", revision="${COMMIT}")\nmodel.load_adapter("./adapters/reward", "reward")`,
    'def add(model, path):\n    model.load_adapter(path, "reward")',
    'def add(model):\n    model.load_adapter("reward_adapter", "reward")',
    `from adapters import AutoAdapterModel\nmodel = AutoAdapterModel.from_pretrained("FacebookAI/roberta-base", revision="${COMMIT}")\nmodel.load_adapter("AdapterHub/roberta-base-pf-imdb")`,
    // a working directory this file saves to (the path itself, or its first segment as output_dir), a training
    // checkpoint's directory, a path of three segments (no Hub id), offline, found on disk, a project class
    'from transformers import AutoModel\ndef f(trainer):\n    trainer.save_model("models/bert-finetuned")\n    return AutoModel.from_pretrained("models/bert-finetuned")',
    'from transformers import AutoModel, TrainingArguments\nargs = TrainingArguments(output_dir="output")\nm = AutoModel.from_pretrained("output/final_model")',
    'from transformers import AutoModel\nm = AutoModel.from_pretrained("outputs/checkpoint-500")',
    'from transformers import AutoModel\nm = AutoModel.from_pretrained("models/llama/7b")',
    'from transformers import AutoModel\nm = AutoModel.from_pretrained("models/Llama-3.1-8B-Instruct", local_files_only=True)',
    'import os\nfrom transformers import AutoModel\nif os.path.isdir("models/Llama-3.1-8B-Instruct"):\n    m = AutoModel.from_pretrained("models/Llama-3.1-8B-Instruct")',
    // a class of this file with a from_pretrained of its own (nanoGPT's GPT), or of nothing from a Hub library; a
    // project class imported from another module, given an id that is not resolved (nothing says it reaches the Hub)
    'import torch.nn as nn\nclass GPT(nn.Module):\n    @classmethod\n    def from_pretrained(cls, model_type):\n        return cls()\ndef f(init_from):\n    return GPT.from_pretrained(init_from)',
    'from diffusers import DiffusionPipeline\nclass P(DiffusionPipeline):\n    @classmethod\n    def from_pretrained(cls, path):\n        return cls()\ndef f(path):\n    return P.from_pretrained(path)',
    'import torch.nn as nn\nclass Net(nn.Module):\n    pass\ndef f(path):\n    return Net.from_pretrained(path)',
    'from pipeline import DreamboothPipeline\ndef f(args):\n    return DreamboothPipeline.from_pretrained(args.pretrained_model_name_or_path)',
    // diffusers' from_config of a config (or a value that may be one), pinned, a local directory; transformers' takes a config object
    'from diffusers import DiffusionPipeline, DPMSolverMultistepScheduler\ndef f(pipe):\n    pipe.scheduler = DPMSolverMultistepScheduler.from_config(pipe.scheduler.config)',
    'from diffusers import DDPMScheduler\ndef f(cfg):\n    return DDPMScheduler.from_config(cfg)',
    `from diffusers import DDPMScheduler\ns = DDPMScheduler.from_config("CompVis/stable-diffusion-v1-4", subfolder="scheduler", revision="${COMMIT}")`,
    'from diffusers import DDPMScheduler\ns = DDPMScheduler.from_config("./sd/scheduler")',
    'from transformers import AutoConfig, AutoModel\nm = AutoModel.from_config(AutoConfig.for_model("bert"))',
    // optimum-habana: pinned by the trainer's own model_init_kwargs, a mapping that cannot be read, model objects
    `from optimum.habana.trl import GaudiSFTConfig, GaudiSFTTrainer\nt = GaudiSFTTrainer(model="facebook/opt-350m", args=GaudiSFTConfig(output_dir="o"), model_init_kwargs={"revision": "${COMMIT}"})`,
    'from optimum.habana.trl import GaudiSFTTrainer\ndef f(kw):\n    return GaudiSFTTrainer(model="facebook/opt-350m", model_init_kwargs=kw)',
    'from optimum.habana import GaudiTrainer\nt = GaudiTrainer(model="facebook/opt-350m", gaudi_config=g)',
    'from optimum.habana.trl import GaudiPPOTrainer\nt = GaudiPPOTrainer(config, model, None, tokenizer, dataset=ds)',
    // a project class reading a local checkpoint, or a bare name
    'from maggie.network.arch import MaGGIe\nm = MaGGIe.from_pretrained("checkpoints/best")',
    'from mylib.models import Net\nm = Net.from_pretrained("resnet50")',
    `from speechbrain.pretrained import SepformerSeparation\nm = SepformerSeparation.from_hparams(source="speechbrain/sepformer-wham", savedir="x", revision="${COMMIT}")`,
    'from speechbrain.inference.speaker import EncoderClassifier\nc = EncoderClassifier.from_hparams(source="./my_model", savedir="x")',
    `from transformers import AutoModel\nAutoModel.from_pretrained("org/model", revision="${COMMIT}")`,
    'from transformers import AutoModel\ndef f(rev):\n    return AutoModel.from_pretrained("org/model", revision=rev)',
    'from transformers import AutoModel\nAutoModel.from_pretrained("./out")',
    'import os\nfrom transformers import AutoModel\ndef f(d):\n    return AutoModel.from_pretrained(os.path.join(d, "final"))',
    'from transformers import AutoModel\nAutoModel.from_pretrained("org/model", local_files_only=True)',
    // the brief's remediation: an abbreviated commit hash
    'from transformers import AutoModel\nmodel = AutoModel.from_pretrained("meta-llama/Llama-3-8b", trust_remote_code=False, revision="abc123def")',
    {
      code: 'from transformers import AutoModel\nAutoModel.from_pretrained("org/model", revision="v1.2.3")',
      options: [{ tagSeverity: 'off' }],
    },
    {
      code: 'from transformers import AutoModel\nAutoModel.from_pretrained("org/model", revision="main")',
      options: [{ allowBranches: true }],
    },
    'from datasets import load_dataset\nds = load_dataset("json", data_files="train.jsonl")',
    // `data_files` given on every path, the path not known: a packaged builder reading them
    'from datasets import load_dataset\ndef load_one(dataset_attr, local):\n    data_files = ["data/x.json"]\n    if local:\n        data_files = ["data/y.json"]\n    return load_dataset(path=dataset_attr.builder, data_files=data_files, split="train")',
    // a helper of the file given fixed versions only; a table of MLflow loaders given a version
    'import mlflow\ndef _load(uri):\n    return mlflow.pyfunc.load_model(uri)\na = _load("models:/churn/7")\nb = _load("runs:/abc/model")',
    'import mlflow\nLOADERS = {"sklearn": mlflow.sklearn.load_model, "pyfunc": mlflow.pyfunc.load_model}\ndef load(flavor):\n    return LOADERS[flavor]("models:/churn/7")',
    'from transformers import pipeline\nfrom transformers import AutoModel\nm = AutoModel.from_pretrained("org/m", revision="' + COMMIT + '")\np = pipeline("text-generation", model=m)',
    'def from_pretrained(x):\n    return x\nfrom_pretrained("org/model")',
    // a loop over `Path(...)` values only: local directories (oobabooga/text-generation-webui)
    'from pathlib import Path\nfrom transformers import LlamaTokenizer\ndef load(d):\n    for p in [Path(f"{d}/llama-tokenizer/"), Path(f"{d}/other/")]:\n        LlamaTokenizer.from_pretrained(p)',
    // a name rebound to what the call built is no longer the loader (`pipeline = pipeline(...)`)
    'from transformers import pipeline\npipeline = pipeline(task="image-classification", model="org/m", revision="' + COMMIT + '")\ndef predict(image):\n    return pipeline(image)',
    `from diffusers import StableDiffusionPipeline\npipe = StableDiffusionPipeline.from_single_file("https://huggingface.co/org/sd/resolve/${COMMIT}/model.safetensors")`,
    'from diffusers import StableDiffusionPipeline\ndef load(path):\n    return StableDiffusionPipeline.from_single_file(path)',
    'from auto_gptq import AutoGPTQForCausalLM\nmodel = AutoGPTQForCausalLM.from_quantized("./models/llama-gptq")',
    // a model object kept on `self` (pinned where it is built) is no id: the whisper-large-v3 recipe in a class
    `from transformers import AutoModelForSpeechSeq2Seq, pipeline\nclass ASR:\n    def __init__(self):\n        self.model = AutoModelForSpeechSeq2Seq.from_pretrained("openai/whisper-large-v3", revision="${COMMIT}")\n        self.pipe = pipeline("automatic-speech-recognition", model=self.model)`,
    // LangChain's HuggingFacePipeline wrapped in a class: the tokenizer is an object too
    `from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline\nclass LLM:\n    def __init__(self, model_name):\n        self.model_name = model_name\n        self.tokenizer = AutoTokenizer.from_pretrained(self.model_name, revision="${COMMIT}")\n        self.model = AutoModelForCausalLM.from_pretrained(self.model_name, revision="${COMMIT}")\n        self.pipe = pipeline(task="text-generation", model=self.model, tokenizer=self.tokenizer)`,
    // a `None` placeholder, the model built in another method
    `from transformers import AutoModel, pipeline\nclass M:\n    def __init__(self):\n        self.model = None\n    def load(self):\n        self.model = AutoModel.from_pretrained("org/m", revision="${COMMIT}").to("cuda")\n    def run(self):\n        return pipeline("feature-extraction", model=self.model)`,
    // a conditional between two local paths fetches nothing; one between pinned ids is pinned
    'import os\nfrom transformers import AutoModel\ndef f(gpu, d):\n    return AutoModel.from_pretrained("./local" if gpu else os.path.join(d, "final"))',
    'from transformers import AutoModel\ndef f(gpu, rev):\n    return AutoModel.from_pretrained("org/a" if gpu else "org/b", revision=rev)',
    `import open_clip\nm = open_clip.create_model_and_transforms("hf-hub:imageomics/bioclip@${COMMIT}")`,
    // faster-whisper: a local directory, a name that is no size (a directory), offline, a pinned download
    'from faster_whisper import WhisperModel\nm = WhisperModel("/models/faster-whisper-large-v3")',
    'from faster_whisper import WhisperModel\nm = WhisperModel("my-whisper")',
    'from faster_whisper import WhisperModel\nm = WhisperModel("large-v3", local_files_only=True)',
    // whisperX given a local directory, a model object, offline, or a name that is no Hub id
    'import whisperx\nfrom faster_whisper import WhisperModel\na = whisperx.load_model("./models/whisper-ct2", "cuda")\nb = whisperx.load_model("large-v2", "cuda", model=WhisperModel("/models/ct2"))\nc = whisperx.load_model("large-v2", "cuda", local_files_only=True)\nd = whisperx.load_model("my-whisper", "cuda")',
    `from faster_whisper import download_model\np = download_model("large-v3", revision="${COMMIT}")`,
    // ctransformers: revision= and local_files_only= reach snapshot_download; the tokenizer takes a model object
    `from ctransformers import AutoModelForCausalLM\nm = AutoModelForCausalLM.from_pretrained("TheBloke/Llama-2-7B-GGML", revision="${COMMIT}")`,
    'from ctransformers import AutoModelForCausalLM, AutoTokenizer\ndef f(m):\n    return AutoTokenizer.from_pretrained(m)',
    `from langchain_community.llms import CTransformers\nllm = CTransformers(model="TheBloke/Llama-2-7B-GGML", config={"revision": "${COMMIT}"})`,
    'from langchain_community.llms import CTransformers\nllm = CTransformers(model="TheBloke/Llama-2-7B-GGML", config={"local_files_only": True})',
    `from langchain_community.llms import VLLM\nllm = VLLM(model="mosaicml/mpt-7b", vllm_kwargs={"revision": "${COMMIT}"})`,
    `from awq import AutoAWQForCausalLM\nm = AutoAWQForCausalLM.from_quantized("TheBloke/zephyr-7B-beta-AWQ", download_kwargs={"revision": "${COMMIT}"}, trust_remote_code=False)`,
    'from awq import AutoAWQForCausalLM\nm = AutoAWQForCausalLM.from_quantized("./quant/zephyr-awq")',
    `from gptqmodel import GPTQModel\nm = GPTQModel.load("ModelCloud/Llama-3.2-1B-Instruct-gptqmodel-4bit-vortex-v2.5", revision="${COMMIT}")`,
    'from gptqmodel import GPTQModel\nm = GPTQModel.load("./quantized/llama-3.2-1b-gptq")',
    `import sglang as sgl\nllm = sgl.Engine(model_path="meta-llama/Meta-Llama-3.1-8B-Instruct", revision="${COMMIT}", tokenizer_path="org/tok")`,
    'import sglang as sgl\nllm = sgl.Engine(model_path="/models/llama-3.1-8b")',
    // Runtime's first positional parameter is log_level, not the model
    'import sglang as sgl\nrt = sgl.Runtime("error", model_path="./models/qwen")',
    'from mylib import Engine\ne = Engine(model_path="meta-llama/Meta-Llama-3.1-8B-Instruct")',
    // vLLM LoRA adapters from a directory (a pinned snapshot's, an absolute or relative path); a look-alike
    `from huggingface_hub import snapshot_download\nfrom vllm.lora.request import LoRARequest\npath = snapshot_download("yard1/llama-2-7b-sql-lora-test", revision="${COMMIT}")\nreq = LoRARequest("sql", 1, path)`,
    'from vllm.lora.request import LoRARequest\nreq = LoRARequest("sql", 1, "/adapters/sql-lora")',
    'from vllm.lora.request import LoRARequest\nreq = LoRARequest("sql", 1, "./adapters/sql-lora")',
    'from mylib import LoRARequest\nreq = LoRARequest("sql", 1, "yard1/llama-2-7b-sql-lora-test")',
    // LMDeploy pinned in its engine config (by keyword, by position, through a name), a local model, a config not read
    `from lmdeploy import pipeline, TurbomindEngineConfig\npipe = pipeline("internlm/internlm2_5-7b-chat", backend_config=TurbomindEngineConfig(revision="${COMMIT}"))`,
    `from lmdeploy import pipeline, PytorchEngineConfig\ncfg = PytorchEngineConfig(tp=2, revision="${COMMIT}")\npipe = pipeline("internlm/internlm2_5-7b-chat", cfg)`,
    'from lmdeploy import pipeline\npipe = pipeline("./models/internlm2_5-7b-chat")',
    'from lmdeploy import pipeline\ndef build(path, backend_config):\n    return pipeline("internlm/internlm2_5-7b-chat", backend_config=backend_config)',
    // transformers' pipeline(task, …) is not LMDeploy's: its first argument is a task
    `from transformers import pipeline\npipe = pipeline("text-generation", model="internlm/internlm2_5-7b-chat", revision="${COMMIT}")`,
    'import json\nfrom gptqmodel import GPTQModel\nm = json.load(open("ModelCloud/config.json"))',
    // vLLM: `tokenizer_revision` defaults to the model's `revision`, which then pins the tokenizer too
    `from vllm import LLM\nllm = LLM(model="org/m", revision="${COMMIT}", tokenizer="org/tok")`,
    // (review quant P2-1) TensorRT-LLM: a local engine directory, a pinned Hub name
    'from tensorrt_llm import LLM\nllm = LLM(model="/engines/x")',
    `from tensorrt_llm.llmapi import LLM\nllm = LLM(model="nvidia/Llama-3.1-8B-Instruct-FP8", revision="${COMMIT}")`,
    'from langchain_community.llms import VLLM\nllm = VLLM(model="./models/mpt-7b")',
    // Haystack: `revision=` pins; a local model directory
    `from haystack.components.embedders import SentenceTransformersTextEmbedder\ne = SentenceTransformersTextEmbedder(model="BAAI/bge-small-en-v1.5", revision="${COMMIT}")`,
    // a `revision=None` parameter the caller decides: a function not called in the file, calls that pass a commit or
    // a value not known, or `**kwargs` that cannot be read (review spaces P3-4)
    `from transformers import AutoModel\ndef exported(model_id="org/m", revision=None):\n    return AutoModel.from_pretrained(model_id, revision=revision)\ndef load(model_id, revision=None):\n    return AutoModel.from_pretrained(model_id, revision=revision)\ndef pinned(model_id, revision=None):\n    return AutoModel.from_pretrained(model_id, revision=revision)\ndef splat(model_id, revision=None):\n    return AutoModel.from_pretrained(model_id, revision=revision)\na = load("org/m")\nb = load("org/m", revision=args.rev)\nc = pinned("org/m", revision="${COMMIT}")\nd = splat("org/m", **opts)`,
    // Haystack's legacy ranker pinned in both of its kwargs, or given a local directory (review rag P3-5)
    `from haystack.components.rankers import TransformersSimilarityRanker\na = TransformersSimilarityRanker(model="BAAI/bge-reranker-base", model_kwargs={"revision": "${COMMIT}"}, tokenizer_kwargs={"revision": "${COMMIT}"})\nb = TransformersSimilarityRanker(model="./models/ranker")`,
    // Chroma's embedding function pinned through its `**kwargs`, or given a local directory (review rag P3-4)
    `from chromadb.utils import embedding_functions\na = embedding_functions.SentenceTransformerEmbeddingFunction(model_name="BAAI/bge-small-en-v1.5", revision="${COMMIT}")\nb = embedding_functions.SentenceTransformerEmbeddingFunction(model_name="./models/minilm")`,
    'from haystack.components.rankers import SentenceTransformersSimilarityRanker\nr = SentenceTransformersSimilarityRanker(model="/models/reranker")',
    // llama_index's HuggingFaceLLM given both objects fetches nothing
    'from llama_index.llms.huggingface import HuggingFaceLLM\ndef f(m, t):\n    return HuggingFaceLLM(model=m, tokenizer=t)',
    // look-alikes from other libraries
    'from asr.backends import WhisperModel\nm = WhisperModel("large-v3")',
    'from myrag import FlagModel\nm = FlagModel("BAAI/bge-base-en-v1.5")',
    // a class of the project (a relative import, or a class of this file) given a working-directory-like
    // id: its own checkpoints, not a Hub repository
    'from .modeling import TinyLM\nmodel = TinyLM.from_pretrained("checkpoints/run1")',
    'import torch\nclass TinyLM(torch.nn.Module):\n    @classmethod\n    def from_pretrained(cls, run_dir):\n        return torch.load(run_dir + "/model.pt", weights_only=True)\nmodel = TinyLM.from_pretrained("exp/run1")',
    // a lookup whose default is a commit, or that has none; a chain of names ending in a commit (hardened P3-5, P3-8)
    `from transformers import AutoModel\nPINS = {"bert-base-uncased": "${COMMIT}"}\ndef load(mid):\n    return AutoModel.from_pretrained(mid, revision=PINS.get(mid, "${COMMIT}"))\ndef load2(mid):\n    return AutoModel.from_pretrained(mid, revision=PINS[mid])`,
    `from transformers import AutoModel\nR0 = "${COMMIT}"\n${Array.from({ length: 300 }, (_, i) => `R${i + 1} = R${i}`).join('\n')}\nm = AutoModel.from_pretrained("org/m", revision=R300)`,
    // a class of this file with a from_pretrained of its own that reaches no Hub or URL fetch (a library's loader of its
    // local checkpoints, zoo P2-2): an owner/name-looking directory is no Hub id; also through a local helper
    'import os\nimport torch\nfrom safetensors.torch import load_file\nclass TinyNet(torch.nn.Module):\n    @classmethod\n    def from_pretrained(cls, path):\n        model = cls()\n        model.load_state_dict(load_file(os.path.join(path, "model.safetensors")))\n        return model\ndef build():\n    return TinyNet.from_pretrained("acme/tinynet")',
    'import os\nimport torch\ndef _read(path):\n    return torch.load(os.path.join(path, "model.pt"), weights_only=True)\nclass TinyNet(torch.nn.Module):\n    @classmethod\n    def from_pretrained(cls, path):\n        return cls._restore(path)\n    @classmethod\n    def _restore(cls, path):\n        return _read(path)\nm = TinyNet.from_pretrained("acme/tinynet")',
    // at --depth deep, a class imported from another module of the project (tests/fixtures/project/tinylm): one
    // inheriting transformers' from_pretrained given its own checkpoints, one with a from_pretrained of its own
    { code: 'from .modeling import TinyLM\nmodel = TinyLM.from_pretrained("checkpoints/run1")', filename: 'project/tinylm/snippet.py' },
    { code: 'from .own import OwnLM\ndef f(path):\n    return OwnLM.from_pretrained(path)', filename: 'project/tinylm/snippet.py' },
    // an option whose default is a commit, or None (the run decides): pinned as far as this file shows
    `import argparse\nfrom transformers import AutoModel\nparser = argparse.ArgumentParser()\nparser.add_argument("--revision", default="${COMMIT}")\nargs = parser.parse_args()\nmodel = AutoModel.from_pretrained("org/bert", revision=args.revision)`,
    'import argparse\nfrom transformers import AutoModel\nparser = argparse.ArgumentParser()\nparser.add_argument("--revision", default=None)\nargs = parser.parse_args()\nmodel = AutoModel.from_pretrained("org/bert", revision=args.revision)',
    `import timm\nm = timm.create_model("vit_base_patch16_224", pretrained=True, pretrained_cfg_overlay={"hf_hub_id": "acme/vit-ft@${COMMIT}"})`,
    'import timm\nm = timm.create_model("vit_base_patch16_224", pretrained=False, pretrained_cfg_overlay=dict(hf_hub_id="acme/vit-ft"))',
    'import timm\nm = timm.create_model("resnet50", pretrained=True, pretrained_cfg_overlay=dict(file="weights/resnet50.safetensors"))',
    // Keras `load_model` of a local file; vLLM engine arguments pinned
    'import keras\nmodel = keras.saving.load_model("model.keras")',
    'import keras\ndef load(path):\n    return keras.saving.load_model(path, safe_mode=True)',
    'from tensorflow import keras\nmodel = keras.models.load_model("saved/model.h5")',
    `from vllm.engine.arg_utils import EngineArgs\nargs = EngineArgs(model="org/llm", revision="${COMMIT}")`,
    // no model, but `**kwargs` that may name one: not the default
    'from haystack.components.embedders import SentenceTransformersTextEmbedder\ndef f(**kw):\n    return SentenceTransformersTextEmbedder(**kw)',
    // (review apple P3-1, P3-3) mlx: `get_model_path` pinned by position; `hf_repo_to_path` reads the cache only; a directory
    // the file converts or saves a model to (`mlx_path=`, its default `mlx_model`, `save_model`); mlx-whisper given a directory
    `from mlx_lm.utils import get_model_path, hf_repo_to_path\nfrom mlx_vlm.utils import get_model_path as vlm_path\na = get_model_path("mlx-community/x", "${COMMIT}")\nb = vlm_path("mlx-community/y", revision="${COMMIT}")\nc = hf_repo_to_path("mlx-community/z")`,
    `from mlx_lm import convert, load\nconvert("./hf_checkpoint", mlx_path="models/llama-q4", quantize=True)\nmodel, tokenizer = load("models/llama-q4")`,
    `from mlx_lm import convert, load\nconvert("./hf_checkpoint", "llama_q4")\nmodel, tokenizer = load("llama_q4")\nconvert("./other")\nm2, t2 = load("mlx_model")`,
    `from mlx_vlm import convert, load\ndef run(out):\n    convert("./hf_checkpoint", mlx_path=out)\n    return load(out)`,
    `from mlx_lm.utils import save_model, load\ndef run(model, d):\n    save_model(d, model)\n    return load(d)`,
    `from mlx_lm.utils import save, load\ndef fuse(model, tokenizer, config):\n    save("fused_model", "mlx-community/base-4bit", model, tokenizer, config)\n    return load("fused_model")`,
    `import mlx_whisper\nfrom huggingface_hub import snapshot_download\np = snapshot_download("mlx-community/whisper-turbo", revision="${COMMIT}")\nr = mlx_whisper.transcribe("a.mp3", path_or_hf_repo=p)\ns = mlx_whisper.transcribe("a.mp3", path_or_hf_repo="./whisper-mlx")\nm = mlx_whisper.load_models.load_model(p)`,
    `from mlx_vlm import load\nmodel, processor = load("mlx-community/Qwen2-VL-2B-Instruct-4bit", revision="${COMMIT}")`,
    // (review difftrain P3-3) the checkpoint directory accelerate hands a load-state hook (a function or a method)
    'from diffusers import UNet2DConditionModel\ndef register_hooks(accelerator):\n    def load_model_hook(models, input_dir):\n        for _ in range(len(models)):\n            model = models.pop()\n            load_model = UNet2DConditionModel.from_pretrained(input_dir, subfolder="unet")\n            model.register_to_config(**load_model.config)\n    accelerator.register_load_state_pre_hook(load_model_hook)',
    'from transformers import AutoModel\nclass Runner:\n    def load_hook(self, models, input_dir):\n        models[0].load_state_dict(AutoModel.from_pretrained(input_dir).state_dict())\n    def setup(self, accelerator):\n        accelerator.register_load_state_pre_hook(self.load_hook)',
    // mlx-lm pinned, or from a local directory
    `from mlx_lm import load, convert\nmodel, tok = load("mlx-community/Qwen2-0.5B-4bit", revision="${COMMIT}")\nconvert(hf_path="org/m", revision="${COMMIT}")\nload("./mlx_model")`,
    // lm-eval: pinned in the string, a local directory, a model object, a string not clean, another model type
    'import lm_eval\nfrom lm_eval.models.huggingface import HFLM\na = lm_eval.simple_evaluate(model="hf", model_args="pretrained=org/m,revision=0123456789abcdef0123456789abcdef01234567")\nb = lm_eval.simple_evaluate(model="hf", model_args="pretrained=./checkpoints/run1/final")\nc = lm_eval.simple_evaluate(model=HFLM(pretrained="./out/final"), tasks=["x"])\nd = lm_eval.simple_evaluate(model="hf", model_args="pretrained=org/m,name=a=b")\ne = lm_eval.simple_evaluate(model="openai-completions", model_args="model=gpt-4o")',
    'from lm_eval.models.huggingface import HFLM\nlm = HFLM(pretrained="org/m", revision="0123456789abcdef0123456789abcdef01234567")',
    // HFLM also takes a model object: an id not resolved is no Hub load (review evalh, run_simple_evaluate.py:24)
    'from lm_eval.models.huggingface import HFLM\ndef run_local(model, tokenizer):\n    return HFLM(pretrained=model, tokenizer=tokenizer, batch_size=8)',
    // a packaged builder reading Hub files at a commit, local files, another site's
    'from datasets import load_dataset\nds = load_dataset("parquet", data_files="hf://datasets/org/data@0123456789abcdef0123456789abcdef01234567/train.parquet")\nwd = load_dataset("webdataset", data_files="https://huggingface.co/datasets/org/data/resolve/0123456789abcdef0123456789abcdef01234567/a.tar")',
    'from datasets import load_dataset\nds = load_dataset("json", data_files="data/train.jsonl")\nweb = load_dataset("csv", data_files="https://example.org/train.csv")',
    // flair: a short name of its maps (which differ between releases), a local model file, another class's load
    'from flair.models import SequenceTagger\ntagger = SequenceTagger.load("ner")\nmine = SequenceTagger.load("resources/taggers/ner/final-model.pt")',
    'from mylib import SequenceTagger\ntagger = SequenceTagger.load("flair/ner-english-large")',
    // (review evalh P2-1) a revision built with `+` from a commit, or from a name the analysis cannot read: pinned
    'from transformers import AutoModel\nCOMMIT = "0123456789abcdef0123456789abcdef01234567"\ndef load(subfolder=None):\n    revision = COMMIT + ("/" + subfolder if subfolder is not None else "")\n    return AutoModel.from_pretrained("org/bert", revision=revision)',
    'from transformers import AutoModel\ndef load(revision, subfolder=None):\n    revision = revision + ("/" + subfolder if subfolder is not None else "")\n    return AutoModel.from_pretrained("org/bert", revision=revision)',
    // (review w37hf P2-3) `.pop`/`.get` of a dict literal read as its value: a local path, a model object
    'from transformers import AutoModel\nkw = {"model": "./out"}\nAutoModel.from_pretrained(kw.get("model"))\nAutoModel.from_pretrained(kw.pop("model"))\ndef run():\n    models = {"enc": AutoModel.from_pretrained("./enc")}\n    a = AutoModel.from_pretrained(models.get("enc"))\n    return a, AutoModel.from_pretrained(models.pop("enc"))',
    // (review w37hf P3-1) a built revision that starts with an abbreviated hash: as the hash alone (short hashes allowed)
    'import sys\nfrom transformers import AutoModel\nAutoModel.from_pretrained("org/a", revision="abc1234")\nAutoModel.from_pretrained("org/b", revision="abc1234" + sys.argv[1])',
    // (review w37hf P2-4) the same spellings starting with a full commit, or with a value not known: pinned
    'import sys\nfrom transformers import AutoModel\nCOMMIT = "0123456789abcdef0123456789abcdef01234567"\nsub = sys.argv[1]\nAutoModel.from_pretrained("org/a", revision=f"{COMMIT}/{sub}")\nAutoModel.from_pretrained("org/b", revision="%s/%s" % (COMMIT, sub))\nAutoModel.from_pretrained("org/c", revision="{}/{}".format(COMMIT, sub))\nr = COMMIT\nr += "/" + sub\nAutoModel.from_pretrained("org/d", revision=r)\nAutoModel.from_pretrained("org/e", revision=f"{sub}/x")',
    // (review w37hf P2-2) the key picks the id and the revision together: the only Hub id is always loaded at its commit
    `import sys\nfrom transformers import AutoModel\nPAIR = {"a": {"path": "org/a", "revision": "${COMMIT}"}, "b": {"path": "./local/b", "revision": "main"}}\nspec = PAIR[sys.argv[1]]\nAutoModel.from_pretrained(spec["path"], revision=spec["revision"])\nfor spec in PAIR.values():\n    AutoModel.from_pretrained(spec["path"], revision=spec["revision"])`,
  ],
  invalid: [
    // (review evalh P2-5) the id read from the inner tables of a table of tables in a loop over `.items()` / its keys
    {
      code: `from transformers import AutoModelForCausalLM\nMODELS = {"a": {"path": "org/a"}, "b": {"path": "org/b"}}\nfor name, spec in MODELS.items():\n    AutoModelForCausalLM.from_pretrained(spec["path"])\nfor name in MODELS:\n    AutoModelForCausalLM.from_pretrained(MODELS[name]["path"], revision="main")`,
      errors: [
        { messageId: 'missingRevision', line: 4, confidence: 'high', data: { api: 'AutoModelForCausalLM.from_pretrained', id: 'org/a' } },
        { messageId: 'branchRevision', line: 6, confidence: 'high', data: { api: 'AutoModelForCausalLM.from_pretrained', id: 'org/a', revision: 'main' } },
      ],
    },
    // (review evalh P2-5) a revision read from a table of tables (a constant nested lookup, `.items()`, a loop over the
    // keys, a name bound to one inner table), or from a flat table by a key not known here: the least pinned value, at
    // medium when another value is a commit
    {
      code: `from transformers import AutoModelForCausalLM\nMODELS = {"a": {"path": "org/a", "revision": "main"}, "b": {"path": "org/b", "revision": "v1.0"}}\nm = AutoModelForCausalLM.from_pretrained("org/a", revision=MODELS["a"]["revision"])\nfor name, spec in MODELS.items():\n    AutoModelForCausalLM.from_pretrained("org/a", revision=spec["revision"])\nfor name in MODELS:\n    AutoModelForCausalLM.from_pretrained("org/a", revision=MODELS[name]["revision"])\nspec = MODELS["b"]\nn = AutoModelForCausalLM.from_pretrained("org/b", revision=spec["revision"])`,
      errors: [
        { messageId: 'branchRevision', line: 3, confidence: 'high', data: { api: 'AutoModelForCausalLM.from_pretrained', id: 'org/a', revision: 'main' } },
        { messageId: 'branchRevision', line: 5, confidence: 'high', data: { api: 'AutoModelForCausalLM.from_pretrained', id: 'org/a', revision: 'main' } },
        { messageId: 'branchRevision', line: 7, confidence: 'high', data: { api: 'AutoModelForCausalLM.from_pretrained', id: 'org/a', revision: 'main' } },
        { messageId: 'tagRevision', line: 9, confidence: 'high', data: { api: 'AutoModelForCausalLM.from_pretrained', id: 'org/b', revision: 'v1.0' } },
      ],
    },
    {
      code: `from transformers import AutoModelForCausalLM\nREVISIONS = {"org/a": "${COMMIT}", "org/b": "main"}\nMODELS = {"a": {"revision": "${COMMIT}"}, "b": {"revision": None}}\ndef load(mid):\n    return AutoModelForCausalLM.from_pretrained("org/a", revision=REVISIONS[mid])\nfor spec in MODELS.values():\n    AutoModelForCausalLM.from_pretrained("org/a", revision=spec["revision"])`,
      errors: [
        { messageId: 'branchRevision', line: 5, confidence: 'medium', data: { api: 'AutoModelForCausalLM.from_pretrained', id: 'org/a', revision: 'main' } },
        { messageId: 'missingRevision', line: 7, confidence: 'medium', data: { api: 'AutoModelForCausalLM.from_pretrained', id: 'org/a' } },
      ],
    },
    // (review w37hf P2-2) an id and a revision of the same inner table are judged together: the least pinned entry's
    // own id is named, an entry whose id is local is left out; read from two different rows, no id is named (low)
    {
      code: `import sys\nfrom transformers import AutoModel\nMIXED = {"a": {"path": "org/a", "revision": "${COMMIT}"}, "b": {"path": "org/b", "revision": "main"}}\nfor spec in MIXED.values():\n    AutoModel.from_pretrained(spec["path"], revision=spec["revision"])\nname = sys.argv[1]\nAutoModel.from_pretrained(MIXED[name]["path"], revision=MIXED[name]["revision"])\nfor a in MIXED.values():\n    for b in MIXED.values():\n        AutoModel.from_pretrained(a["path"], revision=b["revision"])`,
      errors: [
        { messageId: 'branchRevision', line: 5, confidence: 'medium', data: { api: 'AutoModel.from_pretrained', id: 'org/b', revision: 'main', task: 'spec["path"]', localAdvice: LOCAL_MODEL } },
        { messageId: 'branchRevision', line: 7, confidence: 'medium', data: { api: 'AutoModel.from_pretrained', id: 'org/b', revision: 'main', task: 'MIXED[name]["path"]', localAdvice: LOCAL_MODEL } },
        { messageId: 'branchRevisionUnknownId', line: 10, confidence: 'low', data: { api: 'AutoModel.from_pretrained', revision: 'main', localAdvice: LOCAL_MODEL } },
      ],
    },
    // (review w37hf P2-3) `.pop` of a dict literal is its value (a Hub id); of a dict a helper builds, not known
    {
      code: 'from transformers import AutoModel\nkw = {"model": "org/hub-model"}\nAutoModel.from_pretrained(kw.pop("model"))\ndef parse(s):\n    return dict(kv.split("=", 1) for kv in s.split(","))\nargs = parse("x")\nAutoModel.from_pretrained(args.pop("pretrained"))',
      errors: [
        { messageId: 'missingRevision', line: 3, confidence: 'high', data: { api: 'AutoModel.from_pretrained', id: 'org/hub-model', revision: '', task: 'kw.pop("model")', localAdvice: LOCAL_MODEL } },
        { messageId: 'missingRevisionUnknownId', line: 7, confidence: 'low', data: { api: 'AutoModel.from_pretrained', id: 'args.pop("pretrained")', revision: '', task: 'args.pop("pretrained")', localAdvice: LOCAL_MODEL, mapping: '', keyword: '' } },
      ],
    },
    // (review w37hf P3-2) `load_dataset(path, name, data_dir, data_files)`: positional data_files is the fourth argument
    {
      code: 'from datasets import load_dataset\nds = load_dataset("csv", None, None, "hf://datasets/org/ds/train.csv")\nlocal = load_dataset("csv", None, "local_dir")',
      errors: [{ messageId: 'packagedDataFiles', line: 2, confidence: 'high', data: { api: 'load_dataset', builder: 'csv', id: 'org/ds', at: 'at the default branch', file: '"hf://datasets/org/ds/train.csv"' } }],
    },
    // (review w37hf P3-1) a built revision that starts with an abbreviated hash is judged as the hash alone: a tag's
    // (low severity) when short hashes are not allowed
    {
      code: 'import sys\nfrom transformers import AutoModel\nAutoModel.from_pretrained("org/b", revision="abc1234" + sys.argv[1])',
      options: [{ allowShortHashes: false }],
      errors: [{ messageId: 'builtRevision', line: 3, confidence: 'medium', severity: 'low', data: { api: 'AutoModel.from_pretrained', id: 'org/b', revision: 'abc1234', revisionText: '"abc1234" + sys.argv[1]', task: '"org/b"', localAdvice: LOCAL_MODEL } }],
    },
    // (review w37hf P2-4) a revision built from a branch with an f-string, `%`, `.format` or `+=`: as with `+`
    {
      code: 'import sys\nfrom transformers import AutoModel\nBRANCH = "main"\nsub = sys.argv[1]\nAutoModel.from_pretrained("org/fstr", revision=f"{BRANCH}/{sub}")\nAutoModel.from_pretrained("org/pct", revision="%s/%s" % (BRANCH, sub))\nAutoModel.from_pretrained("org/fmt", revision="{}/{}".format(BRANCH, sub))\nrev = BRANCH\nrev += "/" + sub\nAutoModel.from_pretrained("org/aug", revision=rev)',
      errors: [
        { messageId: 'builtRevision', line: 5, confidence: 'medium', data: { api: 'AutoModel.from_pretrained', revision: 'main', localAdvice: LOCAL_MODEL, id: 'org/fstr', revisionText: 'f"{BRANCH}/{sub}"', task: '"org/fstr"' } },
        { messageId: 'builtRevision', line: 6, confidence: 'medium', data: { api: 'AutoModel.from_pretrained', revision: 'main', localAdvice: LOCAL_MODEL, id: 'org/pct', revisionText: '"%s/%s" % (BRANCH, sub)', task: '"org/pct"' } },
        { messageId: 'builtRevision', line: 7, confidence: 'medium', data: { api: 'AutoModel.from_pretrained', revision: 'main', localAdvice: LOCAL_MODEL, id: 'org/fmt', revisionText: '"{}/{}".format(BRANCH, sub)', task: '"org/fmt"' } },
        { messageId: 'builtRevision', line: 10, confidence: 'medium', data: { api: 'AutoModel.from_pretrained', revision: 'main', localAdvice: LOCAL_MODEL, id: 'org/aug', revisionText: 'rev', task: '"org/aug"' } },
      ],
    },
    // a lookup that falls back to a branch (hardened P3-8): not 'a variable', low
    {
      code: `from transformers import AutoModel\nimport os\nPINS = {"bert-base-uncased": "${COMMIT}"}\ndef load(mid="bert-base-uncased"):\n    return AutoModel.from_pretrained(mid, revision=PINS.get(mid, "main"))\nm = AutoModel.from_pretrained("org/m", revision=os.environ.get("REV", "v1.0"))`,
      errors: [
        { messageId: 'revisionFallback', line: 5, confidence: 'low', data: { api: 'AutoModel.from_pretrained', id: 'bert-base-uncased', revision: 'main', revisionText: 'PINS.get(mid, "main")' } },
        { messageId: 'revisionFallback', line: 6, confidence: 'low', severity: 'low', data: { api: 'AutoModel.from_pretrained', id: 'org/m', revision: 'v1.0', revisionText: 'os.environ.get("REV", "v1.0")' } },
      ],
    },
    // a chain of 300 names past the resolver's recursion bound (hardened P3-5): its value is worked out in source order, a
    // branch, high (review timeseries P3-2)
    {
      code: `from transformers import AutoModel\nR0 = "main"\n${Array.from({ length: 300 }, (_, i) => `R${i + 1} = R${i}`).join('\n')}\nm = AutoModel.from_pretrained("org/m", revision=R300)`,
      errors: [{ messageId: 'branchRevision', line: 303, confidence: 'high', data: { api: 'AutoModel.from_pretrained', id: 'org/m', revision: 'main' } }],
    },
    // a class of this file whose own from_pretrained calls what may fetch out of sight (a helper of another module of the
    // project, one named for a download): not known to stay local, still medium
    {
      code: 'import torch\nfrom .hub_utils import resolve_checkpoint\nclass Net(torch.nn.Module):\n    @classmethod\n    def from_pretrained(cls, name):\n        path = resolve_checkpoint(name)\n        return cls()\nm = Net.from_pretrained("acme/net")',
      errors: [{ messageId: 'missingRevision', line: 8, confidence: 'medium', data: { api: 'Net.from_pretrained', id: 'acme/net' } }],
    },
    {
      code: 'import torch\nfrom mylib.io import download_weights\nclass Net(torch.nn.Module):\n    @classmethod\n    def from_pretrained(cls, name):\n        download_weights(name, "w.pt")\n        return cls()\nm = Net.from_pretrained("acme/net")',
      errors: [{ messageId: 'missingRevision', line: 8, confidence: 'medium', data: { api: 'Net.from_pretrained', id: 'acme/net' } }],
    },
    // ... or runs a shell command (git clone of an f-string URL), or calls a method of an object the class holds
    // (`cls.store.get(name)`): no proof that nothing is fetched, still medium (review s35hf P2-1, P2-2)
    {
      code: 'import subprocess\nimport torch\nclass C(torch.nn.Module):\n    @classmethod\n    def from_pretrained(cls, name):\n        subprocess.run(["git", "clone", f"https://huggingface.co/{name}", "ckpt"], check=True)\n        return cls()\nm = C.from_pretrained("org/c")',
      errors: [{ messageId: 'missingRevision', line: 8, confidence: 'medium', data: { api: 'C.from_pretrained', id: 'org/c' } }],
    },
    {
      code: 'import torch\nfrom .stores import Store\nclass D(torch.nn.Module):\n    store = Store()\n    @classmethod\n    def from_pretrained(cls, name):\n        cls.store.get(name)\n        return cls()\nm = D.from_pretrained("org/d")',
      errors: [{ messageId: 'missingRevision', line: 9, confidence: 'medium', data: { api: 'D.from_pretrained', id: 'org/d' } }],
    },
    // the fallback through a name bound to the lookup, an `or`, a conditional with one unknown branch, setdefault
    // (review s35hf P2-3)
    {
      code: `from transformers import AutoModel\nimport os\nPINS = {"org/a": "${COMMIT}"}\ndef b(mid):\n    rev = os.environ.get("REV", "main")\n    return AutoModel.from_pretrained("org/a", revision=rev)\ndef c(mid):\n    return AutoModel.from_pretrained("org/a", revision=PINS.get(mid) or "main")\ndef h():\n    return AutoModel.from_pretrained("org/a", revision=os.environ["REV"] if "REV" in os.environ else "main")\ndef i(mid):\n    return AutoModel.from_pretrained("org/a", revision=PINS.setdefault(mid, "main"))`,
      errors: [
        { messageId: 'revisionFallback', line: 6, confidence: 'low', data: { api: 'AutoModel.from_pretrained', id: 'org/a', revision: 'main', revisionText: 'rev' } },
        { messageId: 'revisionFallback', line: 8, confidence: 'low', data: { api: 'AutoModel.from_pretrained', id: 'org/a', revision: 'main', revisionText: 'PINS.get(mid) or "main"' } },
        { messageId: 'revisionFallback', line: 10, confidence: 'low', data: { api: 'AutoModel.from_pretrained', id: 'org/a', revision: 'main', revisionText: 'os.environ["REV"] if "REV" in os.environ else "main"' } },
        { messageId: 'revisionFallback', line: 12, confidence: 'low', data: { api: 'AutoModel.from_pretrained', id: 'org/a', revision: 'main', revisionText: 'PINS.setdefault(mid, "main")' } },
      ],
    },
    // a class of this file whose own from_pretrained fetches from the Hub (NeMo's ModelPT), directly or through a
    // method of the class: still a Hub load at medium
    {
      code: 'import torch\nfrom huggingface_hub import hf_hub_download\nclass ModelPT(torch.nn.Module):\n    @classmethod\n    def from_pretrained(cls, model_name, revision=None):\n        path = hf_hub_download(repo_id=model_name, filename="m.nemo", revision=revision)\n        return cls()\nm = ModelPT.from_pretrained("nvidia/stt_en_conformer_ctc_small")',
      errors: [{ messageId: 'missingRevision', line: 8, confidence: 'medium', data: { api: 'ModelPT.from_pretrained', id: 'nvidia/stt_en_conformer_ctc_small' } }],
    },
    {
      code: 'import torch\nimport urllib.request\nclass Net(torch.nn.Module):\n    @classmethod\n    def from_pretrained(cls, name):\n        return cls._fetch(name)\n    @classmethod\n    def _fetch(cls, name):\n        urllib.request.urlretrieve(f"https://models.example.org/{name}.pt", "m.pt")\n        return cls()\nm = Net.from_pretrained("acme/net")',
      errors: [{ messageId: 'missingRevision', line: 11, confidence: 'medium', data: { api: 'Net.from_pretrained', id: 'acme/net' } }],
    },
    // `data_files` that may be `None` (LLaMA-Factory's `_load_single_dataset`): on that path the name is read as a Hub id (review finetune P2-2)
    {
      code: 'from datasets import load_dataset\ndef load_one(dataset_attr, local):\n    data_path, data_files = None, None\n    if local:\n        data_path = "json"\n        data_files = ["data/x.json"]\n    else:\n        data_path = dataset_attr.dataset_name\n    return load_dataset(path=data_path, data_files=data_files, split="train")',
      errors: [{ messageId: 'missingRevisionUnknownId', line: 9, confidence: 'low', data: { api: 'load_dataset', localAdvice: ', or give local data as a directory path or with `data_files=`' } }],
    },
    {
      code: 'from datasets import load_dataset\ndef load(path, data_files=None):\n    return load_dataset(path, data_files=data_files if data_files else None)',
      errors: [{ messageId: 'missingRevisionUnknownId', line: 3, confidence: 'low', data: { api: 'load_dataset', localAdvice: ', or give local data as a directory path or with `data_files=`' } }],
    },
    // nbconvert's spelling of `!huggingface-cli download …` in a script exported from a notebook
    {
      code: "get_ipython().system('huggingface-cli download org/model --local-dir m')",
      errors: [{ messageId: 'shellDownload', confidence: 'high', data: { command: 'huggingface-cli download', id: 'org/model' } }],
    },
    // mlx-lm: `load` and `convert` fetch a Hub id they cannot find on disk with `snapshot_download(…, revision=revision)`
    {
      code: 'import mlx_lm\nfrom mlx_lm import load, convert\nmodel, tok = load("mlx-community/Mistral-7B-Instruct-v0.3-4bit")\nconvert(hf_path="microsoft/Phi-3-mini-128k-instruct", mlx_path="mlx-model")\nmlx_lm.utils.load("mlx-community/x", revision="main")',
      errors: [
        { messageId: 'missingRevision', line: 3, confidence: 'high', data: { api: 'mlx_lm.load', id: 'mlx-community/Mistral-7B-Instruct-v0.3-4bit' } },
        { messageId: 'missingRevision', line: 4, confidence: 'high', data: { api: 'mlx_lm.convert', id: 'microsoft/Phi-3-mini-128k-instruct' } },
        { messageId: 'branchRevision', line: 5 },
      ],
    },
    // (review difftrain P3-3) only the directory accelerate passes: a hook's Hub id, a rebound parameter, a function not registered
    {
      code: 'from diffusers import UNet2DConditionModel\ndef load_model_hook(models, input_dir):\n    a = UNet2DConditionModel.from_pretrained("org/sd", subfolder="unet")\n    if not models:\n        input_dir = "org/other"\n    b = UNet2DConditionModel.from_pretrained(input_dir, subfolder="unet")\ndef other_hook(models, input_dir):\n    return UNet2DConditionModel.from_pretrained(input_dir, subfolder="unet")\ndef setup(accelerator):\n    accelerator.register_load_state_pre_hook(load_model_hook)\n    accelerator.register_save_state_pre_hook(other_hook)',
      errors: [
        { messageId: 'missingRevision', line: 3, confidence: 'high', data: { api: 'UNet2DConditionModel.from_pretrained', id: 'org/sd' } },
        { messageId: 'missingRevisionUnknownId', line: 6, confidence: 'low', data: { api: 'UNet2DConditionModel.from_pretrained', localAdvice: LOCAL_MODEL } },
        { messageId: 'missingRevisionUnknownId', line: 8, confidence: 'low', data: { api: 'UNet2DConditionModel.from_pretrained', localAdvice: LOCAL_MODEL } },
      ],
    },
    // (review apple P2-2) `convert` of mlx-lm ≤ 0.19, in mlx_lm/utils.py
    {
      code: 'from mlx_lm.utils import convert\nconvert("mistralai/Mistral-7B-Instruct-v0.2", mlx_path="mlx_model", quantize=True, upload_repo="me/mistral-4bit")',
      errors: [{ messageId: 'missingRevision', line: 2, confidence: 'high', data: { api: 'mlx_lm.convert', id: 'mistralai/Mistral-7B-Instruct-v0.2' } }],
    },
    // (review apple P2-3) mlx-vlm's `load` and `convert` fetch as mlx-lm's do; `convert` also from mlx_vlm.convert
    {
      code: 'from mlx_vlm import convert, load\nimport mlx_vlm.convert\nmodel, processor = load("mlx-community/Qwen2-VL-2B-Instruct-4bit")\nconvert("Qwen/Qwen2-VL-2B-Instruct", mlx_path="qwen2-vl-4bit", quantize=True)\nmlx_vlm.convert.convert(hf_path="Qwen/Qwen2-VL-7B-Instruct", revision="main")',
      errors: [
        { messageId: 'missingRevision', line: 3, confidence: 'high', data: { api: 'mlx_vlm.load', id: 'mlx-community/Qwen2-VL-2B-Instruct-4bit' } },
        { messageId: 'missingRevision', line: 4, confidence: 'high', data: { api: 'mlx_vlm.convert', id: 'Qwen/Qwen2-VL-2B-Instruct' } },
        { messageId: 'branchRevision', line: 5, confidence: 'high', data: { api: 'mlx_vlm.convert', id: 'Qwen/Qwen2-VL-7B-Instruct', revision: 'main' } },
      ],
    },
    // (review apple P3-1) `get_model_path`, the download half of `load` (mlx-lm up to 0.2x, mlx-vlm), revision by keyword or position
    {
      code: 'from mlx_lm.utils import get_model_path\nfrom mlx_vlm.utils import get_model_path as vlm_path\np = get_model_path("mlx-community/Mistral-7B-Instruct-v0.3-4bit")\nq = vlm_path("mlx-community/Qwen2-VL-2B-Instruct-4bit", "main")',
      errors: [
        { messageId: 'missingRevision', line: 3, confidence: 'high', data: { api: 'mlx_lm.get_model_path', id: 'mlx-community/Mistral-7B-Instruct-v0.3-4bit' } },
        { messageId: 'branchRevision', line: 4, confidence: 'high', data: { api: 'mlx_vlm.get_model_path', id: 'mlx-community/Qwen2-VL-2B-Instruct-4bit', revision: 'main' } },
      ],
    },
    // (review apple P2-4) mlx-whisper takes no revision and fetches the latest snapshot; `transcribe`'s default model
    {
      code: 'import mlx_whisper\nfrom mlx_whisper.load_models import load_model\nr1 = mlx_whisper.transcribe("a.mp3", path_or_hf_repo="mlx-community/whisper-large-v3-mlx")\nr2 = mlx_whisper.transcribe("a.mp3")\nm = load_model("mlx-community/whisper-large-v3-turbo")\nr3 = mlx_whisper.transcribe("a.mp3", path_or_hf_repo="whisper-mlx")',
      errors: [
        { messageId: 'snapshotUnpinned', line: 3, confidence: 'high', data: { api: 'mlx_whisper.transcribe', id: 'mlx-community/whisper-large-v3-mlx' } },
        { messageId: 'snapshotUnpinned', line: 4, confidence: 'medium', data: { api: 'mlx_whisper.transcribe', id: 'mlx-community/whisper-turbo' } },
        { messageId: 'snapshotUnpinned', line: 5, confidence: 'high', data: { api: 'mlx_whisper.load_model', id: 'mlx-community/whisper-large-v3-turbo' } },
        { messageId: 'snapshotUnpinnedMaybeLocal', line: 6, confidence: 'low', data: { api: 'mlx_whisper.transcribe', id: 'whisper-mlx' } },
      ],
    },
    // (review apple P3-3) mlx-lm and mlx-vlm take no `local_files_only`: the advice names a path only
    {
      code: 'from mlx_lm import load\nimport mlx_vlm\nmodel, tokenizer = load("models/llama-q4")\nm2, p2 = mlx_vlm.load("qwen-vl", revision="main")\ndef f(p):\n    return load(p)',
      errors: [
        { messageId: 'missingRevisionMaybeLocalPath', line: 3, confidence: 'low', data: { api: 'mlx_lm.load', id: 'models/llama-q4' } },
        { messageId: 'branchRevisionMaybeLocalPath', line: 4, confidence: 'low', data: { api: 'mlx_vlm.load', id: 'qwen-vl', revision: 'main' } },
        { messageId: 'missingRevisionUnknownId', line: 6, confidence: 'low', data: { api: 'mlx_lm.load', localAdvice: ', or give a local directory as a path such as `./dir` (it takes no `local_files_only`)' } },
      ],
    },
    // W&B artifacts by an alias that moves (`latest` when none is written)
    {
      code: 'import wandb\napi = wandb.Api()\na = api.artifact("entity/project/resnet-model:latest")\nb = api.artifact("entity/project/resnet-model:v3")\nrun = wandb.init(project="p")\nc = run.use_artifact("embeddings:production", type="model")\nd = run.use_artifact("dataset:best")\ne = wandb.use_artifact("entity/project/model")',
      errors: [
        { messageId: 'wandbAlias', line: 3, confidence: 'high', data: { api: 'api.artifact', id: 'entity/project/resnet-model:latest', alias: 'latest', pinned: 'entity/project/resnet-model:v<n>' } },
        { messageId: 'wandbAlias', line: 6, confidence: 'high', data: { api: 'run.use_artifact', id: 'embeddings:production', alias: 'production', pinned: 'embeddings:v<n>' } },
        { messageId: 'wandbAlias', line: 7, confidence: 'medium', data: { api: 'run.use_artifact', id: 'dataset:best', alias: 'best', pinned: 'dataset:v<n>' } },
        { messageId: 'wandbAlias', line: 8, confidence: 'high', data: { api: 'wandb.use_artifact', id: 'entity/project/model', alias: 'latest', pinned: 'entity/project/model:v<n>' } },
      ],
    },
    // KerasHub / KerasNLP presets from Kaggle: without a version, the latest one (as kagglehub's model_download);
    // a versioned handle and a built-in preset name (a versioned handle of keras-hub's) are left alone
    {
      code: 'import keras_nlp, keras_hub, os\ngemma = keras_nlp.models.GemmaCausalLM.from_preset("kaggle://google/gemma/keras/gemma_2b_en")\npinned = keras_nlp.models.GemmaCausalLM.from_preset("kaggle://google/gemma/keras/gemma_2b_en/2")\nbuiltin = keras_hub.models.GemmaCausalLM.from_preset("gemma_2b_en")\nenv = keras_hub.models.Backbone.from_preset(preset=os.environ.get("PRESET", "kaggle://me/bert/keras/tiny"))\ndef f(variant):\n    return keras_hub.models.Backbone.from_preset(f"kaggle://me/bert/keras/{variant}")',
      errors: [
        { messageId: 'kaggleUnversioned', line: 2, confidence: 'high', data: { api: 'GemmaCausalLM.from_preset', id: 'kaggle://google/gemma/keras/gemma_2b_en', pinned: 'kaggle://google/gemma/keras/gemma_2b_en/<version>' } },
        { messageId: 'kaggleUnversioned', line: 5, confidence: 'medium', data: { api: 'Backbone.from_preset', id: 'kaggle://me/bert/keras/tiny', pinned: 'kaggle://me/bert/keras/tiny/<version>' } },
        { messageId: 'kaggleUnknownHandle', line: 7, confidence: 'low', data: { api: 'Backbone.from_preset', expr: 'f"kaggle://me/bert/keras/{variant}"' } },
      ],
    },
    // kagglehub: a handle without a version fetches the latest one
    {
      code: 'import kagglehub\np = kagglehub.model_download("google/gemma/pyTorch/2b")\nq = kagglehub.model_download("google/gemma/pyTorch/2b/3")\nr = kagglehub.dataset_download("zillow/zecon")\ns = kagglehub.dataset_download("zillow/zecon/versions/2")\ndef f(handle):\n    return kagglehub.model_download(handle)',
      errors: [
        { messageId: 'kaggleUnversioned', line: 2, confidence: 'high', data: { api: 'kagglehub.model_download', id: 'google/gemma/pyTorch/2b', pinned: 'google/gemma/pyTorch/2b/<version>' } },
        { messageId: 'kaggleUnversioned', line: 4, confidence: 'high', data: { api: 'kagglehub.dataset_download', id: 'zillow/zecon', pinned: 'zillow/zecon/versions/<n>' } },
        { messageId: 'kaggleUnknownHandle', line: 7, confidence: 'low', data: { api: 'kagglehub.model_download', expr: 'handle' } },
      ],
    },
    // audiocraft: get_pretrained fetches state_dict.bin with hf_hub_download and no revision; MusicGen's short names
    // are Hub ids of facebook/
    {
      code: 'from audiocraft.models import MusicGen, AudioGen, MAGNeT\nmodel = MusicGen.get_pretrained("facebook/musicgen-small")\nsfx = AudioGen.get_pretrained("facebook/audiogen-medium")\nmel = MusicGen.get_pretrained(\'melody\')\nmag = MAGNeT.get_pretrained(name="facebook/magnet-small-10secs")',
      errors: [
        { messageId: 'snapshotUnpinnedOwn', line: 2, confidence: 'high', data: { api: 'MusicGen.get_pretrained', id: 'facebook/musicgen-small' } },
        { messageId: 'snapshotUnpinnedOwn', line: 3, confidence: 'high', data: { api: 'AudioGen.get_pretrained', id: 'facebook/audiogen-medium' } },
        { messageId: 'snapshotUnpinnedOwn', line: 4, confidence: 'high', data: { api: 'MusicGen.get_pretrained', id: 'facebook/musicgen-melody' } },
        { messageId: 'snapshotUnpinnedOwn', line: 5, confidence: 'high', data: { api: 'MAGNeT.get_pretrained', id: 'facebook/magnet-small-10secs' } },
      ],
    },
    // NeMo: an owner/name from the Hub at its latest revision, no revision to pass; a bare name is NGC's
    {
      code: 'import nemo.collections.asr as nemo_asr\nm = nemo_asr.models.ASRModel.from_pretrained("ai4bharat/indicconformer_stt_hi_hybrid_rnnt_large")\nn = nemo_asr.models.EncDecCTCModel.from_pretrained(model_name="stt_en_conformer_ctc_large")',
      errors: [{ messageId: 'snapshotUnpinnedOwn', line: 2, confidence: 'high', data: { api: 'ASRModel.from_pretrained', id: 'ai4bharat/indicconformer_stt_hi_hybrid_rnnt_large' } }],
    },
    // an entry of a table of tables (Bark's REMOTE_MODEL_PATHS), directly or through a helper's parameter
    {
      code: 'from huggingface_hub import hf_hub_download\nREMOTE = {"text": {"repo_id": "suno/bark", "file_name": "text.pt"}, "coarse": {"repo_id": "suno/bark", "file_name": "coarse.pt"}}\ndef _download(from_hf_path, file_name):\n    return hf_hub_download(repo_id=from_hf_path, filename=file_name)\ndef load_a():\n    return _download("suno/bark", "text.pt")\ndef load_b(model_type):\n    info = REMOTE[model_type]\n    return _download(info["repo_id"], info["file_name"])\np = hf_hub_download(REMOTE["text"]["repo_id"], "text.pt")',
      errors: [
        { messageId: 'missingRevision', line: 4, confidence: 'medium', data: { api: 'hf_hub_download', id: 'suno/bark' } },
        { messageId: 'missingRevision', line: 10, confidence: 'high', data: { api: 'hf_hub_download', id: 'suno/bark' } },
      ],
    },
    // a config class's id replaced at module level before the load: the value written last; a write on some paths
    // only leaves the id unknown
    {
      code: 'from transformers import AutoModel\nclass CFG:\n    model = "microsoft/deberta-v3-base"\nCFG.model = "microsoft/deberta-v3-large"\nm = AutoModel.from_pretrained(CFG.model)\nclass C2:\n    model = "/kaggle/input/x"\nif debug:\n    C2.model = "org/small"\nn = AutoModel.from_pretrained(C2.model)',
      errors: [
        { messageId: 'missingRevision', line: 5, confidence: 'medium', data: { api: 'AutoModel.from_pretrained', id: 'microsoft/deberta-v3-large' } },
        { messageId: 'missingRevisionUnknownId', line: 10, confidence: 'low', data: { api: 'AutoModel.from_pretrained', localAdvice: LOCAL_MODEL } },
      ],
    },
    // a helper's parameter that every call of the file gives a known id: medium (a caller elsewhere may pass another)
    {
      code: 'from peft import PeftModel\nfrom transformers import AutoModelForCausalLM\nBASE = "EleutherAI/polyglot-ko-1.3b"\ndef merge(base_name, adapter_name):\n    model = AutoModelForCausalLM.from_pretrained(base_name)\n    return PeftModel.from_pretrained(model, adapter_name)\nmerge(BASE, "someone/adapter")',
      errors: [
        { messageId: 'missingRevision', line: 5, confidence: 'medium', data: { api: 'AutoModelForCausalLM.from_pretrained', id: 'EleutherAI/polyglot-ko-1.3b' } },
        { messageId: 'missingRevision', line: 6, confidence: 'medium', data: { api: 'PeftModel.from_pretrained', id: 'someone/adapter' } },
      ],
    },
    // diffusers' adapter loaders fetch from the Hub at `main`
    {
      code: `from diffusers import StableDiffusionXLPipeline\npipe = StableDiffusionXLPipeline.from_pretrained("org/sdxl", revision="${COMMIT}")\npipe.load_lora_weights("nerijs/pixel-art-xl", weight_name="pixel-art-xl.safetensors")\npipe.load_textual_inversion("sd-concepts-library/cat-toy")\npipe.load_ip_adapter("h94/IP-Adapter", subfolder="sdxl_models", weight_name="ip-adapter_sdxl.bin")\ndef f(p):\n    p.load_lora_weights("owner/lora")`,
      errors: [
        { messageId: 'missingRevision', line: 3, confidence: 'high', data: { api: 'pipe.load_lora_weights', id: 'nerijs/pixel-art-xl' } },
        { messageId: 'missingRevision', line: 4, confidence: 'high', data: { api: 'pipe.load_textual_inversion', id: 'sd-concepts-library/cat-toy' } },
        { messageId: 'missingRevision', line: 5, confidence: 'high', data: { api: 'pipe.load_ip_adapter', id: 'h94/IP-Adapter' } },
        { messageId: 'missingRevision', line: 7, confidence: 'medium', data: { api: 'p.load_lora_weights', id: 'owner/lora' } },
      ],
    },
    // ModelScope (review github3, P2): named, with its own pinning keyword; `"master"` is a branch
    {
      code: "from modelscope import snapshot_download\nd = snapshot_download('qwen/Qwen2-7B-Instruct', cache_dir='/root/tmp', revision='master')",
      errors: [{ messageId: 'otherHubBranchRevision', confidence: 'high', data: { api: 'snapshot_download', id: 'qwen/Qwen2-7B-Instruct', hub: 'ModelScope', revision: 'master', advice: 'Pin `revision=` to a release tag you have reviewed (ModelScope takes branch and tag names, not commit hashes), and compare the files with known SHA-256 digests: the repository owner can move a tag.' } }],
    },
    {
      code: "from modelscope.hub.snapshot_download import snapshot_download\nd = snapshot_download('deepseek-ai/DeepSeek-R1-Distill-Qwen-7B')",
      errors: [{ messageId: 'otherHubMissingRevision', confidence: 'high' }],
    },
    {
      code: "from modelscope.pipelines import pipeline\nfrom modelscope.utils.constant import Tasks\np = pipeline(Tasks.text_classification, 'Fengshenbang/Erlangshen-RoBERTa-110M-Sentiment')",
      errors: [{ messageId: 'otherHubMissingRevision', confidence: 'high', data: { api: 'pipeline', id: 'Fengshenbang/Erlangshen-RoBERTa-110M-Sentiment', hub: 'ModelScope', latest: 'the SDK picks a tag or the `master` branch at load time, which the repository owner can move', advice: 'Pin `model_revision=` to a release tag you have reviewed (ModelScope takes branch and tag names, not commit hashes), and compare the files with known SHA-256 digests: the repository owner can move a tag.' } }],
    },
    {
      code: "from modelscope.pipelines import pipeline\np = pipeline(task='text-generation', model='damo/nlp_gpt3', model_revision='v1.0.1')",
      errors: [{ messageId: 'otherHubTagRevision', severity: 'low' }],
    },
    {
      code: "from modelscope.msdatasets import MsDataset\nds = MsDataset.load('AI-ModelScope/alpaca-gpt4-data-zh', split='train')",
      errors: [{ messageId: 'otherHubMissingRevision', confidence: 'high', data: { api: 'MsDataset.load', id: 'AI-ModelScope/alpaca-gpt4-data-zh', hub: 'ModelScope', latest: 'the SDK picks a tag or the `master` branch at load time, which the repository owner can move', advice: 'Pin `version=` to a release tag you have reviewed (ModelScope takes branch and tag names, not commit hashes), and compare the files with known SHA-256 digests: the repository owner can move a tag.' } }],
    },
    {
      code: 'import modelscope\nm = modelscope.AutoModelForCausalLM.from_pretrained("qwen/Qwen-7B-Chat")',
      errors: [{ messageId: 'otherHubMissingRevision', confidence: 'high' }],
    },
    // FunASR's AutoModel: ModelScope by default (`model_revision=`, each of `vad_`/`punc_`/`spk_model` its own),
    // its short names mapped to ModelScope ids; the Hugging Face Hub with `hub="hf"`, where no revision reaches the download
    {
      code: 'from funasr import AutoModel\nmodel = AutoModel(model="iic/SenseVoiceSmall", vad_model="fsmn-vad", vad_model_revision="v2.0.4", device="cuda:0")',
      errors: [
        { messageId: 'otherHubMissingRevision', confidence: 'high', data: { api: 'AutoModel', id: 'iic/SenseVoiceSmall', hub: 'ModelScope', latest: 'the SDK picks a tag or the `master` branch at load time, which the repository owner can move', advice: 'Pin `model_revision=` to a release tag you have reviewed (ModelScope takes branch and tag names, not commit hashes), and compare the files with known SHA-256 digests: the repository owner can move a tag.' } },
      ],
    },
    {
      code: 'from funasr.auto.auto_model import AutoModel\nmodel = AutoModel(model="paraformer-zh", model_revision="master", punc_model="ct-punc", punc_model_revision="v2.0.4")',
      errors: [
        { messageId: 'otherHubBranchRevision', confidence: 'high', data: { api: 'AutoModel', id: 'iic/speech_seaco_paraformer_large_asr_nat-zh-cn-16k-common-vocab8404-pytorch', hub: 'ModelScope', revision: 'master', advice: 'Pin `model_revision=` to a release tag you have reviewed (ModelScope takes branch and tag names, not commit hashes), and compare the files with known SHA-256 digests: the repository owner can move a tag.' } },
      ],
    },
    // the sub-models come from ModelScope whatever `hub=` says (their kwargs carry no hub; review s30)
    {
      code: 'from funasr import AutoModel\nmodel = AutoModel(model="./local_asr", hub="hf", vad_model="fsmn-vad")',
      errors: [{ messageId: 'otherHubMissingRevision', confidence: 'high', data: { api: 'AutoModel', id: 'iic/speech_fsmn_vad_zh-cn-16k-common-pytorch', hub: 'ModelScope', latest: 'the SDK picks a tag or the `master` branch at load time, which the repository owner can move', advice: 'Pin `vad_model_revision=` to a release tag you have reviewed (ModelScope takes branch and tag names, not commit hashes), and compare the files with known SHA-256 digests: the repository owner can move a tag.' } }],
    },
    // (one finding per call, for its least pinned load: here the VAD model's)
    {
      code: 'from funasr import AutoModel\nmodel = AutoModel(model="paraformer-zh", model_revision="v2.0.4", vad_model="fsmn-vad", punc_model="ct-punc", punc_model_revision="v2.0.4")',
      errors: [{ messageId: 'otherHubMissingRevision', confidence: 'high', data: { api: 'AutoModel', id: 'iic/speech_fsmn_vad_zh-cn-16k-common-pytorch', hub: 'ModelScope', latest: 'the SDK picks a tag or the `master` branch at load time, which the repository owner can move', advice: 'Pin `vad_model_revision=` to a release tag you have reviewed (ModelScope takes branch and tag names, not commit hashes), and compare the files with known SHA-256 digests: the repository owner can move a tag.' } }],
    },
    {
      code: 'from funasr import AutoModel\nmodel = AutoModel(model="FunAudioLLM/SenseVoiceSmall", hub="hf", model_revision="0123456789abcdef0123456789abcdef01234567")',
      errors: [{ messageId: 'snapshotRevisionIgnored', confidence: 'high', data: { api: 'AutoModel', id: 'FunAudioLLM/SenseVoiceSmall' } }],
    },
    // huggingface_sb3's load_from_hub takes no revision (review persist)
    {
      code: 'from huggingface_sb3 import load_from_hub\ncheckpoint = load_from_hub(repo_id="sb3/ppo-CartPole-v1", filename="ppo-CartPole-v1.zip")',
      errors: [{ messageId: 'snapshotUnpinnedOwn', confidence: 'high', data: { api: 'load_from_hub', id: 'sb3/ppo-CartPole-v1' } }],
    },
    // MLflow's registry by a stage or alias; DVC from another repository without a commit; a W&B alias after parts not known (review track)
    // a stage given as the default of an environment variable or a command-line option (review serving P2-2)
    {
      code: 'import argparse, os\nimport mlflow\nMODEL_URI = os.environ.get("MODEL_URI", "models:/churn/Production")\nmodel = mlflow.pyfunc.load_model(MODEL_URI)\nc = mlflow.pyfunc.load_model(os.environ.get("MODEL_URI", "models:/churn@champion"))\np = argparse.ArgumentParser()\np.add_argument("--uri", default="models:/churn/Staging")\nargs = p.parse_args()\nd = mlflow.pyfunc.load_model(args.uri)\ne = mlflow.pyfunc.load_model(os.environ.get("MODEL_URI", "models:/churn/7"))',
      errors: [
        { messageId: 'mlflowStage', line: 4, confidence: 'medium', data: { api: 'mlflow.pyfunc.load_model', uri: 'models:/churn/Production', what: 'at stage', stage: 'Production', name: 'churn' } },
        { messageId: 'mlflowStage', line: 5, confidence: 'medium', data: { api: 'mlflow.pyfunc.load_model', uri: 'models:/churn@champion', what: 'by alias', stage: 'champion', name: 'churn' } },
        { messageId: 'mlflowStage', line: 9, confidence: 'medium', data: { api: 'mlflow.pyfunc.load_model', uri: 'models:/churn/Staging', what: 'at stage', stage: 'Staging', name: 'churn' } },
      ],
    },
    {
      code: 'import mlflow\nm = mlflow.pyfunc.load_model("models:/churn/Production")\nn = mlflow.sklearn.load_model(model_uri="models:/churn@champion")',
      errors: [
        { messageId: 'mlflowStage', line: 2, confidence: 'high', data: { api: 'mlflow.pyfunc.load_model', uri: 'models:/churn/Production', what: 'at stage', stage: 'Production', name: 'churn' } },
        { messageId: 'mlflowStage', line: 3, confidence: 'high', data: { api: 'mlflow.sklearn.load_model', uri: 'models:/churn@champion', what: 'by alias', stage: 'champion', name: 'churn' } },
      ],
    },
    // a loader chosen from a table or by a conditional; a URI passed through a helper of the file (review mlops P2-1, P3-2)
    {
      code: 'import mlflow\nLOADERS = {"sklearn": mlflow.sklearn.load_model, "pyfunc": mlflow.pyfunc.load_model}\ndef load(flavor):\n    return LOADERS[flavor]("models:/churn/Production")',
      errors: [{ messageId: 'mlflowStage', line: 4, confidence: 'high', data: { api: 'LOADERS[flavor]', uri: 'models:/churn/Production', what: 'at stage', stage: 'Production', name: 'churn' } }],
    },
    {
      code: 'import mlflow\ndef load(framework):\n    fn = mlflow.sklearn.load_model if framework == "sklearn" else mlflow.pyfunc.load_model\n    return fn("models:/churn@champion")',
      errors: [{ messageId: 'mlflowStage', line: 4, confidence: 'high', data: { api: 'fn', uri: 'models:/churn@champion', what: 'by alias', stage: 'champion', name: 'churn' } }],
    },
    {
      code: 'import mlflow\nfrom mymod import custom_load\ndef load(framework):\n    fn = mlflow.sklearn.load_model if framework == "sklearn" else custom_load\n    return fn("models:/churn/Production")',
      errors: [{ messageId: 'mlflowStage', line: 5, confidence: 'medium', data: { api: 'fn', uri: 'models:/churn/Production', what: 'at stage', stage: 'Production', name: 'churn' } }],
    },
    {
      code: 'import mlflow\nMODEL_URI = "models:/churn/Production"\ndef _load(uri):\n    return mlflow.pyfunc.load_model(uri)\nmodel = _load(MODEL_URI)',
      errors: [{ messageId: 'mlflowStage', line: 4, confidence: 'medium', data: { api: 'mlflow.pyfunc.load_model', uri: 'models:/churn/Production', what: 'at stage', stage: 'Production', name: 'churn' } }],
    },
    {
      code: 'import mlflow\ndef _load(uri):\n    return mlflow.pyfunc.load_model(uri)\na = _load("models:/churn/7")\nb = _load("models:/churn@champion")',
      errors: [{ messageId: 'mlflowStage', line: 3, confidence: 'medium', data: { api: 'mlflow.pyfunc.load_model', uri: 'models:/churn@champion', what: 'by alias', stage: 'champion', name: 'churn' } }],
    },
    {
      code: 'import mlflow\nlocal = mlflow.artifacts.download_artifacts(artifact_uri="models:/churn/Staging")',
      errors: [{ messageId: 'mlflowStage', confidence: 'high', data: { api: 'mlflow.artifacts.download_artifacts', uri: 'models:/churn/Staging', what: 'at stage', stage: 'Staging', name: 'churn' } }],
    },
    // Spark's UDF loads the model on each executor; its URI is argument 1, after the session (review ray P2-1)
    {
      code: 'import mlflow\npredict = mlflow.pyfunc.spark_udf(spark, model_uri="models:/churn/Production")\nscore = mlflow.pyfunc.spark_udf(spark, "models:/churn@champion", result_type="double")\nfixed = mlflow.pyfunc.spark_udf(spark, "models:/churn/7")\nrun = mlflow.pyfunc.spark_udf(spark, "runs:/abc/model")\ndef udf_of(uri):\n    return mlflow.pyfunc.spark_udf(spark, uri)\nu = udf_of("models:/churn/Staging")',
      errors: [
        { messageId: 'mlflowStage', line: 2, confidence: 'high', data: { api: 'mlflow.pyfunc.spark_udf', uri: 'models:/churn/Production', what: 'at stage', stage: 'Production', name: 'churn' } },
        { messageId: 'mlflowStage', line: 3, confidence: 'high', data: { api: 'mlflow.pyfunc.spark_udf', uri: 'models:/churn@champion', what: 'by alias', stage: 'champion', name: 'churn' } },
        { messageId: 'mlflowStage', line: 7, confidence: 'medium', data: { api: 'mlflow.pyfunc.spark_udf', uri: 'models:/churn/Staging', what: 'at stage', stage: 'Staging', name: 'churn' } },
      ],
    },
    {
      code: 'import mlflow\nm = mlflow.pyfunc.load_model("models:/churn/latest")',
      errors: [{ messageId: 'mlflowStage', confidence: 'high', data: { api: 'mlflow.pyfunc.load_model', uri: 'models:/churn/latest', what: 'by', stage: 'latest', name: 'churn' } }],
    },
    {
      code: 'import dvc.api\nwith dvc.api.open("models/model.joblib", repo="https://github.com/org/models", mode="rb") as f:\n    data = f.read()\nraw = dvc.api.read("models/model.pkl", repo="https://github.com/org/models", rev="main", mode="rb")',
      errors: [
        { messageId: 'dvcUnpinned', line: 2, confidence: 'high', data: { api: 'dvc.api.open', path: 'models/model.joblib', repo: '"https://github.com/org/models"' } },
        { messageId: 'dvcBranch', line: 4, confidence: 'high', data: { api: 'dvc.api.read', path: 'models/model.pkl', repo: '"https://github.com/org/models"', rev: 'main' } },
      ],
    },
    {
      code: 'import wandb\napi = wandb.Api()\nart = api.artifact(f"{entity}/{project}/model:latest", type="model")',
      errors: [{ messageId: 'wandbAlias', confidence: 'medium', data: { api: 'api.artifact', id: '…/…/model:latest', alias: 'latest', pinned: '…/…/model:v<n>' } }],
    },
    // a label map from a dataset repository, read as JSON (review github3, P13): low severity
    {
      code: 'import json\nfrom huggingface_hub import hf_hub_download\nrepo_id = "huggingface/label-files"\nfilename = "imagenet-1k-id2label.json"\nid2label = json.load(open(hf_hub_download(repo_id, filename, repo_type="dataset"), "r"))',
      errors: [{ messageId: 'dataFileUnpinned', severity: 'low', confidence: 'high', data: { api: 'hf_hub_download', id: 'huggingface/label-files', file: 'imagenet-1k-id2label.json', at: 'without a revision' } }],
    },
    {
      code: 'import json\nfrom huggingface_hub import hf_hub_download\nlabels = json.load(open(hf_hub_download("org/model", "labels.json")))',
      errors: [{ messageId: 'dataFileUnpinned', severity: 'low' }],
    },
    {
      code: 'import json\nfrom huggingface_hub import hf_hub_download\nlabels = json.load(open(hf_hub_download("huggingface/label-files", "coco-id2label.json", repo_type="dataset", revision="main")))',
      errors: [{ messageId: 'dataFileUnpinned', severity: 'low', data: { api: 'hf_hub_download', id: 'huggingface/label-files', file: 'coco-id2label.json', at: 'at branch "main"' } }],
    },
    // weights, code, or a JSON file of a model repository not read as data here: as before
    {
      code: 'from huggingface_hub import hf_hub_download\np = hf_hub_download("org/model", "model.safetensors", repo_type="model")',
      errors: [{ messageId: 'missingRevision', severity: 'high' }],
    },
    {
      code: 'from huggingface_hub import hf_hub_download\np = hf_hub_download("org/ds", "loader.py", repo_type="dataset")',
      errors: [{ messageId: 'missingRevision', severity: 'high' }],
    },
    {
      code: 'from huggingface_hub import hf_hub_download\ncfg = hf_hub_download("org/model", "config.json")',
      errors: [{ messageId: 'missingRevision', severity: 'high' }],
    },
    // Flower's FederatedDataset: `datasets.load_dataset` with its `**load_dataset_kwargs` (review github3, P5)
    {
      code: 'from flwr_datasets import FederatedDataset\nfds = FederatedDataset(dataset="vicgalle/alpaca-gpt4", partitioners={"train": 20})',
      errors: [{ messageId: 'missingRevision', confidence: 'high', data: { api: 'FederatedDataset', id: 'vicgalle/alpaca-gpt4' } }],
    },
    // an unresolved dataset id: no `local_files_only=` advice (load_dataset has no such flag; review of the whole change)
    {
      code: 'from flwr_datasets import FederatedDataset\ndef load(cfg):\n    return FederatedDataset(dataset=cfg.name, partitioners={"train": 20})',
      errors: [{ messageId: 'missingRevisionUnknownId', data: { api: 'FederatedDataset', localAdvice: ', or give local data as a directory path or with `data_files=`' } }],
    },
    {
      code: 'from flwr_datasets import FederatedDataset\nfds = FederatedDataset(dataset="org/data", partitioners={"train": 20}, revision="main")',
      errors: [{ messageId: 'branchRevision' }],
    },
    // PaddleNLP's community storage keeps no revisions (review github3, P14): said so, with advice that applies
    {
      code: 'from paddlenlp.transformers import AutoModelForCausalLM\nmodel = AutoModelForCausalLM.from_pretrained("linly-ai/chinese-llama-2-7b", dtype="float16")',
      errors: [{ messageId: 'otherHubUnversioned', confidence: 'medium', data: { api: 'AutoModelForCausalLM.from_pretrained', id: 'linly-ai/chinese-llama-2-7b', hub: "PaddleNLP's community model storage", advice: 'Download the files once, compare their SHA-256 with known values, and load them from that local directory.' } }],
    },
    // ... with `from_hf_hub=True`, the Hugging Face Hub's own message
    {
      code: 'from paddlenlp.transformers import AutoModel\nmodel = AutoModel.from_pretrained("org/x", from_hf_hub=True)',
      errors: [{ messageId: 'missingRevision' }],
    },
    // an id taken from a dict literal of the file whose every value is a literal (review github3, P10): as if known
    {
      code: 'import os\nfrom transformers import BlipForQuestionAnswering\nREPOS = {"base": "Salesforce/blip-vqa-base", "large": "Salesforce/blip-vqa-capfilt-large"}\ndef load(model, root):\n    path = os.path.join(root, model)\n    if not os.path.exists(path):\n        path = REPOS[model]\n    return BlipForQuestionAnswering.from_pretrained(path)',
      errors: [{ messageId: 'missingRevision', confidence: 'high', data: { api: 'BlipForQuestionAnswering.from_pretrained', id: 'Salesforce/blip-vqa-base' } }],
    },
    {
      code: 'from transformers import AutoModel\nREPOS = {"a": "org/a", "b": "org/b"}\ndef load(name):\n    return AutoModel.from_pretrained(REPOS.get(name, "org/a"))',
      errors: [{ messageId: 'missingRevision', confidence: 'high' }],
    },
    // a validated dataset is still unpinned: checking its rows pins nothing (review finetune P2-1)
    {
      code: 'from datasets import load_dataset\ndef f(v):\n    ds = load_dataset("org/data")\n    ds = ds.filter(v)\n    return ds',
      errors: [{ messageId: 'missingRevision', confidence: 'high', data: { api: 'load_dataset', id: 'org/data' } }],
    },
    {
      code: 'from datasets import load_dataset\nfrom transformers import Trainer\ndef train(model, args):\n    ds = load_dataset("tatsu-lab/alpaca", split="train", revision="main")\n    ds = ds.filter(lambda x: x["output"])\n    Trainer(model=model, args=args, train_dataset=ds).train()',
      errors: [{ messageId: 'branchRevision', confidence: 'high', data: { api: 'load_dataset', id: 'tatsu-lab/alpaca', revision: 'main' } }],
    },
    // a comprehension that picks a batch's columns by name validates no row (the course notebooks)
    {
      code: 'from datasets import load_dataset\nraw = load_dataset("glue", "mrpc")\nsamples = raw["train"][:8]\nsamples = {k: v for k, v in samples.items() if k not in ["idx", "sentence1"]}',
      errors: [{ messageId: 'missingRevision', data: { api: 'load_dataset', id: 'glue' } }],
    },
    // huggingface_hub's get_full_repo_name returns a Hub id ("<user>/name"), not a local path (the course notebooks)
    {
      code: 'from transformers import pipeline\nfrom huggingface_hub import get_full_repo_name\nrepo_name = get_full_repo_name("distilbert-finetuned-imdb")\nmask_filler = pipeline("fill-mask", model=repo_name, revision="main")',
      errors: [{ messageId: 'branchRevisionUnknownId', confidence: 'low' }],
    },
    // a table handed to a function of the file that writes into it: what the key holds is not known
    {
      code: 'from transformers import AutoModel\nREPOS = {"b": "org/b"}\ndef setup(cfg, p):\n    cfg["b"] = p\nsetup(REPOS, "/models/b")\nm = AutoModel.from_pretrained(REPOS["b"])',
      errors: [{ messageId: 'missingRevisionUnknownId', confidence: 'low' }],
    },
    // a literal key: its own entry
    {
      code: 'from transformers import AutoModel\nREPOS = {"a": "org/a", "b": "org/b"}\nm = AutoModel.from_pretrained(REPOS["b"])',
      errors: [{ messageId: 'missingRevision', confidence: 'high', data: { api: 'AutoModel.from_pretrained', id: 'org/b' } }],
    },
    // a command-line option's default, which the command line may override: named, medium; an empty
    // default is a placeholder: not known (low)
    {
      code: 'from dataclasses import dataclass, field\nfrom typing import Optional\nfrom transformers import AutoTokenizer, HfArgumentParser\n@dataclass\nclass ScriptArguments:\n    tokenizer_name: Optional[str] = field(default="")\nparser = HfArgumentParser(ScriptArguments)\nscript_args = parser.parse_args_into_dataclasses()[0]\nt = AutoTokenizer.from_pretrained(script_args.tokenizer_name)',
      errors: [{ messageId: 'missingRevisionUnknownId', confidence: 'low' }],
    },
    {
      code: 'import argparse\nfrom transformers import AutoModelForCausalLM\nparser = argparse.ArgumentParser()\nparser.add_argument("--model_name", default="meta-llama/Llama-2-7b-hf")\nargs = parser.parse_args()\nm = AutoModelForCausalLM.from_pretrained(args.model_name)',
      errors: [{ messageId: 'missingRevision', confidence: 'medium', data: { api: 'AutoModelForCausalLM.from_pretrained', id: 'meta-llama/Llama-2-7b-hf' } }],
    },
    {
      code: 'from dataclasses import dataclass, field\nfrom typing import Optional\nfrom transformers import AutoModelForCausalLM, HfArgumentParser\n@dataclass\nclass ScriptArguments:\n    model_name: Optional[str] = field(default="meta-llama/Llama-2-7b-hf")\nscript_args = HfArgumentParser(ScriptArguments).parse_args_into_dataclasses()[0]\nm = AutoModelForCausalLM.from_pretrained(script_args.model_name)',
      errors: [{ messageId: 'missingRevision', confidence: 'medium', data: { api: 'AutoModelForCausalLM.from_pretrained', id: 'meta-llama/Llama-2-7b-hf' } }],
    },
    // an environment variable whose default is None or "" (OpenThaiGPT's export_hf_checkpoint.py): not known, low
    {
      code: 'import os\nfrom transformers import LlamaForCausalLM\nBASE_MODEL = os.environ.get("BASE_MODEL", None)\nmodel = LlamaForCausalLM.from_pretrained(BASE_MODEL)',
      errors: [{ messageId: 'missingRevisionUnknownId', confidence: 'low', data: { localAdvice: LOCAL_MODEL, api: 'LlamaForCausalLM.from_pretrained' } }],
    },
    {
      code: 'import os\nfrom transformers import AutoModel\nm = AutoModel.from_pretrained(os.getenv("BASE_MODEL", ""), revision="main")',
      errors: [{ messageId: 'branchRevisionUnknownId', confidence: 'low', data: { localAdvice: LOCAL_MODEL, api: 'AutoModel.from_pretrained', revision: 'main' } }],
    },
    // an id that is not resolved, at a branch: the parameter's name is not quoted as the Hub id (lm-sys/FastChat)
    {
      code: 'from transformers import AutoTokenizer\ndef load(model_path, revision="main"):\n    return AutoTokenizer.from_pretrained(model_path, revision=revision)',
      errors: [{ messageId: 'branchRevisionUnknownId', confidence: 'low', data: { localAdvice: LOCAL_MODEL, api: 'AutoTokenizer.from_pretrained', revision: 'main' } }],
    },
    {
      code: 'from transformers import AutoTokenizer\ndef load(model_path):\n    return AutoTokenizer.from_pretrained(model_path, revision="v1.0")',
      errors: [{ messageId: 'tagRevisionUnknownId', confidence: 'low', severity: 'low', data: { localAdvice: LOCAL_MODEL, api: 'AutoTokenizer.from_pretrained', revision: 'v1.0' } }],
    },
    // a class imported from transformers in one branch and from another package in the other (mudler/LocalAI)
    {
      code: 'def load(name, xpu):\n    if xpu:\n        from intel_extension_for_transformers.transformers.modeling import AutoModelForCausalLM\n    else:\n        from transformers import AutoModelForCausalLM\n    return AutoModelForCausalLM.from_pretrained(name)',
      errors: [{ messageId: 'missingRevisionUnknownId', confidence: 'low', data: { localAdvice: LOCAL_MODEL, api: 'AutoModelForCausalLM.from_pretrained' } }],
    },
    {
      code: 'def load(xpu):\n    if xpu:\n        from intel_extension_for_transformers.transformers.modeling import AutoModelForCausalLM\n    else:\n        from transformers import AutoModelForCausalLM\n    return AutoModelForCausalLM.from_pretrained("org/model")',
      errors: [{ messageId: 'missingRevision', confidence: 'high', data: { api: 'AutoModelForCausalLM.from_pretrained', id: 'org/model' } }],
    },
    // diffusers `from_single_file` of a Hub file URL: the repository, at the URL's branch
    {
      code: 'from diffusers import StableDiffusionPipeline\npipe = StableDiffusionPipeline.from_single_file("https://huggingface.co/org/sd/blob/main/model.ckpt")',
      errors: [{ messageId: 'branchRevision', confidence: 'high', data: { api: 'StableDiffusionPipeline.from_single_file', id: 'org/sd', revision: 'main' } }],
    },
    // (review difftrain P3-2) the default of a command-line option, which the run may override: medium, as for every other loader
    {
      code: 'import argparse\nfrom diffusers import StableDiffusionPipeline\nparser = argparse.ArgumentParser()\nparser.add_argument("--checkpoint", default="https://huggingface.co/org/sd/blob/main/model.ckpt")\nargs = parser.parse_args()\npipe = StableDiffusionPipeline.from_single_file(args.checkpoint)',
      errors: [{ messageId: 'branchRevision', line: 6, confidence: 'medium', data: { api: 'StableDiffusionPipeline.from_single_file', id: 'org/sd', revision: 'main' } }],
    },
    {
      code: 'from diffusers import StableDiffusionXLPipeline\npipe = StableDiffusionXLPipeline.from_single_file("https://huggingface.co/org/sdxl/model.safetensors")',
      errors: [{ messageId: 'missingRevision', confidence: 'high', data: { api: 'StableDiffusionXLPipeline.from_single_file', id: 'org/sdxl' } }],
    },
    // AutoAWQ fetches with `snapshot_download(path, **download_kwargs)`: only `download_kwargs={"revision": …}` pins
    {
      code: 'from awq import AutoAWQForCausalLM\nmodel = AutoAWQForCausalLM.from_quantized("TheBloke/zephyr-7B-beta-AWQ", fuse_layers=True)',
      errors: [{ messageId: 'missingRevisionMapping', line: 2, confidence: 'high', data: { api: 'AutoAWQForCausalLM.from_quantized', id: 'TheBloke/zephyr-7B-beta-AWQ', mapping: 'download_kwargs' } }],
    },
    {
      code: `from awq import AutoAWQForCausalLM\nmodel = AutoAWQForCausalLM.from_pretrained("mistralai/Mistral-7B-Instruct-v0.2", revision="${COMMIT}")`,
      errors: [{ messageId: 'mappingRevisionIgnored', confidence: 'high', data: { api: 'AutoAWQForCausalLM.from_pretrained', id: 'mistralai/Mistral-7B-Instruct-v0.2', mapping: 'download_kwargs' } }],
    },
    {
      code: 'from awq import AutoAWQForCausalLM\nmodel = AutoAWQForCausalLM.from_quantized("TheBloke/zephyr-7B-beta-AWQ", download_kwargs={"revision": "main"})',
      errors: [{ messageId: 'branchRevision', confidence: 'high', data: { api: 'AutoAWQForCausalLM.from_quantized', id: 'TheBloke/zephyr-7B-beta-AWQ', revision: 'main' } }],
    },
    // vLLM's LoRARequest: a Hub id as `lora_path` is fetched with snapshot_download and no revision
    {
      code: 'from vllm import LLM, SamplingParams\nfrom vllm.lora.request import LoRARequest\nllm = LLM(model="./base", enable_lora=True)\nout = llm.generate(["hi"], SamplingParams(), lora_request=LoRARequest("sql", 1, "yard1/llama-2-7b-sql-lora-test"))',
      errors: [{ messageId: 'snapshotUnpinnedOwn', line: 4, confidence: 'high', data: { api: 'LoRARequest', id: 'yard1/llama-2-7b-sql-lora-test' } }],
    },
    {
      code: 'from vllm.lora.request import LoRARequest\nADAPTER = "yard1/llama-2-7b-sql-lora-test"\nreq = LoRARequest(lora_name="sql", lora_int_id=1, lora_path=ADAPTER)',
      errors: [{ messageId: 'snapshotUnpinnedOwn', line: 3, confidence: 'high', data: { api: 'LoRARequest', id: 'yard1/llama-2-7b-sql-lora-test' } }],
    },
    // LMDeploy's pipeline(model_path, …): the revision is read from `backend_config`, not from the call's `revision=`
    {
      code: 'from lmdeploy import pipeline\npipe = pipeline("internlm/internlm2_5-7b-chat", revision="main")',
      errors: [{ messageId: 'configRevisionIgnored', line: 2, confidence: 'high', data: { api: 'lmdeploy.pipeline', id: 'internlm/internlm2_5-7b-chat', mapping: 'backend_config' } }],
    },
    {
      code: 'import lmdeploy\npipe = lmdeploy.pipeline("internlm/internlm2_5-7b-chat")',
      errors: [{ messageId: 'missingRevisionConfig', confidence: 'high', data: { api: 'lmdeploy.pipeline', id: 'internlm/internlm2_5-7b-chat', mapping: 'backend_config' } }],
    },
    {
      code: 'from lmdeploy import pipeline, TurbomindEngineConfig\ncfg = TurbomindEngineConfig(session_len=8192, revision="main")\npipe = pipeline("internlm/internlm2_5-7b-chat", backend_config=cfg)',
      errors: [{ messageId: 'branchRevision', confidence: 'high', data: { api: 'lmdeploy.pipeline', id: 'internlm/internlm2_5-7b-chat', revision: 'main' } }],
    },
    // SGLang's Engine / Runtime / ServerArgs: vLLM's LLM by other names (`model_path`, `tokenizer_path`, `revision`)
    {
      code: 'import sglang as sgl\nllm = sgl.Engine(model_path="meta-llama/Meta-Llama-3.1-8B-Instruct")',
      errors: [{ messageId: 'missingRevision', line: 2, confidence: 'high', data: { api: 'sglang.Engine', id: 'meta-llama/Meta-Llama-3.1-8B-Instruct' } }],
    },
    {
      code: 'import sglang\nruntime = sglang.Runtime(model_path="Qwen/Qwen2-7B-Instruct", revision="main")',
      errors: [{ messageId: 'branchRevision', confidence: 'high', data: { api: 'sglang.Runtime', id: 'Qwen/Qwen2-7B-Instruct', revision: 'main' } }],
    },
    {
      code: 'import sglang as sgl\nllm = sgl.Engine(model_path="/models/llama-3.1-8b", tokenizer_path="org/tok")',
      errors: [{ messageId: 'missingRevision', confidence: 'high', data: { api: 'sglang.Engine', id: 'org/tok' } }],
    },
    {
      code: 'from sglang.srt.server_args import ServerArgs\nargs = ServerArgs("Qwen/Qwen2-7B-Instruct")',
      errors: [{ messageId: 'missingRevision', confidence: 'high', data: { api: 'sglang.ServerArgs', id: 'Qwen/Qwen2-7B-Instruct' } }],
    },
    // GPTQModel's current entry point: `load` hands the id and `revision=` to from_quantized / from_pretrained
    {
      code: 'from gptqmodel import GPTQModel\nmodel = GPTQModel.load("ModelCloud/Llama-3.2-1B-Instruct-gptqmodel-4bit-vortex-v2.5")',
      errors: [{ messageId: 'missingRevision', line: 2, confidence: 'high', data: { api: 'GPTQModel.load', id: 'ModelCloud/Llama-3.2-1B-Instruct-gptqmodel-4bit-vortex-v2.5' } }],
    },
    {
      code: 'from gptqmodel import GPTQModel, QuantizeConfig\nmodel = GPTQModel.load(model_id_or_path="meta-llama/Llama-3.2-1B-Instruct", quantize_config=QuantizeConfig(bits=4, group_size=128), revision="main")',
      errors: [{ messageId: 'branchRevision', confidence: 'high', data: { api: 'GPTQModel.load', id: 'meta-llama/Llama-3.2-1B-Instruct', revision: 'main' } }],
    },
    {
      code: 'import gptqmodel\nmodel = gptqmodel.GPTQModel.from_pretrained(model_id_or_path="meta-llama/Llama-3.2-1B-Instruct", quantize_config=None)',
      errors: [{ messageId: 'missingRevision', confidence: 'high', data: { api: 'GPTQModel.from_pretrained', id: 'meta-llama/Llama-3.2-1B-Instruct' } }],
    },
    // AutoGPTQ's from_quantized takes `revision=` (PromtEngineer/localGPT, QwenLM/Qwen)
    {
      code: 'from auto_gptq import AutoGPTQForCausalLM\nmodel = AutoGPTQForCausalLM.from_quantized("TheBloke/Llama-2-7B-GPTQ", use_safetensors=True)',
      errors: [{ messageId: 'missingRevision', confidence: 'high', data: { api: 'AutoGPTQForCausalLM.from_quantized', id: 'TheBloke/Llama-2-7B-GPTQ' } }],
    },
    {
      code: 'from auto_gptq import AutoGPTQForCausalLM\ndef load(model_id):\n    return AutoGPTQForCausalLM.from_quantized(model_id, use_safetensors=True)',
      errors: [{ messageId: 'missingRevisionUnknownId', confidence: 'low' }],
    },
    // embeddings of RAG apps: LangChain (bare names resolve under sentence-transformers) and llama_index
    {
      code: 'from langchain_huggingface import HuggingFaceEmbeddings\ne = HuggingFaceEmbeddings(model_name="all-MiniLM-L6-v2")',
      errors: [{ messageId: 'missingRevisionKwargs', confidence: 'high', data: { api: 'HuggingFaceEmbeddings', id: 'sentence-transformers/all-MiniLM-L6-v2' } }],
    },
    // a loop over local paths and a Hub id: the Hub id is fetched on one iteration, certainly (every value is known)
    {
      code: 'from pathlib import Path\nfrom transformers import AutoTokenizer\nfor p in [Path("tokenizers/llama"), "org/tokenizer"]:\n    AutoTokenizer.from_pretrained(p)',
      errors: [{ messageId: 'missingRevision', confidence: 'high', data: { api: 'AutoTokenizer.from_pretrained', id: 'org/tokenizer' } }],
    },
    // a loop over a literal list takes exactly its values: as if the literal were written (Shengxiang-Lin/LatentR3)
    {
      code: 'from huggingface_hub import snapshot_download\nfor repo in ["Qwen/Qwen2.5-1.5B-Instruct"]:\n    snapshot_download(repo_id=repo, revision="main")',
      errors: [{ messageId: 'branchRevision', confidence: 'high', data: { api: 'snapshot_download', id: 'Qwen/Qwen2.5-1.5B-Instruct', revision: 'main' } }],
    },
    {
      code: 'from transformers import AutoModel\nMODELS = ("org/a", "org/b")\nfor name in MODELS:\n    AutoModel.from_pretrained(name)',
      errors: [{ messageId: 'missingRevision', confidence: 'high', data: { api: 'AutoModel.from_pretrained', id: 'org/a' } }],
    },
    // …but one value the analysis cannot read (or that the environment overrides) leaves the others uncertain
    {
      code: 'from transformers import AutoModel\ndef f(args):\n    for name in ["org/a", args.model]:\n        AutoModel.from_pretrained(name)',
      errors: [{ messageId: 'missingRevision', confidence: 'medium', data: { api: 'AutoModel.from_pretrained', id: 'org/a' } }],
    },
    {
      code: 'import os\nfrom transformers import AutoModel\nfor name in [os.environ.get("M", "org/a")]:\n    AutoModel.from_pretrained(name)',
      errors: [{ messageId: 'missingRevision', confidence: 'medium', data: { api: 'AutoModel.from_pretrained', id: 'org/a' } }],
    },
    {
      code: 'from langchain_community.embeddings import SentenceTransformerEmbeddings\ne = SentenceTransformerEmbeddings(model_name="sentence-transformers/all-MiniLM-L6-v2")',
      errors: [{ messageId: 'missingRevisionKwargs', confidence: 'high' }],
    },
    {
      code: 'from llama_index.embeddings.huggingface import HuggingFaceEmbedding\ne = HuggingFaceEmbedding(model_name="BAAI/bge-small-en-v1.5")',
      errors: [{ messageId: 'missingRevision', confidence: 'high', data: { api: 'HuggingFaceEmbedding', id: 'BAAI/bge-small-en-v1.5' } }],
    },
    // `load_adapter` downloads an adapter from the Hub as PeftModel.from_pretrained does (PEFT's, transformers')
    {
      code: `from peft import PeftModel\nfrom transformers import AutoModelForCausalLM\nbase = AutoModelForCausalLM.from_pretrained("org/base", revision="${COMMIT}")\nmodel = PeftModel.from_pretrained(base, "someone/adapter", revision="${COMMIT}")\nmodel.load_adapter("someone/reward-adapter", adapter_name="reward")`,
      errors: [{ messageId: 'missingRevision', confidence: 'high', line: 5, data: { api: 'model.load_adapter', id: 'someone/reward-adapter' } }],
    },
    {
      code: `from transformers import AutoModelForCausalLM\nbase = AutoModelForCausalLM.from_pretrained("org/base", revision="${COMMIT}")\nbase.load_adapter("someone/other-adapter", revision="main")`,
      errors: [{ messageId: 'branchRevision', confidence: 'high', data: { api: 'base.load_adapter', id: 'someone/other-adapter', revision: 'main' } }],
    },
    {
      // a model built by transformers, given an id that is not resolved
      code: `from transformers import AutoModelForCausalLM\ndef f(adapter):\n    base = AutoModelForCausalLM.from_pretrained("org/base", revision="${COMMIT}")\n    base.load_adapter(adapter)`,
      errors: [{ messageId: 'missingRevisionUnknownId', confidence: 'low', data: { localAdvice: LOCAL_MODEL, api: 'base.load_adapter' } }],
    },
    {
      // a receiver the analysis cannot follow, with a literal owner/name
      code: 'def add_reward(model):\n    model.pretrained_model.load_adapter("someone/reward-adapter", "reward", is_trainable=False)',
      errors: [{ messageId: 'missingRevision', confidence: 'medium', data: { api: 'model.pretrained_model.load_adapter', id: 'someone/reward-adapter' } }],
    },
    // a bare name that may be a local directory (unsloth's "lora_model"): "may fetch", at low confidence
    {
      code: 'from unsloth import FastLanguageModel\nmodel, tokenizer = FastLanguageModel.from_pretrained(model_name="lora_model", load_in_4bit=True)',
      errors: [{ messageId: 'missingRevisionMaybeLocal', confidence: 'low', data: { api: 'FastLanguageModel.from_pretrained', id: 'lora_model' } }],
    },
    {
      code: 'from transformers import AutoModel\nm = AutoModel.from_pretrained("my_model", revision="main")',
      errors: [{ messageId: 'branchRevisionMaybeLocal', confidence: 'low', data: { api: 'AutoModel.from_pretrained', id: 'my_model', revision: 'main' } }],
    },
    {
      code: 'from transformers import AutoModel\nm = AutoModel.from_pretrained("my_model", revision="v1.0")',
      errors: [{ messageId: 'tagRevisionMaybeLocal', confidence: 'low', severity: 'low', data: { api: 'AutoModel.from_pretrained', id: 'my_model', revision: 'v1.0' } }],
    },
    {
      // also on a receiver the analysis cannot follow (was medium: the name is no surer there)
      code: 'class A:\n    def load(self):\n        return self.model_cls.from_pretrained("glm_model")',
      errors: [{ messageId: 'missingRevisionMaybeLocal', confidence: 'low', data: { api: 'self.model_cls.from_pretrained', id: 'glm_model' } }],
    },
    // an owner/name whose owner names a working directory: read when the directory exists, else fetched from the Hub
    {
      code: 'from transformers import AutoModelForCausalLM\nmodel = AutoModelForCausalLM.from_pretrained("models/Llama-3.1-8B-Instruct")',
      errors: [{ messageId: 'missingRevisionMaybeLocal', confidence: 'low', data: { api: 'AutoModelForCausalLM.from_pretrained', id: 'models/Llama-3.1-8B-Instruct' } }],
    },
    {
      code: 'from peft import PeftModel\nMODEL_DIR = "output/final"\nmodel = PeftModel.from_pretrained(base, MODEL_DIR, revision="main")',
      errors: [{ messageId: 'branchRevisionMaybeLocal', confidence: 'low', data: { api: 'PeftModel.from_pretrained', id: 'output/final', revision: 'main' } }],
    },
    {
      // hf_hub_download reads no directory: the id is a Hub repository
      code: 'from huggingface_hub import hf_hub_download\np = hf_hub_download("models/some-model", "config.json")',
      errors: [{ messageId: 'missingRevision', confidence: 'high', data: { api: 'hf_hub_download', id: 'models/some-model' } }],
    },
    // a class of this file that inherits a Hub library's from_pretrained: that loader (LambdaLabsML/dreambooth)
    {
      code: 'import argparse\nfrom diffusers import DiffusionPipeline\nclass DreamboothPipeline(DiffusionPipeline):\n    pass\nargs = argparse.ArgumentParser().parse_args()\npipe = DreamboothPipeline.from_pretrained(args.pretrained_model_name_or_path)',
      errors: [{ messageId: 'missingRevisionUnknownId', confidence: 'low', data: { localAdvice: LOCAL_MODEL, api: 'DreamboothPipeline.from_pretrained' } }],
    },
    // at --depth deep, also a class imported from another module of the project (tests/fixtures/project/tinylm/modeling.py)
    {
      code: 'from .modeling import TinyLM\nmodel = TinyLM.from_pretrained("org/tiny")',
      filename: 'project/tinylm/snippet.py',
      errors: [{ messageId: 'missingRevision', confidence: 'high', data: { api: 'TinyLM.from_pretrained', id: 'org/tiny' } }],
    },
    {
      code: 'import argparse\nfrom .modeling import TinyLM\nclass Chat(TinyLM):\n    pass\nargs = argparse.ArgumentParser().parse_args()\nmodel = Chat.from_pretrained(args.model)',
      filename: 'project/tinylm/snippet.py',
      errors: [{ messageId: 'missingRevisionUnknownId', confidence: 'low', data: { localAdvice: LOCAL_MODEL, api: 'Chat.from_pretrained' } }],
    },
    {
      code: 'import torch.nn as nn\nfrom huggingface_hub import PyTorchModelHubMixin\nclass Base(nn.Module, PyTorchModelHubMixin):\n    pass\nclass Net(Base):\n    pass\nnet = Net.from_pretrained("someone/net")',
      errors: [{ messageId: 'missingRevision', confidence: 'high', data: { api: 'Net.from_pretrained', id: 'someone/net' } }],
    },
    // hf_hub_download and snapshot_download read no directory: a bare name is fetched (low: no legacy id of that name may exist)
    {
      code: 'from huggingface_hub import hf_hub_download, snapshot_download\na = hf_hub_download(repo_id="mymodel", filename="x.gguf")\nb = snapshot_download("mymodel")',
      errors: [
        { messageId: 'missingRevision', confidence: 'low', line: 2, data: { api: 'hf_hub_download', id: 'mymodel' } },
        { messageId: 'missingRevision', confidence: 'low', line: 3, data: { api: 'snapshot_download', id: 'mymodel' } },
      ],
    },
    // a legacy Hub id without an owner, and a bare dataset name, are fetched
    {
      code: 'from transformers import AutoModel\nm = AutoModel.from_pretrained("bert-base-uncased")',
      errors: [{ messageId: 'missingRevision', confidence: 'medium', data: { api: 'AutoModel.from_pretrained', id: 'bert-base-uncased' } }],
    },
    {
      code: 'from datasets import load_dataset\nds = load_dataset("imdb")',
      errors: [{ messageId: 'missingRevision', confidence: 'medium', data: { api: 'load_dataset', id: 'imdb' } }],
    },
    // diffusers' from_config given a Hub id (deprecated, still downloads the config: LambdaLabsML/dreambooth)
    {
      code: 'from diffusers import DDPMScheduler\nnoise_scheduler = DDPMScheduler.from_config("CompVis/stable-diffusion-v1-4", subfolder="scheduler")',
      errors: [{ messageId: 'missingRevision', confidence: 'high', data: { api: 'DDPMScheduler.from_config', id: 'CompVis/stable-diffusion-v1-4' } }],
    },
    // optimum-habana's TRL trainers, as TRL's (Bihan/tpu-examples' Gaudi SFT example)
    {
      code: 'from optimum.habana.trl import GaudiSFTConfig, GaudiSFTTrainer\nt = GaudiSFTTrainer(model="facebook/opt-350m", train_dataset=ds, args=GaudiSFTConfig(output_dir="out"))',
      errors: [{ messageId: 'missingRevisionInitKwargs', confidence: 'high', data: { api: 'GaudiSFTTrainer', id: 'facebook/opt-350m' } }],
    },
    {
      code: 'from optimum.habana.trl.trainer.dpo_trainer import GaudiDPOTrainer\nt = GaudiDPOTrainer("facebook/opt-350m", None, train_dataset=ds)',
      errors: [{ messageId: 'missingRevisionInitKwargs', confidence: 'high', data: { api: 'GaudiDPOTrainer', id: 'facebook/opt-350m' } }],
    },
    {
      // the trainer's own model_init_kwargs override the config's, also when they hold no revision
      code: `from trl import SFTConfig, SFTTrainer\ncfg = SFTConfig(output_dir="o", model_init_kwargs={"revision": "${COMMIT}"})\nkw = {"torch_dtype": "auto"}\nt = SFTTrainer(model="facebook/opt-350m", args=cfg, model_init_kwargs=kw)`,
      errors: [{ messageId: 'missingRevisionInitKwargs', confidence: 'high', data: { api: 'SFTTrainer', id: 'facebook/opt-350m' } }],
    },
    // TRL trainers given a model id; the revision belongs in the config's model_init_kwargs
    {
      code: 'from trl import SFTTrainer\nt = SFTTrainer(model="facebook/opt-350m", train_dataset=ds)',
      errors: [{ messageId: 'missingRevisionInitKwargs', confidence: 'high', data: { api: 'SFTTrainer', id: 'facebook/opt-350m' } }],
    },
    {
      code: 'from trl import GRPOConfig, GRPOTrainer\nt = GRPOTrainer(model="Qwen/Qwen2-0.5B-Instruct", args=GRPOConfig(output_dir="o"), reward_funcs=r)',
      errors: [{ messageId: 'missingRevisionInitKwargs' }],
    },
    // a Hub mixin class of another package, given a literal owner/name
    {
      code: 'from maggie.network.arch import MaGGIe\nm = MaGGIe.from_pretrained("chuonghm/maggie-image-him50k-cvpr24")',
      errors: [{ messageId: 'missingRevision', confidence: 'medium', data: { api: 'MaGGIe.from_pretrained', id: 'chuonghm/maggie-image-him50k-cvpr24' } }],
    },
    // LeRobot's keyword spelling of the id, `pretrained_name_or_path=` (PreTrainedPolicy.from_pretrained), of an
    // imported class and of an unresolved receiver (review rl P2-3)
    {
      code: 'from lerobot.common.policies.pi0.modeling_pi0 import PI0Policy\npolicy = PI0Policy.from_pretrained(pretrained_name_or_path="lerobot/pi0")',
      errors: [{ messageId: 'missingRevision', confidence: 'medium', line: 2, data: { api: 'PI0Policy.from_pretrained', id: 'lerobot/pi0' } }],
    },
    {
      code: 'def load(policy_cls):\n    return policy_cls.from_pretrained(pretrained_name_or_path="lerobot/smolvla_base")',
      errors: [{ messageId: 'missingRevision', confidence: 'medium', line: 2, data: { api: 'policy_cls.from_pretrained', id: 'lerobot/smolvla_base' } }],
    },
    // pyannote.audio's and ESPnet's keyword spellings of the id (pyannote 3.x `checkpoint_path=`, 4.x
    // `checkpoint=`; ESPnet `model_tag=`) are read as the positional id is (review speech P2-2)
    {
      code: 'from pyannote.audio import Pipeline\npipeline = Pipeline.from_pretrained(checkpoint_path="pyannote/speaker-diarization-3.1", use_auth_token="hf_x")',
      errors: [{ messageId: 'missingRevision', confidence: 'medium', line: 2, data: { api: 'Pipeline.from_pretrained', id: 'pyannote/speaker-diarization-3.1' } }],
    },
    {
      code: 'from pyannote.audio import Pipeline, Model\np = Pipeline.from_pretrained(checkpoint="pyannote/speaker-diarization-community-1", token="hf_x")\nm = Model.from_pretrained(checkpoint="pyannote/segmentation-3.0")',
      errors: [
        { messageId: 'missingRevision', confidence: 'medium', line: 2, data: { api: 'Pipeline.from_pretrained', id: 'pyannote/speaker-diarization-community-1' } },
        { messageId: 'missingRevision', confidence: 'medium', line: 3, data: { api: 'Model.from_pretrained', id: 'pyannote/segmentation-3.0' } },
      ],
    },
    {
      code: 'from espnet2.bin.asr_inference import Speech2Text\ns2t = Speech2Text.from_pretrained(model_tag="espnet/simpleoier_librispeech_asr_train_asr_conformer7_wavlm_large_raw_en_bpe5000_sp", device="cuda")',
      errors: [{ messageId: 'missingRevision', confidence: 'medium', data: { api: 'Speech2Text.from_pretrained', id: 'espnet/simpleoier_librispeech_asr_train_asr_conformer7_wavlm_large_raw_en_bpe5000_sp' } }],
    },
    // optimum's exporters fetch a Hub id at `revision` (default main) (review convert P3-1)
    {
      code: 'from optimum.exporters.onnx import main_export\nfrom optimum.exporters.openvino import main_export as ov_export\nmain_export("microsoft/phi-2", output="phi2_onnx/", task="text-generation-with-past")\nmain_export(model_name_or_path="microsoft/phi-2", output="phi2_onnx/", revision="dev")\nov_export("microsoft/phi-2", "phi2_ov")',
      errors: [
        { messageId: 'missingRevision', confidence: 'high', line: 3, data: { api: 'main_export', id: 'microsoft/phi-2' } },
        { messageId: 'branchRevision', confidence: 'high', line: 4, data: { api: 'main_export', id: 'microsoft/phi-2', revision: 'dev' } },
        { messageId: 'missingRevision', confidence: 'high', line: 5, data: { api: 'main_export', id: 'microsoft/phi-2' } },
      ],
    },
    // a date is a tag (moondream2's `revision="2025-01-09"`), not a branch (review comfy P3a)
    {
      code: 'from transformers import AutoModel\nm = AutoModel.from_pretrained("vikhyatk/moondream2", revision="2025-01-09", trust_remote_code=False)\nn = AutoModel.from_pretrained("vikhyatk/moondream2", revision="2024.05.20")\no = AutoModel.from_pretrained("vikhyatk/moondream2", revision="2025-01-09-dev")',
      errors: [
        { messageId: 'tagRevision', confidence: 'high', severity: 'low', line: 2, data: { api: 'AutoModel.from_pretrained', id: 'vikhyatk/moondream2', revision: '2025-01-09' } },
        { messageId: 'tagRevision', confidence: 'high', severity: 'low', line: 3, data: { api: 'AutoModel.from_pretrained', id: 'vikhyatk/moondream2', revision: '2024.05.20' } },
        { messageId: 'tagRevision', confidence: 'high', severity: 'low', line: 4, data: { api: 'AutoModel.from_pretrained', id: 'vikhyatk/moondream2', revision: '2025-01-09-dev' } },
      ],
    },
    // a date with a word after it may be a branch; a long hostile revision is classified at once (the tag
    // patterns are not run on it: `2025-01-09aaa…!` made a nested quantifier backtrack for minutes)
    {
      code: `from transformers import AutoModel\nm = AutoModel.from_pretrained("acme/model", revision="2024-05-20-experimental")\nn = AutoModel.from_pretrained("acme/model", revision="2025-01-09${'a'.repeat(60)}!")\no = AutoModel.from_pretrained("acme/model", revision="2025-01-09${'a'.repeat(200)}!")`,
      errors: [
        { messageId: 'branchRevision', confidence: 'high', line: 2, data: { api: 'AutoModel.from_pretrained', id: 'acme/model', revision: '2024-05-20-experimental' } },
        { messageId: 'branchRevision', confidence: 'high', line: 3, data: { api: 'AutoModel.from_pretrained', id: 'acme/model', revision: `2025-01-09${'a'.repeat(60)}!` } },
        { messageId: 'branchRevision', confidence: 'high', line: 4, data: { api: 'AutoModel.from_pretrained', id: 'acme/model', revision: `2025-01-09${'a'.repeat(200)}!` } },
      ],
    },
    // pyannote.audio splits a revision written after `@` off the id: a branch, a tag (review speech P2-1)
    {
      code: 'from pyannote.audio import Model, Pipeline\nseg_branch = Model.from_pretrained("pyannote/segmentation-3.0@main", use_auth_token=True)\nseg_tag = Model.from_pretrained("pyannote/segmentation@2022.07", use_auth_token=True)\np = Pipeline.from_pretrained(checkpoint_path="pyannote/speaker-diarization@2.1")',
      errors: [
        { messageId: 'branchRevision', confidence: 'medium', severity: 'high', line: 2, data: { api: 'Model.from_pretrained', id: 'pyannote/segmentation-3.0', revision: 'main' } },
        { messageId: 'tagRevision', confidence: 'medium', severity: 'low', line: 3, data: { api: 'Model.from_pretrained', id: 'pyannote/segmentation', revision: '2022.07' } },
        { messageId: 'tagRevision', confidence: 'medium', severity: 'low', line: 4, data: { api: 'Pipeline.from_pretrained', id: 'pyannote/speaker-diarization', revision: '2.1' } },
      ],
    },
    // SpeechBrain's pretrained interfaces fetch `source` from the Hub
    {
      code: 'from speechbrain.inference.speaker import EncoderClassifier\nc = EncoderClassifier.from_hparams(source="speechbrain/spkrec-ecapa-voxceleb", savedir="pretrained_models/spkrec")',
      errors: [{ messageId: 'missingRevision', confidence: 'high', data: { api: 'EncoderClassifier.from_hparams', id: 'speechbrain/spkrec-ecapa-voxceleb' } }],
    },
    // an id kept on `self` from a parameter's default, and the known branch of a conditional: overridable, medium
    {
      code: 'from sentence_transformers import CrossEncoder\nclass R:\n    def __init__(self, model_id="cross-encoder/ms-marco-MiniLM-L-12-v2"):\n        self.model_id = model_id\n        self.model = CrossEncoder(self.model_id)',
      errors: [{ messageId: 'missingRevision', confidence: 'medium', data: { api: 'CrossEncoder', id: 'cross-encoder/ms-marco-MiniLM-L-12-v2' } }],
    },
    {
      code: 'import sys\nfrom sentence_transformers import SentenceTransformer\nname = sys.argv[1] if len(sys.argv) > 1 else "org/m"\nm = SentenceTransformer(name)',
      errors: [{ messageId: 'missingRevision', confidence: 'medium', data: { api: 'SentenceTransformer', id: 'org/m' } }],
    },
    {
      // a Hub URL in any case (the prefilter too)
      code: 'import subprocess\nsubprocess.run(["git", "clone", "https://HuggingFace.co/organization/model-name"])',
      errors: [{ messageId: 'shellDownload' }],
    },
    {
      code: 'from transformers import AutoModel\nAutoModel.from_pretrained("org/model")',
      errors: [{ messageId: 'missingRevision', data: { api: 'AutoModel.from_pretrained', id: 'org/model' }, line: 2, column: 1, endLine: 2, endColumn: 39, confidence: 'high', severity: 'high' }],
    },
    {
      code: 'import transformers as t\nt.AutoModelForCausalLM.from_pretrained("org/model", revision="main")',
      errors: [{ messageId: 'branchRevision', confidence: 'high' }],
    },
    {
      code: 'from transformers import AutoModel\nAutoModel.from_pretrained("org/model", revision="v1.2.3")',
      errors: [{ messageId: 'tagRevision', severity: 'low' }],
    },
    {
      code: 'from transformers import AutoModel\nAutoModel.from_pretrained("org/model", revision="v1.2.3")',
      options: [{ tagSeverity: 'medium' }],
      errors: [{ messageId: 'tagRevision', severity: 'medium' }],
    },
    {
      code: 'from transformers import AutoModel\nAutoModel.from_pretrained("org/model", revision="abc123def")',
      options: [{ allowShortHashes: false }],
      errors: [{ messageId: 'tagRevision', severity: 'low' }],
    },
    {
      code: 'from transformers import AutoModel\ndef f(name):\n    return AutoModel.from_pretrained(name)',
      errors: [{ messageId: 'missingRevisionUnknownId', confidence: 'low' }],
    },
    {
      // every key the mapping may hold is known, and none is a revision: full confidence (OpenVLA's loader)
      code: 'from transformers import AutoModel\ndef load(device_map=None):\n    kwargs = dict(low_cpu_mem_usage=True)\n    if device_map is not None:\n        kwargs["device_map"] = device_map\n    return AutoModel.from_pretrained("openvla/openvla-7b", **kwargs)',
      errors: [{ messageId: 'missingRevision', line: 6, confidence: 'high' }],
    },
    {
      // a key written that is not known may be the revision: low
      code: 'from transformers import AutoModel\ndef load(key, value):\n    kwargs = dict(low_cpu_mem_usage=True)\n    kwargs[key] = value\n    return AutoModel.from_pretrained("openvla/openvla-7b", **kwargs)',
      errors: [{ messageId: 'missingRevisionHidden', line: 5, confidence: 'low', data: { api: 'AutoModel.from_pretrained', id: 'openvla/openvla-7b', kwargs: '**kwargs' } }],
    },
    {
      // `**kwargs` may carry `revision=`: low, and the message says "may fetch" (review github3, P9)
      code: 'from transformers import AutoModel\ndef f(**kwargs):\n    return AutoModel.from_pretrained("org/model", **kwargs)',
      errors: [{ messageId: 'missingRevisionHidden', confidence: 'low', data: { api: 'AutoModel.from_pretrained', id: 'org/model', kwargs: '**kwargs' } }],
    },
    {
      code: 'from transformers import pipeline\npipeline("summarization")',
      errors: [{ messageId: 'defaultModel', confidence: 'medium' }],
    },
    {
      code: 'from huggingface_hub import hf_hub_download\np = hf_hub_download(repo_id="organization/model-name", filename="model.safetensors", revision="main", cache_dir="./models")',
      errors: [{ messageId: 'branchRevision' }],
    },
    {
      code: 'from datasets import load_dataset\nds = load_dataset("org/data")',
      errors: [{ messageId: 'missingRevision', data: { api: 'load_dataset', id: 'org/data' } }],
    },
    // timm / open_clip take no `revision=`: the advice is a commit after the id
    {
      code: 'import timm\nm = timm.create_model("hf-hub:org/vit@main", pretrained=True)',
      errors: [{ messageId: 'hubIdBranch', confidence: 'high', data: { api: 'timm.create_model', id: 'org/vit', revision: 'main' } }],
    },
    {
      code: 'import timm\nm = timm.create_model("hf-hub:org/vit@v1.0", pretrained=True)',
      errors: [{ messageId: 'hubIdTag', severity: 'low', data: { api: 'timm.create_model', id: 'org/vit', revision: 'v1.0' } }],
    },
    {
      code: "import open_clip\nmodel, _, preprocess = open_clip.create_model_and_transforms('hf-hub:imageomics/bioclip')",
      errors: [{ messageId: 'hubIdUnpinned', confidence: 'high', data: { api: 'open_clip.create_model_and_transforms', id: 'imageomics/bioclip' } }],
    },
    {
      code: 'import timm\ndef f(name):\n    return timm.create_model(name, pretrained=True)',
      errors: [{ messageId: 'hubIdUnknownId', confidence: 'low', data: { api: 'timm.create_model' } }],
    },
    // llama-cpp-python: `Llama.from_pretrained` takes no revision; a `revision=` is dropped by `Llama(**kwargs)`
    {
      code: `from llama_cpp import Llama\nllm = Llama.from_pretrained(repo_id="bartowski/Meta-Llama-3.1-8B-Instruct-GGUF", filename="Meta-Llama-3.1-8B-Instruct-IQ2_M.gguf", revision="${COMMIT}")`,
      errors: [{ messageId: 'llamaRevisionIgnored', confidence: 'high', data: { api: 'Llama.from_pretrained', id: 'bartowski/Meta-Llama-3.1-8B-Instruct-GGUF' } }],
    },
    {
      code: 'from llama_cpp import Llama\nllm = Llama.from_pretrained(repo_id="Qwen/Qwen2-0.5B-Instruct-GGUF", filename="*q8_0.gguf", verbose=False)',
      errors: [{ messageId: 'llamaUnpinned', confidence: 'high', data: { api: 'Llama.from_pretrained', id: 'Qwen/Qwen2-0.5B-Instruct-GGUF' } }],
    },
    // llama-cpp-python's server: the partial in one branch, the plain class in the other, called later
    {
      code: 'import functools\nimport llama_cpp\ndef load(use_hub, path):\n    if use_hub:\n        create_fn = functools.partial(llama_cpp.Llama.from_pretrained, repo_id="Qwen/Qwen2-0.5B-Instruct-GGUF", filename="*q8_0.gguf")\n    else:\n        create_fn = llama_cpp.Llama\n    return create_fn(n_ctx=2048)',
      errors: [{ messageId: 'llamaUnpinned', line: 8, data: { api: 'Llama.from_pretrained', id: 'Qwen/Qwen2-0.5B-Instruct-GGUF' } }],
    },
    {
      code: 'import llama_cpp\ndef load(repo, **kwargs):\n    return llama_cpp.Llama.from_pretrained(repo, "*.gguf", local_files_only=True, **kwargs)',
      errors: [{ messageId: 'llamaUnpinnedUnknownId', confidence: 'low', data: { api: 'Llama.from_pretrained' } }],
    },
    {
      code: 'from llama_cpp import Llama\ndef load(repo, rev):\n    return Llama.from_pretrained(repo_id=repo, filename="*.gguf", revision=rev)',
      errors: [{ messageId: 'llamaRevisionIgnoredUnknownId', confidence: 'low' }],
    },
    // whisperX's load_model builds faster-whisper's WhisperModel from the same names
    {
      code: 'import whisperx\nmodel = whisperx.load_model("large-v2", "cuda", compute_type="float16")\nm2 = whisperx.load_model(whisper_arch="Systran/faster-whisper-small", device="cpu")',
      errors: [
        { messageId: 'snapshotUnpinned', line: 2, confidence: 'high', data: { api: 'whisperx.load_model', id: 'Systran/faster-whisper-large-v2' } },
        { messageId: 'snapshotUnpinned', line: 3, confidence: 'high', data: { api: 'whisperx.load_model', id: 'Systran/faster-whisper-small' } },
      ],
    },
    // faster-whisper: sizes are Systran repositories; WhisperModel takes no revision (a `revision=` goes to ctranslate2)
    {
      code: 'from faster_whisper import WhisperModel\nmodel = WhisperModel("large-v3", device="cuda", compute_type="float16")',
      errors: [{ messageId: 'snapshotUnpinned', confidence: 'high', data: { api: 'WhisperModel', id: 'Systran/faster-whisper-large-v3' } }],
    },
    {
      code: `from faster_whisper import WhisperModel\nmodel = WhisperModel("turbo", revision="${COMMIT}")`,
      errors: [{ messageId: 'snapshotRevisionIgnored', confidence: 'high', data: { api: 'WhisperModel', id: 'mobiuslabsgmbh/faster-whisper-large-v3-turbo' } }],
    },
    {
      code: 'from faster_whisper import WhisperModel\ndef load(size):\n    return WhisperModel(size)',
      errors: [{ messageId: 'snapshotUnpinnedUnknownId', confidence: 'low', data: { api: 'WhisperModel' } }],
    },
    {
      code: 'from faster_whisper.utils import download_model\np = download_model("distil-large-v3", output_dir="./m")',
      errors: [{ messageId: 'missingRevision', confidence: 'high', data: { api: 'download_model', id: 'Systran/faster-distil-whisper-large-v3' } }],
    },
    // a revision read from a command-line option or config field whose default is a branch: medium, naming the default
    {
      code: 'from dataclasses import dataclass, field\nfrom transformers import AutoModel, HfArgumentParser\n@dataclass\nclass ModelArguments:\n    model_revision: str = field(default="main")\n(model_args,) = HfArgumentParser((ModelArguments,)).parse_args_into_dataclasses()\nmodel = AutoModel.from_pretrained("org/bert", revision=model_args.model_revision)',
      errors: [{ messageId: 'branchRevisionOptionDefault', line: 7, confidence: 'medium', data: { api: 'AutoModel.from_pretrained', id: 'org/bert', revision: 'main', revisionText: 'model_args.model_revision' } }],
    },
    {
      code: 'import argparse\nfrom transformers import AutoModel\nparser = argparse.ArgumentParser()\nparser.add_argument("--revision", default="v1.0")\nargs = parser.parse_args()\nmodel = AutoModel.from_pretrained("org/bert", revision=args.revision)',
      errors: [{ messageId: 'tagRevisionOptionDefault', line: 6, confidence: 'medium', data: { api: 'AutoModel.from_pretrained', id: 'org/bert', revision: 'v1.0', revisionText: 'args.revision' } }],
    },
    // timm fetches the repository a `pretrained_cfg_overlay` names for a built-in architecture
    {
      code: 'import timm\nm = timm.create_model("vit_base_patch16_224", pretrained=True, pretrained_cfg_overlay=dict(hf_hub_id="acme/vit-ft"))',
      errors: [{ messageId: 'hubIdUnpinned', confidence: 'high', data: { api: 'timm.create_model', id: 'acme/vit-ft' } }],
    },
    // Keras 3 `load_model("hf://owner/name")`: no revision to pin
    {
      code: 'import keras\nmodel = keras.saving.load_model("hf://keras-io/ocr-for-captcha")',
      errors: [{ messageId: 'hfUriUnpinned', confidence: 'high', data: { api: 'keras.saving.load_model', id: 'keras-io/ocr-for-captcha' } }],
    },
    // (review quant P2-1) TensorRT-LLM's `LLM(model=...)` fetches a Hub name as vLLM's does
    {
      code: 'from tensorrt_llm import LLM, SamplingParams\nllm = LLM(model="TinyLlama/TinyLlama-1.1B-Chat-v1.0")',
      errors: [{ messageId: 'missingRevision', confidence: 'high', data: { api: 'tensorrt_llm.LLM', id: 'TinyLlama/TinyLlama-1.1B-Chat-v1.0' } }],
    },
    {
      code: 'from tensorrt_llm._torch import LLM\nllm = LLM("nvidia/Llama-3.1-8B-Instruct-FP8")',
      errors: [{ messageId: 'missingRevision', confidence: 'high', data: { api: 'tensorrt_llm.LLM', id: 'nvidia/Llama-3.1-8B-Instruct-FP8' } }],
    },
    // vLLM's engine arguments take the model and its revision as `LLM(...)` does
    {
      code: 'from vllm import AsyncEngineArgs, AsyncLLMEngine\nengine = AsyncLLMEngine.from_engine_args(AsyncEngineArgs(model="deepseek-ai/DeepSeek-V2-Lite-Chat"))',
      errors: [{ messageId: 'missingRevision', confidence: 'high', data: { api: 'AsyncEngineArgs', id: 'deepseek-ai/DeepSeek-V2-Lite-Chat' } }],
    },
    // a name that may be a local directory: may fetch, low, and said so
    {
      code: 'from faster_whisper import WhisperModel\nmodel = WhisperModel("models/whisper-small")',
      errors: [{ messageId: 'snapshotUnpinnedMaybeLocal', confidence: 'low', data: { api: 'WhisperModel', id: 'models/whisper-small' } }],
    },
    {
      code: 'from FlagEmbedding import FlagModel\nm = FlagModel("bge_local", revision="main")',
      errors: [{ messageId: 'snapshotRevisionIgnoredMaybeLocal', confidence: 'low', data: { api: 'FlagModel', id: 'bge_local' } }],
    },
    // FlagEmbedding takes no revision, and keeps `revision=` / `local_files_only=` unread
    {
      code: 'from FlagEmbedding import FlagModel\nm = FlagModel("BAAI/bge-large-zh-v1.5", query_instruction_for_retrieval="q", use_fp16=True)',
      errors: [{ messageId: 'snapshotUnpinned', confidence: 'high', data: { api: 'FlagModel', id: 'BAAI/bge-large-zh-v1.5' } }],
    },
    {
      code: `from FlagEmbedding import FlagReranker\nr = FlagReranker("BAAI/bge-reranker-v2-m3", revision="${COMMIT}", local_files_only=True)`,
      errors: [{ messageId: 'snapshotRevisionIgnored', confidence: 'high', data: { api: 'FlagReranker', id: 'BAAI/bge-reranker-v2-m3' } }],
    },
    {
      code: 'from FlagEmbedding import BGEM3FlagModel\nm = BGEM3FlagModel("BAAI/bge-m3", use_fp16=True)',
      errors: [{ messageId: 'snapshotUnpinned', confidence: 'high', data: { api: 'BGEM3FlagModel', id: 'BAAI/bge-m3' } }],
    },
    {
      code: 'from FlagEmbedding import FlagAutoModel\nm = FlagAutoModel.from_finetuned("BAAI/bge-base-en-v1.5", use_fp16=True)',
      errors: [{ messageId: 'snapshotUnpinned', confidence: 'high', data: { api: 'FlagAutoModel.from_finetuned', id: 'BAAI/bge-base-en-v1.5' } }],
    },
    // Haystack's Sentence Transformers components, and their default models
    // Chroma's and Milvus's embedding functions hand their `**kwargs` to SentenceTransformer; Chroma's instructor
    // function and INSTRUCTOR take no revision (review rag P3-4, P3-5)
    {
      code: 'from chromadb.utils import embedding_functions\nfrom chromadb.utils.embedding_functions import InstructorEmbeddingFunction\nfrom pymilvus import model\nfrom InstructorEmbedding import INSTRUCTOR\na = embedding_functions.SentenceTransformerEmbeddingFunction(model_name="all-MiniLM-L6-v2")\nb = embedding_functions.SentenceTransformerEmbeddingFunction()\nc = model.dense.SentenceTransformerEmbeddingFunction(model_name="BAAI/bge-small-en-v1.5", device="cpu")\nd = InstructorEmbeddingFunction(model_name="hkunlp/instructor-xl", device="cuda")\ne = InstructorEmbeddingFunction()\nf = INSTRUCTOR("hkunlp/instructor-large")',
      errors: [
        { messageId: 'missingRevision', line: 5, confidence: 'high', data: { api: 'SentenceTransformerEmbeddingFunction', id: 'sentence-transformers/all-MiniLM-L6-v2' } },
        { messageId: 'defaultIdUnpinned', line: 6, confidence: 'medium', data: { api: 'SentenceTransformerEmbeddingFunction', id: 'sentence-transformers/all-MiniLM-L6-v2' } },
        { messageId: 'missingRevision', line: 7, confidence: 'high', data: { api: 'SentenceTransformerEmbeddingFunction', id: 'BAAI/bge-small-en-v1.5' } },
        { messageId: 'snapshotUnpinned', line: 8, confidence: 'high', data: { api: 'InstructorEmbeddingFunction', id: 'hkunlp/instructor-xl' } },
        { messageId: 'snapshotUnpinned', line: 9, confidence: 'medium', data: { api: 'InstructorEmbeddingFunction', id: 'hkunlp/instructor-base' } },
        { messageId: 'snapshotUnpinned', line: 10, confidence: 'high', data: { api: 'INSTRUCTOR', id: 'hkunlp/instructor-large' } },
      ],
    },
    // a `revision=None` parameter that every call of its function in the file leaves unset (or sets to a
    // branch), also through a caller's own parameter: medium, a caller elsewhere may pass a commit (review spaces P3-4)
    {
      code: `from transformers import AutoModel, CLIPModel\ndef load_a(model_id="openai/clip-vit-base-patch32", revision=None):\n    return CLIPModel.from_pretrained(model_id, revision=revision)\ndef load_c(model_id, revision=None):\n    return AutoModel.from_pretrained(model_id, revision=revision)\ndef load_d(model_id, revision=None):\n    return AutoModel.from_pretrained(model_id, revision=revision)\ndef outer(rev=None):\n    return load_e("org/e", rev)\ndef load_e(model_id, revision=None):\n    return AutoModel.from_pretrained(model_id, revision=revision)\na = load_a()\nc1 = load_c("org/c", revision="${COMMIT}")\nc2 = load_c("org/c", revision=None)\nd = load_d("org/d", "main")\ne = outer()`,
      errors: [
        { messageId: 'revisionParameterUnset', line: 3, confidence: 'medium', data: { api: 'CLIPModel.from_pretrained', id: 'openai/clip-vit-base-patch32', revisionText: 'revision', function: 'load_a', revision: '' } },
        { messageId: 'revisionParameterUnset', line: 5, confidence: 'medium', data: { api: 'AutoModel.from_pretrained', id: 'org/c', revisionText: 'revision', function: 'load_c', revision: '' } },
        { messageId: 'revisionParameterMoving', line: 7, confidence: 'medium', data: { api: 'AutoModel.from_pretrained', id: 'org/d', revisionText: 'revision', function: 'load_d', revision: 'main' } },
        { messageId: 'revisionParameterUnset', line: 11, confidence: 'medium', data: { api: 'AutoModel.from_pretrained', id: 'org/e', revisionText: 'revision', function: 'load_e', revision: '' } },
      ],
    },
    // Haystack's legacy ranker loads the model with `**model_kwargs`, the tokenizer with `**tokenizer_kwargs` (review rag P3-5)
    {
      code: `from haystack.components.rankers import TransformersSimilarityRanker\na = TransformersSimilarityRanker(model="BAAI/bge-reranker-base")\nb = TransformersSimilarityRanker(model="BAAI/bge-reranker-base", model_kwargs={"revision": "${COMMIT}"})\nc = TransformersSimilarityRanker()`,
      errors: [
        { messageId: 'missingRevisionMapping', line: 2, confidence: 'high', data: { api: 'TransformersSimilarityRanker', id: 'BAAI/bge-reranker-base', mapping: 'model_kwargs' } },
        { messageId: 'missingRevisionMapping', line: 3, confidence: 'high', data: { api: 'TransformersSimilarityRanker', id: 'BAAI/bge-reranker-base', mapping: 'tokenizer_kwargs' } },
        { messageId: 'defaultIdUnpinned', line: 4, confidence: 'medium', data: { api: 'TransformersSimilarityRanker', id: 'cross-encoder/ms-marco-MiniLM-L-6-v2' } },
      ],
    },
    {
      code: 'from haystack.components.embedders import SentenceTransformersTextEmbedder\ne = SentenceTransformersTextEmbedder(model="sentence-transformers/all-MiniLM-L6-v2")',
      errors: [{ messageId: 'missingRevision', confidence: 'high', data: { api: 'SentenceTransformersTextEmbedder', id: 'sentence-transformers/all-MiniLM-L6-v2' } }],
    },
    {
      code: 'from haystack.components.embedders import SentenceTransformersDocumentEmbedder\ne = SentenceTransformersDocumentEmbedder(model="all-MiniLM-L6-v2")',
      errors: [{ messageId: 'missingRevision', data: { api: 'SentenceTransformersDocumentEmbedder', id: 'sentence-transformers/all-MiniLM-L6-v2' } }],
    },
    {
      code: 'from haystack.components.rankers import SentenceTransformersSimilarityRanker\nr = SentenceTransformersSimilarityRanker()',
      errors: [{ messageId: 'defaultIdUnpinned', confidence: 'medium', data: { api: 'SentenceTransformersSimilarityRanker', id: 'cross-encoder/ms-marco-MiniLM-L-6-v2' } }],
    },
    {
      code: `from haystack.components.embedders import SentenceTransformersTextEmbedder\ne = SentenceTransformersTextEmbedder(model="BAAI/bge-small-en-v1.5", model_kwargs={"revision": "${COMMIT}"})`,
      errors: [{ messageId: 'missingRevision', confidence: 'high' }],
    },
    // ctransformers and LangChain's wrapper (revision in `config`)
    {
      code: 'from ctransformers import AutoModelForCausalLM\nllm = AutoModelForCausalLM.from_pretrained("TheBloke/Llama-2-7b-Chat-GGUF", model_file="llama-2-7b-chat.Q4_K_M.gguf", model_type="llama", gpu_layers=0)',
      errors: [{ messageId: 'missingRevision', confidence: 'high', data: { api: 'AutoModelForCausalLM.from_pretrained', id: 'TheBloke/Llama-2-7b-Chat-GGUF' } }],
    },
    {
      code: 'from langchain_community.llms import CTransformers\nllm = CTransformers(model="TheBloke/Llama-2-7B-Chat-GGML", model_type="llama", config={"max_new_tokens": 256})',
      errors: [{ messageId: 'missingRevisionMapping', confidence: 'high', data: { api: 'CTransformers', id: 'TheBloke/Llama-2-7B-Chat-GGML', mapping: 'config' } }],
    },
    // llama_index's HuggingFaceLLM: the model and the tokenizer, each with its own kwargs
    {
      code: 'from llama_index.llms.huggingface import HuggingFaceLLM\nllm = HuggingFaceLLM(model_name="HuggingFaceH4/zephyr-7b-beta", tokenizer_name="HuggingFaceH4/zephyr-7b-beta", device_map="auto")',
      errors: [{ messageId: 'missingRevisionKwargs', confidence: 'high', data: { api: 'HuggingFaceLLM', id: 'HuggingFaceH4/zephyr-7b-beta' } }],
    },
    {
      code: `from llama_index.llms.huggingface import HuggingFaceLLM\nllm = HuggingFaceLLM(model_name="org/m", tokenizer_name="org/tok", model_kwargs={"revision": "${COMMIT}"})`,
      errors: [{ messageId: 'missingRevisionMapping', confidence: 'high', data: { api: 'HuggingFaceLLM', id: 'org/tok', mapping: 'tokenizer_kwargs' } }],
    },
    {
      code: 'from llama_index.llms.huggingface import HuggingFaceLLM\ndef f(m):\n    return HuggingFaceLLM(model=m)',
      errors: [{ messageId: 'defaultIdUnpinned', confidence: 'medium', data: { api: 'HuggingFaceLLM', id: 'StabilityAI/stablelm-tuned-alpha-3b' } }],
    },
    {
      code: 'from langchain_huggingface import HuggingFaceEmbeddings\ne = HuggingFaceEmbeddings(encode_kwargs={"normalize_embeddings": True})',
      errors: [{ messageId: 'defaultIdUnpinned', confidence: 'medium', data: { api: 'HuggingFaceEmbeddings', id: 'sentence-transformers/all-mpnet-base-v2' } }],
    },
    // the same defaults in langchain_community and the older langchain package
    {
      code: 'from langchain_community.embeddings import HuggingFaceEmbeddings, HuggingFaceInstructEmbeddings, HuggingFaceBgeEmbeddings\nfrom langchain.embeddings.huggingface import HuggingFaceEmbeddings as Old\na = HuggingFaceEmbeddings()\nb = HuggingFaceInstructEmbeddings()\nc = HuggingFaceBgeEmbeddings()\nd = Old()',
      errors: [
        { messageId: 'defaultIdUnpinned', line: 3, data: { api: 'HuggingFaceEmbeddings', id: 'sentence-transformers/all-mpnet-base-v2' } },
        { messageId: 'defaultIdUnpinned', line: 4, data: { api: 'HuggingFaceInstructEmbeddings', id: 'hkunlp/instructor-large' } },
        { messageId: 'defaultIdUnpinned', line: 5, data: { api: 'HuggingFaceBgeEmbeddings', id: 'BAAI/bge-large-en' } },
        { messageId: 'defaultIdUnpinned', line: 6, data: { api: 'HuggingFaceEmbeddings', id: 'sentence-transformers/all-mpnet-base-v2' } },
      ],
    },
    // vLLM's tokenizer named apart: pinned by its own keyword, which defaults to the model's revision (none here)
    {
      code: `from vllm import LLM\nfrom vllm.engine.arg_utils import AsyncEngineArgs\na = LLM(model="org/m", tokenizer="org/tok", revision=rev)\nb = LLM(model="org/m", revision="${COMMIT}", tokenizer="org/tok", tokenizer_revision="${COMMIT}")\nc = AsyncEngineArgs(model="/models/local.gguf", tokenizer="NousResearch/Hermes-3-Llama-3.1-70B")\nd = LLM("/models/x", "/models/tok")`,
      errors: [
        { messageId: 'missingRevisionNamed', line: 5, confidence: 'high', data: { api: 'AsyncEngineArgs', id: 'NousResearch/Hermes-3-Llama-3.1-70B', keyword: 'tokenizer_revision' } },
      ],
    },
    {
      code: `from vllm import LLM\nb = LLM("/models/x", "org/tok", revision="${COMMIT}", tokenizer_revision="main")`,
      errors: [{ messageId: 'branchRevisionNamed', confidence: 'high', data: { api: 'vllm.LLM', id: 'org/tok', revision: 'main', keyword: 'tokenizer_revision' } }],
    },
    // LangChain's VLLM with `vllm_kwargs` the analysis cannot read: it may hold the revision
    {
      code: 'from langchain_community.llms import VLLM\ndef build(vllm_kwargs):\n    return VLLM(model="mosaicml/mpt-7b", vllm_kwargs=vllm_kwargs)',
      errors: [{ messageId: 'missingRevisionHidden', confidence: 'low', data: { api: 'VLLM', id: 'mosaicml/mpt-7b', kwargs: 'vllm_kwargs=vllm_kwargs' } }],
    },
    // llama_index's embedding model named by a string: `"local:<id>"` (or `"local"`, its default) is HuggingFaceEmbedding, unpinned
    {
      code: 'from llama_index.core import Settings, ServiceContext, VectorStoreIndex\nfrom llama_index.core.embeddings import resolve_embed_model\nSettings.embed_model = "local:BAAI/bge-small-en-v1.5"\nctx = ServiceContext.from_defaults(embed_model="local")\nidx = VectorStoreIndex.from_documents(docs, embed_model="local:./models/bge")\ne = resolve_embed_model(embed_model="local:BAAI/bge-base-en-v1.5")\nx = other(embed_model="local:BAAI/bge-small-en-v1.5")\nSettings.embed_model = "default"\nSettings.embed_model = f"local:{name}"\nSettings.embed_model = "local:" + name\nSettings.embed_model = "local:all-MiniLM-L6-v2"',
      errors: [
        { messageId: 'llamaIndexLocalEmbed', line: 3, column: 1, confidence: 'high', data: { value: 'local:BAAI/bge-small-en-v1.5', id: 'BAAI/bge-small-en-v1.5' } },
        // the default of the releases that take a model-less "local" (later ones raise)
        { messageId: 'llamaIndexLocalEmbedDefault', line: 4, confidence: 'medium', data: { id: 'BAAI/bge-small-en' } },
        // once, as the call (not again as its keyword)
        { messageId: 'llamaIndexLocalEmbed', line: 6, confidence: 'high', data: { value: 'local:BAAI/bge-base-en-v1.5', id: 'BAAI/bge-base-en-v1.5' } },
        { messageId: 'llamaIndexLocalEmbedUnknown', line: 9, confidence: 'low', data: { value: 'f"local:{name}"' } },
        { messageId: 'llamaIndexLocalEmbedUnknown', line: 10, confidence: 'low', data: { value: '"local:" + name' } },
        // sentence-transformers' own organisation for a bare name
        { messageId: 'llamaIndexLocalEmbed', line: 11, confidence: 'high', data: { value: 'local:all-MiniLM-L6-v2', id: 'sentence-transformers/all-MiniLM-L6-v2' } },
      ],
    },
    // LangChain's VLLM: vllm.LLM underneath, its revision in vllm_kwargs
    {
      code: 'from langchain_community.llms import VLLM\nllm = VLLM(model="mosaicml/mpt-7b", trust_remote_code=True, max_new_tokens=128)',
      errors: [{ messageId: 'missingRevisionMapping', confidence: 'high', data: { api: 'VLLM', id: 'mosaicml/mpt-7b', mapping: 'vllm_kwargs' } }],
    },
    // an id chosen between two literals: reported as a literal id, once (the first of the least pinned)
    {
      code: 'import torch\nfrom transformers import AutoModelForSpeechSeq2Seq\nwhisper_model = "openai/whisper-large-v3" if torch.cuda.is_available() else "openai/whisper-base"\nmodel = AutoModelForSpeechSeq2Seq.from_pretrained(whisper_model)',
      errors: [{ messageId: 'missingRevision', confidence: 'high', data: { api: 'AutoModelForSpeechSeq2Seq.from_pretrained', id: 'openai/whisper-large-v3' } }],
    },
    {
      code: 'from transformers import AutoModel\ndef f(gpu):\n    return AutoModel.from_pretrained("./whisper" if gpu else "openai/whisper-base", revision="main")',
      errors: [{ messageId: 'branchRevision', confidence: 'high', data: { api: 'AutoModel.from_pretrained', id: 'openai/whisper-base', revision: 'main' } }],
    },
    {
      code: `import timm\ndef f(gpu):\n    return timm.create_model("hf-hub:org/a@${COMMIT}" if gpu else "hf-hub:org/b@main", pretrained=True)`,
      errors: [{ messageId: 'hubIdBranch', data: { api: 'timm.create_model', id: 'org/b', revision: 'main' } }],
    },
    // an unknown receiver given a literal id on one branch: as for the literal
    {
      code: 'class L:\n    def load(self, gpu):\n        return self.model_cls.from_pretrained("org/a" if gpu else "./local")',
      errors: [{ messageId: 'missingRevision', confidence: 'medium', data: { api: 'self.model_cls.from_pretrained', id: 'org/a' } }],
    },
    // `self.model` holding what the caller passed, or a literal id, is an id
    {
      code: 'from transformers import pipeline\nclass P:\n    def __init__(self, model):\n        self.model = model\n        self.pipe = pipeline("text-generation", model=self.model)',
      errors: [{ messageId: 'missingRevisionUnknownId', confidence: 'low', data: { localAdvice: LOCAL_MODEL, api: 'pipeline' } }],
    },
    {
      code: 'from transformers import pipeline\nclass P:\n    def __init__(self):\n        self.model = "org/m"\n        self.pipe = pipeline("text-generation", model=self.model)',
      errors: [{ messageId: 'missingRevision', confidence: 'medium', data: { api: 'pipeline', id: 'org/m' } }],
    },
    // (review evalh P2-4) an id popped from the dict a helper of this file builds: not known, low (it was dropped)
    {
      code: 'from transformers import AutoModelForCausalLM\ndef parse(s):\n    return dict(kv.split("=", 1) for kv in s.split(","))\ndef load(model_args_str):\n    model_args = parse(model_args_str)\n    pretrained = model_args.pop("pretrained")\n    return AutoModelForCausalLM.from_pretrained(pretrained)',
      errors: [{ messageId: 'missingRevisionUnknownId', line: 7, confidence: 'low', data: { api: 'AutoModelForCausalLM.from_pretrained', id: 'pretrained', revision: '', task: 'pretrained', localAdvice: ', or pass `local_files_only=True` for local paths', mapping: '', keyword: '' } }],
    },
    // (review evalh P2-2) lm-eval: HFLM's `pretrained`, and the `pretrained=` of a literal model_args string
    {
      code: 'from lm_eval.models.huggingface import HFLM\nlm = HFLM(pretrained="EleutherAI/pythia-160m", revision="step143000")',
      errors: [{ messageId: 'branchRevision', line: 2, confidence: 'high', data: { api: 'HFLM', id: 'EleutherAI/pythia-160m', revision: 'step143000', task: 'pretrained="EleutherAI/pythia-160m"', localAdvice: ', or pass `local_files_only=True` for local paths' } }],
    },
    {
      code: 'import lm_eval\nres = lm_eval.simple_evaluate(model="hf", model_args="pretrained=Qwen/Qwen-7B,trust_remote_code=True", tasks=["hellaswag"])',
      errors: [{ messageId: 'missingRevision', line: 2, confidence: 'high', data: { api: 'simple_evaluate', id: 'Qwen/Qwen-7B', revision: '', task: 'model="hf"', localAdvice: ', or pass `local_files_only=True` for local paths' } }],
    },
    // (review w37hf P2-1) the string is read piece by piece: a trailing comma and spaces still read, as before
    {
      code: 'import lm_eval\nres = lm_eval.simple_evaluate(model="hf", model_args="  pretrained=Qwen/Qwen-7B,dtype=float16 , ")',
      errors: [{ messageId: 'missingRevision', line: 2, confidence: 'high', data: { api: 'simple_evaluate', id: 'Qwen/Qwen-7B', revision: '', task: 'model="hf"', localAdvice: ', or pass `local_files_only=True` for local paths' } }],
    },
    {
      code: 'from lm_eval.models.vllm_causallms import VLLM\nlm = VLLM.create_from_arg_string("pretrained=org/model,revision=main")',
      errors: [{ messageId: 'branchRevision', line: 2, confidence: 'high', data: { api: 'VLLM.create_from_arg_string', id: 'org/model', revision: 'main', task: '"pretrained=org/model,revision=main"', localAdvice: ', or pass `local_files_only=True` for local paths' } }],
    },
    // (review vlm P2-b) a packaged builder reading a Hub dataset's files at a branch or the default branch
    {
      code: 'from datasets import load_dataset\nds = load_dataset("webdataset", data_files={"train": "https://huggingface.co/datasets/pixparse/cc3m-wds/resolve/main/cc3m-train-0000.tar"}, split="train")',
      errors: [{ messageId: 'packagedDataFiles', line: 2, confidence: 'high', data: { api: 'load_dataset', builder: 'webdataset', id: 'pixparse/cc3m-wds', at: 'at branch "main"', file: '"https://huggingface.co/datasets/pixparse/cc3m-wds/resolve/main/cc3m-train-0000.tar"' } }],
    },
    {
      code: 'from datasets import load_dataset\npq = load_dataset("parquet", data_files="hf://datasets/HuggingFaceM4/the_cauldron/ai2d/train.parquet")',
      errors: [{ messageId: 'packagedDataFiles', line: 2, confidence: 'high', data: { api: 'load_dataset', builder: 'parquet', id: 'HuggingFaceM4/the_cauldron', at: 'at the default branch', file: '"hf://datasets/HuggingFaceM4/the_cauldron/ai2d/train.parquet"' } }],
    },
    {
      code: 'from datasets import load_dataset\ndef f(split):\n    return load_dataset("json", data_files=f"hf://datasets/org/data@v1.0/{split}.jsonl")',
      errors: [{ messageId: 'packagedDataFiles', line: 3, confidence: 'medium', severity: 'low', data: { api: 'load_dataset', builder: 'json', id: 'org/data', at: 'at "v1.0", a tag or abbreviated hash the owner can move', file: '"hf://datasets/org/data@v1.0/…"' } }],
    },
    // (review nlpclassic P2) flair's SequenceTagger.load of an `owner/name` id: hf_hub_download with no revision
    {
      code: 'from flair.models import SequenceTagger\ntagger = SequenceTagger.load("flair/ner-english-large")',
      errors: [{ messageId: 'snapshotUnpinnedOwn', line: 2, confidence: 'high', data: { api: 'SequenceTagger.load', id: 'flair/ner-english-large', revision: '', task: '"flair/ner-english-large"', localAdvice: ', or pass `local_files_only=True` for local paths' } }],
    },
    // (review evalh P2-1) lm-eval's HFLM: `revision + ("/" + subfolder …)` with the parameter's default "main" is a branch
    {
      code: 'from transformers import AutoModelForCausalLM\ndef load(pretrained="EleutherAI/pythia-160m", revision="main", subfolder=None):\n    revision = revision + ("/" + subfolder if subfolder is not None else "")\n    return AutoModelForCausalLM.from_pretrained(pretrained, revision=revision)',
      errors: [{ messageId: 'builtRevision', line: 4, confidence: 'medium', data: { api: 'AutoModelForCausalLM.from_pretrained', id: 'EleutherAI/pythia-160m', revision: 'main', revisionText: 'revision', task: 'pretrained', localAdvice: ', or pass `local_files_only=True` for local paths' } }],
    },
    {
      code: 'from transformers import AutoModel\nBRANCH = "main"\nsub = input()\nmodel = AutoModel.from_pretrained("org/bert", revision=BRANCH + "/" + sub)',
      errors: [{ messageId: 'builtRevision', line: 4, confidence: 'medium', data: { api: 'AutoModel.from_pretrained', id: 'org/bert', revision: 'main', revisionText: 'BRANCH + "/" + sub', task: '"org/bert"', localAdvice: ', or pass `local_files_only=True` for local paths' } }],
    },
  ],
});

fixture(rule);

describe('hf/unpinned-revision remediation', () => {
  const findings = async (code: string) => (await lintAll(code)).filter((f) => f.ruleId === 'hf/unpinned-revision');
  it('says to load a pinned .nemo file with restore_from for NeMo', async () => {
    const [f] = await findings('import nemo.collections.asr as nemo_asr\nm = nemo_asr.models.ASRModel.from_pretrained("org/asr")');
    expect(f.remediation).toContain('restore_from(path)');
    expect(f.message).not.toContain('Pin `revision=`');
  });
  it('says to pass a pinned snapshot directory to audiocraft get_pretrained', async () => {
    const [f] = await findings('from audiocraft.models import MusicGen\nm = MusicGen.get_pretrained("facebook/musicgen-small")');
    expect(f.remediation).toContain('get_pretrained(path)');
    expect(f.message).not.toContain('Pin `revision=`');
  });
  it('shows the reported API when it is not from_pretrained', async () => {
    const [file, hparams] = await findings('from huggingface_hub import hf_hub_download\nfrom speechbrain.inference.classifiers import EncoderClassifier\np = hf_hub_download("org/m", "w.bin")\nc = EncoderClassifier.from_hparams(source="speechbrain/lang-id-voxlingua107-ecapa")');
    expect(file.remediation).toContain('`hf_hub_download("org/model", …, revision="<40-hex commit>")`');
    expect(hparams.remediation).toContain('`EncoderClassifier.from_hparams(');
    expect(hparams.remediation).not.toContain('from_pretrained');
  });
  it('shows the id where the call passes it (pipeline: after the task)', async () => {
    const [byKeyword, byPosition] = await findings('from transformers import pipeline\nclf = pipeline("text-classification", model="org/model")\nc2 = pipeline("text-classification", "org/model2")');
    expect(byKeyword.remediation).toContain('`pipeline(…, model="org/model", revision="<40-hex commit>")`');
    expect(byPosition.remediation).toContain('`pipeline(…, "org/model", …, revision="<40-hex commit>")`');
  });
  it('shows load_dataset for a dataset, from_pretrained for a model', async () => {
    const [dataset] = await findings('from datasets import load_dataset\nds = load_dataset("someone/corpus", split="train")');
    expect(dataset.remediation).toContain('load_dataset("org/dataset", revision="<40-hex commit>")');
    expect(dataset.remediation).not.toContain('from_pretrained');
    const [model] = await findings('from transformers import AutoModel\nm = AutoModel.from_pretrained("org/model")');
    expect(model.remediation).toContain('from_pretrained("org/model", revision=');
  });
  it('says to append a commit to an hf-hub: id for timm and open_clip', async () => {
    const [f] = await findings("import open_clip\nm = open_clip.create_model_and_transforms('hf-hub:imageomics/bioclip')");
    expect(f.remediation).toMatch(/hf-hub:org\/model@<40-hex commit>/);
    expect(f.message).toContain('"hf-hub:imageomics/bioclip@<commit>"');
    expect(f.message).not.toContain('Pin `revision=`');
  });
  it('says to download the file pinned with hf_hub_download for Llama.from_pretrained', async () => {
    const [f] = await findings(`from llama_cpp import Llama\nllm = Llama.from_pretrained(repo_id="org/m-GGUF", filename="m.gguf", revision="${COMMIT}")`);
    expect(f.remediation).toContain('hf_hub_download(');
    expect(f.remediation).toContain('Llama(model_path=path)');
    expect(f.message).toContain('`revision=` pins nothing');
  });
  it('says to pass a pinned snapshot directory to loaders that take no revision', async () => {
    const [f] = await findings('from faster_whisper import WhisperModel\nm = WhisperModel("large-v3")');
    expect(f.message).toContain('snapshot_download("Systran/faster-whisper-large-v3", revision="<commit>")');
    expect(f.remediation).toContain('snapshot_download(');
    expect(f.message).not.toContain('Pin `revision=`');
    const [g] = await findings(`from FlagEmbedding import FlagModel\nm = FlagModel("BAAI/bge-m3", revision="${COMMIT}")`);
    expect(g.message).toContain('never reaches the download');
  });
  it('gives Haystack components both ways to pin', async () => {
    const [f] = await findings('from haystack.components.embedders import SentenceTransformersTextEmbedder\ne = SentenceTransformersTextEmbedder(model="BAAI/bge-small-en-v1.5")');
    expect(f.remediation).toContain('revision=');
    expect(f.remediation).toContain('snapshot_download(');
    expect(f.remediation).toContain('model_kwargs');
  });
  it('keeps the rule\'s remediation for loaders that take revision=', async () => {
    const [f] = await findings('from transformers import AutoModel\nAutoModel.from_pretrained("org/model")');
    expect(f.remediation).toBe(rule.meta.remediation);
  });
});

describe('hf/unpinned-revision own from_pretrained bodies (hostile)', () => {
  it('reads each helper once however many classes define a loader that calls it', async () => {
    const helpers = Array.from({ length: 6 }, (_, h) => `def _h${h}(p):\n${Array.from({ length: 200 }, (_, k) => `    load_file(p + "/${k}")`).join('\n')}\n    return ${h < 5 ? `_h${h + 1}(p)` : 'None'}`);
    const classes = Array.from({ length: 500 }, (_, i) => `class C${i}(torch.nn.Module):\n    @classmethod\n    def from_pretrained(cls, path):\n        return _h0(path)`);
    const calls = Array.from({ length: 500 }, (_, i) => `m${i} = C${i}.from_pretrained("acme/m${i}")`);
    const code = ['import torch', 'from safetensors.torch import load_file', ...helpers, ...classes, ...calls].join('\n');
    // the calls of a function listed once per function (it was each helper's 200 calls again for each of the 500 loaders)
    const callsWithin = vi.spyOn(PythonSourceCode.prototype, 'callsWithin');
    try {
      const found = (await lintAll(code)).filter((f) => f.ruleId === 'hf/unpinned-revision');
      expect(found).toEqual([]);
      expect(callsWithin.mock.calls.length).toBeLessThan(2 * (500 + 6));
    } finally {
      callsWithin.mockRestore();
    }
  });
});
