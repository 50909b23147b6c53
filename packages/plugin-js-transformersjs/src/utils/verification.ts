import type { JsNode, JsSourceCode, TSESTree } from '@oculum/lang-js';
import { isFunctionNode, staticKey, unwrapExpression } from '@oculum/lang-js';

/** Hashing libraries: any call into them counts as a hash computation. */
const HASH_LIBRARIES = /^(hash-wasm|js-sha256|js-sha512|js-sha3|@noble\/hashes(\/.*)?|crypto-js(\/.*)?|ssri|hasha|@aws-crypto\/sha256-js|sha\.js)$/;
const NODE_HASH = new Set(['crypto.createHash', 'crypto.hash', 'crypto.subtle.digest', 'crypto.webcrypto.subtle.digest']);

/** How far the search follows calls into functions of the same file. */
const MAX_CALL_DEPTH = 3;

/** A call that computes a digest: Web Crypto `subtle.digest`, `crypto.createHash`, a hashing library. */
export function isHashCall(sc: JsSourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const qn = sc.qualifiedName(call.callee);
  if (qn && NODE_HASH.has(qn)) return true;
  const member = sc.importedMember(call.callee);
  if (member && HASH_LIBRARIES.test(member.module)) return true;
  const global = sc.globalName(call.callee);
  if (global && /(^|\.)subtle\.digest$/.test(global)) return true;
  const callee = unwrapExpression(call.callee);
  if (callee.type === 'MemberExpression' && staticKey(callee) === 'digest') {
    const obj = unwrapExpression(callee.object);
    if (obj.type === 'MemberExpression' && staticKey(obj) === 'subtle') return true;
    if (obj.type === 'Identifier' && obj.name === 'subtle') return true;
  }
  return false;
}

/** Calls that compare their arguments or receiver (`timingSafeEqual(a, b)`, `buf.equals(x)`, `assert.strictEqual`, `equalBytes`). */
const COMPARISON = /equal|^compare|^(?:includes|has|toBe|matches)$/i;

function isComparison(node: JsNode): boolean {
  if (node.type === 'BinaryExpression') return node.operator === '===' || node.operator === '!==' || node.operator === '==' || node.operator === '!=';
  if (node.type !== 'CallExpression') return false;
  const callee = unwrapExpression(node.callee);
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticKey(callee) : undefined;
  return name !== undefined && COMPARISON.test(name);
}

/**
 * A digest checks something when it is compared: in the expression that computes it
 * (`createHash("sha256").update(buf).digest("hex") !== PINNED`), through the variable it is
 * assigned to, or handed back to a caller (a helper that computes the digest for its caller's
 * check). A digest of the URL kept as a cache key is none of these.
 */
function digestChecked(sc: JsSourceCode, call: JsNode): boolean {
  let cur: JsNode = call;
  for (let p = sc.parent(cur); p; cur = p, p = sc.parent(p)) {
    if (isComparison(p)) return true;
    if (p.type === 'ReturnStatement' || (p.type === 'ArrowFunctionExpression' && p.body === cur)) return true;
    const target = p.type === 'VariableDeclarator' && p.init === cur ? p.id : p.type === 'AssignmentExpression' && p.right === cur ? p.left : undefined;
    if (target) return target.type === 'Identifier' && nameCompared(sc, target);
    if (p.type.endsWith('Statement') || p.type.endsWith('Declaration') || isFunctionNode(p)) return false;
  }
  return false;
}

/** Is a use of the variable `id` compared (or returned), as `digestChecked` reads an expression? */
function nameCompared(sc: JsSourceCode, id: TSESTree.Identifier): boolean {
  const binding = sc.binding(id);
  if (!binding) return false;
  return sc.references(binding).some((ref) => ref !== id && digestChecked(sc, ref));
}

/** Names of helpers that check digests (`verifySha256`, `assertChecksum`, `checkIntegrity`). */
const VERIFIER_NAME = /verif|checksum|digest|integrity|sha-?(1|256|384|512)|hash/i;

/**
 * A call to a function imported from another file of the project whose name says it verifies
 * (`import { verifyModel } from './integrity.js'`): the check lives in a file this analysis does not
 * read, so the name is taken at its word rather than reporting verified code.
 */
function isImportedVerifier(sc: JsSourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const member = sc.importedMember(call.callee);
  if (!member || !/^\.{1,2}\/|^[@~#]\//.test(member.module)) return false;
  const name = member.path[member.path.length - 1] ?? member.module.split('/').pop() ?? '';
  return VERIFIER_NAME.test(name);
}

/** An object literal property `integrity: <non-empty>` (Subresource Integrity on fetch). */
function isIntegrityOption(sc: JsSourceCode, node: JsNode): boolean {
  if (node.type !== 'Property' || staticKey(node) !== 'integrity') return false;
  const v = sc.constant(node.value);
  return v !== '' && v !== null && v !== false;
}

/** The functions of this file that call `fn` (by the name it is bound to). */
export function callersOf(sc: JsSourceCode, fn: JsNode): JsNode[] {
  let id: TSESTree.Identifier | undefined;
  if (fn.type === 'FunctionDeclaration' && fn.id) id = fn.id;
  else {
    const parent = sc.parent(fn);
    if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') id = parent.id;
  }
  if (!id) return [];
  const binding = sc.binding(id);
  if (!binding) return [];
  const out: JsNode[] = [];
  for (const ref of sc.references(binding)) {
    const parent = sc.parent(ref);
    if (parent && (parent.type === 'CallExpression' || parent.type === 'NewExpression') && parent.callee === ref) {
      out.push(sc.enclosingFunction(ref) ?? sc.ast);
    }
  }
  return out;
}

/**
 * True when the region (a function, or the whole file for top-level code) verifies a digest or asks
 * for Subresource Integrity — itself, in functions of the file it calls (transitively), or in the
 * functions that call it (the check is often done by the caller on the returned bytes).
 */
const cache = new WeakMap<JsSourceCode, Map<JsNode, boolean>>();

export function hasIntegrityCheck(sc: JsSourceCode, region: JsNode): boolean {
  let perFile = cache.get(sc);
  if (!perFile) cache.set(sc, (perFile = new Map()));
  let answer = perFile.get(region);
  if (answer === undefined) perFile.set(region, (answer = searchIntegrityCheck(sc, region)));
  return answer;
}

function searchIntegrityCheck(sc: JsSourceCode, region: JsNode): boolean {
  const seen = new Set<JsNode>();
  const search = (root: JsNode, depth: number): boolean => {
    if (seen.has(root)) return false;
    seen.add(root);
    let found = false;
    const callees: JsNode[] = [];
    sc.descendants(root, (n) => {
      if (found) return false;
      if (n.type === 'CallExpression' || n.type === 'NewExpression') {
        if (isHashCall(sc, n) && digestChecked(sc, n)) {
          found = true;
          return false;
        }
        const fn = sc.calledFunction(n);
        if (fn) callees.push(fn);
        else if (isImportedVerifier(sc, n)) {
          found = true;
          return false;
        }
      } else if (isIntegrityOption(sc, n)) {
        found = true;
        return false;
      }
      return undefined;
    });
    if (found) return true;
    if (depth >= MAX_CALL_DEPTH) return false;
    return callees.some((fn) => search(fn, depth + 1));
  };
  if (search(region, 0)) return true;
  if (!isFunctionNode(region)) return false;
  return callersOf(sc, region).some((caller) => search(caller, 1));
}
