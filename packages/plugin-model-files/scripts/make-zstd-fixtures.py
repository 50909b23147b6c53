#!/usr/bin/env python3
"""Builds the Zstandard fixtures with the `zstd` command line tool (1.5.x) and Python's numpy:

    /usr/bin/python3 packages/plugin-model-files/scripts/make-zstd-fixtures.py

Outputs are small (a few KiB) and committed, so tests need neither tool. Malicious payloads only ever
run `touch /tmp/oculum-pwned` (and only if someone loads them; the scanner never does).

  tests/fixtures/zstd/         decoder samples: `sample.bin` compressed at levels 1, 3, 19 and
                               --ultra -22, with --long (a 128 MiB window declared for 6.5 KiB),
                               without checksum, without content size (from standard input), as two
                               frames, between skippable frames; `nibbles.bin` (Huffman weights stored
                               directly) and `noise.bin` (a raw block); `text.19.zst` and `runs.zst`,
                               whose 300,000-byte originals the tests rebuild (`text()`, `runs()`):
                               blocks that reuse the previous Huffman tree, RLE blocks.
  tests/fixtures/models/       `benign/numpy_state.pkl.zst` (an OrderedDict of numpy arrays),
                               `malicious/payload.pkl.zst` (os.system; `payload_after_notes.pkl.zst` after
                               3,000 characters of notes), `malicious/payload_zstd_member.zip`
                               (a zip member compressed with zstd, method 93), `malicious/payload.tar.zst`
                               (a tarball holding the pickle after a readme).
"""
import collections
import io
import os
import pickle
import random
import struct
import subprocess
import tarfile
import tempfile
import zlib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, '..', 'tests', 'fixtures')
ZSTD = '/usr/bin/zstd'
PAYLOAD = 'touch /tmp/oculum-pwned'


class Evil:
    def __reduce__(self):
        return (os.system, (PAYLOAD,))


def zstd(data, *args, stdin=False):
    """`zstd -c args` of `data`: from a file (the frame declares its content size), or from standard input (it does not)."""
    if stdin:
        return subprocess.run([ZSTD, '-q', '-c', *args, '-'], input=data, stdout=subprocess.PIPE, check=True).stdout
    with tempfile.NamedTemporaryFile() as f:
        f.write(data)
        f.flush()
        return subprocess.run([ZSTD, '-q', '-c', *args, f.name], stdout=subprocess.PIPE, check=True).stdout


