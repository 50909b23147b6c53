/**
 * ONNX is recognised by its bytes under any model file name ("a file's format is decided by its
 * bytes, not its name"): an ONNX model named `model.bin` is scanned. Protobuf has no magic number, so
 * the ModelProto structure decides, strictly enough that pickles, safetensors, random bytes and other
 * protobuf messages under the same names are not claimed.
 */
import { lintText, type FileResult } from '@oculum/core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import plugin, { modelLanguage } from '../src/index.js';
import { detectFormat, isModelFile, isOnnxModel } from '../src/formats/detect.js';
import { scanModelBytes } from '../src/scanner.js';
import { FIXTURES, fld, tar, vfld } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'oculum-onnx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rules = Object.entries(plugin.rules ?? {}).map(([name, rule]) => ({ id: `model/${name}`, rule, level: 'error' as const }));
const lint = (path: string): Promise<FileResult> => lintText({ path, language: modelLanguage, rules, settings: {}, cwd: dir });
const found = (r: FileResult) => r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.ruleId} ${f.severity}`).sort();
const fixture = (rel: string) => readFileSync(join(FIXTURES, rel));

const bytes = (xs: number[]) => new Uint8Array(xs);

/** What torch.onnx.export writes first: ir_version, producer name and version, the graph, the opsets. */
const node = fld(1, [...fld(1, 'X'), ...fld(2, 'Y'), ...fld(4, 'Relu')]);
const torchLike = bytes([...vfld(1, 8), ...fld(2, 'pytorch'), ...fld(3, '2.1.0'), ...fld(7, [...node, ...fld(2, 'main_graph')]), ...fld(8, vfld(2, 17))]);

describe('ONNX under another model file name', () => {
  it('an ONNX model named model.bin with an escaping external_data location is reported', async () => {
    const path = join(dir, 'model.bin');
    writeFileSync(path, fixture('malicious/onnx_external_traversal.onnx'));
    const r = await lint(path);
    expect(found(r)).toContain('model/onnx-external-data-escape high');
    expect(r.findings.find((f) => f.ruleId === 'model/onnx-external-data-escape')?.message).toContain('../../../../etc/passwd');
    const f = await scanModelBytes(readFileSync(path), path);
    expect(f.format).toBe('onnx');
  });

  it.each(['model.bin', 'weights.dat', 'encoder.model', 'net.pt', 'model.pth'])('%s: the fixtures and a torch-like export are ONNX', (name) => {
    for (const rel of ['benign/model.onnx', 'benign/model_external.onnx', 'malicious/onnx_custom_domain.onnx', 'malicious/onnx_external_absolute.onnx']) {
      expect(detectFormat(fixture(rel).subarray(0, 1024), name), rel).toBe('onnx');
      expect(isModelFile(fixture(rel).subarray(0, 512), name), rel).toBe(true);
    }
    expect(detectFormat(torchLike, name)).toBe('onnx');
  });

  it('a model whose doc string runs past the head (a model card before the graph) is ONNX under any model name', async () => {
    const card = `# Tiny model\n\n${'A model card paragraph, with\ttabs and lines.\n'.repeat(60)}`;
    const data = bytes([...vfld(1, 8), ...fld(2, 'pytorch'), ...fld(3, '2.1.0'), ...fld(6, card), ...fld(7, [...node, ...fld(2, 'main_graph')]), ...fld(8, vfld(2, 17))]);
    expect(isOnnxModel(data.subarray(0, 512))).toBe(true);
    expect(detectFormat(data.subarray(0, 512), 'model.bin')).toBe('onnx');
    expect(detectFormat(data.subarray(0, 512), 'notes.txt')).toBe('unknown');
    const path = join(dir, 'carded.bin');
    writeFileSync(path, data);
    expect((await scanModelBytes(readFileSync(path), path)).format).toBe('onnx');
    // the same head with bytes that are no text where the doc string is: not ONNX
    const binary = bytes([...vfld(1, 8), ...fld(2, 'pytorch'), ...fld(6, new Array(1200).fill(0).map((_, i) => (i * 37) & 0xff))]);
    expect(isOnnxModel(binary.subarray(0, 512))).toBe(false);
    // a short text cut by the head is not enough
    const short = bytes([...vfld(1, 8), ...fld(6, 'x'.repeat(600))]).subarray(0, 200);
    expect(isOnnxModel(short)).toBe(false);
  });

  it('a member named model.bin in an archive is read as ONNX', async () => {
    const t = tar([['export/model.bin', fixture('malicious/onnx_external_traversal.onnx')]]);
    const f = await scanModelBytes(t, 'bundle.tar');
    expect(f.externalData).toEqual([expect.objectContaining({ member: 'export/model.bin', location: '../../../../etc/passwd' })]);
  });

  it('the bytes alone do not make a file of another name ONNX', () => {
    expect(detectFormat(torchLike, 'notes.txt')).toBe('unknown');
    expect(detectFormat(torchLike, 'data.json')).toBe('unknown');
  });
});

