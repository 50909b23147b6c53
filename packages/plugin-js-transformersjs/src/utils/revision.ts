import { UNKNOWN } from '@oculum/core';
import { unwrapExpression, type JsNode, type JsSourceCode, type OptionChoices } from '@oculum/lang-js';

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
  return classifyRevisionValue(v);
}

/** How a known revision string pins (see `RevisionKind`; `''` is none). */
export function classifyRevisionValue(v: string): { kind: RevisionKind; value?: string } {
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

/** How far a revision is from a pin: a missing one is worst, a tag (unless accepted) is the least bad. */
function rank(kind: RevisionKind, allowTags: boolean): number {
  switch (kind) {
    case 'missing':
      return 3;
    case 'branch':
      return 2;
    case 'tag':
      return allowTags ? 0 : 1;
    default:
      return 0;
  }
}

/**
 * The revision a load uses when its options may be one of several objects (`JsSourceCode.argumentChoices`):
 * the least pinned of the revisions they give (`missing` for an object without one), with
 * - `pinned`: every object seen pins it (a commit, a variable, a tag when `allowTags`) — also when
 *   something not seen might change it (`{ revision: SHA, ...opts }`: a revision in view counts, as a
 *   variable does), but not when the options may be, as a whole, an object not seen (`dev ? opts :
 *   { revision: SHA }`, `opts ?? { revision: SHA }`: `unseenObjects`), which may give none;
 * - `partly`: some of the objects pin it and others do not (`dev ? {} : { revision: SHA }`): unpinned
 *   on some paths only;
 * - `unseen`: the options may be (or spread) something the analysis cannot see; with `kind` `missing`
 *   and no other object seen, nothing is known of the revision;
 * - `overridable`: a revision the analysis reads as the values it may take (`dev ? "main" : SHA`),
 *   one of them the default of a value not known (`process.env.REV ?? "main"`), which may pin it.
 */
export function revisionFromChoices(
  sc: JsSourceCode,
  choices: OptionChoices,
  allowTags: boolean,
): { kind: RevisionKind; value?: string; pinned: boolean; partly: boolean; unseen: boolean; overridable?: boolean } {
  const revisions: Array<{ kind: RevisionKind; value?: string }> = [];
  // a value not known whose known values are (`dev ? "main" : SHA`, `process.env.REV ?? "main"`): each
  // of them; a default the environment may override is judged as the default (`overridable`)
  let overridable = false;
  // (`dev ? undefined : SHA`: each branch, `undefined` being none)
  const values: JsNode[] = [];
  const branches = (v: JsNode, depth: number): void => {
    const n = unwrapExpression(v);
    if (n.type === 'ConditionalExpression' && depth < 8 && sc.constant(n.test) === UNKNOWN) {
      branches(n.consequent, depth + 1);
      branches(n.alternate, depth + 1);
    } else values.push(v);
  };
  for (const v of choices.values) branches(v, 0);
  for (const v of values) {
    const r = classifyRevision(sc, v);
    // (a member of `this`, `this.revision`, is left as it is: a `null` it starts as is no revision it
    // loads at). A name or member known as a constant may still be a parameter's default a caller
    // replaces (`rev = "main"` of a helper the file calls with a commit, an exported one's default):
    // what `knownValues` says of it (`constant` gives the default alone).
    const n = unwrapExpression(v);
    const thisMember = n.type === 'MemberExpression' && unwrapExpression(n.object).type === 'ThisExpression';
    let known = n.type !== 'Literal' && n.type !== 'TemplateLiteral' && !thisMember ? sc.knownValues(v, { absentAsNull: true }) : undefined;
    // A member of `this` not known as one constant (`this.revision = revision` of a constructor
    // parameter `revision = "main"`, a TypeScript parameter property): the strings it may be given, and
    // others, when it may be given one (its starting `null` is no revision it loads at)
    if (thisMember && r.kind === 'dynamic') {
      const k = sc.knownValues(v);
      const strings = k?.values.filter((x): x is string => typeof x === 'string');
      if (k && strings && strings.length > 0 && strings.length + k.values.filter((x) => x === null).length === k.values.length) known = { values: strings, others: true };
    }
    if (!known) {
      revisions.push(r);
      continue;
    }
    for (const k of known.values) revisions.push(k === null || k === undefined ? { kind: 'missing' } : typeof k === 'string' ? classifyRevisionValue(k) : { kind: 'dynamic' });
    if (known.others) overridable = true;
  }
  // (options that may be, as a whole, an object not seen, `dev ? opts : { revision: SHA }`, may give none)
  if (choices.absent || (choices.unseenObjects?.length ?? 0) > 0) revisions.push({ kind: 'missing' });
  const unseen = choices.unseen.length > 0;
  if (revisions.length === 0) return { kind: 'missing', pinned: false, partly: false, unseen };
  let worst = revisions[0];
  for (const r of revisions) if (rank(r.kind, allowTags) > rank(worst.kind, allowTags)) worst = r;
  const pinned = rank(worst.kind, allowTags) === 0;
  const partly = !pinned && revisions.some((r) => rank(r.kind, allowTags) === 0);
  return { ...worst, pinned, partly, unseen, ...(overridable && !pinned ? { overridable } : {}) };
}
