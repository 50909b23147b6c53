/**
 * Keras model configs: `config.json` in `.keras` archives and the `model_config` attribute of
 * legacy `.h5` files. A `Lambda` layer carries marshalled Python bytecode that runs on load
 * (legacy loaders, `safe_mode=False`); any object that names a module or function outside Keras
 * (`"module": "os"`, `"registered_name": "my_pkg>Fn"`, `"function": "builtins.exec"`) makes the
 * loader import it.
 */
import { timerDelay } from '../io.js';

export interface KerasHit {
  /**
   * `lambda`: a Lambda layer; `reference`: a module or function the loader imports; `savedmodel`: a
   * TFSMLayer's SavedModel; `vocabulary`: a lookup layer's vocabulary file; `layer-path`: a layer
   * name that leaves the directory a `.keras` archive's assets are extracted to.
   */
  kind: 'lambda' | 'reference' | 'savedmodel' | 'vocabulary' | 'layer-path';
  /** Layer name (or the JSON path) for messages. */
  where: string;
  /**
   * For references: the dotted module.name; for Lambda: a short description of the function; for
   * files: the path (the layer name itself for `layer-path`).
   */
  target: string;
  /** The layer's class, for `vocabulary` (`StringLookup`). */
  layerClass?: string;
  /**
   * A reference inside Keras or TensorFlow (`keras.layers.Dense`): kept so that a dangerous one
   * (`keras.utils.get_file`, `tensorflow.io.write_file`) is still judged.
   */
  internal?: boolean;
  /** Other names the loader falls back to for the same object (`registered_name` in the module). */
  also?: string[];
}

declare module '../ast.js' {
  interface KerasFact {
    /** Other names the loader falls back to for the same object (`KerasHit.also`). */
    also?: string[];
    /** The layer's class (`KerasHit.layerClass`). */
    layerClass?: string;
  }
}

/**
 * Layers that read their vocabulary from a file when it is given as a string (`tf.io.gfile`: any
 * local path, or a remote URL), at construction: so when a config is loaded (CVE-2025-12058).
 */
const VOCABULARY_LAYERS = new Set(['StringLookup', 'IntegerLookup', 'TextVectorization']);

/**
 * A name that leaves the directory it is joined to: a `..` component, or an absolute path (POSIX,
 * Windows drive or UNC), which `os.path.join` takes as it is. `block1/conv1` stays inside.
 */
function leavesDirectory(name: string): boolean {
  return /(?:^|[\\/])\.\.(?:[\\/]|$)/.test(name) || /^[\\/]/.test(name) || /^[A-Za-z]:[\\/]/.test(name);
}

export interface KerasConfigOptions {
  /**
   * The config of a `.keras` archive (Keras 3), whose loader joins layer names to the directory it
   * extracts the archive's assets to (`layer-path`); not a legacy `.h5` config, whose layer names
   * (`conv1/bn` in converted models) name HDF5 groups, not files.
   */
  archive?: boolean;
}

const KERAS_MODULES = /^(keras|tf_keras|tensorflow\.keras|tensorflow\.python\.keras|keras_nlp|keras_cv|keras_hub|tensorflow)(\.|$)/;

