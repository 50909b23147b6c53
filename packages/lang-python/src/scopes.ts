import type { Node, Tree } from 'web-tree-sitter';

/**
 * Python scopes and name bindings, built lazily over a web-tree-sitter tree.
 *
 * Scopes: the module, every `def`, `class`, `lambda` and comprehension (Python 3 rules). Each scope
 * has an *inner region* (the part of the source evaluated inside it): for a `def` from its parameter
 * list to its end, minus default values and the return annotation (evaluated in the enclosing scope);
 * for a `class` its body; for a comprehension everything but the first iterable.
 *
 * One native walk (`descendantsOfType`, shared with `PythonSourceCode.traverse` when that runs
 * first) finds the scopes and the binding constructs; the bindings themselves are read from those
 * nodes the first time a rule asks a question that needs them.
 */

export type ScopeKind = 'module' | 'function' | 'class' | 'lambda' | 'comprehension';

export type BindingKind =
  | 'import'
  | 'assignment'
  | 'unpack'
  | 'augmented'
  | 'def'
  | 'class'
  | 'parameter'
  | 'for'
  | 'with'
  | 'except'
  | 'delete'
  | 'match'
  | 'type-alias';

/** One place where a name is bound. */
export interface PythonBinding {
  name: string;
  kind: BindingKind;
  /**
   * The binding construct: the `assignment` / `named_expression` / `for_statement` / `with_item` /
   * `except_clause` / import statement / `function_definition` / `class_definition` / parameter node.
   */
  node: Node;
  /** The identifier that is bound (absent for imports without an alias node, e.g. `import a.b`). */
  target?: Node;
  /**
   * The value bound to the name when it is known syntactically: the right-hand side of an assignment
   * or walrus (the matching element for `a, b = x, y`), the context expression of `with x as name`,
   * a parameter's default value, the `def`/`class` node itself.
   */
  value?: Node;
  /** For `unpack` and `for`: the whole right-hand side / iterable the name was taken from. */
  source?: Node;
  /** For imports: the qualified name bound (`torch`, `torch.serialization.load`, `.mod.name`). */
  qualified?: string;
  /** The node of the scope the name is bound in (module, function_definition, class_definition, …). */
  scope: Node;
}

/** An assignment to `object.attr` (object a plain name); `value` absent when not a simple assignment. */
export interface AttributeAssignment {
  object: Node;
  node: Node;
  value?: Node;
}

export interface ScopeInfo {
  node: Node;
  id: number;
  kind: ScopeKind;
  start: number;
  end: number;
  innerStart: number;
  /** Start of the body (functions, lambdas, classes); nothing from here on is excluded. */
  bodyStart: number;
  parent?: ScopeInfo;
  /** Ranges inside the inner region that belong to the enclosing scope (computed lazily). */
  excluded?: Array<[number, number]>;
  bindings: Map<string, PythonBinding[]>;
  globals?: Set<string>;
  nonlocals?: Set<string>;
  /** Modules imported with `from m import *` in this scope. */
  wildcards?: string[];
}

const SCOPE_TYPES = [
  'function_definition',
  'class_definition',
  'lambda',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
];

const BINDING_TYPES = [
  'assignment',
  'augmented_assignment',
  'named_expression',
  'for_statement',
  'for_in_clause',
  'with_item',
  'import_statement',
  'import_from_statement',
  'function_definition',
  'class_definition',
  'global_statement',
  'nonlocal_statement',
  'except_clause',
  'parameters',
  'lambda_parameters',
  'delete_statement',
  'type_alias_statement',
  'case_clause',
];

const SCOPE_TYPE_SET = new Set(SCOPE_TYPES);
const BINDING_TYPE_SET = new Set(BINDING_TYPES);
/** Node types the scope model needs from the tree (scopes and binding constructs). */
export const WALK_TYPES: readonly string[] = [...new Set([...SCOPE_TYPES, ...BINDING_TYPES])];

