/**
 * What a pickle held in memory would import, for rules that meet one written into source code
 * (`pickle.loads(b"cnumpy\ndtype\n…")`): read by the same machine and judged by the same policy
 * (`settings.model`) as a pickle in a model file. Nothing is unpickled.
 */
import { PickleMachine } from './pickle/machine.js';
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

/** Judges the pickle `bytes` holds (what `pickle.loads(bytes)` reads: the first pickle only). */
export function judgePickleBytes(bytes: Uint8Array, settings?: Record<string, unknown>): PickleBytesReport {
  if (bytes.length > MAX_BYTES) return { inert: false, imports: [] };
  const machine = new PickleMachine({ mode: 'single', joblib: false });
  machine.feed(bytes);
  const result = machine.end();
  const policy = policyFor(settings ?? NO_SETTINGS);
  const seen = new Map<string, PickleBytesImport>();
  for (const g of result.globals) {
    const name = dotted(g);
    if (seen.has(name)) continue;
    const { verdict } = g.getattr ? policy.judgeGetattr(g.getattr) : policy.judge(g.module, g.name);
    if (verdict !== 'safe') seen.set(name, { name, verdict });
  }
  const imports = [...seen.values()].sort((a, b) => (a.verdict === b.verdict ? 0 : a.verdict === 'dangerous' ? -1 : 1));
  return { inert: result.clean && result.pickles >= 1 && imports.length === 0, imports };
}
