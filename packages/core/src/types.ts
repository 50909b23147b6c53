/**
 * The public contract of Oculum: rules, plugins, languages, source code and findings.
 * Every package builds on these types; change them with care (and a changeset).
 */

export const DETECTORS = ['unsafe_model_load', 'unverified_model_source', 'unsafe_finetuning'] as const;
export type Detector = (typeof DETECTORS)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export type Depth = 'quick' | 'standard' | 'deep';

/** ESLint-style level from config: off | warn | error (0 | 1 | 2 accepted in config). */
export type RuleLevel = 'off' | 'warn' | 'error';

/** 1-based line and 1-based column (column counted in UTF-16 code units, like ESLint + 1). */
export interface Position {
  line: number;
  column: number;
}

export interface SourceLocation {
  start: Position;
  /** Exclusive end: the position just after the last character of the node. */
  end: Position;
}

/** [start, end) offsets into `SourceCode.text` in UTF-16 code units (JS string indices). */
export type Range = [number, number];

/** An AST node of any language. Languages add their own fields; the engine only needs `type`. */
export interface AstNode {
  readonly type: string;
}

export interface Comment {
  /** The comment text without its delimiters (`#`, `//`, `/* *\/`), untrimmed. */
  value: string;
  range: Range;
  loc: SourceLocation;
  /** True when nothing but whitespace precedes the comment on its line. */
  ownLine: boolean;
}

/** A value the analysis could not determine. `constant()` returns this, never `undefined`. */
export const UNKNOWN: unique symbol = Symbol.for('oculum.unknown');
export type Unknown = typeof UNKNOWN;

/** What `constant()` can answer: JSON-like data (Python None and JS null are `null`). */
export type ConstantValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | ConstantValue[]
  | { [key: string]: ConstantValue };

export interface ArgumentQuery {
  /** Keyword / option-property name, e.g. `weights_only` or `revision`. */
  name?: string;
  /** 0-based positional index. */
  position?: number;
}

/**
 * The parsed file handed to rules. Every language provides this much; code languages
 * (Python, JS) implement `CodeSourceCode` below. Model files implement their own richer type.
 */
export interface SourceCode<Node extends AstNode = AstNode> {
  readonly path: string;
  /** The text of the file ('' for binary languages such as model files). */
  readonly text: string;
  readonly ast: Node;
  /** Parse problems found while the rest of the tree was still analysed. */
  readonly parseErrors: ReadonlyArray<{ message: string; loc: SourceLocation }>;
  /**
   * Walks the tree once, in source order, calling enter and (after children) exit for each node.
   * `types`, when given, are the node types some handler listens to: a language may then visit only
   * nodes of those types (still in source order, enter before exit, properly nested) and skip
   * materialising the others. Languages are free to ignore it and visit every node.
   */
  traverse(visit: (node: Node, phase: 'enter' | 'exit') => void, types?: ReadonlySet<string>): void;
  getRange(node: Node): Range;
  getLoc(node: Node): SourceLocation;
  getText(node?: Node): string;
  /** Comments (for directives). Binary languages return []. */
  getComments(): readonly Comment[];
  /** Offset → 1-based position (in the file: see `rendered`). */
  positionAt(offset: number): Position;
  /**
   * `text` is the language's rendering of the file, not the file's own text (the code cells of a
   * Jupyter notebook, read out of its JSON): ranges, offsets and comments' ranges are in `text`, while
   * `getLoc`, `positionAt` and comments' `loc` are positions in the file. The engine neither applies
   * nor offers fixes for such a file (their ranges are not the file's), and judges line numbers against
   * the file.
   */
  readonly rendered?: boolean;
  /**
   * With `rendered`: the 1-based line and column of an offset in `text` itself. Directives are judged
   * by the rendering's lines (a cell stored as one string of the notebook has many lines of code on one
   * line of the file), and fingerprints are taken of the rendering's reported lines.
   */
  textPositionAt?(offset: number): Position;
  /**
   * Frees what the parse holds outside the JS heap (e.g. a web-tree-sitter tree). The engine calls it
   * once the file's findings are built; nothing touches the source code or its nodes afterwards.
   */
  dispose?(): void;
}

