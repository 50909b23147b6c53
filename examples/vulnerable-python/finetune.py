"""Fine-tunes a model on a public dataset and publishes it."""
from datasets import load_dataset
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments


def main():
    model = AutoModelForCausalLM.from_pretrained("organization/base-model", revision="main")
    data = load_dataset("someone/scraped-corpus")
    args = TrainingArguments(output_dir="/tmp/checkpoints", push_to_hub=True)
    trainer = Trainer(model=model, args=args, train_dataset=data["train"])
    trainer.train()
    trainer.push_to_hub()


if __name__ == "__main__":
    main()
