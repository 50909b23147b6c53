import type { TSESTree } from '@typescript-eslint/typescript-estree';
import {
  UNKNOWN,
  lastAtOrBefore,
  type ArgumentQuery,
  type CodeSourceCode,
  type Comment,
  type ConstantValue,
  type ImportIndex,
  type Position,
  type Range,
  type SourceLocation,
  type Unknown,
} from '@oculum/core';
import { analyzeScopes, isFunctionNode, literalString, lookupBinding, normalizeModule, patternNames, staticKey, unwrapExpression, type ScopeAnalysis, type ScriptUnit } from './scope.js';
import type { ImportedMember, JsBinding, JsNode, JsScope } from './types.js';
import { type ExportSource, type ImportedValue, type ModuleExports, type ModuleTarget, type ProjectModules } from './project-modules.js';
import { walk } from './walk.js';
import type { ScriptSource } from './sfc.js';

/** Nested resolutions (aliases of aliases, constants of constants) stop here: cycles and pathological chains. */
const MAX_DEPTH = 32;
/** Marks a binding whose answer is being worked out (a cycle back to it answers nothing). */
const PENDING: unique symbol = Symbol('pending');
/** How many objects one `propertyChoices` question may visit, paths through spreads counted (see `collectObjects`). */
const CHOICE_STEPS = 2000;
/** At most this many values from `possibleConstants` (a `+` of two lookups multiplies them). */
const MAX_CHOICES = 32;
/** At most this many pieces of a template or `+` are read one by one by `possibleStringBounds`. */
const MAX_PIECES = 64;
/** At most this many known middles in a `StringBounds` (see `joinBounds`). */
const MAX_PARTS = 64;
/** How many expressions one `possibleStringBounds` question may read (each once: see `boundsChoices`). */
const BOUNDS_STEPS = 2000;
/** Past `MAX_CHOICES`, how many values `possibleStringBounds` still counts to tell "too many" from "not known". */
const MANY_CHOICES = 1024;
/** Identifiers that denote the global object. */
const GLOBAL_OBJECTS = new Set(['globalThis', 'window', 'self', 'global']);
/** TypeScript wrappers around a value (`x as T`, `x!`, `x satisfies T`, `<T>x`). */
const VALUE_WRAPPERS = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'TSInstantiationExpression']);
/** Parents of a name used as a type, not as a value (`x: C`, `typeof C`, `implements C`). */
const TYPE_POSITIONS = new Set(['TSTypeReference', 'TSTypeQuery', 'TSQualifiedName', 'TSClassImplements', 'TSInterfaceHeritage', 'TSExpressionWithTypeArguments']);
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g;
/** Line terminators other than LF and CRLF (see `JsSourceCode.text`). */
const OTHER_LINE_END = /\r(?!\n)|[\u2028\u2029]/;
const OTHER_LINE_ENDS = /\r(?!\n)|[\u2028\u2029]/g;
/** Array methods that call their first argument with each element of the array as its first parameter. */
const ELEMENT_CALLBACK_METHODS = new Set(['map', 'forEach', 'flatMap', 'filter', 'some', 'every', 'find']);
/** Array methods that change the array they are called on (`list.push(x)`): any of its members may be written. */
const ARRAY_MUTATORS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin']);
/** Calls that return a `blob:` URL (`URL.createObjectURL(file)`; `window.`, `self.` dropped; Node's own `URL` from `url`). */
const BLOB_URL_CALLS = new Set(['URL.createObjectURL', 'webkitURL.createObjectURL', 'url.URL.createObjectURL']);

/** A write of a member: on `object`, the member expression (or `Object.assign` call), and the assignment when it is a plain one. */
interface MemberWrite {
  object: JsNode;
  target: JsNode;
  assignment?: TSESTree.AssignmentExpression;
}

/** Set when a value read on the way may be replaced by one the analysis cannot see (see `knownValues`). */
type Open = { value: boolean };

type MemberOwner = { cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression; isStatic: boolean };

/** The writes of one member name, by the class they reach (see `ownedWrites`). */
interface OwnedWrites {
  owned: Map<MemberOwner['cls'], [MemberWrite[], MemberWrite[]]>;
  /** By class: whether a class of the file that extends it has writes, on either side. */
  inherited: Map<MemberOwner['cls'], [boolean, boolean]>;
  unownedOpen: boolean;
}

type Ref = { kind: 'module'; module: string; path: string[] } | { kind: 'global'; path: string[] };

/**
 * The bounds of a string made of `pieces` in order: known pieces join the run being built; a piece
 * that is not known ends it with its prefix, adds its own middles and starts the next run with its suffix.
 * At most `MAX_PARTS` middles are kept (the later ones are dropped: fewer known runs, never a wrong one),
 * so strings built of strings built of strings do not grow their parts exponentially.
 */
function joinBounds(pieces: readonly StringBounds[], keepValue = true): StringBounds {
  const parts: string[] = [];
  let run = '';
  let known = true;
  for (const p of pieces) {
    if (p.value !== undefined) {
      run += p.value;
      continue;
    }
    known = false;
    const head = run + p.parts[0];
    if (parts.length === 0 || (head && parts.length <= MAX_PARTS)) parts.push(head);
    for (let i = 1; i < p.parts.length - 1 && parts.length <= MAX_PARTS; i++) if (p.parts[i]) parts.push(p.parts[i]);
    run = p.parts[p.parts.length - 1];
  }
  if (known && keepValue) return { value: run, prefix: run, suffix: run, parts: [run] };
  parts.push(run);
  if (parts.length === 1) return { prefix: run, suffix: run, parts: [run, run] };
  return { prefix: parts[0], suffix: parts[parts.length - 1], parts };
}

/** The bounds of a string nothing is known of (shared: bounds are never changed once made). */
const UNKNOWN_BOUNDS: StringBounds = Object.freeze({ prefix: '', suffix: '', parts: Object.freeze(['', '']) as string[] });

/** The known ends of a string expression (`http://${host}/model.onnx` → prefix `http://`, suffix `/model.onnx`). */
/** A use that cannot change the member `definiteMemberWrite` asks about. */
const NEUTRAL: unique symbol = Symbol('neutral');

/** The uses of one object variable for one member (see `definiteMemberWrite`). */
interface MemberWriteIndex {
  /** The statement of the declaring list that holds a node (not through a function). */
  statementOf: (node: JsNode) => JsNode | undefined;
  /** Each statement of the list: its position. */
  position: Map<JsNode, number>;
  /** The position of the declaration. */
  from: number;
  /** The positions of the statements with uses that may change the member, ascending. */
  positions: number[];
  /** What a read after the use of the same index sees: the value written, or undefined (not known). */
  values: Array<JsNode | undefined>;
  /** Each statement with uses that may change the member (the reads given the object among them): those uses. */
  changesIn: Map<JsNode, JsNode[]>;
}

export interface StringBounds {
  /** The whole value when it is statically known. */
  value?: string;
  prefix: string;
  suffix: string;
  /**
   * The known runs of text in order, each two separated by a part that is not known: `prefix`
   * first, `suffix` last, the known middles between (`` `https://hf.co/${repo}/resolve/main/${file}` ``
   * → `['https://hf.co/', '/resolve/main/', '']`). One element, the value, when it is known.
   */
  parts: string[];
}

/**
 * The values an option may take (`argumentChoices`, `propertyChoices`): options may be one of several
 * objects (`dev ? { revision: A } : { revision: B }`, `...(token ? { accessToken } : {})`).
 */
export interface OptionChoices {
  /** Every expression the option may be set to (each node once, in source order of discovery). */
  values: JsNode[];
  /**
   * Some object the options may be leaves it out: an object literal without it, no options at all,
   * `null` / `undefined`, the falsy side of `cond && { … }`.
   */
  absent: boolean;
  /**
   * The expressions the analysis cannot see that may set it or not: a parameter, a call's result, a
   * spread of one, an object the file writes that option of (`opts.revision = r`) or members it
   * cannot name of (`opts[k] = v`, `Object.assign(opts, …)`; not one given other options,
   * `opts.device = d`), a getter, a computed key that is not known; empty when every object the options may be is seen.
   */
  unseen: JsNode[];
  /**
   * Of `unseen`, those the options themselves (or the object at a step of a path) may be as a whole
   * (`dev ? opts : { revision: A }`, `opts ?? { revision: A }`, a parameter, past 32 objects): with
   * one, the option may be anything, absent too — unlike a spread the analysis cannot see after an
   * option in view (`{ revision: A, ...opts }`), where the option in view counts. Set by
   * `argumentChoices` and `propertyChoices`.
   */
  unseenObjects?: JsNode[];
}

const EMPTY_KEYS: ReadonlySet<string> = new Set();

/** The object literals an expression may denote, and whether it may denote none or one not seen. */
interface ObjectChoices {
  objects: TSESTree.ObjectExpression[];
  /** `null`, `undefined`, a primitive, the falsy side of `&&`: no properties. */
  empty: boolean;
  unseen: JsNode[];
}

export interface JsSourceCodeInit {
  path: string;
  text: string;
  ast: TSESTree.Program;
  /** Defaults to `ast.comments`. */
  comments?: ReadonlyArray<{ type: string; value: string; range: Range }>;
  parseErrors?: Array<{ message: string; offset: number }>;
  /**
   * At `--depth deep`: the project's relative modules, whose exported constants the answers read for
   * a name imported from them (`import { MODEL_URL } from './config.js'`).
   */
  modules?: ProjectModules;
  /**
   * The scripts of an HTML page or an Astro component, in source order: each module script's
   * top-level names are its own, a classic script's are the page's globals (see `analyzeScopes`).
   * Without them the Program is one scope (a JS file, a Vue or Svelte component's blocks).
   */
  scripts?: readonly ScriptUnit[];
  /**
   * The `<script src=…>` elements of an HTML page or an Astro component that the browser fetches
   * and runs, in document order (see `ScriptSource`); unset for any other file.
   */
  scriptSources?: readonly ScriptSource[];
}

function isStable(b: JsBinding): boolean {
  return (b.kind === 'const' || b.kind === 'let' || b.kind === 'var' || b.kind === 'using') && b.writes === 0 && b.inits <= 1;
}

/** `a + b` of two known primitives, as JavaScript adds them when the analysis can say (else UNKNOWN). */
/** The longest string `constant` builds (in characters): a longer one (a name doubled again and again) is not known. */
const MAX_CONSTANT_LENGTH = 4 * 1024 * 1024;

function plus(a: string | number | bigint | boolean | null, b: string | number | bigint | boolean | null): ConstantValue | Unknown {
  if (typeof a === 'string' || typeof b === 'string') {
    const sa = String(a);
    const sb = String(b);
    return sa.length + sb.length > MAX_CONSTANT_LENGTH ? UNKNOWN : sa + sb;
  }
  return typeof a === 'number' && typeof b === 'number' ? a + b : UNKNOWN;
}

/**
 * The terms of `a + b + c + …` in order (TypeScript wrappers around a left side looked through, as
 * the recursion did): `first`, then each term added to the sum so far.
 */
function plusTerms(expr: TSESTree.BinaryExpression): { first: JsNode; rest: JsNode[] } {
  const rest: JsNode[] = [];
  let node: JsNode = expr;
  while (node.type === 'BinaryExpression' && node.operator === '+') {
    rest.push(node.right);
    node = unwrapExpression(node.left);
  }
  return { first: node, rest: rest.reverse() };
}

function isPrimitive(v: ConstantValue | Unknown): v is string | number | bigint | boolean | null {
  return v === null || (typeof v !== 'object' && typeof v !== 'symbol');
}

/**
 * The path of `id` inside a binding pattern (`{ a: [, b] }` → `['a', 1]` for `b`); `null` when the
 * pattern holds it where no path describes it (a rest element, a computed key), `undefined` when
 * the pattern does not hold it.
 */