/** The semantic model shared by Python and JS/TS (DESIGN.md, "The semantic model is the heart of precision"). */
export interface CodeSourceCode<Node extends AstNode = AstNode> extends SourceCode<Node> {
  readonly imports: ImportIndex;
  /**
   * Fully qualified name of an expression that denotes an imported module member, e.g.
   * `torch.load` for `t.load` after `import torch as t`. `undefined` when it is not an import,
   * or when the name is shadowed by a local definition.
   */
  qualifiedName(expr: Node): string | undefined;
  /** An argument of a call by keyword/option name or position; looks into `**{...}` / spreads of literals. */
  argument(call: Node, query: ArgumentQuery): Node | undefined;
  /** True when the call has `*args`/`**kwargs` (JS: spreads) that could not be resolved statically. */
  hasUnresolvedArguments(call: Node): boolean;
  /** Statically known value of an expression, or UNKNOWN. */
  constant(expr: Node): ConstantValue | Unknown;
}

export interface ImportIndex {
  /** True when the file imports `module` or any of its submodules (`has('torch')` for `import torch.nn`). */
  has(module: string): boolean;
  /** Every imported module name (top-level and dotted). */
  readonly modules: ReadonlySet<string>;
}

// ---------------------------------------------------------------------------------------------
// Fixes and suggestions

export interface Fix {
  range: Range;
  text: string;
}

export interface RuleFixer {
  insertTextAfter(nodeOrRange: AstNode | Range, text: string): Fix;
  insertTextBefore(nodeOrRange: AstNode | Range, text: string): Fix;
  replaceText(nodeOrRange: AstNode | Range, text: string): Fix;
  remove(nodeOrRange: AstNode | Range): Fix;
}

export type FixFunction = (fixer: RuleFixer) => Fix | Fix[] | null | undefined;

export interface SuggestionDescriptor {
  messageId: string;
  data?: Record<string, unknown>;
  fix: FixFunction;
}

// ---------------------------------------------------------------------------------------------
// Rules

export interface RuleDocs {
  description: string;
  /** In the plugin's and `oculum:recommended` presets. */
  recommended: boolean;
  /** In `oculum:strict` (recommended ⊂ strict ⊂ all). Defaults to `recommended`. */
  strict?: boolean;
  url?: string;
}

/**
 * A prefilter test that no RegExp can express (a language builds them: `memberTrigger` in
 * `@oculum/lang-python` asks whether the receiver of `.load` may be `torch`). It runs on the
 * language's prefilter text (for Python: the code without comments and docstrings), only where one
 * of `literals` occurs in it, at most once per file, in the main thread; it must stay linear in the
 * text's length. Like every trigger it must accept each text its rule can report on: when in doubt,
 * `true`. Only `false` leaves the file out: a test that throws or answers anything else (a forgotten
 * `return`) lets it through.
 */
export interface TriggerTest {
  /**
   * One of these occurs in every text `test` accepts (each non-empty), found in the prefilter's single
   * pass; `[]` runs the test on every file.
   */
  readonly literals: readonly string[];
  test(text: string): boolean;
}

/** A prefilter trigger: a substring, a pattern for the words only, or a test (see `RuleMeta.triggers`). */
export type Trigger = string | RegExp | TriggerTest;

