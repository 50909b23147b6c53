import rule from '../../src/rules/public-hub-upload.js';
import { fixture, ruleTester } from '../helpers.js';

ruleTester.run('hf/public-hub-upload', rule, {
  valid: [
    'from unsloth import FastLanguageModel\nmodel, tok = FastLanguageModel.from_pretrained("./out")\nmodel.push_to_hub_gguf("me/m-gguf", tok, quantization_method="q4_k_m", private=True)',
    'from transformers import TrainingArguments\na = TrainingArguments(output_dir="./o", push_to_hub=True, hub_private_repo=True)',
    'from transformers import TrainingArguments\ndef f(p):\n    return TrainingArguments(output_dir="./o", push_to_hub=p)',
    'def f(model):\n    model.push_to_hub("org/m", private=True)',
    'from huggingface_hub import create_repo\ncreate_repo("org/m", private=True)',
    'from sentence_transformers import SentenceTransformer\ndef f(p):\n    SentenceTransformer("./out").save_to_hub("me/m", private=p)',
    'class Store:\n    def save_to_hub(self, name):\n        pass\ndef f(store):\n    store.save_to_hub("me/m")',
    // mlx-lm's convert with no upload (or `upload_repo=None`): nothing published
    'from mlx_lm import convert\nconvert("org/m", "mlx_model", quantize=True)\nconvert("org/m", "mlx_model", upload_repo=None)',
    // a repository this function created private just before stays private
    'from huggingface_hub import create_repo\nfrom huggingface_sb3 import package_to_hub\nfrom mlx_lm import convert\ndef publish(model):\n    create_repo("me/ppo", private=True, exist_ok=True)\n    package_to_hub(model=model, model_name="ppo", model_architecture="PPO", env_id="CartPole-v1", eval_env=None, repo_id="me/ppo", commit_message="x")\n    create_repo("me/m-4bit", private=True, exist_ok=True)\n    convert("org/m", "mlx_model", upload_repo="me/m-4bit")',
    // `repo_id = create_repo(..., private=True).repo_id`: the id read back from the private repository (review difftrain P2-1)
    'from huggingface_hub import create_repo, upload_folder\ndef main(args, unet):\n    repo_id = create_repo(repo_id=args.hub_model_id, exist_ok=True, private=True).repo_id\n    for epoch in range(3):\n        unet(epoch).backward()\n    upload_folder(repo_id=repo_id, folder_path=args.output_dir)',
    // a git `Repository` kept on `self`: its push_to_hub has no private option (review difftrain P3-1)
    'from huggingface_hub import Repository\nclass PushCallback:\n    def __init__(self, args):\n        self.repo = None\n        self.repo = Repository(args.output_dir, clone_from=args.hub_model_id)\n    def on_train_end(self):\n        self.repo.push_to_hub(commit_message="End of training", blocking=False)',
    // Keras saves that are no Hub upload, and one into a repository created private first (review keras P2-2)
    'import keras, torch\nfrom huggingface_hub import create_repo\ndef f(model, repo_id):\n    model.save("model.keras")\n    model.save("hf://datasets/acme/x/y.keras")\n    torch.save(model, "hf://acme/t")\n    create_repo("acme/p", private=True, exist_ok=True)\n    model.save("hf://acme/p")\n    create_repo(repo_id, private=True)\n    keras.saving.save_model(model, f"hf://{repo_id}")',
    // `.save("hf://…")` of other libraries: no Keras import, a receiver known to be a PIL image, or a file path
    // inside a repository (Keras takes `hf://owner/name` only) (review w38hf P2-1)
    'def publish_sample(img, repo):\n    img.save(f"hf://{repo}/samples/0.png")\ndef store(storage, content):\n    storage.save("hf://me/cache", content)',
    'import keras\nfrom PIL import Image\ndef f(model, repo, repo_id, cfg):\n    Image.open("a.png").save("hf://me/cache")\n    model.save(f"hf://{repo}/samples/0.png")\n    cfg.save(f"hf://{repo_id}/config.yaml")\n    model.save("hf://" + repo + "/weights.keras")\n    model.save(f"hf://{repo}.keras")',
    // mlx-vlm's convert with no upload, or into a repository created private first
    'from huggingface_hub import create_repo\nfrom mlx_vlm import convert\nconvert("org/m", "mlx_model", True, 64, 4, "float16", "0123456789abcdef0123456789abcdef01234567")\ndef f():\n    create_repo("me/vlm", private=True, exist_ok=True)\n    convert("org/m", mlx_path="m", upload_repo="me/vlm")',
    // a command without `--upload-repo`, another command, and an upload into a repository created private first
    'import os, subprocess\nfrom huggingface_hub import create_repo\nsubprocess.run(["mlx_lm.convert", "--hf-path", "org/m", "-q"])\nos.system("echo --upload-repo me/z")\ndef f():\n    create_repo("me/p", private=True)\n    subprocess.run(["mlx_lm.convert", "--hf-path", "org/m", "--upload-repo", "me/p"])',
    // an instance of a class of this file (or of its subclass) whose own `push_to_hub` takes no `private`: no Hub mixin's (review finetune P3-1)
    'class Registry:\n    def push_to_hub(self, repo_id):\n        return repo_id\nclass Sub(Registry):\n    pass\nregistry = Registry()\nregistry.push_to_hub("me/registry")\nSub().push_to_hub("me/sub")\ngetattr(registry, "push_to_hub")("me/registry")',
    'class Registry:\n    def push_to_hub(self, repo_id):\n        return repo_id\nclass Runner:\n    def __init__(self):\n        self.registry = Registry()\n    def run(self):\n        self.registry.push_to_hub("me/x")',
    'from transformers import AutoModel\nm = AutoModel.from_pretrained("./out", local_files_only=True)\ngetattr(m, "push_to_hub")("me/m", private=True)',
    // a project's own `package_to_hub`
    'def package_to_hub(model, repo_id):\n    pass\npackage_to_hub(None, "me/agent")',
  ],
  invalid: [
    // a class of this file whose `push_to_hub` may hand `private` on (`**kwargs`) or comes from a Hub mixin base first
    {
      code: 'from huggingface_hub import PyTorchModelHubMixin\nclass Wrapped(PyTorchModelHubMixin):\n    def push_to_hub(self, repo_id, **kwargs):\n        return super().push_to_hub(repo_id, **kwargs)\nclass Base:\n    def push_to_hub(self, repo_id):\n        return repo_id\nclass Mixed(PyTorchModelHubMixin, Base):\n    pass\nWrapped().push_to_hub("me/w")\nMixed().push_to_hub("me/m")',
      errors: [
        { messageId: 'publicPush', line: 10, confidence: 'high', data: { target: 'Wrapped()', extra: '' } },
        { messageId: 'publicPush', line: 11, confidence: 'high', data: { target: 'Mixed()', extra: '' } },
      ],
    },
    // `getattr(model, "push_to_hub")(...)` is the model's push_to_hub (review finetune P3-2)
    {
      code: 'from transformers import AutoModelForCausalLM\nmodel = AutoModelForCausalLM.from_pretrained("./merged", local_files_only=True)\ngetattr(model, "push_to_hub")("someuser/mistral-merged")\ngetattr(model, "push_to_hub_merged")("someuser/m", None)',
      errors: [
        { messageId: 'publicPush', line: 3, confidence: 'high', data: { target: 'model', extra: '' } },
        { messageId: 'publicVariantPush', line: 4, confidence: 'high', data: { target: 'model', method: 'push_to_hub_merged', extra: '' } },
      ],
    },
    // libraries that create the repository themselves: huggingface_sb3 (private=False), mlx-lm (the account's default)
    {
      code: 'from stable_baselines3 import PPO\nfrom huggingface_sb3 import package_to_hub, push_to_hub\nmodel = PPO("MlpPolicy", "CartPole-v1")\npackage_to_hub(model=model, model_name="ppo", model_architecture="PPO", env_id="CartPole-v1", eval_env=None, repo_id="me/ppo", commit_message="up")\npush_to_hub(repo_id="me/ppo", filename="ppo.zip", commit_message="x")',
      errors: [
        { messageId: 'publicLibraryUpload', line: 4, confidence: 'high', data: { api: 'package_to_hub', what: 'the trained agent, its evaluation and a replay video', how: 'public (it passes private=False)', extra: '' } },
        { messageId: 'publicLibraryUpload', line: 5, confidence: 'high', data: { api: 'push_to_hub', what: 'the agent file', how: 'public (it passes private=False)', extra: '' } },
      ],
    },
    {
      code: 'import huggingface_sb3\nhuggingface_sb3.push_to_hub(repo_id="me/ppo", filename="ppo.zip", commit_message="x")',
      errors: [{ messageId: 'publicLibraryUpload', confidence: 'high' }],
    },
    {
      code: 'from mlx_lm import convert\nfrom mlx_lm.utils import upload_to_hub\nconvert("org/m", "mlx_model", quantize=True, upload_repo="me/m-4bit")\nupload_to_hub("mlx_model", "me/m-4bit")',
      errors: [
        { messageId: 'publicLibraryUpload', line: 3, confidence: 'medium', data: { api: 'mlx_lm.convert', what: 'the converted model (`upload_repo=`)', how: "with no private=True, at the account's default visibility", extra: '' } },
        { messageId: 'publicLibraryUpload', line: 4, confidence: 'medium', data: { api: 'mlx_lm.upload_to_hub', what: 'the converted model', how: "with no private=True, at the account's default visibility", extra: '' } },
      ],
    },
    // a receiver named as a repository, out of sight: maybe a git `Repository` (no private option): low, and said so
    {
      code: 'from huggingface_hub import Repository\ndef finish(repo, model):\n    repo.push_to_hub(commit_message="End of training", blocking=False)\n    model.push_to_hub("me/m")\nclass C:\n    def __init__(self, api):\n        self.model = api\n    def done(self, args):\n        args.hf_repo.push_to_hub()',
      errors: [
        {
          messageId: 'repositoryPush',
          line: 3,
          confidence: 'low',
          data: { target: 'repo', extra: '' },
        },
        { messageId: 'publicPush', line: 4, confidence: 'high', data: { target: 'model', extra: '' } },
        { messageId: 'repositoryPush', line: 9, confidence: 'low', data: { target: 'args.hf_repo', extra: '' } },
      ],
    },
    // Keras 3 saves to `hf://`: a repository created with no private option (review keras P2-2)
    {
      code: 'import keras\nmodel = keras.Sequential([keras.layers.Dense(1)])\nmodel.fit([[0.0]], [[0.0]], epochs=1)\nmodel.save("hf://acme/weather-prediction")\ndef publish(model, repo_id):\n    keras.saving.save_model(model, f"hf://{repo_id}")',
      errors: [
        { messageId: 'publicLibraryUpload', line: 4, confidence: 'high', data: { api: 'model.save', what: 'the model (to an `hf://` path)', how: "with no private=True, at the account's default visibility", extra: ', right after training with no evaluation or review step' } },
        { messageId: 'publicLibraryUpload', line: 6, confidence: 'medium', data: { api: 'keras.saving.save_model', what: 'the model (to an `hf://` path)', how: "with no private=True, at the account's default visibility", extra: '' } },
      ],
    },
    // still Keras's: through tf.keras, an owner/name f-string, a name bound to an hf:// path, `"hf://" + repo` (review w38hf P2-1)
    {
      code: 'from tensorflow import keras\nP = "hf://me/m1"\ndef f(m, owner, name, repo):\n    m.save(P)\n    m.save(f"hf://{owner}/{name}")\n    m.save("hf://" + repo)',
      errors: [
        { messageId: 'publicLibraryUpload', line: 4, confidence: 'high', data: { api: 'm.save', what: 'the model (to an `hf://` path)', how: "with no private=True, at the account's default visibility", extra: '' } },
        { messageId: 'publicLibraryUpload', line: 5, confidence: 'medium', data: { api: 'm.save', what: 'the model (to an `hf://` path)', how: "with no private=True, at the account's default visibility", extra: '' } },
        { messageId: 'publicLibraryUpload', line: 6, confidence: 'medium', data: { api: 'm.save', what: 'the model (to an `hf://` path)', how: "with no private=True, at the account's default visibility", extra: '' } },
      ],
    },
    // mlx-lm ≤ 0.19's `mlx_lm.utils.convert` (upload_repo 7th) and mlx-vlm's convert/upload_to_hub (review apple P2-2, P2-3)
    {
      code: 'from mlx_lm.utils import convert\nimport mlx_vlm\nfrom mlx_vlm.utils import upload_to_hub\nconvert("mistralai/Mistral-7B-Instruct-v0.2", mlx_path="mlx_model", quantize=True, upload_repo="me/mistral-4bit")\nconvert("org/m", "mlx_model", True, 64, 4, "float16", "me/m-4bit")\nmlx_vlm.convert("Qwen/Qwen2-VL-2B-Instruct", mlx_path="qwen2-vl-4bit", quantize=True, upload_repo="me/qwen2-vl-4bit")\nupload_to_hub("qwen2-vl-4bit", "me/qwen2-vl-4bit", "Qwen/Qwen2-VL-2B-Instruct")',
      errors: [
        { messageId: 'publicLibraryUpload', line: 4, confidence: 'medium', data: { api: 'mlx_lm.convert', what: 'the converted model (`upload_repo=`)', how: "with no private=True, at the account's default visibility", extra: '' } },
        { messageId: 'publicLibraryUpload', line: 5, confidence: 'medium', data: { api: 'mlx_lm.convert', what: 'the converted model (`upload_repo=`)', how: "with no private=True, at the account's default visibility", extra: '' } },
        { messageId: 'publicLibraryUpload', line: 6, confidence: 'medium', data: { api: 'mlx_vlm.convert', what: 'the converted model (`upload_repo=`)', how: "with no private=True, at the account's default visibility", extra: '' } },
        { messageId: 'publicLibraryUpload', line: 7, confidence: 'medium', data: { api: 'mlx_vlm.upload_to_hub', what: 'the converted model', how: "with no private=True, at the account's default visibility", extra: '' } },
      ],
    },
    // the same converters run as commands with `--upload-repo` (review apple P3-2)
    {
      code: 'import os, subprocess\nsubprocess.run(["mlx_lm.convert", "--hf-path", "org/m", "-q", "--upload-repo", "me/m-4bit"], check=True)\nos.system("python -m mlx_vlm.convert --hf-path org/v --upload-repo=me/v-4bit")\ndef f(repo):\n    subprocess.run(f"mlx_lm.convert --hf-path org/m --upload-repo {repo}", shell=True)',
      errors: [
        { messageId: 'publicLibraryUpload', line: 2, confidence: 'medium', data: { api: 'mlx_lm.convert', what: 'the converted model (`--upload-repo`)', how: "with no private=True, at the account's default visibility", extra: '' } },
        { messageId: 'publicLibraryUpload', line: 3, confidence: 'medium', data: { api: 'mlx_vlm.convert', what: 'the converted model (`--upload-repo`)', how: "with no private=True, at the account's default visibility", extra: '' } },
        { messageId: 'publicLibraryUpload', line: 5, confidence: 'medium', data: { api: 'mlx_lm.convert', what: 'the converted model (`--upload-repo`)', how: "with no private=True, at the account's default visibility", extra: '' } },
      ],
    },
    // an upload right after training: in a function, or at a script's top level
    {
      // the id read back from a private repository, then bound to another repository before the upload
      code: 'from huggingface_hub import create_repo, upload_folder\ndef main(args, unet):\n    repo_id = create_repo(repo_id=args.hub_model_id, private=True).repo_id\n    repo_id = args.public_id\n    for epoch in range(3):\n        unet(epoch).backward()\n    upload_folder(repo_id=repo_id, folder_path=args.output_dir)',
      errors: [{ messageId: 'unreviewedUpload', line: 7, confidence: 'medium', data: { api: 'upload_folder', where: 'in this function' } }],
    },
    {
      code: 'from huggingface_hub import HfApi\nfrom transformers import Trainer\ndef run(model, data):\n    Trainer(model=model, train_dataset=data).train()\n    HfApi().upload_folder(folder_path="./out", repo_id="org/m")',
      errors: [{ messageId: 'unreviewedUpload', confidence: 'medium', data: { api: 'upload_folder', where: 'in this function' } }],
    },
    {
      code: 'from huggingface_hub import HfApi\nfrom transformers import Trainer\nTrainer(model=model, train_dataset=data).train()\nHfApi().upload_folder(folder_path="./out", repo_id="org/m")',
      errors: [{ messageId: 'unreviewedUpload', confidence: 'medium', data: { api: 'upload_folder', where: 'in this file' } }],
    },
    // sentence-transformers' save_to_hub: public unless private=True
    {
      code: 'from sentence_transformers import SentenceTransformer\nmodel = SentenceTransformer("./out")\nmodel.save_to_hub("me/st-model")',
      errors: [{ messageId: 'publicSaveToHub', confidence: 'high', data: { target: 'model', extra: '' } }],
    },
    {
      code: 'from sentence_transformers import CrossEncoder\ndef f(samples):\n    m = CrossEncoder("./out")\n    m.fit(samples)\n    m.save_to_hub("me/ce", private=False)',
      errors: [{ messageId: 'publicSaveToHub', data: { target: 'm', extra: ', right after training with no evaluation or review step' } }],
    },
    {
      // LLaMA-Factory tuner.py: the receiver is a getattr, named as the attribute it reads
      code: 'def export(processor, repo_id):\n    getattr(processor, "image_processor").push_to_hub(repo_id)',
      errors: [{ messageId: 'publicPush', data: { target: 'processor.image_processor', extra: '' } }],
    },
    {
      code: 'def export(accelerator, merged_model_for_export, repo_id):\n    accelerator.unwrap_model(merged_model_for_export).push_to_hub(repo_id)',
      errors: [{ messageId: 'publicPush', data: { target: 'accelerator.unwrap_model(…)', extra: '' } }],
    },
    // unsloth's merged and GGUF pushes
    {
      code: 'from unsloth import FastLanguageModel\nmodel, tok = FastLanguageModel.from_pretrained("./out")\nmodel.push_to_hub_merged("me/m", tok, save_method="merged_16bit")',
      errors: [{ messageId: 'publicVariantPush', data: { target: 'model', method: 'push_to_hub_merged', extra: '' } }],
    },
    {
      code: 'from unsloth import FastLanguageModel\nmodel, tok = FastLanguageModel.from_pretrained("./out")\nmodel.push_to_hub_gguf("me/m-gguf", tok, quantization_method="q4_k_m")',
      errors: [{ messageId: 'publicVariantPush', data: { target: 'model', method: 'push_to_hub_gguf', extra: '' } }],
    },
    {
      code: 'from transformers import TrainingArguments\na = TrainingArguments(output_dir="./o", push_to_hub=True)',
      errors: [{ messageId: 'publicArgs', data: { api: 'TrainingArguments' }, line: 2, column: 5 }],
    },
    {
      code: 'from transformers import AutoModel\ndef f(model):\n    model.push_to_hub("org/m")',
      errors: [{ messageId: 'publicPush', data: { target: 'model', extra: '' }, confidence: 'high' }],
    },
    {
      code: 'from transformers import Trainer, TrainingArguments\ndef f(m, d):\n    t = Trainer(model=m, args=TrainingArguments(output_dir="./o"), train_dataset=d)\n    t.train()\n    t.push_to_hub()',
      errors: [{ messageId: 'trainerPush', data: { target: 't', extra: ', right after training with no evaluation or review step' } }],
    },
    // arguments built where the file does not show (the command line): they may make it private
    {
      code: 'from transformers import HfArgumentParser\nfrom trl import SFTConfig, SFTTrainer\nargs = HfArgumentParser(SFTConfig).parse_args_into_dataclasses()[0]\ntrainer = SFTTrainer(model=m, args=args, train_dataset=ds)\ntrainer.train()\ntrainer.push_to_hub()\ndef publish(trainer):\n    trainer.push_to_hub()',
      errors: [
        { messageId: 'trainerPushUnseen', line: 6, confidence: 'low', data: { target: 'trainer', extra: ', right after training with no evaluation or review step' } },
        { messageId: 'trainerPushUnseen', line: 8, confidence: 'low', data: { target: 'trainer', extra: '' } },
      ],
    },
    {
      code: 'def f(model):\n    model.save_pretrained("./o", push_to_hub=True)',
      errors: [{ messageId: 'publicSavePush', confidence: 'medium' }],
    },
    {
      code: 'from huggingface_hub import HfApi\nHfApi().create_repo("org/m")',
      errors: [{ messageId: 'publicRepo' }],
    },
  ],
});

fixture(rule);
