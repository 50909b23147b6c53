# SAFE: Validate training data
from datasets import load_dataset

def validate_training_example(example):
    # Check for injection patterns
    if contains_injection_patterns(example["text"]):
        return False
    # Check for sensitive content
    if contains_pii(example["text"]):
        return False
    return True

# Load and filter
dataset = load_dataset("organization/dataset")
dataset = dataset.filter(validate_training_example)

# Fine-tune with validated data
trainer = Trainer(
    model=model,
    train_dataset=dataset,
    args=TrainingArguments(
        output_dir="./private_output",  # Private location
        save_strategy="epoch"
    )
)
trainer.train()

# Review before publishing
review_model_outputs(trainer.model)
