import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { BindingKind, ImportedMember, JsBinding, JsNode, JsScope } from './types.js';
import { walk } from './walk.js';

/** Deno's registry specifiers: `npm:` / `jsr:`, the package (scoped or not), its version, a subpath. */
const REGISTRY_SPECIFIER = /^(?:npm|jsr):\/?((?:@[^/@]+\/)?[^/@]+)(?:@[^/]*)?(\/.*)?$/;

/**
 * The module a specifier names: `node:fs` and `fs` are the same module, and so are Deno's
 * `npm:@huggingface/transformers@3.3.3` and `@huggingface/transformers` (`npm:` and `jsr:` prefixes
 * and the version they carry dropped, a subpath kept: `npm:onnxruntime-web@1.20/webgpu` →
 * `onnxruntime-web/webgpu`).
 */
export function normalizeModule(specifier: string): string {
  if (specifier.startsWith('node:')) return specifier.slice(5);
  const registry = REGISTRY_SPECIFIER.exec(specifier);
  return registry ? registry[1] + (registry[2] ?? '') : specifier;
}

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'TSDeclareFunction', 'TSEmptyBodyFunctionExpression']);
/** Assignments whose value is the right-hand side (or the old value): `x = v`, `x ??= v`, `x ||= v`, `x &&= v`. */
const PLAIN_ASSIGNMENTS = new Set(['=', '??=', '||=', '&&=']);
const BLOCK_SCOPE_TYPES = new Set(['BlockStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement', 'SwitchStatement', 'TSModuleBlock']);

/**
 * `name + …` (`url = url + name + '.onnx'`, `(url as string) + …`), or a template that starts with
 * it (`` url = `${url}${name}.onnx` ``): the value starts with `name` itself, as in `name += …`.
 */
function appendsTo(value: JsNode, name: string): boolean {
  let left: JsNode = unwrapExpression(value);
  if (left.type === 'TemplateLiteral') {
    if (left.quasis[0]?.value.cooked !== '' || left.expressions.length === 0) return false;
    const first = unwrapExpression(left.expressions[0] as JsNode);
    return first.type === 'Identifier' && first.name === name;
  }
  const whole = left;
  while (left.type === 'BinaryExpression' && left.operator === '+') left = unwrapExpression(left.left as JsNode);
  return left !== whole && left.type === 'Identifier' && left.name === name;
}

export function isFunctionNode(node: JsNode): node is TSESTree.FunctionLike {
  return FUNCTION_TYPES.has(node.type);
}

/** Everything the one pre-pass over the tree learns: parents, scopes, bindings, imports. */
export interface ScopeAnalysis {
  parents: Map<JsNode, JsNode | undefined>;
  /** The scope in which an identifier (or any node) is resolved. */
  scopeOf: Map<JsNode, JsScope>;
  /** Scopes by the node that creates them. */
  scopes: Map<JsNode, JsScope>;
  module: JsScope;
  /** Module specifiers the file loads: static and dynamic imports, `require`, re-exports. */
  importedModules: Set<string>;
  /** `require(...)` and `import(...)` calls with a constant specifier → module. */
  moduleLoads: Map<JsNode, string>;
  /** Function nodes in the file, in source order. */
  functions: JsNode[];
  /**
   * The module scopes of a page's module scripts (see `ScriptUnit`), each a child of `module` (then
   * the page's global scope): not in `scopes`, no node creates them.
   */
  units: JsScope[];
}

/**
 * A script of an HTML page or an Astro component, as [start, end) of the file: a `module` script has
 * its own scope, whose parent is the page's global scope; the top-level names of a classic script are
 * in that global scope, seen by every script of the page.
 */
export interface ScriptUnit {
  start: number;
  end: number;
  module: boolean;
}

function staticKey(node: TSESTree.Property | TSESTree.MemberExpression | TSESTree.PropertyDefinition | TSESTree.MethodDefinition): string | undefined {
  const key = node.type === 'MemberExpression' ? node.property : node.key;
  if (!node.computed) {
    if (key.type === 'Identifier') return key.name;
    if (key.type === 'PrivateIdentifier') return `#${key.name}`;
  }
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0) return key.quasis[0].value.cooked ?? undefined;
  return undefined;
}
export { staticKey };

