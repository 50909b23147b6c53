/**
 * Cross-file constants for `--depth deep`: the value of a name another module of the project binds
 * at its top level (`from .config import MODEL_REVISION`, `import settings` … `settings.MODEL_ID`),
 * what its top-level functions return, and the classes it defines (`from .modeling import TinyLM`:
 * the bases it inherits, the methods it defines).
 * The module's file is found on disk the way Python's import system would look in the project (the
 * importing file's package for relative imports; the importing file's directory and its ancestors
 * up to the project's root for absolute ones), read and parsed — never imported or run. Each module
 * is parsed at most once per thread: its top-level constants are kept, its tree is freed.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { importClosure, UNKNOWN, type Unknown } from '@oculum/core';
import type { ClassSummary, ConstantValue, ImportedClass, PythonSourceCode } from './source-code.js';

/** A module file larger than this is not read for its constants (generated tables, vendored code). */
export const MAX_MODULE_BYTES = 512 * 1024;
/** Ancestor directories searched for an absolute import's first package (the project's root ends it earlier). */
const MAX_ANCESTORS = 8;
/** Files that mark a project's root: absolute imports are not looked for above it. */
const ROOT_MARKERS = ['pyproject.toml', 'setup.py', 'setup.cfg', '.git', 'requirements.txt'];
/** Classes followed from one class through the bases other modules define (a longer chain is not known). */
const MAX_CLASS_MODULES = 8;
/** Base classes looked up for one class, all modules together (diamonds, many bases). */
const MAX_CLASS_LOOKUPS = 64;
/** Classes kept in one chain (as `localSubclass` keeps). */
const MAX_CHAIN = 16;

type Parse = (text: string, file: string) => PythonSourceCode;

/** What is kept of a module: its top-level constants, what its top-level functions return, its classes. */
interface ModuleTable {
  constants: ReadonlyMap<string, ConstantValue>;
  returns: ReadonlyMap<string, readonly string[]>;
  classes: ReadonlyMap<string, ClassSummary>;
}

/**
 * A class of the project as `classOf` knows it: the classes of the project it is made of (itself
 * first, then the classes of the project it inherits from) and the qualified names of its bases, as
 * the module naming each spells it (relative names left out: they are classes of the project, in
 * `classes`).
 */
export interface ProjectClass {
  classes: readonly ImportedClass[];
  bases: readonly string[];
}

/** The top-level constants of the modules of one project, as files of the current thread ask for them. */
export class ProjectModules {
  /** What `exists` found, since the last `refresh` (a long-lived process sees files come and go). */
  private readonly isFile = new Map<string, boolean>();
  /** Each module's constants and function summaries, with the size and modification time of the file they were read from. */
  private readonly constants = new Map<string, { signature: string; table: ModuleTable | null }>();
  /**
   * The classes of modules read for them alone (a module's table reads the constants of every module
   * it imports, transitively; its classes need none).
   */
  private readonly classTables = new Map<string, { signature: string; classes: ReadonlyMap<string, ClassSummary> | null }>();
  private readonly inProgress = new Set<string>();

  constructor(private readonly parse: Parse) {}

  /** Forgets which files exist (called for each file a scan parses; module constants stay while their file is unchanged). */
  refresh(): void {
    this.isFile.clear();
  }

  /**
   * The constant a qualified name (`.config.REVISION`, `settings.MODEL_ID`, as `qualifiedName`
   * spells imports) names when the longest module prefix of it is a file of the project and the rest
   * is one name that module binds at its top level to one constant. `fromFile`: the importing file.
   */
  constantOf(fromFile: string, qualified: string): ConstantValue | Unknown {
    const table = this.tableOf(fromFile, qualified);
    return table?.constants.has(table.member) ? table.constants.get(table.member)! : UNKNOWN;
  }

  /**
   * The qualified names of the calls a function another module of the project defines at its top
   * level returns (`return hf_hub_download(repo, name)`, or a name bound to such a call), as that
   * module resolves them; `qualified` spells the function as `qualifiedName` spells imports.
   * Undefined when the module or the function is not found.
   */
  returnCalleesOf(fromFile: string, qualified: string): readonly string[] | undefined {
    const table = this.tableOf(fromFile, qualified);
    return table?.returns.get(table.member);
  }