def write(rel, data):
    path = os.path.join(FIXTURES, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as f:
        f.write(data)


def skippable(n, payload):
    return struct.pack('<II', 0x184D2A50 + n, len(payload)) + payload


def sample():
    """6.5 KiB of mixed content: text, a run, random bytes, packed numbers, the text's start again (a long match)."""
    rnd = random.Random(8878)
    words = 'model weights tensor pickle loader scan frame block window literal sequence offset match'.split()
    text = ' '.join(rnd.choice(words) for _ in range(400)).encode()
    numbers = b''.join(struct.pack('<If', i * 7, i / 3) for i in range(256))
    return text + bytes(700) + bytes(rnd.getrandbits(8) for _ in range(1024)) + numbers + text[:400]


def nibbles():
    """2 KiB of byte values 0–15: Huffman weights stored directly (4 bits each), not FSE-coded."""
    rnd = random.Random(15)
    return bytes(rnd.choice(range(16)) for _ in range(2048))


def noise():
    """1.5 KiB of random bytes: a raw (stored) block."""
    rnd = random.Random(3)
    return bytes(rnd.getrandbits(8) for _ in range(1536))


def text():
    """300,000 bytes of text, rebuilt by the tests (`text` there, the same generator): runs of 16 lines
    from a pool of 256, so that its three blocks reuse tables (repeat modes, RLE tables, treeless literals)."""
    words = 'a an the of to in model weights are loaded from disk and never unpickled by scanner'.split()
    x = 1

    def rand():
        nonlocal x
        x = (x * 1103515245 + 12345) % 2**31
        return x >> 16

    pool = [' '.join(words[rand() % len(words)] for _ in range(8)) for _ in range(256)]
    lines = []
    size = 0
    while size < 300_000:
        first = rand() % 256
        for k in range(16):
            lines.append(pool[(first + k) % 256])
            size += len(lines[-1]) + 1
    return '\n'.join(lines).encode()[:300_000]


def runs():
    """Long runs (RLE blocks) and short ones (RLE literals): 300,000 bytes, rebuilt by the tests."""
    return bytes(140_000) + b'ab' * 10 + b'A' * 159_980


def decoder_samples():
    data = sample()
    write('zstd/sample.bin', data)
    for level in ('1', '3', '19'):
        write(f'zstd/sample.bin.{level}.zst', zstd(data, f'-{level}'))
    write('zstd/sample.bin.22.zst', zstd(data, '--ultra', '-22'))
    write('zstd/sample.bin.long.zst', zstd(data, '--long=27', stdin=True))
    write('zstd/sample.bin.nocheck.zst', zstd(data, '--no-check'))
    write('zstd/sample.bin.stdin.zst', zstd(data, stdin=True))
    half = len(data) // 2
    write('zstd/sample.bin.frames.zst', zstd(data[:half]) + zstd(data[half:], '-19'))
    write('zstd/sample.bin.skippable.zst', skippable(14, b'metadata') + zstd(data) + skippable(0, b''))
    for name, original in (('nibbles.bin', nibbles()), ('noise.bin', noise())):
        write(f'zstd/{name}', original)
        write(f'zstd/{name}.zst', zstd(original, '-19'))
    t = text()
    # The originals of these are not committed (300 KiB each): the tests rebuild them.
    write('zstd/text.19.zst', zstd(t, '-19'))
    write('zstd/runs.zst', zstd(runs(), '-3'))


def zip_member(name, data, packed, method):
    """A zip of one member whose data `packed` is written as it is, with compression `method`."""
    crc = zlib.crc32(data)
    n = name.encode()
    local = struct.pack('<IHHHHHIIIHH', 0x04034B50, 63, 0, method, 0, 0x21, crc, len(packed), len(data), len(n), 0) + n + packed
    central = struct.pack('<IHHHHHHIIIHHHHHII', 0x02014B50, 63, 63, 0, method, 0, 0x21, crc, len(packed), len(data), len(n), 0, 0, 0, 0, 0, 0) + n
    end = struct.pack('<IHHHHIIH', 0x06054B50, 0, 0, 1, 1, len(central), len(local), 0)
    return local + central + end


def models():
    state = collections.OrderedDict([('layer.weight', np.arange(12, dtype=np.float32).reshape(3, 4)), ('layer.bias', np.zeros(3, dtype=np.float32))])
    write('models/benign/numpy_state.pkl.zst', zstd(pickle.dumps(state, protocol=4)))
    evil = pickle.dumps(Evil(), protocol=4)
    write('models/malicious/payload.pkl.zst', zstd(evil))
    # Notes before the payload: a first block larger than a 512-byte head (discovery reads the file's start).
    rnd = random.Random(5)
    notes = ''.join(rnd.choice('0123456789abcdef') for _ in range(3000))
    write('models/malicious/payload_after_notes.pkl.zst', zstd(pickle.dumps({'notes': notes, 'model': Evil()}, protocol=4)))
    write('models/malicious/payload_zstd_member.zip', zip_member('model.pkl', evil, zstd(evil, '--no-check'), 93))
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode='w', format=tarfile.USTAR_FORMAT) as tar:
        for name, data in (('README.txt', b'weights for the demo\n'), ('model/payload.pkl', evil)):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 0
            tar.addfile(info, io.BytesIO(data))
    write('models/malicious/payload.tar.zst', zstd(buf.getvalue(), '-19'))


if __name__ == '__main__':
    decoder_samples()
    models()
