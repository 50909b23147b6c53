"""What the second trigger group of a rule must let through: every source, location and fetcher the
rule follows, each in its own function so the statement-by-statement check sees it alone.
e2e/triggers.test.ts checks that the prefilter loses none of these findings."""
import os, pickle as pk
import subprocess
import importlib
from \
    numpy import load as np_load
import tempfile
import tomllib
import urllib.request
from omegaconf import OmegaConf
import boto3
import keras
import onnxruntime as ort
import torch
from datasets import load_dataset
from huggingface_hub import hf_hub_download
from google.cloud import storage


# torch/eval-of-loaded-config: each source taintOf follows


def eval_hparams(hparams):
    return eval(hparams["activation"])


def eval_toml(p):
    with open(p, "rb") as f:
        cfg = tomllib.load(f)
    return eval(cfg["expr"])


def eval_omegaconf(p):
    return eval(OmegaConf.load(p).expr)


def eval_ini():
    return eval(open("settings.ini").read())


def eval_txt():
    exec(open("rules.txt").read())


def eval_download(u):
    return eval(urllib.request.urlopen(u).read())


def eval_hub():
    path = hf_hub_download("org/model", "hooks.py")
    exec(open(path).read())


def eval_dynamic_import(u):
    return eval(__import__("requests").get(u).text)


# hf/public-checkpoint-location: each public place


def save_var_tmp(model):
    torch.save(model.state_dict(), "/var/tmp/model.pt")


def save_shm(model):
    torch.save(model.state_dict(), "/dev/shm/ckpt.pt")


def save_www(model):
    model.save_pretrained("/srv/www/models/latest")


def save_ftp(model):
    torch.save(model, "/var/ftp/model.pt")


def save_joined_tmp(model):
    torch.save(model, os.path.join("/", "tmp", "model.pt"))


def save_windows_tmp(model):
    torch.save(model, "\\tmp\\model.pt")


def save_concatenated_tmp(model):
    torch.save(model, "/" + "tmp/model.pt")


def save_gettempdir(model):
    torch.save(model, os.path.join(tempfile.gettempdir(), "model.pt"))


def save_public_dir(model):
    model.save_pretrained("shared/Public/model")


def chmod_checkpoint():
    os.chmod("checkpoints/model.pt", 0o777)


def upload_public_acl():
    boto3.client("s3").upload_file("model.safetensors", "bucket", "model.safetensors", ExtraArgs={"ACL": "public-read"})


def upload_grant_read():
    grant = "uri=http://acs.amazonaws.com/groups/global/AllUsers"
    boto3.client("s3").upload_file("model.pt", "bucket", "model.pt", ExtraArgs={"GrantRead": grant})


def gcs_make_public():
    storage.Client().bucket("models").blob("model.safetensors").make_public()


# hf/insecure-model-url: each fetcher


def fetch_urlretrieve():
    urllib.request.urlretrieve("http://x.org/model.bin", "model.bin")


def fetch_keras():
    return keras.utils.get_file("m.h5", "http://x.org/m.h5")


def fetch_dataset():
    return load_dataset("json", data_files="http://x.org/train.json")


def fetch_endpoint():
    return hf_hub_download("org/model", "model.safetensors", endpoint="http://mirror.example.com")


def fetch_env_endpoint():
    os.environ["HF_ENDPOINT"] = "http://mirror.example.com"


def fetch_curl():
    subprocess.run("curl -o model.bin http://x.org/model.bin", shell=True)


def fetch_onnx():
    return ort.InferenceSession("http://x.org/model.onnx")


# rules that need a module imported: every import spelling (importTrigger)


def pickle_after_comma(p):
    return pk.load(open(p, "rb"))


def yaml_dynamic(p):
    yaml = importlib.import_module("yaml")
    return yaml.load(open(p), Loader=yaml.Loader)


def numpy_continued(p):
    return np_load(p, allow_pickle=True)


def keras_from_tensorflow(p):
    from tensorflow import keras as K
    return K.models.load_model(p, safe_mode=False)


def torch_dunder_import(p):
    return __import__("torch").load(p, weights_only=False)


def marshal_in_function(p):
    import marshal
    return marshal.loads(p)