export interface RuleMeta {
  detector: Detector;
  severity: Severity;
  /** Language ids the rule serves: 'python' | 'javascript' | 'model' | … */
  languages: string[];
  /**
   * Prefilter: the file is parsed for this rule only when one of them occurs in its text. A string
   * occurs anywhere (`'load'` also in `download`); a RegExp when it matches (`/\bload\b/`: the word
   * only); a `TriggerTest` when its `test` accepts the text. A trigger must match every text the rule
   * can report on: the prefilter only saves work.
   * Empty array = always run. Ignored for binary languages.
   */
  triggers: Trigger[];
  /**
   * More prefilter conditions, all of which must hold besides `triggers`: each group is a list of
   * triggers of which one must occur (e.g. `[['train', 'fit']]`: only files that also train).
   */
  triggerGroups?: Trigger[][];
  /**
   * The rule is inert unless one of these `settings` keys is configured (policy rules such as
   * `trustedPublishers`): without them the file is not parsed for it at all.
   */
  requiresSettings?: string[];
  docs: RuleDocs;
  messages: Record<string, string>;
  /** Default remediation text; a report may override it. */
  remediation: string;
  /** JSON Schema for the options array items (like ESLint's array form). */
  schema?: object[];
  defaultOptions?: unknown[];
  fixable?: 'code';
  hasSuggestions?: boolean;
  /** Minimum depth at which the rule runs (default 'quick'). */
  minDepth?: Depth;
  deprecated?: boolean;
}

export interface ReportDescriptor {
  node?: AstNode;
  /** Explicit location (overrides node); used by binary languages. */
  loc?: SourceLocation;
  messageId: string;
  data?: Record<string, unknown>;
  /** Defaults to 'high'. */
  confidence?: Confidence;
  /** Overrides meta.severity for this finding (e.g. lower severity when torch>=2.6 is pinned). */
  severity?: Severity;
  remediation?: string;
  fix?: FixFunction;
  suggest?: SuggestionDescriptor[];
}

export interface RuleContext<Options extends unknown[] = unknown[], SC extends SourceCode = SourceCode> {
  readonly id: string;
  readonly options: Options;
  readonly settings: Settings;
  readonly depth: Depth;
  readonly filename: string;
  /** The directory the scan treats as the project root (for dependency-file lookups). */
  readonly cwd: string;
  readonly sourceCode: SC;
  /**
   * The full ids (`namespace/name`) of the rules that run on this file in this lint, this one among
   * them: enabled by the config, kept by the rule and detector filters and the depth, and passing
   * the trigger prefilter on this text. A rule may leave out what another running rule reports, but
   * only when that rule is in this set. `undefined` when it is not known (the ESLint plugin: ESLint
   * does not say which other rules are on): then such a rule must report.
   */
  readonly enabledRules?: ReadonlySet<string>;
  report(descriptor: ReportDescriptor): void;
}

export type RuleListener = Record<string, ((node: any) => void) | undefined>;

export interface Rule<Options extends unknown[] = unknown[], SC extends SourceCode = any> {
  /** Rule name without namespace, e.g. `load-without-weights-only`. */
  name: string;
  meta: RuleMeta;
  create(context: RuleContext<Options, SC>, options: Options): RuleListener;
}

// ---------------------------------------------------------------------------------------------
// Languages

export interface ParseInput {
  path: string;
  /** UTF-8 text for text languages; undefined for languages with `readsFile: true`. */
  text?: string;
  settings: Settings;
  depth: Depth;
}

