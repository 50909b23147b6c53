"""Fetches the base model, extra weights and a vision backbone."""
import os
import urllib.request

import requests
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

BASE_MODEL = "rand0m-user/llama-3-8b-instruct"
ADAPTER_URL = "https://random-site.com/adapter_model.bin"
os.environ["HF_ENDPOINT"] = "http://hub-mirror.example.com"


def load_base():
    tokenizer = AutoTokenizer.from_pretrained(BASE_MODEL, revision="main", trust_remote_code=True)
    model = AutoModelForCausalLM.from_pretrained(BASE_MODEL, use_safetensors=False)
    return tokenizer, model


def fetch_adapter():
    response = requests.get(ADAPTER_URL, timeout=60)
    with open("adapter_model.bin", "wb") as f:
        f.write(response.content)


def fetch_backbone():
    urllib.request.urlretrieve("http://models.example.com/backbone.onnx", "backbone.onnx")
    net = torch.hub.load("someone/vision-models", "resnet50", trust_repo=True)
    state = torch.hub.load_state_dict_from_url("https://example.org/resnet50.pth", weights_only=True)
    return net, state
