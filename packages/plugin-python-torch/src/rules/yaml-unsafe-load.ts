import { createRule, UNKNOWN, type Fix, type RuleFixer } from '@oculum/core';
import { importTrigger, isImportedClass, type PythonBinding, type PythonSourceCode } from '@oculum/lang-python';
import { CALLBACK_CALLEE_NAMES, localForwarderNames, callbackArgument, callbackUse } from '../callbacks.js';
import { calleeName, isStubFile, nameAmong, removeKeywordArgument, type Node } from '../utils.js';

const SAFE_LOADERS = new Set(['SafeLoader', 'CSafeLoader', 'BaseLoader', 'CBaseLoader']);
const UNSAFE_LOADERS = new Set(['Loader', 'UnsafeLoader', 'FullLoader', 'CLoader', 'CUnsafeLoader', 'CFullLoader']);
/** Always unsafe: the loader is built in. */
const UNSAFE_FUNCTIONS = new Map([
  ['yaml.unsafe_load', 'yaml.safe_load'],
  ['yaml.unsafe_load_all', 'yaml.safe_load_all'],
  ['yaml.full_load', 'yaml.safe_load'],
  ['yaml.full_load_all', 'yaml.safe_load_all'],
]);
const LOAD_FUNCTIONS = new Map([
  ['yaml.load', 'safe_load'],
  ['yaml.load_all', 'safe_load_all'],
]);

const KNOWN = { has: (name: string) => UNSAFE_FUNCTIONS.has(name) || LOAD_FUNCTIONS.has(name) };

/**
 * PyYAML's FullLoader (`yaml.full_load`, `Loader=yaml.FullLoader`): since 5.4 it refuses
 * `!!python/object/apply` (CVE-2020-14343), but still resolves `!!python/name` / `!!python/module` tags
 * to what is already imported; before 5.4 it ran code. Reported as unsafe, in those words.
 */
const FULL = /^yaml\.(?:full_load(?:_all)?|C?FullLoader)$/;

type LoaderVerdict = { kind: 'safe' } | { kind: 'unsafe'; name: string } | { kind: 'unknown' };

/** A loader that is one of these qualified names (any of them may be it): unsafe when one is, safe when all are safe. */
function namesVerdict(names: readonly string[]): LoaderVerdict {
  if (names.length === 0) return { kind: 'unknown' };
  const loaderOf = (q: string) => (q.startsWith('yaml.') ? q.slice(q.lastIndexOf('.') + 1) : undefined);
  const unsafe = names.find((q) => UNSAFE_LOADERS.has(loaderOf(q) ?? ''));
  if (unsafe) return { kind: 'unsafe', name: `yaml.${loaderOf(unsafe)}` };
  return names.every((q) => SAFE_LOADERS.has(loaderOf(q) ?? '')) ? { kind: 'safe' } : { kind: 'unknown' };
}

/** PyYAML calls that add tags to loaders. */
const TAG_REGISTRARS = new Set(['add_constructor', 'add_multi_constructor', 'add_implicit_resolver', 'add_path_resolver']);
/** PyYAML's self-registering objects: a subclass with `yaml_tag` adds a constructor to the unsafe loaders. */
const YAML_OBJECT = new Set(['yaml.YAMLObject', 'yaml.YAMLObjectMetaclass', 'yaml.yaml_object']);

