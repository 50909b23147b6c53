"""Unusual but real spellings of what the rules report: aliases, renamed imports, mixed-case URL
schemes. e2e/triggers.test.ts checks that the trigger prefilter lets every one of them through."""
import torch as T
from torch import serialization
import numpy
import pickle as pk
import yaml
import dill
import joblib as jb
import importlib
import builtins
import json
import functools
from transformers import AutoModel as AM, Trainer
from huggingface_hub import hf_hub_download as dl
import requests
from torch.hub import load_state_dict_from_url as lsd
from datasets import load_dataset as ld
import os
import subprocess
import shelve
import marshal
import pandas as pd
from keras.models import load_model as lm
from torch import (  # the loader
    save,
    load as tload,
)
from numpy import \
    load as npload


def a(p):
    return T.load(p)


def b(p):
    return serialization.load(p)


def d(p):
    f = T.load
    return f(p)


def e(p):
    return numpy.load(p, allow_pickle=True)


def g(p):
    return pk.loads(p)


def h(p):
    return yaml.load(p, Loader=yaml.Loader)


def i(p):
    return dill.load(p)


def j(p):
    m = importlib.import_module("torch")
    return m.load(p)


def k(path):
    cfg = json.load(open(path))
    return eval(cfg["expr"])


def k2(path):
    cfg = json.load(open(path))
    return builtins.exec(cfg["code"])


def k3(path):
    cfg = json.load(open(path))
    return eval (cfg["expr"]), exec \
        (cfg["code"])


def l():
    return AM.from_pretrained("org/model", trust_remote_code=True)


def m():
    return dl("org/model", "w.bin")


def n():
    data = requests.get("http://x.org/model.bin").content
    with open("model.bin", "wb") as fh:
        fh.write(data)


def o():
    return lsd("http://x.org/w.pth")


def q(p):
    return jb.load(p)


def r(p):
    loader = functools.partial(T.load, weights_only=False)
    return loader(p)


def s():
    os.environ["TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD"] = "1"


def t():
    subprocess.run("wget http://x.org/model.bin -O model.bin", shell=True)


def u(p):
    with shelve.open(p) as db:
        return db["model"]


def v(p):
    return marshal.loads(p)


def w():
    return pd.read_pickle("model.pkl")


def x():
    return lm("model.keras", safe_mode=False)


def y(model, tok):
    ds = ld("someone/corpus")
    Trainer(model=model, train_dataset=ds["train"]).train()


def z(model):
    model.push_to_hub("org/model", private=False)
    T.save(model.state_dict(), "/tmp/model.pt")


def mixed_case_urls():
    T.hub.load_state_dict_from_url("HTTP://x.org/w.pth")
    subprocess.run(["git", "clone", "https://HuggingFace.co/organization/model-name"], check=True)
    subprocess.run(["hf", "download", "organization/model-name"], check=True)


def remote_helpers(model, remote_corpus, loaders, dataset):
    model.fit(remote_corpus (dataset))
    model.fit(loaders.load_remote(dataset))


LOADERS = {".pt": T.load, ".pkl": pk.load}


def dispatch_table(p, ext):
    return LOADERS[ext](open(p, "rb"))


def dispatch_table_get(p, ext):
    return {"pt": T.load}.get(ext, pk.load)(p)


def eval_alias(p):
    cfg = json.load(open(p))
    run = eval
    return run(cfg["layer"])


def eval_map(p):
    return list(map(eval, json.load(open(p))["layers"]))


def env_patch_dict_string():
    from unittest import mock
    return mock.patch.dict("os.environ", {"TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD": "1"})


def hf_endpoint_update():
    os.environ.update(HF_ENDPOINT="http://mirror.example.org")


def member_in_parenthesised_import(p):
    return tload(p)


def member_after_continuation(p):
    return npload(p, allow_pickle=True)


def member_quoted(p):
    return getattr(T, "load")(p)


def vendored_cloudpickle(p):
    import ray.cloudpickle as rcp
    with open(p, "rb") as f:
        return rcp.load(f)
