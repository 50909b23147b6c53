import rule from '../../src/rules/safetensors-disabled.js';
import { fixture, ruleTester } from '../helpers.js';

ruleTester.run('hf/safetensors-disabled', rule, {
  valid: [
    'from transformers import AutoModel\nAutoModel.from_pretrained("./m", use_safetensors=True)',
    'from transformers import AutoModel\nAutoModel.from_pretrained("./m")',
    'def f(save, flag):\n    save("x", use_safetensors=flag)',
  ],
  invalid: [
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
  ],
});

fixture(rule);
