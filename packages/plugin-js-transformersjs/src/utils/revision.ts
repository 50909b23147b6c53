import type { JsNode, JsSourceCode } from '@oculum/lang-js';

/**
 * How a `revision` option pins a Hub download:
 * - `commit`: a full 40-hex commit hash (immutable);
 * - `dynamic`: held in a variable the analysis cannot see (counts as pinned, as in DETECTION.md);
 * - `tag`: looks like a version tag (`v1.2`): movable, but weaker than a branch;
 * - `branch`: any other name (`main`): moves with every push;
 * - `missing`: not given (transformers.js and @huggingface/hub default to `main`).
 */
export type RevisionKind = 'commit' | 'dynamic' | 'tag' | 'branch' | 'missing';

const COMMIT = /^[0-9a-f]{40}$/i;
/** `v1`, `v1.2.0`, `1.2`, `2.0.0-rc1`: version tags (a bare number or short hash is not one). */
const TAG = /^(v\d+(\.\d+)*|\d+(\.\d+)+)([-+][\w.-]*)?$/i;

export function classifyRevision(sc: JsSourceCode, node: JsNode | undefined): { kind: RevisionKind; value?: string } {
  if (!node) return { kind: 'missing' };
  if (node.type === 'Identifier' && node.name === 'undefined' && !sc.binding(node)) return { kind: 'missing' };
  const v = sc.constant(node);
  if (v === null) return { kind: 'missing' };
  if (typeof v !== 'string') return { kind: 'dynamic' };
  if (COMMIT.test(v)) return { kind: 'commit', value: v };
  if (v === '') return { kind: 'missing' };
  return { kind: TAG.test(v) ? 'tag' : 'branch', value: v };
}

/**
 * Names that are branches by convention (`main`, `master`, `dev`, `refs/pr/3`, `refs/heads/x`).
 * Any other name that is no commit nor version tag (`"default"`, `"onnx"`) is only known not to be a
 * commit: a branch or a tag, either of which can move.
 */
const BRANCH_NAMES = /^(main|master|dev|develop|development|staging|stable|prod|production|release|trunk|latest|refs\/(heads|pr)\/.+)$/i;

export function isBranchName(revision: string): boolean {
  return BRANCH_NAMES.test(revision);
}
