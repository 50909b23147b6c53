import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { JsNode } from './types.js';

const KEYS = visitorKeys as Record<string, readonly string[] | undefined>;

let nodeTypeSet: ReadonlySet<string> | undefined;
/** Every node type of the trees rules walk (ESTree, JSX and TypeScript's: the keys of `visitor-keys`). */
export function jsNodeTypes(): ReadonlySet<string> {
  return (nodeTypeSet ??= new Set(Object.keys(KEYS)));
}
/** Properties that never hold child nodes (or point back up the tree). */
const NON_CHILD_KEYS = new Set(['parent', 'loc', 'range', 'start', 'end', 'comments', 'tokens', 'leadingComments', 'trailingComments']);

function isNode(value: unknown): value is JsNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Keys of a node type unknown to the visitor keys (e.g. from a newer parser): every node-valued property. */
function fallbackKeys(node: JsNode): string[] {
  return Object.keys(node).filter((key) => {
    if (NON_CHILD_KEYS.has(key)) return false;
    const value = (node as unknown as Record<string, unknown>)[key];
    return Array.isArray(value) ? value.some(isNode) : isNode(value);
  });
}

/** The child nodes of a node, in source order (the order of `@typescript-eslint/visitor-keys`). */
export function childrenOf(node: JsNode): JsNode[] {
  const keys = KEYS[node.type] ?? fallbackKeys(node);
  const out: JsNode[] = [];
  const record = node as unknown as Record<string, unknown>;
  for (const key of keys) {
    const value = record[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) out.push(item);
    } else if (isNode(value)) {
      out.push(value);
    }
  }
  return out;
}

/**
 * Walks a tree depth-first in source order with an explicit stack (deep expression chains such as
 * a 10 000-term string concatenation must not overflow the call stack).
 */
export function walk(
  root: JsNode,
  enter: (node: JsNode, parent: JsNode | undefined) => void | false,
  exit?: (node: JsNode) => void,
): void {
  const stack: Array<{ node: JsNode; parent: JsNode | undefined; exit: boolean }> = [{ node: root, parent: undefined, exit: false }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item.exit) {
      exit?.(item.node);
      continue;
    }
    const descend = enter(item.node, item.parent);
    if (exit) stack.push({ node: item.node, parent: item.parent, exit: true });
    if (descend === false) continue;
    const children = childrenOf(item.node);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], parent: item.node, exit: false });
  }
}
