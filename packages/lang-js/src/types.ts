import type { TSESTree } from '@typescript-eslint/typescript-estree';

/**
 * A node of the ESTree produced by typescript-estree (or by espree / typescript-eslint's parser when
 * the source code is built over ESLint's own tree). Handler keys are ESTree node types.
 */
export type JsNode = TSESTree.Node;

export type BindingKind =
  | 'var'
  | 'let'
  | 'const'
  | 'using'
  | 'param'
  | 'function'
  | 'class'
  | 'import'
  | 'catch'
  | 'enum'
  | 'namespace';

/** A name declared in a scope. */
export interface JsBinding {
  name: string;
  kind: BindingKind;
  /** The declaring identifier. */
  id: TSESTree.Identifier;
  /**
   * The declaring construct: a `VariableDeclarator`, a function (for its parameters and its own
   * name), a `ClassDeclaration`, an import specifier, a `CatchClause`, ….
   */
  declaration: JsNode;
  /**
   * For a variable: the expression it is initialised with, with `path` the destructuring path into
   * it (`const { a: { b } } = x` → init `x`, path `['a', 'b']`). Unset when the value cannot be
   * described that way (rest elements, no initialiser).
   */
  init?: JsNode;
  path?: Array<string | number>;
  /** For a parameter: its position, with `path` the destructuring path inside it (`({ a }) =>` → 0, `['a']`). */
  paramIndex?: number;
  /** Default of a parameter or destructuring element (`function f(x = 1)`, `const { a = 1 } = o`). */
  defaultValue?: JsNode;
  /** For an import binding: the module and the member path (default and namespace imports: `[]`). */
  import?: ImportedMember;
  /** How many times the name is assigned after its declaration (`x = …`, `x++`, `for (x of …)`). */
  writes: number;
  /**
   * The values those writes assign, in source order, when every write is a plain assignment of the
   * name itself (`x = v`, `x ??= v`, `x ||= v`, `x &&= v`); `undefined` once one is not (`x += 1`,
   * `x++`, `[x] = pair`, `for (x of list)`). Empty when there are no writes.
   */
  assignedValues?: JsNode[];
  /** How many of `writes` append to the name itself (`x += v`). */
  appends?: number;
  /**
   * How many declarations initialise the name (more than one for `var x = 1; var x = 2`); the head of a
   * `for … of` / `for … in` loop counts as one (`for (var x of list)`).
   */
  inits: number;
  scope: JsScope;
}

export interface JsScope {
  node: JsNode;
  kind: 'module' | 'function' | 'block' | 'class' | 'catch';
  parent: JsScope | undefined;
  bindings: Map<string, JsBinding>;
}

/**
 * An imported module member: `module` is the specifier as written (`node:` prefix removed), `path`
 * the member path below the module's namespace. Default imports and `require()` results denote the
 * module itself (path `[]`), like CommonJS interop does.
 */
export interface ImportedMember {
  module: string;
  path: string[];
}