export interface Language<SC extends SourceCode = SourceCode> {
  id: string;
  /** Lower-case extensions with dot, e.g. ['.py', '.pyi']. */
  extensions: string[];
  /**
   * Interpreters whose `#!` line makes a file without an extension this language's (a script such as
   * `scripts/setup` that starts `#!/usr/bin/env python3`): each name as the line spells it, also with a
   * version after it (`python` takes `python3` and `python3.11`). Files with an extension go by it alone.
   */
  interpreters?: readonly string[];
  /**
   * Binary languages read the file themselves (streaming, bounded memory) and get no `text`.
   * They are chosen by `detect` on the first bytes, whatever the extension.
   */
  readsFile?: boolean;
  /** Decide from the first bytes (up to 512) and the path whether this language handles the file. */
  detect?(head: Uint8Array, path: string): boolean;
  /** One-time async setup (e.g. loading a .wasm grammar). Called once per thread before parse. */
  init?(): Promise<void>;
  /**
   * The node types a rule's handlers may listen to (after `init`): the rule tester says when a rule
   * that reported nothing listens to another (`CallExpression` in a Python rule), as it never runs.
   */
  nodeTypes?(): ReadonlySet<string>;
  parse(input: ParseInput): SC | Promise<SC>;
  /**
   * What a file's results depend on beyond its own bytes and config (e.g. the project's dependency
   * files at --depth deep). Folded into the `--cache` key, so a change there invalidates the entry.
   */
  cacheKey?(input: { path: string; depth: Depth; cwd: string }): string;
  /**
   * The part of a file's text in which rule triggers count: its code without comments and
   * docstrings, say, so that a word mentioned only there does not cost a parse. It must keep every
   * character a rule can report on, and the offsets need not match. Default: the whole text.
   * `path` (absolute, when known) lets a language add what the file's place implies: a Python file
   * of a package importing `from . import x` imports from that package (see lang-python).
   */
  prefilterText?(text: string, path?: string): string;
  /**
   * The file must be parsed even when the prefilter finds no rule's trigger word in it: the language
   * has something to say about it that only the parse reports (a `.vue` file whose script blocks
   * cannot be found, a parse error). Every candidate rule then runs; none will find anything the
   * prefilter would have kept, but the file's parse errors are reported. Keep it cheap and rare.
   */
  mustParse?(text: string, path?: string): boolean;
  /**
   * The text of a file of this language that is not valid UTF-8, by the language's own rules (Python's
   * `# -*- coding: latin-1 -*-`, PEP 263); undefined when it has none. Without it, or when it gives
   * undefined, such a file is skipped with a warning.
   */
  decode?(bytes: Uint8Array): string | undefined;
  /**
   * The encoding a file declares itself in, where the language has such declarations (Python's PEP
   * 263 `# coding: …`), as a TextDecoder label. A file that declares one other than UTF-8 is read
   * with `decode` even when its bytes are valid UTF-8, as the language reads it: under `# coding:
   * utf-7`, ASCII bytes spell other code (`#+AAo-torch.load(p)` is a comment, then a call).
   */
  declaredEncoding?(bytes: Uint8Array): string | undefined;
  /**
   * The size limit for a file of this language, given the scan's (`limit`, bytes): a language whose
   * files carry much that is not code may allow more (a Jupyter notebook holds its outputs, images in
   * base64, beside a few KiB of code). Default: `limit`.
   */
  fileSizeLimit?(path: string, limit: number): number;
  /**
   * The language reads NUL bytes as text (JavaScript: V8 accepts them in comments and strings): a
   * file of it that holds one and is valid UTF-8 is read, not skipped as binary. Default false
   * (CPython refuses source with NUL bytes).
   */
  readsNul?: boolean;
  /**
   * What starting this language in a worker thread costs (its first parse included), in the units
   * of a file's queued work: about 4 KiB of text each. Files of the language keep going to a worker
   * that has started it while that worker is no more than this much busier than the least busy one,
   * so a few files do not make every worker pay the start. Default 16; a language whose parser is a
   * whole compiler to load says more.
   */
  startCost?: number;
}

// ---------------------------------------------------------------------------------------------
// Plugins and config

export type Settings = Record<string, unknown>;

export type RuleEntry = RuleLevel | 0 | 1 | 2 | [RuleLevel | 0 | 1 | 2, ...unknown[]];

