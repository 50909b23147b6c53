import { staticKey, type JsNode, type JsSourceCode, type TSESTree } from '@oculum/lang-js';
import { isTransformersModule, shown } from './libraries.js';
import { classifyLocation, hostOf, isHubHost, isLoopback, type ModelLocation } from './locations.js';

/** The `env` fields read from `Object.assign(env, { ... })` (assignments are read for any field). */
const ASSIGNED_FIELDS = ['allowRemoteModels', 'remoteHost', 'remotePathTemplate'];

/** A write to a field of transformers.js `env`: `env.field = value` (also `??=`, `||=`) or `Object.assign(env, { field: value })`. */
export interface EnvWrite {
  field: string;
  /** The assignment, or the `Object.assign` call (one write per field it sets). */
  node: TSESTree.AssignmentExpression | TSESTree.CallExpression;
  /**
   * Where a finding on the write is located: the assignment, or the property of the object that
   * `Object.assign(env, { … })` takes the field from (`remoteHost: '…'`), so that each field's
   * finding has its own place.
   */
  at: JsNode;
  value: JsNode;
  /** `=` for `Object.assign`. */
  operator: string;
  inFunction: boolean;
  /**
   * `Object.assign` only: a source after the value that the analysis cannot read (an options
   * variable, a spread of one, a computed key) may set the field again.
   */
  overridable?: boolean;
}

/**
 * The value `Object.assign(env, ...sources)` leaves in `field`: the last source that sets it, read
 * from the end (`{ ...a, field: v }`, `{ field: v }, { other }`), and whether an unreadable source or
 * spread after it may set it again. Undefined when no readable source sets it.
 */
function assignedField(sc: JsSourceCode, sources: readonly JsNode[], field: string): { value: JsNode; property: TSESTree.Property; overridable: boolean } | undefined {
  let overridable = false;
  /** Reads one object literal from its end: the property that sets the field, or 'absent' (an unreadable spread or key passed on the way marks `overridable`). */
  const scan = (obj: TSESTree.ObjectExpression, depth: number): TSESTree.Property | 'absent' => {
    for (let i = obj.properties.length - 1; i >= 0; i--) {
      const p = obj.properties[i];
      if (p.type === 'SpreadElement') {
        const inner = depth < 8 ? sc.objectLiteral(p.argument) : undefined;
        if (!inner) {
          overridable = true;
          continue;
        }
        const found = scan(inner, depth + 1);
        if (found !== 'absent') return found;
        continue;
      }
      const key = p.computed ? sc.constant(p.key) : staticKey(p);
      if (typeof key !== 'string' && typeof key !== 'number') {
        overridable = true;
        continue;
      }
      if (String(key) === field) {
        if (p.kind !== 'init') overridable = true; // a getter: its value is not read
        return p;
      }
    }
    return 'absent';
  };
  for (let i = sources.length - 1; i >= 0; i--) {
    const source = sources[i];
    const obj = source.type === 'SpreadElement' ? undefined : sc.objectLiteral(source);
    if (!obj) {
      overridable = true;
      continue;
    }
    const found = scan(obj, 0);
    if (found !== 'absent') return { value: found.value, property: found, overridable };
  }
  return undefined;
}

const envCache = new WeakMap<JsSourceCode, EnvWrite[]>();

/** Every write to a field of transformers.js `env` in the file, in source order. */
export function envWrites(sc: JsSourceCode): EnvWrite[] {
  let writes = envCache.get(sc);
  if (writes) return writes;
  const found: EnvWrite[] = [];
  const isEnv = (expr: JsNode): boolean => {
    const m = sc.importedMember(expr);
    return Boolean(m && isTransformersModule(m.module) && m.path.length === 1 && m.path[0] === 'env');
  };
  sc.descendants(sc.ast, (n) => {
    if (n.type === 'AssignmentExpression') {
      const target = sc.importedMember(n.left);
      if (!target || !isTransformersModule(target.module) || target.path.length !== 2 || target.path[0] !== 'env') return;
      found.push({ field: target.path[1], node: n, at: n, value: n.right, operator: n.operator, inFunction: sc.enclosingFunction(n) !== undefined });
      return;
    }
    if (n.type !== 'CallExpression' || sc.globalName(n.callee) !== 'Object.assign' || n.arguments.length < 2 || !isEnv(n.arguments[0])) return;
    // One write per field, of the value the call leaves in it (the last source that sets it wins).
    for (const field of ASSIGNED_FIELDS) {
      const assigned = assignedField(sc, n.arguments.slice(1), field);
      if (assigned) found.push({ field, node: n, at: assigned.property, value: assigned.value, operator: '=', inFunction: sc.enclosingFunction(n) !== undefined, overridable: assigned.overridable });
    }
  });
  writes = found;
  envCache.set(sc, writes);
  return writes;
}

