# SAFE: Verify checksums
import hashlib
from huggingface_hub import hf_hub_download

# Download with verification
model_path = hf_hub_download(
    repo_id="organization/model-name",
    filename="model.safetensors",
    revision="main",  # Pin to specific revision
    cache_dir="./models"
)

# Additional checksum verification
def verify_checksum(path: str, expected: str) -> bool:
    sha256 = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(8192), b""):
            sha256.update(chunk)
    return sha256.hexdigest() == expected

assert verify_checksum(model_path, EXPECTED_CHECKSUM)
