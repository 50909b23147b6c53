import { describe, expect, it } from 'vitest';
import { detectFormat, isModelFile, sniffPickle } from '../src/formats/detect.js';
import { checkSafetensors } from '../src/formats/safetensors.js';
import { analyzeTemplate, normalizeTemplate } from '../src/formats/template.js';
import { externalLocationProblem } from '../src/formats/onnx.js';
import { parseNpyHeader } from '../src/formats/npy.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync as zlibDeflate, gzipSync } from 'node:zlib';
import { analyzeKerasConfig, readH5ModelConfig } from '../src/formats/keras.js';
import { FIXTURES } from './helpers.js';
import { BufferAccess } from '../src/io.js';
import { scanModelBytes } from '../src/scanner.js';
import { bytes, su, u32le } from './helpers.js';

describe('detectFormat', () => {
  it.each([
    [bytes([0x80, 4, 0x95]), 'pickle'],
    [bytes("cos\nsystem\n(S'x'\ntR."), 'pickle'],
    [bytes('(dp0\nS\'a\'\np1\nI1\ns.'), 'pickle'],
    [bytes('PK\x03\x04'), 'zip'],
    [bytes([0x93], 'NUMPY\x01\x00'), 'numpy'],
    [bytes('\x89HDF\r\n\x1a\n'), 'hdf5'],
    [bytes('GGUF', [3, 0, 0, 0]), 'gguf'],
    [bytes([0x1f, 0x8b, 8]), 'gzip'],
    [bytes('BZh9'), 'bz2'],
    [bytes([0xfd], '7zXZ\x00'), 'xz'],
    [bytes([0x78, 0x9c]), 'zlib'],
    [bytes([16, 0, 0, 0, 0, 0, 0, 0], '{"a":{}}'), 'safetensors'],
    [bytes('hello world'), 'unknown'],
  ])('%#', (head, fmt) => expect(detectFormat(head, 'x')).toBe(fmt));

  it('needs the .onnx extension and a protobuf shape for ONNX', () => {
    expect(detectFormat(bytes([0x08, 0x07, 0x12]), 'm.onnx')).toBe('onnx');
    expect(detectFormat(bytes([0x08, 0x07, 0x12]), 'm.bin')).toBe('unknown');
    expect(detectFormat(bytes('hello'), 'm.onnx')).toBe('unknown');
    // any ModelProto field may come first: metadata_props (14), training_info (20), functions (25)
    expect(detectFormat(bytes([0x72, 0x06, 0x0a, 0x01, 0x61, 0x12, 0x01, 0x62]), 'm.onnx')).toBe('onnx');
    expect(detectFormat(bytes([0xa2, 0x01, 0x00]), 'm.onnx')).toBe('onnx');
    expect(detectFormat(bytes([0xca, 0x01, 0x00]), 'm.onnx')).toBe('onnx');
  });

  it('claims pickles by bytes whatever the name, text-like protocol 0 only with a model extension', () => {
    expect(isModelFile(bytes([0x80, 2, 0x7d, 0x2e]), 'notes.txt')).toBe(true);
    expect(isModelFile(bytes('(dp0\n.'), 'notes.txt')).toBe(false);
    expect(isModelFile(bytes('(dp0\n.'), 'model.pkl')).toBe(true);
  });

  it('claims zip archives whose first member is a PyTorch record or a model file, or with a model extension', () => {
    const local = (name: string) => bytes('PK\x03\x04', new Array(22).fill(0), [name.length, 0, 0, 0], name);
    expect(isModelFile(local('archive/data.pkl'), 'weights.zip.renamed')).toBe(true);
    expect(isModelFile(local('checkpoints/model.pt'), 'bundle.zip')).toBe(true);
    expect(isModelFile(local('word.xml'), 'doc.docx')).toBe(false);
    // A wheel starts with a Python path file (`.pth`), not a checkpoint.
    expect(isModelFile(local('distutils-precedence.pth'), 'setuptools-67.6.1-py3-none-any.whl')).toBe(false);
    // Keras' own files count at the root only: old wheels hold `*.dist-info/metadata.json`.
    expect(isModelFile(local('metadata.json'), 'model.zip')).toBe(true);
    expect(isModelFile(local('argparse-1.4.0.dist-info/metadata.json'), 'argparse-1.4.0-py2.py3-none-any.whl')).toBe(false);
    expect(isModelFile(local('pkg/sub/version'), 'bundle.zip')).toBe(false);
    // A name other files use too says nothing about a zip: Java's `public_suffix_list.dat`; scipy's
    // `ecg.dat` holds `ecg.npy`.
    expect(isModelFile(local('aaa'), 'security/public_suffix_list.dat')).toBe(false);
    expect(isModelFile(local('ecg.npy'), 'misc/ecg.dat')).toBe(true);
    expect(isModelFile(local('aaa'), 'weights.pt')).toBe(true);
  });

  it('claims tar archives whose first member is a PyTorch tar record or a model file', () => {
    const tar = (name: string) => {
      const h = new Uint8Array(512);
      h.set(bytes(name), 0);
      h.set(bytes('ustar'), 257);
      return h;
    };
    expect(isModelFile(tar('sys_info'), 'checkpoint.tar')).toBe(true);
    expect(isModelFile(tar('models/resnet.pt'), 'bundle.tar')).toBe(true);
    expect(isModelFile(tar('README.md'), 'bundle.tar')).toBe(false);
    expect(isModelFile(tar('README.md'), 'weights.pt')).toBe(true);
  });

  it('reads the central directory of a zip whose first member says nothing', () => {
    const dir = join(FIXTURES, 'malicious');
    const path = join(dir, 'zip_model_member_not_first.zip');
    const head = readFileSync(path).subarray(0, 512);
    expect(isModelFile(head, path)).toBe(true);
    // The same first bytes, but no archive to read behind them.
    expect(isModelFile(head, join(dir, 'absent.zip'))).toBe(false);
  });

  describe('pickles without PROTO (the unpickler takes any opcode first)', () => {
    const reduce = "cos\nsystem\n(S'touch x'\ntR.";
    const frame = (body: Uint8Array) => bytes([0x95], u32le(body.length), [0, 0, 0, 0], body);
    const stackGlobal = bytes(su('os'), su('system'), [0x93], su('id'), [0x85, 0x52, 0x2e]);
    it.each([
      ['NONE, POP, then an import', bytes('N0', reduce), 'import'],
      ['INT, POP, then an import', bytes('I1\n0', reduce), 'import'],
      ['a FRAME first', frame(stackGlobal), 'import'],
      ['a STACK_GLOBAL first', stackGlobal, 'import'],
      ['an INST that is called', bytes("(S'x'\nios\nsystem\n."), 'import'],
      ['300 NONE+POP pairs before the import', bytes('N0'.repeat(300), reduce).subarray(0, 512), 'stream'],
      ['a complete pickle without an import', bytes('(dp0\nS\'a\'\np1\nI1\ns.'), 'data'],
      ['`N.`', bytes('N.'), 'data'],
      ['one long operand past the head', bytes([0x58], u32le(2000), 'a'.repeat(507)), 'partial'],
      // Text that starts like opcodes, then breaks.
      ['a requirements file (GLOBAL `overage.coveralls`, then `f`)', bytes('coverage\ncoveralls\nflake8\nsphinx\n'), 'data'],
      ['a two-line requirements file (GLOBAL `lick.requests`, then the end)', bytes('click\nrequests\n'), 'data'],
      ['an import returned whole', bytes('cos\nsystem\n.'), 'import'],
      ['a Python path file', bytes("import os; var = 'X'; enabled = os.environ.get(var) == 'local'\n"), undefined],
      ['a relative path', bytes('../lib\n'), undefined],
      ['STOP on an empty stack', bytes('.'), undefined],
      ['MARK then STOP', bytes('(.'), undefined],
      ['a GET of a memo key never put', bytes('g1\n.'), undefined],
      ['an INST whose module is not a name (no import: the unpickler fails there)', bytes('(ifoo bar\nbaz\n.'), 'data'],
      ['prose', bytes('Install the package first.\n'), undefined],
      ['JSON', bytes('{"a": 1}'), undefined],
    ])('%s', (_what, head, verdict) => expect(sniffPickle(head)).toBe(verdict));

    it('claims a pickle that imports and calls, or a long run of opcodes, whatever its name', () => {
      expect(isModelFile(bytes('N0', reduce), 'notes.txt')).toBe(true);
      expect(isModelFile(stackGlobal, '0a1b2c3d4e5f')).toBe(true); // a Hub cache blob has no extension
      expect(isModelFile(bytes('N0'.repeat(300), reduce).subarray(0, 512), 'cache')).toBe(true);
    });

    it('claims the rest only under a model file name', () => {
      const requirements = bytes('coverage\ncoveralls\nflake8\n');
      expect(isModelFile(requirements, 'requirements/development.txt')).toBe(false);
      expect(isModelFile(bytes('click\nrequests\n'), 'requirements.txt')).toBe(false);
      expect(isModelFile(requirements, 'model.pkl')).toBe(true);
      expect(isModelFile(bytes('../lib\n'), 'site.pth')).toBe(false);
      const longOperand = bytes([0x58], u32le(2000), 'a'.repeat(507));
      expect(isModelFile(longOperand, 'model.pkl')).toBe(true);
      // `.bin` also names raw data, and a length can be followed by anything.
      expect(isModelFile(longOperand, 'weights.bin')).toBe(false);
      expect(isModelFile(bytes([0x42], u32le(1 << 30), new Array(507).fill(7)), 'firmware.bin')).toBe(false);
    });
  });

  it('reads a safetensors header only when it opens a JSON object with a key, or under the name', () => {
    const header = (n: number, json: string) => bytes(u32le(n), [0, 0, 0, 0], json);
    expect(detectFormat(header(20, '{"w":{"dtype":"F32"}}'), 'x')).toBe('safetensors');
    expect(detectFormat(header(2, '{}'), 'x')).toBe('safetensors');
    // A gettext .mo file with 123 strings: magic 0x950412de, revision 0, then 0x7b 0x01 0 0.
    const mo = bytes([0xde, 0x12, 0x04, 0x95, 0, 0, 0, 0, 0x7b, 0x01, 0, 0, 0x1c, 0, 0, 0]);
    expect(detectFormat(mo, 'locale/nl/LC_MESSAGES/apt.mo')).toBe('unknown');
    expect(isModelFile(mo, 'apt.mo')).toBe(false);
    expect(detectFormat(mo, 'model.safetensors')).toBe('safetensors');
    // More than the library's 100 MB header limit: not safetensors unless so named.
    expect(detectFormat(header(200_000_000, '{"w":{}}'), 'x')).toBe('unknown');
  });

  it('takes a file named .safetensors for safetensors whatever its header length, and reports an impossible one', async () => {
    const u64 = (n: bigint) => {
      const b = Buffer.alloc(8);
      b.writeBigUInt64LE(n);
      return b;
    };
    const cases: Array<[bigint, string, string]> = [
      [0n, '', 'header length 0 is too short for a JSON object'],
      [1n, '{', 'header length 1 is too short for a JSON object'],
      [10n ** 9n, '{}', 'header length 1000000000 runs past the end of the file (10 bytes)'],
      [2n ** 40n, '{}', 'header length 1099511627776 runs past the end of the file (10 bytes)'],
      [2n ** 63n + 5n, '{}', 'header length 9223372036854775813 runs past the end of the file (10 bytes)'],
      [2n ** 64n - 1n, '{}', 'header length 18446744073709551615 runs past the end of the file (10 bytes)'],
      [2n ** 64n - 1n, 'xy', 'header length 18446744073709551615 runs past the end of the file (10 bytes)'],
    ];
    for (const [n, rest, message] of cases) {
      const data = bytes(u64(n), rest);
      expect(detectFormat(data, 'model.safetensors'), String(n)).toBe('safetensors');
      expect(isModelFile(data, 'dir/model.safetensors'), String(n)).toBe(true);
      const f = await scanModelBytes(data, 'model.safetensors');
      expect(f.format).toBe('safetensors');
      expect(f.problems, String(n)).toEqual([{ member: '', kind: 'malformed', message: `safetensors: ${message}` }]);
    }
    // The same bytes under another name say nothing (any file can start with 8 bytes).
    expect(isModelFile(bytes(u64(2n ** 63n + 5n), '{}'), 'data.bin')).toBe(false);
    // Shorter than the length field; formats with a magic number keep their own reading.
    expect((await scanModelBytes(bytes('abc'), 'model.safetensors')).problems[0].message).toBe('safetensors: file shorter than the 8-byte header length');
    expect(detectFormat(bytes('GGUF', [3, 0, 0, 0]), 'model.safetensors')).toBe('gguf');
    // A Git LFS pointer checked out in place of the weights is not a (malformed) safetensors file: it is
    // claimed under a model name and reported as a model that is absent from the checkout.
    const lfs = bytes('version https://git-lfs.github.com/spec/v1\noid sha256:4d7a2146\nsize 1283\n');
    expect(detectFormat(lfs, 'model.safetensors')).toBe('unknown');
    expect(isModelFile(lfs, 'model.safetensors')).toBe(true);
    expect(isModelFile(lfs, 'notes.txt')).toBe(false);
    expect((await scanModelBytes(lfs, 'model.safetensors')).problems).toEqual([{ member: '', kind: 'absent', message: 'a Git LFS pointer' }]);
  });

  it('reads a PROTO start as a pickle only when the opcodes after it read well, or under a pickle name', () => {
    // A Type 1 font (matplotlib's test fonts): 0x80 0x01 (an ASCII segment), its length, then PostScript.
    const pfb = bytes([0x80, 0x01, 0xbf, 0x10, 0, 0], '%!PS-Adobe-FontType1-1.0: CMR10 003.002\n/FontName /CMR10 def\n');
    expect(detectFormat(pfb, 'tests/cmr10.pfb')).toBe('unknown');
    expect(isModelFile(pfb, 'tests/cmr10.pfb')).toBe(false);
    expect(detectFormat(pfb, 'weights.pkl')).toBe('pickle');
    // PROTO 1 then an import and a call runs code whatever the name.
    const call = bytes([0x80, 0x01], "cos\nsystem\n(S'id'\ntR.");
    expect(isModelFile(call, 'cmr10.pfb')).toBe(true);
    // A head cut short inside the frame after PROTO 4 is still a pickle.
    expect(isModelFile(bytes([0x80, 0x04, 0x95, 0x20]), 'blob')).toBe(true);
    expect(sniffPickle(pfb)).toBeUndefined();
  });

  it('claims compressed files by the name inside the compression or by their decompressed bytes', () => {
    const csv = gzipSync(Buffer.from('sepal_length,sepal_width\n5.1,3.5\n'));
    const pickled = gzipSync(Buffer.from([0x80, 4, 0x95, 0, 0, 0, 0, 0, 0, 0, 0, 0x7d, 0x2e]));
    // Data sets shipped gzip-compressed (scikit-learn's *.csv.gz, *.json.gz) are not model files.
    expect(isModelFile(csv, 'data/iris.csv.gz')).toBe(false);
    expect(isModelFile(csv, 'api-v1-jd-1.json.gz')).toBe(false);
    // A compressed pickle is, whatever its outer name says.
    expect(isModelFile(pickled, 'cache.gz')).toBe(true);
    expect(isModelFile(zlibDeflate(Buffer.from([0x80, 4, 0x7d, 0x2e])), 'blob.z')).toBe(true);
    expect(isModelFile(csv, 'model.pkl.gz')).toBe(true);
    // A name other files use too is not enough where the bytes can be looked at (networkx's
    // `atlas.dat.gz` is text), and is where they cannot (a bz2 stream).
    expect(isModelFile(csv, 'generators/atlas.dat.gz')).toBe(false);
    expect(isModelFile(pickled, 'generators/atlas.dat.gz')).toBe(true);
    expect(isModelFile(bytes('BZh91AY&SY'), 'model.bin.bz2')).toBe(true);
    expect(isModelFile(bytes('BZh91AY&SY'), 'model.bin')).toBe(true);
  });

  it('claims a gzip/zlib stream whose head inflates past the sniff size (joblib compress=3 of a large array)', () => {
    // A pickle whose first bytes are followed by 1.6 MB of zeros: 512 compressed bytes inflate to far more than 4 KiB.
    const pickle = Buffer.concat([Buffer.from([0x80, 4]), su('joblib.numpy_pickle'), Buffer.from([0x94, 0x42, ...u32le(1_600_000)]), Buffer.alloc(1_600_000), Buffer.from('.')]);
    for (const name of ['finalized_model.sav', 'model.bin', 'clf.dat', 'clf.model', 'finalized_model', 'payload.gz']) {
      expect(isModelFile(gzipSync(pickle).subarray(0, 512), name)).toBe(true);
      expect(isModelFile(zlibDeflate(pickle).subarray(0, 512), name)).toBe(true);
    }
    // What inflates before corrupt bytes is still looked at: a stored block with the pickle's start,
    // then a block whose lengths disagree (zlib throws "invalid stored block lengths").
    const start = pickle.subarray(0, 300);
    const gz = Buffer.concat([
      Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]),
      Buffer.from([0, start.length & 0xff, start.length >> 8, ~start.length & 0xff, (~start.length >> 8) & 0xff]), start,
      Buffer.from([0, 5, 0, 5, 0]), Buffer.alloc(512),
    ]).subarray(0, 512);
    expect(isModelFile(gz, 'model.bin')).toBe(true);
    // Large text is still not a model file.
    const text = gzipSync(Buffer.from('sepal_length,sepal_width\n'.repeat(10_000))).subarray(0, 512);
    expect(isModelFile(text, 'generators/atlas.dat.gz')).toBe(false);
    expect(isModelFile(text, 'model.bin')).toBe(false);
  });

  it('claims a gzipped tarball only when its first member is a model', () => {
    const tar = (name: string) => {
      const h = Buffer.alloc(1024);
      h.write(name, 0, 'latin1');
      h.write('ustar', 257, 'latin1');
      return gzipSync(h);
    };
    expect(isModelFile(tar('zoneinfo/Africa/Abidjan'), 'dateutil-zoneinfo.tar.gz')).toBe(false);
    expect(isModelFile(tar('package/package.json'), 'c6613180275c7c9edada')).toBe(false);
    expect(isModelFile(tar('sys_info'), 'checkpoint.tar.gz')).toBe(true);
    expect(isModelFile(tar('model/weights.safetensors'), 'release.tgz')).toBe(true);
  });
});

