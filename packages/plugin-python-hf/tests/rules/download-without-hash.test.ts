import { describe, expect, it } from 'vitest';
import { ruleTriggersMatch } from '@oculum/core';
import rule from '../../src/rules/download-without-hash.js';
import { fixture, lintAll, ruleTester } from '../helpers.js';

// keras_applications / tf.keras.applications: keras.utils comes in through **kwargs, nothing imports keras
const injectedKeras = [
  'from keras_applications import get_submodules_from_kwargs',
  'BASE_WEIGHT_PATH = "https://github.com/JonathanCMitchell/mobilenet_v2_keras/releases/download/v1.1/"',
  'def MobileNetV2(model, alpha=1.0, rows=224, **kwargs):',
  '    backend, layers, models, keras_utils = get_submodules_from_kwargs(kwargs)',
  '    model_name = ("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_" + str(alpha) + "_" + str(rows) + ".h5")',
  '    weight_path = BASE_WEIGHT_PATH + model_name',
  '    weights_path = keras_utils.get_file(',
  '        model_name, weight_path, cache_subdir="models")',
  '    model.load_weights(weights_path)',
].join('\n');

describe('the triggers', () => {
  it('let a `.get_file(` call through where nothing imports a framework', () => {
    expect(ruleTriggersMatch(rule.meta, injectedKeras)).toBe(true);
    expect(ruleTriggersMatch(rule.meta, 'def get_file(path):\n    return open(path)')).toBe(false);
  });
});

