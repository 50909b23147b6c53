import type { ModelFile, PickleGlobalFact } from '../ast.js';
import { FILE_LOC } from '../language.js';
import { dotted, policyFor, type GlobalPolicy, type GlobalJudgement } from '../policy.js';

export { FILE_LOC, dotted, policyFor };

/** ` in archive/data.pkl` for archive members, '' for the file itself. */
export function where(member: string): string {
  return member ? ` in ${member}` : '';
}

/**
 * Judges a pickle global; TorchScript archives name their own classes `__torch__.*`, and
 * `builtins.getattr` is judged on how the pickle used it (bound methods, `GlobalPolicy.judgeGetattr`).
 */
export function judgeGlobal(policy: GlobalPolicy, g: PickleGlobalFact): GlobalJudgement {
  if (g.torchscript && (g.module === '__torch__' || g.module.startsWith('__torch__.') || g.module === 'torch.jit._pickle')) {
    return { verdict: 'safe', reason: 'TorchScript class' };
  }
  if (g.getattr) return policy.judgeGetattr(g.getattr);
  return policy.judge(g.module, g.name);
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