const PATTERN_CONTAINERS = new Set([
  'pattern_list',
  'tuple_pattern',
  'list_pattern',
  'tuple',
  'list',
  'expression_list',
  'parenthesized_expression',
]);

const VALUE_SEQUENCES = new Set(['expression_list', 'tuple', 'list']);

function scopeKind(type: string): ScopeKind {
  switch (type) {
    case 'function_definition':
      return 'function';
    case 'class_definition':
      return 'class';
    case 'lambda':
      return 'lambda';
    default:
      return 'comprehension';
  }
}

/** Named children without comments. */
export function namedChildrenOf(node: Node): Node[] {
  const out: Node[] = [];
  for (const c of node.namedChildren) if (c && c.type !== 'comment') out.push(c);
  return out;
}

export class ScopeModel {
  readonly module: ScopeInfo;
  private readonly scopes: ScopeInfo[] = [];
  private readonly byId = new Map<number, ScopeInfo>();
  private bindingsReady = false;

  /** Binding constructs found by the constructor's walk, processed on first need. */
  private pendingBindings: Array<[Node, string]> | undefined = [];

  /**
   * @param walked optional pre-order list of the tree's nodes of `WALK_TYPES` (with their types), when
   * the caller already walked the tree (see `PythonSourceCode.traverse`); otherwise walked here.
   */
  private readonly byInnerStart = new Map<number, ScopeInfo>();
  private readonly attributeAssignments = new Map<string, AttributeAssignment[]>();

  constructor(tree: Tree, private readonly text: string, walked?: Array<[Node, string]>) {
    const root = tree.rootNode;
    this.module = {
      node: root,
      id: root.id,
      kind: 'module',
      start: 0,
      end: Number.MAX_SAFE_INTEGER,
      innerStart: 0,
      bodyStart: 0,
      bindings: new Map(),
      excluded: [],
    };
    this.byId.set(root.id, this.module);
    const stack: ScopeInfo[] = [this.module];
    // One native walk finds both the scopes and the binding constructs.
    const list = walked ?? root.descendantsOfType(WALK_TYPES as string[]).map((n): [Node, string] => [n, n.type]);
    for (const [node, type] of list) {
      if (type === 'lambda' && !node.isNamed) continue; // the `lambda` keyword token
      if (BINDING_TYPE_SET.has(type)) this.pendingBindings!.push([node, type]);
      if (!SCOPE_TYPE_SET.has(type)) continue;
      const start = node.startIndex;
      const end = node.endIndex;
      while (stack.length > 1 && stack[stack.length - 1].end <= start) stack.pop();
      const kind = scopeKind(type);
      let innerStart = start;
      let bodyStart = start;
      if (kind === 'function' || kind === 'lambda') {
        const params = node.childForFieldName('parameters');
        const body = node.childForFieldName('body');
        bodyStart = body ? body.startIndex : end;
        innerStart = kind === 'function' ? (params ? params.startIndex : bodyStart) : start;
      } else if (kind === 'class') {
        const body = node.childForFieldName('body');
        innerStart = body ? body.startIndex : end;
        bodyStart = innerStart;
      }
      let parent = stack[stack.length - 1];
      // A lambda or comprehension in a def's header (default value, annotation) belongs outside it.
      while (parent.kind === 'function' && start < parent.bodyStart && parent.parent) parent = parent.parent;
      const info: ScopeInfo = { node, id: node.id, kind, start, end, innerStart, bodyStart, parent, bindings: new Map() };
      if (kind === 'function') this.byInnerStart.set(innerStart, info);
      if (kind === 'class') info.excluded = [];
      this.scopes.push(info);
      this.byId.set(node.id, info);
      stack.push(info);
    }
  }

  scopeOfNode(node: Node): ScopeInfo | undefined {
    return this.byId.get(node.id);
  }

