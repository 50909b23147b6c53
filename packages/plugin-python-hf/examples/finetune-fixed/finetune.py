"""Fine-tunes the base model on a pinned, validated dataset; publishes privately after review."""
from datasets import load_dataset
from transformers import Trainer, TrainingArguments

from fetch import load_base

DATA_COMMIT = "89abcdef0123456789abcdef0123456789abcdef"


def validate_training_example(example):
    text = example["text"]
    return 0 < len(text) < 4096 and "<|system|>" not in text


def review_model_outputs(trainer):
    metrics = trainer.evaluate()
    if metrics["eval_loss"] > 2.0:
        raise RuntimeError("model failed review")


def main(model_dir, signature):
    tokenizer, model = load_base(model_dir, signature)
    data = load_dataset("my-org/dataset", revision=DATA_COMMIT)
    data = data.filter(validate_training_example)
    args = TrainingArguments(output_dir="./private_output", save_strategy="epoch", hub_private_repo=True)
    trainer = Trainer(model=model, args=args, train_dataset=data["train"], eval_dataset=data["test"])
    trainer.train()
    review_model_outputs(trainer)
    trainer.save_model("./private_output/final")
    tokenizer.push_to_hub("my-org/finetuned", private=True)
