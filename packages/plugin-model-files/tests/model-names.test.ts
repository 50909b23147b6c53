/**
 * One list of model file names (`formats/names.ts`): the language's extensions, detection and the Git
 * LFS pointer claim all derive from it, so a Git LFS pointer under any name the scanner reads as a
 * model (compressed and archived ones too) is reported as absent, and pointers of other files are not.
 */
import { describe, expect, it } from 'vitest';
import { isModelFile } from '../src/formats/detect.js';
import { COMPRESSION_SUFFIXES, isModelFileName, MODEL_EXTENSIONS } from '../src/formats/names.js';
import { modelLanguage } from '../src/language.js';
import { scanModelBytes } from '../src/scanner.js';
import { bytes } from './helpers.js';

const LFS = bytes('version https://git-lfs.github.com/spec/v1\noid sha256:4d7a2146\nsize 1283\n');

describe('model file names', () => {
  it('the language lists every model extension, .nemo too', () => {
    expect(modelLanguage.extensions).toBe(MODEL_EXTENSIONS);
    for (const e of ['.pt', '.pth', '.bin', '.pkl', '.safetensors', '.gguf', '.onnx', '.nemo', '.model', '.dat', '.sav']) expect(MODEL_EXTENSIONS).toContain(e);
  });

  it('a Git LFS pointer under every model name, compressed or archived, is claimed and reported absent', async () => {
    const names = MODEL_EXTENSIONS.flatMap((e) => [`w${e}`, `w${e}.tar`, `w${e}.zip`, ...COMPRESSION_SUFFIXES.map((c) => `w${e}.${c}`), `w${e}.tar.gz`]);
    for (const n of names) expect(isModelFile(LFS, `models/${n}`), n).toBe(true);
    for (const n of ['weights.nemo', 'clf.pkl.gz', 'model.pth.tar', 'model.tar.gz', 'model.tgz', 'checkpoints.tar.xz', 'bert_weights.zip', 'clf.joblib.lz4']) {
      expect(isModelFile(LFS, n), n).toBe(true);
      expect((await scanModelBytes(LFS, n)).problems, n).toEqual([{ member: '', kind: 'absent', message: 'a Git LFS pointer' }]);
    }
  });

  it('Git LFS pointers of other files stay unclaimed (images, CSV, datasets, archives of anything)', () => {
    for (const n of ['photo.png', 'data.csv', 'train.csv.gz', 'images.tar.gz', 'dataset.zip', 'remodel.tar.gz', 'modeling.tgz', 'notes.txt', 'model.png', 'weights.json', 'x.tar']) {
      expect(isModelFile(LFS, n), n).toBe(false);
      expect(isModelFileName(n), n).toBe(false);
    }
  });
});
