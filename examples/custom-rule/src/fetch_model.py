import acme_models
from huggingface_hub import hf_hub_download

COMMIT = "0123456789abcdef0123456789abcdef01234567"


def fetch_direct():
    # Pinned, so the built-in rules are satisfied, but ACME policy forbids direct Hub downloads.
    return hf_hub_download("organization/model-name", "model.safetensors", revision=COMMIT)


def fetch_through_mirror():
    return acme_models.fetch("organization/model-name", "model.safetensors")