describe('safetensors', () => {
  const file = (header: object, data: number) => {
    const h = new TextEncoder().encode(JSON.stringify(header));
    const len = [h.length, 0, 0, 0, 0, 0, 0, 0];
    return new BufferAccess(bytes(len, h, new Array(data).fill(0)));
  };
  it('accepts a well-formed file', async () => {
    const r = await checkSafetensors(file({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, __metadata__: { format: 'pt' } }, 8));
    expect(r.problems).toEqual([]);
    expect(r.tensors).toBe(1);
  });
  it('reports gaps, overlaps, size mismatches and unknown dtypes', async () => {
    const gap = await checkSafetensors(file({ a: { dtype: 'U8', shape: [2], data_offsets: [2, 4] } }, 4));
    expect(gap.problems.join()).toMatch(/gap/);
    const dtype = await checkSafetensors(file({ a: { dtype: 'Q9', shape: [2], data_offsets: [0, 2] } }, 2));
    expect(dtype.problems.join()).toMatch(/unknown dtype/);
    const shape = await checkSafetensors(file({ a: { dtype: 'F16', shape: [-1], data_offsets: [0, 2] } }, 2));
    expect(shape.problems.join()).toMatch(/shape/);
  });
});

describe('chat templates', () => {
  it('passes ordinary templates', () => {
    const chatml = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
    expect(analyzeTemplate(chatml).indicators).toEqual([]);
    const tools = "{% set ns = namespace(found=false) %}{% for m in messages %}{% if m.role == 'system' %}{% set ns.found = true %}{% endif %}{{ raise_exception('x') if m.role == 'bad' }}{% endfor %}";
    expect(analyzeTemplate(tools).indicators).toEqual([]);
  });
  it('undoes obfuscation', () => {
    expect(normalizeTemplate("'__cla' ~ 'ss__'")).toBe("'__class__'");
    expect(normalizeTemplate("['_','_','glo','bals','_','_']|join")).toBe("'__globals__'");
    expect(normalizeTemplate('chr(95) ~ chr(95)')).toBe("'__'");
    expect(normalizeTemplate("'\\x5f\\x5fclass\\x5f\\x5f'")).toBe("'__class__'");
    expect(analyzeTemplate("{{ ()|attr('\\x5f\\x5fclass\\x5f\\x5f') }}").indicators).toContain('__class__');
    expect(analyzeTemplate('{{ "%c%c"|format(95,95) ~ "import" ~ "%c%c"|format(95,95) }}').indicators).toContain('__import__');
    expect(analyzeTemplate("{{ x[('__CLASS__'|lower)] }}").indicators).toContain('__class__');
    expect(analyzeTemplate("{{ x[('__ssalc__'|reverse)] }}").indicators).toContain('__class__');
    expect(analyzeTemplate("{{ x[('__clXass__'|replace('X', ''))] }}").indicators).toContain('__class__');
  });
  it('follows names set to a literal, parenthesised parts, |string and %s formatting', () => {
    const viaNames = "{% set u='_' %}{% set d=u~u %}{{ ()[d~'class'~d][d~'base'~d][d~'subclasses'~d]() }}";
    expect(analyzeTemplate(viaNames).indicators).toEqual(expect.arrayContaining(['__class__', '__base__', '__subclasses__']));
    expect(analyzeTemplate("{{ ()[('__cla')~('ss__')] }}").indicators).toContain('__class__');
    expect(analyzeTemplate("{{ ()['%sclass%s'|format('__','__')] }}").indicators).toContain('__class__');
    expect(analyzeTemplate("{{ ()['__cla'|string~'ss__'] }}").indicators).toContain('__class__');
    // a name used only in text, or as the one being set, stays as it is
    const benign = "{% set role = 'user' %}{% for m in messages %}{{ m['role'] ~ ': ' ~ m['content'] }} role{% endfor %}";
    expect(analyzeTemplate(benign).indicators).toEqual([]);
  });
  // A backtracking pattern would take minutes on these (the test's timeout); a linear one milliseconds.
  it('folds hostile templates without backtracking blow-ups', () => {
    expect(analyzeTemplate(`{{ x['a'|format(${"'a' ".repeat(20_000)} }}`).indicators).toEqual([]);
    expect(analyzeTemplate(`{% set a = 'x' %}{{ ${'a ~ '.repeat(20_000)}a }}`).indicators).toEqual([]);
  }, 60_000);
});

