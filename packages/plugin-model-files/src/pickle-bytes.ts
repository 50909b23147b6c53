/**
 * What a pickle held in memory would import, for rules that meet one written into source code
 * (`pickle.loads(b"cnumpy\ndtype\n…")`): read by the same machine and judged by the same policy
 * (`settings.model`) as a pickle in a model file. Nothing is unpickled.
 */
import { detectFormat } from './formats/detect.js';
import { PickleMachine, type PickleScanResult } from './pickle/machine.js';
import { dotted, policyFor } from './policy.js';

export interface PickleBytesImport {
  /** `module.name` as the unpickler would import it. */
  name: string;
  verdict: 'dangerous' | 'suspicious';
}

export interface PickleBytesReport {
  /** A whole, well-formed pickle every import of which the policy allows: loading it runs nothing else. */
  inert: boolean;
  /** Imports outside the allowlist, dangerous ones first, each once. */
  imports: PickleBytesImport[];
}

/** The most bytes read: a pickle written into a source file is small. */
const MAX_BYTES = 1 << 20;
const NO_SETTINGS = {};

/** How deep pickles nested in byte strings are followed (`_load_from_bytes(b"…")` inside the pickle). */
const MAX_NESTING = 4;

/**
 * Judges the pickle `bytes` holds (what `pickle.loads(bytes)` reads: the first pickle only), and the
 * pickles nested in its byte strings as the model-file scanner follows them (`torch.storage.
 * _load_from_bytes(b"…")`, `pickle.loads(bytes([...]))`): a nested pickle's imports count as the outer
 * one's, and one that cannot be followed leaves the pickle not inert.
 */
export function judgePickleBytes(bytes: Uint8Array, settings?: Record<string, unknown>): PickleBytesReport {
  if (bytes.length > MAX_BYTES) return { inert: false, imports: [] };
  const policy = policyFor(settings ?? NO_SETTINGS);
  const seen = new Map<string, PickleBytesImport>();
  let inert = true;
  const judge = (result: PickleScanResult, depth: number, outer: boolean): void => {
    if (!result.clean || (outer && result.pickles < 1)) inert = false;
    for (const g of result.globals) {
      const name = dotted(g);
      if (seen.has(name)) continue;
      const { verdict } = g.getattr ? policy.judgeUsage(g.module, g.name, g.getattr) : policy.judge(g.module, g.name);
      if (verdict !== 'safe') seen.set(name, { name, verdict });
    }
    for (const blob of result.embedded) {
      // bytes handed to a loader, or bytes that read as a pickle: what the scanner follows too
      if (!blob.confirmed && !blob.result && detectFormat(blob.data) !== 'pickle') continue;
      if (depth >= MAX_NESTING) {
        inert = false;
        continue;
      }
      judge(blob.result ?? scan(blob.data), depth + 1, false);
    }
  };
  judge(scan(bytes), 0, true);
  const imports = [...seen.values()].sort((a, b) => (a.verdict === b.verdict ? 0 : a.verdict === 'dangerous' ? -1 : 1));
  return { inert: inert && imports.length === 0, imports };
}

function scan(bytes: Uint8Array): PickleScanResult {
  const machine = new PickleMachine({ mode: 'single', joblib: false });
  machine.feed(bytes);
  return machine.end();
}

/**
 * The verdict of the policy (`settings.model`) on one global, `module.name` (`name` `*` for the whole
 * module), as a pickle importing it would be judged: for rules that read an allowlist written in source
 * (an `Unpickler.find_class` override, `torch.serialization.add_safe_globals([...])`).
 */
export function judgeGlobal(module: string, name: string, settings?: Record<string, unknown>): 'safe' | 'dangerous' | 'suspicious' {
  return policyFor(settings ?? NO_SETTINGS).judge(module, name).verdict;
}