function short(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** How deep a Keras config is walked (JSON levels; a nested `Sequential` takes about four). */
export const MAX_KERAS_CONFIG_DEPTH = 1000;

/** Walks a parsed Keras config; `onTooDeep` is told once when a part lies deeper than it walks. */
export function analyzeKerasConfig(config: unknown, onTooDeep?: () => void, options: KerasConfigOptions = {}): KerasHit[] {
  let tooDeep = false;
  const hits: KerasHit[] = [];
  const seen = new Set<string>();
  // Keras's own references count once per target (300 `Dense` layers are one), with a budget of
  // their own: they must not crowd out an outside reference that comes after them.
  const counts = { outside: 0, internal: 0 };
  const add = (h: KerasHit) => {
    const key = h.internal && !h.also ? `internal|${h.target}` : `${h.kind}|${h.where}|${h.target}|${h.also?.join(',') ?? ''}`;
    const bucket = h.internal ? 'internal' : 'outside';
    if (!seen.has(key) && counts[bucket] < 200) {
      seen.add(key);
      counts[bucket]++;
      hits.push(h);
    }
  };
  const walk = (node: unknown, path: string, layer: string, depth: number): void => {
    if (node === null || typeof node !== 'object') return;
    if (depth > MAX_KERAS_CONFIG_DEPTH) {
      if (!tooDeep) onTooDeep?.();
      tooDeep = true;
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((x, i) => walk(x, `${path}[${i}]`, layer, depth + 1));
      return;
    }
    const o = node as Record<string, unknown>;
    const cfg = (o.config && typeof o.config === 'object' ? o.config : {}) as Record<string, unknown>;
    const name = typeof cfg.name === 'string' ? cfg.name : typeof o.name === 'string' ? o.name : layer;
    if (o.class_name === 'Lambda') {
      const fn = cfg.function;
      let desc = 'function';
      if (typeof fn === 'string') desc = `function ${short(fn)}`;
      else if (Array.isArray(fn)) desc = 'marshalled Python bytecode';
      else if (fn && typeof fn === 'object') {
        const f = fn as Record<string, unknown>;
        desc = f.class_name === '__lambda__' ? 'marshalled Python bytecode' : `${String(f.module ?? '')}.${String(f.class_name ?? f.config ?? '')}`;
      }
      add({ kind: 'lambda', where: name, target: desc });
    }
    const cls = typeof o.class_name === 'string' ? o.class_name : undefined;
    // Keras 3's TFSMLayer restores the TensorFlow SavedModel at `filepath` when the model is loaded,
    // safe_mode or not (CVE-2026-1462): its graph then runs with the loader's rights.
    if (cls === 'TFSMLayer') add({ kind: 'savedmodel', where: name, target: typeof cfg.filepath === 'string' ? cfg.filepath : JSON.stringify(cfg.filepath ?? null) });
    if (cls && VOCABULARY_LAYERS.has(cls) && typeof cfg.vocabulary === 'string') add({ kind: 'vocabulary', where: name, target: cfg.vocabulary, layerClass: cls });
    // Keras 3 joins layer names to the directory it extracts a `.keras` archive's assets to (CVE-2026-12479).
    if (options.archive && cls && typeof cfg.name === 'string' && leavesDirectory(cfg.name)) add({ kind: 'layer-path', where: cfg.name, target: cfg.name });
    if (typeof o.module === 'string' && typeof o.class_name === 'string') {
      const mod = o.module;
      if (o.class_name !== '__lambda__') {
        const attr = o.class_name === 'function' && typeof o.config === 'string' ? o.config : o.class_name;
        const target = `${mod}.${attr}`;
        // Keras looks the name up in the module (`vars(mod).get(name)`) and, when it is not there,
        // falls back to `registered_name` in the same module: both are what the loader may reach.
        const reg = o.registered_name;
        const also = typeof reg === 'string' && reg !== attr && !reg.includes('>') && /^[A-Za-z_]\w*$/.test(reg) && reg !== 'function' ? [`${mod}.${reg}`] : undefined;
        add({ kind: 'reference', where: name, target, ...(also ? { also } : {}), ...(KERAS_MODULES.test(mod) ? { internal: true } : {}) });
      }
    }
    // `package>Name` is a key of Keras' registry of custom objects, not a module path: with a
    // `module`, that module is what is imported (reported above); without one, the package is named.
    if (typeof o.registered_name === 'string' && o.registered_name.includes('>') && typeof o.module !== 'string') {
      const [pkg, obj] = o.registered_name.split('>');
      add({ kind: 'reference', where: name, target: `${pkg}.${obj}`, ...(KERAS_MODULES.test(pkg) ? { internal: true } : {}) });
    }
    // Keras 2: activation/initializer given as "module.function" strings are resolved by import.
    for (const k of ['activation']) {
      const v = cfg[k];
      if (typeof v === 'string' && /^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)+$/.test(v)) {
        add({ kind: 'reference', where: name, target: v, ...(KERAS_MODULES.test(v) ? { internal: true } : {}) });
      }
    }
    for (const [k, v] of Object.entries(o)) if (v && typeof v === 'object') walk(v, `${path}.${k}`, name, depth + 1);
  };
  walk(config, '$', 'model', 0);
  return hits;
}