/**
 * `env.remoteHost` pointing at one plain-HTTP host (known, or the known start of one): what
 * insecure-remote-host reports with "Use https://". Several known values are judged one by one.
 */
export function isPlainHttpHost(location: ModelLocation): boolean {
  return location.kind === 'remote' && location.http === true && !(location.value === undefined && location.values !== undefined);
}

/**
 * Where module-level writes stop counting for `call`: a load at module level sees only the
 * module-level writes before it (module-level code runs in source order); a load inside a function
 * runs later, once the module has run, and sees them all.
 */
function limitFor(sc: JsSourceCode, call: JsNode | undefined): number {
  return call === undefined || sc.enclosingFunction(call) !== undefined ? Infinity : call.range[0];
}

/**
 * The module-level writes of `field` (with `=` only when `assignOnly`), in the order module-level code
 * runs them (by where they end), kept per file: `lastModuleLevel` finds the one in force under a
 * limit by binary search, so many loads between many writes cost no walk of all the writes each.
 */
const moduleLevelCache = new WeakMap<JsSourceCode, Map<string, EnvWrite[]>>();

function moduleLevelWrites(sc: JsSourceCode, field: string, assignOnly: boolean): EnvWrite[] {
  let byField = moduleLevelCache.get(sc);
  if (!byField) moduleLevelCache.set(sc, (byField = new Map()));
  const key = `${field}${assignOnly ? '=' : ''}`;
  let writes = byField.get(key);
  if (!writes) {
    writes = envWrites(sc).filter((w) => !w.inFunction && w.field === field && (!assignOnly || w.operator === '='));
    // (stable: writes that end together keep the order `envWrites` found them in)
    writes = writes.map((w, i) => ({ w, i })).sort((a, b) => a.w.node.range[1] - b.w.node.range[1] || a.i - b.i).map((x) => x.w);
    byField.set(key, writes);
  }
  return writes;
}

