"""Fetches the base model and extra weights, pinned and verified."""
import hashlib

import model_signing
import requests
from transformers import AutoModelForCausalLM, AutoTokenizer

BASE_MODEL = "meta-llama/Llama-3-8b"
BASE_COMMIT = "0123456789abcdef0123456789abcdef01234567"
ADAPTER_URL = "https://models.my-org.example/adapter_model.safetensors"
ADAPTER_SHA256 = "5f1c2b0d8b6e6c3f9a7d2e4b1c0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a"


def load_base(model_dir, signature):
    model_signing.verifying.Config().use_sigstore_verifier(
        identity="release@my-org.example", oidc_issuer="https://accounts.google.com"
    ).verify(model_dir, signature)
    tokenizer = AutoTokenizer.from_pretrained(BASE_MODEL, revision=BASE_COMMIT, trust_remote_code=False)
    model = AutoModelForCausalLM.from_pretrained(BASE_MODEL, revision=BASE_COMMIT, use_safetensors=True)
    return tokenizer, model


def fetch_adapter():
    response = requests.get(ADAPTER_URL, timeout=60)
    if hashlib.sha256(response.content).hexdigest() != ADAPTER_SHA256:
        raise ValueError("checksum mismatch for the adapter")
    with open("adapter_model.safetensors", "wb") as f:
        f.write(response.content)
