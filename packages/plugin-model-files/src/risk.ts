/** The product brief's format risk table, applied to what the scanner found. */
import type { ModelFile, RiskLevel } from './ast.js';

export interface FormatRisk {
  name: string;
  risk: RiskLevel;
  note: string;
}

const RANK: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2, critical: 3 };
/** Member formats that say nothing about a model (listed, not classified as a model format). */
const UNCLASSIFIED = new Set<string>(['data', 'text', 'json', 'torchscript-code', 'unknown', 'zip', 'tar', 'gzip', 'zlib', 'bz2', 'xz', 'lzma', 'lz4', 'zstd', '7z', 'rar']);

export function formatRisk(file: ModelFile): FormatRisk {
  // An empty file holds nothing to load (every loader fails on it): listed, whatever its name.
  if (file.size === 0 && file.format === 'unknown') return { name: 'empty file', risk: 'low', note: '0 bytes, no model in it: every loader fails on it' };
  if (file.format === 'zip' || file.format === 'tar' || file.format === '7z') {
    // An archive whose members were classified: the riskiest of them.
    let worst: { risk: FormatRisk; path: string } | undefined;
    for (const m of file.members) {
      if (UNCLASSIFIED.has(m.format)) continue;
      const r = formatRisk({ ...file, format: m.format as ModelFile['format'], size: m.size, members: [] });
      if (!worst || RANK[r.risk] > RANK[worst.risk.risk]) worst = { risk: r, path: m.path };
    }
    if (worst) {
      const rest = file.members.some((m) => m.format === 'data') ? '; other members could not be classified' : '';
      return { name: `${file.format} archive holding ${worst.risk.name}`, risk: worst.risk.risk, note: `riskiest member ${worst.path}: ${worst.risk.note}${rest}` };
    }
  }
  const objects = Number(file.details.objectArrays ?? 0) > 0;
  switch (file.format) {
    case 'pickle':
      return { name: 'Python pickle', risk: 'critical', note: 'arbitrary code execution on load' };
    case 'joblib':
      return { name: 'joblib', risk: 'critical', note: 'uses pickle internally' };
    case 'pytorch-zip':
      return { name: 'PyTorch checkpoint', risk: 'high', note: 'uses pickle; safe only with torch.load(weights_only=True)' };
    case 'pytorch-legacy':
      return { name: 'PyTorch legacy checkpoint', risk: 'high', note: 'uses pickle; safe only with torch.load(weights_only=True)' };
    case 'pytorch-tar':
      return { name: 'PyTorch tar checkpoint', risk: 'high', note: 'uses pickle' };
    case 'torchscript':
      return { name: 'TorchScript archive', risk: 'high', note: 'contains pickles and TorchScript code' };
    case 'numpy':
      return objects
        ? { name: 'NumPy object array', risk: 'critical', note: 'object arrays are pickles (np.load allow_pickle=True)' }
        : { name: 'NumPy array', risk: 'low', note: 'plain data; load with allow_pickle=False' };
    case 'npz':
      return objects
        ? { name: 'NumPy archive with object arrays', risk: 'critical', note: 'object arrays are pickles' }
        : { name: 'NumPy archive', risk: 'low', note: 'plain arrays; load with allow_pickle=False' };
    case 'keras':
    case 'keras-h5':
      return { name: 'Keras model', risk: 'medium', note: 'configs can name code (Lambda layers, custom objects)' };
    case 'hdf5':
      // Root attributes not all read: a Keras config may be there.
      if (file.problems.some((p) => p.kind === 'limit' && file.members.some((m) => m.path === p.member && m.format === 'hdf5'))) return { name: 'HDF5 data, not fully read', risk: 'medium', note: 'its root attributes could not all be read; a Keras config there was not checked' };
      return { name: 'HDF5 data', risk: 'low', note: 'no code execution by itself' };
    case 'safetensors':
      return { name: 'safetensors', risk: 'low', note: 'no code execution, recommended' };
    case 'gguf':
      return { name: 'GGUF', risk: 'low', note: 'safe format for llama.cpp; chat templates are checked' };
    case 'onnx':
      return { name: 'ONNX', risk: 'medium', note: 'generally safe, verify source' };
    case '7z':
    case 'rar':
      if (file.problems.some((p) => p.kind === 'unopened')) return { name: `${file.format === '7z' ? '7z' : 'RAR'} archive`, risk: 'high', note: 'not opened: what it holds was not inspected' };
      return { name: 'model file', risk: 'high', note: `container format ${file.format}; content could not be classified` };
    default:
      return { name: 'model file', risk: 'high', note: `container format ${file.format}; content could not be classified` };
  }
}
