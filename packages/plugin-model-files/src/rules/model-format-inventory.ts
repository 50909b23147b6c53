import { createRule } from '@oculum/core';
import type { ModelFile } from '../ast.js';
import { formatRisk } from '../risk.js';
import { companionFiles, FILE_LOC, leavesDirectory, list } from './util.js';

export default createRule({
  name: 'model-format-inventory',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'info',
    languages: ['model'],
    triggers: [],
    docs: {
      description: 'Lists every model file with its serialization format, the format\'s risk level, its size and its sha256, so that the whole model surface of a project is visible.',
      recommended: true,
    },
    messages: {
      inventory: '{{name}} ({{format}}): format risk {{risk}} ({{note}}); {{size}} bytes; sha256 {{sha256}}.',
    },
    remediation: 'Prefer low-risk formats (safetensors, GGUF); pin the sha256 where the model is downloaded and verify it before loading.',
  },
  create(context) {
    return {
      ModelFile(file: ModelFile) {
        // a Git LFS pointer holds no model to list (`model/model-scan-limit` says it was not there)
        if (file.problems.some((p) => p.kind === 'absent')) return;
        const r = formatRisk(file);
        const compression = file.details.compression ? `, ${String(file.details.compression)}-compressed` : '';
        // Files next to it that joblib's array wrappers make joblib.load read (joblib < 0.10 wrote
        // arrays to `<name>_01.npy`…): scanned when they are scanned, named here. Others are findings.
        const near = companionFiles(file).filter((c) => !leavesDirectory(c.path)).map((c) => `\`${c.path}\``);
        const note = near.length ? `${r.note}; joblib.load also reads ${list(near, 3)} next to it, with pickles allowed` : r.note;
        context.report({
          loc: FILE_LOC,
          messageId: 'inventory',
          data: { name: r.name, format: `${file.format}${compression}`, risk: r.risk, note, size: file.size, sha256: file.sha256 ?? String(file.details.sha256 ?? 'not computed') },
        });
      },
    };
  },
});