export interface ConfigData {
  /** Stop looking for configs in parent directories (the user's own config still applies). */
  root?: boolean;
  extends?: string | string[];
  plugins?: string[];
  detectors?: Partial<Record<Detector, RuleLevel | 0 | 1 | 2>>;
  rules?: Record<string, RuleEntry>;
  settings?: Settings;
  ignorePatterns?: string[];
  overrides?: Array<Omit<ConfigData, 'overrides' | 'extends' | 'plugins' | 'root'> & { files: string | string[]; excludedFiles?: string | string[] }>;
}

export interface Plugin {
  meta: { name: string; version: string; namespace: string };
  rules?: Record<string, Rule<any, any>>;
  /** Presets by name (e.g. `recommended`), referenced as `<namespace>/<name>`. */
  configs?: Record<string, ConfigData>;
  languages?: Record<string, Language<any>>;
}

// ---------------------------------------------------------------------------------------------
// Results

export interface FindingSuggestion {
  messageId: string;
  desc: string;
  fix: Fix;
}

export interface Finding {
  ruleId: string;
  detector: Detector;
  severity: Severity;
  confidence: Confidence;
  level: 'warn' | 'error';
  /** Absolute path. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  messageId: string;
  message: string;
  remediation: string;
  fix?: Fix;
  suggestions?: FindingSuggestion[];
  /**
   * Set when an inline directive (`inSource`) or a config in the scanned tree (`external`) turned it
   * off, or a baseline file accepted it (`baseline`, see `applyBaseline`; SARIF says `external`).
   */
  suppressed?: { kind: 'inSource' | 'external' | 'baseline'; justification?: string };
  /**
   * Stable across line shifts, moves and the scan's directory: hash of rule id, normalized text of the
   * reported lines (a model file: messageId and message without numbers and digests) and occurrence
   * index. Not of the path: pair it with `file` to tell the same code in two files apart.
   */
  fingerprint: string;
}

/** A problem that is not a finding: parse warnings, skipped files, unused directives, limits. */
export interface Diagnostic {
  file?: string;
  /** A `skipped` diagnostic about a directory (unreadable, or its name not valid UTF-8), not a file. */
  directory?: true;
  line?: number;
  column?: number;
  kind: 'parse-error' | 'skipped' | 'unused-directive' | 'missing-reason' | 'config' | 'internal' | 'limit';
  severity: 'warning' | 'error' | 'note';
  message: string;
}

export interface FileResult {
  file: string;
  language?: string;
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** Text after fixes were applied, when `fix` was requested and something changed. */
  output?: string;
  /**
   * With `output`: the findings whose fixes made it, at their place in the text the fix pass read
   * (the file's own text for the first pass).
   */
  fixed?: Array<{ ruleId: string; line: number; column: number }>;
}

// ---------------------------------------------------------------------------------------------
// The programmatic API (implemented in engine; used by the CLI, the rule tester and integrations)