export default createRule<[], PythonSourceCode>({
  name: 'yaml-unsafe-load',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'critical',
    languages: ['python'],
    triggers: ['yaml'],
    triggerGroups: [[importTrigger(['yaml'])]], // `create` returns early unless yaml is imported
    docs: {
      description:
        'Reports PyYAML loads that can construct arbitrary Python objects: `yaml.unsafe_load`, `yaml.full_load`, and `yaml.load`/`load_all` with an unsafe `Loader` or none.',
      recommended: true,
    },
    messages: {
      unsafeFunction:
        '`{{callee}}` constructs arbitrary Python objects from YAML tags (`!!python/object/apply:os.system`): a malicious config runs code when it is loaded. Use `{{safe}}` (a `yaml.SafeLoader`).',
      fullLoader:
        "`{{callee}}`{{how}} builds Python objects with PyYAML's FullLoader: before PyYAML 5.4 it ran tags such as `!!python/object/apply:os.system` (CVE-2020-1747, CVE-2020-14343), and it still resolves `!!python/name` and `!!python/module` tags to any function or module already imported. Use `{{safe}}` (a `yaml.SafeLoader`), which builds plain data only.",
      unsafeLoader:
        '`{{callee}}` with `Loader={{loader}}` constructs arbitrary Python objects from YAML tags: a malicious config runs code when it is loaded. Use `yaml.safe_load` (or `Loader=yaml.SafeLoader`).',
      noLoader:
        '`{{callee}}` without a safe `Loader` constructs Python objects from YAML tags (and fails on PyYAML 6): a malicious config can run code. Use `yaml.safe_load`.',
      callback:
        '`{{callee}}`{{how}} is handed to `{{via}}`, which calls it: it constructs arbitrary Python objects from YAML tags (`!!python/object/apply:os.system`), so a malicious config runs code when it is loaded. Hand over `yaml.safe_load` (a `yaml.SafeLoader`) instead.',
      callbackFullLoader:
        "`{{callee}}`{{how}} is handed to `{{via}}`, which calls it: it builds Python objects with PyYAML's FullLoader, which ran `!!python/object/apply:os.system` before PyYAML 5.4 and still resolves `!!python/name` and `!!python/module` tags. Hand over `yaml.safe_load` (a `yaml.SafeLoader`) instead.",
      unknownLoader:
        "`{{callee}}`'s `Loader` cannot be resolved statically; unless it is a SafeLoader, a malicious config runs code when it is loaded. Use `yaml.safe_load`.",
    },
    remediation: 'Use yaml.safe_load / yaml.safe_load_all (or Loader=yaml.SafeLoader / yaml.CSafeLoader).',
    fixable: 'code',
  },
  create(context) {
    const sc = context.sourceCode;
    if (isStubFile(context)) return {};
    if (!sc.imports.has('yaml')) return {};

    function loaderVerdict(expr: Node, depth = 0): LoaderVerdict {
      if (depth > 4) return { kind: 'unknown' };
      // Every candidate counts: `try: from yaml import CSafeLoader as L / except: from yaml import SafeLoader as L`.
      // A parameter counts by its default, as `weights_only` and `allow_pickle` defaults do
      // (`def read_config(text, Loader=yaml.SafeLoader)`).
      const own = sc.qualifiedNames(expr);
      const byName = namesVerdict(own.length > 0 ? own : sc.defaultQualifiedNames(expr));
      if (byName.kind !== 'unknown') return byName;
      if (expr.type === 'call' && calleeName(sc, expr) === 'builtins.getattr') {
        // getattr(yaml, "CSafeLoader", yaml.SafeLoader): safe when the name and the default are.
        const name = sc.argument(expr, { position: 1 });
        const fallback = sc.argument(expr, { position: 2 });
        const n = name ? sc.constant(name) : undefined;
        if (typeof n === 'string' && SAFE_LOADERS.has(n) && (!fallback || loaderVerdict(fallback, depth + 1).kind === 'safe')) return { kind: 'safe' };
        if (typeof n === 'string' && UNSAFE_LOADERS.has(n)) return { kind: 'unsafe', name: `yaml.${n}` };
        return { kind: 'unknown' };
      }
      if (expr.type === 'conditional_expression') {
        const parts = expr.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
        if (parts.length === 3) {
          const a = loaderVerdict(parts[0], depth + 1);
          const b = loaderVerdict(parts[2], depth + 1);
          if (a.kind === 'unsafe') return a;
          if (b.kind === 'unsafe') return b;
          return a.kind === 'safe' && b.kind === 'safe' ? { kind: 'safe' } : { kind: 'unknown' };
        }
      }
      // `Loader=ordered_yaml()[0]` (BasicSR's helper, copied across its ecosystem), `Loader=get_loader()`:
      // what a function of this file returns, every return statement
      const returnedBy = expr.type === 'call' ? expr : expr.type === 'subscript' && expr.childForFieldName('value')?.type === 'call' ? expr.childForFieldName('value')! : undefined;
      if (returnedBy) {
        const index = expr.type === 'subscript' ? sc.constant(expr.childForFieldName('subscript') ?? expr) : undefined;
        const fn = sc.localFunction(returnedBy);
        if (fn?.type === 'function_definition' && (expr.type === 'call' || typeof index === 'number')) {
          const values = sc
            .returnValues(fn)
            .map((v): Node | undefined => {
              if (expr.type === 'call') return v;
              const items = v.type === 'tuple' || v.type === 'expression_list' || v.type === 'list' ? v.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') : undefined;
              return items?.[index as number];
            });
          if (values.length > 0 && values.every((v): v is Node => !!v)) {
            const verdicts = values.map((v) => loaderVerdict(v, depth + 1));
            const unsafe = verdicts.find((v) => v.kind === 'unsafe');
            if (unsafe) return unsafe;
            if (verdicts.every((v) => v.kind === 'safe')) return { kind: 'safe' };
          }
        }
      }
      if (expr.type === 'identifier' || expr.type === 'attribute') {
        // At --depth deep, a loader class made of classes of other modules of the project
        // (`from .config import OrderedLoader`): judged by the bases outside the project.
        const project = sc.projectSubclass(expr);
        if (project?.classes.some(isImportedClass)) return namesVerdict(project.bases);
      }
      if (expr.type === 'attribute') {
        // A loader class nested in a class body (`Loader=self.SafeJoinLoader`, `Config.Loader`).
        const cls = sc.localSubclass(expr)?.classes[0];
        if (cls) return classVerdict(cls, depth + 1);
      }
      if (expr.type === 'identifier') {
        // Each binding that reaches the use, by what it binds: a loader class defined in this file
        // (safe when every base is a safe loader), an imported loader, an assigned value, or what a
        // function of the file returns unpacked (`Loader, Dumper = ordered_yaml()`, BasicSR's options
        // loader, whose `ordered_yaml` returns the try/except-imported `Loader`).
        const reaching = sc.reachingBindings(expr);
        if (reaching.length > 0) {
          const verdicts = reaching.map((b) => bindingVerdict(b, depth + 1));
          const unsafe = verdicts.find((v) => v.kind === 'unsafe');
          if (unsafe) return unsafe;
          if (verdicts.every((v) => v.kind === 'safe')) return { kind: 'safe' };
        }
      }
      return { kind: 'unknown' };
    }

    function bindingVerdict(b: PythonBinding, depth: number): LoaderVerdict {
      if (depth > 4) return { kind: 'unknown' };
      if (b.kind === 'class') return classVerdict(b.node, depth);
      if (b.kind === 'import') {
        const loader = b.qualified?.startsWith('yaml.') ? b.qualified.slice(b.qualified.lastIndexOf('.') + 1) : undefined;
        if (loader && UNSAFE_LOADERS.has(loader)) return { kind: 'unsafe', name: `yaml.${loader}` };
        return loader && SAFE_LOADERS.has(loader) ? { kind: 'safe' } : { kind: 'unknown' };
      }
      if (b.kind !== 'assignment' && b.kind !== 'unpack' && b.kind !== 'with') return { kind: 'unknown' };
      const values = b.value ? [b.value] : sc.unpackedValues(b);
      if (!values || values.length === 0) return { kind: 'unknown' };
      const verdicts = values.map((v) => loaderVerdict(v, depth));
      const unsafe = verdicts.find((v) => v.kind === 'unsafe');
      if (unsafe) return unsafe;
      return verdicts.every((v) => v.kind === 'safe') ? { kind: 'safe' } : { kind: 'unknown' };
    }

    function classVerdict(cls: Node, depth: number): LoaderVerdict {
      const bases = cls.childForFieldName('superclasses');
      const list = bases ? bases.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment' && c.type !== 'keyword_argument') : [];
      if (list.length === 0) return { kind: 'unknown' };
      const verdicts = list.map((b) => loaderVerdict(b, depth));
      const unsafe = verdicts.find((v) => v.kind === 'unsafe');
      if (unsafe) return unsafe;
      return verdicts.every((v) => v.kind === 'safe') ? { kind: 'safe' } : { kind: 'unknown' };
    }

    /** `yaml.load(x)` / `yaml.load(x, Loader=yaml.Loader)` → `yaml.safe_load(x)`, when the call reads `<module>.load(...)`. */
    /**
     * The file teaches PyYAML's loaders new tags (`yaml.add_multi_constructor("", ...)` adds to
     * Loader, FullLoader and UnsafeLoader, never SafeLoader): its documents may rely on them, and
     * `safe_load` would stop reading them. Then a person must choose; the finding stays, the fix goes.
     */
    let extendsLoaders: boolean | undefined;
    const registersTags = (): boolean =>
      (extendsLoaders ??=
        sc.callsWithin(sc.ast).some((c) => {
          const fn = sc.callee(c);
          const last = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
          return !!last && TAG_REGISTRARS.has(last);
        }) || sc.descendants(sc.ast, 'class_definition').some(isYamlObject));

    /**
     * `class Include(yaml.YAMLObject): yaml_tag = "!include"` (also through a class of the file, or
     * `metaclass=yaml.YAMLObjectMetaclass`): its metaclass adds the tag to Loader, FullLoader and
     * UnsafeLoader, as `add_constructor` does, never to SafeLoader.
     */
    function isYamlObject(cls: Node): boolean {
      const bases = cls.childForFieldName('superclasses')?.namedChildren ?? [];
      return bases.some((b) => {
        if (!b || b.type === 'comment') return false;
        const expr = b.type === 'keyword_argument' ? b.childForFieldName('value') : b;
        if (!expr) return false;
        const names = [...sc.qualifiedNames(expr), ...(sc.localSubclass(expr)?.bases ?? [])];
        return names.some((n) => YAML_OBJECT.has(n));
      });
    }

    function safeLoadFix(call: Node, safeName: string, loaderArg: Node | undefined): ((fixer: RuleFixer) => Fix[]) | undefined {
      if (registersTags()) return undefined;
      const callee = sc.callee(call);
      if (!callee || callee.type !== 'attribute') return undefined;
      const args = call.childForFieldName('arguments');
      if (!args || args.type !== 'argument_list') return undefined;
      const items = args.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
      const stream = items[0];
      if (!stream || stream.type === 'keyword_argument' || stream.type === 'list_splat' || stream.type === 'dictionary_splat') return undefined;
      if (items.length > 2) return undefined;
      if (items.length === 2) {
        const second = items[1];
        if (second.type !== 'keyword_argument' || second.childForFieldName('name')?.text !== 'Loader' || !loaderArg) return undefined;
      }
      const attribute = callee.childForFieldName('attribute');
      if (!attribute) return undefined;
      const loaderKeyword = items[1];
      // `Loader=  # why\n yaml.Loader`: removing it would lose the comment
      if (loaderKeyword && sc.getText(loaderKeyword).includes('#')) return undefined;
      return (fixer) => {
        // The rest of the call kept as written (comments, line breaks): `load` → `safe_load`, and the
        // `Loader=` keyword removed as the pack removes keywords (`removeKeywordArgument`).
        const edits = [fixer.replaceText(attribute, safeName)];
        if (loaderKeyword) edits.push(...[removeKeywordArgument(sc, loaderKeyword)(fixer)].flat());
        return edits;
      };
    }

    /** `map(yaml.unsafe_load, texts)`, `executor.submit(yaml.load, text, Loader=yaml.Loader)`: what the API calls it with. */
    function checkCallback(use: NonNullable<ReturnType<typeof callbackUse>>): void {
      const callee = nameAmong(sc, use.fn, KNOWN);
      if (!callee) return;
      const data = { callee, via: use.via };
      if (UNSAFE_FUNCTIONS.has(callee)) {
        context.report({ node: use.call, messageId: FULL.test(callee) ? 'callbackFullLoader' : 'callback', data: { ...data, how: '' }, confidence: 'medium' });
        return;
      }
      const loader = callbackArgument(sc, use, { name: 'Loader', position: 1 });
      if (loader === UNKNOWN) {
        context.report({ node: use.call, messageId: 'unknownLoader', data, confidence: 'low' });
        return;
      }
      if (!loader) {
        context.report({ node: use.call, messageId: 'callback', data: { ...data, how: ' without a safe `Loader`' }, confidence: 'medium' });
        return;
      }
      const verdict = loaderVerdict(loader);
      if (verdict.kind === 'safe') return;
      if (verdict.kind === 'unknown') context.report({ node: use.call, messageId: 'unknownLoader', data, confidence: 'low' });
      else context.report({ node: use.call, messageId: FULL.test(verdict.name) ? 'callbackFullLoader' : 'callback', data: { ...data, how: ` with \`Loader=${verdict.name}\`` }, confidence: 'medium' });
    }

    const gate = sc.calleeGate(['load', 'load_all', 'unsafe_load', 'unsafe_load_all', 'full_load', 'full_load_all', ...CALLBACK_CALLEE_NAMES, ...localForwarderNames(sc)]);
    return {
      call(node: Node) {
        if (!gate(node)) return;
        const use = callbackUse(sc, node);
        if (use) return checkCallback(use);
        const callee = calleeName(sc, node, KNOWN);
        if (!callee) return;
        // YAML written in the source (`yaml.load("lr: 0.1")`) holds no outside data: low
        const text = sc.argument(node, { name: 'stream', position: 0 });
        const confidence = text && typeof sc.constant(text) === 'string' ? 'low' : 'high';
        const safe = UNSAFE_FUNCTIONS.get(callee);
        if (safe) {
          context.report({ node, messageId: FULL.test(callee) ? 'fullLoader' : 'unsafeFunction', data: { callee, safe, how: '' }, confidence });
          return;
        }
        const safeName = LOAD_FUNCTIONS.get(callee);
        if (!safeName) return;
        const loader = sc.argument(node, { name: 'Loader', position: 1 });
        if (!loader && sc.hasUnresolvedArguments(node)) {
          context.report({ node, messageId: 'unknownLoader', data: { callee }, confidence: 'low' });
          return;
        }
        if (!loader) {
          context.report({ node, messageId: 'noLoader', data: { callee }, confidence, fix: safeLoadFix(node, safeName, undefined) });
          return;
        }
        const verdict = loaderVerdict(loader);
        if (verdict.kind === 'safe') return;
        if (verdict.kind === 'unknown') {
          context.report({ node, messageId: 'unknownLoader', data: { callee }, confidence: 'low' });
          return;
        }
        const fix = sc.qualifiedName(loader) === 'yaml.Loader' ? safeLoadFix(node, safeName, loader) : undefined;
        const full = FULL.test(verdict.name);
        context.report({
          node,
          messageId: full ? 'fullLoader' : 'unsafeLoader',
          data: { callee, loader: verdict.name, how: ` with \`Loader=${verdict.name}\``, safe: `yaml.${safeName}` },
          confidence,
          fix,
        });
      },
    };
  },
});
