import rule from '../../src/rules/public-checkpoint-location.js';
import { fixture, ruleTester } from '../helpers.js';

ruleTester.run('hf/public-checkpoint-location', rule, {
  valid: [
    'import os, tempfile\ndef f(model):\n    with tempfile.TemporaryDirectory() as work:\n        model.save_pretrained(os.path.join(work, "scratch"))',
    'from transformers import TrainingArguments\na = TrainingArguments(output_dir="./private_output", save_strategy="epoch")',
    'def f(img):\n    img.save("/tmp/x.png")',
  ],
  invalid: [
    {
      code: 'def f(model):\n    model.save_pretrained("/tmp/finetuned")',
      errors: [{ messageId: 'publicPath', data: { api: 'save_pretrained', path: '/tmp/finetuned', where: 'a shared temporary directory', extra: '' }, line: 2, column: 5 }],
    },
    {
      // the product brief's vulnerable fine-tuning example
      code: 'def run(model, training_data):\n    model.finetune(training_data)\n    model.save("./public_model")  # Saved without review',
      errors: [{ messageId: 'publicPath', data: { api: 'model.save', path: './public_model', where: 'a directory named public', extra: ', right after training with no evaluation or review step' } }],
    },
    {
      code: 'import os\ndef f(checkpoint_dir):\n    os.chmod(checkpoint_dir, 0o777)',
      errors: [{ messageId: 'worldWritable' }],
    },
    {
      code: 'import boto3\ns3 = boto3.client("s3")\ns3.upload_file("model.safetensors", "b", "k/model.safetensors", ExtraArgs={"ACL": "public-read"})',
      errors: [{ messageId: 'publicAcl', data: { api: 'upload_file', acl: 'public-read' } }],
    },
    {
      code: 'import os, tempfile\ndef f(model):\n    model.save_pretrained(os.path.join(tempfile.gettempdir(), "ckpt"))',
      errors: [{ messageId: 'publicPath', confidence: 'medium' }],
    },
  ],
});

fixture(rule);
