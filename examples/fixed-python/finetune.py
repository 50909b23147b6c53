"""Fine-tunes a model on a validated, pinned dataset and keeps the result private."""
from datasets import load_dataset
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments

BASE_COMMIT = "0123456789abcdef0123456789abcdef01234567"
DATA_COMMIT = "89abcdef0123456789abcdef0123456789abcdef"


def validate_training_example(example):
    text = example["text"]
    return 0 < len(text) < 4096 and "<|system|>" not in text


def evaluate_and_review(trainer):
    metrics = trainer.evaluate()
    if metrics["eval_loss"] > 2.0:
        raise RuntimeError("model failed review")


def main():
    model = AutoModelForCausalLM.from_pretrained("organization/base-model", revision=BASE_COMMIT)
    data = load_dataset("organization/dataset", revision=DATA_COMMIT)
    data = data.filter(validate_training_example)
    args = TrainingArguments(output_dir="./private_output", save_strategy="epoch")
    trainer = Trainer(model=model, args=args, train_dataset=data["train"], eval_dataset=data["test"])
    trainer.train()
    evaluate_and_review(trainer)
    trainer.save_model("./private_output/final")


if __name__ == "__main__":
    main()
