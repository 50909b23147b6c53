import type { ModelFile, PickleGlobalFact } from '../ast.js';
import { JOBLIB_FILE_WRAPPER } from '../pickle/machine.js';
import { FILE_LOC } from '../language.js';
import { dotted, policyFor, type GlobalPolicy, type GlobalJudgement } from '../policy.js';

export { FILE_LOC, dotted, policyFor };

/** ` in archive/data.pkl` for archive members, '' for the file itself. */
export function where(member: string): string {
  return member ? ` in ${member}` : '';
}

/**
 * Judges a pickle global; TorchScript archives name their own classes `__torch__.*`, and
 * `builtins.getattr` and the universal import helpers are judged on how the pickle used them (bound
 * methods, names resolved: `GlobalPolicy.judgeUsage`).
 */
export function judgeGlobal(policy: GlobalPolicy, g: PickleGlobalFact): GlobalJudgement {
  if (g.torchscript && (g.module === '__torch__' || g.module.startsWith('__torch__.') || g.module === 'torch.jit._pickle')) {
    return { verdict: 'safe', reason: 'TorchScript class' };
  }
  if (g.getattr) return policy.judgeUsage(g.module, g.name, g.getattr);
  return policy.judge(g.module, g.name);
}


/**
 * Does a file a pickle names (relative to the pickle's directory, as `os.path.join` takes it) lie
 * outside that directory? Absolute paths (POSIX or Windows), `..` components, and a name that is
 * not known do.
 */
export function leavesDirectory(path: string | undefined): boolean {
  if (path === undefined) return true;
  if (/^(?:[\\/]|[A-Za-z]:)/.test(path)) return true;
  return path.split(/[\\/]/).includes('..');
}

/** Another file a joblib array wrapper in the pickle makes `joblib.load` read. */
export interface CompanionFile {
  member: string;
  /** As the pickle names it (relative to its directory), undefined when not a constant string. */
  path: string | undefined;
  /** The wrapper class. */
  via: string;
  /** `numpy.load` (`allow_pickle=True`: an object array in it is unpickled) or `builtins.open` (read into an array). */
  callee: string;
}

/** The files joblib's `NDArrayWrapper`/`ZNDArrayWrapper` BUILDs make `joblib.load` read (recorded as calls by the pickle machine). */
export function companionFiles(file: ModelFile): CompanionFile[] {
  const out: CompanionFile[] = [];
  for (const c of file.calls) {
    if (!c.opcode.startsWith('BUILD ') || !JOBLIB_FILE_WRAPPER.test(c.opcode.slice(6))) continue;
    let path: string | undefined;
    try {
      path = c.args === '?' ? undefined : String(JSON.parse(c.args));
    } catch {
      path = undefined;
    }
    out.push({ member: c.member, path, via: c.opcode.slice(6), callee: c.callee });
  }
  return out;
}

/** Groups facts by member, keeping the first occurrence order. */
export function byMember<T extends { member: string }>(facts: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const f of facts) {
    const list = m.get(f.member) ?? [];
    list.push(f);
    m.set(f.member, list);
  }
  return m;
}

export function list(items: string[], max = 5): string {
  const uniq = [...new Set(items)];
  return uniq.length > max ? `${uniq.slice(0, max).join(', ')} and ${uniq.length - max} more` : uniq.join(', ');
}

export type { ModelFile };
