# SAFE: Use trusted sources with verification
from transformers import AutoModel

# HuggingFace with trust_remote_code=False (default)
model = AutoModel.from_pretrained(
    "meta-llama/Llama-3-8b",
    trust_remote_code=False,  # Don't run arbitrary code
    revision="abc123def"  # Pin to specific commit
)
