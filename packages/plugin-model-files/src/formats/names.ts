/**
 * The names model files are stored under: one list, from which detection (`detect.ts`), the Git LFS
 * pointer claim and the language's extension list are derived.
 */

/**
 * Extensions only model files use: a member so named makes a zip or tar a model (`clf.pkl` inside a
 * bundle). `h5`, `safetensors`, `gguf` and `onnx` have magic numbers (or a protobuf shape), so the
 * name is not what claims them.
 */
export const MODEL_ONLY_EXTENSIONS = ['pt', 'ckpt', 'pkl', 'pickle', 'joblib', 'npy', 'npz', 'keras', 'h5', 'safetensors', 'gguf', 'onnx'] as const;

/**
 * Extensions model files use that other files use too (`.pth` is also a Python path file, `.bin` and
 * `.dat` anything, `.nemo` a NeMo tarball): a file so named is a model when its content agrees.
 */
export const SHARED_MODEL_EXTENSIONS = ['pth', 'bin', 'dat', 'sav', 'model', 'hdf5', 'pt2', 'ptl', 'mar', 'nemo'] as const;

/** Of those, the names other *formats* use (a zip, gzipped text): a container so named must say model itself. */
export const GENERIC_MODEL_EXTENSIONS = ['bin', 'dat', 'sav', 'model'] as const;

/** Formats that are found by magic number whatever their name (HDF5 has its own name test). */
const MAGIC_EXTENSIONS = new Set<string>(['h5', 'hdf5', 'safetensors', 'gguf', 'onnx']);

/** Every model file extension (with its dot, as the language lists them). */
export const MODEL_EXTENSIONS: string[] = [...MODEL_ONLY_EXTENSIONS, ...SHARED_MODEL_EXTENSIONS].map((e) => `.${e}`);

/**
 * Compression suffixes a model name may carry (`clf.pkl.gz`, `model.joblib.lz4`, `model.pkl.zst`);
 * `.tgz` is `.tar.gz`, `.tzst` `.tar.zst`.
 */
export const COMPRESSION_SUFFIXES = ['gz', 'tgz', 'bz2', 'xz', 'z', 'zlib', 'lzma', 'lz4', 'zst', 'zstd', 'tzst'] as const;

const alt = (xs: readonly string[]): string => xs.join('|');

/** A member name that makes an archive a model file (any directory). */
export const MODEL_MEMBER_NAME = new RegExp(`\\.(?:${alt(MODEL_ONLY_EXTENSIONS)})$`, 'i');

/** A name that says model file for a container or stream (the magic formats are claimed by content). */
export const NAMED_MODEL = new RegExp(`\\.(?:${alt([...MODEL_ONLY_EXTENSIONS, ...SHARED_MODEL_EXTENSIONS].filter((e) => !MAGIC_EXTENSIONS.has(e)))})$`, 'i');

/** A name other formats use too (see `GENERIC_MODEL_EXTENSIONS`). */
export const GENERIC_MODEL_NAME = new RegExp(`\\.(?:${alt(GENERIC_MODEL_EXTENSIONS)})$`, 'i');

/** A trailing compression suffix (what `inner` strips to get the name inside the compression). */
export const COMPRESSION_SUFFIX = new RegExp(`\\.(?:${alt(COMPRESSION_SUFFIXES)})$`, 'i');

/**
 * A file name a model is stored under, as the scanner reads it: a model extension
 * (`MODEL_EXTENSIONS`), optionally archived and/or compressed (`model.pth.tar`, `clf.pkl.gz`,
 * `model.joblib.lz4`, `weights.pt.tar.gz`, `clf.pkl.7z`), or an archive whose base name says model
 * (`model.tar.gz`, SageMaker's artifact; `checkpoints.tgz`, `bert_weights.zip`, `weights.7z`). Not
 * other files in archives (`images.tar.gz`, `train.csv.gz`): those are claimed by their content only.
 */
const MODEL_FILE_NAME = new RegExp(
  `(?:\\.(?:${alt([...MODEL_ONLY_EXTENSIONS, ...SHARED_MODEL_EXTENSIONS])})(?:\\.(?:tar|zip|7z|rar))?` +
    `|(?:^|[/\\\\._-])(?:models?|checkpoints?|weights|ckpt)(?:\\.(?:tar|zip|tgz|tzst|7z|rar)|(?=\\.tar\\.)))` +
    `(?:\\.(?:${alt(COMPRESSION_SUFFIXES)}))?$`,
  'i',
);

/** Whether a path's name is one a model file is stored under (see `MODEL_FILE_NAME`). */
export function isModelFileName(path: string): boolean {
  return MODEL_FILE_NAME.test(path);
}

/**
 * A path in a directory models are kept in (`models/`, `checkpoints/`, `weights/`, `ckpt/`, a Hugging
 * Face cache's `models--owner--name/`): where an archive the scanner cannot open (7z, RAR) is taken
 * for a model whatever its own name.
 */
export function inModelDirectory(path: string): boolean {
  return /(?:^|[/\\])(?:models?|checkpoints?|weights|ckpt|models--[^/\\]+)[/\\]/i.test(path);
}
