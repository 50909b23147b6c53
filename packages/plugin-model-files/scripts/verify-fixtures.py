#!/usr/bin/env python3
"""Checks that the malicious pickle-family fixtures are real: each is loaded by the loader it
targets, in a child process, and must create the marker file /tmp/oculum-pwned (the only thing the
payloads do). Run by hand after make-fixtures.py:

    /usr/bin/python3 packages/plugin-model-files/scripts/verify-fixtures.py

Never run this on files you did not generate yourself.
"""
import os
import subprocess
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'fixtures', 'models', 'malicious')
MARKER = '/tmp/oculum-pwned'

LOADERS = {
    'pickle': "import pickle\nwith open(p, 'rb') as f:\n    while True:\n        pickle.load(f)",
    'gzip': "import gzip, pickle; pickle.load(gzip.open(p))",
    'bz2': "import bz2, pickle; pickle.load(bz2.open(p))",
    'xz': "import lzma, pickle; pickle.load(lzma.open(p))",
    'zlib': "import zlib, pickle; pickle.loads(zlib.decompress(open(p, 'rb').read()))",
    'torch': "import torch; torch.load(p)",
    'joblib': "import joblib; joblib.load(p)",
    'numpy': "import numpy as np; r = np.load(p, allow_pickle=True); [r[k] for k in r.files] if hasattr(r, 'files') else r",
    # zstd through the zstd tool (this Python has no zstd module): as pandas.read_pickle reads a
    # `.pkl.zst`, as tarfile's `r:zst` (3.14) reads a `.tar.zst`, as zipfile (3.14) reads method 93
    'zstd': "import pickle, subprocess; pickle.loads(subprocess.run(['zstd', '-d', '-c', p], capture_output=True, check=True).stdout)",
    'zstd-tar': "import io, pickle, subprocess, tarfile\n"
    "t = tarfile.open(fileobj=io.BytesIO(subprocess.run(['zstd', '-d', '-c', p], capture_output=True, check=True).stdout))\n"
    "[pickle.loads(t.extractfile(m).read()) for m in t.getmembers() if m.name.endswith('.pkl')]",
    'zip-zstd': "import pickle, struct, subprocess, zipfile\nraw = open(p, 'rb').read()\n"
    "for i in zipfile.ZipFile(p).infolist():\n"
    "    h = i.header_offset; n, e = struct.unpack('<HH', raw[h + 26:h + 30]); at = h + 30 + n + e\n"
    "    pickle.loads(subprocess.run(['zstd', '-d', '-c'], input=raw[at:at + i.compress_size], capture_output=True, check=True).stdout)",
}


# The loader each fixture targets, by the end of its name (the first that matches).
LOADER_BY_SUFFIX = [
    ('.pkl.zst', 'zstd'), ('.tar.zst', 'zstd-tar'), ('_zstd_member.zip', 'zip-zstd'),
    ('.pkl.gz', 'gzip'), ('.pkl.bz2', 'bz2'), ('.pkl.xz', 'xz'), ('.pkl.zlib', 'zlib'), ('.joblib', 'joblib'),
    ('.npy', 'numpy'), ('.npz', 'numpy'), ('.pt', 'torch'), ('.zip', 'torch'), ('.pkl', 'pickle'),
]


def loader_for(name):
    return next((kind for suffix, kind in LOADER_BY_SUFFIX if name.endswith(suffix)), None)


def keras_h5_configs():
    """Keras .h5 fixtures in other HDF5 layouts (user block, dense attributes, named .bin): h5py,
    which Keras' legacy loader reads them with, must find the Lambda in their model_config."""
    import h5py
    for name in sorted(os.listdir(ROOT)):
        if not name.startswith('keras_h5_'):
            continue
        p = os.path.join(ROOT, name)
        with h5py.File(p, 'r') as f:
            cfg = f.attrs['model_config']
        cfg = cfg.decode() if isinstance(cfg, bytes) else str(cfg)
        print(f"{'reads ' if h5py.is_hdf5(p) and 'Lambda' in cfg else 'MISSED'} h5py    {name}")


def main():
    keras_h5_configs()
    ok = bad = 0
    for name in sorted(os.listdir(ROOT)):
        kind = loader_for(name)
        if kind is None or name == 'zip_nested.zip':
            continue
        if os.path.exists(MARKER):
            os.remove(MARKER)
        code = f"p = {os.path.join(ROOT, name)!r}\n" + LOADERS[kind]
        subprocess.run([sys.executable, '-c', code], capture_output=True, timeout=120)
        fired = os.path.exists(MARKER)
        print(f"{'fires ' if fired else 'INERT '} {kind:7} {name}")
        ok += fired
        bad += not fired
    if os.path.exists(MARKER):
        os.remove(MARKER)
    print(f"{ok} fire, {bad} inert")


if __name__ == '__main__':
    main()
