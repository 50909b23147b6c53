/**
 * What the project's own dependency files say about the installed torch (`--depth deep` only).
 * Reading is static and cached per directory by `findProjectDependencies` in @oculum/lang-python.
 */
import { dirname, relative } from 'node:path';
import { findProjectDependencies } from '@oculum/lang-python';
import type { Context } from './utils.js';

/** Releases up to these have published `weights_only=True` bypasses (the first is CVE-2025-32434). */
export const WEIGHTS_ONLY_BYPASS_VERSIONS = ['2.5.1', '2.9.1'] as const;
/** The first release where `torch.load` defaults to `weights_only=True`. */
export const SAFE_DEFAULT_VERSION = '2.6';

export interface TorchVersionInfo {
  /** Every torch the project allows is >= 2.6: a missing `weights_only` means True. */
  safeDefault: boolean;
  /** The highest bypass-affected release the project allows (e.g. `2.9.1`), if any. */
  bypassVersion?: string;
  /** The dependency file that pins torch, relative to the scan root (for messages). */
  pinnedIn?: string;
}

const NONE: TorchVersionInfo = { safeDefault: false };

export function torchVersionInfo(context: Context): TorchVersionInfo {
  if (context.depth !== 'deep') return NONE;
  let deps;
  try {
    deps = findProjectDependencies(dirname(context.filename), { root: context.cwd });
  } catch {
    return NONE;
  }
  const reqs = deps.requirements('torch');
  if (reqs.length === 0) return NONE;
  const safeDefault = deps.requiresAtLeast('torch', SAFE_DEFAULT_VERSION);
  let bypassVersion: string | undefined;
  for (const v of WEIGHTS_ONLY_BYPASS_VERSIONS) {
    if (deps.allowsAtMost('torch', v)) {
      bypassVersion = v;
      break;
    }
  }
  const file = reqs.find((r) => !r.marker)?.file ?? reqs[0].file;
  const rel = relative(context.cwd, file);
  return { safeDefault, bypassVersion, pinnedIn: rel && !rel.startsWith('..') ? rel : file };
}

/** The sentence every torch.load message ends with when a bypass-affected torch can be installed. */
export function bypassNote(info: TorchVersionInfo): string {
  if (!info.bypassVersion) return '';
  const cve = info.bypassVersion === '2.5.1' ? ' (CVE-2025-32434)' : '';
  return ` The project's dependencies allow torch <= ${info.bypassVersion}, whose weights_only=True has known bypasses${cve}: require torch > 2.9.1.`;
}
