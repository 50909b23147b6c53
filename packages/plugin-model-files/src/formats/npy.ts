/**
 * NumPy `.npy`: magic, version, a Python-literal header dict (`descr`, `fortran_order`, `shape`),
 * then raw data or — for object arrays — a pickle. `np.load(allow_pickle=True)` unpickles it.
 */

export interface NpyHeader {
  version: string;
  headerEnd: number;
  descr: string;
  object: boolean;
  shape: number[] | undefined;
  itemsize: number | undefined;
  problems: string[];
}

export function parseNpyHeader(head: Uint8Array): NpyHeader | { need: number } | { error: string } {
  if (head.length < 10) return { need: 10 };
  const major = head[6];
  const minor = head[7];
  let hlen: number;
  let start: number;
  if (major === 1) {
    hlen = head[8] | (head[9] << 8);
    start = 10;
  } else if (major === 2 || major === 3) {
    if (head.length < 12) return { need: 12 };
    hlen = (head[8] | (head[9] << 8) | (head[10] << 16)) + head[11] * 0x1000000;
    start = 12;
  } else return { error: `unsupported .npy version ${major}.${minor}` };
  if (hlen > 1 << 24) return { error: `header length ${hlen} is implausibly large` };
  if (head.length < start + hlen) return { need: start + hlen };
  const text = Buffer.from(head.subarray(start, start + hlen)).toString(major === 3 ? 'utf8' : 'latin1');
  const problems: string[] = [];
  const descrStr = /['"]descr['"]\s*:\s*(['"])([^'"]*)\1/.exec(text);
  const descrList = /['"]descr['"]\s*:\s*\[/.exec(text);
  let descr = '';
  let object = false;
  if (descrStr) {
    descr = descrStr[2];
    object = /O/.test(descr);
  } else if (descrList) {
    descr = 'structured';
    // any field of kind O makes the whole array an object array
    object = /['"][<>|=]?O\d*['"]/.test(text.slice(descrList.index));
  } else problems.push('header has no descr');
  const shapeM = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(text);
  let shape: number[] | undefined;
  if (shapeM) {
    const parts = shapeM[1].split(',').map((s) => s.trim().replace(/L$/, '')).filter(Boolean);
    shape = parts.map((p) => Number(p));
    if (shape.some((d) => !Number.isSafeInteger(d) || d < 0)) {
      problems.push(`shape (${shapeM[1]}) is not a tuple of non-negative integers`);
      shape = undefined;
    }
  } else problems.push('header has no shape');
  if (!/['"]fortran_order['"]\s*:\s*(True|False)/.test(text)) problems.push('header has no fortran_order');
  let itemsize: number | undefined;
  const m = /^[<>|=]?([a-zA-Z?])(\d*)$/.exec(descr);
  if (m && !object) {
    const k = m[1];
    const n = m[2] ? Number(m[2]) : k === '?' ? 1 : 0;
    itemsize = k === 'U' ? n * 4 : n || undefined;
  }
  return { version: `${major}.${minor}`, headerEnd: start + hlen, descr, object, shape, itemsize, problems };
}