/** The string value of a literal or an expression-free template literal. */
export function literalString(node: JsNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked ?? undefined;
  return undefined;
}

/**
 * The scopes and bindings of a Program. With `units` (a page's scripts, in source order), each
 * top-level statement inside a module unit is in that unit's own module scope (its imports and
 * declarations are seen by no other script), while those of classic units and of no unit are in the
 * Program's scope, the global scope of the page, which module scopes see too.
 */
export function analyzeScopes(program: JsNode, units?: readonly ScriptUnit[]): ScopeAnalysis {
  const parents = new Map<JsNode, JsNode | undefined>();
  const scopeOf = new Map<JsNode, JsScope>();
  const scopes = new Map<JsNode, JsScope>();
  const importedModules = new Set<string>();
  const moduleLoads = new Map<JsNode, string>();
  const functions: JsNode[] = [];
  /** Identifiers written after their declaration, with the value a plain assignment gives them (`null`: another kind of write). */
  const writeTargets: Array<{ id: TSESTree.Identifier; value: JsNode | null; append?: boolean }> = [];
  const requireCalls: TSESTree.CallExpression[] = [];
  /** Calls that may run `Function('return import("m")')` (see `FUNCTION_IMPORT`): of such a function, or of a name. */
  const functionImportCalls: TSESTree.CallExpression[] = [];

  const global: JsScope = { node: program, kind: 'module', parent: undefined, bindings: new Map() };
  scopes.set(program, global);
  let current = global;
  /** The module scope of the statement being walked: the Program's, or that of a module unit. */
  let module = global;
  const unitScopes: JsScope[] = [];
  const unitScope = new Map<ScriptUnit, JsScope>();
  /** The scope a top-level statement starting at `offset` is in: that of the module unit holding it, or the global one. */
  let unitAt = 0;
  const topLevelScope = (offset: number): JsScope => {
    if (!units || units.length === 0) return global;
    // (statements come in source order: the units are looked at once each)
    while (unitAt < units.length && units[unitAt].end <= offset) unitAt++;
    const unit = units[unitAt];
    // (a statement in no unit: in the global scope)
    if (!unit || unit.start > offset || !unit.module) return global;
    let scope = unitScope.get(unit);
    if (!scope) {
      scope = { node: program, kind: 'module', parent: global, bindings: new Map() };
      unitScope.set(unit, scope);
      unitScopes.push(scope);
    }
    return scope;
  };
  /** Position of the parameter being declared (params carry it for `import('m').then(({ a }) => …)`). */
  let currentParam = 0;

  const push = (node: JsNode, kind: JsScope['kind']): void => {
    const scope: JsScope = { node, kind, parent: current, bindings: new Map() };
    scopes.set(node, scope);
    current = scope;
  };
  const functionScope = (): JsScope => {
    let s: JsScope | undefined = current;
    while (s && s.kind !== 'function' && s.kind !== 'module') s = s.parent;
    return s ?? module;
  };

  const declare = (
    scope: JsScope,
    id: TSESTree.Identifier,
    kind: BindingKind,
    declaration: JsNode,
    extra: Partial<Pick<JsBinding, 'init' | 'path' | 'defaultValue' | 'import' | 'paramIndex'>> = {},
    hasInit = false,
  ): void => {
    const existing = scope.bindings.get(id.name);
    if (existing) {
      // `var x = 1; var x = 2` or `function f() {}` + `var f`: one binding, several definitions.
      existing.inits += 1;
      if (hasInit || kind === 'function' || kind === 'class') {
        existing.writes += 1;
        existing.assignedValues = undefined;
      }
      return;
    }
    scope.bindings.set(id.name, { name: id.name, kind, id, declaration, writes: 0, assignedValues: [], inits: hasInit ? 1 : 0, scope, ...extra });
  };

  /**
   * Declares every identifier of a binding pattern; `path` is undefined once it is no longer
   * describable. `assigned`: the construct gives the names a value though it has no initialiser
   * (the head of a `for … of` / `for … in` loop).
   */
  const declarePattern = (
    pattern: JsNode | null,
    scope: JsScope,
    kind: BindingKind,
    declaration: JsNode,
    init: JsNode | undefined,
    path: Array<string | number> | undefined,
    defaultValue?: JsNode,
    assigned = false,
  ): void => {
    if (!pattern) return;
    switch (pattern.type) {
      case 'Identifier':
        if (kind === 'param') {
          declare(scope, pattern, kind, declaration, { path, defaultValue, paramIndex: currentParam }, true);
          return;
        }
        declare(scope, pattern, kind, declaration, {
          init: path ? init : undefined,
          path: path && init ? path : undefined,
          defaultValue,
        }, Boolean(init) || assigned);
        return;
      case 'AssignmentPattern':
        declarePattern(pattern.left, scope, kind, declaration, init, path, pattern.right, assigned);
        return;
      case 'ObjectPattern':
        for (const prop of pattern.properties) {
          if (prop.type === 'RestElement') declarePattern(prop.argument, scope, kind, declaration, init, undefined, undefined, assigned);
          else {
            const key = staticKey(prop);
            declarePattern(prop.value, scope, kind, declaration, init, path && key !== undefined ? [...path, key] : undefined, undefined, assigned);
          }
        }
        return;
      case 'ArrayPattern':
        pattern.elements.forEach((element, index) => {
          if (!element) return;
          if (element.type === 'RestElement') declarePattern(element.argument, scope, kind, declaration, init, undefined, undefined, assigned);
          else declarePattern(element, scope, kind, declaration, init, path ? [...path, index] : undefined, undefined, assigned);
        });
        return;
      case 'RestElement':
        declarePattern(pattern.argument, scope, kind, declaration, init, undefined, undefined, assigned);
        return;
      case 'TSParameterProperty':
        declarePattern(pattern.parameter, scope, kind, declaration, init, path, undefined, assigned);
        return;
      default:
        return;
    }
  };

  /**
   * An ambient declaration (`declare const x`, `declare function f()`, `declare class C`, anything
   * inside `declare global { … }` or `declare namespace N { … }`): TypeScript's description of a value
   * defined elsewhere (a script tag's global), never a binding at run time. A name it declares
   * resolves as the global it describes.
   */
  const ambient = (node: JsNode): boolean => {
    for (let n: JsNode | undefined = node; n; n = parents.get(n)) {
      if ((n as { declare?: boolean }).declare === true) return true;
      if (n.type === 'TSModuleDeclaration' && (n as { kind?: string }).kind === 'global') return true;
    }
    return false;
  };

  const declareParams = (params: readonly JsNode[]): void => {
    const fn = current.node;
    params.forEach((param, index) => {
      currentParam = index;
      declarePattern(param, current, 'param', fn, undefined, []);
    });
  };

  const collectTargets = (pattern: JsNode | null | undefined): void => {
    for (const id of patternNames(pattern)) writeTargets.push({ id, value: null });
  };


  walk(
    program,
    (node, parent) => {
      parents.set(node, parent);
      if (units && parent === program) current = module = topLevelScope(node.range[0]);
      // The name of a function/class declaration lives in the enclosing scope, not its own.
      const ownName = parent && (parent.type === 'FunctionDeclaration' || parent.type === 'ClassDeclaration') && (parent as { id?: JsNode }).id === node;
      scopeOf.set(node, ownName ? (current.node === parent ? current.parent! : current) : current);

      switch (node.type) {
        case 'FunctionDeclaration':
        case 'TSDeclareFunction':
          if (node.id && !ambient(node)) declare(current, node.id, 'function', node, {}, true);
          functions.push(node);
          push(node, 'function');
          declareParams(node.params);
          break;
        case 'FunctionExpression':
        case 'ArrowFunctionExpression':
        case 'TSEmptyBodyFunctionExpression':
          functions.push(node);
          push(node, 'function');
          if (node.type === 'FunctionExpression' && node.id) declare(current, node.id, 'function', node, {}, true);
          declareParams(node.params);
          break;
        case 'ClassDeclaration':
          if (node.id && !ambient(node)) declare(current, node.id, 'class', node, {}, true);
          break;
        case 'ClassExpression':
          if (node.id) {
            push(node, 'class');
            declare(current, node.id, 'class', node, {}, true);
          }
          break;
        case 'StaticBlock':
          push(node, 'function');
          break;
        case 'CatchClause':
          push(node, 'catch');
          if (node.param) declarePattern(node.param, current, 'catch', node, undefined, undefined);
          break;
        case 'VariableDeclaration': {
          // `declare const tmImage: any`: a type for a global some script defines, no value here.
          if (ambient(node)) break;
          const kind: BindingKind = node.kind === 'var' ? 'var' : node.kind === 'let' ? 'let' : node.kind === 'const' ? 'const' : 'using';
          const scope = kind === 'var' ? functionScope() : current;
          // `for (const x of list)`: the loop gives `x` its values (a second `var x` elsewhere is a second definition)
          const loopHead = (parent?.type === 'ForOfStatement' || parent?.type === 'ForInStatement') && parent.left === node;
          for (const decl of node.declarations) declarePattern(decl.id, scope, kind, decl, decl.init ?? undefined, decl.init ? [] : undefined, undefined, loopHead);
          break;
        }
        case 'ImportDeclaration': {
          if (node.importKind === 'type') break;
          const source = normalizeModule(node.source.value);
          importedModules.add(source);
          for (const spec of node.specifiers) {
            if (spec.type === 'ImportSpecifier' && spec.importKind === 'type') continue;
            let path: string[] = [];
            if (spec.type === 'ImportSpecifier') {
              const imported = spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value);
              path = imported === 'default' ? [] : [imported];
            }
            declare(module, spec.local, 'import', spec, { import: { module: source, path } }, true);
          }
          break;
        }
        case 'ExportAllDeclaration':
        case 'ExportNamedDeclaration':
          if (node.source && node.exportKind !== 'type') importedModules.add(normalizeModule(node.source.value));
          break;
        case 'TSImportEqualsDeclaration':
          if (node.importKind !== 'type' && node.moduleReference.type === 'TSExternalModuleReference') {
            const spec = literalString(node.moduleReference.expression);
            if (spec !== undefined) {
              const source = normalizeModule(spec);
              importedModules.add(source);
              declare(current, node.id, 'import', node, { import: { module: source, path: [] } }, true);
            }
          }
          break;
        case 'TSEnumDeclaration':
          declare(current, node.id, 'enum', node, {}, true);
          break;
        case 'TSModuleDeclaration':
          if (node.id.type === 'Identifier' && !ambient(node)) declare(current, node.id, 'namespace', node, {}, true);
          break;
        case 'ImportExpression': {
          const spec = literalString(node.source);
          if (spec !== undefined) {
            importedModules.add(normalizeModule(spec));
            moduleLoads.set(node, normalizeModule(spec));
          }
          break;
        }
        case 'CallExpression':
          if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length >= 1) requireCalls.push(node);
          else if (node.arguments.length === 0) functionImportCalls.push(node);
          break;
        case 'AssignmentExpression':
          if (node.left.type === 'Identifier' && node.operator === '=' && appendsTo(node.right, node.left.name)) writeTargets.push({ id: node.left, value: null, append: true });
          else if (node.left.type === 'Identifier' && PLAIN_ASSIGNMENTS.has(node.operator)) writeTargets.push({ id: node.left, value: node.right });
          else if (node.left.type === 'Identifier' && node.operator === '+=') writeTargets.push({ id: node.left, value: null, append: true });
          else collectTargets(node.left);
          break;
        case 'UpdateExpression':
          collectTargets(node.argument);
          break;
        case 'ForInStatement':
        case 'ForOfStatement':
          if (node.left.type !== 'VariableDeclaration') collectTargets(node.left);
          break;
        default:
          break;
      }
      if (BLOCK_SCOPE_TYPES.has(node.type)) push(node, 'block');
      return undefined;
    },
    (node) => {
      if (scopes.get(node) === current && node !== program) current = current.parent!;
      if (units && parents.get(node) === program) current = module = global;
    },
  );

  const lookup = (id: TSESTree.Identifier): JsBinding | undefined => {
    for (let s: JsScope | undefined = scopeOf.get(id); s; s = s.parent) {
      const b = s.bindings.get(id.name);
      if (b) return b;
    }
    return undefined;
  };
  for (const { id, value, append } of writeTargets) {
    const b = lookup(id);
    if (!b) continue;
    b.writes += 1;
    if (append) b.appends = (b.appends ?? 0) + 1;
    if (value === null) b.assignedValues = undefined;
    else if (b.assignedValues) b.assignedValues.push(value);
  }
  // `require` counts only when it is the free (CommonJS) `require`, not a local function.
  for (const call of requireCalls) {
    const spec = literalString(call.arguments[0]);
    if (spec !== undefined && !lookup(call.callee as TSESTree.Identifier)) {
      importedModules.add(normalizeModule(spec));
      moduleLoads.set(call, normalizeModule(spec));
    }
  }

  // `Function('return import("m")')()`, `new Function(…)()`, `const f = new Function(…); f()`: the
  // CommonJS way to load an ES module (TypeScript would turn a plain `import()` into `require`).
  const functionImport = (node: JsNode | null | undefined): string | undefined => {
    node = node && unwrapExpression(node);
    if (!node || (node.type !== 'CallExpression' && node.type !== 'NewExpression') || node.arguments.length !== 1) return undefined;
    if (node.callee.type !== 'Identifier' || node.callee.name !== 'Function' || lookup(node.callee)) return undefined;
    const body = literalString(node.arguments[0]);
    return body === undefined ? undefined : FUNCTION_IMPORT.exec(body)?.[2];
  };
  for (const call of functionImportCalls) {
    const callee = unwrapExpression(call.callee);
    let spec = functionImport(callee);
    if (spec === undefined && callee.type === 'Identifier') {
      const b = lookup(callee);
      if (b && b.writes === 0 && b.inits === 1 && (b.kind === 'const' || b.kind === 'let' || b.kind === 'var') && b.path?.length === 0) spec = functionImport(b.init);
    }
    if (spec !== undefined) {
      importedModules.add(normalizeModule(spec));
      moduleLoads.set(call, normalizeModule(spec));
    }
  }

  return { parents, scopeOf, scopes, module: global, importedModules, moduleLoads, functions, units: unitScopes };
}