describe('what is not ONNX is not claimed as ONNX', () => {
  const names = ['model.bin', 'weights.dat', 'tokenizer.model', 'model.pt'];
  it.each([
    ['a pickle', () => fixture('benign/plain_protocol2.pkl')],
    ['a protocol 0 pickle', () => fixture('benign/plain_protocol0.pkl')],
    ['a PyTorch zip', () => fixture('benign/torch_state_dict.pt')],
    ['safetensors', () => fixture('benign/model.safetensors')],
    ['a GGUF', () => fixture('benign/model.gguf')],
    // onnx TensorProto (dims = 1, data_type = 2, name = 8, raw_data = 9): a protobuf starting with field 1 as a varint
    ['an ONNX TensorProto', () => bytes([...vfld(1, 3), ...vfld(1, 4), ...vfld(2, 1), ...fld(8, 'input_0'), ...fld(9, new Array(48).fill(0))])],
    // sentencepiece's ModelProto (tokenizer.model): pieces = 1 (messages) first
    ['a sentencepiece model', () => bytes([...fld(1, [...fld(1, '<unk>'), ...[0x15, 0, 0, 0, 0], ...vfld(3, 2)]), ...fld(1, [...fld(1, '<s>'), ...vfld(3, 3)])])],
    // TensorFlow SavedModel: saved_model_schema_version = 1, meta_graphs = 2 (a message, not text)
    ['a TensorFlow SavedModel', () => bytes([...vfld(1, 1), ...fld(2, [...fld(1, [...fld(1, 'serve'), ...fld(2, 'tensorflow')]), ...fld(2, new Array(40).fill(7))])])],
    // Core ML: specificationVersion = 1, description = 2 (a message)
    ['a Core ML model', () => bytes([...vfld(1, 4), ...fld(2, [...fld(1, [...fld(1, 'input'), ...fld(3, [0x08, 0x01])])]), ...vfld(4, 1)])],
    // a message with a varint, text, and a field ModelProto does not have
    ['another protobuf (id, name, payload)', () => bytes([...vfld(1, 1), ...fld(2, 'record'), ...fld(9, new Array(60).fill(1))])],
    // ir_version and a producer, but no graph or opset: not a model
    ['ir_version and a producer only', () => bytes([...vfld(1, 8), ...fld(2, 'pytorch'), ...fld(3, '2.1.0')])],
    // fields out of order (the domain before the producer)
    ['ModelProto fields out of order', () => bytes([...vfld(1, 8), ...fld(4, 'ai.onnx'), ...fld(2, 'pytorch'), ...fld(7, node)])],
    // a graph whose first bytes are no GraphProto field
    ['a graph of garbage', () => bytes([...vfld(1, 8), ...fld(7, [0x00, 0x00, 0x00, 0x00])])],
  ])('%s', (_name, make) => {
    const data = make();
    expect(isOnnxModel(data.subarray(0, 1024))).toBe(false);
    for (const name of names) expect(detectFormat(data.subarray(0, 1024), name), name).not.toBe('onnx');
  });

  it('random bytes, also starting as ModelProto does, are not ONNX', () => {
    let seed = 12345;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 16;
    };
    let claimed = 0;
    for (let i = 0; i < 20_000; i++) {
      const b = new Uint8Array(512).map(() => rnd() & 0xff);
      if (i % 2) {
        b[0] = 0x08;
        b[1] = 1 + (rnd() % 12);
      }
      if (isOnnxModel(b) || detectFormat(b, 'model.bin') === 'onnx') claimed++;
    }
    expect(claimed).toBe(0);
  });
});
