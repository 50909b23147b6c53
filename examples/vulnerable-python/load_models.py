"""Loads the models this service serves."""
import pickle

import joblib
import requests
import torch
import yaml
from transformers import AutoModel, AutoTokenizer

MODEL_URL = "https://random-site.com/model.bin"


def load_classifier(path):
    # Pickle can execute arbitrary code while loading.
    with open(path, "rb") as f:
        return pickle.load(f)


def load_checkpoint(path):
    return torch.load(path)


def load_sklearn(path):
    return joblib.load(path)


def load_config(path):
    with open(path) as fh:
        return yaml.load(fh, Loader=yaml.Loader)


def fetch_weights():
    response = requests.get(MODEL_URL, timeout=60)
    with open("model.bin", "wb") as f:
        f.write(response.content)  # No checksum!


def load_llm():
    tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3-8b")
    model = AutoModel.from_pretrained("meta-llama/Llama-3-8b", trust_remote_code=True)
    return tokenizer, model
