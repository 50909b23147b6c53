"""Loads the models this service serves, safely."""
import hashlib

import requests
import torch
import yaml
from safetensors.torch import load_file
from skops.io import load as skops_load
from transformers import AutoModel, AutoTokenizer

MODEL_URL = "https://random-site.com/model.safetensors"
EXPECTED_SHA256 = "5f1c2b0d8b6e6c3f9a7d2e4b1c0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a"
LLAMA_COMMIT = "0123456789abcdef0123456789abcdef01234567"


def load_classifier(path):
    # skops refuses unknown types instead of executing them.
    return skops_load(path, trusted=["sklearn.linear_model._logistic.LogisticRegression"])


def load_checkpoint(path):
    return torch.load(path, weights_only=True)


def load_weights(path):
    return load_file(path)


def load_config(path):
    with open(path) as fh:
        return yaml.safe_load(fh)


def fetch_weights():
    response = requests.get(MODEL_URL, timeout=60)
    if hashlib.sha256(response.content).hexdigest() != EXPECTED_SHA256:
        raise ValueError("checksum mismatch for downloaded weights")
    with open("model.safetensors", "wb") as f:
        f.write(response.content)


def load_llm():
    tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3-8b", revision=LLAMA_COMMIT)
    model = AutoModel.from_pretrained(
        "meta-llama/Llama-3-8b",
        revision=LLAMA_COMMIT,
        trust_remote_code=False,
    )
    return tokenizer, model
