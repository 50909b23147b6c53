# VULNERABLE: Untrusted training data
training_data = load_from_public_source(url)
# No validation!
model.finetune(training_data)
model.save("./public_model")  # Saved without review
