import type { JsNode, JsSourceCode, TSESTree } from '@oculum/lang-js';
import { isFunctionNode, staticKey, unwrapExpression } from '@oculum/lang-js';
import { perNode } from './memo.js';

/** Hashing libraries: any call into them counts as a hash computation. */
const HASH_LIBRARIES = /^(hash-wasm|js-sha256|js-sha512|js-sha3|@noble\/hashes(\/.*)?|crypto-js(\/.*)?|ssri|hasha|@aws-crypto\/sha256-js|sha\.js)$/;
const NODE_HASH = new Set(['crypto.createHash', 'crypto.hash', 'crypto.subtle.digest', 'crypto.webcrypto.subtle.digest']);

/** Modules whose hash reads a file at a path (`RNFS.hash(path, alg)`, `ReactNativeBlobUtil.fs.hash(path, alg)`). */
const FILE_HASH_MODULES = new Set(['react-native-fs', 'react-native-blob-util', 'rn-fetch-blob']);

/** expo-file-system's modules (and `expo`'s old `FileSystem` export). */
const EXPO_FILE_SYSTEM = new Set(['expo-file-system', 'expo-file-system/legacy']);

/**
 * expo-file-system's `getInfoAsync(path, { md5: true })`: the file's info, whose `md5` is the MD5
 * digest of the file at `path` (Expo's only built-in file digest). A pinned MD5 compared with it
 * checks the download as a SHA-256 would: a file made to match a given MD5 (a second preimage) is
 * out of reach, though MD5 collisions between two files an attacker makes are not.
 */
function expoMd5Info(sc: JsSourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  if (call.type !== 'CallExpression') return false;
  const m = sc.importedMember(call.callee);
  if (!m) return false;
  const path = m.module === 'expo' && m.path[0] === 'FileSystem' ? m.path.slice(1) : EXPO_FILE_SYSTEM.has(m.module) ? m.path : undefined;
  if (path?.join('.') !== 'getInfoAsync') return false;
  const md5 = sc.argument(call, { name: 'md5', position: 1 });
  return md5 !== undefined && sc.constant(md5) === true;
}

/**
 * The `md5` of a `getInfoAsync(path, { md5: true })` result is compared (see `digestChecked`): read
 * inline (`(await getInfoAsync(p, { md5: true })).md5 !== MD5`), through the variable the info is
 * kept in (`info.md5 !== MODEL.md5`), or destructured (`const { md5 } = await …`). Its other fields
 * (`exists`, `size`) compared are no digest.
 */
function md5Checked(sc: JsSourceCode, call: JsNode): boolean {
  const md5Of = (object: JsNode): boolean => {
    const p = sc.parent(object);
    return p?.type === 'MemberExpression' && p.object === object && staticKey(p) === 'md5' && digestChecked(sc, p);
  };
  let cur: JsNode = call;
  for (let p = sc.parent(cur); p; cur = p, p = sc.parent(p)) {
    if (p.type === 'AwaitExpression' || p.type === 'TSNonNullExpression' || p.type === 'TSAsExpression') continue;
    if (p.type === 'MemberExpression' && p.object === cur) return staticKey(p) === 'md5' && digestChecked(sc, p);
    // (`const info = await getInfoAsync(…)`, or assigned later: `let info; info = await getInfoAsync(…)`)
    const target = p.type === 'VariableDeclarator' && p.init === cur ? p.id : p.type === 'AssignmentExpression' && p.operator === '=' && p.right === cur ? p.left : undefined;
    if (target) {
      if (target.type === 'Identifier') {
        const binding = sc.binding(target);
        return binding !== undefined && sc.references(binding).some((ref) => ref !== target && md5Of(ref));
      }
      if (target.type === 'ObjectPattern') {
        const prop = target.properties.find((q) => q.type === 'Property' && staticKey(q) === 'md5');
        const value = prop?.type === 'Property' ? prop.value : undefined;
        return value?.type === 'Identifier' && nameCompared(sc, value);
      }
      return false;
    }
    return false;
  }
  return false;
}

/** How far the search follows calls into functions of the same file. */
const MAX_CALL_DEPTH = 3;