export interface ScanOptions {
  /** Files, directories or globs. Default ['.']. */
  paths?: string[];
  /**
   * Leave out files named in `paths` that `.gitignore` or `ignorePatterns` ignore, as a directory walk
   * would (for pre-commit hooks, which name every staged file). Default false: a named file is scanned.
   */
  forceExclude?: boolean;
  /** Default process.cwd(). Relative paths and the user's own config are resolved from here. */
  cwd?: string;
  depth?: Depth;
  /**
   * Use exactly this config file as the user's config, instead of the one in `cwd` (or above it in the
   * repository), which is then not read at all. Configs in directories below `cwd` still apply, and as
   * in-tree configs may only narrow or tune (see the README's Trust).
   */
  configFile?: string;
  /** Ignore every .oculumrc / package.json config; use built-in defaults (oculum:recommended) and CLI flags. */
  noConfig?: boolean;
  /** Extra config applied last (CLI flags become this). */
  overrideConfig?: ConfigData;
  /** Only run these rule ids (others off). */
  onlyRules?: string[];
  /** Only run rules of these detectors. */
  onlyDetectors?: Detector[];
  /** Apply fixes and write files. */
  fix?: boolean;
  /** Cache file path, or true for `<cwd>/.oculumcache`. */
  cache?: boolean | string;
  /** Worker threads: 'auto' (default) uses them when there are many files; 0 disables. */
  workers?: number | 'auto';
  /** Plugins in addition to those named by configs: module specifiers or objects (objects disable workers). */
  plugins?: Array<string | Plugin>;
  /** Called as files complete. */
  onProgress?: (done: number, total: number) => void;
  /** Source files larger than this are skipped with a warning (default 2 MiB; `Infinity`: no limit; a language may allow more, as Python does for notebooks). */
  maxFileSize?: number;
  /**
   * Source files that cannot be scanned (unreadable, undecodable, binary, over `maxFileSize`) and
   * directories that cannot be read are error diagnostics (kind `skipped`) instead of warnings, for a
   * gate that must not pass what it did not read. Default false.
   */
  errorOnSkipped?: boolean;
  /**
   * Scan this text instead of files on disk (an editor's buffer, `oculum scan --stdin`), as the source
   * file at `path` would be: its extension picks the language, its directory the configs; `paths` is
   * not read. Nothing is written (no cache; with `fix`, the fixed text is `FileResult.output`). With
   * `forceExclude`, a path that `.gitignore` or `ignorePatterns` ignore gives no result, with a warning.
   */
  stdin?: { text: string; path: string };
}

export interface RuleInfo {
  id: string;
  namespace: string;
  name: string;
  plugin: string;
  meta: RuleMeta;
  /** Preset names containing it: 'oculum:recommended', 'torch/recommended', … */
  presets: string[];
}

export interface ScanStats {
  files: number;
  parsed: number;
  prefiltered: number;
  skipped: number;
  lines: number;
  bytes: number;
  durationMs: number;
}

export interface ScanResult {
  cwd: string;
  version: string;
  files: FileResult[];
  diagnostics: Diagnostic[];
  /** Every rule that was loaded (for SARIF tool.driver.rules and `oculum rules`). */
  rules: RuleInfo[];
  stats: ScanStats;
}

export interface FormatterContext {
  cwd: string;
  color: boolean;
  version: string;
  /**
   * What SARIF artifact URIs are relative to (`%SRCROOT%`): by default the root of the git work tree
   * holding `cwd` (found upward), else `cwd`, since GitHub code scanning reads relative URIs as
   * relative to the repository root.
   */
  sourceRoot?: string;
  /**
   * The lowest severity of an error-level finding that fails the run (the CLI's `--fail-on`). When
   * given, the stylish and markdown summaries say which errors do not fail it; JSON and SARIF ignore it.
   */
  failOn?: Severity | 'none';
  /** The CLI's `--max-warnings`: with it, the stylish summary marks a run that fails on warnings. */
  maxWarnings?: number;
  /**
   * Warn-level findings left out of the result given to the formatter (the CLI's `--quiet`): they
   * still count for `maxWarnings`, and the stylish and markdown summaries say they are not shown.
   */
  hiddenWarnings?: number;
  /**
   * The baseline the CLI applied (`--baseline`): its name as shown, and how many of its entries match no
   * finding anymore. The summaries say how many findings it left out and, when some of its entries no
   * longer match, that `--write-baseline` prunes them; JSON reports it as `baseline`. `matched`: the
   * findings it suppressed (`applyBaseline`'s count, also those `--quiet` leaves out of the result);
   * absent: those of the result.
   */
  baseline?: { file: string; unmatched: number; matched?: number };
  /**
   * The terminal's width in columns: stylish wraps long messages so that each row fits it (at least
   * 40 columns of message), the rule id on the row's first line. Absent: one line per row.
   */
  width?: number;
}

/**
 * Renders a scan result. The context may be left out, in part or whole: `cwd` and `version` default
 * to the result's own, `color` to false.
 */
export type Formatter = (result: ScanResult, context?: Partial<FormatterContext>) => string;