/**
 * Reads the Keras attributes of an HDF5 file with jsfive in a worker thread: jsfive is synchronous
 * and was not written for hostile input, so a crafted file could keep it busy forever; the worker
 * is terminated after `timeoutMs` and the caller reports a limit instead of hanging.
 */
const H5_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
console.log = () => {};
console.warn = () => {};
try {
  const hdf5 = require(workerData.module);
  const f = new hdf5.File(workerData.buffer, 'model.h5');
  const a = f.attrs;
  const out = {};
  for (const k of ['model_config', 'training_config', 'keras_version', 'backend']) {
    if (!(k in a)) continue;
    const v = a[k];
    out[k] = typeof v === 'string' ? v : Array.isArray(v) ? String(v[0]) : v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : String(v);
  }
  parentPort.postMessage({ attrs: out });
} catch (e) {
  parentPort.postMessage({ error: String((e && e.message) || e) });
}
`;

/** The Keras attributes of an HDF5 file through jsfive (whole file in memory), in a worker bounded by `timeoutMs`. */
export async function readH5Attributes(data: Uint8Array, timeoutMs = 10_000): Promise<{ attrs?: Record<string, string>; error?: string; timedOut?: boolean }> {
  const { Worker } = await import('node:worker_threads');
  const { createRequire } = await import('node:module');
  const module = createRequire(import.meta.url).resolve('jsfive');
  const buffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  const worker = new Worker(H5_WORKER, { eval: true, workerData: { module, buffer }, transferList: [buffer], resourceLimits: { maxOldGenerationSizeMb: 1024 } });
  type Reply = { attrs?: Record<string, string>; error?: string } | 'timeout';
  let timer: NodeJS.Timeout | undefined;
  const reply = await new Promise<Reply>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timerDelay(timeoutMs));
    worker.once('message', (m: Reply) => resolve(m));
    worker.once('error', (e) => resolve({ error: e.message }));
    worker.once('exit', () => resolve({ error: 'HDF5 reader stopped' }));
  });
  clearTimeout(timer);
  await worker.terminate();
  if (reply === 'timeout') return { timedOut: true, error: 'time limit reached' };
  if (reply.error !== undefined) return { error: reply.error };
  return { attrs: reply.attrs ?? {} };
}

export async function readH5ModelConfig(data: Uint8Array, timeoutMs = 10_000): Promise<{ config?: unknown; keras: boolean; problems: string[]; timedOut?: boolean }> {
  const problems: string[] = [];
  const reply = await readH5Attributes(data, timeoutMs);
  if (reply.timedOut) return { keras: false, problems, timedOut: true };
  if (reply.error !== undefined) {
    problems.push(`HDF5 file could not be read: ${reply.error}`);
    return { keras: false, problems };
  }
  const attrs = reply.attrs ?? {};
  const keras = 'keras_version' in attrs || 'model_config' in attrs || 'backend' in attrs;
  const text = attrs.model_config ?? attrs.training_config;
  if (text === undefined) return { keras, problems };
  try {
    return { config: JSON.parse(text), keras: true, problems };
  } catch (error) {
    problems.push(`model_config is not valid JSON: ${(error as Error).message}`);
    return { keras: true, problems };
  }
}