/** A call that computes a digest: Web Crypto `subtle.digest`, `crypto.createHash`, a hashing library. */
export function isHashCall(sc: JsSourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const qn = sc.qualifiedName(call.callee);
  if (qn && NODE_HASH.has(qn)) return true;
  const member = sc.importedMember(call.callee);
  if (member && HASH_LIBRARIES.test(member.module)) return true;
  // React Native: react-native-fs's `RNFS.hash(path, "sha256")` of a file, expo-crypto's `digestStringAsync` / `digest`
  if (member?.module === 'react-native-fs' && member.path.join('.') === 'hash') return true;
  // react-native-blob-util's (rn-fetch-blob's) `fs.hash(path, "sha256")` of a file
  if (member && FILE_HASH_MODULES.has(member.module) && member.path.join('.') === 'fs.hash') return true;
  if (expoMd5Info(sc, call)) return true;
  if (member?.module === 'expo-crypto' && /^digest/.test(member.path.join('.'))) return true;
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

/**
 * The data a hash call digests, when the code shows it: the `.update(x)` calls chained on
 * `createHash(...)` (or a hashing library's `create…()` hasher), the second argument of
 * `subtle.digest(alg, data)` / `crypto.hash(alg, data)`, the first of a library function
 * (`sha256(data)`). Undefined when it is out of sight (a hasher kept in a variable).
 */
function hashedData(sc: JsSourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): JsNode[] | undefined {
  // `RNFS.hash(path, "sha256")` hashes the file at the path (its argument is text, the data is not)
  const member = sc.importedMember(call.callee);
  if (member && FILE_HASH_MODULES.has(member.module)) return undefined;
  // `getInfoAsync(path, { md5: true })` digests the file at the path
  if (expoMd5Info(sc, call)) return undefined;
  // expo-crypto's `digestStringAsync(alg, text)` / `digest(alg, bytes)`: the second argument (the first is the algorithm)
  if (member?.module === 'expo-crypto') return call.arguments[1] ? [call.arguments[1] as JsNode] : undefined;
  const qn = sc.qualifiedName(call.callee) ?? sc.globalName(call.callee);
  const callee = unwrapExpression(call.callee);
  const name = callee.type === 'MemberExpression' ? staticKey(callee) : callee.type === 'Identifier' ? callee.name : undefined;
  if (name === 'digest' || qn === 'crypto.hash') return call.arguments[1] ? [call.arguments[1] as JsNode] : undefined;
  if (name === 'createHash' || (name !== undefined && /^create/i.test(name))) {
    const inputs: JsNode[] = [];
    let cur: JsNode = call;
    for (let p = sc.parent(cur); p?.type === 'MemberExpression' && p.object === cur && staticKey(p) === 'update'; p = sc.parent(cur)) {
      const update = sc.parent(p);
      if (update?.type !== 'CallExpression' || update.callee !== p || !update.arguments[0]) break;
      inputs.push(update.arguments[0] as JsNode);
      cur = update;
    }
    return inputs.length > 0 ? inputs : undefined;
  }
  return call.arguments[0] ? [call.arguments[0] as JsNode] : undefined;
}

/**
 * A value that is text, not downloaded bytes: a string (constant, template, concatenation), a name
 * that says it holds a URL (`url`, `modelUrl`), or such text encoded
 * (`new TextEncoder().encode(url)`, `Buffer.from(url)`).
 */
function isText(sc: JsSourceCode, expr: JsNode, depth = 0): boolean {
  if (depth > MAX_CALL_DEPTH) return false;
  const node = unwrapExpression(expr);
  if (typeof sc.constant(node) === 'string') return true;
  if (node.type === 'TemplateLiteral') return true;
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    const bounds = sc.stringBounds(node);
    if (bounds.prefix !== '' || bounds.suffix !== '') return true;
  }
  if (nameSaysUrl(node)) return true;
  if (node.type === 'CallExpression' || node.type === 'NewExpression') {
    const callee = unwrapExpression(node.callee);
    const method = callee.type === 'MemberExpression' ? staticKey(callee) : undefined;
    const wrapped = node.arguments[0] as JsNode | undefined;
    if (wrapped && (method === 'encode' || sc.globalName(node.callee) === 'Buffer.from')) return isText(sc, wrapped, depth + 1);
    return false;
  }
  if (node.type === 'Identifier') {
    const def = sc.definingExpression(node);
    return def !== undefined && def !== node && isText(sc, def, depth + 1);
  }
  return false;
}

/** `url`, `modelUrl`, `model_url`, `fileURI`, `href`: a name with a word that says URL (not `security`). */
function nameSaysUrl(node: JsNode): boolean {
  const name = node.type === 'Identifier' ? node.name : node.type === 'MemberExpression' ? staticKey(node) : undefined;
  if (!name) return false;
  return name.split(/_|(?<=[a-z0-9])(?=[A-Z])/).some((word) => /^(url|uri|href)s?$/i.test(word));
}