  /**
   * The class a qualified name (as `qualifiedName` spells imports: `.modeling.TinyLM`,
   * `mypkg.models.Net`) names when its module is a file of the project that binds the name at its top
   * level once, unconditionally, to a `class` statement (or to one import of such a class: a
   * re-export), with the bases outside the project it inherits as that module resolves them,
   * following the classes of further modules of the project. `outside` when the name is not one of a
   * module of the project (`torch.nn.Module`); undefined when it is but the class is not known: not a
   * class, bound conditionally or twice, a module missing, unreadable or too large, a cycle, a chain
   * longer than `MAX_CLASS_MODULES`.
   */
  classOf(fromFile: string, qualified: string): ProjectClass | 'outside' | undefined {
    return this.resolveClass(fromFile, qualified, new Set(), { lookups: 0 });
  }

  /**
   * The name outside the project a qualified name of the project stands for, when the modules of the
   * project on the way only re-export it (each binds the name once, at its top level, by one import):
   * `torchaudio._internal.load_state_dict_from_url`, with `from torch.hub import
   * load_state_dict_from_url` in `torchaudio/_internal/__init__.py`, is
   * `torch.hub.load_state_dict_from_url`. Undefined when the name is not of a module of the project,
   * or the project defines it.
   */
  reexportOf(fromFile: string, qualified: string): string | undefined {
    // Not asked again from inside: the modules read here are parsed with this table, and their own
    // names would look for re-exports in further modules, each parse inside the one before (a chain
    // of live trees across a large project exhausted the parser's memory: "Aborted()").
    if (this.followingReexport) return undefined;
    this.followingReexport = true;
    try {
      return this.followReexport(fromFile, qualified);
    } finally {
      this.followingReexport = false;
    }
  }

  private followingReexport = false;

  private followReexport(fromFile: string, qualified: string): string | undefined {
    let file = fromFile;
    let name = qualified;
    for (let hop = 0; hop <= MAX_CLASS_MODULES; hop++) {
      const found = this.locate(file, name);
      if (!found) return hop > 0 && !name.startsWith('.') ? name : undefined;
      // Most names are not re-exports: the module's import statements, read as text, say so without a parse.
      if (!this.mayImport(found.file, found.member)) return undefined;
      const target = this.moduleClasses(found.file)?.get(found.member)?.reexport;
      if (target === undefined) return undefined;
      file = found.file;
      name = target;
    }
    return undefined;
  }

  /** The words of each module's import statements (`importWords`), with the signature of the file read. */
  private readonly importTexts = new Map<string, { signature: string; words: ReadonlySet<string> | null }>();

  /** Might `file` bind `name` by an import? (False only when no import statement of it spells the name.) */
  private mayImport(file: string, name: string): boolean {
    const signature = signatureOf(file);
    if (signature === undefined) return false;
    let entry = this.importTexts.get(file);
    if (entry?.signature !== signature) {
      let words: ReadonlySet<string> | null = null;
      try {
        words = importWords(readFileSync(file, 'utf8'));
      } catch {
        words = null;
      }
      entry = { signature, words };
      this.importTexts.set(file, entry);
    }
    return entry.words?.has(name) ?? false;
  }

  private resolveClass(fromFile: string, qualified: string, stack: Set<string>, budget: { lookups: number }): ProjectClass | 'outside' | undefined {
    const found = this.locate(fromFile, qualified);
    if (!found) return qualified.startsWith('.') || this.ownPackage(fromFile, qualified) ? undefined : 'outside';
    const key = `${found.file}\u0000${found.member}`;
    if (stack.has(key) || stack.size >= MAX_CLASS_MODULES || ++budget.lookups > MAX_CLASS_LOOKUPS) return undefined;
    const summary = this.moduleClasses(found.file)?.get(found.member);
    if (!summary) return undefined;
    stack.add(key);
    try {
      if (summary.reexport !== undefined) {
        // `from .models import Net` in `__init__.py`: that class; an import of a class from outside
        // the project is that class (`from torch.nn import Module`)
        const target = this.resolveClass(found.file, summary.reexport, stack, budget);
        return target === 'outside' ? { classes: [], bases: [summary.reexport] } : target;
      }
      const classes: ImportedClass[] = summary.chain.map((c) => ({ kind: 'imported-class', file: found.file, name: c.name, offset: c.offset, methods: c.methods }));
      const bases: string[] = [];
      const add = (q: string) => {
        if (!q.startsWith('.') && !bases.includes(q)) bases.push(q);
      };
      for (const base of summary.bases) {
        const known = this.resolveClass(found.file, base, stack, budget);
        // a base of the project that is not known: nor is the class (its own methods may be there)
        if (known === undefined) return undefined;
        if (known === 'outside') {
          add(base);
          continue;
        }
        for (const c of known.classes) if (classes.length < MAX_CHAIN && !classes.some((k) => k.file === c.file && k.offset === c.offset)) classes.push(c);
        known.bases.forEach(add);
      }
      return { classes, bases };
    } finally {
      stack.delete(key);
    }
  }

