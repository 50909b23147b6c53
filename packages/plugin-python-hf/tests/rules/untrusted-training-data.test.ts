import rule from '../../src/rules/untrusted-training-data.js';
import { describe, expect, it } from 'vitest';
import { fixture, lintAll, ruleTester } from '../helpers.js';

ruleTester.run('hf/untrusted-training-data', rule, {
  valid: [
    // a file Keras's get_file fetched, read as data (review keras P3-3): pinned by its hash, fetched from this machine,
    // or a reader of a path that did not come from get_file
    'import tensorflow as tf\np = tf.keras.utils.get_file("iris_training.csv", "https://example.org/data/iris_training.csv", file_hash="' + 'ab'.repeat(32) + '")\nds = tf.data.experimental.make_csv_dataset(p, batch_size=32, label_name="species")\nmodel.fit(ds, epochs=5)',
    'import tensorflow as tf\np = tf.keras.utils.get_file("iris_training.csv", "http://localhost:8000/iris_training.csv")\nds = tf.data.experimental.make_csv_dataset(p, batch_size=32)\nmodel.fit(ds, epochs=5)',
    'import pandas as pd\nimport tensorflow as tf\np = tf.keras.utils.get_file("iris_training.csv", "https://example.org/data/iris_training.csv")\np = "data/local.csv"\ndf = pd.read_csv(p)\nmodel.fit(df.values, epochs=5)',
    'import tensorflow as tf\np = tf.keras.utils.get_file("iris_test.csv", "https://example.org/data/iris_test.csv")\nds = tf.data.experimental.make_csv_dataset(p, batch_size=32)\nmodel.evaluate(ds)',
    // the Hub data as the fifth positional argument of transformers' Trainer is its eval_dataset
    'from datasets import load_dataset\nfrom transformers import Trainer\ndef b(model, args, collator, train):\n    ds = load_dataset("Anthropic/hh-rlhf")\n    Trainer(model, args, collator, train, ds["test"]).train()',
    // validated before the trainer gets it; a `self.ds` the class validates, or only evaluates on
    'from datasets import load_dataset\nfrom trl import SFTTrainer\ndef c(model, args):\n    ds = load_dataset("HuggingFaceH4/no_robots", split="train")\n    trainer = SFTTrainer(model=model, args=args)\n    trainer.train_dataset = ds.filter(lambda x: x["ok"])\n    trainer.train()',
    'from datasets import load_dataset\nfrom trl import SFTTrainer\nclass Clean:\n    def __init__(self, model, args):\n        self.model, self.args = model, args\n        self.ds = load_dataset("HuggingFaceH4/no_robots", split="train")\n        self.ds = self.ds.filter(lambda x: x["ok"])\n    def run(self):\n        SFTTrainer(model=self.model, args=self.args, train_dataset=self.ds).train()',
    'from datasets import load_dataset\nclass Eval:\n    def __init__(self, model):\n        self.model = model\n        self.ds = load_dataset("org/bench", split="test")\n    def run(self):\n        return self.model.evaluate(self.ds)',
    // `self.train_dataset = ds` inside a class is no trainer's
    'from datasets import load_dataset\nclass Data:\n    def setup(self):\n        ds = load_dataset("org/bench", split="test")\n        self.train_dataset = ds',
    // `data_files` given on every path: a packaged builder reading local files
    'from datasets import load_dataset\nfrom transformers import Trainer\ndef train(model, args, attr, local):\n    data_files = ["data/x.json"]\n    if local:\n        data_files = ["data/y.json"]\n    ds = load_dataset(attr.builder, data_files=data_files, split="train")\n    Trainer(model=model, args=args, train_dataset=ds).train()',
    // filtered inside a `with` (TRL's `with PartialState().local_main_process_first():`) or a `try` that re-raises
    'from accelerate import PartialState\nfrom datasets import load_dataset\nfrom trl import GRPOTrainer\nds = load_dataset("trl-lib/tldr", split="train")\nwith PartialState().local_main_process_first():\n    ds = ds.filter(lambda x: len(x["prompt"]) <= 512)\nGRPOTrainer(model=m, reward_funcs=[], train_dataset=ds)',
    'from datasets import load_dataset\nfrom trl import SFTTrainer\nds = load_dataset("trl-lib/Capybara", split="train")\ntry:\n    ds = ds.filter(lambda x: len(x["messages"]) > 0)\nexcept Exception:\n    raise\nSFTTrainer(model=m, train_dataset=ds)',
    // pinned: `version=` (ModelScope), `revision=` through FederatedDataset's `**load_dataset_kwargs`
    "from modelscope.msdatasets import MsDataset\nfrom trl import SFTTrainer\nds = MsDataset.load('org/data', version='0123456789abcdef0123456789abcdef01234567')\nSFTTrainer(model=m, train_dataset=ds)",
    'from flwr_datasets import FederatedDataset\nfrom trl import SFTTrainer\nfds = FederatedDataset(dataset="org/data", partitioners={"train": 2}, revision="0123456789abcdef0123456789abcdef01234567")\nSFTTrainer(model=m, train_dataset=fds.load_partition(0, "train"))',
    // a `.load` of something else
    'import json\nfrom trl import SFTTrainer\nds = json.load(open("data.json"))\nSFTTrainer(model=m, train_dataset=ds)',
    // `dataset=` of another class, of a class of this file that is no PPOTrainer, or a position that is not the dataset
    'from datasets import load_dataset\nfrom torch.utils.data import DataLoader\nds = load_dataset("someone/scraped-corpus", split="train")\nloader = DataLoader(dataset=ds, batch_size=8)',
    'from datasets import load_dataset\nclass PPOTrainer:\n    def __init__(self, dataset):\n        self.dataset = dataset\nds = load_dataset("someone/scraped-corpus", split="train")\nPPOTrainer(dataset=ds)',
    'from datasets import load_dataset\nfrom trl import PPOTrainer\nds = load_dataset("someone/scraped-corpus", split="train")\nPPOTrainer(config, model, ref_model, ds)',
    // validated where it is handed over
    'from datasets import load_dataset\nfrom trl import PPOTrainer\nds = load_dataset("someone/scraped-corpus", split="train")\nPPOTrainer(config, model, ref_model, tokenizer, dataset=ds.filter(is_valid))',
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
    // a filter assigned back into the split validates that split
    'from datasets import load_dataset\nfrom transformers import Trainer\ndef main(model, is_valid_example):\n    ds = load_dataset("someone/scraped-corpus")\n    ds["train"] = ds["train"].filter(is_valid_example)\n    Trainer(model=model, train_dataset=ds["train"]).train()',
    // a loop over datasets that filters each one first; the loop name of a tuple target that holds no data (review spaces P3-3)
    'from datasets import load_dataset\nfrom trl import SFTTrainer\nds_a = load_dataset("org/raw-a", split="train")\nds_b = load_dataset("org/raw-b", split="train")\nfor ds in (ds_a, ds_b):\n    ds = ds.filter(is_valid)\n    SFTTrainer(model=m, train_dataset=ds).train()',
    'from datasets import load_dataset\nfrom transformers import Trainer\ndef sweep(model, args):\n    raw = load_dataset("org/raw", split="train")\n    for name, ds in [("raw", raw), ("b", raw)]:\n        Trainer(model=model, args=args, train_dataset=load_local(name)).train()',
  ],
  invalid: [
    // the TF "custom training walkthrough": a remote CSV fetched with get_file, read, and trained on (review keras P3-3)
    {
      code: 'import tensorflow as tf\ntrain_path = tf.keras.utils.get_file(\n    "iris_training.csv",\n    "https://storage.googleapis.com/download.tensorflow.org/data/iris_training.csv",\n)\ntrain_ds = tf.data.experimental.make_csv_dataset(train_path, batch_size=32, label_name="species", num_epochs=1)\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(3)])\nmodel.fit(train_ds, epochs=5)',
      errors: [{ messageId: 'untrusted', data: { what: 'make_csv_dataset(get_file(..., "https://storage.googleapis.com/download.tensorflow.org/da..."))', line: 8 }, line: 6, confidence: 'medium' }],
    },
    {
      code: 'import keras\nimport pandas as pd\ndf = pd.read_csv(keras.utils.get_file("train.csv", "https://example.org/data/train.csv", file_hash=None))\nmodel.fit(df.drop(columns=["y"]).values, df["y"].values)',
      errors: [{ messageId: 'untrusted', data: { what: 'read_csv(get_file(..., "https://example.org/data/train.csv"))', line: 4 }, line: 3, confidence: 'medium' }],
    },
    // a loop over a collection of datasets hands each one over: a literal, a name bound to one, a tuple target (review spaces P3-3)
    {
      code: 'from datasets import load_dataset\nfrom trl import SFTTrainer, SFTConfig\nds_a = load_dataset("org/raw-a", split="train")\nds_b = load_dataset("org/raw-b", split="train")\nfor ds in (ds_a, ds_b):\n    SFTTrainer(model="./base", train_dataset=ds, args=SFTConfig(output_dir="./o")).train()',
      errors: [
        { messageId: 'untrusted', data: { what: 'load_dataset("org/raw-a")', line: 6 }, line: 3, confidence: 'high' },
        { messageId: 'untrusted', data: { what: 'load_dataset("org/raw-b")', line: 6 }, line: 4, confidence: 'high' },
      ],
    },
    {
      code: 'from datasets import load_dataset\nfrom transformers import Trainer\ndef sweep(model, args):\n    raw = load_dataset("org/raw", split="train")\n    runs = [("raw", raw.shuffle(seed=0)), ("local", "./data")]\n    for name, ds in runs:\n        Trainer(model=model, args=args, train_dataset=ds).train()',
      errors: [{ messageId: 'untrusted', data: { what: 'load_dataset("org/raw")', line: 7 }, line: 4, confidence: 'high' }],
    },
    // transformers' Trainer given the training data as its fourth positional argument (review finetune P3-4)
    {
      code: 'from datasets import load_dataset\nfrom transformers import Trainer\ndef b(model, args, collator):\n    ds = load_dataset("Anthropic/hh-rlhf")\n    Trainer(model, args, collator, ds["train"]).train()',
      errors: [{ messageId: 'untrusted', data: { what: 'load_dataset("Anthropic/hh-rlhf")', line: 5 }, line: 4, confidence: 'high' }],
    },
    // handed over by an attribute store on the trainer, or through `self.ds` from `__init__` to another method (review finetune P3-4)
    {
      code: 'from datasets import load_dataset\nfrom trl import SFTTrainer\ndef c(model, args):\n    ds = load_dataset("HuggingFaceH4/no_robots", split="train")\n    trainer = SFTTrainer(model=model, args=args)\n    trainer.train_dataset = ds\n    trainer.train()',
      errors: [{ messageId: 'untrusted', data: { what: 'load_dataset("HuggingFaceH4/no_robots")', line: 6 }, line: 4, confidence: 'high' }],
    },
    {
      code: 'from datasets import load_dataset\nfrom trl import SFTTrainer\nclass Runner:\n    def __init__(self, model, args):\n        self.model, self.args = model, args\n        self.ds = load_dataset("HuggingFaceH4/no_robots")\n    def run(self):\n        SFTTrainer(model=self.model, args=self.args, train_dataset=self.ds["train"]).train()',
      errors: [{ messageId: 'untrusted', data: { what: 'load_dataset("HuggingFaceH4/no_robots")', line: 8 }, line: 6, confidence: 'high' }],
    },
    // `data_files` that may be `None` (LLaMA-Factory's `_load_single_dataset`): on that path the name is read as a Hub id (review finetune P2-2)
    {
      code: 'from datasets import load_dataset\nfrom transformers import Trainer\ndef train(model, args, attr, local):\n    data_files = None\n    if local:\n        data_files = ["data/x.json"]\n    ds = load_dataset(attr.dataset_name, data_files=data_files, split="train")\n    Trainer(model=model, args=args, train_dataset=ds).train()',
      errors: [{ messageId: 'untrusted', data: { what: 'load_dataset(attr.dataset_name)', line: 8 }, line: 7, confidence: 'low' }],
    },
    // a filter the code goes on without when it fails: the unfiltered data may be trained on
    {
      code: 'import contextlib\nfrom datasets import load_dataset\nfrom trl import SFTTrainer\nds = load_dataset("org/data", split="train")\nwith contextlib.suppress(KeyError):\n    ds = ds.filter(lambda x: x["ok"])\nSFTTrainer(model=m, train_dataset=ds)',
      errors: [{ messageId: 'untrusted', data: { what: 'load_dataset("org/data")', line: 7 }, line: 4, confidence: 'high' }],
    },
    // sentence-transformers' `fit` before v3: the data as `train_objectives=[(loader, loss)]`
    {
      code: 'from datasets import load_dataset\nfrom sentence_transformers import SentenceTransformer, losses\nfrom torch.utils.data import DataLoader\nmodel = SentenceTransformer("./base")\nraw = load_dataset("someuser/reddit-pairs", split="train")\nloader = DataLoader(raw)\nmodel.fit(train_objectives=[(loader, losses.MultipleNegativesRankingLoss(model))], epochs=1)',
      errors: [{ messageId: 'untrusted', data: { what: 'load_dataset("someuser/reddit-pairs")', line: 7 }, line: 5, confidence: 'high' }],
    },
    // ModelScope's MsDataset.load (review github3, P2) and Flower's FederatedDataset (P5), read as load_dataset
    {
      code: "from modelscope.msdatasets import MsDataset\nfrom trl import SFTTrainer\nds = MsDataset.load('AI-ModelScope/alpaca-gpt4-data-zh', split='train')\ntrainer = SFTTrainer(model=model, train_dataset=ds)",
      errors: [{ messageId: 'untrusted', data: { what: 'MsDataset.load("AI-ModelScope/alpaca-gpt4-data-zh")', line: 4 }, line: 3, confidence: 'high' }],
    },
    {
      code: 'from flwr_datasets import FederatedDataset\nfrom flwr_datasets.partitioner import IidPartitioner\nfrom trl import SFTTrainer\nfds = FederatedDataset(dataset="vicgalle/alpaca-gpt4", partitioners={"train": IidPartitioner(num_partitions=20)})\ntrainset = fds.load_partition(0, "train")\ntrainer = SFTTrainer(model=model, train_dataset=trainset, args=training_args)',
      errors: [{ messageId: 'untrusted', data: { what: 'FederatedDataset("vicgalle/alpaca-gpt4")', line: 6 }, line: 4, confidence: 'high' }],
    },
    {
      code: 'from flwr_datasets import FederatedDataset\nfrom trl import SFTTrainer\ndef train(cfg):\n    fds = FederatedDataset(dataset=cfg.dataset.name, partitioners={"train": 20})\n    SFTTrainer(model=model, train_dataset=fds.load_partition(0, "train"))',
      errors: [{ messageId: 'untrusted', confidence: 'low' }],
    },
    {
      // TRL <= 0.11: `dataset=` of PPOTrainer is what `ppo_trainer.dataloader` yields to `step(...)`
      code: 'from datasets import load_dataset\nfrom trl import PPOConfig, PPOTrainer\nds = load_dataset("someone/scraped-corpus", split="train")\nppo_trainer = PPOTrainer(PPOConfig(), model, ref_model, tokenizer, dataset=ds)',
      errors: [{ messageId: 'untrusted', data: { what: 'load_dataset("someone/scraped-corpus")', line: 4 }, line: 3, confidence: 'high' }],
    },
    {
      // the fifth positional argument, and the load nested in the call
      code: 'from datasets import load_dataset\nfrom trl.trainer.ppo_trainer import PPOTrainer\nPPOTrainer(config, model, ref_model, tokenizer, load_dataset("someone/scraped-corpus", split="train"))',
      errors: [{ messageId: 'untrusted', data: { what: 'load_dataset("someone/scraped-corpus")', line: 3 }, line: 3, confidence: 'high' }],
    },
    {
      // a subclass of this file: `dataset=`
      code: 'from datasets import load_dataset\nfrom trl import PPOTrainer\nclass MyPPOTrainer(PPOTrainer):\n    pass\nds = load_dataset("someone/scraped-corpus", split="train")\nMyPPOTrainer(config, model, ref_model, tokenizer, dataset=ds)',
      errors: [{ messageId: 'untrusted', data: { what: 'load_dataset("someone/scraped-corpus")', line: 6 }, line: 5, confidence: 'high' }],
    },
    {
      // at --depth deep, a subclass of another module of the project (tests/fixtures/project/tinylm/trainers.py)
      code: 'from datasets import load_dataset\nfrom .trainers import MyPPOTrainer\nds = load_dataset("someone/scraped-corpus", split="train")\nMyPPOTrainer(config, model, ref_model, tokenizer, dataset=ds)',
      filename: 'project/tinylm/snippet.py',
      errors: [{ messageId: 'untrusted', data: { what: 'load_dataset("someone/scraped-corpus")', line: 4 }, line: 3, confidence: 'high' }],
    },
    {
      // two levels of same-file helpers (alignment-handbook's get_datasets → mix_datasets → load_dataset)
      code: 'from datasets import load_dataset\nfrom transformers import Trainer\ndef _raw():\n    return load_dataset("someone/scraped-corpus", split="train")\ndef build_dataset():\n    return _raw().map(lambda x: x)\ndef train(model):\n    Trainer(model=model, train_dataset=build_dataset()).train()',
      errors: [{ messageId: 'untrusted', data: { what: 'build_dataset() (load_dataset("someone/scraped-corpus") at line 4, through _raw())', line: 8 }, line: 8, confidence: 'high' }],
    },
    {
      code: 'from datasets import load_dataset\nfrom transformers import Trainer\ndef f(m):\n    d = load_dataset("someone/corpus")\n    t = Trainer(model=m, train_dataset=d["train"])\n    t.train()',
      errors: [{ messageId: 'untrusted', data: { what: 'load_dataset("someone/corpus")', line: 5 }, line: 4, column: 9, confidence: 'high' }],
    },
    {
      // a dataset named by a command-line option's default (overridable): medium, as an environment default
      code: 'import argparse\nfrom datasets import load_dataset\nfrom transformers import Trainer\nparser = argparse.ArgumentParser()\nparser.add_argument("--dataset_name", default="someone/chat-data")\nargs = parser.parse_args()\nds = load_dataset(args.dataset_name)\nTrainer(model=m, train_dataset=ds["train"]).train()',
      errors: [{ messageId: 'untrusted', data: { what: 'load_dataset("someone/chat-data")', line: 8 }, confidence: 'medium' }],
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
    {
      // a later branch rebinds the name: the Hub binding still reaches the trainer
      code: 'from datasets import load_dataset\nfrom transformers import Trainer\ndef main(model, use_hub):\n    if use_hub:\n        ds = load_dataset("someone/scraped-corpus")\n    else:\n        ds = load_dataset("json", data_files="data/train.jsonl")\n    Trainer(model=model, train_dataset=ds["train"]).train()',
      errors: [{ messageId: 'untrusted', data: { what: 'load_dataset("someone/scraped-corpus")', line: 8 }, line: 5, confidence: 'high' }],
    },
    {
      // written into a split of a container
      code: 'from datasets import DatasetDict, load_dataset\nfrom transformers import Trainer\ndef main(model):\n    raw = DatasetDict()\n    raw["train"] = load_dataset("someone/scraped-corpus", split="train")\n    Trainer(model=model, train_dataset=raw["train"]).train()',
      errors: [{ messageId: 'untrusted', data: { what: 'load_dataset("someone/scraped-corpus")', line: 6 }, line: 5, confidence: 'high' }],
    },
    {
      // a same-file helper that returns the data through an alias
      code: 'from datasets import load_dataset\nfrom trl import SFTTrainer\ndef create_datasets():\n    dataset = load_dataset("lvwerra/stack-exchange-paired", split="train")\n    train_data = dataset\n    return train_data\ntrain_dataset = create_datasets()\nSFTTrainer(model=model, train_dataset=train_dataset).train()',
      errors: [{ messageId: 'untrusted', data: { what: 'create_datasets() (load_dataset("lvwerra/stack-exchange-paired") at line 4)', line: 8 }, line: 7, confidence: 'high' }],
    },
    {
      // data_dir is a folder of a Hub repository, not a sign of local data
      code: 'from datasets import load_dataset\nfrom trl import SFTTrainer\ndef main(args, model):\n    train_dataset = load_dataset(args.dataset_name, data_dir=args.subset, split="train")\n    SFTTrainer(model=model, train_dataset=train_dataset).train()',
      errors: [{ messageId: 'untrusted', data: { what: 'load_dataset(args.dataset_name)', line: 5 }, line: 4, confidence: 'low' }],
    },
  ],
});

fixture(rule);

describe('a same-file helper named like a fetch', () => {
  const code = [
    'from datasets import load_dataset',
    'from transformers import Trainer',
    'def fetch_dataset():',
    '    return load_dataset("json", data_files="data/train.jsonl", split="train")',
    'def train(model):',
    '    Trainer(model=model, train_dataset=fetch_dataset()).train()',
  ].join('\n');
  const ids = async (depth: 'quick' | 'standard') => (await lintAll(code, { depth })).filter((f) => f.ruleId === 'hf/untrusted-training-data').map((f) => f.confidence);
  it('is judged by its body', async () => {
    expect(await ids('standard')).toEqual([]);
  });
  it('is judged by its name at --depth quick, which reads no bodies', async () => {
    expect(await ids('quick')).toEqual(['medium']);
  });
});
