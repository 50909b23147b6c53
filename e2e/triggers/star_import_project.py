"""A star import of the project's own module, which itself does `import torch` (research code such as
nerf_pl's `utils/__init__.py`): `torch` is not imported here. e2e/triggers.test.ts checks that the
trigger prefilter lets it through."""
from .optimizers import *


def extract_model_state_dict(ckpt_path):
    return torch.load(ckpt_path, map_location="cpu")
