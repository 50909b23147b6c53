import type { JsNode, JsSourceCode, TSESTree } from '@oculum/lang-js';
import { isTransformersModule } from './libraries.js';

/** The writes to transformers.js `env.allowRemoteModels` in a file. */
interface RemoteModelWrites {
  /** The last module-level write is a constant `false`. */
  offAtModuleLevel: boolean;
  /** A write of anything but a constant `false` inside a function (it may run after the module-level `false`). */
  onInFunction: boolean;
  /** `= false` writes inside functions. */
  offInFunctions: TSESTree.AssignmentExpression[];
  /** Writes of anything but a constant `false`, anywhere. */
  on: TSESTree.AssignmentExpression[];
}

const cache = new WeakMap<JsSourceCode, RemoteModelWrites>();

function writesOf(sc: JsSourceCode): RemoteModelWrites {
  let writes = cache.get(sc);
  if (writes) return writes;
  const found: RemoteModelWrites = { offAtModuleLevel: false, onInFunction: false, offInFunctions: [], on: [] };
  sc.descendants(sc.ast, (n) => {
    if (n.type !== 'AssignmentExpression') return;
    const target = sc.importedMember(n.left);
    if (!target || !isTransformersModule(target.module) || target.path.join('.') !== 'env.allowRemoteModels') return;
    const off = n.operator === '=' && sc.constant(n.right) === false;
    const inFunction = sc.enclosingFunction(n) !== undefined;
    if (off) {
      if (inFunction) found.offInFunctions.push(n);
      else found.offAtModuleLevel = true;
      return;
    }
    found.on.push(n);
    // The last module-level write decides (source order is the order module-level code runs in).
    if (inFunction) found.onInFunction = true;
    else found.offAtModuleLevel = false;
  });
  writes = found;
  cache.set(sc, writes);
  return writes;
}

/**
 * `write` (`env.allowRemoteModels = false` in a function) has run whenever `call` runs: both are in
 * the same function, the write is a statement of a block that holds the call, and it comes before it
 * (straight-line code: a write in a branch or in a nested function that may not run does not count).
 */
function runsBefore(sc: JsSourceCode, write: TSESTree.AssignmentExpression, call: JsNode): boolean {
  const fn = sc.enclosingFunction(write);
  if (!fn || sc.enclosingFunction(call) !== fn) return false;
  const statement = sc.parent(write);
  if (statement?.type !== 'ExpressionStatement') return false;
  const block = sc.parent(statement);
  if (block?.type !== 'BlockStatement' || statement.range[1] > call.range[0]) return false;
  return sc.ancestors(call).includes(block);
}

/**
 * transformers.js fetches no remote models for `call`: `env.allowRemoteModels = false` at module level
 * (the last module-level write, with no other value written inside a function), or in the same
 * function on the straight-line path before the call with nothing else written between them.
 */
export function remoteModelsOff(sc: JsSourceCode, call: JsNode): boolean {
  const writes = writesOf(sc);
  if (writes.offAtModuleLevel && !writes.onInFunction) return true;
  return writes.offInFunctions.some(
    (off) => runsBefore(sc, off, call) && !writes.on.some((on) => on.range[0] > off.range[1] && on.range[1] < call.range[0]),
  );
}