function patternPath(pattern: JsNode | null, id: TSESTree.Identifier): Array<string | number> | null | undefined {
  if (!pattern) return undefined;
  const below = (p: JsNode | null, seg: string | number | undefined): Array<string | number> | null | undefined => {
    const inner = patternPath(p, id);
    if (inner === undefined || inner === null) return inner;
    return seg === undefined ? null : [seg, ...inner];
  };
  switch (pattern.type) {
    case 'Identifier':
      return pattern === id ? [] : undefined;
    case 'AssignmentPattern':
      return patternPath(pattern.left, id);
    case 'ObjectPattern':
      for (const prop of pattern.properties) {
        const found = prop.type === 'RestElement' ? below(prop.argument, undefined) : below(prop.value, staticKey(prop));
        if (found !== undefined) return found;
      }
      return undefined;
    case 'ArrayPattern':
      for (let i = 0; i < pattern.elements.length; i++) {
        const element = pattern.elements[i];
        const found = element?.type === 'RestElement' ? below(element.argument, undefined) : below(element, i);
        if (found !== undefined) return found;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** How many values a list of choices holds at most: `MAX_CHOICES`, `MANY_CHOICES` while `possibleStringBounds` counts them (see `manyConstants`). */
let choiceLimit = MAX_CHOICES;

/** How many times a list of choices was full at `MANY_CHOICES` (see `manyConstants`): more values known than are read. */
let manyOverflows = 0;

/** Adds a value to a list of choices (a primitive once); false when the list is full (`choiceLimit`). */
function addChoice(out: ConstantValue[], v: ConstantValue): boolean {
  if (isPrimitive(v) && out.includes(v)) return true;
  if (out.length >= choiceLimit) {
    if (choiceLimit === MANY_CHOICES) manyOverflows++;
    return false;
  }
  out.push(v);
  return true;
}

/** The position of a parameter binding among its function's parameters (a TypeScript `this` parameter not counted), or -1. */
function parameterPosition(fn: TSESTree.FunctionLike, b: JsBinding): number {
  const params = fn.params.filter((p) => !(p.type === 'Identifier' && p.name === 'this'));
  return params.findIndex((p) => {
    let q: JsNode = p;
    if (q.type === 'TSParameterProperty') q = q.parameter;
    if (q.type === 'AssignmentPattern') q = q.left;
    return q === b.id;
  });
}

/**
 * A parsed JS/TS file and its semantic model. Built by `javascript.parse`, or over an ESTree Program
 * that another tool already parsed (`createJsSourceCode`, used by eslint-plugin-oculum), so nothing
 * is parsed twice.
 *
 * Canonical qualified names: `<module>.<member path>`, where `<module>` is the import specifier as
 * written (without a `node:` prefix, nor Deno's `npm:` / `jsr:` prefix and version) and default/namespace imports and `require()` results denote
 * the module itself: `import * as ort from 'onnxruntime-web'; ort.InferenceSession.create` →
 * `onnxruntime-web.InferenceSession.create`; `import axios from 'axios'; axios.get` → `axios.get`.
 * Specifiers may contain dots, so rules that match module families use `importedMember`, which
 * returns module and path separately.
 */

export class JsSourceCode implements CodeSourceCode<JsNode> {
  readonly path: string;
  /**
   * The file's text with each line terminator of ECMAScript other than LF and CRLF (a lone CR,
   * U+2028, U+2029) read as LF, same offsets: the lines the engine counts in it are the lines of the
   * positions (`positionAt`), which end at every terminator, as ESLint's do. `getText` gives the
   * file's own characters.
   */
  readonly text: string;
  /** The file's text as it is. */
  private readonly source: string;
  readonly ast: TSESTree.Program;
  readonly parseErrors: ReadonlyArray<{ message: string; loc: SourceLocation }>;
  readonly imports: ImportIndex;
  private readonly analysis: ScopeAnalysis;
  private readonly lineStarts: number[];
  private readonly rawComments: ReadonlyArray<{ type: string; value: string; range: Range }>;
  private commentCache?: Comment[];
  private referenceCache?: Map<JsBinding, TSESTree.Identifier[]>;
  private callSiteIndex?: Map<JsNode, Array<TSESTree.CallExpression | TSESTree.NewExpression>>;
  private returnCache?: Map<JsNode, JsNode[]>;
  private assignedMembers?: Map<JsNode, Set<string>>;
  private memberWriteIndex?: Map<string, MemberWrite[]>;
  /** The members of each binding's value the file writes, by their key on the value itself (`''`: any). */
  private membersWritten?: Map<JsBinding, Set<string>>;
  /**
   * True while `memberWrites` walks the file, and while `writtenMemberKeys` sorts the writes' keys by
   * binding (`writtenKeysByBinding`): a constant key asked for on the way must not ask for the writes
   * again. While it is set, `memberWritten` answers false at once (a key is read as if nothing wrote
   * it), `writtenMemberKeys` answers `'all'`, the `keptMany*` memos are not used, and `constantKey`
   * keeps its answers apart from those read once the writes are known.
   */
  private buildingMemberWrites = false;
  private escapeCache?: Map<JsNode, boolean>;
  /** `ownedWrites`, by member name. */
  private readonly ownedWriteIndex = new Map<string, OwnedWrites>();
  /** `memberValues`, by class, then side and member name. */
  private readonly memberValueCache = new Map<JsNode, Map<string, JsNode[] | undefined>>();
  /** `memberOwner`, by expression (`null`: none). */
  private readonly memberOwnerCache = new Map<JsNode, MemberOwner | null>();
  /** `classMembers`, by class. */
  private readonly classMemberCache = new Map<JsNode, Map<string, JsNode[] | null>>();
  /** The names the module's `export { … }` lists export (see `exportedByName`). */
  private namesExported?: Set<string>;
  /** `classFields`, by class. */
  private readonly classFieldCache = new Map<JsNode, Map<string, TSESTree.PropertyDefinition[]>>();
  /** How many times `importedValue` has asked another module (`initValue` keeps no answer that did). */
  private importsRead = 0;
  /** `initValue`'s answers: by initialiser, then by depth (negative while imported values are not read). */
  private readonly initValues = new Map<JsNode, Map<number, { value: ConstantValue | Unknown; open: boolean }>>();
  /** The value of each enum of the file (`enumValue`), `undefined` while it is worked out. */
  private enumCache = new Map<JsBinding, { value: ConstantValue | Unknown; open: boolean } | undefined>();
  /** Functions and bindings whose value `resolveRef` is working out (recursion through them resolves nothing). */
  private readonly resolving = new Set<unknown>();
  /** What each stable binding denotes, once known (`PENDING` while it is worked out; see `resolveRef`). */
  private readonly refMemo = new Map<JsBinding, Ref | undefined | typeof PENDING>();
  /** `literalMemberRef` of a call of a function of this file, by function and key path (see there). */
  private readonly returnedMemberMemo = new Map<TSESTree.FunctionLike, Map<string, Ref | undefined>>();
  /** Set when an answer on the way was cut short (a cycle, `MAX_DEPTH`): answers built on it are not kept. */
  private refCut = false;
  /** Set when a question ran into `MAX_DEPTH`: the outermost one warms the bindings up (once per file). */
  private refDeep = false;
  private refsWarmed = false;
  /** How many `resolveRef` questions are being answered (the outermost is 1). */
  private refNesting = 0;
  /**
   * At `--depth deep`: the project's relative modules, whose exported values `constant`,
   * `possibleConstants`, `knownValues` and `stringBounds` read for a name imported from one of them.
   */
  readonly modules?: ProjectModules;
  /** Above 0 while an answer must come from this file alone (see `isOpaqueOptions`). */
  private localOnly = 0;
  /**
   * An HTML page's or an Astro component's `<script src=…>` elements that the browser fetches and
   * runs, in document order, each with its `src` as the browser reads it, whether it is a module
   * script, and its start tag's place in the file (`tag`: compare it with a node's `range` to know
   * which inline scripts come after it): `<script src="https://unpkg.com/ml5@1/dist/ml5.min.js">`
   * says where the `ml5` global of the inline scripts comes from. Empty for a page that loads no
   * script; `undefined` for a file that is not a page (a JS/TS file, a Vue or Svelte component, a
   * tree built by another tool).
   */
  readonly scriptSources: readonly ScriptSource[] | undefined;

  constructor(init: JsSourceCodeInit) {
    this.path = init.path;
    this.source = init.text;
    this.text = OTHER_LINE_END.test(init.text) ? init.text.replace(OTHER_LINE_ENDS, '\n') : init.text;
    this.ast = init.ast;
    this.lineStarts = [0];
    for (const m of init.text.matchAll(LINE_BREAK)) this.lineStarts.push(m.index! + m[0].length);
    this.rawComments = init.comments ?? (init.ast.comments as ReadonlyArray<{ type: string; value: string; range: Range }> | undefined) ?? [];
    this.parseErrors = (init.parseErrors ?? []).map((e) => {
      const start = this.positionAt(e.offset);
      return { message: e.message, loc: { start, end: start } };
    });
    this.analysis = analyzeScopes(init.ast, init.scripts);
    this.modules = init.modules;
    this.scriptSources = init.scriptSources;
    const modules = this.analysis.importedModules;
    this.imports = {
      modules,
      has(module: string): boolean {
        const m = normalizeModule(module);
        if (modules.has(m)) return true;
        for (const x of modules) if (x.startsWith(`${m}/`)) return true;
        return false;
      },
    };
  }

  // -------------------------------------------------------------------------------------------
  // SourceCode

  traverse(visit: (node: JsNode, phase: 'enter' | 'exit') => void): void {
    walk(
      this.ast,
      (node) => {
        visit(node, 'enter');
      },
      (node) => visit(node, 'exit'),
    );
  }

  getRange(node: JsNode): Range {
    return [node.range[0], node.range[1]];
  }

  getLoc(node: JsNode): SourceLocation {
    return { start: this.positionAt(node.range[0]), end: this.positionAt(node.range[1]) };
  }

  getText(node?: JsNode): string {
    return node ? this.source.slice(node.range[0], node.range[1]) : this.source;
  }

  getComments(): readonly Comment[] {
    if (!this.commentCache) {
      this.commentCache = this.rawComments
        .filter((c) => c.type === 'Line' || c.type === 'Block')
        .map((c) => {
          const start = this.positionAt(c.range[0]);
          const lineStart = this.lineStarts[start.line - 1];
          return {
            value: c.value,
            range: [c.range[0], c.range[1]] as Range,
            loc: { start, end: this.positionAt(c.range[1]) },
            ownLine: this.text.slice(lineStart, c.range[0]).trim() === '',
          };
        });
    }
    return this.commentCache;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = lastAtOrBefore(this.lineStarts, o);
    return { line: line + 1, column: o - this.lineStarts[line] + 1 };
  }

  // -------------------------------------------------------------------------------------------
  // Tree navigation (extras)

  /** The parent of a node (`undefined` for the Program). */
  parent(node: JsNode): JsNode | undefined {
    return this.analysis.parents.get(node);
  }

  /** Ancestors from the parent up to the Program. */
  ancestors(node: JsNode): JsNode[] {
    const out: JsNode[] = [];
    for (let p = this.parent(node); p; p = this.parent(p)) out.push(p);
    return out;
  }

  /**
   * The innermost function (declaration, expression, arrow, method body) containing a node; `undefined`
   * at top level. With `throughPromiseExecutors`, the executor of a `new Promise((resolve, reject) =>
   * …)` (the global `Promise`) is skipped: it runs at once, as part of the call of the function that
   * makes the promise, so that function is the one that runs the node.
   */
  enclosingFunction(node: JsNode, options: { throughPromiseExecutors?: boolean } = {}): TSESTree.FunctionLike | undefined {
    for (let p = this.parent(node); p; p = this.parent(p)) {
      if (isFunctionNode(p) && !(options.throughPromiseExecutors && this.isPromiseExecutor(p))) return p;
    }
    return undefined;
  }

  /** `fn` is the executor of `new Promise(fn)`, the global `Promise`. */
  private isPromiseExecutor(fn: JsNode): boolean {
    const made = this.parent(fn);
    return made?.type === 'NewExpression' && made.arguments[0] === fn && this.globalName(made.callee) === 'Promise';
  }

  /** Every function node of the file, in source order. */
  get functions(): readonly JsNode[] {
    return this.analysis.functions;
  }

  /** Calls `visit` for `node` and each node below it, in source order; return `false` to skip a subtree. */
  descendants(node: JsNode, visit: (n: JsNode) => void | false): void {
    walk(node, (n) => visit(n));
  }

  // -------------------------------------------------------------------------------------------
  // Bindings (extras)

  /** The binding an identifier refers to, or `undefined` for a global (free) name. */
  binding(id: TSESTree.Identifier): JsBinding | undefined {
    return lookupBinding(this.analysis, id);
  }

  /** The scope a node's names are resolved in. */
  scopeOf(node: JsNode): JsScope | undefined {
    return this.analysis.scopeOf.get(node);
  }

  /** Identifiers that read or write a binding (its declaration excluded), in source order. */
  references(binding: JsBinding): readonly TSESTree.Identifier[] {
    if (!this.referenceCache) {
      const cache = new Map<JsBinding, TSESTree.Identifier[]>();
      walk(this.ast, (n, parent) => {
        if (n.type !== 'Identifier') return;
        if (parent) {
          if (parent.type === 'MemberExpression' && parent.property === n && !parent.computed) return;
          if ((parent.type === 'Property' || parent.type === 'PropertyDefinition' || parent.type === 'MethodDefinition') && parent.key === n && !parent.computed && !(parent.type === 'Property' && parent.shorthand)) return;
          if (parent.type === 'ImportSpecifier' || parent.type === 'ExportSpecifier' || parent.type === 'LabeledStatement' || parent.type === 'BreakStatement' || parent.type === 'ContinueStatement') return;
        }
        const b = lookupBinding(this.analysis, n);
        if (!b || b.id === n) return;
        let list = cache.get(b);
        if (!list) cache.set(b, (list = []));
        list.push(n);
      });
      this.referenceCache = cache;
    }
    return this.referenceCache.get(binding) ?? [];
  }

  /**
   * The function a call invokes when it is a function of this file: a function declaration, or a
   * const bound to a function/arrow expression (`helper(x)`, `const helper = async () => …`), or a
   * method of a class of this file called through `this` (`this.fetchModel(url)` in another method
   * or field of the class; static methods from static ones) or through the class name for a static
   * method (`Store.load(url)`), also a field holding a function (`fetchModel = async (url) => …`);
   * not when the class assigns a member of that name.
   */
  calledFunction(call: TSESTree.CallExpression | TSESTree.NewExpression): TSESTree.FunctionLike | undefined {
    const callee = unwrapExpression(call.callee);
    if (callee.type === 'MemberExpression') return call.type === 'CallExpression' ? this.calledMethod(callee) : undefined;
    if (callee.type !== 'Identifier') return undefined;
    const b = this.binding(callee);
    if (!b) return undefined;
    if (b.kind === 'function' && isFunctionNode(b.declaration)) return b.declaration;
    if (isStable(b) && b.init && b.path?.length === 0) {
      const init = unwrapExpression(b.init);
      if (isFunctionNode(init)) return init;
    }
    return undefined;
  }

  /** `this.m` / `C.m` (see `calledFunction`): the function of the class member `m`. */
  private calledMethod(callee: TSESTree.MemberExpression): TSESTree.FunctionLike | undefined {
    const key = staticKey(callee);
    if (key === undefined) return undefined;
    const owner = this.memberOwner(callee.object);
    if (!owner) return undefined;
    let found: TSESTree.FunctionLike | undefined;
    for (const m of owner.cls.body.body) {
      if ((m.type !== 'MethodDefinition' && m.type !== 'PropertyDefinition') || m.static !== owner.isStatic || staticKey(m) !== key) continue;
      // The last definition wins (an overload signature has no body).
      if (m.type === 'MethodDefinition' && m.kind === 'method' && m.value.type === 'FunctionExpression') found = m.value;
      else if (m.type === 'PropertyDefinition' && m.value) {
        const value = unwrapExpression(m.value);
        found = value.type === 'FunctionExpression' || value.type === 'ArrowFunctionExpression' ? value : undefined;
      } else found = undefined;
    }
    return found && !this.classAssigns(owner.cls, key) ? found : undefined;
  }

  /**
   * The calls of this file that invoke `fn` (as `calledFunction` resolves them), in source order:
   * `helper(x)`, `new Helper()`, `this.fetchModel(url)`. The file's calls are resolved once.
   */
  callSites(fn: JsNode): ReadonlyArray<TSESTree.CallExpression | TSESTree.NewExpression> {
    if (!this.callSiteIndex) {
      const index = new Map<JsNode, Array<TSESTree.CallExpression | TSESTree.NewExpression>>();
      walk(this.ast, (n) => {
        if (n.type !== 'CallExpression' && n.type !== 'NewExpression') return;
        const target = this.calledFunction(n);
        if (!target) return;
        let list = index.get(target);
        if (!list) index.set(target, (list = []));
        list.push(n);
      });
      this.callSiteIndex = index;
    }
    return this.callSiteIndex.get(fn) ?? [];
  }

  /**
   * The parameter that receives `argument` of `call` in the function of this file the call invokes
   * (see `calledFunction`): `helper(bytes)` with `function helper(buf) { … }` → the binding of `buf`.
   * Only a parameter that is a plain name (a default allowed; TypeScript's `this` parameter skipped),
   * not a rest element or a destructuring pattern, and only when the argument's position is known
   * (no spread of an unknown array before it).
   */
  parameterFor(call: TSESTree.CallExpression | TSESTree.NewExpression, argument: JsNode): JsBinding | undefined {
    const fn = this.calledFunction(call);
    if (!fn) return undefined;
    const position = this.expandedArguments(call).list.indexOf(argument);
    if (position < 0) return undefined;
    const params = fn.params.filter((p) => !(p.type === 'Identifier' && p.name === 'this'));
    let param: JsNode | undefined = params[position];
    if (param?.type === 'TSParameterProperty') param = param.parameter;
    if (param?.type === 'AssignmentPattern') param = param.left;
    if (param?.type !== 'Identifier') return undefined;
    const b = this.binding(param);
    return b?.kind === 'param' && b.declaration === fn && b.id === param ? b : undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Names

  /**
   * What an expression denotes (see `qualifiedName`). Each stable binding's answer is kept
   * (`refMemo`), so a chain of aliases is followed once. A question that runs into `MAX_DEPTH` on the
   * way (`const p1 = p0; … const p40 = p39;`: each link one level deeper) has the bindings of the file
   * answered once in source order, each link then finding the one before it answered, and is asked
   * again: chains of any length resolve, in time linear in the file.
   */
  private resolveRef(node: JsNode): Ref | undefined {
    this.refNesting++;
    let ref: Ref | undefined;
    try {
      ref = this.refOf(node, 0);
    } finally {
      this.refNesting--;
    }
    if (this.refNesting === 0 && this.refDeep) {
      this.refDeep = false;
      if (!this.refsWarmed) {
        this.refsWarmed = true;
        this.refNesting++;
        try {
          for (const b of this.aliasBindings()) this.bindingRef(b, 0);
          ref = this.refOf(node, 0);
        } finally {
          this.refNesting--;
          this.refDeep = false;
        }
      }
    }
    return ref;
  }

  /** The stable bindings with an initialiser, in source order (see `resolveRef`). */
  private aliasBindings(): JsBinding[] {
    const out: JsBinding[] = [];
    for (const scope of [...this.analysis.scopes.values(), ...this.analysis.units]) {
      for (const b of scope.bindings.values()) if (!b.import && b.kind !== 'param' && b.init && b.path && isStable(b)) out.push(b);
    }
    return out.sort((a, b) => a.id.range[0] - b.id.range[0]);
  }

  /** A reference question cut short by the depth bound: not kept, and the outermost question warms the bindings up (see `resolveRef`). */
  private refCutDeep(): undefined {
    this.refCut = true;
    this.refDeep = true;
    return undefined;
  }

  private refOf(node: JsNode, depth: number): Ref | undefined {
    if (depth > MAX_DEPTH) return this.refCutDeep();
    const expr = unwrapExpression(node);
    switch (expr.type) {
      case 'Identifier': {
        const b = this.binding(expr);
        if (!b) {
          if (expr.name === 'undefined') return undefined;
          return { kind: 'global', path: GLOBAL_OBJECTS.has(expr.name) ? [] : [expr.name] };
        }
        if (b.import) return { kind: 'module', module: b.import.module, path: [...b.import.path] };
        if (b.kind === 'param') return this.resolveThenParam(b, depth);
        if (!isStable(b)) return this.resolveReassigned(b, depth);
        if (!b.init || !b.path) return undefined;
        return this.bindingRef(b, depth);
      }
      case 'MemberExpression': {
        // `a.b.c.d…` down to its object without recursion, then each key on the way back up
        const keys: string[] = [];
        let object: JsNode = expr;
        while (object.type === 'MemberExpression') {
          const key = this.memberKey(object);
          if (key === undefined) return undefined;
          keys.push(key);
          object = unwrapExpression(object.object);
        }
        let ref = this.refOf(object, depth + 1);
        // (`(await init()).pipeline`, `r.pipeline` with `const r = await init()`: a member of an object literal)
        if (!ref) return this.literalMemberRef(object, keys.reverse(), depth + 1);
        for (let i = keys.length - 1; ref && i >= 0; i--) ref = this.extend(ref, [keys[i]]);
        // a member of what the file stores in a global (`window.transformers = { pipeline, env }`, then
        // `window.transformers.pipeline`): the imported member it holds
        if (ref?.kind === 'global' && ref.path.length >= 2) return this.globalStoreRef(ref.path[0], ref.path.slice(1), depth + 1) ?? ref;
        return ref;
      }
      case 'CallExpression':
      case 'ImportExpression': {
        const module = this.analysis.moduleLoads.get(expr);
        if (module !== undefined) return { kind: 'module', module, path: [] };
        return expr.type === 'CallExpression' ? this.resolveReturned(expr, depth) : undefined;
      }
      case 'AwaitExpression':
        // `await import('m')` is the namespace; awaiting a non-promise yields the value itself.
        return this.refOf(expr.argument, depth + 1);
      default:
        return undefined;
    }
  }

  /** The values the file assigns to each property of the global object (`window.X = v`, `globalThis.X = v`, `self.X = v`, `global.X = v`), kept. */
  private globalStoresMemo: Map<string, JsNode[]> | undefined;

  private globalStores(): Map<string, JsNode[]> {
    if (this.globalStoresMemo) return this.globalStoresMemo;
    const stores = new Map<string, JsNode[]>();
    this.globalStoresMemo = stores;
    const add = (name: string, value: JsNode) => {
      let list = stores.get(name);
      if (!list) stores.set(name, (list = []));
      list.push(value);
    };
    this.descendants(this.ast, (n) => {
      if (n.type !== 'AssignmentExpression' || n.left.type !== 'MemberExpression') return;
      const object = unwrapExpression(n.left.object);
      if (object.type !== 'Identifier' || !GLOBAL_OBJECTS.has(object.name) || this.binding(object)) return;
      const key = staticKey(n.left);
      // (`window.X ??= v`, `window[k] = v`: a value or a name not known, which stands for none)
      if (key !== undefined) add(key, n.operator === '=' ? n.right : n.left);
    });
    return stores;
  }

  /**
   * Member `keys` of the global `name` when the file stores an imported module or an object of its
   * members there once (`window.transformers = { pipeline, env }`, `globalThis.ort = await
   * import('onnxruntime-web')`): the imported member. Anything else (two stores, a store that is not
   * an import, none) leaves the global as it is.
   */
  private globalStoreRef(name: string, keys: string[], depth: number): Ref | undefined {
    const values = this.globalStores().get(name);
    if (!values || values.length !== 1) return undefined;
    const value = values[0];
    if (value.type === 'MemberExpression') return undefined;
    const ref = this.refOf(value, depth + 1);
    if (ref) return ref.kind === 'module' ? this.extend(ref, keys) : undefined;
    const member = this.literalMemberRef(value, keys, depth + 1);
    return member?.kind === 'module' ? member : undefined;
  }

  /** What a stable binding with an initialiser denotes, kept once known (see `resolveRef`). */
  private bindingRef(b: JsBinding, depth: number): Ref | undefined {
    const memo = this.refMemo.get(b);
    if (memo === PENDING) {
      // a cycle (`const a = b, b = a`): nothing, and nothing kept on the way
      this.refCut = true;
      return undefined;
    }
    if (memo !== undefined || this.refMemo.has(b)) return memo;
    this.refMemo.set(b, PENDING);
    const outerCut = this.refCut;
    this.refCut = false;
    let ref: Ref | undefined;
    try {
      const base = this.refOf(b.init!, depth + 1);
      const keys = b.path!.some((p) => typeof p === 'number') ? undefined : (b.path as string[]);
      ref = base && keys ? this.extend(base, keys) : undefined;
      // `const { pipeline } = await init()` where `init` returns `{ pipeline: transformers.pipeline }`
      if (!base && keys && keys.length > 0 && !b.defaultValue) ref = this.literalMemberRef(b.init!, keys, depth + 1);
    } finally {
      if (this.refCut) this.refMemo.delete(b);
      else this.refMemo.set(b, ref);
      this.refCut ||= outerCut;
    }
    return ref;
  }

  /**
   * What member `keys` of the object literal an expression holds denotes: a literal itself, a stable
   * name that holds one (its members never written), the awaited value, or a call of a function of
   * this file each of whose returns (`null` and `undefined` aside) is such an object — the helper
   * that loads a module lazily and returns `{ pipeline: transformers.pipeline, env }`. The member is
   * the last property of that key with no spread after it; every returned object must agree.
   */
  private literalMemberRef(node: JsNode, keys: readonly string[], depth: number): Ref | undefined {
    if (depth > MAX_DEPTH) return this.refCutDeep();
    const expr = unwrapExpression(node);
    switch (expr.type) {
      case 'AwaitExpression':
        return this.literalMemberRef(expr.argument, keys, depth + 1);
      case 'Identifier': {
        const b = this.binding(expr);
        if (!b || b.import || b.kind === 'param' || !isStable(b) || !b.init || !b.path || b.defaultValue) return undefined;
        if (b.path.some((p) => typeof p !== 'string') || this.hasMemberWrites(b)) return undefined;
        return this.literalMemberRef(b.init, [...(b.path as string[]), ...keys], depth + 1);
      }
      case 'ObjectExpression': {
        let value: JsNode | undefined;
        for (const p of expr.properties) {
          // (a spread, or a key that is not known, may give the member another value)
          const key = p.type === 'SpreadElement' ? undefined : p.computed ? this.constantKey(p.key) : staticKey(p);
          if (key === keys[0]) value = p.type === 'Property' && p.kind === 'init' && !p.method ? p.value : undefined;
          else if (key === undefined) value = undefined;
        }
        if (!value) return undefined;
        const ref = this.refOf(value, depth + 1);
        if (ref) return keys.length > 1 ? this.extend(ref, keys.slice(1)) : ref;
        return keys.length > 1 ? this.literalMemberRef(value, keys.slice(1), depth + 1) : undefined;
      }
      case 'CallExpression': {
        const fn = this.calledFunction(expr);
        if (!fn || fn.generator) return undefined;
        if (this.resolving.has(fn)) {
          this.refCut = true;
          return undefined;
        }
        // the answer depends on the function and the keys only: kept, unless cut short on the way
        // (a cycle, `MAX_DEPTH`), so each destructuring of a helper with many returns reads them once
        let byKeys = this.returnedMemberMemo.get(fn);
        const path = keys.join('\0');
        if (byKeys?.has(path)) return byKeys.get(path);
        this.resolving.add(fn);
        const outerCut = this.refCut;
        this.refCut = false;
        let ref: Ref | undefined;
        try {
          for (const value of this.returnedValues(fn)) {
            if (this.isNullish(value)) continue;
            const r = this.literalMemberRef(value, keys, depth + 1);
            if (!r || r.kind !== 'module' || (ref?.kind === 'module' && (ref.module !== r.module || ref.path.join('\0') !== r.path.join('\0')))) {
              ref = undefined;
              break;
            }
            ref = r;
          }
        } finally {
          this.resolving.delete(fn);
          if (!this.refCut) {
            if (!byKeys) this.returnedMemberMemo.set(fn, (byKeys = new Map()));
            byKeys.set(path, ref);
          }
          this.refCut ||= outerCut;
        }
        return ref;
      }
      default:
        return undefined;
    }
  }

  /**
   * The end of a chain of plain aliases (`const m1 = m0; const m2 = m1; …`) that starts at the name
   * `id`: the last name on the way and its binding, followed without recursion, so the constants and
   * values read through a name do not stop after `MAX_DEPTH` aliases. A link is a stable binding whose
   * initialiser is another name of the file (not a destructuring, not an import: those are read as
   * usual); `link` may stop the chain at a binding. A cycle stops where it closes.
   */
  private lastAlias(id: TSESTree.Identifier, link: (b: JsBinding) => boolean = () => true): { id: TSESTree.Identifier; binding: JsBinding | undefined } {
    let name = id;
    let b = this.binding(id);
    const seen = new Set<JsBinding>();
    while (b && isStable(b) && b.init && b.path?.length === 0 && !b.defaultValue && !seen.has(b) && link(b)) {
      const init = unwrapExpression(b.init);
      if (init.type !== 'Identifier') break;
      const next = this.binding(init);
      if (!next || next.import) break;
      seen.add(b);
      name = init;
      b = next;
    }
    return { id: name, binding: b };
  }

  /**
   * A call of a function of this file that returns a module or a member of one
   * (`async function getOrt() { return import('onnxruntime-web'); }`, `() => require('m')`): what
   * every value it returns resolves to (`return;`, `null` and `undefined` aside), when they agree.
   */
  private resolveReturned(call: TSESTree.CallExpression, depth: number): Ref | undefined {
    const fn = this.calledFunction(call);
    if (!fn || fn.generator) return undefined;
    if (this.resolving.has(fn)) {
      this.refCut = true;
      return undefined;
    }
    this.resolving.add(fn);
    try {
      return this.sameRef(this.returnedValues(fn), depth);
    } finally {
      this.resolving.delete(fn);
    }
  }

  /**
   * A `let`/`var` written after its declaration, when every value it is given — its initialiser and
   * each plain assignment (`x = v`, `x ??= v`) — resolves to the same module or member, `null` and
   * `undefined` aside: `let ort = null; … ort ??= await import('onnxruntime-web')`.
   */
  private resolveReassigned(b: JsBinding, depth: number): Ref | undefined {
    if ((b.kind !== 'let' && b.kind !== 'var') || b.inits > 1 || !b.assignedValues || b.assignedValues.length === 0) return undefined;
    if (this.resolving.has(b)) {
      this.refCut = true;
      return undefined;
    }
    const decl = b.declaration;
    if (decl.type !== 'VariableDeclarator' || decl.id !== b.id) return undefined;
    this.resolving.add(b);
    try {
      return this.sameRef(decl.init ? [decl.init, ...b.assignedValues] : b.assignedValues, depth);
    } finally {
      this.resolving.delete(b);
    }
  }

  /** The one module reference all values resolve to (nullish ones left out; at least one other). */
  private sameRef(values: readonly JsNode[], depth: number): Ref | undefined {
    let ref: Ref | undefined;
    for (const value of values) {
      if (this.isNullish(value)) continue;
      const r = this.refOf(value, depth + 1);
      if (!r || r.kind !== 'module') return undefined;
      if (ref?.kind === 'module' && (ref.module !== r.module || ref.path.join('\0') !== r.path.join('\0'))) return undefined;
      ref = r;
    }
    return ref;
  }

  private isNullish(node: JsNode): boolean {
    const n = unwrapExpression(node);
    if (n.type === 'Literal') return n.value === null && !(n as { regex?: unknown }).regex;
    if (n.type === 'Identifier') return n.name === 'undefined' && !this.binding(n);
    return n.type === 'UnaryExpression' && n.operator === 'void';
  }

  /** The values a function returns: its expression body, or the arguments of its own `return`s (nested functions aside). */
  private returnedValues(fn: TSESTree.FunctionLike): JsNode[] {
    if (!this.returnCache) this.returnCache = new Map();
    let values = this.returnCache.get(fn);
    if (!values) {
      const out: JsNode[] = [];
      if (fn.type === 'ArrowFunctionExpression' && fn.body.type !== 'BlockStatement') out.push(fn.body);
      else if (fn.body) {
        walk(fn.body, (n) => {
          if (isFunctionNode(n) || n.type === 'ClassDeclaration' || n.type === 'ClassExpression') return false;
          if (n.type === 'ReturnStatement' && n.argument) out.push(n.argument);
          return undefined;
        });
      }
      this.returnCache.set(fn, (values = out));
    }
    return values;
  }

  /** `import('m').then((ns) => …)` / `.then(({ pipeline }) => …)`: the first parameter is the namespace. */
  private resolveThenParam(b: JsBinding, depth: number): Ref | undefined {
    if (b.paramIndex !== 0 || b.writes > 0 || !b.path || b.path.some((p) => typeof p === 'number')) return undefined;
    const fn = b.declaration;
    const call = this.parent(fn);
    if (!call || call.type !== 'CallExpression' || call.arguments[0] !== fn) return undefined;
    const callee = unwrapExpression(call.callee);
    if (callee.type !== 'MemberExpression' || staticKey(callee) !== 'then') return undefined;
    const base = this.refOf(callee.object, depth + 1);
    return base && base.kind === 'module' ? this.extend(base, b.path as string[]) : undefined;
  }

  private extend(base: Ref, path: string[]): Ref {
    let full = [...base.path, ...path];
    // The default export of a module is the module itself (CommonJS interop, `import x from`).
    if (base.kind === 'module' && full[0] === 'default') full = full.slice(1);
    if (base.kind === 'global' && full.length > 0 && GLOBAL_OBJECTS.has(full[0])) full = full.slice(1);
    return base.kind === 'module' ? { kind: 'module', module: base.module, path: full } : { kind: 'global', path: full };
  }

  private memberKey(expr: TSESTree.MemberExpression): string | undefined {
    const key = staticKey(expr);
    if (key !== undefined) return key;
    if (expr.computed) {
      const v = this.constant(expr.property);
      if (typeof v === 'string' || typeof v === 'number') return String(v);
    }
    return undefined;
  }

  /**
   * `<module>.<member path>` for an expression that denotes an imported module or member, through
   * ES imports (named, default, namespace, renamed), `require` (destructured or not), dynamic
   * `import()` with a literal, aliases (`const p = pipeline`, `const { a } = ns`), calls of a function
   * of this file that returns a module (`const ort = await getOrt()`) and variables that only ever
   * hold one module (`let ort = null; … ort = await import('onnxruntime-web')`). `undefined` for
   * globals, locals and shadowed names.
   */
  qualifiedName(expr: JsNode): string | undefined {
    const ref = this.resolveRef(expr);
    if (!ref || ref.kind !== 'module') return undefined;
    return ref.path.length ? `${ref.module}.${ref.path.join('.')}` : ref.module;
  }

  /** The imported module and member path an expression denotes (see `qualifiedName`). */
  importedMember(expr: JsNode): ImportedMember | undefined {
    const ref = this.resolveRef(expr);
    return ref && ref.kind === 'module' ? { module: ref.module, path: ref.path } : undefined;
  }

  /**
   * The dotted name of an expression rooted at a global (unbound) name, with `globalThis.`/`window.`/
   * `self.`/`global.` dropped: `fetch`, `window.fetch` → `fetch`; `crypto.subtle.digest`. Also through
   * aliases (`const { subtle } = crypto`). `undefined` when the root is a local or imported name.
   */
  globalName(expr: JsNode): string | undefined {
    const ref = this.resolveRef(expr);
    if (!ref || ref.kind !== 'global') return undefined;
    return ref.path.length ? ref.path.join('.') : 'globalThis';
  }

  // -------------------------------------------------------------------------------------------
  // Arguments

  /** The arguments of a call with spreads of array literals expanded; `complete` is false after an unresolved spread. */
  private expandedArguments(call: JsNode): { list: JsNode[]; complete: boolean } {
    const args = (call.type === 'CallExpression' || call.type === 'NewExpression' ? call.arguments : []) as JsNode[];
    const list: JsNode[] = [];
    const add = (items: ReadonlyArray<JsNode | null>, depth: number): boolean => {
      for (const item of items) {
        if (!item) return false;
        if (item.type === 'SpreadElement') {
          const arr = depth < MAX_DEPTH ? this.arrayLiteral(item.argument, depth + 1) : undefined;
          if (!arr || !add(arr.elements as Array<JsNode | null>, depth + 1)) return false;
        } else list.push(item);
      }
      return true;
    };
    const complete = add(args, 0);
    return { list, complete };
  }

  /** The object literal an expression denotes: a literal, or a stable variable (or destructured part of one) bound to one. */
  objectLiteral(expr: JsNode, depth = 0): TSESTree.ObjectExpression | undefined {
    const node = this.definingExpression(expr, depth);
    return node?.type === 'ObjectExpression' ? node : undefined;
  }

  /** The array literal an expression denotes: a literal, a stable variable bound to one, or a static member of a constant object holding one (`TASKS.sentiment`, see `memberLiteral`). */
  private arrayLiteral(expr: JsNode, depth = 0): TSESTree.ArrayExpression | undefined {
    const node = this.definingExpression(expr, depth);
    if (node?.type === 'ArrayExpression') return node;
    const member = node?.type === 'MemberExpression' ? this.memberLiteral(node, depth + 1) : undefined;
    return member?.type === 'ArrayExpression' ? member : undefined;
  }

  /**
   * The two expressions hold the same value: the same name (through plain aliases, `const q = p`) of
   * a binding never re-assigned (a variable, or a parameter: the same call's argument), the same
   * constant string or number (a literal path written twice, or a constant holding it), the same
   * member of an imported module (`RNFS.DocumentDirectoryPath`), or template literals and `+` made of
   * such parts in the same order (`` `${RNFS.DocumentDirectoryPath}/model.onnx` `` written twice, or
   * held in a stable variable). False when this cannot be said: two other names (`const a = f();
   * const b = f()`), a parameter and a constant (its default is not its value), values not known.
   */
  sameValue(a: JsNode, b: JsNode, depth = 0): boolean {
    if (depth > MAX_DEPTH) return false;
    const x = unwrapExpression(a);
    const y = unwrapExpression(b);
    if (x === y) return true;
    const bx = x.type === 'Identifier' ? this.lastAlias(x).binding : undefined;
    const by = y.type === 'Identifier' ? this.lastAlias(y).binding : undefined;
    if (bx && bx === by && (isStable(bx) || (bx.kind === 'param' && bx.writes === 0))) return true;
    if (bx?.kind === 'param' || by?.kind === 'param') return false;
    const cx = this.constant(x);
    if (typeof cx === 'string' || typeof cx === 'number') return cx === this.constant(y);
    if (this.constant(y) !== UNKNOWN) return false;
    // a stable name stands for the expression that defines it
    const dx = x.type === 'Identifier' ? this.definingExpression(x) : undefined;
    if (dx && dx !== x) return this.sameValue(dx, y, depth + 1);
    const dy = y.type === 'Identifier' ? this.definingExpression(y) : undefined;
    if (dy && dy !== y) return this.sameValue(x, dy, depth + 1);
    if (x.type === 'MemberExpression' && y.type === 'MemberExpression') {
      const m = this.importedMember(x);
      const n = m && this.importedMember(y);
      return m !== undefined && n !== undefined && m.path.length > 0 && m.module === n.module && m.path.join('.') === n.path.join('.');
    }
    if (x.type === 'TemplateLiteral' && y.type === 'TemplateLiteral') {
      return (
        x.quasis.length === y.quasis.length &&
        x.quasis.every((q, i) => q.value.cooked === y.quasis[i].value.cooked) &&
        x.expressions.every((e, i) => this.sameValue(e, y.expressions[i], depth + 1))
      );
    }
    if (x.type === 'BinaryExpression' && y.type === 'BinaryExpression' && x.operator === '+' && y.operator === '+') {
      return this.sameValue(x.left, y.left, depth + 1) && this.sameValue(x.right, y.right, depth + 1);
    }
    return false;
  }

  /**
   * The two expressions are strings that cannot be equal, whatever runs: two different known values
   * (`'/m.onnx'` and `'/c.json'`), or known starts or ends that disagree (`` `${dir}/model.onnx` `` and
   * `` `${dir}/config.json` ``: see `stringBounds`). False when this cannot be said, and when either
   * depends on a parameter (its default is not its value: a call may pass another).
   */
  differentValues(a: JsNode, b: JsNode): boolean {
    if (this.dependsOnParameter(a, 0) || this.dependsOnParameter(b, 0)) return false;
    const x = this.stringBounds(a);
    const y = this.stringBounds(b);
    if (x.value !== undefined && y.value !== undefined) return x.value !== y.value;
    const prefixes = x.prefix.startsWith(y.prefix) || y.prefix.startsWith(x.prefix);
    const suffixes = x.suffix.endsWith(y.suffix) || y.suffix.endsWith(x.suffix);
    return !prefixes || !suffixes;
  }

  /** The expression reads a parameter, itself or through the stable variables it is made of (kept per node). */
  private dependsOnParameter(expr: JsNode, depth: number): boolean {
    const memo = this.parameterMemo.get(expr);
    if (memo !== undefined) return memo;
    if (depth > MAX_DEPTH) return true;
    this.parameterMemo.set(expr, true); // (a cycle: assume the worst)
    let found = false;
    const visit = (n: JsNode): false | undefined => {
      if (found) return false;
      if (n.type !== 'Identifier') return undefined;
      const parent = this.parent(n);
      // (the key of a member or of a property is no read of a name)
      if (parent?.type === 'MemberExpression' && parent.property === n && !parent.computed) return undefined;
      if (parent?.type === 'Property' && parent.key === n && !parent.computed && parent.value !== n) return undefined;
      const b = this.binding(n);
      if (!b) return undefined;
      if (b.kind === 'param' || b.defaultValue) found = true;
      else if (b.init && !b.import && this.dependsOnParameter(b.init, depth + 1)) found = true;
      return undefined;
    };
    visit(unwrapExpression(expr));
    if (!found) this.descendants(expr, visit);
    this.parameterMemo.set(expr, found);
    return found;
  }

  private readonly parameterMemo = new Map<JsNode, boolean>();

  /**
   * Follows stable variables to the expression that defines their value
   * (`const o = { a: { b: 1 } }; const { a } = o;` → `a` is `{ b: 1 }`).
   */
  definingExpression(expr: JsNode, depth = 0): JsNode | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const node = unwrapExpression(expr);
    if (node.type !== 'Identifier') return node;
    const b = this.lastAlias(node).binding;
    if (!b || !isStable(b) || !b.init || !b.path) return undefined;
    let cur: JsNode | undefined = this.definingExpression(b.init, depth + 1);
    for (const seg of b.path) {
      if (!cur) return undefined;
      if (typeof seg === 'number') {
        if (cur.type !== 'ArrayExpression') return undefined;
        const el = cur.elements[seg];
        if (!el || cur.elements.slice(0, seg + 1).some((e) => e?.type === 'SpreadElement')) return undefined;
        cur = this.definingExpression(el, depth + 1);
      } else {
        if (cur.type !== 'ObjectExpression') return undefined;
        const v = this.property(cur, seg, depth + 1);
        cur = v ? this.definingExpression(v, depth + 1) : undefined;
      }
    }
    return cur;
  }

  /**
   * Whether a name is declared with a type that is no string nor URL (`buf: Uint8Array`, `ArrayBuffer`,
   * `Buffer`, `Blob`, a typed array, `number`, `boolean`; a union of them): its value, even one the
   * analysis cannot follow (past its depth bound), is bytes, not a location.
   */
  declaredNonText(expr: JsNode): boolean {
    const node = unwrapExpression(expr);
    if (node.type !== 'Identifier') return false;
    const b = this.binding(node);
    const annotation = b?.id.typeAnnotation?.typeAnnotation;
    return annotation !== undefined && nonTextType(annotation, 0);
  }

  /**
   * The expression a static member read gives (`MODELS.det` → the `{ url }` literal of
   * `const MODELS = { det: { url } }`), member by member through object literals held by stable
   * names whose members the file never writes; `undefined` when not known so.
   */
  memberLiteral(expr: JsNode, depth = 0): JsNode | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const node = unwrapExpression(expr);
    if (node.type !== 'MemberExpression') return this.definingExpression(node, depth);
    const key = staticKey(node);
    if (key === undefined) return undefined;
    let root: JsNode = unwrapExpression(node.object);
    while (root.type === 'MemberExpression') root = unwrapExpression(root.object);
    const rb = root.type === 'Identifier' ? this.binding(root) : undefined;
    if (!rb || this.hasMemberWrites(rb)) return undefined;
    const object = this.memberLiteral(node.object, depth + 1);
    if (object?.type !== 'ObjectExpression') return undefined;
    const value = this.property(object, key, depth + 1);
    return value ? this.memberLiteral(value, depth + 1) : undefined;
  }

  /** The value node of property `name` in an object literal, looking into spreads of object literals (last wins). */
  property(obj: TSESTree.ObjectExpression, name: string, depth = 0): JsNode | undefined {
    if (depth > MAX_DEPTH) return undefined;
    for (let i = obj.properties.length - 1; i >= 0; i--) {
      const p = obj.properties[i];
      if (p.type === 'SpreadElement') {
        const inner = this.objectLiteral(p.argument, depth + 1);
        const found = inner ? this.property(inner, name, depth + 1) : undefined;
        if (found) return found;
        continue;
      }
      const key = p.computed ? this.constantKey(p.key) : staticKey(p);
      if (key === name) return p.kind === 'init' ? p.value : undefined;
    }
    return undefined;
  }

  /**
   * `constantKey`'s answers, by node, then by whether the member writes are being listed and whether
   * only this file is read (`keyMemoSlot`): a key that is itself a member read with such a key
   * (`t[t[…t['a']…]]`) is read by `memberWritten` and by the member's own value, so at each level
   * twice (2^n for n levels) unless kept. Whether the answer ran into the depth bound is kept with it.
   */
  private readonly keyMemo = new Map<JsNode, Map<number, { key: string | undefined; cut: boolean }>>();

  private constantKey(node: JsNode): string | undefined {
    const slot = (this.buildingMemberWrites ? 1 : 0) + (this.localOnly > 0 ? 2 : 0);
    let bySlot = this.keyMemo.get(node);
    const known = bySlot?.get(slot);
    if (known) {
      if (known.cut) this.valueCuts++;
      return known.key;
    }
    const cutsBefore = this.valueCuts;
    const imports = this.importsRead;
    const refCutBefore = this.refCut;
    this.refCut = false;
    let key: string | undefined;
    try {
      const v = this.constant(node);
      key = typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
    } catch (e) {
      this.refCut ||= refCutBefore;
      throw e;
    }
    // (not an answer a cycle guard cut short, nor one that read another module: see `initValue`)
    if (!this.refCut && this.importsRead === imports) {
      if (!bySlot) this.keyMemo.set(node, (bySlot = new Map()));
      bySlot.set(slot, { key, cut: this.valueCuts > cutsBefore });
    }
    this.refCut ||= refCutBefore;
    return key;
  }

  /**
   * An argument by position (0-based, spreads of array literals expanded) and/or by option name.
   * With `name` and `position`: the property `name` of the options object at that position. With
   * `name` only: the property in the last object argument that has it. Options objects may be
   * literals, stable variables bound to literals, and may spread other literals.
   */
  argument(call: JsNode, query: ArgumentQuery): JsNode | undefined {
    // Positions after an unresolved spread are not in `list`: they are unknown, not absent.
    const { list } = this.expandedArguments(call);
    if (query.name === undefined) {
      if (query.position === undefined) return undefined;
      return list[query.position];
    }
    const candidates = query.position !== undefined ? (list[query.position] ? [list[query.position]] : []) : [...list].reverse();
    for (const candidate of candidates) {
      const obj = this.objectLiteral(candidate);
      if (!obj) continue;
      const found = this.property(obj, query.name);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * True when the call spreads something that is not an array literal, or an object argument spreads
   * something that is not an object literal: options the analysis cannot see.
   */
  hasUnresolvedArguments(call: JsNode): boolean {
    const { list, complete } = this.expandedArguments(call);
    if (!complete) return true;
    return list.some((arg) => {
      const obj = unwrapExpression(arg).type === 'ObjectExpression' || unwrapExpression(arg).type === 'Identifier' ? this.objectLiteral(arg) : undefined;
      return obj ? this.hasOpaqueSpread(obj, 0) : false;
    });
  }

  private hasOpaqueSpread(obj: TSESTree.ObjectExpression, depth: number): boolean {
    if (depth > MAX_DEPTH) return true;
    return obj.properties.some((p) => {
      if (p.type !== 'SpreadElement') return false;
      const inner = this.objectLiteral(p.argument, depth + 1);
      return !inner || this.hasOpaqueSpread(inner, depth + 1);
    });
  }

  /**
   * True when the argument at `position` exists but is not statically an object literal (a parameter,
   * a call result…): options passed there cannot be seen. Use it to lower confidence. A constant
   * known only from another module (`--depth deep`: `OPTIONS` imported from `./config.js`) stays
   * opaque: its properties are not nodes of this file, so `argument(call, { name })` cannot find them.
   */
  isOpaqueOptions(call: JsNode, position: number): boolean {
    const { list, complete } = this.expandedArguments(call);
    const arg = list[position];
    if (!arg) return !complete;
    const obj = this.objectLiteral(arg);
    if (obj) return this.hasOpaqueSpread(obj, 0);
    this.localOnly++;
    try {
      return this.constant(arg) === UNKNOWN;
    } finally {
      this.localOnly--;
    }
  }

  /**
   * The values option `name` may take in the options object at `position` (see `OptionChoices`):
   * as `argument(call, { name, position })`, and also when the options may be one of several
   * objects — both branches of a `?:` whose test is not known, the sides of `??` / `||` / `&&` the
   * value may come from (`opts ?? {}`, `cond && { … }`), `Object.freeze(…)`, through stable variables
   * — and when they spread such a choice (`{ repo, ...auth }` with `auth = token ? { accessToken }
   * : {}`). A later property hides an earlier one, as in JavaScript; a spread that may leave the
   * option out lets the properties before it decide. `name` may be a path into nested options
   * (`['pretrainedOptions', 'revision']`). An object the file writes that option of, or members it
   * cannot name of (not an object given other options, `opts.device = d`), and anything else
   * that is not an object literal of this file (a parameter, at `--depth deep` an imported object),
   * is `unseen`. Past 32 objects, the rest is `unseen`.
   */
  argumentChoices(call: JsNode, query: { position: number; name: string | readonly string[] }): OptionChoices {
    const { list, complete } = this.expandedArguments(call);
    const arg = list[query.position];
    if (!arg) {
      // after a spread of arguments the analysis cannot expand: that spread may hold it
      const spread = complete ? undefined : (call as TSESTree.CallExpression).arguments.find((a) => a.type === 'SpreadElement');
      return { values: [], absent: complete, unseen: spread ? [spread] : [], unseenObjects: spread ? [spread] : [] };
    }
    return this.propertyChoices(arg, query.name);
  }

  /** The values property `name` (or a path of names) of the object `expr` denotes may take: see `argumentChoices`. */
  propertyChoices(expr: JsNode, name: string | readonly string[]): OptionChoices {
    // objects that spread one another (`o5 = c ? {...o4} : {...o3}`, each made of the two before it) are
    // many paths to few objects: past a budget of steps, what is left is `unseen`
    this.choiceSteps = CHOICE_STEPS;
    const path = typeof name === 'string' ? [name] : name;
    const out: OptionChoices = { values: [], absent: false, unseen: [], unseenObjects: [] };
    let current: JsNode[] = [expr];
    for (let i = 0; i < path.length; i++) {
      const step: OptionChoices = { values: [], absent: false, unseen: [] };
      for (const e of current) this.collectProperty(e, path[i], 0, step, out.unseenObjects);
      if (step.absent) out.absent = true;
      for (const u of step.unseen) if (!out.unseen.includes(u)) out.unseen.push(u);
      current = step.values;
    }
    out.values = current;
    return out;
  }

  private collectProperty(expr: JsNode, name: string, depth: number, out: OptionChoices, objectsUnseen?: JsNode[]): void {
    // an object literal whose option a straight-line write sets before this read (`pin(options)`)
    const written = this.definiteMemberWrite(expr, name);
    if (written) {
      if (!out.values.includes(written)) out.values.push(written);
      return;
    }
    const read = this.memberRead(expr);
    if (read) return this.collectMemberProperty(expr, `${read.owner.cls.range[0]}:${read.owner.isStatic ? 1 : 0}:${read.key}:${name}`, name, depth, out, objectsUnseen);
    this.collectPropertyOnce(expr, name, depth, out, objectsUnseen);
  }

  /** Option questions on class members under way (see `collectMemberProperty`), outermost first. */
  private readonly memberOptionStack: string[] = [];
  /** The outermost position in `memberOptionStack` a cycle went back to during the question under way. */
  private memberOptionCycle = Infinity;
  /** `collectMemberProperty`'s answers, by class, side, member and option. */
  private readonly memberOptionCache = new Map<string, { choices: OptionChoices; objectsUnseen: JsNode[] }>();

  /**
   * `collectProperty` for a class member (`this.options`): answered once per member and option. A
   * member whose values spread the member itself (`this.options = { ...this.options, k: v }` in many
   * methods) is not followed round again: that read is what the analysis cannot see.
   */
  private collectMemberProperty(expr: JsNode, key: string, name: string, depth: number, out: OptionChoices, objectsUnseen?: JsNode[]): void {
    const node = unwrapExpression(expr);
    const at = this.memberOptionStack.indexOf(key);
    if (at >= 0) {
      this.memberOptionCycle = Math.min(this.memberOptionCycle, at);
      if (!out.unseen.includes(node)) out.unseen.push(node);
      if (objectsUnseen && !objectsUnseen.includes(node)) objectsUnseen.push(node);
      return;
    }
    let known = this.memberOptionCache.get(key);
    if (!known) {
      const choices: OptionChoices = { values: [], absent: false, unseen: [] };
      const unseenObjects: JsNode[] = [];
      const position = this.memberOptionStack.length;
      const outerCycle = this.memberOptionCycle;
      this.memberOptionCycle = Infinity;
      this.memberOptionStack.push(key);
      try {
        this.collectPropertyOnce(expr, name, depth, choices, unseenObjects);
      } finally {
        this.memberOptionStack.pop();
      }
      // (an answer cut short by a cycle through a question still under way, or by the step budget, is not kept)
      const complete = this.memberOptionCycle >= position && this.choiceSteps >= 0 && depth === 0;
      this.memberOptionCycle = Math.min(outerCycle, this.memberOptionCycle >= position ? Infinity : this.memberOptionCycle);
      known = { choices, objectsUnseen: unseenObjects };
      if (complete) this.memberOptionCache.set(key, known);
    }
    const { choices, objectsUnseen: unseenObjects } = known;
    if (choices.absent) out.absent = true;
    for (const v of choices.values) if (!out.values.includes(v)) out.values.push(v);
    for (const u of choices.unseen) if (!out.unseen.includes(u)) out.unseen.push(u);
    if (objectsUnseen) for (const u of unseenObjects) if (!objectsUnseen.includes(u)) objectsUnseen.push(u);
  }

  private collectPropertyOnce(expr: JsNode, name: string, depth: number, out: OptionChoices, objectsUnseen?: JsNode[]): void {
    const choices: ObjectChoices = { objects: [], empty: false, unseen: [] };
    this.collectObjects(expr, depth, choices, name);
    if (choices.empty) out.absent = true;
    for (const u of choices.unseen) if (!out.unseen.includes(u)) out.unseen.push(u);
    if (objectsUnseen) for (const u of choices.unseen) if (!objectsUnseen.includes(u)) objectsUnseen.push(u);
    for (const obj of choices.objects) this.collectFrom(obj, name, depth, out);
  }

  /** Property `name` of one object literal, the last one that may set it first, looking into its spreads. */
  private collectFrom(obj: TSESTree.ObjectExpression, name: string, depth: number, out: OptionChoices): void {
    for (let i = obj.properties.length - 1; i >= 0; i--) {
      const p = obj.properties[i];
      if (p.type === 'SpreadElement') {
        if (depth >= MAX_DEPTH) {
          if (!out.unseen.includes(p.argument)) out.unseen.push(p.argument);
          continue;
        }
        const inner: OptionChoices = { values: [], absent: false, unseen: [] };
        this.collectProperty(p.argument, name, depth + 1, inner);
        for (const v of inner.values) if (!out.values.includes(v)) out.values.push(v);
        for (const u of inner.unseen) if (!out.unseen.includes(u)) out.unseen.push(u);
        // every object the spread may be sets it: the properties before it never decide
        if (!inner.absent && inner.unseen.length === 0) return;
        continue;
      }
      const key = p.computed ? this.constantKey(p.key) : staticKey(p);
      if (key === undefined) {
        // a computed key that is not known may be `name`
        if (p.computed && !out.unseen.includes(p)) out.unseen.push(p);
        continue;
      }
      if (key !== name) continue;
      if (p.kind === 'init') {
        if (!out.values.includes(p.value as JsNode)) out.values.push(p.value as JsNode);
      } else if (!out.unseen.includes(p)) out.unseen.push(p);
      return;
    }
    out.absent = true;
  }

  /**
   * The value member `key` of the object read at `use` was last given before that read, when the
   * code says so on every path: `use` is a `const` (or a `let` / `var` never re-assigned) holding an
   * object literal, declared in the same statement list as the statement that reads it, and a
   * statement of that list between the two writes the member: `options.revision = COMMIT;`, or a call
   * of a function of the file (`pin(options);`, `await pin(options);` for an async one) that writes
   * it on its parameter as a statement of its body before any `return` (`function pin(o) { o.revision
   * = COMMIT; }`), a constant value. Every other use of the variable before the read must be unable
   * to change the member: a read of another member, a write of another member, a spread; anything
   * else (a call that may write it, a write in an `if`, a closure, a `delete` of the member, another
   * use in the read's own statement that may change it) leaves it undefined, as does no such write at
   * all (the literal says what it says).
   */
  private definiteMemberWrite(use: JsNode, key: string): JsNode | undefined {
    const id = unwrapExpression(use);
    if (id.type !== 'Identifier') return undefined;
    const b = this.binding(id);
    if (!b) return undefined;
    const index = this.objectWrites(b, key);
    if (!index) return undefined;
    const readAt = index.statementOf(id);
    const to = readAt ? index.position.get(readAt) : undefined;
    if (!readAt || to === undefined || to <= index.from) return undefined;
    // the writes of the statements before the read's (binary search: the reads of one object are many)
    let lo = 0;
    let hi = index.positions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (index.positions[mid] < to) lo = mid + 1;
      else hi = mid;
    }
    // another use in the read's own statement that may change the member (`if (dev) { options.revision
    // = branch; return load(options); }`, `load(options, pin(options))`): not known
    const changes = index.changesIn.get(readAt);
    if (changes && (changes.length > 1 || changes[0] !== id)) return undefined;
    const value = lo === 0 ? undefined : index.values[lo - 1];
    return value !== undefined && this.constant(value) !== UNKNOWN ? value : undefined;
  }

  /**
   * The uses of an object variable that decide what `definiteMemberWrite` reads of member `key`, once
   * per binding and key: the statement positions of the list that declares it, and for each use that
   * may change the member (in source order of statements) what a read after it sees. `null` when no
   * read can be decided (not an object literal held by a stable variable, a use in a closure).
   */
  private objectWrites(b: JsBinding, key: string): MemberWriteIndex | null {
    let perKey = this.objectWriteMemo.get(b);
    if (!perKey) this.objectWriteMemo.set(b, (perKey = new Map()));
    let found = perKey.get(key);
    if (found === undefined) perKey.set(key, (found = this.buildObjectWrites(b, key)));
    return found;
  }

  private readonly objectWriteMemo = new Map<JsBinding, Map<string, MemberWriteIndex | null>>();

  /**
   * Each statement of a block or program body: its position, built once per list (every object
   * variable declared in the list shares it, so many of them cost the list's length once, not each).
   */
  private statementPositions(list: JsNode, body: JsNode[]): Map<JsNode, number> {
    let position = this.statementPositionMemo.get(list);
    if (!position) {
      position = new Map();
      for (let i = 0; i < body.length; i++) position.set(body[i], i);
      this.statementPositionMemo.set(list, position);
      this.statementPositionBuilds++;
    }
    return position;
  }

  private readonly statementPositionMemo = new WeakMap<JsNode, Map<JsNode, number>>();

  /** How many statement lists `statementPositions` has indexed (counted work, for tests). */
  statementPositionBuilds = 0;

  private buildObjectWrites(b: JsBinding, key: string): MemberWriteIndex | null {
    if (!isStable(b) || b.path?.length !== 0 || !b.init || unwrapExpression(b.init).type !== 'ObjectExpression') return null;
    const declaration = this.parent(b.declaration);
    const list = declaration ? this.parent(declaration) : undefined;
    const body = list?.type === 'BlockStatement' || list?.type === 'Program' ? (list.body as JsNode[]) : undefined;
    if (!body || !declaration) return null;
    /** The statement of `body` that holds `node`, not through a nested function. */
    const statementOf = (node: JsNode): JsNode | undefined => {
      let cur: JsNode = node;
      for (let p = this.parent(cur); p; cur = p, p = this.parent(p)) {
        if (p === list) return cur;
        if (isFunctionNode(p)) return undefined;
      }
      return undefined;
    };
    const position = this.statementPositions(list!, body);
    const from = position.get(declaration);
    if (from === undefined) return null;
    const events: Array<{ at: number; ref: JsNode; value: JsNode | undefined }> = [];
    const changesIn = new Map<JsNode, JsNode[]>();
    for (const ref of this.references(b)) {
      const at = statementOf(ref);
      // (one in a closure may run at any time)
      if (!at) return null;
      const use = this.memberUse(ref, at, key);
      if (use === NEUTRAL) continue;
      events.push({ at: position.get(at)!, ref, value: use });
      const list = changesIn.get(at);
      if (list) list.push(ref);
      else changesIn.set(at, [ref]);
    }
    events.sort((x, y) => x.at - y.at || x.ref.range[0] - y.ref.range[0]);
    const positions: number[] = [];
    const values: Array<JsNode | undefined> = [];
    let value: JsNode | undefined;
    let lost = false;
    for (const e of events) {
      if (e.value === undefined) lost = true;
      else value = e.value;
      positions.push(e.at);
      values.push(lost ? undefined : value);
    }
    return { statementOf, position, from, positions, values, changesIn };
  }

  /**
   * One use `ref` (in statement `at` of the list) of the object variable, for member `key`: `NEUTRAL`
   * when it cannot change the member (a read, a read or write of another member, a spread), the
   * value written when it sets it (`options.revision = v;`, `pin(options);`), else undefined.
   */
  private memberUse(ref: JsNode, at: JsNode, key: string): JsNode | undefined | typeof NEUTRAL {
    const p = this.parent(ref);
    if (p?.type === 'MemberExpression' && p.object === ref) {
      const member = this.memberKey(p);
      if (member === undefined) return undefined;
      const assignment = this.parent(p);
      const writes = assignment?.type === 'AssignmentExpression' && assignment.left === p;
      if (writes && assignment.operator !== '=') return undefined;
      if (member !== key) {
        // (a call of a member may change the object: `options.set(…)`)
        if (assignment?.type === 'CallExpression' && assignment.callee === p) return undefined;
        return NEUTRAL;
      }
      // (`delete options.revision`, `options.revision++`, a destructuring target: not a read)
      if (!writes) return this.changesMember(p) ? undefined : NEUTRAL;
      // `options.revision = v;` as a statement of the list
      if (this.parent(assignment) !== at || at.type !== 'ExpressionStatement') return undefined;
      return assignment.right;
    }
    if (p?.type === 'SpreadElement' && this.parent(p)?.type === 'ObjectExpression') return NEUTRAL;
    // `pin(options);` / `await pin(options);`
    if (p?.type === 'CallExpression' && p.callee !== ref) {
      const awaited = this.parent(p)?.type === 'AwaitExpression' ? this.parent(p)! : undefined;
      if (at.type !== 'ExpressionStatement' || (at.expression !== p && at.expression !== awaited)) return undefined;
      return this.helperWrite(p, ref, key, awaited !== undefined);
    }
    return undefined;
  }

  /**
   * What a call of a function of the file writes on the parameter that receives `argument`, as
   * `definiteMemberWrite` reads it: `param.key = v;` as a statement of the function's body, with no
   * `return` before it and no other use of the parameter than member reads and writes of other keys
   * at the top of the body; an async function only when its call is awaited; not a generator.
   */
  private helperWrite(call: TSESTree.CallExpression, argument: JsNode, key: string, awaited: boolean): JsNode | undefined {
    const fn = this.calledFunction(call);
    const param = fn && this.parameterFor(call, argument);
    if (!fn || !param || fn.generator || (fn.async && !awaited)) return undefined;
    // `function pin(o) {…}` declared twice: the last one runs, not the one `calledFunction` gives
    const callee = unwrapExpression(call.callee);
    if (callee.type === 'Identifier' && (this.binding(callee)?.writes ?? 0) > 0) return undefined;
    let perKey = this.helperWriteMemo.get(param);
    if (!perKey) this.helperWriteMemo.set(param, (perKey = new Map()));
    let found = perKey.get(key);
    if (found === undefined) perKey.set(key, (found = this.paramWrite(fn, param, key) ?? null));
    if (!found || !('fromParameter' in found)) return found ?? undefined;
    // `o.revision = rev` with `rev` a parameter: what this call passes there, else its default
    const written: JsBinding = found.fromParameter;
    const params = fn.params.filter((p) => !(p.type === 'Identifier' && p.name === 'this'));
    const position = params.findIndex((p) => {
      const inner = p.type === 'TSParameterProperty' ? p.parameter : p;
      return (inner.type === 'AssignmentPattern' ? inner.left : inner) === written.id;
    });
    if (position < 0) return undefined;
    const { list, complete } = this.expandedArguments(call);
    const passed = list[position];
    if (passed) return passed.type === 'SpreadElement' ? undefined : passed;
    if (!complete || !written.defaultValue || this.dependsOnParameter(written.defaultValue, 0)) return undefined;
    return written.defaultValue;
  }

  private readonly helperWriteMemo = new Map<JsBinding, Map<string, JsNode | { fromParameter: JsBinding } | null>>();

  /** The member expression is changed other than by a plain `=`: `delete o.k`, `o.k++`, `o.k += 1`, `[o.k] = pair`, `for (o.k of …)`. */
  private changesMember(member: TSESTree.MemberExpression): boolean {
    const p = this.parent(member);
    if (!p) return false;
    switch (p.type) {
      case 'UnaryExpression':
        return p.operator === 'delete';
      case 'UpdateExpression':
      case 'ArrayPattern':
      case 'RestElement':
        return true;
      case 'AssignmentExpression':
      case 'AssignmentPattern':
        return p.left === member;
      case 'Property':
        return p.value === member && this.parent(p)?.type === 'ObjectPattern';
      case 'ForOfStatement':
      case 'ForInStatement':
        return p.left === member;
      default:
        return false;
    }
  }

  /**
   * The value the body of `fn` writes on member `key` of its parameter `param` (see `helperWrite`),
   * whatever the call, or the parameter whose value it writes (`o.revision = rev`). Not when the body
   * reads `arguments` (`arguments[0]` is the parameter too), deletes or otherwise changes the member,
   * or writes a value made of a parameter (its default is not its value).
   */
  private paramWrite(fn: TSESTree.FunctionLike, param: JsBinding, key: string): JsNode | { fromParameter: JsBinding } | undefined {
    if (param.writes > 0 || param.path?.length !== 0) return undefined;
    if (fn.body?.type !== 'BlockStatement') return undefined;
    if (fn.type !== 'ArrowFunctionExpression') {
      let usesArguments = false;
      this.descendants(fn.body, (n) => {
        if (usesArguments || (isFunctionNode(n) && n.type !== 'ArrowFunctionExpression')) return false;
        if (n.type === 'Identifier' && n.name === 'arguments' && !this.binding(n)) usesArguments = true;
        return undefined;
      });
      if (usesArguments) return undefined;
    }
    const statements = fn.body.body as JsNode[];
    const position = new Map<JsNode, number>();
    statements.forEach((statement, i) => position.set(statement, i));
    let value: JsNode | undefined;
    let at = -1;
    for (const ref of this.references(param)) {
      const p = this.parent(ref);
      if (p?.type !== 'MemberExpression' || p.object !== ref) return undefined;
      const member = this.memberKey(p);
      if (member === undefined) return undefined;
      const assignment = this.parent(p);
      const writes = assignment?.type === 'AssignmentExpression' && assignment.left === p;
      if (assignment?.type === 'CallExpression' && assignment.callee === p) return undefined;
      if (member === key && !writes && this.changesMember(p)) return undefined;
      if (member !== key || !writes) continue;
      const statement = this.parent(assignment);
      const index = statement ? (position.get(statement) ?? -1) : -1;
      if (assignment.operator !== '=' || index < 0) return undefined;
      if (index > at) {
        at = index;
        value = assignment.right;
      }
    }
    if (value === undefined) return undefined;
    // no `return` (nor `throw`: the load after the call does not run then) before the write
    let early = false;
    for (const statement of statements.slice(0, at)) {
      this.descendants(statement, (n) => {
        if (early || isFunctionNode(n)) return false;
        if (n.type === 'ReturnStatement') early = true;
        return undefined;
      });
    }
    if (early) return undefined;
    const node = unwrapExpression(value);
    const b = node.type === 'Identifier' ? this.binding(node) : undefined;
    if (b?.kind === 'param' && b.declaration === fn) return b.writes === 0 && b.path?.length === 0 ? { fromParameter: b } : undefined;
    return this.dependsOnParameter(value, 0) ? undefined : value;
  }

  /** Steps `collectObjects` may still take in one `propertyChoices` question. */
  private choiceSteps = CHOICE_STEPS;

  /** The object literals `expr` may denote (see `argumentChoices`). */
  private collectObjects(expr: JsNode, depth: number, out: ObjectChoices, key: string): void {
    const node = unwrapExpression(expr);
    const unseen = () => {
      if (!out.unseen.includes(node)) out.unseen.push(node);
    };
    if (depth > MAX_DEPTH || out.objects.length >= MAX_CHOICES || --this.choiceSteps < 0) return unseen();
    if (this.isNullish(node)) {
      out.empty = true;
      return;
    }
    switch (node.type) {
      case 'ObjectExpression':
        if (!out.objects.includes(node)) out.objects.push(node);
        return;
      case 'Literal':
      case 'TemplateLiteral':
        // a primitive has no options to give (and spreads nothing)
        out.empty = true;
        return;
      case 'Identifier': {
        // (an object the file writes the option of, or members it cannot name, may hold anything; one
        // given other options, `if (gpu) opts.device = 'webgpu'`, still says what it says of this one)
        const last = this.lastAlias(node, (link) => !this.writesMember(link, key));
        if (last.binding && this.writesMember(last.binding, key)) return unseen();
        const defined = this.definingExpression(node, depth + 1);
        if (!defined || defined.type === 'Identifier') return unseen();
        return this.collectObjects(defined, depth + 1, out, key);
      }
      case 'ConditionalExpression': {
        const test = this.constantOf(node.test, depth + 1);
        if (test !== UNKNOWN) return this.collectObjects(test ? node.consequent : node.alternate, depth + 1, out, key);
        this.collectObjects(node.consequent, depth + 1, out, key);
        return this.collectObjects(node.alternate, depth + 1, out, key);
      }
      case 'LogicalExpression': {
        const test = this.constantOf(node.left, depth + 1);
        if (test !== UNKNOWN) {
          const keeps = node.operator === '??' ? test !== null : node.operator === '||' ? Boolean(test) : !test;
          return this.collectObjects(keeps ? node.left : node.right, depth + 1, out, key);
        }
        if (node.operator === '&&') {
          // the falsy left value spreads nothing and gives no options
          out.empty = true;
          return this.collectObjects(node.right, depth + 1, out, key);
        }
        // `a ?? b`, `a || b`: an object on the left is kept; anything else may hand over to the right
        const left: ObjectChoices = { objects: [], empty: false, unseen: [] };
        this.collectObjects(node.left, depth + 1, left, key);
        for (const o of left.objects) if (!out.objects.includes(o)) out.objects.push(o);
        for (const u of left.unseen) if (!out.unseen.includes(u)) out.unseen.push(u);
        if (left.empty || left.unseen.length > 0) this.collectObjects(node.right, depth + 1, out, key);
        return;
      }
      case 'SequenceExpression':
        return this.collectObjects(node.expressions[node.expressions.length - 1], depth + 1, out, key);
      case 'MemberExpression': {
        // a member of a class of the file (`this.options`, `C.options` of `static options = { … }`): each
        // value the file gives it, unless the file writes the option on some object (it may be this one)
        const fieldValues = this.memberRead(node) ? this.memberValues(node) : undefined;
        if (fieldValues && fieldValues.length > 0) {
          const writes = this.memberWrites();
          if (!writes || writes.has(key) || writes.has('')) return unseen();
          // (more values than are kept: the member is what the analysis cannot see, not the one past the cap)
          if (out.objects.length + fieldValues.length > MAX_CHOICES) return unseen();
          for (const v of fieldValues) this.collectObjects(v, depth + 1, out, key);
          return;
        }
        // `CONFIG.options`: the property's values in each object `CONFIG` may be
        const member = node.property.type === 'PrivateIdentifier' ? undefined : (staticKey(node) ?? (node.computed ? this.constantKey(node.property) : undefined));
        if (member === undefined) return unseen();
        const inner: OptionChoices = { values: [], absent: false, unseen: [] };
        this.collectProperty(node.object, member, depth + 1, inner);
        // (a property an object does not have reads `undefined`)
        if (inner.absent) out.empty = true;
        if (inner.unseen.length > 0) unseen();
        for (const v of inner.values) this.collectObjects(v, depth + 1, out, key);
        return;
      }
      case 'CallExpression': {
        // `Object.freeze(o)` returns `o` itself
        const arg = node.arguments[0];
        if (node.arguments.length === 1 && arg.type !== 'SpreadElement' && this.globalName(node.callee) === 'Object.freeze') return this.collectObjects(arg, depth + 1, out, key);
        return unseen();
      }
      default:
        return unseen();
    }
  }

  // -------------------------------------------------------------------------------------------
  // Constants

  /**
   * The statically known value of an expression: literals, template literals (with constant
   * substitutions), `+` of constants, unary `-`/`+`/`!`, array and object literals of constants,
   * members of constant objects, `?:`/`??`/`||`/`&&` on constant tests, stable bindings (const, or
   * let/var never re-assigned) including destructured parts, parameter defaults, and class fields
   * the file gives no other value (`classField`; of an exported class too: `knownValues` says when
   * code outside the file may give it another). Else UNKNOWN.
   */
  constant(expr: JsNode): ConstantValue | Unknown {
    return this.constantOf(expr, 0);
  }

  /**
   * The values an expression may take when each of them is known, though not which one: every value
   * of a constant object or array read with a key that is not known (`MODEL_URLS[name]`: the
   * object's own values; a key it does not have reads `undefined`, which is not listed), members of
   * those (`MODELS[name].url`, `const { url } = MODELS[name]`), both branches of a `?:` whose test is
   * not known, the sides of `??` / `||` / `&&` the value may come from, and template literals and `+`
   * over such values (every combination), through stable bindings as `constant` follows them. A name
   * that takes each element of a constant array in turn has every element (a `for … of` loop
   * variable, never assigned: `for (const url of URLS)`, `for (const { url } of MODELS)`; the first
   * parameter of a callback of `map`, `forEach`, `flatMap`, `filter`, `some`, `every` or `find`
   * called on the array itself: `URLS.map((url) => …)`). A
   * constant expression has its one value. An object the file writes a member of (`MODEL_URLS[k] =
   * url`, `Object.assign(MODEL_URLS, more)`, `URLS.push(url)`, `URLS.splice(…)`) may hold anything:
   * not read. `undefined` when a value is not known, or when there are more than 32.
   */
  possibleConstants(expr: JsNode): ConstantValue[] | undefined {
    return this.choicesOf(expr, 0);
  }

  /**
   * The values an expression may take that are known, and whether it may also take one that is
   * not (`others`): `possibleConstants`, where a side of `||` / `??` that is not known adds `others`
   * instead of making the whole answer unknown (`process.env.MODEL || 'org/name'` →
   * `{ values: ['org/name'], others: true }`: the default, which the environment may override;
   * `` `${process.env.BASE ?? 'https://cdn.example.com'}/m.onnx` `` → the one URL built on the
   * default), and where a field of a class that code outside the file may reach is read (see
   * `classEscapes`: `export class P { static model = 'org/name' }`, whose `P.model` another module
   * may assign; `constant` gives the value the file gives it) also with `others`. `undefined` when no
   * value is known (or past 32 values); `others` false is the answer of `possibleConstants`. With
   * `truncate`, a value with more than 32 known values (up to 1,024: a loop over a long constant list,
   * a long chain of `?:`) gives its first 32 and `others`, not `undefined`: a cap is no reason to drop a
   * finding, but the values left out are not looked at. With `info`, `info.cut` says whether an
   * `undefined` answer ran into the depth bound (a `?:` chain, or helpers passing the value on, more
   * than 32 deep), or, with `truncate`, held more than 1,024 known values (a loop over a longer constant
   * list): not known, rather than no value worth reporting; `info.all`, with a truncated
   * answer, every value read (up to 1,024), for a caller that only classifies them.
   */
  knownValues(
    expr: JsNode,
    options?: { absentAsNull?: boolean; truncate?: boolean; info?: { cut: boolean; all?: readonly ConstantValue[] } },
  ): { values: ConstantValue[]; others: boolean } | undefined {
    const open: Open = { value: false };
    const before = this.absentAsNull;
    this.absentAsNull = options?.absentAsNull ?? false;
    const cutsBefore = this.valueCuts;
    if (options?.info) options.info.all = undefined;
    let result: { values: ConstantValue[]; others: boolean } | undefined;
    try {
      // a long list already read whole (each load of a loop over the same 1,024 paths): more than 32
      // values, which `choicesOf` would read again only to give up at the 33rd
      const kept = options?.truncate ? this.keptManyIfRead(unwrapExpression(expr)) : undefined;
      if (kept && kept.length > MAX_CHOICES) {
        result = { values: kept.slice(0, MAX_CHOICES), others: true };
        if (options?.info) options.info.all = kept;
        return result;
      }
      const values = this.choicesOf(expr, 0, open);
      if (values && values.length > 0) result = { values, others: open.value };
      else if (options?.truncate) {
        const many = this.keptManyConstants(unwrapExpression(expr));
        result = many && many.length > MAX_CHOICES ? { values: many.slice(0, MAX_CHOICES), others: true } : undefined;
        if (result && options.info) options.info.all = many;
        // (more than 1,024 values: given up at the bound, as at the depth bound)
        if (!many && this.manyOverflowed) this.valueCuts++;
      }
      return result;
    } finally {
      this.absentAsNull = before;
      if (options?.info) options.info.cut = result === undefined && this.valueCuts > cutsBefore;
    }
  }

  /** `classifiedValues` answers, by value list (a kept `info.all` of `knownValues`) and tag. */
  private readonly classifiedMemo = new WeakMap<readonly ConstantValue[], Map<string, unknown>>();

  /**
   * `classify(values)`, worked out once per value list and `tag`: the `info.all` list `knownValues`
   * gives for a truncated answer is kept (one array per list), so a caller that classifies every
   * value of it (up to 1,024) at each load of a loop over the same long list does it once, not at
   * every load. `tag` names the classification (with its options); `classify` must depend only on
   * the values and the tag.
   */
  classifiedValues<T>(values: readonly ConstantValue[], tag: string, classify: (values: readonly ConstantValue[]) => T): T {
    let byTag = this.classifiedMemo.get(values);
    if (!byTag) this.classifiedMemo.set(values, (byTag = new Map()));
    if (byTag.has(tag)) return byTag.get(tag) as T;
    const answer = classify(values);
    byTag.set(tag, answer);
    return answer;
  }

  /**
   * How many times a value question ran into `MAX_DEPTH` (a `?:` chain or a chain of helpers passing a
   * value on, 32 deep): an answer not known because of it is not evidence that the value is none (see
   * `knownValues`' `info.cut`).
   */
  private valueCuts = 0;

  private valueCutDeep(): undefined {
    this.valueCuts++;
    return undefined;
  }

  /** `manyConstants` answers of `knownValues({ truncate })`, by `manyKey` and `absentAsNull`. */
  private readonly manyMemo = new Map<string, ConstantValue[] | undefined>();
  /** A number for each node and binding `manyKey` names. */
  private readonly manyIds = new WeakMap<object, number>();
  private manyIdCount = 0;

  /**
   * `manyConstants` of `node`, kept: each load of a loop over the same long list (`for (const u of
   * URLS) create(u)`), each use of a name holding a long `?:` chain, reads the values once, not at
   * every use. Not kept while another answer is being worked out (a cycle guard may cut it short).
   */
  private keptManyIfRead(node: JsNode): ConstantValue[] | undefined {
    if (this.manyMemo.size === 0 || this.membersInProgress.size > 0 || this.resolving.size > 0 || this.buildingMemberWrites) return undefined;
    return this.manyMemo.get(`${this.absentAsNull ? 1 : 0}:${this.manyKey(node, 0)}`);
  }

  /** Set by `keptManyConstants`: its last answer is `undefined` because the value has more than `MANY_CHOICES` values. */
  private manyOverflowed = false;
  /** The `manyMemo` keys whose answer is `undefined` for that reason. */
  private readonly manyOverflowKeys = new Set<string>();

  private keptManyConstants(node: JsNode): ConstantValue[] | undefined {
    const overflowsBefore = manyOverflows;
    if (this.membersInProgress.size > 0 || this.resolving.size > 0 || this.buildingMemberWrites) {
      const many = this.manyConstants(node);
      this.manyOverflowed = many === undefined && manyOverflows > overflowsBefore;
      return many;
    }
    const key = `${this.absentAsNull ? 1 : 0}:${this.manyKey(node, 0)}`;
    if (this.manyMemo.has(key)) {
      this.manyOverflowed = this.manyOverflowKeys.has(key);
      return this.manyMemo.get(key);
    }
    const many = this.manyConstants(node);
    this.manyOverflowed = many === undefined && manyOverflows > overflowsBefore;
    if (this.manyOverflowed) this.manyOverflowKeys.add(key);
    this.manyMemo.set(key, many);
    return many;
  }

  /**
   * What the values of an expression depend on, as a key: a stable name of the file whose members are
   * never written, through its aliases (any use of it has the same values); the element of such a
   * list a loop variable or an array callback's parameter takes (the list's key and the path into the
   * element); else the node itself.
   */
  private manyKey(node: JsNode, depth: number): string {
    const id = (o: object): number => {
      let n = this.manyIds.get(o);
      if (n === undefined) this.manyIds.set(o, (n = this.manyIdCount++));
      return n;
    };
    const expr = unwrapExpression(node);
    if (expr.type === 'Identifier' && depth <= MAX_DEPTH) {
      const b = this.lastAlias(expr, (link) => !this.hasMemberWrites(link)).binding;
      if (b && !b.import && !this.hasMemberWrites(b)) {
        const iteration = this.iteration(b);
        if (iteration && !b.defaultValue) return `e${JSON.stringify(iteration.path)}(${this.manyKey(iteration.array, depth + 1)})`;
        if (!iteration && isStable(b)) return `b${id(b)}`;
      }
    }
    return `n${id(expr)}`;
  }

  /**
   * `knownValues` with `absentAsNull`: a member that an object known whole (a constant table, no value
   * the analysis cannot see in it) does not have is read as `null`, no value, rather than not known:
   * `const { revision } = MODELS[name]` where one entry has no `revision` may be none.
   */
  private absentAsNull = false;

  /**
   * `possibleConstants`; with `open` (`knownValues`), a side of `||` / `??` that is not known sets it
   * and adds no value, as does a field of a class that escapes the file (see `constantOf`).
   */
  /** Class members whose values `choicesOf` is reading (`${class start}:${name}`): a read of one of them inside its own values is a cycle. */
  private readonly membersInProgress = new Set<string>();

  private choicesOf(node: JsNode, depth: number, open?: Open): ConstantValue[] | undefined {
    if (depth > MAX_DEPTH) return this.valueCutDeep();
    let expr = unwrapExpression(node);
    let b: JsBinding | undefined;
    if (expr.type === 'Identifier') {
      // (an alias of an object the file writes members of stops there: it may hold anything)
      const last = this.lastAlias(expr, (link) => !this.hasMemberWrites(link));
      expr = last.id;
      b = last.binding;
    }
    if (b && this.hasMemberWrites(b)) return undefined;
    // a loop variable, an array callback's parameter: each element of the array in turn
    const iteration = b && this.iteration(b);
    if (iteration) return this.elementChoices(b!, iteration, depth, open);
    // a parameter's default a caller may replace: with what the file's own calls pass (`knownValues`)
    if (open && b?.kind === 'param' && b.writes === 0 && b.path?.length === 0 && b.defaultValue) return this.parameterChoices(b, depth, open);
    // (what a failed evaluation read on the way does not count)
    const scratch: Open | undefined = open ? { value: false } : undefined;
    const value = this.constantOf(expr, depth, scratch);
    if (value !== UNKNOWN) {
      if (open && scratch!.value) open.value = true;
      return [value];
    }
    // `--depth deep`: what another module's answers know of a value it exports
    const imported = this.importedValue(expr);
    if (imported && open && imported.known) {
      if (imported.known.others) open.value = true;
      return [...imported.known.values];
    }
    if (imported?.choices) return [...imported.choices];
    switch (expr.type) {
      case 'Identifier': {
        if (b?.kind === 'param') {
          // (a name destructured from a parameter: for `knownValues` only)
          if (b.writes > 0 || !b.path || (b.path.length > 0 && !open)) return undefined;
          return this.parameterChoices(b, depth, open);
        }
        if (!b || !isStable(b) || !b.init || !b.path) return undefined;
        const whole: Open | undefined = open ? { value: false } : undefined;
        let values = this.choicesOf(b.init, depth + 1, whole);
        if (whole?.value) open!.value = true;
        // a destructured part of a value not known as a whole: its own member, read by itself
        if (!values && b.path.length > 0) return this.memberSourceChoices(b.init, b.path, b.defaultValue, depth + 1, open);
        // (a member an object known whole does not have: none, with `absentAsNull`)
        const absent = this.absentAsNull && !whole?.value ? null : UNKNOWN;
        b.path.forEach((seg, i) => {
          // the default of a destructured name stands in for a member the value does not have
          const last = i === b.path!.length - 1;
          const fallback = last && b.defaultValue ? this.constantOf(b.defaultValue, depth + 1, open) : last ? absent : UNKNOWN;
          values = values && this.memberChoices(values, [String(seg)], fallback);
        });
        return values;
      }
      case 'MemberExpression': {
        if (expr.property.type === 'PrivateIdentifier') return undefined;
        // a member of a class of the file (`this.modelId`, `C.model`): every value the file gives it
        // (`this.modelId = opts.modelId ?? 'org/name'` in the constructor), as `memberValues` lists them
        const owner = !expr.computed ? this.memberOwner(expr.object) : undefined;
        if (owner) {
          // a member whose values read the member itself (`this.url = this.url + '/p0'` in each of several
          // methods) takes values without end: not known (and not followed round again, which multiplied)
          const key = `${owner.cls.range[0]}:${staticKey(expr) ?? ''}`;
          if (this.membersInProgress.has(key)) return undefined;
          const values = this.memberValues(expr);
          if (!values || values.length === 0) return undefined;
          this.membersInProgress.add(key);
          let choices: ConstantValue[] | undefined;
          try {
            choices = this.unionOf(values.map((v) => this.choicesOf(v, depth + 1, open)));
          } finally {
            this.membersInProgress.delete(key);
          }
          // (code outside the file may assign a member of a class that leaves it)
          if (choices && open && this.classEscapes(owner.cls) && !this.memberSealed(owner.cls, staticKey(expr) ?? '', owner.isStatic)) open.value = true;
          return choices;
        }
        const whole: Open | undefined = open ? { value: false } : undefined;
        const objects = this.choicesOf(expr.object, depth + 1, whole);
        if (whole?.value) open!.value = true;
        if (!objects) {
          // a member of an object literal whose other members are not known
          const key = staticKey(expr);
          return key === undefined ? undefined : this.memberSourceChoices(expr.object, [key], undefined, depth + 1, open);
        }
        const key = staticKey(expr);
        // A key that is not known reads one of the object's own values.
        const keys = key !== undefined ? [key] : expr.computed ? this.choicesOf(expr.property, depth + 1) : undefined;
        if (keys && !keys.every((k) => typeof k === 'string' || typeof k === 'number')) return this.memberChoices(objects, undefined, UNKNOWN);
        // (a member an object known whole does not have: none, with `absentAsNull`)
        return this.memberChoices(objects, keys?.map(String), key !== undefined && this.absentAsNull && !whole?.value ? null : UNKNOWN);
      }
      case 'ConditionalExpression': {
        const test = this.constantOf(expr.test, depth + 1, open);
        if (test !== UNKNOWN) return this.choicesOf(test ? expr.consequent : expr.alternate, depth + 1, open);
        return this.unionOf([this.choicesOf(expr.consequent, depth + 1, open), this.choicesOf(expr.alternate, depth + 1, open)]);
      }
      case 'LogicalExpression': {
        // a default (`a || 'x'`, `a ?? 'x'`) after a value that is not known: its values, and others
        const fallback = open && expr.operator !== '&&';
        const side = (e: JsNode): ConstantValue[] | undefined => {
          const values = this.choicesOf(e, depth + 1, open);
          if (values || !fallback) return values;
          open.value = true;
          return [];
        };
        const left = side(expr.left);
        if (!left) return undefined;
        // the left values the expression keeps, and whether some left value hands over to the right side
        const keeps = (v: ConstantValue): boolean => (expr.operator === '??' ? v !== null : expr.operator === '||' ? Boolean(v) : !v);
        const kept = left.filter(keeps);
        // (a left side that is not known may hand over too)
        return kept.length === left.length && left.length > 0 ? left : this.unionOf([kept, side(expr.right)]);
      }
      case 'TemplateLiteral': {
        let out: ConstantValue[] = [expr.quasis[0].value.cooked ?? ''];
        for (let i = 0; i < expr.expressions.length; i++) {
          const parts = this.choicesOf(expr.expressions[i], depth + 1, open);
          if (!parts || !parts.every(isPrimitive)) return undefined;
          const tail = expr.quasis[i + 1].value.cooked ?? '';
          const next = this.productOf(out, parts, (a, b) => `${String(a)}${String(b)}${tail}`);
          if (!next) return undefined;
          out = next;
        }
        return out;
      }
      case 'BinaryExpression': {
        if (expr.left.type === 'PrivateIdentifier' || expr.operator !== '+') return undefined;
        // term by term, as `constantOf` does
        const { first, rest } = plusTerms(expr);
        let sums = this.choicesOf(first, depth + 1, open);
        for (const term of rest) {
          const right = sums && this.choicesOf(term, depth + 1, open);
          if (!sums || !right) return undefined;
          sums = this.productOf(sums, right, (a, b) => (isPrimitive(a) && isPrimitive(b) ? plus(a, b) : UNKNOWN));
        }
        return sums;
      }
      default:
        return undefined;
    }
  }

  /** `parameterChoices` by parameter, depth and whether `others` may be set: each asked once. */
  private readonly paramChoices = new Map<JsBinding, Map<string, { values: ConstantValue[] | undefined; open: boolean; cut?: boolean } | null>>();

  /**
   * The values a plain parameter may take (see `choicesOf`). For `possibleConstants`, its default when
   * no caller may replace it. For `knownValues`: when the file makes every call of its
   * function (not exported, only ever called: `allCalls`), what each call passes there, or its default
   * when a call leaves it out (`helper("org/name", { device: "cpu" })` gives `"org/name"` and `{ device:
   * "cpu" }`); a function never called, its default. When code outside the file may call it (exported, a
   * callback, a method), adding `others`: its default and what the file's own calls pass (`export
   * function f(id = "org/a")` called as `f("org/b")`: both; `export function f(id)` called as
   * `f("org/b")`: `"org/b"`; none known when no call of the file passes a known value).
   */
  private parameterChoices(b: JsBinding, depth: number, open?: Open): ConstantValue[] | undefined {
    const fn = b.declaration;
    if (!isFunctionNode(fn)) return undefined;
    const key = `${depth}:${open ? 1 : 0}:${this.absentAsNull ? 1 : 0}`;
    let memo = this.paramChoices.get(b);
    if (!memo) this.paramChoices.set(b, (memo = new Map()));
    const known = memo.get(key);
    // (a call inside the function itself passing the parameter on: a cycle, not known)
    if (known === null) return undefined;
    if (known) {
      if (open && known.open) open.value = true;
      // (an answer cut short by `MAX_DEPTH` says so again each time it is read: see `knownValues`' `cut`)
      if (known.cut) this.valueCuts++;
      return known.values;
    }
    memo.set(key, null);
    const own: Open = { value: false };
    let values: ConstantValue[] | undefined;
    const cutsBefore = this.valueCuts;
    try {
      values = this.parameterValues(b, fn, depth, open ? own : undefined);
    } finally {
      memo.set(key, { values, open: own.value, cut: values === undefined && this.valueCuts > cutsBefore });
    }
    if (open && own.value) open.value = true;
    return values;
  }

  private parameterValues(b: JsBinding, fn: TSESTree.FunctionLike, depth: number, open?: Open): ConstantValue[] | undefined {
    if (b.path && b.path.length > 0) return open ? this.destructuredParameterValues(b, b.path, fn, depth, open) : undefined;
    const position = parameterPosition(fn, b);
    if (position < 0) return undefined;
    const defaults = (): ConstantValue[] | undefined => (b.defaultValue ? this.choicesOf(b.defaultValue, depth + 1, open) : undefined);
    // `possibleConstants`: the default, when no call of the file may replace it
    if (!open) return b.defaultValue && !this.defaultOverridable(b) ? defaults() : undefined;
    /** What a call passes there: `'default'` when it leaves it out, `undefined` when not known. */
    const passed = (call: TSESTree.CallExpression | TSESTree.NewExpression): ConstantValue[] | 'default' | undefined => {
      const arg = this.passedArgument(call, position);
      return arg === 'default' || arg === undefined ? arg : this.choicesOf(arg, depth + 1, open);
    };
    const calls = this.allCalls(fn);
    if (calls) {
      if (calls.length === 0) return defaults();
      const lists: Array<ConstantValue[] | undefined> = [];
      // a call that passes a value not known (`f(x)`, `f(...args)`): the others known, and its default
      let others = false;
      for (const call of calls) {
        const v = passed(call);
        if (v === undefined) others = true;
        else lists.push(v === 'default' ? defaults() : v);
        if (lists.length > 0 && !lists[lists.length - 1]) return undefined;
      }
      if (others) {
        open.value = true;
        if (b.defaultValue) lists.unshift(defaults());
      }
      return lists.length > 0 ? this.unionOf(lists) : undefined;
    }
    // code outside the file may call it: its default, which others may replace, and what the file's calls
    // pass; with no default, what the file's calls pass alone (`export function load(u)` called as
    // `load("https://…/m.onnx")`: that URL, and others)
    const lists: Array<ConstantValue[] | undefined> = [];
    if (b.defaultValue) {
      lists.push(defaults());
      if (!lists[0]) return undefined;
    }
    for (const call of this.callSites(fn)) {
      const v = passed(call);
      if (v && v !== 'default') lists.push(v);
    }
    if (lists.length === 0) return undefined;
    open.value = true;
    return this.unionOf(lists);
  }

  /**
   * A name destructured from a parameter (`function load({ revision = 'main' } = {})`), for `knownValues`
   * only: what each value the parameter may take (what the file's calls pass, the parameter's own
   * default when a call leaves it out) holds at the name's path, the name's default standing in for
   * a member that value does not have. A value not known, or code outside the file that may call the
   * function: the name's default, and others (`open`).
   */
  private destructuredParameterValues(b: JsBinding, path: ReadonlyArray<string | number>, fn: TSESTree.FunctionLike, depth: number, open: Open): ConstantValue[] | undefined {
    const params = fn.params.filter((p) => !(p.type === 'Identifier' && p.name === 'this'));
    const position = params.findIndex((p) => patternPath(p.type === 'TSParameterProperty' ? p.parameter : p, b.id) !== undefined);
    if (position < 0 || !patternPath(params[position], b.id)) return undefined;
    const param = params[position];
    const whole = param.type === 'AssignmentPattern' ? param.right : undefined;
    const own = (): ConstantValue[] | undefined => (b.defaultValue ? this.choicesOf(b.defaultValue, depth + 1, open) : undefined);
    /** What a value of the whole parameter holds at the path; `undefined` when not known. */
    const at = (value: JsNode): ConstantValue[] | undefined => {
      const source = this.memberSource(value, path, depth + 1, open);
      if (source === 'absent') return own();
      return source ? this.choicesOf(source.node, depth + 1, open) : undefined;
    };
    const lists: Array<ConstantValue[] | undefined> = [];
    let others = false;
    const calls = this.allCalls(fn);
    if (calls) {
      for (const call of calls) {
        const arg = this.passedArgument(call, position);
        // (left out with no default for the whole parameter: the call throws, it passes nothing)
        if (arg === 'default' && !whole) continue;
        const v = arg === undefined ? undefined : at(arg === 'default' ? whole! : arg);
        if (v) lists.push(v);
        else others = true;
      }
      if (calls.length === 0 && whole) lists.push(at(whole));
    } else {
      // code outside the file may call it: what the file's own calls pass, and others
      others = true;
      for (const call of this.callSites(fn)) {
        const arg = this.passedArgument(call, position);
        const v = arg && arg !== 'default' ? at(arg) : undefined;
        if (v) lists.push(v);
      }
    }
    if (others) {
      const fallback = own();
      if (!fallback) return undefined;
      open.value = true;
      lists.unshift(fallback);
    }
    if (lists.length === 0 || lists.some((l) => !l)) return undefined;
    return this.unionOf(lists);
  }

  /**
   * A name that takes each element of an array in turn, and is never assigned otherwise: a variable
   * declared in the head of a `for … of` loop (`for (const url of URLS)`, also destructured:
   * `for (const { url } of MODELS)`), or the first parameter of a function handed as the first
   * argument of an array method called on the array itself (`URLS.map((url) => …)`, also `forEach`,
   * `flatMap`, `filter`, `some`, `every`, `find`). The array expression, and the path of the name
   * inside an element (`[]` for the element itself).
   */
  private iteration(b: JsBinding): { array: JsNode; path: Array<string | number> } | undefined {
    if (b.writes > 0) return undefined;
    if (b.kind === 'param') {
      if (b.paramIndex !== 0 || !b.path) return undefined;
      const fn = b.declaration;
      const call = this.parent(fn);
      if (call?.type !== 'CallExpression' || call.arguments[0] !== fn) return undefined;
      const callee = unwrapExpression(call.callee);
      if (callee.type !== 'MemberExpression' || !ELEMENT_CALLBACK_METHODS.has(staticKey(callee) ?? '')) return undefined;
      return { array: callee.object, path: b.path };
    }
    // (a second definition of a `var` counts as an initialisation: `inits` is then 2)
    if ((b.kind !== 'const' && b.kind !== 'let' && b.kind !== 'var') || b.inits !== 1 || b.declaration.type !== 'VariableDeclarator') return undefined;
    const declaration = this.parent(b.declaration);
    const loop = declaration && this.parent(declaration);
    if (loop?.type !== 'ForOfStatement' || loop.left !== declaration) return undefined;
    const path = patternPath(b.declaration.id, b.id);
    return path ? { array: loop.right, path } : undefined;
  }

  /**
   * The values of a name that takes each element of an array (`iteration`): every element of every
   * value the array may be (`possibleConstants`, so not an array the file writes members of or calls
   * `push`, `splice`, … on), read at the name's path (its default standing in for a member an
   * element does not have). `undefined` when the array, or an element, is not known.
   */
  private elementChoices(b: JsBinding, iteration: { array: JsNode; path: Array<string | number> }, depth: number, open?: Open): ConstantValue[] | undefined {
    // an array held in a member of an object the file writes (`C.urls.push(u)`, `C.urls = more`)
    let root = unwrapExpression(iteration.array);
    while (root.type === 'MemberExpression') root = unwrapExpression(root.object);
    const rb = root.type === 'Identifier' ? this.binding(root) : undefined;
    if (rb && this.hasMemberWrites(rb)) return undefined;
    const arrays = this.choicesOf(iteration.array, depth + 1, open);
    if (!arrays || !arrays.every((a) => Array.isArray(a))) return undefined;
    let values = this.memberChoices(arrays, undefined, UNKNOWN);
    const { path } = iteration;
    path.forEach((seg, i) => {
      const fallback = i === path.length - 1 && b.defaultValue ? this.constantOf(b.defaultValue, depth + 1, open) : UNKNOWN;
      values = values && this.memberChoices(values, [String(seg)], fallback);
    });
    return values;
  }

  /**
   * The members `keys` of each of `objects` (every own value when `keys` is undefined); a value with
   * no such member gives `fallback`, or makes the answer unknown.
   */
  private memberChoices(objects: readonly ConstantValue[], keys: readonly string[] | undefined, fallback: ConstantValue | Unknown): ConstantValue[] | undefined {
    const out: ConstantValue[] = [];
    for (const obj of objects) {
      if (obj === null || typeof obj !== 'object') return undefined;
      const values: Array<ConstantValue | undefined> = keys
        ? keys.map((key) => {
            if (Array.isArray(obj)) return key === 'length' ? obj.length : /^\d+$/.test(key) && Number(key) < obj.length ? obj[Number(key)] : undefined;
            return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
          })
        : Array.isArray(obj)
          ? obj
          : Object.values(obj);
      for (const v of values) {
        const choice = v === undefined ? fallback : v;
        if (choice === UNKNOWN || !addChoice(out, choice)) return undefined;
      }
    }
    return out;
  }

  /**
   * The expression that gives the member at `path` of the value of `node`, read member by member
   * through object and array literals (and the stable names, destructured parts and parameter
   * defaults bound to them), so that the other members need not be known: in `options = { revision:
   * "main", device: navigator.gpu ? "webgpu" : "cpu" }`, `options.revision` is `"main"` whatever the
   * device. `'absent'` when the literal has no such member (no spread nor computed key that may give
   * it): the value read is `undefined`. `undefined` when not known this way (a value not written as a
   * literal, a member the file writes). A parameter's default, which a caller may replace, sets `open`.
   */
  private memberSource(node: JsNode, path: ReadonlyArray<string | number>, depth: number, open?: Open): { node: JsNode } | 'absent' | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (path.length === 0) return { node };
    const expr = unwrapExpression(node);
    const key = String(path[0]);
    switch (expr.type) {
      case 'Identifier': {
        const b = this.lastAlias(expr, (link) => !this.writesMember(link, key)).binding;
        if (!b || this.writesMember(b, key)) return undefined;
        if (b.kind === 'param') {
          if (b.writes > 0 || !b.defaultValue || b.path?.length !== 0) return undefined;
          if (open && this.defaultOverridable(b)) open.value = true;
          return this.memberSource(b.defaultValue, path, depth + 1, open);
        }
        // (a destructured name with a default of its own may be that default: not followed)
        if (!isStable(b) || !b.init || !b.path || (b.defaultValue && b.path.length > 0)) return undefined;
        return this.memberSource(b.init, [...b.path, ...path], depth + 1, open);
      }
      case 'ObjectExpression': {
        // the last property of that key wins; a spread or a computed key after it may replace it
        for (let i = expr.properties.length - 1; i >= 0; i--) {
          const p = expr.properties[i];
          if (p.type === 'SpreadElement') {
            const inner = this.memberSource(p.argument, [key], depth + 1, open);
            if (inner === 'absent') continue;
            return inner && this.memberSource(inner.node, path.slice(1), depth + 1, open);
          }
          const k = p.computed ? this.constantKey(p.key) : staticKey(p);
          if (k === undefined) return undefined;
          if (k !== key) continue;
          if (p.kind !== 'init' || p.method) return undefined;
          return this.memberSource(p.value, path.slice(1), depth + 1, open);
        }
        return 'absent';
      }
      case 'ArrayExpression': {
        if (!/^\d+$/.test(key)) return undefined;
        const index = Number(key);
        for (let i = 0; i < expr.elements.length && i <= index; i++) {
          const el = expr.elements[i];
          if (!el || el.type === 'SpreadElement') return undefined;
          if (i === index) return this.memberSource(el, path.slice(1), depth + 1, open);
        }
        return 'absent';
      }
      default:
        return undefined;
    }
  }

  /**
   * The value of the member at `path` of `node` read member by member (`memberSource`), a destructured
   * name's `fallback` standing in for a member the value does not have: for a value that is not known
   * as a whole. UNKNOWN when not known so (what `open` learns then does not count).
   */
  private memberConstant(node: JsNode, path: ReadonlyArray<string | number>, fallback: JsNode | undefined, depth: number, open?: Open): ConstantValue | Unknown {
    const scratch: Open = { value: false };
    const source = this.memberSource(node, path, depth, scratch);
    if (!source) return UNKNOWN;
    const value = source === 'absent' ? (fallback ? this.constantOf(fallback, depth + 1, scratch) : UNKNOWN) : this.constantOf(source.node, depth + 1, scratch);
    if (value !== UNKNOWN && open && scratch.value) open.value = true;
    return value;
  }

  /** `memberConstant` for `choicesOf`: the values of the member at `path`, read member by member. */
  private memberSourceChoices(node: JsNode, path: ReadonlyArray<string | number>, fallback: JsNode | undefined, depth: number, open?: Open): ConstantValue[] | undefined {
    const scratch: Open = { value: false };
    const source = this.memberSource(node, path, depth, scratch);
    // a member of a value that is not known (`const { REV = "main" } = process.env`): the default, which
    // that value may replace, as for `process.env.REV ?? "main"` (only `knownValues` tells of it)
    if (!source) return open && fallback ? this.defaultChoices(fallback, depth, open) : undefined;
    // (a parameter's default a caller may replace: only `knownValues` tells of it)
    if (scratch.value && !open) return undefined;
    const values = source === 'absent' ? (fallback ? this.choicesOf(fallback, depth + 1, scratch) : undefined) : this.choicesOf(source.node, depth + 1, scratch);
    if (!values && source !== 'absent' && open && fallback) return this.defaultChoices(fallback, depth, open);
    if (values && open && scratch.value) open.value = true;
    return values;
  }

  /** The values of a destructuring default standing in for a member that is not known, and others (`open`). */
  private defaultChoices(fallback: JsNode, depth: number, open: Open): ConstantValue[] | undefined {
    const values = this.choicesOf(fallback, depth + 1, open);
    if (values) open.value = true;
    return values;
  }

  /** Every value of `lists`, once; `undefined` when one list is not known or there are too many. */
  private unionOf(lists: ReadonlyArray<ConstantValue[] | undefined>): ConstantValue[] | undefined {
    const out: ConstantValue[] = [];
    for (const list of lists) {
      if (!list) return undefined;
      for (const v of list) if (!addChoice(out, v)) return undefined;
    }
    return out;
  }

  /** `combine(a, b)` for every pair; `undefined` when one of them is not known or there are too many. */
  private productOf(left: readonly ConstantValue[], right: readonly ConstantValue[], combine: (a: ConstantValue, b: ConstantValue) => ConstantValue | Unknown): ConstantValue[] | undefined {
    const out: ConstantValue[] = [];
    for (const a of left) {
      for (const b of right) {
        const v = combine(a, b);
        if (v === UNKNOWN || !addChoice(out, v)) return undefined;
      }
    }
    return out;
  }

  /**
   * Does the file write a member of the value of `b` (`o.k = v`, `o[k] = v`, `o.a.b = v`, `delete o.k`,
   * `Object.assign(o, …)`, `o.push(v)`, `o.list.splice(i, 1)`)?
   */
  private hasMemberWrites(b: JsBinding): boolean {
    const keys = this.writtenMemberKeys(b);
    return keys === 'all' || keys.size > 0;
  }

  /**
   * Does the file write member `key` of the value of `b`, or a member it cannot name (`o[k] = v`,
   * `Object.assign(o, …)`, `o.push(v)`)? A write deeper in (`o.a.b = v`) writes member `a`.
   */
  private writesMember(b: JsBinding, key: string): boolean {
    const keys = this.writtenMemberKeys(b);
    return keys === 'all' || keys.has('') || keys.has(key);
  }

  /**
   * Does the file write the member `expr` reads, on the name it is read from or an alias of it
   * (`o.a.b` when the file writes `o.a`, `o.a.c` or a member of `o` it cannot name)?
   */
  private memberWritten(expr: TSESTree.MemberExpression): boolean {
    // (asked while the writes are being listed, `o[K.k] = v`: read as before they are known; asked
    // before the keys are worked out, each of which may be such a member read itself,
    // `o[t[t[…]]].x = 1`, else worked out twice per level)
    if (this.buildingMemberWrites) return false;
    // the member of the root's value that is read (`o.a.b`: `a`); only its key is worked out
    let member = expr;
    let root = unwrapExpression(expr.object);
    while (root.type === 'MemberExpression') {
      member = root;
      root = unwrapExpression(root.object);
    }
    if (root.type !== 'Identifier') return false;
    const top = staticKey(member) ?? (member.computed ? this.constantKey(member.property) : undefined);
    if (top === undefined) return false;
    const key = top;
    const last = this.lastAlias(root, (link) => !this.writesMember(link, key));
    return last.binding !== undefined && this.writesMember(last.binding, key);
  }

  /** The keys of `b`'s value the file writes (see `writesMember`); `'all'` while the writes are not known yet. */
  private writtenMemberKeys(b: JsBinding): ReadonlySet<string> | 'all' {
    if (!this.membersWritten) {
      const index = this.memberWrites();
      // not known yet (asked while the writes are being listed: `globalName` of a call resolves its
      // callee; or while their keys are sorted by name below: `g[n.level][n.lane] = v` reads the
      // constant `n.level`, which asks whether `n.level` is written): as if written, and the name
      // being resolved not kept, so that it is asked again later (else `const { pipeline } = o` would
      // stay unresolved because the index was built from elsewhere). Asked again from the loop below,
      // it would start the loop over, one stack frame deeper each time (TypeScript's own bundle).
      if (!index || this.buildingMemberWrites) {
        this.refCut = true;
        return 'all';
      }
      // the keys of the writes are read as while the writes are listed (`memberWritten`: as before
      // they are known; no answer kept that a cycle guard cut short)
      this.buildingMemberWrites = true;
      try {
        this.membersWritten = this.writtenKeysByBinding(index);
      } finally {
        this.buildingMemberWrites = false;
      }
    }
    return this.membersWritten.get(b) ?? EMPTY_KEYS;
  }

  /**
   * The member keys each binding's value is written under, from the index of writes (see `writtenMemberKeys`).
   * A computed key that reads a member the file writes (`o[K.a].revision = v` when `K.a = 'b'` is written too)
   * was read while the writes were listed, as if nothing wrote it (its initial value): the write is
   * recorded under any member (`''`), not the initial key.
   */
  private writtenKeysByBinding(index: Map<string, MemberWrite[]>): Map<JsBinding, Set<string>> {
    const written = new Map<JsBinding, Set<string>>();
    const rootOf = (object: JsNode): JsNode => {
      let root = unwrapExpression(object);
      while (root.type === 'MemberExpression') root = unwrapExpression(root.object);
      return root;
    };
    const record = (root: JsNode, top: string): void => {
      let rb = root.type === 'Identifier' ? this.binding(root) : undefined;
      // a write through an alias writes the value it names (`const o2 = options; o2.revision = SHA`
      // writes `options.revision`; `const { a } = options; a.x = 1` writes `options.a`)
      const seen = new Set<JsBinding>();
      while (rb && !seen.has(rb)) {
        seen.add(rb);
        let set = written.get(rb);
        if (!set) written.set(rb, (set = new Set()));
        set.add(top);
        const from = rb.kind === 'param' ? (rb.path?.length === 0 ? rb.defaultValue : undefined) : rb.init;
        const init = from ? unwrapExpression(from) : undefined;
        if (!init || init.type !== 'Identifier' || !rb.path) break;
        if (rb.path.length > 0) top = String(rb.path[0]);
        rb = this.binding(init);
      }
    };
    // writes whose key (or the key of a member above it, `o[K.a].b = v`) is a computed member read
    const keyedByMembers: MemberWrite[] = [];
    const computedMemberKey = (m: JsNode): boolean =>
      m.type === 'MemberExpression' && m.computed && staticKey(m) === undefined && unwrapExpression(m.property).type === 'MemberExpression';
    for (const [key, writes] of index) {
      for (const w of writes) {
        let root = unwrapExpression(w.object);
        let keyedByMember = computedMemberKey(unwrapExpression(w.target));
        // the member of the root's value the write is under (`o.a.b = v`: `a`)
        let top = key;
        while (root.type === 'MemberExpression') {
          keyedByMember ||= computedMemberKey(root);
          top = this.memberKey(root) ?? '';
          root = unwrapExpression(root.object);
        }
        if (keyedByMember) keyedByMembers.push(w);
        record(root, top);
      }
    }
    // (one pass: a key read from a member that is itself written only because of such a key is not looked at again)
    const rewritten = (keyNode: JsNode): boolean => {
      const k = unwrapExpression(keyNode);
      if (k.type !== 'MemberExpression') return false;
      let member = k;
      let root = unwrapExpression(k.object);
      while (root.type === 'MemberExpression') {
        member = root;
        root = unwrapExpression(root.object);
      }
      const b = root.type === 'Identifier' ? this.binding(root) : undefined;
      const keys = b && written.get(b);
      if (!keys) return false;
      return keys.has('') || keys.has(this.memberKey(member) ?? '');
    };
    for (const w of keyedByMembers) {
      let m = unwrapExpression(w.target);
      let any = m.type === 'MemberExpression' && m.computed && rewritten(m.property);
      m = unwrapExpression(w.object);
      while (!any && m.type === 'MemberExpression') {
        any = m.computed && rewritten(m.property);
        m = unwrapExpression(m.object);
      }
      if (any) record(rootOf(w.object), '');
    }
    return written;
  }

  private constantOf(node: JsNode, depth: number, open?: Open): ConstantValue | Unknown {
    const value = this.ownConstantOf(node, depth, open);
    if (value !== UNKNOWN || !this.modules || this.localOnly > 0 || depth > MAX_DEPTH) return value;
    // `--depth deep`: a name imported from a relative module of the project has the value it exports
    const imported = this.importedValue(node);
    if (!imported || imported.value === UNKNOWN) return UNKNOWN;
    if (open && imported.open) open.value = true;
    return imported.value;
  }

  /** `constantOf` from this file alone. */
  private ownConstantOf(node: JsNode, depth: number, open?: Open): ConstantValue | Unknown {
    if (depth > MAX_DEPTH) {
      this.valueCuts++;
      return UNKNOWN;
    }
    const expr = unwrapExpression(node);
    switch (expr.type) {
      case 'Literal': {
        const lit = expr as TSESTree.Literal & { bigint?: string; regex?: unknown };
        if (lit.regex) return UNKNOWN;
        if (lit.bigint !== undefined) return BigInt(lit.bigint);
        return lit.value as ConstantValue;
      }
      case 'TemplateLiteral': {
        let out = expr.quasis[0].value.cooked ?? '';
        for (let i = 0; i < expr.expressions.length; i++) {
          const v = this.constantOf(expr.expressions[i], depth + 1, open);
          if (!isPrimitive(v)) return UNKNOWN;
          const part = String(v) + (expr.quasis[i + 1].value.cooked ?? '');
          if (out.length + part.length > MAX_CONSTANT_LENGTH) return UNKNOWN;
          out += part;
        }
        return out;
      }
      case 'BinaryExpression': {
        if (expr.left.type === 'PrivateIdentifier') return UNKNOWN;
        if (expr.operator === '+') {
          // `a + b + c + …` (nested to the left) term by term, without recursion along it: an id
          // spelled as a 5,000-term concatenation is known
          const { first, rest } = plusTerms(expr);
          let sum = this.constantOf(first, depth + 1, open);
          for (const term of rest) {
            if (sum === UNKNOWN) return UNKNOWN;
            const r = this.constantOf(term, depth + 1, open);
            sum = r !== UNKNOWN && isPrimitive(sum) && isPrimitive(r) ? plus(sum, r) : UNKNOWN;
          }
          return sum;
        }
        const l = this.constantOf(expr.left, depth + 1, open);
        if (l === UNKNOWN) return UNKNOWN;
        const r = this.constantOf(expr.right, depth + 1, open);
        if (r === UNKNOWN || !isPrimitive(l) || !isPrimitive(r)) return UNKNOWN;
        if (expr.operator === '===' || expr.operator === '!==') return (l === r) === (expr.operator === '===');
        return UNKNOWN;
      }
      case 'UnaryExpression': {
        const v = this.constantOf(expr.argument, depth + 1, open);
        if (v === UNKNOWN) return UNKNOWN;
        if (expr.operator === '!') return !v;
        if (expr.operator === '-' && typeof v === 'number') return -v;
        if (expr.operator === '-' && typeof v === 'bigint') return -v;
        if (expr.operator === '+' && typeof v === 'number') return v;
        return UNKNOWN;
      }
      case 'ArrayExpression': {
        const out: ConstantValue[] = [];
        for (const el of expr.elements) {
          if (!el) return UNKNOWN;
          if (el.type === 'SpreadElement') {
            const v = this.constantOf(el.argument, depth + 1, open);
            if (!Array.isArray(v)) return UNKNOWN;
            out.push(...v);
          } else {
            const v = this.constantOf(el, depth + 1, open);
            if (v === UNKNOWN) return UNKNOWN;
            out.push(v);
          }
        }
        return out;
      }
      case 'ObjectExpression': {
        const out: { [key: string]: ConstantValue } = {};
        for (const p of expr.properties) {
          if (p.type === 'SpreadElement') {
            const v = this.constantOf(p.argument, depth + 1, open);
            if (v === null || typeof v !== 'object' || Array.isArray(v)) return UNKNOWN;
            Object.assign(out, v);
            continue;
          }
          if (p.kind !== 'init' || p.method) return UNKNOWN;
          const key = p.computed ? this.constantKey(p.key) : staticKey(p);
          if (key === undefined) return UNKNOWN;
          const v = this.constantOf(p.value, depth + 1, open);
          if (v === UNKNOWN) return UNKNOWN;
          out[key] = v;
        }
        return out;
      }
      case 'MemberExpression': {
        // a member the file writes (`options.revision = SHA`, or through an alias, `o2.revision = SHA`):
        // not the value the literal gives it
        if (this.memberWritten(expr)) return UNKNOWN;
        const obj = this.constantOf(expr.object, depth + 1, open);
        if (obj === UNKNOWN) {
          const field = this.fieldOf(expr);
          if (!field) {
            // a member of an object literal whose other members are not known (`options.revision`)
            const key = staticKey(expr) ?? (expr.computed ? this.constantKey(expr.property) : undefined);
            return key === undefined ? UNKNOWN : this.memberConstant(expr.object, [key], undefined, depth + 1, open);
          }
          // a field of a class code outside the file may reach: another module may assign it
          if (open && this.classEscapes(field.cls) && !this.memberSealed(field.cls, staticKey(expr) ?? '', field.isStatic)) open.value = true;
          return this.constantOf(field.value, depth + 1, open);
        }
        if (obj === null || typeof obj !== 'object') return UNKNOWN;
        const key = staticKey(expr) ?? (expr.computed ? this.constantKey(expr.property) : undefined);
        if (key === undefined) return UNKNOWN;
        if (Array.isArray(obj)) {
          if (key === 'length') return obj.length;
          return /^\d+$/.test(key) && Number(key) < obj.length ? obj[Number(key)] : UNKNOWN;
        }
        return Object.prototype.hasOwnProperty.call(obj, key) ? (obj as Record<string, ConstantValue>)[key] : UNKNOWN;
      }
      case 'ConditionalExpression': {
        const test = this.constantOf(expr.test, depth + 1, open);
        if (test !== UNKNOWN) return this.constantOf(test ? expr.consequent : expr.alternate, depth + 1, open);
        const a = this.constantOf(expr.consequent, depth + 1, open);
        const b = this.constantOf(expr.alternate, depth + 1, open);
        return a !== UNKNOWN && isPrimitive(a) && a === b ? a : UNKNOWN;
      }
      case 'LogicalExpression': {
        const l = this.constantOf(expr.left, depth + 1, open);
        if (l === UNKNOWN) return UNKNOWN;
        if (expr.operator === '??') return l === null ? this.constantOf(expr.right, depth + 1, open) : l;
        if (expr.operator === '||') return l ? l : this.constantOf(expr.right, depth + 1, open);
        return l ? this.constantOf(expr.right, depth + 1, open) : l;
      }
      case 'CallExpression': {
        // `Object.freeze(o)` returns `o` itself (the global `Object`, not one of the file's)
        const arg = expr.arguments[0];
        if (expr.arguments.length !== 1 || arg.type === 'SpreadElement' || this.globalName(expr.callee) !== 'Object.freeze') return UNKNOWN;
        return this.constantOf(arg, depth + 1, open);
      }
      case 'Identifier': {
        const b = this.lastAlias(expr).binding;
        if (!b) return UNKNOWN;
        if (b.kind === 'enum') return this.enumValue(b, open);
        if (b.kind === 'param') {
          if (b.writes > 0 || !b.defaultValue || b.path?.length !== 0) return UNKNOWN;
          // the default, which a caller may replace (`knownValues` says so)
          if (open && this.defaultOverridable(b)) open.value = true;
          return this.constantOf(b.defaultValue, depth + 1, open);
        }
        if (!isStable(b) || !b.init || !b.path) return UNKNOWN;
        let v = this.initValue(b.init, depth + 1, open);
        // a destructured part of a value not known as a whole: its own member, read by itself
        // (`const { revision = "main" } = options` of `options = { revision: "main", device: gpu ? … : … }`)
        if (v === UNKNOWN && b.path.length > 0) return this.memberConstant(b.init, b.path, b.defaultValue, depth + 1, open);
        for (const seg of b.path) {
          if (v === UNKNOWN || v === null || typeof v !== 'object') {
            v = UNKNOWN;
            break;
          }
          const next: ConstantValue | undefined = Array.isArray(v) ? v[seg as number] : (v as Record<string, ConstantValue>)[String(seg)];
          v = next === undefined ? (b.defaultValue ? this.constantOf(b.defaultValue, depth + 1, open) : UNKNOWN) : next;
        }
        return v;
      }
      default:
        return UNKNOWN;
    }
  }

  /**
   * `constantOf` of a stable binding's initialiser, remembered by the depth it is read at (and
   * whether imported values are read): the answer is the same each time, as only the depth bound cuts
   * it short. Names read many times over (`const b = a + a + … + a;` `const c = b + b + … + b;` …)
   * are so read once per depth, not once per path to them, which grew as the product of the terms.
   */
  private initValue(init: JsNode, depth: number, open?: Open): ConstantValue | Unknown {
    let byDepth = this.initValues.get(init);
    if (!byDepth) this.initValues.set(init, (byDepth = new Map()));
    const key = this.localOnly > 0 ? -1 - depth : depth;
    let known = byDepth.get(key);
    if (!known) {
      const own: Open = { value: false };
      const imports = this.importsRead;
      known = { value: this.constantOf(init, depth, own), open: own.value };
      // (not what read another module: how far modules are followed inside one another depends on
      // which was read first, see `ProjectModules`)
      if (this.importsRead === imports) byDepth.set(key, known);
    }
    if (open && known.open) open.value = true;
    return known.value;
  }

  /**
   * The value of a TypeScript enum (`enum` and `const enum`) declared once in this file: an object of
   * its members, as TypeScript compiles it. A member's value is its constant initialiser (a string, a
   * number; an earlier member named bare, `B = A`), or one more than the member before (`0` first);
   * a number member also maps back to its name (`Dir.Up` is `0`, `Dir[0]` is `"Up"`). `UNKNOWN` when a
   * member is not known (a computed value, an initialiser that reads another member otherwise, a
   * member after a string one with no initialiser), for an ambient `declare enum` (its values are
   * elsewhere) and for an enum declared twice (merged declarations).
   */
  private enumValue(b: JsBinding, open?: Open): ConstantValue | Unknown {
    if (this.enumCache.has(b)) {
      const cached = this.enumCache.get(b);
      if (!cached) return UNKNOWN; // (an enum whose members read the enum itself)
      if (open && cached.open) open.value = true;
      return cached.value;
    }
    const decl = b.declaration;
    if (decl.type !== 'TSEnumDeclaration' || decl.declare || b.inits !== 1 || b.writes > 0) return UNKNOWN;
    this.enumCache.set(b, undefined);
    const own: Open = { value: false };
    const value = this.enumMembers(decl, own);
    this.enumCache.set(b, { value, open: own.value });
    if (open && own.value) open.value = true;
    return value;
  }

  private enumMembers(decl: TSESTree.TSEnumDeclaration, open: Open): ConstantValue | Unknown {
    const members = decl.body?.members ?? (decl as unknown as { members: TSESTree.TSEnumMember[] }).members;
    const memberName = (m: TSESTree.TSEnumMember): string | undefined => (m.id.type === 'Identifier' ? m.id.name : literalString(m.id));
    const names = new Set(members.map(memberName));
    const out: Record<string, ConstantValue> = {};
    let next: number | undefined = 0;
    for (const m of members) {
      const name = memberName(m);
      if (name === undefined) return UNKNOWN;
      let v: ConstantValue | Unknown = UNKNOWN;
      if (!m.initializer) {
        if (next !== undefined) v = next;
      } else {
        const init = unwrapExpression(m.initializer);
        // inside the enum a bare member name is the member (`B = A`), not a name of the scope
        let readsMember = false;
        walk(init, (n, parent) => {
          const key = parent?.type === 'MemberExpression' && parent.property === n && !parent.computed;
          if (n.type === 'Identifier' && !key && names.has(n.name)) readsMember = true;
        });
        if (init.type === 'Identifier' && Object.prototype.hasOwnProperty.call(out, init.name)) v = out[init.name];
        else if (!readsMember) v = this.constantOf(init, 0, open);
      }
      if (typeof v === 'number') {
        out[name] = v;
        out[String(v)] = name;
        next = v + 1;
      } else if (typeof v === 'string') {
        out[name] = v;
        next = undefined;
      } else return UNKNOWN;
    }
    return out;
  }

  /**
   * The values a class member read as `this.x` / `C.x` (see `classField` for the reads) is given in
   * this file: its field initialiser, when it has one, and the right-hand side of every plain
   * assignment to it (`this.x = v`, `C.x = v`; also `??=`, `||=`, `&&=`), in source order.
   * Static members are written through the class name (`C.x = v`, anywhere in the file) and through
   * `this` in static methods; instance members through `this` in instance methods.
   * `undefined` when the file writes a member of that name in any other way (`+=`, `++`, a
   * destructuring target, `delete`) or on any other object that may be the same one under another
   * name (a parameter, a variable holding an instance), when the class writes members with computed
   * keys (`this[k] = v`, `Object.assign(this, o)`), or when the class defines the member as a method
   * or accessor. Writes on objects that cannot be it are left out: the other side of the class (an
   * instance is not the class), another class of the file when neither inherits from the other, an
   * object or array literal held in a variable.
   */
  memberValues(expr: JsNode): JsNode[] | undefined {
    const read = this.memberRead(expr);
    if (!read) return undefined;
    const { key, owner } = read;
    // (asked for each read: answered once per member, over the file's writes indexed by class once)
    const writes = this.ownedWrites(key);
    const any = this.ownedWrites('');
    if (!writes || !any) return undefined;
    let memo = this.memberValueCache.get(owner.cls);
    if (!memo) this.memberValueCache.set(owner.cls, (memo = new Map()));
    const memoKey = `${owner.isStatic ? 1 : 0}:${key}`;
    if (memo.has(memoKey)) return memo.get(memoKey);
    const values = this.listMemberValues(key, owner, writes, any);
    memo.set(memoKey, values);
    return values;
  }

  private listMemberValues(key: string, owner: MemberOwner, writes: OwnedWrites, any: OwnedWrites): JsNode[] | undefined {
    const side = owner.isStatic ? 1 : 0;
    const declared = this.classMembers(owner.cls).get(`${side}:${key}`);
    // (a method or accessor of that name)
    if (declared === null) return undefined;
    const values: JsNode[] = declared ? [...declared] : [];
    // a write of members it cannot name on the class (`Object.assign(this, o)`, `this[k] = v`)
    if ((any.owned.get(owner.cls)?.[side].length ?? 0) > 0) return undefined;
    // a write on an object that may be this one under another name
    if (writes.unownedOpen) return undefined;
    // a write on another class of the file, on the same side, when one inherits from the other
    if (writes.inherited.get(owner.cls)?.[side]) return undefined;
    for (const ancestor of this.superClasses(owner.cls)) if ((writes.owned.get(ancestor)?.[side].length ?? 0) > 0) return undefined;
    for (const w of writes.owned.get(owner.cls)?.[side] ?? []) {
      if (!w.assignment) return undefined;
      values.push(w.assignment.right);
    }
    return values;
  }

  /**
   * The values each member of a class declares (`${side}:${name}`, side 1 for static ones): a TypeScript
   * parameter property (`constructor(private readonly revision = "main")`: the parameter), a field's
   * initialiser; `null` for a method or accessor. One pass over the class body.
   */
  private classMembers(cls: MemberOwner['cls']): Map<string, JsNode[] | null> {
    let members = this.classMemberCache.get(cls);
    if (members) return members;
    members = new Map();
    const add = (k: string, value: JsNode | undefined): void => {
      let list = members!.get(k);
      if (list === null) return;
      if (!list) members!.set(k, (list = []));
      if (value) list.push(value);
    };
    for (const m of cls.body.body) {
      if (m.type === 'MethodDefinition' && m.kind === 'constructor' && !m.static) {
        for (const p of m.value.params) {
          if (p.type !== 'TSParameterProperty') continue;
          const id = p.parameter.type === 'AssignmentPattern' ? p.parameter.left : p.parameter;
          if (id.type === 'Identifier') add(`0:${id.name}`, id);
        }
      }
      if (m.type !== 'MethodDefinition' && m.type !== 'PropertyDefinition' && m.type !== 'TSAbstractPropertyDefinition' && m.type !== 'AccessorProperty') continue;
      const name = staticKey(m as TSESTree.PropertyDefinition);
      if (name === undefined) continue;
      const k = `${m.static ? 1 : 0}:${name}`;
      if (m.type === 'PropertyDefinition') add(k, m.value ?? undefined);
      else members.set(k, null);
    }
    this.classMemberCache.set(cls, members);
    return members;
  }

  /**
   * The file's writes of members named `key` (see `memberWrites`), by the class whose members they
   * reach (`[instance side, static side]`), and whether a write on an object that is no class's may be
   * any object (anything but a variable holding an object or array literal). Built once per key.
   */
  private ownedWrites(key: string): OwnedWrites | undefined {
    const all = this.memberWrites();
    if (!all) return undefined;
    let entry = this.ownedWriteIndex.get(key);
    if (entry) return entry;
    entry = { owned: new Map(), inherited: new Map(), unownedOpen: false };
    for (const w of all.get(key) ?? []) {
      const o = this.memberOwner(w.object);
      if (!o) {
        if (!entry.unownedOpen && !this.literalHolder(w.object)) entry.unownedOpen = true;
        continue;
      }
      let pair = entry.owned.get(o.cls);
      if (!pair) entry.owned.set(o.cls, (pair = [[], []]));
      pair[o.isStatic ? 1 : 0].push(w);
    }
    for (const [cls, pair] of entry.owned) {
      for (const ancestor of this.superClasses(cls)) {
        let marks = entry.inherited.get(ancestor);
        if (!marks) entry.inherited.set(ancestor, (marks = [false, false]));
        if (pair[0].length > 0) marks[0] = true;
        if (pair[1].length > 0) marks[1] = true;
      }
    }
    this.ownedWriteIndex.set(key, entry);
    return entry;
  }

  /** A variable holding an object or array literal (no class's members: see `otherObject`). */
  private literalHolder(object: JsNode): boolean {
    const node = unwrapExpression(object);
    if (node.type !== 'Identifier') return false;
    const def = this.definingExpression(node);
    return def !== undefined && def !== node && (def.type === 'ObjectExpression' || def.type === 'ArrayExpression');
  }

  /** A write on `object` cannot reach the members of `owner` (see `memberValues`). */
  private otherObject(object: JsNode, owner: MemberOwner): boolean {
    const o = this.memberOwner(object);
    if (o) {
      // a class is not one of its instances; another class of the file, unless one inherits from the other
      if (o.isStatic !== owner.isStatic) return true;
      return o.cls !== owner.cls && !this.inherits(o.cls, owner.cls) && !this.inherits(owner.cls, o.cls);
    }
    return this.literalHolder(object);
  }

  /** Does class `a` extend `b`, directly or through classes of this file? */
  private inherits(a: MemberOwner['cls'], b: MemberOwner['cls']): boolean {
    return this.superClasses(a).includes(b);
  }

  /** The classes of this file class `a` extends, directly or through one another, nearest first (at most `MAX_DEPTH`). */
  private superClasses(a: MemberOwner['cls']): Array<MemberOwner['cls']> {
    const out: Array<MemberOwner['cls']> = [];
    let cur: JsNode | null | undefined = a.superClass;
    for (let depth = 0; cur && depth < MAX_DEPTH; depth++) {
      const node = unwrapExpression(cur);
      const decl = node.type === 'ClassExpression' ? node : node.type === 'Identifier' ? this.classOfName(node) : undefined;
      // a superclass the analysis cannot see (an import, a call) may be anything, but not a class of this file
      if (!decl || out.includes(decl)) break;
      out.push(decl);
      cur = decl.superClass;
    }
    return out;
  }

  /** The class of this file a name denotes (its declaration, or a stable variable bound to a class expression). */
  private classOfName(id: TSESTree.Identifier): MemberOwner['cls'] | undefined {
    const b = this.binding(id);
    const decl = b?.kind === 'class' ? b.declaration : b && isStable(b) && b.init && b.path?.length === 0 ? unwrapExpression(b.init) : undefined;
    return decl && (decl.type === 'ClassDeclaration' || decl.type === 'ClassExpression') ? decl : undefined;
  }

  /**
   * Code outside this file may reach the class, and write its members: the class is exported
   * (`export class C`, `export default C`, `export { C }`), or its value goes anywhere but a member
   * access (`C.x`), `new C()`, `x instanceof C` or a type position (`module.exports = C`, `register(C)`,
   * `return class { … }`, a subclass `extends C`), or a decorator hands it to a framework (`@Injectable()`,
   * whose container constructs it). An instance of a class that stays in the file
   * may still be handed out; that is not looked for.
   */
  classEscapes(cls: TSESTree.ClassDeclaration | TSESTree.ClassExpression): boolean {
    if (!this.escapeCache) this.escapeCache = new Map();
    let answer = this.escapeCache.get(cls);
    if (answer === undefined) {
      answer = this.findClassEscape(cls);
      this.escapeCache.set(cls, answer);
    }
    return answer;
  }

  private findClassEscape(cls: MemberOwner['cls']): boolean {
    // `@Injectable() class S`: a decorator hands the class to a framework (a DI container builds it)
    if ((cls.decorators?.length ?? 0) > 0) return true;
    const refs: TSESTree.Identifier[] = [];
    const own = cls.id ? this.binding(cls.id) : undefined;
    if (cls.type === 'ClassDeclaration') {
      const parent = this.parent(cls);
      if (parent?.type === 'ExportNamedDeclaration' || parent?.type === 'ExportDefaultDeclaration') return true;
      if (!own) return true;
    } else {
      // `const P = class { … }`: where the variable goes; any other class expression goes where its value does
      let top: JsNode = cls;
      let p = this.parent(top);
      while (p && VALUE_WRAPPERS.has(p.type)) {
        top = p;
        p = this.parent(p);
      }
      if (p?.type !== 'VariableDeclarator' || p.init !== top || p.id.type !== 'Identifier') return true;
      const declaration = this.parent(p);
      if (declaration && this.parent(declaration)?.type === 'ExportNamedDeclaration') return true;
      const b = this.binding(p.id);
      if (!b || !isStable(b) || this.exportedByName(b)) return true;
      refs.push(...this.references(b));
    }
    if (own) {
      if (this.exportedByName(own)) return true;
      refs.push(...this.references(own));
    }
    return refs.some((ref) => {
      let top: JsNode = ref;
      let p = this.parent(top);
      while (p && VALUE_WRAPPERS.has(p.type)) {
        top = p;
        p = this.parent(p);
      }
      if (!p) return true;
      if (p.type === 'MemberExpression' && p.object === top) return false;
      if (p.type === 'NewExpression' && p.callee === top) return false;
      if (p.type === 'BinaryExpression' && p.operator === 'instanceof' && p.right === top) return false;
      // a type (`x: C`, `typeof C`, `implements C`), not a value
      return !TYPE_POSITIONS.has(p.type);
    });
  }

  /**
   * A caller may give the parameter `b` a value other than its default: its function may be called
   * from outside the file (exported, handed anywhere but the callee of a call: a callback, a method,
   * `module.exports = { f }`), or a call of the file passes an argument there (anything but the
   * global `undefined`, or a spread before it).
   */
  defaultOverridable(b: JsBinding): boolean {
    const fn = b.declaration;
    if (b.kind !== 'param' || !isFunctionNode(fn)) return true;
    const position = parameterPosition(fn, b);
    const calls = position < 0 ? undefined : this.allCalls(fn);
    if (!calls) return true;
    return calls.some((call) => this.passedArgument(call, position) !== 'default');
  }

  /**
   * What a call passes at a parameter's position: the argument, `'default'` when it leaves it out
   * (or passes the global `undefined`), `undefined` when a spread up to there hides it.
   */
  private passedArgument(call: TSESTree.CallExpression | TSESTree.NewExpression, position: number): JsNode | 'default' | undefined {
    const args = call.arguments.slice(0, position + 1);
    if (args.some((a) => a.type === 'SpreadElement')) return undefined;
    const arg = args[position];
    if (arg === undefined || (arg.type === 'Identifier' && arg.name === 'undefined' && !this.binding(arg))) return 'default';
    return arg;
  }

  /**
   * Every call of a function, when the file makes them all: a function declaration or a function
   * bound to a stable variable, neither exported, whose name is only ever called (`f(…)`); an
   * immediately invoked function. `undefined` otherwise.
   */
  private allCalls(fn: TSESTree.FunctionLike): Array<TSESTree.CallExpression | TSESTree.NewExpression> | undefined {
    const parent = this.parent(fn);
    if (parent?.type === 'CallExpression' && parent.callee === fn) return [parent];
    if (parent?.type === 'MethodDefinition' && parent.kind === 'constructor' && parent.value === fn) return this.constructions(parent);
    let b: JsBinding | undefined;
    if (fn.type === 'FunctionDeclaration') {
      if (!fn.id || parent?.type === 'ExportNamedDeclaration' || parent?.type === 'ExportDefaultDeclaration') return undefined;
      b = this.binding(fn.id);
    } else if (parent?.type === 'VariableDeclarator' && parent.init === fn && parent.id.type === 'Identifier') {
      const declaration = this.parent(parent);
      if (declaration && this.parent(declaration)?.type === 'ExportNamedDeclaration') return undefined;
      b = this.binding(parent.id);
      if (b && !isStable(b)) return undefined;
    }
    if (!b || this.exportedByName(b)) return undefined;
    const calls: Array<TSESTree.CallExpression | TSESTree.NewExpression> = [];
    for (const ref of this.references(b)) {
      const p = this.parent(ref);
      if ((p?.type !== 'CallExpression' && p?.type !== 'NewExpression') || p.callee !== ref) return undefined;
      calls.push(p);
    }
    return calls;
  }

  /**
   * Every `new C(…)` of the class whose constructor is `ctor`, when the file makes them all: the class
   * does not leave the file (`classEscapes`: not exported, not handed anywhere, no subclass), and its
   * name is only ever constructed or read a member of (`new S(COMMIT)`; `new this(…)` in a static
   * method of the class counts too). `undefined` otherwise.
   */
  private constructions(ctor: TSESTree.MethodDefinition): TSESTree.NewExpression[] | undefined {
    const body = this.parent(ctor);
    const cls = body ? this.parent(body) : undefined;
    if (!cls || (cls.type !== 'ClassDeclaration' && cls.type !== 'ClassExpression') || this.classEscapes(cls)) return undefined;
    const refs: TSESTree.Identifier[] = [];
    if (cls.id) {
      const own = this.binding(cls.id);
      if (own) refs.push(...this.references(own));
    }
    if (cls.type === 'ClassExpression') {
      const holder = this.parent(cls);
      if (holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier') {
        const b = this.binding(holder.id);
        if (b) refs.push(...this.references(b));
      }
    }
    const news: TSESTree.NewExpression[] = [];
    for (const ref of refs) {
      let top: JsNode = ref;
      let p = this.parent(top);
      while (p && VALUE_WRAPPERS.has(p.type)) {
        top = p;
        p = this.parent(p);
      }
      if (p?.type === 'NewExpression' && p.callee === top) news.push(p);
    }
    // `new this(…)` in a static method, `new this.constructor(…)` in an instance one (of this class: it has no subclass)
    walk(cls.body, (n) => {
      if (n.type !== 'NewExpression') return;
      const callee = unwrapExpression(n.callee);
      const self = callee.type === 'MemberExpression' && staticKey(callee) === 'constructor' ? unwrapExpression(callee.object) : callee;
      if (self.type === 'ThisExpression') news.push(n);
    });
    return news.sort((a, b) => a.range[0] - b.range[0]);
  }

  /** A module-level binding named in `export { name }` (`references` leaves export specifiers out). */
  private exportedByName(b: JsBinding): boolean {
    if (b.scope !== this.analysis.module) return false;
    if (!this.namesExported) {
      // (the module's `export { … }` lists, read once)
      this.namesExported = new Set();
      for (const s of this.ast.body) {
        if (s.type !== 'ExportNamedDeclaration' || s.source) continue;
        for (const spec of s.specifiers) if (spec.local.type === 'Identifier') this.namesExported.add(spec.local.name);
      }
    }
    return this.namesExported.has(b.name);
  }

  /**
   * The value of the assignment `this.x = v` (or `C.x = v`) that runs last before a read of the
   * member on the straight-line path of the same function: a statement of a block that holds the
   * read, before it, with no other write of the member between the two
   * (`this.model_id = 'org/name'; return load(this.model_id);`). A call between them may still run
   * code that assigns the member (another method): this is the value the read most likely sees, not a
   * certain one. `undefined` when there is no such assignment, or when `memberValues` cannot list the
   * member's writes.
   */
  assignedBefore(expr: JsNode): JsNode | undefined {
    const read = this.memberRead(expr);
    if (!read || !this.memberValues(expr)) return undefined;
    const node = unwrapExpression(expr);
    // every write of the member on this class is a plain assignment (`memberValues`); writes on other objects aside
    const writes = this.ownedWrites(read.key)?.owned.get(read.owner.cls)?.[read.owner.isStatic ? 1 : 0] ?? [];
    let last: MemberWrite | undefined;
    for (const w of writes) {
      if (w.assignment && w.assignment.range[1] <= node.range[0] && (!last || w.assignment.range[1] > last.assignment!.range[1])) last = w;
    }
    const assignment = last?.assignment;
    if (!assignment || assignment.operator !== '=') return undefined;
    // Nothing else writes the member between the two (in a branch, a callback, …).
    if (writes.some((w) => w !== last && w.target.range[1] > assignment.range[1] && w.target.range[0] < node.range[0])) return undefined;
    if (this.enclosingFunction(assignment) !== this.enclosingFunction(node)) return undefined;
    const statement = this.parent(assignment);
    if (statement?.type !== 'ExpressionStatement') return undefined;
    const block = this.parent(statement);
    if (block?.type !== 'BlockStatement' || !this.ancestors(node).includes(block)) return undefined;
    return assignment.right;
  }

  /** `this.x` / `C.x` with a static key, and the class (and side) it reaches. */
  private memberRead(expr: JsNode): { key: string; owner: MemberOwner } | undefined {
    const node = unwrapExpression(expr);
    if (node.type !== 'MemberExpression' || node.computed) return undefined;
    const key = staticKey(node);
    const owner = key !== undefined ? this.memberOwner(node.object) : undefined;
    return key !== undefined && owner ? { key, owner } : undefined;
  }

  /**
   * Every write of a member in the file, by key (`''`: a key that cannot be read, `this[k] = v`, or
   * `Object.assign(x, …)`, which may write any member of `x`, or a call of an array method that
   * changes its array in place, `x.push(v)`, `x.splice(i, 1)`, `x.sort()`), in source order.
   */
  private memberWrites(): Map<string, MemberWrite[]> | undefined {
    if (this.memberWriteIndex) return this.memberWriteIndex;
    // asked again while the index is being built (a computed key `o[this.k]` read on the way): not known yet
    if (this.buildingMemberWrites) return undefined;
    this.buildingMemberWrites = true;
    try {
      this.memberWriteIndex = this.collectMemberWrites();
    } finally {
      this.buildingMemberWrites = false;
    }
    return this.memberWriteIndex;
  }

  private collectMemberWrites(): Map<string, MemberWrite[]> {
    const index = new Map<string, MemberWrite[]>();
    const add = (key: string, write: MemberWrite): void => {
      let list = index.get(key);
      if (!list) index.set(key, (list = []));
      list.push(write);
    };
    const addTarget = (target: JsNode, assignment?: TSESTree.AssignmentExpression): void => {
      const member = unwrapExpression(target);
      if (member.type === 'MemberExpression') add(this.memberKey(member) ?? '', { object: member.object, target: member, assignment });
    };
    walk(this.ast, (n, parent) => {
      if (n.type === 'AssignmentExpression') {
        const plain = n.operator === '=' || n.operator === '??=' || n.operator === '||=' || n.operator === '&&=';
        addTarget(n.left, plain ? n : undefined);
      } else if (n.type === 'UpdateExpression' || (n.type === 'UnaryExpression' && n.operator === 'delete')) addTarget(n.argument);
      else if (n.type === 'MemberExpression' && parent) {
        // a destructuring target (`[this.a, this.b] = pair`, `({ x: this.x } = o)`), a `for (this.x of …)` head
        const inPattern =
          parent.type === 'ArrayPattern' ||
          parent.type === 'RestElement' ||
          (parent.type === 'AssignmentPattern' && (parent.left as JsNode) === n) ||
          (parent.type === 'Property' && parent.value === n && this.parent(parent)?.type === 'ObjectPattern') ||
          ((parent.type === 'ForOfStatement' || parent.type === 'ForInStatement') && parent.left === n);
        if (inPattern) addTarget(n);
      } else if (n.type === 'CallExpression' && n.arguments[0] && n.arguments[0].type !== 'SpreadElement' && this.globalName(n.callee) === 'Object.assign') {
        add('', { object: unwrapExpression(n.arguments[0]), target: n });
      } else if (n.type === 'CallExpression') {
        // `list.push(x)`, `list.splice(i, 1)`, `list.sort()`: the array changes in place
        const callee = unwrapExpression(n.callee);
        if (callee.type === 'MemberExpression' && ARRAY_MUTATORS.has(staticKey(callee) ?? '')) add('', { object: callee.object, target: n });
      }
    });
    return index;
  }

  /**
   * The initialiser of a class field read as `this.x` (in a method of the class; static methods see
   * static fields) or `C.x` (a static field of class `C`), when the file gives the member no other
   * value (`memberValues` lists the initialiser alone: no `C.x = v` anywhere in the file, no
   * `this.x = v` in the class, no write of a member of that name on an object that may be it):
   * `class P { static model = 'org/name'; static get() { return pipeline(t, this.model); } }`.
   */
  classField(expr: TSESTree.MemberExpression): JsNode | undefined {
    return this.fieldOf(expr)?.value;
  }

  /** `classField`, with the class it belongs to. */
  private fieldOf(expr: TSESTree.MemberExpression): { value: JsNode; cls: MemberOwner['cls']; isStatic: boolean } | undefined {
    const key = staticKey(expr);
    if (key === undefined || expr.computed) return undefined;
    const owner = this.memberOwner(expr.object);
    if (!owner) return undefined;
    const field = this.classFields(owner.cls).get(`${owner.isStatic ? 1 : 0}:${key}`)?.[0];
    if (!field?.value) return undefined;
    const values = this.memberValues(expr);
    if (!values || values.length !== 1 || values[0] !== field.value) return undefined;
    return { value: field.value, cls: owner.cls, isStatic: owner.isStatic };
  }

  /**
   * A field that type-checked code outside its class does not assign, though the class leave the
   * file: declared `readonly` (TypeScript lets only the class's own constructor write it) or
   * `private` (`private readonly modelName = 'org/name'`). The values the class gives it are taken as
   * all it takes. Not a guarantee: a subclass in another module may redeclare a `readonly` (not
   * `private`) field with its own value, and `private` is checked at compile time only; the answer
   * serves revision findings, where that rare case costs a confidence level at most.
   */
  private memberSealed(cls: MemberOwner['cls'], key: string, isStatic: boolean): boolean {
    return (this.classFields(cls).get(`${isStatic ? 1 : 0}:${key}`) ?? []).some((m) => m.readonly || m.accessibility === 'private');
  }

  /** The fields of a class with a key that is not computed, by side (1: static) and name, in source order. One pass over the body. */
  private classFields(cls: MemberOwner['cls']): Map<string, TSESTree.PropertyDefinition[]> {
    let fields = this.classFieldCache.get(cls);
    if (fields) return fields;
    fields = new Map();
    for (const m of cls.body.body) {
      if (m.type !== 'PropertyDefinition' || m.computed) continue;
      const name = staticKey(m);
      if (name === undefined) continue;
      const k = `${m.static ? 1 : 0}:${name}`;
      const list = fields.get(k);
      if (list) list.push(m);
      else fields.set(k, [m]);
    }
    this.classFieldCache.set(cls, fields);
    return fields;
  }

  /**
   * The class whose members an expression reaches, and whether they are its static ones: `this` in a
   * method or field of a class (static members from a static method), or the name of a class of this
   * file (`C`, static members).
   */
  private memberOwner(expr: JsNode): MemberOwner | undefined {
    const known = this.memberOwnerCache.get(expr);
    if (known !== undefined) return known ?? undefined;
    const owner = this.findMemberOwner(expr);
    this.memberOwnerCache.set(expr, owner ?? null);
    return owner;
  }

  private findMemberOwner(expr: JsNode): MemberOwner | undefined {
    const obj = unwrapExpression(expr);
    if (obj.type === 'ThisExpression') {
      // `this` of the nearest non-arrow function, which must be a method or field of a class; an
      // arrow function that is itself a field's value (`load = async () => this.fetch()`) sees the instance too.
      let fn: JsNode | undefined = this.enclosingFunction(obj);
      let arrow: JsNode | undefined;
      while (fn && fn.type === 'ArrowFunctionExpression') {
        arrow = fn;
        fn = this.enclosingFunction(fn);
      }
      const inner = fn ?? arrow;
      const owner = inner ? this.parent(inner) : undefined;
      if (!owner || (owner.type !== 'MethodDefinition' && owner.type !== 'PropertyDefinition') || owner.value !== inner) return undefined;
      if (!fn && owner.type !== 'PropertyDefinition') return undefined;
      const body = this.parent(owner);
      const c = body ? this.parent(body) : undefined;
      if (!c || (c.type !== 'ClassDeclaration' && c.type !== 'ClassExpression')) return undefined;
      return { cls: c, isStatic: owner.static };
    }
    if (obj.type === 'Identifier') {
      const b = this.binding(obj);
      const decl = b?.kind === 'class' ? b.declaration : b && isStable(b) && b.init && b.path?.length === 0 ? unwrapExpression(b.init) : undefined;
      if (!decl || (decl.type !== 'ClassDeclaration' && decl.type !== 'ClassExpression')) return undefined;
      return { cls: decl, isStatic: true };
    }
    return undefined;
  }

  /** Does anything in the class assign (or increment) a member named `key` (`this.key = …`)? One walk per class. */
  private classAssigns(cls: JsNode, key: string): boolean {
    if (!this.assignedMembers) this.assignedMembers = new Map();
    let keys = this.assignedMembers.get(cls);
    if (!keys) {
      const found = new Set<string>();
      walk(cls, (n) => {
        const target = n.type === 'AssignmentExpression' ? n.left : n.type === 'UpdateExpression' ? n.argument : undefined;
        if (target?.type !== 'MemberExpression') return;
        const name = staticKey(target);
        if (name !== undefined) found.add(name);
      });
      this.assignedMembers.set(cls, (keys = found));
    }
    return keys.has(key);
  }

  /**
   * The statically known ends of a string-valued expression: the full value when constant, else the
   * constant prefix and suffix of a template literal or `+` chain (`` `http://${h}/m.onnx` ``), and
   * the known runs between (`parts`), through stable variables as `constant` follows them. The URLs
   * the platform makes start with their scheme whatever they are made from: `pathToFileURL(p)` (from
   * `url`; a URL object, whose text — `.href`, `.toString()`, `${…}`, `+` — is its href) with
   * `file://`, `URL.createObjectURL(blob)` with `blob:`.
   */
  stringBounds(expr: JsNode, depth = 0): StringBounds {
    // Each expression's bounds are kept once known (`boundsMemo`), so a string built of names built of
    // names is read once per expression, not once per use: linear in the file, not its length to the
    // power of the nesting. An answer cut short by `MAX_DEPTH` or a cycle serves the questions asked
    // as deep or deeper only (asked from higher up, it is read again: at most `MAX_DEPTH` times).
    const memo = this.boundsMemo.get(expr);
    if (memo === PENDING) {
      this.boundsCut = true;
      return UNKNOWN_BOUNDS;
    }
    if (memo && (!memo.cut || depth >= memo.depth)) {
      if (memo.cut) this.boundsCut = true;
      return memo.bounds;
    }
    this.boundsMemo.set(expr, PENDING);
    const outerCut = this.boundsCut;
    this.boundsCut = false;
    let bounds = UNKNOWN_BOUNDS;
    try {
      bounds = this.ownStringBounds(expr, depth);
    } finally {
      this.boundsMemo.set(expr, { bounds, depth, cut: this.boundsCut });
      this.boundsCut ||= outerCut;
    }
    return bounds;
  }

  /** Each expression's `stringBounds`, and whether (and how deep) it was cut short. */
  private readonly boundsMemo = new Map<JsNode, { bounds: StringBounds; depth: number; cut: boolean } | typeof PENDING>();
  /** Set when a `stringBounds` answer on the way was cut short (`MAX_DEPTH`, a cycle). */
  private boundsCut = false;

  private ownStringBounds(expr: JsNode, depth: number): StringBounds {
    const v = this.constant(expr);
    if (typeof v === 'string') return { value: v, prefix: v, suffix: v, parts: [v] };
    if (depth > MAX_DEPTH) {
      this.boundsCut = true;
      return UNKNOWN_BOUNDS;
    }
    const node = unwrapExpression(expr);
    let pieces: StringBounds[] | undefined;
    if (node.type === 'TemplateLiteral') {
      pieces = [];
      node.quasis.forEach((q, i) => {
        const cooked = q.value.cooked ?? '';
        pieces!.push({ value: cooked, prefix: cooked, suffix: cooked, parts: [cooked] });
        if (i < node.expressions.length) pieces!.push(this.stringBounds(node.expressions[i], depth + 1));
      });
    } else if (node.type === 'BinaryExpression' && node.operator === '+') {
      // the terms of a `+` chain without recursion: a long chain is one level, each term read once
      const { first, rest } = plusTerms(node);
      pieces = [first, ...rest].map((term) => this.stringBounds(term, depth + 1));
    }
    if (pieces) return joinBounds(pieces, false);
    if (node.type === 'Identifier') {
      const b = this.lastAlias(node).binding;
      if (b && isStable(b) && b.init && b.path?.length === 0) return this.stringBounds(b.init, depth + 1);
      // a `let` initialised with a string and only ever appended to (`url += `${name}.onnx``): it keeps
      // the start of its initial value, whatever is appended
      if (b && (b.kind === 'let' || b.kind === 'var') && b.inits === 1 && b.init && b.path?.length === 0 && b.writes > 0 && b.appends === b.writes) {
        const start = this.stringBounds(b.init, depth + 1);
        if (typeof this.constant(b.init) === 'string' || start.prefix !== '') return { prefix: start.prefix, suffix: '', parts: [start.prefix, ''] };
      }
    }
    // `--depth deep`: the known text of a string another module exports (`` `${BASE}/model.onnx` ``)
    const imported = this.importedValue(node);
    if (imported?.bounds) return { ...imported.bounds, parts: [...imported.bounds.parts] };
    const scheme = this.madeUrlScheme(node, depth);
    if (scheme !== undefined) return { prefix: scheme, suffix: '', parts: [scheme, ''] };
    return UNKNOWN_BOUNDS;
  }

  /**
   * `stringBounds` of each value a string-valued expression may take when parts of it take one of
   * several known values (`possibleConstants`: a `for … of` variable over a constant list, a `?:` of
   * constants), the other parts left not known: `` `${base}/${file}` `` with `file` looping over
   * `['config.json', 'onnx/model.onnx']` → one bounds ending `/config.json`, one ending
   * `/onnx/model.onnx`, whatever `base` is. One element, `stringBounds(expr)`, when no part has several
   * values, or past 32 combinations. With `info`, `info.truncated` says whether values were left out:
   * a part with more than 32 known values (its first 32 are given), or more than 32 combinations (the
   * bounds alone are given), so that a caller can report at lower confidence rather than not at all.
   * Linear in the file (see `boundsChoices`).
   */
  possibleStringBounds(expr: JsNode, info?: { truncated: boolean }): StringBounds[] {
    if (typeof this.constant(expr) === 'string') return [this.stringBounds(expr)];
    this.boundsSteps = BOUNDS_STEPS;
    this.boundsTruncated = false;
    const choices = this.boundsChoices(expr, 0);
    if (info) info.truncated = this.boundsTruncated;
    return choices ?? [this.stringBounds(expr)];
  }

  /** Each expression's `boundsChoices`, kept as `stringBounds` keeps its answers (see there), and whether values were left out. */
  private readonly choicesMemo = new Map<JsNode, { choices: StringBounds[] | undefined; depth: number; cut: boolean; truncated: boolean } | typeof PENDING>();
  /** Set when a part has more than `MAX_CHOICES` known values, or the combinations are more (see `possibleStringBounds`). */
  private boundsTruncated = false;
  /** Set when a `boundsChoices` answer on the way was cut short (`MAX_DEPTH`, a cycle, `BOUNDS_STEPS`). */
  private choicesCut = false;
  /** What is left of `BOUNDS_STEPS` for the `possibleStringBounds` question being answered. */
  private boundsSteps = BOUNDS_STEPS;

  /**
   * `possibleStringBounds`: `undefined` when no part has several values, past `MAX_CHOICES`
   * combinations, `MAX_PIECES` pieces, `MAX_DEPTH` or `BOUNDS_STEPS` expressions read. Each
   * expression is read once (`choicesMemo`; the bounds of a part with one value come from the kept
   * `stringBounds`), so a name used many times is not expanded again at each use.
   */
  private boundsChoices(expr: JsNode, depth: number): StringBounds[] | undefined {
    const memo = this.choicesMemo.get(expr);
    if (memo === PENDING) {
      this.choicesCut = true;
      return undefined;
    }
    if (memo && (!memo.cut || depth >= memo.depth)) {
      if (memo.cut) this.choicesCut = true;
      if (memo.truncated) this.boundsTruncated = true;
      return memo.choices;
    }
    if (depth > MAX_DEPTH || --this.boundsSteps < 0) {
      this.choicesCut = true;
      return undefined;
    }
    this.choicesMemo.set(expr, PENDING);
    const outerCut = this.choicesCut;
    const outerTruncated = this.boundsTruncated;
    this.choicesCut = false;
    this.boundsTruncated = false;
    let choices: StringBounds[] | undefined;
    try {
      choices = this.ownBoundsChoices(expr, depth);
    } finally {
      this.choicesMemo.set(expr, { choices, depth, cut: this.choicesCut, truncated: this.boundsTruncated });
      this.choicesCut ||= outerCut;
      this.boundsTruncated ||= outerTruncated;
    }
    return choices;
  }

  private ownBoundsChoices(expr: JsNode, depth: number): StringBounds[] | undefined {
    const node = unwrapExpression(expr);
    let pieces: Array<JsNode | string> = [];
    if (node.type === 'TemplateLiteral') {
      node.quasis.forEach((q, i) => {
        pieces.push(q.value.cooked ?? '');
        if (i < node.expressions.length) pieces.push(node.expressions[i]);
      });
    } else if (node.type === 'BinaryExpression' && node.operator === '+') {
      const { first, rest } = plusTerms(node);
      pieces = [first, ...rest];
    } else if (node.type === 'Identifier') {
      const b = this.lastAlias(node).binding;
      if (b && isStable(b) && b.init && b.path?.length === 0 && !this.iteration(b)) return this.boundsChoices(b.init, depth + 1);
    }
    if (pieces.length === 0) {
      // a leaf: one of several known strings (numbers too), or nothing beyond `stringBounds`
      if (typeof this.constant(node) === 'string') return undefined;
      let values = this.possibleConstants(node);
      if (!values) {
        // more than `MAX_CHOICES` known values: the first of them, and the answer says some were left out
        values = this.manyConstants(node);
        if (!values || values.length <= MAX_CHOICES || !values.every((v) => typeof v === 'string' || typeof v === 'number')) return undefined;
        values = values.slice(0, MAX_CHOICES);
        this.boundsTruncated = true;
      }
      if (values.length < 2 || !values.every((v) => typeof v === 'string' || typeof v === 'number')) return undefined;
      return values.map((v) => ({ value: String(v), prefix: String(v), suffix: String(v), parts: [String(v)] }));
    }
    if (pieces.length > MAX_PIECES) return undefined;
    let several = false;
    let combos: StringBounds[][] = [[]];
    for (const piece of pieces) {
      let options: StringBounds[];
      if (typeof piece === 'string') options = [{ value: piece, prefix: piece, suffix: piece, parts: [piece] }];
      else {
        const choices = this.boundsChoices(piece, depth + 1);
        if (choices) several = true;
        options = choices ?? [this.stringBounds(piece)];
      }
      if (combos.length * options.length > MAX_CHOICES) {
        this.boundsTruncated = true;
        return undefined;
      }
      combos = combos.flatMap((c) => options.map((o) => [...c, o]));
    }
    return several ? combos.map((c) => joinBounds(c)) : undefined;
  }

  /**
   * The values of an expression with more than `MAX_CHOICES` of them (up to `MANY_CHOICES`): a chain
   * of `?:` of constants, read without recursion however deep (`c0 ? 'a.onnx' : c1 ? 'b.onnx' : …`),
   * or `possibleConstants` allowed more values (a loop over a long constant list).
   */
  private manyConstants(node: JsNode): ConstantValue[] | undefined {
    if (node.type === 'ConditionalExpression') {
      const out: ConstantValue[] = [];
      const stack: JsNode[] = [node];
      for (let steps = 0; stack.length > 0; steps++) {
        if (steps > 2 * MANY_CHOICES) {
          manyOverflows++;
          return undefined;
        }
        const n = unwrapExpression(stack.pop()!);
        if (n.type === 'ConditionalExpression') stack.push(n.alternate, n.consequent);
        else {
          const v = this.constant(n);
          if (v === UNKNOWN) return undefined;
          if (!out.includes(v)) out.push(v);
        }
      }
      return out;
    }
    const saved = choiceLimit;
    choiceLimit = MANY_CHOICES;
    try {
      return this.possibleConstants(node);
    } finally {
      choiceLimit = saved;
    }
  }

  /**
   * The start of a URL the platform makes (see `stringBounds`): `pathToFileURL(p)` and its `.href`,
   * `.toString()` and `.toJSON()`, through stable variables (`const u = pathToFileURL(p); u.href`):
   * `file://`; `URL.createObjectURL(x)` (also `.toString()` of it): `blob:`.
   */
  private madeUrlScheme(node: JsNode, depth: number): string | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (node.type === 'MemberExpression' && !node.computed && staticKey(node) === 'href') return this.fileUrlObject(node.object, depth + 1) ? 'file://' : undefined;
    if (node.type !== 'CallExpression') return undefined;
    if (this.fileUrlObject(node, depth)) return 'file://';
    const callee = unwrapExpression(node.callee);
    if (callee.type === 'MemberExpression' && node.arguments.length === 0 && (staticKey(callee) === 'toString' || staticKey(callee) === 'toJSON')) {
      if (this.fileUrlObject(callee.object, depth + 1)) return 'file://';
      if (staticKey(callee) === 'toString') {
        const inner = this.definingExpression(callee.object, depth + 1);
        return inner && inner.type !== 'Identifier' ? this.madeUrlScheme(unwrapExpression(inner), depth + 1) : undefined;
      }
      return undefined;
    }
    const name = this.qualifiedName(node.callee) ?? this.globalName(node.callee);
    return name !== undefined && BLOB_URL_CALLS.has(name) ? 'blob:' : undefined;
  }

  /** `pathToFileURL(p)` from Node's `url` (a `file:` URL object), also held in a stable variable. */
  private fileUrlObject(expr: JsNode, depth: number): boolean {
    const node = depth <= MAX_DEPTH ? this.definingExpression(expr, depth) : undefined;
    if (node?.type !== 'CallExpression') return false;
    const m = this.importedMember(node.callee);
    return m !== undefined && m.module === 'url' && m.path.length === 1 && m.path[0] === 'pathToFileURL';
  }

  // -------------------------------------------------------------------------------------------
  // Other modules of the project (--depth deep)

  /** What the relative or path-aliased module an expression is imported from gives it (`--depth deep`; see `ProjectModules.valueOf`). */
  private importedValue(node: JsNode): ImportedValue | undefined {
    if (!this.modules || this.localOnly > 0) return undefined;
    const expr = unwrapExpression(node);
    if (expr.type !== 'Identifier' && expr.type !== 'MemberExpression') return undefined;
    const target = this.moduleTarget(expr);
    if (!target) return undefined;
    this.importsRead++;
    // (a package's name is not followed: `ProjectModules` finds no file for it, unless a path alias maps it)
    return this.modules.valueOf(this.path, target);
  }

  /**
   * The module an expression reads, and the member path below what its import gives (see
   * `ModuleTarget`): a name imported by `import` (named: `['A']`, default: `['default']`, namespace:
   * `[]`) or `import x = require()`, a member of one (`cfg.MODEL_URL`, constant keys too), a
   * `require('./m')` call or `await import('./m')`, through stable variables bound to one (also
   * destructured: `const { MODEL_URL } = require('./config')`; not with a default). `undefined` otherwise.
   */
  moduleTarget(node: JsNode, depth = 0): ModuleTarget | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const expr = unwrapExpression(node);
    switch (expr.type) {
      case 'Identifier': {
        const b = this.lastAlias(expr).binding;
        if (!b) return undefined;
        if (b.import) {
          const d = b.declaration;
          const specifier = b.import.module;
          if (d.type === 'ImportSpecifier') return { specifier, path: [moduleExportName(d.imported)], esm: true };
          if (d.type === 'ImportDefaultSpecifier') return { specifier, path: ['default'], esm: true };
          if (d.type === 'ImportNamespaceSpecifier') return { specifier, path: [], esm: true };
          if (d.type === 'TSImportEqualsDeclaration') return { specifier, path: [], esm: false };
          return undefined;
        }
        if (!isStable(b) || !b.init || !b.path || b.defaultValue || b.path.some((p) => typeof p !== 'string')) return undefined;
        const base = this.moduleTarget(b.init, depth + 1);
        return base && { ...base, path: [...base.path, ...(b.path as string[])] };
      }
      case 'MemberExpression': {
        if (expr.property.type === 'PrivateIdentifier') return undefined;
        const key = staticKey(expr) ?? (expr.computed ? this.constantKey(expr.property) : undefined);
        const base = key === undefined ? undefined : this.moduleTarget(expr.object, depth + 1);
        return base && { ...base, path: [...base.path, key!] };
      }
      case 'CallExpression': {
        const module = this.analysis.moduleLoads.get(expr);
        return module !== undefined ? { specifier: module, path: [], esm: false } : undefined;
      }
      case 'AwaitExpression': {
        const arg = unwrapExpression(expr.argument);
        // (`await Function('return import("m")')()` too: a call that is not `require`)
        const esm = arg.type === 'ImportExpression' || (arg.type === 'CallExpression' && !(arg.callee.type === 'Identifier' && arg.callee.name === 'require'));
        const module = esm ? this.analysis.moduleLoads.get(arg) : undefined;
        return module !== undefined ? { specifier: module, path: [], esm: true } : undefined;
      }
      default:
        return undefined;
    }
  }

  /**
   * What other files may learn of the value of `node`, an exported expression or declared name of
   * this module (see `ImportedValue`): its constant (and whether a value the analysis cannot see may
   * replace it), else its possible values, its known values and its known text. Nothing for a value
   * whose members this module sets (`MODELS.small = …`, `URLS.push(u)`, `Object.assign(CONFIG, …)`).
   */
  exportedValue(node: JsNode): ImportedValue | undefined {
    let root = unwrapExpression(node);
    while (root.type === 'MemberExpression') root = unwrapExpression(root.object);
    const b = root.type === 'Identifier' ? this.binding(root) : undefined;
    if (b && this.hasMemberWrites(b)) return undefined;
    const open: Open = { value: false };
    const value = this.constantOf(node, 0, open);
    if (value !== UNKNOWN) return open.value ? { value, open: true } : { value };
    const out: ImportedValue = { value: UNKNOWN };
    const choices = this.possibleConstants(node);
    if (choices) out.choices = choices;
    const known = this.knownValues(node);
    if (known) out.known = known;
    const bounds = this.stringBounds(node);
    if (bounds.parts.some((p) => p !== '')) out.bounds = bounds;
    return out.choices || out.known || out.bounds ? out : undefined;
  }

  /**
   * What this file exports, as its own code says (for `ProjectModules`; see `ModuleExports`). An ES
   * module (any `import` or `export`): `export const|let|var` (destructured too), `export { a, b as c }`
   * of its own names, `export default <expression>`, `export { a } from './b'`, `export * as ns from
   * './b'`, `export * from './b'`; a name imported from another module and exported again is a
   * re-export; an enum with the value of its members (`enumValue`); functions, classes and namespaces
   * are exported with no value, types not at all.
   * Otherwise CommonJS (see `commonJsExports`).
   */
  moduleExports(): ModuleExports {
    const names = new Map<string, ExportSource>();
    const stars: string[] = [];
    let esm = false;
    let exportAssignment: TSESTree.TSExportAssignment | undefined;
    const own = (id: TSESTree.Identifier): ExportSource => {
      const b = this.binding(id);
      if (!b || b.kind === 'function' || b.kind === 'class' || b.kind === 'namespace') return { kind: 'none' };
      if (b.import) {
        const target = this.moduleTarget(b.id);
        return target ? { kind: 'from', target } : { kind: 'none' };
      }
      return { kind: 'local', node: b.id };
    };
    for (const s of this.ast.body) {
      switch (s.type) {
        case 'ImportDeclaration':
          esm = true;
          break;
        case 'ExportAllDeclaration':
          esm = true;
          if (s.exportKind === 'type') break;
          if (s.exported) names.set(moduleExportName(s.exported), { kind: 'from', target: { specifier: s.source.value, path: [], esm: true } });
          else stars.push(s.source.value);
          break;
        case 'ExportNamedDeclaration': {
          esm = true;
          if (s.exportKind === 'type') break;
          const d = s.declaration;
          if (d?.type === 'VariableDeclaration') {
            for (const decl of d.declarations) for (const id of patternNames(decl.id)) names.set(id.name, d.declare ? { kind: 'none' } : own(id));
          } else if (d?.type === 'TSEnumDeclaration') {
            // an enum has the value of its members (`enumValue`), an ambient one none
            names.set(d.id.name, d.declare ? { kind: 'none' } : own(d.id));
          } else if (d && 'id' in d && d.id?.type === 'Identifier' && d.type !== 'TSInterfaceDeclaration' && d.type !== 'TSTypeAliasDeclaration') {
            names.set(d.id.name, { kind: 'none' });
          }
          for (const spec of s.specifiers) {
            if (spec.exportKind === 'type') continue;
            const exported = moduleExportName(spec.exported);
            if (s.source) names.set(exported, { kind: 'from', target: { specifier: s.source.value, path: [moduleExportName(spec.local)], esm: true } });
            else names.set(exported, spec.local.type === 'Identifier' ? own(spec.local) : { kind: 'none' });
          }
          break;
        }
        case 'ExportDefaultDeclaration': {
          esm = true;
          const d = s.declaration;
          if (d.type === 'TSInterfaceDeclaration') break;
          if (d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration' || d.type === 'TSDeclareFunction') names.set('default', { kind: 'none' });
          else if (d.type === 'Identifier' && this.binding(d)) names.set('default', own(d));
          else names.set('default', { kind: 'local', node: d });
          break;
        }
        case 'TSExportAssignment':
          exportAssignment = s;
          break;
        default:
          break;
      }
    }
    if (esm) return { format: 'esm', names, stars, esModule: false, open: false };
    return this.commonJsExports(exportAssignment);
  }

  /**
   * A CommonJS module's exports: `module.exports = value` (the properties of its object literal are
   * names; also TypeScript's `export = value`) and `exports.a = value` / `module.exports.a = value`,
   * each set once by a top-level statement (TypeScript's `exports.a = void 0` before it sets no
   * value) and nothing else setting them or their members (`exports.a.b = v`, `exports.a++`,
   * `Object.defineProperty(exports, 'a', …)`: exported, value not known). `exports[k] = v`,
   * `Object.assign(exports, …)`, `__exportStar(m, exports)`, `exports = …` or `exports` / `module.exports`
   * handed anywhere else may add any name: a name not listed is then not known.
   */
  private commonJsExports(exportAssignment?: TSESTree.TSExportAssignment): ModuleExports {
    const names = new Map<string, ExportSource>();
    let open = false;
    let esModule = false;
    const wholeWrites: JsNode[] = exportAssignment ? [exportAssignment] : [];
    const keyWrites = new Map<string, TSESTree.AssignmentExpression[]>();
    const tainted = new Set<string>();
    const isFree = (n: JsNode, name: string): boolean => n.type === 'Identifier' && n.name === name && !this.binding(n);
    /** Up through TypeScript wrappers: the node standing for `n`'s value, and its parent. */
    const context = (n: JsNode): [JsNode, JsNode | undefined] => {
      let top = n;
      let p = this.parent(top);
      while (p && VALUE_WRAPPERS.has(p.type)) {
        top = p;
        p = this.parent(p);
      }
      return [top, p];
    };
    const isWriteTarget = (top: JsNode, p: JsNode | undefined): boolean =>
      !!p &&
      ((p.type === 'AssignmentExpression' && p.left === top) ||
        (p.type === 'UpdateExpression' && p.argument === top) ||
        (p.type === 'UnaryExpression' && p.operator === 'delete' && p.argument === top) ||
        p.type === 'ArrayPattern' ||
        p.type === 'RestElement' ||
        (p.type === 'AssignmentPattern' && p.left === top) ||
        (p.type === 'Property' && p.value === top && this.parent(p)?.type === 'ObjectPattern') ||
        ((p.type === 'ForOfStatement' || p.type === 'ForInStatement') && p.left === top));
    /** `exports.a` read: is the value's member set (`exports.a.b = v`, `exports.a.push(v)`, `Object.assign(exports.a, …)`)? */
    const memberChanged = (member: JsNode): boolean => {
      let [top, p] = context(member);
      let changed = false;
      while (p?.type === 'MemberExpression' && p.object === top) {
        const method = staticKey(p);
        [top, p] = context(p);
        if (isWriteTarget(top, p)) changed = true;
        if (p?.type === 'CallExpression' && p.callee === top && ARRAY_MUTATORS.has(method ?? '')) changed = true;
      }
      if (p?.type === 'CallExpression' && p.arguments[0] === top && this.globalName(p.callee) === 'Object.assign') changed = true;
      return changed;
    };
    walk(this.ast, (n, parent) => {
      const moduleExports = n.type === 'MemberExpression' && !n.computed && staticKey(n) === 'exports' && isFree(unwrapExpression(n.object), 'module');
      const bareExports = isFree(n, 'exports') && !(parent?.type === 'MemberExpression' && parent.property === n && !parent.computed) && !(parent?.type === 'Property' && parent.key === n && !parent.computed && !parent.shorthand);
      if (!moduleExports && !bareExports) return undefined;
      const [top, p] = context(n);
      if (p?.type === 'AssignmentExpression' && p.left === top) {
        if (moduleExports && p.operator === '=') wholeWrites.push(p);
        else open = true;
      } else if (p?.type === 'MemberExpression' && p.object === top) {
        const key = staticKey(p) ?? (p.computed ? this.constantKey(p.property) : undefined);
        const [member, pp] = context(p);
        if (pp?.type === 'AssignmentExpression' && pp.left === member && pp.operator === '=') {
          if (key === undefined) open = true;
          else {
            let list = keyWrites.get(key);
            if (!list) keyWrites.set(key, (list = []));
            list.push(pp);
          }
        } else if (isWriteTarget(member, pp) || memberChanged(p)) {
          if (key === undefined) open = true;
          else tainted.add(key);
        }
      } else if (p?.type === 'CallExpression' && p.arguments[0] === top && this.globalName(p.callee) === 'Object.defineProperty') {
        const key = p.arguments[1] ? this.constantKey(p.arguments[1]) : undefined;
        if (key === '__esModule') esModule = true;
        else if (key === undefined) open = true;
        else tainted.add(key);
      } else if (!(p?.type === 'UnaryExpression' && p.operator === 'typeof')) {
        // handed on: anything may set its members
        open = true;
      }
      return moduleExports ? false : undefined;
    });
    /** The value an assignment gives, through a chain (`exports.a = exports.b = void 0`). */
    const assigned = (a: JsNode): JsNode => {
      let v = a.type === 'AssignmentExpression' ? a.right : (a as TSESTree.TSExportAssignment).expression;
      while (v.type === 'AssignmentExpression' && v.operator === '=') v = v.right;
      return v;
    };
    const topLevel = (a: JsNode): boolean => {
      if (a.type === 'TSExportAssignment') return true;
      let n: JsNode = a;
      let p = this.parent(n);
      while (p?.type === 'AssignmentExpression' && p.right === n) {
        n = p;
        p = this.parent(p);
      }
      return p?.type === 'ExpressionStatement' && this.parent(p)?.type === 'Program';
    };
    const isVoid = (v: JsNode): boolean => (v.type === 'UnaryExpression' && v.operator === 'void') || (v.type === 'Identifier' && v.name === 'undefined' && !this.binding(v));
    let wholeWrite: JsNode | undefined;
    if (wholeWrites.length === 1 && topLevel(wholeWrites[0])) wholeWrite = wholeWrites[0];
    else if (wholeWrites.length > 0) open = true;
    for (const [key, writes] of keyWrites) {
      // (a member set before `module.exports` is replaced is not exported)
      if (wholeWrite && writes.some((w) => w.range[0] < wholeWrite!.range[0])) open = true;
      const real = writes.filter((w) => !(isVoid(assigned(w)) && topLevel(w)));
      names.set(key, !tainted.has(key) && real.length === 1 && topLevel(real[0]) ? { kind: 'local', node: assigned(real[0]) } : { kind: 'none' });
    }
    for (const key of tainted) if (!names.has(key)) names.set(key, { kind: 'none' });
    let whole: JsNode | undefined;
    if (wholeWrite) {
      const value = assigned(wholeWrite);
      let root = unwrapExpression(value);
      while (root.type === 'MemberExpression') root = unwrapExpression(root.object);
      const rb = root.type === 'Identifier' ? this.binding(root) : undefined;
      if (rb && this.hasMemberWrites(rb)) open = true;
      else {
        const obj = this.objectLiteral(value);
        for (const prop of obj?.properties ?? []) {
          if (prop.type === 'SpreadElement') continue;
          const key = prop.computed ? this.constantKey(prop.key) : staticKey(prop);
          if (key === undefined) open = true;
          else if (!names.has(key)) names.set(key, prop.kind === 'init' && !prop.method ? { kind: 'local', node: prop.value } : { kind: 'none' });
        }
        // members set after it: the value is no longer the one assigned
        if (keyWrites.size === 0 && tainted.size === 0) whole = value;
      }
    }
    return { format: 'cjs', names, stars: [], whole, esModule, open };
  }
}

/** The name an import or export specifier spells (`a`, or `'a-b'` as a string). */
function moduleExportName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === 'Identifier' ? node.name : node.value;
}

/** The names a binding pattern declares (`{ a, b: [c], ...d }` → a, c, d). */
export { unwrapExpression, literalString };

/** Types whose values are bytes (or numbers), never a string or URL (see `declaredNonText`). */
const NON_TEXT_TYPES = new Set([
  'Uint8Array', 'Int8Array', 'Uint8ClampedArray', 'Uint16Array', 'Int16Array', 'Uint32Array', 'Int32Array',
  'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array', 'ArrayBuffer', 'SharedArrayBuffer',
  'ArrayBufferView', 'ArrayBufferLike', 'DataView', 'Buffer', 'Blob', 'File',
]);

function nonTextType(t: TSESTree.TypeNode, depth: number): boolean {
  if (depth > 8) return false;
  switch (t.type) {
    case 'TSNumberKeyword':
    case 'TSBooleanKeyword':
      return true;
    case 'TSTypeReference':
      return t.typeName.type === 'Identifier' ? NON_TEXT_TYPES.has(t.typeName.name) : t.typeName.type === 'TSQualifiedName' && t.typeName.right.name === 'Buffer';
    case 'TSUnionType':
      return t.types.length > 0 && t.types.every((u) => nonTextType(u, depth + 1));
    default:
      return false;
  }
}
