import { createRule } from '@oculum/core';
import type { ModelFile } from '../ast.js';
import { inModelDirectory, isModelFileName } from '../formats/names.js';
import { byMember, FILE_LOC, list, where } from './util.js';

/** Formats a loader unpickles: a limit hit in one of them is reported as high. */
const PICKLE_FAMILY = new Set(['pickle', 'joblib', 'pytorch-zip', 'pytorch-legacy', 'pytorch-tar', 'torchscript']);

/**
 * Names of pickle data: what loaders unpickle (`data.pkl` of a PyTorch zip, `.pkl`, `.pt`, `.joblib`,
 * …, compressed too) and NumPy arrays (an object array is a pickle).
 */
const PICKLE_DATA_NAME = /(?:^|[\\/])data\.pkl$|\.(?:pkl|pickle|pt|pth|ckpt|joblib|sav|bin|npy)(?:\.(?:gz|bz2|xz|lzma|z|zlib|lz4|zst|zstd))?$/i;

/** Does the file hold pickle data (its format, a member's, or NumPy object arrays)? */
export function holdsPickles(file: ModelFile): boolean {
  return PICKLE_FAMILY.has(file.format) || Number(file.details.objectArrays ?? 0) > 0 || file.members.some((m) => PICKLE_FAMILY.has(m.format));
}

export default createRule({
  name: 'model-scan-limit',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'medium',
    languages: ['model'],
    triggers: [],
    docs: {
      description: 'Reports model files, or parts of them, that were not fully inspected because a safety limit was reached (size, compression ratio, nesting, opcode count, stack, memo size, time) or the content cannot be decoded; a limit hit in pickle data, in a chat template, or in an HDF5 file whose Keras config could not be read, is high, and so are pickle data in a compression the scanner does not decode and archive content it does not open (a RAR archive, a 7z folder in PPMd or encrypted) named as a model.',
      recommended: true,
    },
    messages: {
      limit: 'Scanning{{where}} stopped early: {{problems}}. What follows was not inspected.',
      limitPickle: 'Scanning{{where}} hit a limit in pickle data: {{problems}}. A pickle built to exhaust a scanner is suspicious in itself; what was not modelled must not be trusted.',
      limitHdf5: 'Scanning{{where}} stopped early: {{problems}}. A Keras model config (Lambda layers, imports) that Keras would load from it was not checked.',
      limitTemplate: 'Scanning{{where}} stopped before a chat template was fully analysed: {{problems}}. The rest of the template, which the server renders, was not checked for injections.',
      unsupported: 'Part of the file{{where}} was not inspected: {{problems}}.',
      unsupportedPickle: 'Pickle data{{where}} was not inspected: {{problems}}. A loader that decodes it unpickles whatever it holds; what the scanner could not decode must not be trusted.',
      absent: 'This file is {{problems}}, not the model: the model is not in this checkout and was not inspected. Fetch the LFS objects before scanning (`git lfs pull`; in GitHub Actions, `actions/checkout` with `lfs: true`).',
      unopened: 'The file{{where}} is {{problems}}: what it holds was not inspected. Extract it and scan the files it holds before loading any of them.',
    },
    remediation:
      'Treat the uninspected content as untrusted. Raise the limit in `settings.model.limits` if the file is legitimately large, or convert it to a format that can be checked (safetensors).',
  },
  create(context) {
    return {
      ModelFile(file: ModelFile) {
        const pickles = holdsPickles(file);
        for (const kind of ['limit', 'unsupported', 'absent'] as const) {
          const problems = file.problems.filter((p) => p.kind === kind);
          for (const [member, ps] of byMember(problems)) {
            const data = { where: where(member), problems: list(ps.map((p) => p.message), 3) };
            if (kind === 'limit' && (pickles || ps.some((p) => p.pickle))) {
              // Padding a pickle past a limit is a way to hide its imports from scanners: the rest
              // is read for imports (model/dangerous-pickle-global), and the limit itself fails
              // `--fail-on high`.
              context.report({ loc: FILE_LOC, messageId: 'limitPickle', data, severity: 'high', confidence: 'medium' });
            } else if (kind === 'limit' && ps.some((p) => p.template)) {
              // A template padded past the time limit may hide an injection after the padding: not
              // passed at `--fail-on high`, as in pickle data.
              context.report({ loc: FILE_LOC, messageId: 'limitTemplate', data, severity: 'high', confidence: 'medium' });
            } else if (kind === 'limit' && file.members.some((m) => m.path === member && (m.format === 'hdf5' || m.format === 'keras-h5'))) {
              // An HDF5 file whose root attributes were not all read may hold a Keras config that runs
              // code on load: not passed at `--fail-on high`.
              context.report({ loc: FILE_LOC, messageId: 'limitHdf5', data, severity: 'high', confidence: 'medium' });
            } else if (kind === 'unsupported' && (ps.some((p) => p.pickle) || PICKLE_DATA_NAME.test(member || file.path))) {
              // Pickle data the scanner cannot decode (a zip method it does not read, an xz filter other
              // than LZMA2, a zstd frame that needs its dictionary or a window past 128 MiB): a limit in
              // pickle data.
              context.report({ loc: FILE_LOC, messageId: 'unsupportedPickle', data, severity: 'high', confidence: 'medium' });
            } else context.report({ loc: FILE_LOC, messageId: kind, data, confidence: 'low' });
          }
        }
        // Archive content not opened (a RAR archive, a 7z folder in PPMd or AES): named as a model, kept
        // among models, or holding files named as models (`archive/data.pkl`), nothing in it was checked
        // and a loader is meant to read it, so it must not pass `--fail-on high`.
        for (const [member, ps] of byMember(file.problems.filter((p) => p.kind === 'unopened'))) {
          const model = isModelFileName(member || file.path) || inModelDirectory(file.path) || ps.some((p) => p.model);
          context.report({
            loc: FILE_LOC, messageId: 'unopened', data: { where: where(member), problems: list(ps.map((p) => p.message), 3) },
            severity: model ? 'high' : 'medium', confidence: model ? 'medium' : 'low',
          });
        }
      },
    };
  },
});
