import { createRule } from '@oculum/core';
import type { Node } from 'web-tree-sitter';
import { python } from '../src/index.js';
import type { PythonSourceCode } from '../src/source-code.js';

export async function parse(text: string, path = 'test.py'): Promise<PythonSourceCode> {
  await python.init!();
  return python.parse({ path, text, settings: {}, depth: 'standard' });
}

/** All nodes of a type, in source order. */
export function nodesOfType(sc: PythonSourceCode, type: string): Node[] {
  return sc.ast.descendantsOfType(type);
}

/** The nth (0-based) call in the file whose text starts with `prefix`. */
export function callStarting(sc: PythonSourceCode, prefix: string, nth = 0): Node {
  const found = nodesOfType(sc, 'call').filter((c) => sc.getText(c).startsWith(prefix));
  if (!found[nth]) throw new Error(`no call #${nth} starting with ${prefix}`);
  return found[nth];
}

/** Qualified name of the callee of each call whose text starts with `prefix` (nth occurrence). */
export function calleeName(sc: PythonSourceCode, prefix: string, nth = 0): string | undefined {
  return sc.qualifiedName(sc.callee(callStarting(sc, prefix, nth))!);
}

/** The nth identifier with this name. */
export function ident(sc: PythonSourceCode, name: string, nth = 0): Node {
  const found = nodesOfType(sc, 'identifier').filter((n) => n.text === name);
  if (!found[nth]) throw new Error(`no identifier #${nth} ${name}`);
  return found[nth];
}

/** The last identifier with this name. */
export function lastIdent(sc: PythonSourceCode, name: string): Node {
  const found = nodesOfType(sc, 'identifier').filter((n) => n.text === name);
  if (found.length === 0) throw new Error(`no identifier ${name}`);
  return found[found.length - 1];
}

/** Right-hand side value of the (nth) assignment to `name`. */
export function valueOf(sc: PythonSourceCode, name: string, nth = 0): Node {
  const found = nodesOfType(sc, 'assignment').filter((a) => a.childForFieldName('left')?.text === name);
  if (!found[nth]) throw new Error(`no assignment #${nth} to ${name}`);
  return found[nth].childForFieldName('right')!;
}

/** A toy rule reporting every call whose text starts with `torch.load` (for directive and line tests through `lintText`). */
export function torchLoadRule() {
  return createRule({
    name: 'loads',
    meta: {
      detector: 'unsafe_model_load',
      severity: 'high',
      languages: ['python'],
      triggers: ['load'],
      docs: { description: 'Every torch.load call.', recommended: true },
      messages: { call: 'A load.' },
      remediation: 'None.',
    },
    create: (context) => ({
      call: (node: unknown) => {
        if (context.sourceCode.getText(node as never).startsWith('torch.load')) context.report({ node: node as never, messageId: 'call' });
      },
    }),
  });
}