describe('ONNX external data locations', () => {
  it.each([
    ['weights.bin', undefined], ['sub/dir/w.bin', undefined], ['./w.bin', undefined], ['a/../w.bin', undefined],
    ['../w.bin', "escapes the model's directory"], ['a/../../w.bin', "escapes the model's directory"], ['/etc/passwd', 'is an absolute path'],
    ['C:\\Windows\\win.ini', 'is an absolute path'], ['\\\\server\\share', 'is an absolute path'], ['http://x/w', 'is a URL'], ['', 'empty location'],
  ])('%s', (loc, problem) => expect(externalLocationProblem(loc)).toBe(problem));
});

describe('npy headers', () => {
  const npy = (dict: string) => {
    const h = dict.padEnd(117) + '\n';
    return bytes([0x93], 'NUMPY', [1, 0, h.length, 0], h);
  };
  it('parses plain and object arrays', () => {
    expect(parseNpyHeader(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }"))).toMatchObject({ object: false, shape: [3, 4], itemsize: 4 });
    expect(parseNpyHeader(npy("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }"))).toMatchObject({ object: true });
    expect(parseNpyHeader(npy("{'descr': [('a', '<i4'), ('b', '|O')], 'fortran_order': False, 'shape': (2,), }"))).toMatchObject({ object: true });
  });
});

describe('Keras configs', () => {
  it('finds Lambda layers and foreign references, not Keras classes', () => {
    const hits = analyzeKerasConfig({
      class_name: 'Functional',
      config: {
        layers: [
          { module: 'keras.layers', class_name: 'Dense', config: { name: 'd', activation: 'relu' } },
          { class_name: 'Lambda', config: { name: 'l', function: ['abc', null, null] } },
          { module: 'my_pkg.layers', class_name: 'Custom', config: { name: 'c' } },
          { class_name: 'Dense', config: { name: 'e', activation: 'my_pkg.act.swish' } },
          { class_name: 'Custom', registered_name: 'evil_pkg>Thing', config: { name: 'r' } },
        ],
      },
    });
    expect(hits.filter((h) => !h.internal).map((h) => `${h.kind}:${h.target}`)).toEqual([
      'lambda:marshalled Python bytecode', 'reference:my_pkg.layers.Custom', 'reference:my_pkg.act.swish', 'reference:evil_pkg.Thing',
    ]);
    // Keras's own references are kept, marked, for the rule to judge (only a dangerous one is reported)
    expect(hits.filter((h) => h.internal).map((h) => h.target)).toEqual(['keras.layers.Dense']);
  });

  it('walks deeply nested models, and says where it stops', () => {
    const lambda = { class_name: 'Lambda', config: { name: 'l', function: ['abc', null, null] } };
    let nested: unknown = lambda;
    for (let i = 0; i < 68; i++) nested = { module: 'keras', class_name: 'Sequential', config: { name: `s${i}`, layers: [nested] } };
    expect(analyzeKerasConfig(nested).map((h) => h.kind)).toContain('lambda');
    let deeper: unknown = lambda;
    for (let i = 0; i < 400; i++) deeper = { config: { layers: [deeper] } };
    let told = 0;
    analyzeKerasConfig(deeper, () => told++);
    expect(told).toBe(1);
  });

  it("keeps Keras's own references apart: once per target, within a budget of their own", () => {
    const layers = Array.from({ length: 300 }, (_, i) => ({ module: 'keras.layers', class_name: 'Dense', config: { name: `d${i}` } }));
    layers.push({ module: 'keras.utils', class_name: 'get_file', config: { name: 'dl' } } as never);
    layers.push({ module: 'my_pkg.layers', class_name: 'Custom', config: { name: 'c' } });
    const hits = analyzeKerasConfig({ class_name: 'Functional', config: { layers } });
    expect(hits.filter((h) => h.internal).map((h) => h.target)).toEqual(['keras.layers.Dense', 'keras.utils.get_file']);
    expect(hits.filter((h) => !h.internal).map((h) => h.target)).toEqual(['my_pkg.layers.Custom']);
  });
});

describe('HDF5 (jsfive in a worker)', () => {
  it('reads the Keras model_config attribute', async () => {
    const r = await readH5ModelConfig(readFileSync(`${FIXTURES}/malicious/keras_lambda.h5`));
    expect(r.keras).toBe(true);
    expect(JSON.stringify(r.config)).toContain('Lambda');
  });
  it('gives up at the time limit instead of hanging', async () => {
    const r = await readH5ModelConfig(readFileSync(`${FIXTURES}/benign/keras_model.h5`), 0);
    expect(r.timedOut).toBe(true);
  });
  it('reports unreadable files', async () => {
    const r = await readH5ModelConfig(new Uint8Array([0x89, 0x48, 0x44, 0x46, 13, 10, 26, 10, 1, 2, 3]));
    expect(r.problems[0]).toMatch(/could not be read/);
  });
});