/** The body of `Function('return import("m")')`: nothing but the dynamic import of a constant specifier. */
const FUNCTION_IMPORT = /^\s*return\s+import\(\s*(['"])([^'"]+)\1\s*\)\s*;?\s*$/;

/**
 * The expression that gives a node its value, past TypeScript's wrappers (`f as any`, `f!`, `<T>f`,
 * `f satisfies T`, `f<T>`), an optional chain and a comma sequence's last expression (`(0, f)`).
 */
export function unwrapExpression(node: JsNode): JsNode {
  let n = node;
  for (;;) {
    switch (n.type) {
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
      case 'ChainExpression':
        n = n.expression;
        continue;
      case 'SequenceExpression':
        n = n.expressions[n.expressions.length - 1];
        continue;
      default:
        return n;
    }
  }
}

export function lookupBinding(analysis: ScopeAnalysis, id: TSESTree.Identifier): JsBinding | undefined {
  for (let s: JsScope | undefined = analysis.scopeOf.get(id); s; s = s.parent) {
    const b = s.bindings.get(id.name);
    if (b) return b;
  }
  return undefined;
}

export type { ImportedMember };

/**
 * The names a binding or assignment pattern binds, in source order: `a`, `{ b, c: [d] }`, `[e = 1, ...f]`,
 * through TypeScript's `x as T`, `x!` and `<T>x` around an assignment target.
 */
export function patternNames(pattern: JsNode | null | undefined): TSESTree.Identifier[] {
  if (!pattern) return [];
  switch (pattern.type) {
    case 'Identifier':
      return [pattern];
    case 'AssignmentPattern':
      return patternNames(pattern.left);
    case 'RestElement':
      return patternNames(pattern.argument);
    case 'ObjectPattern':
      return pattern.properties.flatMap((p) => patternNames(p.type === 'RestElement' ? p.argument : p.value));
    case 'ArrayPattern':
      return pattern.elements.flatMap((e) => patternNames(e));
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
    case 'TSTypeAssertion':
      return patternNames(pattern.expression);
    default:
      return [];
  }
}