  /**
   * A new parse of a module of the project (read again from disk), for a node of a class of it
   * (`PythonSourceCode.definedMethod`); the caller disposes of it. Undefined when the file is missing,
   * too large, unreadable or unparsable.
   */
  parseModule(file: string): PythonSourceCode | undefined {
    try {
      if (statSync(file).size > MAX_MODULE_BYTES) return undefined;
      return this.parse(readFileSync(file, 'utf8'), file);
    } catch {
      return undefined;
    }
  }

  private tableOf(fromFile: string, qualified: string): (ModuleTable & { member: string }) | undefined {
    const found = this.locate(fromFile, qualified);
    const table = found ? this.moduleConstants(found.file) : undefined;
    return table && found ? { ...table, member: found.member } : undefined;
  }

  /** The module file of the project and the member of it a qualified name (`.config.REV`) names. */
  private locate(fromFile: string, qualified: string): { file: string; member: string } | undefined {
    const dots = /^\.*/.exec(qualified)![0].length;
    const parts = qualified.slice(dots).split('.');
    // `from . import NAME` names the package's own `__init__.py`
    if ((parts.length < 2 && dots === 0) || parts.some((p) => !/^[A-Za-z_]\w*$/.test(p))) return undefined;
    const file = this.moduleFile(fromFile, dots, parts.slice(0, -1));
    return file ? { file, member: parts[parts.length - 1] } : undefined;
  }

