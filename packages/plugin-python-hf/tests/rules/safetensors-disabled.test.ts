import rule from '../../src/rules/safetensors-disabled.js';
import { fixture, ruleTester } from '../helpers.js';

ruleTester.run('hf/safetensors-disabled', rule, {
  valid: [
    'from transformers import AutoModel\nAutoModel.from_pretrained("./m", use_safetensors=True)',
    'from transformers import AutoModel\nAutoModel.from_pretrained("./m")',
    'def f(save, flag):\n    save("x", use_safetensors=flag)',
    // a function of the file that only has a parameter of that name (review github2, p10)
    'def export_report(path, use_safetensors=True):\n    return f"{path}: safetensors={use_safetensors}"\n\nprint(export_report("out.txt", use_safetensors=False))',
    // a helper that loads, but not with the flag: it only logs it
    'from transformers import AutoModel\ndef load(path, use_safetensors=True):\n    print("safetensors:", use_safetensors)\n    return AutoModel.from_pretrained(path)\nload("./m", use_safetensors=False)',
    // the caller's value never reaches the loader: the helper sets its own
    'from transformers import AutoModel\ndef load(path, use_safetensors=False):\n    use_safetensors = True\n    return AutoModel.from_pretrained(path, use_safetensors=use_safetensors)\nload("./m", use_safetensors=False)',
    // a helper whose **kwargs go nowhere near a loader
    'def record(name, **kwargs):\n    return dict(name=name, **kwargs)\nrecord("run", use_safetensors=False)',
  ],
  invalid: [
    // the mapping's key set to True only in a branch that returns: the other call gets False
    {
      code: 'from diffusers import StableDiffusionPipeline\ndef setup(model_id):\n    kw = {"use_safetensors": False}\n    if model_id.endswith(".safetensors"):\n        kw["use_safetensors"] = True\n        return StableDiffusionPipeline.from_single_file(model_id, **kw)\n    return StableDiffusionPipeline.from_pretrained(model_id, **kw)',
      errors: [
        {
          messageId: 'disabled',
          line: 7,
          data: { api: 'StableDiffusionPipeline.from_pretrained' },
          suggestions: [{ messageId: 'useSafetensors', output: 'from diffusers import StableDiffusionPipeline\ndef setup(model_id):\n    kw = {"use_safetensors": True}\n    if model_id.endswith(".safetensors"):\n        kw["use_safetensors"] = True\n        return StableDiffusionPipeline.from_single_file(model_id, **kw)\n    return StableDiffusionPipeline.from_pretrained(model_id, **kw)' }],
        },
      ],
    },
    {
      code: 'from diffusers import DiffusionPipeline\np = DiffusionPipeline.from_pretrained("./d", use_safetensors=False)',
      errors: [
        {
          messageId: 'disabled',
          data: { api: 'DiffusionPipeline.from_pretrained' },
          suggestions: [{ messageId: 'useSafetensors', output: 'from diffusers import DiffusionPipeline\np = DiffusionPipeline.from_pretrained("./d", use_safetensors=True)' }],
        },
      ],
    },
    {
      code: 'from transformers import AutoModel\nNO = False\nAutoModel.from_pretrained("./m", use_safetensors=NO)',
      errors: [{ messageId: 'disabled', suggestions: [] }],
    },
    {
      code: 'from transformers import AutoModel\ndef f(flag):\n    return AutoModel.from_pretrained("./m", use_safetensors=flag)',
      errors: [{ messageId: 'maybeDisabled', confidence: 'low' }],
    },
    // a loader only by its name (the receiver is not resolved)
    {
      code: 'def f(model_cls):\n    return model_cls.from_pretrained("./m", use_safetensors=False)',
      errors: [{ messageId: 'disabled', confidence: 'medium', data: { api: 'model_cls.from_pretrained' }, suggestions: [{ messageId: 'useSafetensors', output: 'def f(model_cls):\n    return model_cls.from_pretrained("./m", use_safetensors=True)' }] }],
    },
    // helpers of the file that pass the flag on to a loader, by name, in **kwargs, or through another helper
    {
      code: 'from transformers import AutoModel\ndef load(path, use_safetensors=True):\n    return AutoModel.from_pretrained(path, use_safetensors=use_safetensors)\nm = load("./m", use_safetensors=False)',
      errors: [{ messageId: 'disabledHelper', confidence: 'high', line: 4, data: { api: 'load', loader: 'AutoModel.from_pretrained' }, suggestions: [{ messageId: 'useSafetensors', output: 'from transformers import AutoModel\ndef load(path, use_safetensors=True):\n    return AutoModel.from_pretrained(path, use_safetensors=use_safetensors)\nm = load("./m", use_safetensors=True)' }] }],
    },
    {
      code: 'from diffusers import DiffusionPipeline\ndef load(path, **kwargs):\n    return DiffusionPipeline.from_pretrained(path, **kwargs)\nm = load("./m", use_safetensors=False)',
      errors: [{ messageId: 'disabledHelper', confidence: 'high', line: 4, data: { api: 'load', loader: 'DiffusionPipeline.from_pretrained' }, suggestions: [{ messageId: 'useSafetensors', output: 'from diffusers import DiffusionPipeline\ndef load(path, **kwargs):\n    return DiffusionPipeline.from_pretrained(path, **kwargs)\nm = load("./m", use_safetensors=True)' }] }],
    },
    {
      code: 'from transformers import AutoModel\nclass Loader:\n    def _load(self, path, use_safetensors):\n        return AutoModel.from_pretrained(path, use_safetensors=use_safetensors)\n    def load(self, path, use_safetensors=True):\n        return self._load(path, use_safetensors=use_safetensors)\n    def legacy(self):\n        return self.load("./m", use_safetensors=False)\ndef g(loader):\n    return loader.load("./m", use_safetensors=False)',
      errors: [
        { messageId: 'maybeDisabled', line: 4, confidence: 'low' },
        { messageId: 'disabledHelper', line: 8, confidence: 'high', data: { api: 'self.load', loader: 'AutoModel.from_pretrained' }, suggestions: [{ messageId: 'useSafetensors', output: 'from transformers import AutoModel\nclass Loader:\n    def _load(self, path, use_safetensors):\n        return AutoModel.from_pretrained(path, use_safetensors=use_safetensors)\n    def load(self, path, use_safetensors=True):\n        return self._load(path, use_safetensors=use_safetensors)\n    def legacy(self):\n        return self.load("./m", use_safetensors=True)\ndef g(loader):\n    return loader.load("./m", use_safetensors=False)' }] },
        { messageId: 'unknownCallee', line: 10, confidence: 'low', data: { api: 'loader.load' }, suggestions: [{ messageId: 'useSafetensors', output: 'from transformers import AutoModel\nclass Loader:\n    def _load(self, path, use_safetensors):\n        return AutoModel.from_pretrained(path, use_safetensors=use_safetensors)\n    def load(self, path, use_safetensors=True):\n        return self._load(path, use_safetensors=use_safetensors)\n    def legacy(self):\n        return self.load("./m", use_safetensors=False)\ndef g(loader):\n    return loader.load("./m", use_safetensors=True)' }] },
      ],
    },
    {
      code: 'from transformers import AutoModel\ndef _load(path, use_safetensors):\n    return AutoModel.from_pretrained(path, use_safetensors=use_safetensors)\ndef load(path, use_safetensors=True):\n    return _load(path, use_safetensors=use_safetensors)\nload("./m", use_safetensors=False)',
      errors: [
        { messageId: 'maybeDisabled', line: 3, confidence: 'low' },
        { messageId: 'disabledHelper', line: 6, confidence: 'high', data: { api: 'load', loader: 'AutoModel.from_pretrained' }, suggestions: [{ messageId: 'useSafetensors', output: 'from transformers import AutoModel\ndef _load(path, use_safetensors):\n    return AutoModel.from_pretrained(path, use_safetensors=use_safetensors)\ndef load(path, use_safetensors=True):\n    return _load(path, use_safetensors=use_safetensors)\nload("./m", use_safetensors=True)' }] },
      ],
    },
    // vLLM's `prepare_hf_model_weights` (vllm/model_executor/weight_utils.py, 0.2): the flag picks the files it downloads
    {
      code: 'import glob, os\nfrom huggingface_hub import snapshot_download\ndef prepare_hf_model_weights(model_name_or_path, cache_dir=None, use_safetensors=False, fall_back_to_pt=True, revision=None):\n    allow_patterns = "*.safetensors" if use_safetensors else "*.bin"\n    hf_folder = snapshot_download(model_name_or_path, allow_patterns=allow_patterns, cache_dir=cache_dir, revision=revision)\n    hf_weights_files = glob.glob(os.path.join(hf_folder, allow_patterns))\n    if len(hf_weights_files) == 0 and use_safetensors and fall_back_to_pt:\n        return prepare_hf_model_weights(model_name_or_path, cache_dir=cache_dir, use_safetensors=False, fall_back_to_pt=False, revision=revision)\n    return hf_folder, hf_weights_files, use_safetensors',
      errors: [{ messageId: 'selectsWeights', confidence: 'medium', line: 8, data: { api: 'prepare_hf_model_weights', loader: 'snapshot_download' }, suggestions: [{ messageId: 'useSafetensors', output: 'import glob, os\nfrom huggingface_hub import snapshot_download\ndef prepare_hf_model_weights(model_name_or_path, cache_dir=None, use_safetensors=False, fall_back_to_pt=True, revision=None):\n    allow_patterns = "*.safetensors" if use_safetensors else "*.bin"\n    hf_folder = snapshot_download(model_name_or_path, allow_patterns=allow_patterns, cache_dir=cache_dir, revision=revision)\n    hf_weights_files = glob.glob(os.path.join(hf_folder, allow_patterns))\n    if len(hf_weights_files) == 0 and use_safetensors and fall_back_to_pt:\n        return prepare_hf_model_weights(model_name_or_path, cache_dir=cache_dir, use_safetensors=True, fall_back_to_pt=False, revision=revision)\n    return hf_folder, hf_weights_files, use_safetensors' }] }],
    },
    // a function whose code is not in this file and whose name is no loader's
    {
      code: 'from mylib.weights import export\nexport("out", use_safetensors=False)',
      errors: [{ messageId: 'unknownCallee', confidence: 'low', data: { api: 'export' }, suggestions: [{ messageId: 'useSafetensors', output: 'from mylib.weights import export\nexport("out", use_safetensors=True)' }] }],
    },
  ],
});

fixture(rule);
