import rule from '../../src/rules/untrusted-training-data.js';
import { fixture, ruleTester } from '../helpers.js';

ruleTester.run('hf/untrusted-training-data', rule, {
  valid: [
    // the brief's "Safe Fine-tuning" remediation
    [
      'from datasets import load_dataset',
      'from transformers import Trainer, TrainingArguments',
      '',
      'def validate_training_example(example):',
      '    return True',
      '',
      'dataset = load_dataset("organization/dataset")',
      'dataset = dataset.filter(validate_training_example)',
      'trainer = Trainer(',
      '    model=model,',
      '    train_dataset=dataset,',
      '    args=TrainingArguments(output_dir="./private_output", save_strategy="epoch"),',
      ')',
      'trainer.train()',
    ].join('\n'),
    'from datasets import load_dataset\nfrom transformers import Trainer\ndef f(m):\n    d = load_dataset("json", data_files="data/train.jsonl")\n    Trainer(model=m, train_dataset=d["train"]).train()',
    'from datasets import load_dataset\ndef f(m):\n    d = load_dataset("org/bench", split="test")\n    return [m(x) for x in d]',
  ],
  invalid: [
    {
      code: 'from datasets import load_dataset\nfrom transformers import Trainer\ndef f(m):\n    d = load_dataset("someone/corpus")\n    t = Trainer(model=m, train_dataset=d["train"])\n    t.train()',
      errors: [{ messageId: 'untrusted', data: { what: 'load_dataset("someone/corpus")', line: 5 }, line: 4, column: 9, confidence: 'high' }],
    },
    {
      // the product brief's vulnerable fine-tuning example
      code: 'def run(model, url):\n    training_data = load_from_public_source(url)\n    # No validation!\n    model.finetune(training_data)\n    model.save("./public_model")',
      errors: [{ messageId: 'untrusted', data: { what: 'load_from_public_source(...)', line: 4 }, confidence: 'medium' }],
    },
    {
      code: 'from datasets import load_dataset\nfrom transformers import Trainer\ndef f(m, name):\n    d = load_dataset(name)\n    Trainer(model=m, train_dataset=d).train()',
      errors: [{ messageId: 'untrusted', confidence: 'low' }],
    },
  ],
});

fixture(rule);
