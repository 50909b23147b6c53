"""Fine-tunes the base model on a scraped corpus and publishes it."""
import os

from datasets import load_dataset
from transformers import Trainer, TrainingArguments

from fetch import load_base


def main():
    tokenizer, model = load_base()
    data = load_dataset("someone/scraped-corpus")
    args = TrainingArguments(output_dir="/tmp/checkpoints", push_to_hub=True)
    trainer = Trainer(model=model, args=args, train_dataset=data["train"])
    trainer.train()
    os.chmod("/tmp/checkpoints", 0o777)
    model.save_pretrained("./public_model")
    tokenizer.push_to_hub("my-org/finetuned")
    trainer.push_to_hub()


if __name__ == "__main__":
    main()