  /**
   * The innermost scope whose inner region contains `offset`. With `exclusions` false, default
   * values, annotations and first iterables are not moved to the enclosing scope (binding sites
   * never lie there, and checking needs the parameter list).
   */
  scopeAt(offset: number, exclusions = true): ScopeInfo {
    const scopes = this.scopes;
    let lo = 0;
    let hi = scopes.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (scopes[mid].start <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    let s: ScopeInfo | undefined = found >= 0 ? scopes[found] : this.module;
    while (s && s !== this.module) {
      if (offset >= s.innerStart && offset < s.end && (!exclusions || !this.isExcluded(s, offset))) return s;
      s = s.parent;
    }
    return this.module;
  }

  private isExcluded(s: ScopeInfo, offset: number): boolean {
    // Defaults, annotations and the return type all precede a function's body.
    if (offset >= s.bodyStart && s.kind !== 'comprehension') return false;
    if (!s.excluded) s.excluded = this.computeExcluded(s);
    for (const [a, b] of s.excluded) if (offset >= a && offset < b) return true;
    return false;
  }

  private computeExcluded(s: ScopeInfo): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    const node = s.node;
    if (s.kind === 'function' || s.kind === 'lambda') {
      const params = node.childForFieldName('parameters');
      if (params) {
        for (const p of params.namedChildren) {
          if (!p) continue;
          if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
            const v = p.childForFieldName('value');
            if (v) out.push([v.startIndex, v.endIndex]);
          }
          if (p.type === 'typed_parameter' || p.type === 'typed_default_parameter') {
            const t = p.childForFieldName('type');
            if (t) out.push([t.startIndex, t.endIndex]);
          }
        }
      }
      const ret = node.childForFieldName('return_type');
      if (ret) out.push([ret.startIndex, ret.endIndex]);
    } else if (s.kind === 'comprehension') {
      for (const c of node.namedChildren) {
        if (c && c.type === 'for_in_clause') {
          const right = c.childForFieldName('right');
          if (right) out.push([right.startIndex, right.endIndex]);
          break;
        }
      }
    }
    return out;
  }

  /** Finds the scope a name used at `offset` resolves to (Python LEGB rules), or undefined when free. */
  /** Every binding of `name` in any scope of the file (built once, on first use). */
  bindingsNamed(name: string): readonly PythonBinding[] {
    if (!this.byName) {
      this.ensureBindings();
      this.byName = new Map();
      for (const scope of [this.module, ...this.scopes]) {
        for (const [n, list] of scope.bindings) {
          let all = this.byName.get(n);
          if (!all) this.byName.set(n, (all = []));
          all.push(...list);
        }
      }
    }
    return this.byName.get(name) ?? [];
  }

  private byName: Map<string, PythonBinding[]> | undefined;

  resolve(name: string, offset: number): ScopeInfo | undefined {
    this.ensureBindings();
    const scope = this.scopeAt(offset);
    return this.resolveFrom(name, scope);
  }

  resolveFrom(name: string, scope: ScopeInfo): ScopeInfo | undefined {
    this.ensureBindings();
    if (scope.globals?.has(name)) return this.module.bindings.has(name) ? this.module : undefined;
    if (scope.nonlocals?.has(name)) {
      for (let s = scope.parent; s && s !== this.module; s = s.parent) {
        if (s.kind !== 'class' && s.bindings.has(name)) return s;
      }
      return undefined;
    }
    if (scope.bindings.has(name)) return scope;
    for (let s = scope.parent; s; s = s.parent) {
      if (s.kind === 'class') continue;
      if (s.globals?.has(name)) continue;
      if (s.bindings.has(name)) return s;
    }
    return undefined;
  }

  /** Modules imported with `*` at module level. */
  /** Assignments `obj.name = value` anywhere in the file whose object is a plain name, by attribute name. */
  attributeAssignmentsOf(name: string): readonly AttributeAssignment[] {
    this.ensureBindings();
    return this.attributeAssignments.get(name) ?? [];
  }

  wildcardModules(): string[] {
    this.ensureBindings();
    return this.module.wildcards ?? [];
  }

  /** Every scope, module first, with its bindings collected. */
  allScopes(): readonly ScopeInfo[] {
    this.ensureBindings();
    return [this.module, ...this.scopes];
  }

  ensureBindings(): void {
    if (this.bindingsReady) return;
    this.bindingsReady = true;
    const pending = this.pendingBindings ?? [];
    this.pendingBindings = undefined;
    for (const [node, type] of pending) this.collect(node, type);
    this.hoistDeclarations();
  }

  private add(scope: ScopeInfo, binding: Omit<PythonBinding, 'scope'>): void {
    const b = binding as PythonBinding;
    b.scope = scope.node;
    const list = scope.bindings.get(b.name);
    if (list) list.push(b);
    else scope.bindings.set(b.name, [b]);
  }

  /** `global x` / `nonlocal x` inside a function: the function's bindings of x belong to the outer scope. */
  private hoistDeclarations(): void {
    for (const s of this.scopes) {
      if (s.globals) {
        for (const name of s.globals) {
          const list = s.bindings.get(name);
          if (!list) continue;
          s.bindings.delete(name);
          for (const b of list) this.add(this.module, b);
        }
      }
      if (s.nonlocals) {
        for (const name of s.nonlocals) {
          const list = s.bindings.get(name);
          if (!list) continue;
          let target: ScopeInfo | undefined;
          for (let p = s.parent; p && p !== this.module; p = p.parent) {
            if (p.kind !== 'class' && p.bindings.has(name)) {
              target = p;
              break;
            }
          }
          if (!target) continue;
          s.bindings.delete(name);
          for (const b of list) this.add(target, b);
        }
      }
    }
  }

  private scopeForTarget(node: Node): ScopeInfo {
    return this.scopeAt(node.startIndex, false);
  }

  /** Adds bindings for every identifier of an assignment target, pairing with `value` where possible. */
  private bindTargets(
    scope: ScopeInfo,
    target: Node,
    kind: BindingKind,
    owner: Node,
    value: Node | undefined,
    source: Node | undefined,
  ): void {
    const type = target.type;
    if (type === 'identifier') {
      this.add(scope, { name: target.text, kind, node: owner, target, value, source });
      return;
    }
    if (type === 'list_splat_pattern' || type === 'list_splat') {
      const inner = namedChildrenOf(target)[0];
      if (inner) this.bindTargets(scope, inner, kind === 'assignment' ? 'unpack' : kind, owner, undefined, source ?? value);
      return;
    }
    if (type === 'as_pattern_target') {
      const inner = namedChildrenOf(target)[0];
      if (inner) this.bindTargets(scope, inner, kind, owner, value, source);
      return;
    }
    if (PATTERN_CONTAINERS.has(type)) {
      const elements = namedChildrenOf(target);
      if (type === 'parenthesized_expression' && elements.length === 1) {
        this.bindTargets(scope, elements[0], kind, owner, value, source);
        return;
      }
      let values: Node[] | undefined;
      if (value && VALUE_SEQUENCES.has(value.type)) {
        const vs = namedChildrenOf(value);
        if (vs.length === elements.length && !vs.some((v) => v.type === 'list_splat')) values = vs;
      }
      const elementKind: BindingKind = kind === 'assignment' ? 'unpack' : kind;
      elements.forEach((el, i) => {
        if (values) this.bindTargets(scope, el, kind, owner, values[i], source);
        else this.bindTargets(scope, el, elementKind, owner, undefined, source ?? value);
      });
    }
    if (type === 'attribute') {
      // `obj.name = value`: binds no name, but remembered for `self.name` look-ups
      const object = target.childForFieldName('object');
      const attr = target.childForFieldName('attribute');
      if (object && attr && object.type === 'identifier') {
        const name = this.text.slice(attr.startIndex, attr.endIndex);
        const entry: AttributeAssignment = { object, node: owner, value: kind === 'assignment' ? value : undefined };
        const list = this.attributeAssignments.get(name);
        if (list) list.push(entry);
        else this.attributeAssignments.set(name, [entry]);
      }
    }
    // subscript targets bind nothing
  }

  private collect(node: Node, type: string): void {
    switch (type) {
      case 'assignment': {
        const left = node.childForFieldName('left');
        let right = node.childForFieldName('right');
        if (!left || !right) return; // annotation only: `x: int`
        while (right && right.type === 'assignment') right = right.childForFieldName('right');
        this.bindTargets(this.scopeForTarget(left), left, 'assignment', node, right ?? undefined, undefined);
        return;
      }
      case 'augmented_assignment': {
        const left = node.childForFieldName('left');
        if (left) this.bindTargets(this.scopeForTarget(left), left, 'augmented', node, undefined, node.childForFieldName('right') ?? undefined);
        return;
      }
      case 'named_expression': {
        const name = node.childForFieldName('name');
        if (!name) return;
        let scope = this.scopeForTarget(name);
        while (scope.kind === 'comprehension' && scope.parent) scope = scope.parent;
        this.add(scope, { name: name.text, kind: 'assignment', node, target: name, value: node.childForFieldName('value') ?? undefined });
        return;
      }
      case 'for_statement':
      case 'for_in_clause': {
        const left = node.childForFieldName('left');
        if (left) this.bindTargets(this.scopeForTarget(left), left, 'for', node, undefined, node.childForFieldName('right') ?? undefined);
        return;
      }
      case 'with_item': {
        const value = node.childForFieldName('value');
        if (!value || value.type !== 'as_pattern') return;
        const kids = namedChildrenOf(value);
        const expr = kids[0];
        const alias = value.childForFieldName('alias');
        if (alias) this.bindTargets(this.scopeForTarget(alias), alias, 'with', node, expr, expr);
        return;
      }
      case 'except_clause': {
        let alias = node.childForFieldName('alias');
        if (!alias) {
          for (const c of node.namedChildren) {
            if (c && c.type === 'as_pattern') {
              alias = c.childForFieldName('alias');
              break;
            }
          }
        }
        if (alias) this.bindTargets(this.scopeForTarget(alias), alias, 'except', node, undefined, undefined);
        return;
      }
      case 'import_statement': {
        const scope = this.scopeAt(node.startIndex, false);
        for (const item of node.childrenForFieldName('name')) {
          if (!item) continue;
          if (item.type === 'dotted_name') {
            const module = dottedText(item, this.text);
            const first = module.split('.')[0];
            this.add(scope, { name: first, kind: 'import', node, target: item, qualified: first });
          } else if (item.type === 'aliased_import') {
            const nameNode = item.childForFieldName('name');
            const alias = item.childForFieldName('alias');
            if (!nameNode || !alias) continue;
            this.add(scope, { name: alias.text, kind: 'import', node, target: alias, qualified: dottedText(nameNode, this.text) });
          }
        }
        return;
      }
      case 'import_from_statement': {
        const scope = this.scopeAt(node.startIndex, false);
        const moduleNode = node.childForFieldName('module_name');
        if (!moduleNode) return;
        const module = dottedText(moduleNode, this.text);
        if (this.text.slice(moduleNode.endIndex, node.endIndex).includes('*')) {
          for (const c of node.namedChildren) {
            if (c && c.type === 'wildcard_import') (scope.wildcards ??= []).push(module);
          }
        }
        for (const item of node.childrenForFieldName('name')) {
          if (!item) continue;
          let nameNode: Node | null = item;
          let alias: Node | null = null;
          if (item.type === 'aliased_import') {
            nameNode = item.childForFieldName('name');
            alias = item.childForFieldName('alias');
          }
          if (!nameNode) continue;
          const imported = dottedText(nameNode, this.text);
          const bound = alias ? alias.text : imported.split('.')[0];
          this.add(scope, {
            name: bound,
            kind: 'import',
            node,
            target: alias ?? nameNode,
            qualified: joinModule(module, imported),
          });
        }
        return;
      }
      case 'function_definition':
      case 'class_definition': {
        const name = node.childForFieldName('name');
        if (!name) return;
        this.add(this.scopeAt(node.startIndex, false), {
          name: name.text,
          kind: node.type === 'class_definition' ? 'class' : 'def',
          node,
          target: name,
          value: node,
        });
        return;
      }
      case 'global_statement':
      case 'nonlocal_statement': {
        const scope = this.scopeAt(node.startIndex, false);
        const set = node.type === 'global_statement' ? (scope.globals ??= new Set()) : (scope.nonlocals ??= new Set());
        for (const c of node.namedChildren) if (c && c.type === 'identifier') set.add(c.text);
        return;
      }
      case 'parameters':
      case 'lambda_parameters': {
        const scope = (type === 'parameters' ? this.byInnerStart.get(node.startIndex) : undefined) ?? this.scopeAt(node.startIndex, false);
        for (const p of node.namedChildren) {
          if (!p) continue;
          const { name, value } = parameterParts(p);
          if (name) this.add(scope, { name: name.text, kind: 'parameter', node: p, target: name, value });
        }
        return;
      }
      case 'delete_statement': {
        for (const c of namedChildrenOf(node)) this.bindTargets(this.scopeForTarget(c), c, 'delete', node, undefined, undefined);
        return;
      }
      case 'case_clause': {
        // capture patterns of `match`: `case [x, *rest]`, `case {"k": v}`, `case P(a=y)`, `case _ as z`
        for (const pattern of node.namedChildren) {
          if (!pattern || pattern.type !== 'case_pattern') continue;
          for (const d of pattern.descendantsOfType(['dotted_name', 'splat_pattern', 'as_pattern'])) {
            let id: Node | undefined;
            if (d.type === 'dotted_name') {
              const parentType = d.parent?.type;
              if (parentType !== 'case_pattern' && parentType !== 'keyword_pattern') continue; // class names
              const parts = namedChildrenOf(d);
              if (parts.length === 1) id = parts[0]; // a dotted value pattern (`Color.RED`) binds nothing
            } else {
              const kids = namedChildrenOf(d);
              id = kids[kids.length - 1];
            }
            if (!id || id.type !== 'identifier') continue;
            const name = this.text.slice(id.startIndex, id.endIndex);
            if (name === '_') continue;
            this.add(this.scopeAt(id.startIndex, false), { name, kind: 'match', node, target: id });
          }
        }
        return;
      }
      case 'type_alias_statement': {
        const left = node.childForFieldName('left');
        const name = left && (left.type === 'identifier' ? left : namedChildrenOf(left)[0]);
        if (name && name.type === 'identifier') {
          this.add(this.scopeForTarget(name), { name: name.text, kind: 'type-alias', node, target: name, value: node.childForFieldName('right') ?? undefined });
        }
        return;
      }
      default:
        return;
    }
  }
}