/** A digest of text (a URL, a cache key) and not of downloaded bytes: it verifies no file, whatever it is compared with. */
function digestOfText(sc: JsSourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const data = hashedData(sc, call);
  return data !== undefined && data.every((d) => isText(sc, d));
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
    // `hash.update(chunk)` on its own (a statement, a `res.on('data', (c) => hash.update(c))` callback):
    // data fed to the hasher, not its digest; the chain `.update(b).digest()` goes on.
    if (p.type === 'CallExpression' && p.callee === cur && cur.type === 'MemberExpression' && staticKey(cur) === 'update') {
      const next = sc.parent(p);
      if (next?.type !== 'MemberExpression' || next.object !== p) return false;
    }
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

/**
 * The calls in this file of `fn`: by the name it is bound to (a function declaration, a variable
 * bound to a function), or as a method of its class (`this.fetchModel(url)`); see `calledFunction`.
 */
export function callSitesOf(sc: JsSourceCode, fn: JsNode): ReadonlyArray<TSESTree.CallExpression | TSESTree.NewExpression> {
  return sc.callSites(fn);
}

/** The functions of this file that call `fn` (see `callSitesOf`); the Program for top-level calls. */
export function callersOf(sc: JsSourceCode, fn: JsNode): JsNode[] {
  return callSitesOf(sc, fn).map((call) => sc.enclosingFunction(call) ?? sc.ast);
}

/**
 * The integrity checks of a region (a function, or the whole file for top-level code) — itself, in
 * functions of the file it calls (transitively), or in the functions that call it (the check is often
 * done by the caller on the returned bytes): `any` when there is one, `always` when one of them holds
 * whatever the download saved (a digest of bytes, Subresource Integrity, an imported verifier), and
 * the paths the digest-checked react-native-fs hashes read (`RNFS.hash(path, "sha256")`). Once per region.
 */
const regionChecks: (sc: JsSourceCode, region: JsNode) => RegionChecks = perNode((sc, region) => searchIntegrityChecks(sc, region));

interface RegionChecks {
  any: boolean;
  always: boolean;
  hashedPaths: JsNode[];
}

/**
 * True when the region verifies a digest or asks for Subresource Integrity (see `regionChecks`). With
 * `file`, the path a download wrote its bytes to (`RNFS.downloadFile({ toFile })`): a hash that reads
 * a file (`RNFS.hash(path, "sha256")`) counts unless its path is provably another file (lang-js
 * `differentValues`: `` `${dir}/config.json` `` is not `` `${dir}/model.onnx` ``); a path that cannot
 * be compared (a parameter, a variable assigned twice, a path a function makes) counts.
 */
export function hasIntegrityCheck(sc: JsSourceCode, region: JsNode, file?: JsNode): boolean {
  const checks = regionChecks(sc, region);
  if (!checks.any) return false;
  if (checks.always || file === undefined) return true;
  return checks.hashedPaths.some((path) => !sc.differentValues(path, file));
}

/** A react-native-fs hash reads a file: its path (undefined when not given plainly); any other hash digests bytes. */
function hashedPath(sc: JsSourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): JsNode | undefined | 'bytes' {
  const member = sc.importedMember(call.callee);
  if (!member || (!FILE_HASH_MODULES.has(member.module) && !expoMd5Info(sc, call))) return 'bytes';
  const path = call.arguments[0];
  return path !== undefined && path.type !== 'SpreadElement' ? (path as JsNode) : undefined;
}

function searchIntegrityChecks(sc: JsSourceCode, region: JsNode): RegionChecks {
  const out: RegionChecks = { any: false, always: false, hashedPaths: [] };
  const seen = new Set<JsNode>();
  const search = (root: JsNode, depth: number): void => {
    if (seen.has(root) || out.always) return;
    seen.add(root);
    const callees: JsNode[] = [];
    sc.descendants(root, (n) => {
      if (out.always) return false;
      if (n.type === 'CallExpression' || n.type === 'NewExpression') {
        if (isHashCall(sc, n) && !digestOfText(sc, n) && (expoMd5Info(sc, n) ? md5Checked(sc, n) : digestChecked(sc, n))) {
          out.any = true;
          const path = hashedPath(sc, n);
          if (path === 'bytes') out.always = true;
          else if (path) out.hashedPaths.push(path);
          return path === 'bytes' ? false : undefined;
        }
        const fn = sc.calledFunction(n);
        if (fn) callees.push(fn);
        else if (isImportedVerifier(sc, n)) {
          out.any = out.always = true;
          return false;
        }
      } else if (isIntegrityOption(sc, n)) {
        out.any = out.always = true;
        return false;
      }
      return undefined;
    });
    if (out.always || depth >= MAX_CALL_DEPTH) return;
    for (const fn of callees) search(fn, depth + 1);
  };
  search(region, 0);
  if (!out.always && isFunctionNode(region)) for (const caller of callersOf(sc, region)) search(caller, 1);
  return out;
}