/** The last module-level write of `field` that has run under `limit` (see `limitFor`), if any. */
function lastModuleLevel(sc: JsSourceCode, field: string, assignOnly: boolean, limit: number): EnvWrite | undefined {
  const writes = moduleLevelWrites(sc, field, assignOnly);
  let lo = 0;
  let hi = writes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (writes[mid].node.range[1] <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? undefined : writes[lo - 1];
}

/**
 * The writes of a field that may be in force when a load runs: the last module-level `=` write (source
 * order is the order module-level code runs in) and every `=` write inside a function (it may run
 * before the load). `??=` and `||=` are left out: `remoteHost` and `remotePathTemplate` have
 * non-empty defaults, so they assign nothing.
 */
function writesInForce(sc: JsSourceCode, field: string, limit: number): EnvWrite[] {
  const last = lastModuleLevel(sc, field, true, limit);
  const inFunctions = functionWrites(sc, field);
  if (!last) return inFunctions;
  // (in the order `envWrites` found them: the module-level one among those of functions)
  const order = writeOrder(sc);
  const at = order.get(last)!;
  const before = inFunctions.filter((w) => order.get(w)! < at);
  return [...before, last, ...inFunctions.slice(before.length)];
}

const functionWriteCache = new WeakMap<JsSourceCode, Map<string, EnvWrite[]>>();

/** The `=` writes of `field` inside functions, in the order `envWrites` found them (kept per file). */
function functionWrites(sc: JsSourceCode, field: string): EnvWrite[] {
  let byField = functionWriteCache.get(sc);
  if (!byField) functionWriteCache.set(sc, (byField = new Map()));
  let writes = byField.get(field);
  if (!writes) byField.set(field, (writes = envWrites(sc).filter((w) => w.inFunction && w.field === field && w.operator === '=')));
  return writes;
}

const orderCache = new WeakMap<JsSourceCode, Map<EnvWrite, number>>();

/** Each write's position in `envWrites`. */
function writeOrder(sc: JsSourceCode): Map<EnvWrite, number> {
  let order = orderCache.get(sc);
  if (!order) orderCache.set(sc, (order = new Map(envWrites(sc).map((w, i) => [w, i]))));
  return order;
}

/**
 * The writes to transformers.js `env.allowRemoteModels` in a file: `env.allowRemoteModels = …` and
 * `Object.assign(env, { allowRemoteModels: … })` alike.
 */
interface RemoteModelWrites {
  /** The last module-level write is a constant `false`. */
  offAtModuleLevel: boolean;
  /** A write of anything but a constant `false` inside a function (it may run after the module-level `false`). */
  onInFunction: boolean;
  /** `= false` writes inside functions. */
  offInFunctions: EnvWrite[];
  /**
   * Writes of anything but a constant `false`, anywhere (module-level ones after the load too: every
   * question asked of them wants one before the load).
   */
  on: EnvWrite[];
}

/** A write of a constant `false` (one that a later, unreadable source of the same `Object.assign` may replace turns nothing off). */
function turnsOff(sc: JsSourceCode, w: EnvWrite): boolean {
  return w.operator === '=' && sc.constant(w.value) === false && !w.overridable;
}

const cache = new WeakMap<JsSourceCode, Omit<RemoteModelWrites, 'offAtModuleLevel'>>();

/** The file's `allowRemoteModels` writes as a load under `limit` sees them: all but the module-level answer kept per file. */
function writesOf(sc: JsSourceCode, limit: number): RemoteModelWrites {
  const shared = sharedWrites(sc);
  // The last module-level write decides (source order is the order module-level code runs in).
  const last = lastModuleLevel(sc, 'allowRemoteModels', false, limit);
  return { ...shared, offAtModuleLevel: last !== undefined && turnsOff(sc, last) };
}

function collectWrites(sc: JsSourceCode): Omit<RemoteModelWrites, 'offAtModuleLevel'> {
  const found: Omit<RemoteModelWrites, 'offAtModuleLevel'> = { onInFunction: false, offInFunctions: [], on: [] };
  for (const w of envWrites(sc)) {
    if (w.field !== 'allowRemoteModels') continue;
    if (turnsOff(sc, w)) {
      if (w.inFunction) found.offInFunctions.push(w);
      continue;
    }
    found.on.push(w);
    if (w.inFunction) found.onInFunction = true;
  }
  return found;
}

/**
 * `write` (`env.allowRemoteModels = false` in a function) has run whenever `call` runs: both are in
 * the same function, the write is a statement of a block that holds the call, and it comes before it
 * (straight-line code: a write in a branch or in a nested function that may not run does not count).
 */
function runsBefore(sc: JsSourceCode, write: JsNode, call: JsNode): boolean {
  const fn = sc.enclosingFunction(write);
  if (!fn || sc.enclosingFunction(call) !== fn) return false;
  const statement = sc.parent(write);
  if (statement?.type !== 'ExpressionStatement') return false;
  const block = sc.parent(statement);
  if (block?.type !== 'BlockStatement' || statement.range[1] > call.range[0]) return false;
  return sc.ancestors(call).includes(block);
}

/**
 * transformers.js fetches no remote models for `call`: `env.allowRemoteModels = false` (or
 * `Object.assign(env, { allowRemoteModels: false })`) at module level (the last module-level write,
 * with no other value written inside a function), or in the same function on the straight-line path
 * before the call with nothing else written between them.
 */
export function remoteModelsOff(sc: JsSourceCode, call: JsNode): boolean {
  const writes = writesOf(sc, limitFor(sc, call));
  if (writes.offAtModuleLevel && !writes.onInFunction) return true;
  // Writes are told apart by their values (one `Object.assign` may hold several).
  return writes.offInFunctions.some(
    (off) => runsBefore(sc, off.node, call) && !writes.on.some((on) => on.value.range[0] > off.value.range[1] && on.node.range[1] < call.range[0]),
  );
}

/**
 * An `env.allowRemoteModels = false` written in a setup function of the file (`function configureEnv()
 * { env.allowRemoteModels = false; … }`), on the straight-line path of that function's body, whose
 * call runs before `call` (`configureEnv(root); … pipeline(…)`, see `runsBefore`), with no other value
 * written in between: not later in the setup function itself (`= false; …; = true`), not in the code
 * between the setup call and the load, and not in a function of the file called there, directly or
 * through the functions it calls (`configureEnv(); enableRemote(); pipeline(…)`). Remote models are then most likely off for the load,
 * though the analysis does not follow every path into the function (an early `return`, a throw, a
 * caller outside the file).
 */
export function remoteModelsOffBySetupCall(sc: JsSourceCode, call: JsNode): boolean {
  const { on } = sharedWrites(sc);
  return setupFunctions(sc).some(({ fn, sites }) => sites.some((site) => runsBefore(sc, site, call) && !on.some((w) => writtenBetween(sc, w.node, fn, site, call))));
}

/** The parts of `writesOf` that do not depend on the load, kept per file. */
function sharedWrites(sc: JsSourceCode): Omit<RemoteModelWrites, 'offAtModuleLevel'> {
  let shared = cache.get(sc);
  if (!shared) cache.set(sc, (shared = collectWrites(sc)));
  return shared;
}

const setupCache = new WeakMap<JsSourceCode, Array<{ fn: TSESTree.FunctionLike; sites: ReadonlyArray<JsNode> }>>();

/**
 * The setup functions of `remoteModelsOffBySetupCall`, worked out once per file (not at each load):
 * each `= false` in a statement of a function's own body (not of a branch or a loop), not turned back
 * on later in that function (whatever path that write is on), in a function the file calls.
 */
function setupFunctions(sc: JsSourceCode): Array<{ fn: TSESTree.FunctionLike; sites: ReadonlyArray<JsNode> }> {
  let found = setupCache.get(sc);
  if (found) return found;
  const writes = sharedWrites(sc);
  // where the last write of another value than `false` starts, in each function
  const lastOn = new Map<JsNode, number>();
  for (const on of writes.on) {
    const fn = sc.enclosingFunction(on.node);
    if (fn) lastOn.set(fn, Math.max(lastOn.get(fn) ?? -Infinity, on.value.range[0]));
  }
  found = [];
  for (const off of writes.offInFunctions) {
    const fn = sc.enclosingFunction(off.node);
    const statement = sc.parent(off.node);
    if (!fn || statement?.type !== 'ExpressionStatement' || sc.parent(statement) !== fn.body) continue;
    if ((lastOn.get(fn) ?? -Infinity) > off.value.range[1]) continue;
    const sites = sc.callSites(fn);
    if (sites.length > 0) found.push({ fn, sites });
  }
  setupCache.set(sc, found);
  return found;
}

/**
 * `write` (of another value than `false`) may run between the setup call `site` and `call`: it lies
 * between them, or in a function of the file (not the setup function `fn`) that is called there,
 * directly or through the functions that call it (four levels).
 */
function writtenBetween(sc: JsSourceCode, write: JsNode, fn: JsNode, site: JsNode, call: JsNode): boolean {
  // (the setup function's own writes: those after its `false` are asked for above)
  if (sc.enclosingFunction(write) === fn) return false;
  const between = (n: JsNode): boolean => n.range[0] > site.range[1] && n.range[1] < call.range[0];
  if (between(write)) return true;
  // the functions that may run the write: those that enclose it, and those that call them (a few levels)
  const seen = new Set<JsNode>();
  let level: JsNode[] = [write];
  for (let depth = 0; depth < 4 && level.length > 0; depth++) {
    const next: JsNode[] = [];
    for (const node of level) {
      for (let g = sc.enclosingFunction(node); g && g !== fn && !seen.has(g); g = sc.enclosingFunction(g)) {
        seen.add(g);
        for (const s of sc.callSites(g)) {
          if (between(s)) return true;
          next.push(s);
        }
      }
    }
    level = next;
  }
  return false;
}

/**
 * `env.allowRemoteModels` may be off for `call` without the analysis being able to tell: the last
 * module-level write, or a write inside some function, is a value it cannot resolve
 * (`env.allowRemoteModels = config.remote`) or a `false` that a later unreadable source of the same
 * `Object.assign` may replace. A load reported in such a file is reported at lower confidence.
 */
export function remoteModelsUncertain(sc: JsSourceCode, call: JsNode): boolean {
  const uncertain = (w: EnvWrite) => {
    const value = sc.constant(w.value);
    return value !== true && (value !== false || w.overridable === true);
  };
  const last = lastModuleLevel(sc, 'allowRemoteModels', true, limitFor(sc, call));
  return (last !== undefined && uncertain(last)) || uncertainInFunction(sc, uncertain);
}

const uncertainInFunctionCache = new WeakMap<JsSourceCode, boolean>();

/** Some `env.allowRemoteModels = …` inside a function is `uncertain` (kept per file). */
function uncertainInFunction(sc: JsSourceCode, uncertain: (w: EnvWrite) => boolean): boolean {
  let found = uncertainInFunctionCache.get(sc);
  if (found === undefined) {
    found = envWrites(sc).some((w) => w.inFunction && w.field === 'allowRemoteModels' && w.operator === '=' && uncertain(w));
    uncertainInFunctionCache.set(sc, found);
  }
  return found;
}

/**
 * Where transformers.js downloads remote models from, as set by `env.remoteHost` in the file:
 * - `hub`: not set, or set to a Hugging Face Hub URL;
 * - `hosts`: set to other hosts the analysis can read (`models.internal.example.com`, `localhost`;
 *   a relative value is shown as written);
 * - `loopback`: set only to loopback servers (`http://127.0.0.1:8080`, `localhost`, `[::1]`,
 *   `0.0.0.0`) by writes that have run when the load runs (a module-level write, or one on the
 *   straight-line path before the load in its function): a model server on this machine, not the Hub;
 * - `unknown`: set, at least once, to a value the analysis cannot resolve; `when`: by one module-level
 *   write under a condition (`if (config.remoteHost) env.remoteHost = config.remoteHost`), the
 *   condition as written: otherwise the Hub stays in force.
 */
export type RemoteHost = { kind: 'hub' } | { kind: 'hosts'; hosts: string[] } | { kind: 'loopback'; hosts: string[] } | { kind: 'unknown'; when?: string };

/** A condition a write runs under, as written, and the branch it guards (the write inside it). */
interface Guard {
  test: string;
  branch: JsNode;
}

/**
 * `hostUnder`'s answer, with what is needed to tell, per load, whether a loopback host is certainly
 * set, and which of the conditions a host not known is set under the load itself runs under.
 */
type HostUnder =
  | Exclude<RemoteHost, { kind: 'unknown' }>
  | { kind: 'unknown'; guards?: Guard[] }
  | { kind: 'loopback?'; hosts: string[]; moduleLevel: boolean; writes: EnvWrite[] };

/**
 * The host not known as `at` sees it: `when` the conditions of the write that `at` does not run
 * under itself (a load inside `if (config.remoteHost) { env.remoteHost = …; pipeline(…) }` runs only
 * with the host set: no `when`).
 */
function unknownHostAt(host: { kind: 'unknown'; guards?: Guard[] }, at: JsNode | undefined): RemoteHost {
  const inside = (g: Guard) => at !== undefined && g.branch.range[0] <= at.range[0] && at.range[1] <= g.branch.range[1];
  const open = (host.guards ?? []).filter((g) => !inside(g));
  return open.length > 0 ? { kind: 'unknown', when: open.map((g) => (open.length > 1 && /[\s?|&]/.test(g.test) && !/^!\(.*\)$/.test(g.test) ? `(${g.test})` : g.test)).join(' && ') } : { kind: 'unknown' };
}

const hostCache = new WeakMap<JsSourceCode, Map<EnvWrite | null, HostUnder>>();

/**
 * `hostUnder(limit)`, kept per file by the module-level write in force under `limit`, which is all it
 * depends on (see `writesInForce`): loads between the same two module-level writes share one answer.
 */
function hostAt(sc: JsSourceCode, limit: number): HostUnder {
  let byWrite = hostCache.get(sc);
  if (!byWrite) hostCache.set(sc, (byWrite = new Map()));
  const key = lastModuleLevel(sc, 'remoteHost', true, limit) ?? null;
  let host = byWrite.get(key);
  if (host === undefined) byWrite.set(key, (host = hostUnder(sc, limit)));
  return host;
}

/**
 * `env.remoteHost` as `call` sees it (see `limitFor`); without a call, as code in a function sees it.
 * Loopback hosts set only inside functions count as set (`loopback`) when one of those writes is on
 * the straight-line path before `call` in its function; otherwise the default Hub host may still be
 * in force, and they are named as other hosts are.
 */
export function remoteHostOf(sc: JsSourceCode, call?: JsNode): RemoteHost {
  const limit = limitFor(sc, call);
  const host = hostAt(sc, limit);
  if (host.kind === 'unknown') return unknownHostAt(host, call);
  if (host.kind !== 'loopback?') return host;
  const set = host.moduleLevel || (call !== undefined && host.writes.some((w) => runsBefore(sc, w.node, call)));
  return { kind: set ? 'loopback' : 'hosts', hosts: host.hosts };
}

/**
 * The app's own server is in force as `env.remoteHost` just after `write` (another `env` write): every
 * value it may hold then is a loopback server (`http://127.0.0.1:8080/`) or the app's own origin (a
 * relative path `/models/`, `` `${self.location.origin}/models/` ``, `new URL('models/',
 * location.href).href`, an extension's `chrome.runtime.getURL('models/')`), and one of them is set
 * for sure. In a function, the last write of the host on the straight-line path before `write` in
 * the same function (or in the same `Object.assign`) decides when it is such a value, whatever other
 * functions set; otherwise the module-level write in force (up to and including `write` at module
 * level) must be one, with every write of the host inside a function one too (any may run first).
 * Only writes of the same function are compared with `write`, so many functions that each set both
 * cost a walk of their own writes each, not of the file's.
 */
export function ownServerAfter(sc: JsSourceCode, write: EnvWrite): boolean {
  if (write.inFunction) {
    // the function sets the host itself just before (`env.remoteHost = "http://127.0.0.1:8080/";
    // env.remotePathTemplate = "{model}/"`): the two go together whatever other functions set
    const own = hostWritesByFunction(sc).get(sc.enclosingFunction(write.node)!) ?? [];
    for (let i = own.length - 1; i >= 0; i--) {
      const w = own[i];
      if (w.node !== write.node && !runsBefore(sc, w.node, write.node)) continue;
      if (!w.overridable && ownServerWrite(sc, w)) return true;
      break;
    }
  }
  const last = lastModuleLevel(sc, 'remoteHost', true, write.inFunction ? Infinity : write.node.range[1]);
  return last !== undefined && !last.overridable && ownServerWrite(sc, last) && functionHostsOwnServer(sc);
}

/** A write of `env.remoteHost` whose every value is the app's own server: what `classifyLocation` calls local (loopback, relative, the page's or the extension's origin). */
function ownServerWrite(sc: JsSourceCode, w: EnvWrite): boolean {
  return writeLocation(sc, w).kind === 'local';
}

const functionHostCache = new WeakMap<JsSourceCode, { byFunction: Map<JsNode, EnvWrite[]>; allOwn: boolean | undefined }>();

function functionHosts(sc: JsSourceCode): { byFunction: Map<JsNode, EnvWrite[]>; allOwn: boolean | undefined } {
  let found = functionHostCache.get(sc);
  if (!found) {
    const byFunction = new Map<JsNode, EnvWrite[]>();
    for (const w of functionWrites(sc, 'remoteHost')) {
      const fn = sc.enclosingFunction(w.node)!;
      let list = byFunction.get(fn);
      if (!list) byFunction.set(fn, (list = []));
      list.push(w);
    }
    functionHostCache.set(sc, (found = { byFunction, allOwn: undefined }));
  }
  return found;
}

/** The `=` writes of `env.remoteHost` inside functions, by the function that holds them (in the order `envWrites` found them; kept per file). */
function hostWritesByFunction(sc: JsSourceCode): Map<JsNode, EnvWrite[]> {
  return functionHosts(sc).byFunction;
}

/** Every `=` write of `env.remoteHost` inside a function sets the app's own server (kept per file). */
function functionHostsOwnServer(sc: JsSourceCode): boolean {
  const found = functionHosts(sc);
  if (found.allOwn === undefined) found.allOwn = functionWrites(sc, 'remoteHost').every((w) => !w.overridable && ownServerWrite(sc, w));
  return found.allOwn;
}

const writeLocationCache = new WeakMap<EnvWrite, ModelLocation>();

/** `classifyLocation` of the value a write sets, kept: `hostUnder` reads the writes of functions again for each limit. */
function writeLocation(sc: JsSourceCode, w: EnvWrite): ModelLocation {
  let location = writeLocationCache.get(w);
  if (!location) writeLocationCache.set(w, (location = classifyLocation(sc, w.value)));
  return location;
}

function hostUnder(sc: JsSourceCode, limit: number): HostUnder {
  const hosts: string[] = [];
  const loopback: string[] = [];
  // (the hosts already named, so that many writes are not compared with each other)
  const seen = new Set<string>();
  let unknown = false;
  const unknownWrites: EnvWrite[] = [];
  const writes = writesInForce(sc, 'remoteHost', limit);
  for (const w of writes) {
    const location = writeLocation(sc, w);
    // a default the environment may override names no host for sure
    if (location.kind === 'unknown' || location.overridable) {
      unknown = true;
      unknownWrites.push(w);
      continue;
    }
    // one of several known values (`for (const host of MIRRORS) env.remoteHost = host`): each of their hosts
    const named = location.value === undefined && location.values ? location.values : [location.value];
    for (const value of named) {
      const host = named.length > 1 ? hostOf(value!) || value!.trim() : location.host ?? (value !== undefined ? hostOf(value) || value.trim() : undefined);
      if (!host) unknown = true;
      else if (isLoopback(host)) {
        if (!seen.has(`l${host}`)) {
          seen.add(`l${host}`);
          loopback.push(host);
        }
      } else if (!isHubHost(host) && !seen.has(`h${host}`)) {
        seen.add(`h${host}`);
        hosts.push(host);
      }
    }
  }
  if (unknown) {
    // one write, at module level, under a condition: when it does not hold, the Hub is in force
    const guards = writes.length === 1 && unknownWrites.length === 1 ? guardsOf(sc, unknownWrites[0]) : undefined;
    return guards !== undefined ? { kind: 'unknown', guards } : { kind: 'unknown' };
  }
  if (hosts.length > 0) return { kind: 'hosts', hosts: [...hosts, ...loopback] };
  // every value set is a loopback server (a Hub value among them leaves the Hub possible)
  const hub = writes.some((w) => {
    const location = writeLocation(sc, w);
    return (location.value === undefined && location.values ? location.values : [location.value]).some((v) => v !== undefined && isHubHost(hostOf(v)));
  });
  if (loopback.length > 0 && !hub) return { kind: 'loopback?', hosts: loopback, moduleLevel: writes.some((w) => !w.inFunction), writes };
  return { kind: 'hub' };
}

/**
 * The conditions a module-level write runs under, outermost first, as written (`config.remoteHost`
 * for `if (config.remoteHost) env.remoteHost = config.remoteHost`; `!(test)` in the `else` branch;
 * the test of a `?:` or the left side of `&&` holding it; every enclosing `if` of nested ones), each
 * with the branch it guards: `undefined` for a write that always runs, one inside a function (which
 * may not run at all), or one under a loop or `try`.
 */
function guardsOf(sc: JsSourceCode, write: EnvWrite): Guard[] | undefined {
  if (write.inFunction) return undefined;
  const guards: Guard[] = [];
  let child: JsNode = write.node;
  for (let p = sc.parent(child); p; child = p, p = sc.parent(p)) {
    if (p.type === 'IfStatement') {
      const test = shown(sc.getText(p.test), 60);
      if (p.consequent === child) guards.push({ test, branch: child });
      else if (p.alternate === child) guards.push({ test: `!(${test})`, branch: child });
    } else if (p.type === 'ConditionalExpression' && p.test !== child) {
      const test = shown(sc.getText(p.test), 60);
      guards.push({ test: p.consequent === child ? test : `!(${test})`, branch: child });
    } else if (p.type === 'LogicalExpression' && p.right === child) {
      const test = shown(sc.getText(p.left), 60);
      guards.push({ test: p.operator === '&&' ? test : p.operator === '||' ? `!(${test})` : `${test} == null`, branch: child });
    } else if (p.type.startsWith('For') || p.type === 'WhileStatement' || p.type === 'DoWhileStatement' || p.type === 'TryStatement' || p.type === 'SwitchCase') return undefined;
  }
  // (outermost first, as the code reads)
  return guards.length > 0 ? guards.reverse() : undefined;
}

/**
 * The `env.remotePathTemplate` in force when every value it may have is a constant without
 * `{revision}` (`'{model}/'`): transformers.js then ignores the `revision` of every load.
 */
export function revisionlessTemplate(sc: JsSourceCode, call?: JsNode): string | undefined {
  const writes = writesInForce(sc, 'remotePathTemplate', limitFor(sc, call));
  const values = writes.map((w) => sc.constant(w.value));
  if (values.length === 0 || !values.every((v) => typeof v === 'string' && !v.includes('{revision}'))) return undefined;
  return values[values.length - 1] as string;
}