/** Name identifier and default value of one parameter node (any parameter form). */
export function parameterParts(p: Node): { name?: Node; value?: Node } {
  switch (p.type) {
    case 'identifier':
      return { name: p };
    case 'default_parameter':
    case 'typed_default_parameter':
      return { name: p.childForFieldName('name') ?? undefined, value: p.childForFieldName('value') ?? undefined };
    case 'typed_parameter': {
      const first = namedChildrenOf(p)[0];
      if (!first) return {};
      return first.type === 'identifier' ? { name: first } : parameterParts(first);
    }
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern': {
      const inner = namedChildrenOf(p)[0];
      return inner && inner.type === 'identifier' ? { name: inner } : {};
    }
    default:
      return {};
  }
}

/**
 * Text of a dotted_name / relative_import (`a.b`, `..x`) read from the source text, without the
 * whitespace or line continuations Python allows between its parts.
 */
export function dottedText(node: Node, text?: string): string {
  const raw = text !== undefined ? text.slice(node.startIndex, node.endIndex) : node.text;
  return /[\s\\#]/.test(raw) ? raw.replace(/#[^\n]*/g, '').replace(/[\s\\]+/g, '') : raw;
}

/** `from <module> import <name>` → qualified name (`.` + `x` → `.x`, `a.b` + `c` → `a.b.c`). */
export function joinModule(module: string, name: string): string {
  if (/^\.+$/.test(module)) return module + name;
  return `${module}.${name}`;
}
