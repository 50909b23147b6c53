# VULNERABLE: PyTorch default allows pickle
import torch

model = torch.load("model.pt")  # Unsafe by default
