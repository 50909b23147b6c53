# SAFE: Use weights_only mode
import torch

# PyTorch 2.0+
model = torch.load("model.pt", weights_only=True)

# Or use safetensors (recommended)
from safetensors.torch import load_model

load_model(model, "model.safetensors")