ruleTester.run('hf/download-without-hash', rule, {
  valid: [
    'import torch\ns = torch.hub.load_state_dict_from_url("https://x.org/w-0676ba61.pth", check_hash=True)',
    'from torch.hub import download_url_to_file\ndef f(u, d, h):\n    download_url_to_file(u, d, hash_prefix=h)',
    // A1111's modelloader.load_file_from_url forwards its caller's hash_prefix (default None): its callers are judged (review sdwebui P2-2)
    'from torch.hub import download_url_to_file\ndef load_file_from_url(url, *, model_dir, progress=True, file_name=None, hash_prefix=None):\n    cached_file = model_dir + "/" + file_name\n    download_url_to_file(url, cached_file, progress=progress, hash_prefix=hash_prefix)',
    'import keras\ndef fetch(origin, file_hash=None):\n    return keras.utils.get_file("m.h5", origin, file_hash=file_hash)',
    'import tensorflow as tf\np = tf.keras.utils.get_file("m.h5", origin="https://x.org/m.h5", file_hash="ab")',
    // the check in the loop around the `if` runs after the download of the previous round
    'import hashlib, os\nfrom tensorflow.keras.utils import get_file\ndef sha(p):\n    return hashlib.sha256(open(p, "rb").read()).hexdigest()\ndef f(url, p, expected):\n    for attempt in range(3):\n        if os.path.exists(p) and sha(p) == expected:\n            return p\n        else:\n            get_file(origin=url, fname=p, cache_dir=".")',
    // an unresolved receiver: the same call with its hash, and get_file methods that fetch no model
    injectedKeras.replace('cache_subdir="models")', 'cache_subdir="models", file_hash="2a1d4e1bb6de1b7b24cf1fc3a70bc4c9d2f50ec5e4d8e5d6b5d0a8ff0d1e4d0c")'),
    'def f(client):\n    return client.get_file("notes.txt", "https://example.org/notes.txt")',
    // PyG's and DGL's helpers fetching datasets, and DGL's with its SHA-1 (review gnn P3-2)
    'from torch_geometric.data import download_url, extract_zip\nurl = "https://files.grouplens.org/datasets/movielens/ml-latest-small.zip"\nextract_zip(download_url(url, "."), ".")',
    'from torch_geometric.data import InMemoryDataset, download_url\nclass Cora(InMemoryDataset):\n    url = "https://github.com/kimiyoung/planetoid/raw/master/data"\n    def download(self):\n        for name in self.raw_file_names:\n            download_url(f"{self.url}/{name}", self.raw_dir)',
    'from dgl.data.utils import download\ndownload("https://data.dgl.ai/dataset/cora_v2.zip", path="data/cora_v2.zip")',
    'import torch\nfrom dgl.data.utils import download\nURL = "https://example.org/pretrained/checkpoint.pt"\ndef f(folder):\n    return torch.load(download(URL, path=folder, sha1_hash="5a1d4e1bb6de1b7b24cf1fc3a70bc4c9d2f50ec5"), weights_only=True)',
    'import hashlib, torch\nfrom torch_geometric.data import download_url\nURL = "https://example.org/pretrained/checkpoint.pt"\nSHA = "ab" * 32\ndef f(folder):\n    path = download_url(URL, folder)\n    if hashlib.sha256(open(path, "rb").read()).hexdigest() != SHA:\n        raise ValueError(path)\n    return torch.load(path, weights_only=True)',
    'def f(bucket):\n    return bucket.get_file("weights/model.h5")',
    'def f(ftp, dst):\n    ftp.get_file("/pub/model.h5", dst)',
    'class Store:\n    def get_file(self, name, url):\n        pass\n    def run(self):\n        self.get_file("model.h5", "https://example.org/model.h5")',
    // an audio or video sample is evidently no model (silero's example notebooks)
    'import torch\nfor i, url in enumerate(samples):\n    torch.hub.download_url_to_file(url, dst=f"sample{i}.wav")\ntorch.hub.download_url_to_file(clip_url, "clip.mp4")',
    // YOLOv5's check_font: a font is evidently no model (review vision P2-1)
    'import torch\nfrom pathlib import Path\nFONT = "Arial.ttf"\ndef check_font():\n    file = Path.home() / FONT\n    if not file.exists():\n        torch.hub.download_url_to_file(f"https://ultralytics.com/assets/{FONT}", str(file))',
    'import torch\ntorch.hub.download_url_to_file("https://example.org/fonts/NotoSans.woff2", "NotoSans.woff2")',
    // torchaudio VoxCeleb1: a split list (.txt) is evidently no model
    // pooch (review science P2-2): a known hash (SHA-256, `md5:`), a registry with hashes, data files, a hash from
    // a parameter, a registry filled from a file, a digest compared afterwards, a `fetch` of another object
    'import pooch\np = pooch.retrieve(url="https://zenodo.org/record/1/files/unet_weights.pth", known_hash="sha256:' + 'ab'.repeat(32) + '")',
    'import pooch\np = pooch.retrieve("https://zenodo.org/record/1/files/unet_weights.pth", "md5:020a01feb2f3f5bc5a2e519e6009f562")',
    'import pooch\nGOODBOY = pooch.create(path=pooch.os_cache("fidder"), base_url="doi:10.5281/zenodo.7386812/", registry={"fidder.ckpt": "md5:020a01feb2f3f5bc5a2e519e6009f562"})\ndef get():\n    return GOODBOY.fetch("fidder.ckpt")',
    'import pooch\nfname = pooch.retrieve(url="https://example.org/data/air_temperature.csv", known_hash=None)',
    'import pooch\nfname = pooch.retrieve(url="https://example.org/data/air_temperature.nc", known_hash=None)',
    'import pooch\nDATA = pooch.create(path="cache", base_url="https://example.org/", registry={"ecg.dat": None, "readme.txt": None})\ndef get(name):\n    return DATA.fetch(name)',
    'import pooch\ndef get(url, known_hash):\n    return pooch.retrieve(url, known_hash=known_hash)',
    'import pooch\nMODELS = pooch.create(path="cache", base_url="https://example.org/", registry={"unet.pth": None})\nMODELS.load_registry("registry.txt")\ndef get():\n    return MODELS.fetch("unet.pth")',
    // (review s36hf P2-3) a registry filled from a DOI's listing of hashes
    'import pooch\nMODELS = pooch.create(path="cache", base_url="doi:10.5281/zenodo.1/", registry={"unet.pth": None})\nMODELS.load_registry_from_doi()\ndef get():\n    return MODELS.fetch("unet.pth")',
    // torchaudio VoxCeleb1: a split list (.txt) is evidently no model (restored: review s36hf)
    'import os\nfrom torch.hub import download_url_to_file\nURL = "https://www.robots.ox.ac.uk/~vgg/data/voxceleb/meta/iden_split.txt"\nclass V:\n    def __init__(self, root, meta_url=URL):\n        p = os.path.join(root, os.path.basename(meta_url))\n        download_url_to_file(meta_url, p)',
    'import pooch\nSHA = "ab" * 32\ndef get():\n    p = pooch.retrieve("https://example.org/unet.pth", known_hash=None)\n    if pooch.file_hash(p) != SHA:\n        raise ValueError(p)\n    return p',
    'import pooch\ndef get(client):\n    return client.fetch("unet.pth")',
    // (review geo P3-1) torchvision's download_url with md5, or of a dataset archive: silent
    'from torchvision.datasets.utils import download_url\ndownload_url("https://zenodo.org/records/4/files/seco_resnet18_1m.ckpt", "weights", md5="b3fbdf3c0e9a1c3d2e4f5a6b7c8d9e0f")',
    'from torchvision.datasets.utils import download_url\ndownload_url("https://zenodo.org/records/4/files/seco_resnet18_1m.ckpt", "weights", "seco.ckpt", "b3fbdf3c0e9a1c3d2e4f5a6b7c8d9e0f")',
    'from torchgeo.datasets.utils import download_and_extract_archive\ndownload_and_extract_archive("https://example.org/eurosat.zip", "data")',
  ],
  invalid: [
    // the check afterwards is three helper calls deep, past the walk's bound: not known either way (review tabular P3-2)
    {
      code: 'import hashlib, torch\ndef h0(p):\n    return hashlib.sha256(open(p, \'rb\').read()).hexdigest() == \'ab\'\ndef h1(p):\n    return h0(p)\ndef h2(p):\n    return h1(p)\ndef dl():\n    torch.hub.download_url_to_file(\'https://x.org/w.pth\', \'w.pth\')\n    if not h2(\'w.pth\'):\n        raise ValueError()',
      errors: [{ messageId: 'missing', confidence: 'medium', data: { api: 'download_url_to_file', fix: 'hash_prefix=' } }],
    },
    {
      code: 'import torch\ns = torch.hub.load_state_dict_from_url("https://example.org/weights.pth", weights_only=True)',
      errors: [{ messageId: 'missing', data: { api: 'load_state_dict_from_url', fix: 'check_hash=True' }, confidence: 'high' }],
    },
    // torchvision's re-exports of the same function, also behind an ImportError fallback
    {
      code: 'try:\n    from torchvision.models.utils import load_state_dict_from_url\nexcept ImportError:\n    from torch.utils.model_zoo import load_url as load_state_dict_from_url\ns = load_state_dict_from_url("https://example.org/weights.pth")',
      errors: [{ messageId: 'missing', line: 5, data: { api: 'load_state_dict_from_url', fix: 'check_hash=True' } }],
    },
    {
      code: 'from torchvision._internally_replaced_utils import load_state_dict_from_url\ns = load_state_dict_from_url("https://example.org/weights.pth")',
      errors: [{ messageId: 'missing', data: { api: 'load_state_dict_from_url', fix: 'check_hash=True' } }],
    },
    {
      code: 'from torchvision.models.utils import load_state_dict_from_url\ns = load_state_dict_from_url("https://example.org/weights.pth", check_hash=False)',
      errors: [{ messageId: 'disabled', data: { api: 'load_state_dict_from_url', arg: 'check_hash=False' } }],
    },
    // a literal None in the helper stays reported
    {
      code: 'from torch.hub import download_url_to_file\ndef load_file_from_url(url, dst, hash_prefix=None):\n    download_url_to_file(url, dst, hash_prefix=None)',
      errors: [{ messageId: 'disabled', data: { api: 'download_url_to_file', arg: 'hash_prefix=None' } }],
    },
    {
      code: 'import torch\ns = torch.hub.load_state_dict_from_url("https://example.org/weights.pth", check_hash=False)',
      errors: [{ messageId: 'disabled', data: { api: 'load_state_dict_from_url', arg: 'check_hash=False' } }],
    },
    {
      code: 'from keras.utils import get_file\np = get_file("m.h5", "https://x.org/m.h5")',
      errors: [{ messageId: 'missing' }],
    },
    // a digest compared in the condition (the file already there) or another branch does not check the download
    {
      code: 'import hashlib, os\nfrom tensorflow.keras.utils import get_file\ndef sha(p):\n    return hashlib.sha256(open(p, "rb").read()).hexdigest()\ndef f(url, p, expected):\n    if os.path.exists(p) and sha(p) == expected:\n        print("cached")\n    else:\n        get_file(origin=url, fname=p, cache_dir=".")\ndef g(url, p, expected):\n    if os.path.exists(p):\n        if sha(p) != expected:\n            raise ValueError(p)\n    elif url:\n        get_file(origin=url, fname=p, cache_dir=".")',
      errors: [{ messageId: 'missing', line: 9, data: { api: 'get_file', fix: 'file_hash=' } }, { messageId: 'missing', line: 15, data: { api: 'get_file', fix: 'file_hash=' } }],
    },

    // TensorFlow's documented `tf.compat.v1.keras` / `tf.compat.v2.keras` aliases (review keras P3-1)
    {
      code: 'import tensorflow as tf\nw = tf.compat.v1.keras.utils.get_file("model_b.h5", "https://example.com/models/model_b.h5")',
      errors: [{ messageId: 'missing', line: 2, confidence: 'high', data: { api: 'get_file', fix: 'file_hash=' } }],
    },
    {
      code: 'from tensorflow.compat.v2.keras.utils import get_file\nw = get_file("model_b.h5", "https://example.com/models/model_b.h5", cache_subdir="models")',
      errors: [{ messageId: 'missing', line: 2, confidence: 'high', data: { api: 'get_file', fix: 'file_hash=' } }],
    },

    // dataset archives fetched with get_file, as the TF tutorials do (review keras P2-3): still reported, lower
    {
      code: 'import keras\nimport tensorflow as tf\nflowers = tf.keras.utils.get_file("flower_photos", "https://storage.googleapis.com/download.tensorflow.org/example_images/flower_photos.tgz", untar=True)\njena = keras.utils.get_file(origin="https://storage.googleapis.com/tensorflow/tf-keras-datasets/jena_climate_2009_2016.csv.zip", fname="jena_climate_2009_2016.csv.zip", extract=True)\nreviews = keras.utils.get_file("reviews.jsonl.gz", "https://example.org/data/reviews.jsonl.gz", cache_subdir="data")',
      errors: [
        { messageId: 'missing', line: 3, confidence: 'medium', data: { api: 'get_file', fix: 'file_hash=' } },
        { messageId: 'missing', line: 4, confidence: 'low', data: { api: 'get_file', fix: 'file_hash=' } },
        { messageId: 'missing', line: 5, confidence: 'low', data: { api: 'get_file', fix: 'file_hash=' } },
      ],
    },
    // ... but an archive in the models folder, one a model loader reads, one named for weights, or one in a folder of
    // the project's own naming stays high
    {
      code: 'import keras\na = keras.utils.get_file("flower_photos", "https://example.org/flower_photos.tgz", cache_subdir="models")\nb = keras.utils.get_file("x.tgz", "https://example.org/x.tgz", untar=True)\nm = keras.models.load_model(b)\nweights_path = keras.utils.get_file("inception.tgz", "https://example.org/inception.tgz")\nc = keras.utils.get_file("inception_v3_weights.tgz", "https://example.org/inception_v3_weights.tgz")\nd = keras.utils.get_file("stuff.tgz", "https://example.org/stuff.tgz", cache_subdir="cache")',
      errors: [2, 3, 5, 6, 7].map((line) => ({ messageId: 'missing', line, confidence: 'high' as const, data: { api: 'get_file', fix: 'file_hash=' } })),
    },
    // PyG's download_url has no hash check; DGL's download checks only with sha1_hash= (review gnn P3-2)
    {
      code: 'import torch\nfrom dgl.data.utils import download\nfrom torch_geometric.data import download_url\nURL = "https://github.com/klicperajo/dimenet/raw/master/pretrained/dimenet/checkpoint.pt"\ndef pyg_pretrained(folder):\n    path = download_url(URL, folder)\n    return torch.load(path, weights_only=True)\ndef dgl_pretrained(folder):\n    path = download(URL, path=folder)\n    return torch.load(path, weights_only=True)',
      errors: [
        { messageId: 'noCheck', line: 6, confidence: 'high', data: { api: 'download_url', file: 'checkpoint.pt' } },
        { messageId: 'missing', line: 9, confidence: 'high', data: { api: 'download', fix: 'sha1_hash=' } },
      ],
    },
    {
      code: 'import dgl\ndgl.data.utils.download("https://example.org/gin/model.pth", "gin.pth", True, None)',
      errors: [{ messageId: 'disabled', line: 2, confidence: 'high', data: { api: 'download', arg: 'None' } }],
    },

    // keras.utils injected at run time: the arguments say a model file is fetched from a URL
    {
      code: injectedKeras,
      errors: [{ messageId: 'missingLikely', line: 7, confidence: 'medium', data: { callee: 'keras_utils.get_file', file: 'mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1_224.h5' } }],
    },
    {
      code: 'def fetch(utils):\n    return utils.get_file("resnet50.h5", "https://example.org/resnet50.h5")',
      errors: [{ messageId: 'missingLikely', confidence: 'low', data: { callee: 'utils.get_file', file: 'resnet50.h5' } }],
    },
    {
      code: 'import torch\ndef f(c):\n    return torch.hub.load_state_dict_from_url("https://x.org/w.pth", check_hash=c)',
      errors: [{ messageId: 'unknown', confidence: 'low' }],
    },
    // pooch with its check off (review science P2-2): `known_hash=None` (also positional, or a constant None), a
    // registry entry None (a file name, or a figshare id whose path goes to `torch.load`)
    {
      code: 'import pooch, torch\ndef fetch_weights():\n    path = pooch.retrieve(url="https://zenodo.org/record/7386812/files/unet_weights.pth", known_hash=None)\n    return torch.load(path, weights_only=True)',
      errors: [{ messageId: 'disabled', line: 3, confidence: 'high', data: { api: 'pooch.retrieve', arg: 'known_hash=None' } }],
    },
    {
      code: 'from pooch import retrieve\nNO_HASH = None\np = retrieve("https://example.org/releases/model.onnx", NO_HASH)',
      errors: [{ messageId: 'disabled', line: 3, confidence: 'high', data: { api: 'pooch.retrieve', arg: 'known_hash=NO_HASH' } }],
    },
    {
      code: 'import pooch\nMODELS = pooch.create(\n    path=pooch.os_cache("cryo_denoise"),\n    base_url="https://figshare.com/ndownloader/files/",\n    registry={"denoiser_weights.pth": None},\n)\ndef fetch():\n    return MODELS.fetch("denoiser_weights.pth")',
      errors: [{ messageId: 'poochRegistry', line: 8, confidence: 'high', data: { api: 'Pooch.fetch', file: '"denoiser_weights.pth"' } }],
    },
    {
      code: 'import pooch, torch\nREGISTRY = {"38488937": None}\nMODELS = pooch.Pooch("cache", "https://figshare.com/ndownloader/files/", REGISTRY)\ndef load_denoiser():\n    ckpt = MODELS.fetch("38488937")\n    return torch.load(ckpt, map_location="cpu")',
      errors: [{ messageId: 'poochRegistry', line: 5, confidence: 'high', data: { api: 'Pooch.fetch', file: '"38488937"' } }],
    },
    // a name not known, one entry without a hash: medium; a name that only says weights: medium
    {
      code: 'import pooch\nMODELS = pooch.create(path="cache", base_url="https://example.org/", registry={"a.pth": None, "b.pth": "sha256:' + 'ab'.repeat(32) + '"})\ndef get(name):\n    return MODELS.fetch(name)',
      errors: [{ messageId: 'poochRegistry', line: 4, confidence: 'medium', data: { api: 'Pooch.fetch', file: '"a.pth"' } }],
    },
    {
      code: 'import pooch\ndef download_weights():\n    return pooch.retrieve("https://zenodo.org/records/12345/files/denoiser_weights", known_hash=None)',
      errors: [{ messageId: 'disabled', line: 3, confidence: 'medium', data: { api: 'pooch.retrieve', arg: 'known_hash=None' } }],
    },
    // (review geo P3-1) torchvision/torchgeo download_url of a model file without md5
    {
      code: 'from torchgeo.datasets.utils import download_url\nURL = "https://zenodo.org/records/4/files/seco_resnet18_1m.ckpt"\ndownload_url(URL, "weights", filename="seco_resnet18_1m.ckpt")',
      errors: [{ messageId: 'missing', line: 3, confidence: 'high', data: { api: 'download_url', fix: 'md5=' } }],
    },
    {
      code: 'from torchvision.datasets.utils import download_url\ndownload_url("https://example.org/files/model.pth", "weights", None, None)',
      errors: [{ messageId: 'disabled', line: 2, confidence: 'high', data: { api: 'download_url', arg: 'None' } }],
    },
  ],
});

fixture(rule);

describe('hf/download-without-hash remediation', () => {
  const findings = async (code: string) => (await lintAll(code)).filter((f) => f.ruleId === 'hf/download-without-hash');
  it('names the check of the helper reported', async () => {
    const [keras] = await findings('from keras.utils import get_file\np = get_file("m.h5", "https://x.org/m.h5")');
    expect(keras.remediation).toMatch(/^Pass `file_hash=`/);
    expect(keras.remediation).not.toContain('load_state_dict_from_url');
    const [torch] = await findings('import torch\ns = torch.hub.load_state_dict_from_url("https://x.org/w.pth")');
    expect(torch.remediation).toMatch(/^Pass `check_hash=True`/);
    const [file] = await findings('import torch\ntorch.hub.download_url_to_file("https://x.org/w.pth", "w.pth")');
    expect(file.remediation).toMatch(/^Pass `hash_prefix=`/);
  });
});