  /**
   * Is `qualified` a name of the package `fromFile` is in (its first part the outermost directory
   * above the file holding an `__init__.py`)? Such a name the project does not have (a module
   * missing) is not one of another project.
   */
  private ownPackage(fromFile: string, qualified: string): boolean {
    let dir = path.dirname(fromFile);
    let top: string | undefined;
    for (let level = 0; level < 32 && this.exists(path.join(dir, '__init__.py'), false); level++) {
      top = path.basename(dir);
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return top !== undefined && (qualified === top || qualified.startsWith(`${top}.`));
  }

  /** The file of module `parts` imported from `fromFile` (`dots` leading dots: a relative import). */
  moduleFile(fromFile: string, dots: number, parts: readonly string[]): string | undefined {
    if (dots > 0) {
      let base = path.dirname(fromFile);
      for (let i = 1; i < dots; i++) base = path.dirname(base);
      if (parts.length === 0) return this.exists(path.join(base, '__init__.py'), true) ? path.join(base, '__init__.py') : undefined;
      return this.fileIn(base, parts);
    }
    if (parts.length === 0) return undefined;
    let dir = path.dirname(fromFile);
    for (let i = 0; i <= MAX_ANCESTORS; i++) {
      const found = this.fileIn(dir, parts);
      if (found) return found;
      if (ROOT_MARKERS.some((m) => this.exists(path.join(dir, m), false))) return undefined;
      const parent = path.dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
    return undefined;
  }

  /**
   * The project's module files `file` imports, directly or through them (at most `limit`), each
   * with its size and modification time: what `constant()` may read at deep, for the `--cache` key.
   * Imports are read from the code text (comments and strings left out), not parsed.
   */
  importedModules(file: string, codeTextOf: (text: string) => string, limit = 64): string[] {
    return importClosure(
      file,
      (current, text) => importedModuleNames(codeTextOf(text)).flatMap(([dots, parts]) => {
        const found = this.moduleFile(current, dots, parts);
        return found ? [{ file: found }] : [];
      }),
      limit,
      MAX_MODULE_BYTES,
    );
  }

  private fileIn(base: string, parts: readonly string[]): string | undefined {
    const stem = path.join(base, ...parts);
    for (const candidate of [`${stem}.py`, path.join(stem, '__init__.py')]) if (this.exists(candidate, true)) return candidate;
    return undefined;
  }

  private exists(file: string, regular: boolean): boolean {
    const key = `${regular ? 'f' : 'e'}${file}`;
    let known = this.isFile.get(key);
    if (known === undefined) {
      try {
        const info = statSync(file);
        known = regular ? info.isFile() && info.size <= MAX_MODULE_BYTES : true;
      } catch {
        known = false;
      }
      this.isFile.set(key, known);
    }
    return known;
  }

  /** The classes the module binds at its top level (its table's, when it was read; else the module is read for them alone). */
  private moduleClasses(file: string): ReadonlyMap<string, ClassSummary> | undefined {
    const signature = signatureOf(file);
    if (signature === undefined) return undefined;
    const full = this.constants.get(file);
    if (full?.signature === signature && full.table) return full.table.classes;
    const cached = this.classTables.get(file);
    if (cached?.signature === signature) return cached.classes ?? undefined;
    let classes: ReadonlyMap<string, ClassSummary> | null = null;
    try {
      const sc = this.parse(readFileSync(file, 'utf8'), file);
      try {
        classes = sc.topLevelClasses();
      } finally {
        sc.dispose();
      }
    } catch {
      classes = null; // unreadable or unparsable: no classes
    }
    this.classTables.set(file, { signature, classes });
    return classes ?? undefined;
  }

  /** The module's table: its top-level constants, function summaries and classes (a module being read already, in a cycle: none). */
  private moduleConstants(file: string): ModuleTable | undefined {
    const signature = signatureOf(file);
    if (signature === undefined) return undefined;
    const cached = this.constants.get(file);
    if (cached?.signature === signature) return cached.table ?? undefined;
    if (this.inProgress.has(file)) return undefined;
    this.inProgress.add(file);
    let table: ModuleTable | null = null;
    try {
      const text = readFileSync(file, 'utf8');
      const sc = this.parse(text, file);
      try {
        table = { constants: sc.topLevelConstants(), returns: sc.topLevelReturnCallees(), classes: sc.topLevelClasses() };
      } finally {
        sc.dispose();
      }
    } catch {
      table = null; // unreadable or unparsable: no constants
    } finally {
      this.inProgress.delete(file);
    }
    this.constants.set(file, { signature, table });
    return table ?? undefined;
  }
}

/** A file's size, modification time and inode (a module is read again when they change), or undefined when it is missing. */
function signatureOf(file: string): string | undefined {
  try {
    const info = statSync(file);
    return `${info.size}:${info.mtimeMs}:${info.ino}`;
  } catch {
    return undefined;
  }
}

/**
 * Every word of every import statement of a module's text (from `import` to the end of its line, a
 * parenthesized list or backslash continuations included; comments and strings are not told apart): a
 * superset of the names its imports bind.
 */
export function importWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const m of text.matchAll(/\bimport\b/g)) {
    let end = text.indexOf('\n', m.index);
    if (end < 0) end = text.length;
    const open = text.indexOf('(', m.index);
    if (open >= 0 && open < end) {
      const close = text.indexOf(')', open);
      end = close < 0 ? text.length : close;
    }
    while (end < text.length && (text.charCodeAt(end - 1) === 0x5c || (text.charCodeAt(end - 1) === 0x0d && text.charCodeAt(end - 2) === 0x5c))) {
      const next = text.indexOf('\n', end + 1);
      end = next < 0 ? text.length : next;
    }
    for (const w of text.slice(m.index + 6, end).matchAll(/[A-Za-z_]\w*/g)) words.add(w[0]);
  }
  return words;
}

/**
 * The modules an import statement of the code text may name: `from .a.b import c` gives `.a.b` and
 * `.a.b.c` (`c` may be a submodule), `import a.b as x` gives `a.b`. Leading dots counted apart.
 */
export function importedModuleNames(code: string): Array<[number, string[]]> {
  const out: Array<[number, string[]]> = [];
  const add = (spec: string) => {
    const dots = /^\.*/.exec(spec)![0].length;
    const rest = spec.slice(dots);
    const parts = rest === '' ? [] : rest.split('.');
    if (parts.every((p) => /^[A-Za-z_]\w*$/.test(p))) out.push([dots, parts]);
  };
  for (const m of code.matchAll(/^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]*(\([^)]*\)|[^\n]*)/gm)) {
    add(m[1]);
    for (const name of m[2].replace(/[()]/g, ' ').split(/[,\s\\]+/)) if (/^[A-Za-z_]\w*$/.test(name) && name !== 'as') add(`${m[1]}${m[1].endsWith('.') ? '' : '.'}${name}`);
  }
  for (const m of code.matchAll(/^[ \t]*import[ \t]+([\w \t,.]+)$/gm)) {
    for (const item of m[1].split(',')) {
      const spec = item.trim().split(/\s+/)[0];
      if (spec) add(spec);
    }
  }
  return out;
}
