import { createRule, type Confidence } from '@oculum/core';
import type { JsNode, JsSourceCode, TSESTree } from '@oculum/lang-js';
import { staticKey, unwrapExpression } from '@oculum/lang-js';
import { calleeText, shown } from '../utils/libraries.js';
import { mayRunSubprocesses, subprocessesOf, SUBPROCESS_TRIGGER } from '../utils/subprocess.js';
import { docsUrl } from '../utils/meta.js';

/** Python functions that unpickle, by Python module. `torch.load` is safe only with `weights_only=True`. */
const UNPICKLERS: Record<string, Set<string>> = {
  pickle: new Set(['load', 'loads', 'Unpickler']),
  _pickle: new Set(['load', 'loads', 'Unpickler']),
  cPickle: new Set(['load', 'loads', 'Unpickler']),
  dill: new Set(['load', 'loads']),
  cloudpickle: new Set(['load', 'loads']),
  joblib: new Set(['load']),
  pandas: new Set(['read_pickle']),
  shelve: new Set(['open']),
  marshal: new Set(['load', 'loads']),
  torch: new Set(['load']),
};

/** Unpickling calls in Python source (its strings and comments blanked out, see `pythonCode`). */
const PYTHON_UNPICKLE = /\b(?:pickle|cPickle|_pickle|dill|cloudpickle|marshal)\.loads?\s*\(|\bjoblib\.load\s*\(|\b(?:pd|pandas)\.read_pickle\s*\(|\bshelve\.open\s*\(|\btorch\.load\s*\(/g;

/**
 * Python source with the text of its string literals and its comments replaced by spaces (quotes,
 * line breaks and length kept), so that `print("never call pickle.loads(x)")` and `# pickle.load(f)
 * was removed` name no call. Read as Python's tokenizer reads it: one or three quotes of either kind,
 * with any prefix (`r`, `b`, `f`), a backslash escaping the next character, `#` to the end of the line.
 */
export function pythonCode(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '#') {
      const nl = source.indexOf('\n', i);
      const end = nl < 0 ? source.length : nl;
      out += ' '.repeat(end - i);
      i = end;
    } else if (c === "'" || c === '"') {
      const quote = source.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      let j = i + quote.length;
      while (j < source.length && !source.startsWith(quote, j)) {
        // a one-quote string ends at a line break (unterminated: the rest of the line)
        if (quote.length === 1 && source[j] === '\n') break;
        j += source[j] === '\\' ? 2 : 1;
      }
      j = Math.min(j, source.length);
      const closed = source.startsWith(quote, j);
      out += quote + source.slice(i + quote.length, j).replace(/[^\n]/g, ' ') + (closed ? quote : '');
      i = closed ? j + quote.length : j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * The first unpickling call in Python source (`pickle.loads`, `torch.load` …), by its code only (not
 * in a string or a comment). `torch.load(…)` with `weights_only=True` among its own arguments (those of
 * a nested call, `map_location=torch.device('cpu')`, are read through) and no `pickle_module=` is safe;
 * `uncertain` when a part of its arguments not known (`…`) may set the flag.
 */
export function pythonUnpickle(source: string): { target: string; uncertain?: boolean } | undefined {
  const code = pythonCode(source);
  PYTHON_UNPICKLE.lastIndex = 0;
  for (let m = PYTHON_UNPICKLE.exec(code); m; m = PYTHON_UNPICKLE.exec(code)) {
    const target = m[0].replace(/\s*\($/, '');
    if (target !== 'torch.load') return { target };
    // its own arguments, to the matching `)`: what nested brackets hold is left out
    let depth = 1;
    const own: string[] = [''];
    for (let j = m.index + m[0].length; j < code.length; j++) {
      const ch = code[j];
      if (ch === '(' || ch === '[' || ch === '{') depth++;
      else if (ch === ')' || ch === ']' || ch === '}') depth--;
      if (depth === 0) break;
      if (depth === 1 && ch === ',') own.push('');
      else if (depth === 1) own[own.length - 1] += ch;
    }
    const args = own.map((a) => a.trim());
    if (args.some((a) => /^pickle_module\s*=/.test(a))) return { target };
    const flag = args.find((a) => /^weights_only\s*=/.test(a));
    if (flag !== undefined && /^weights_only\s*=\s*True$/.test(flag)) continue;
    // `weights_only=${flag}`, `**${kwargs}`: a part not known may set the flag
    const uncertain = flag !== undefined ? flag.includes('…') : args.some((a) => a.startsWith('**'));
    return { target, ...(uncertain ? { uncertain: true } : {}) };
  }
  return undefined;
}

/** Options of the Python interpreter that take the next argument as their value. */
const PYTHON_VALUE_OPTIONS = new Set(['-W', '-X', '--check-hash-based-pycs']);

/** Python's own programs: `python`, `python3`, `python3.12`, `pythonw`, the Windows launcher `py`. */
const PYTHON_PROGRAM = /^(?:python[\d.]*w?|py)$/i;

/** What a Python source must name for the rule to report it (the modules of `UNPICKLERS`): prefilter. */
const UNPICKLER_WORDS = /pickle|joblib|torch|marshal|shelve|dill/;

/**
 * Python source a call runs: python-shell's `PythonShell.runString(code)`, or the `-c` argument of a
 * Python program run by `child_process` / `execa` (`execFileSync("python3", ["-c", code])`,
 * `spawn("python", ["-c", `…${p}…`])`, `execSync(`python3 -c "…"`)`, also through `bash -c`; execa's
 * template and command-string forms, `` $`python3 -c ${code}` ``, see `subprocessesOf`): its known
 * text, parts not known as `…`, how sure the analysis is that it runs (a program it cannot resolve,
 * `execFileSync(process.env.PYTHON, ["-c", code])`, runs a source that says it is Python only by its
 * text: medium; quotes execa passes on as written, which the source needs: low), and the runner for
 * messages.
 */
function pythonSourceRun(sc: JsSourceCode, call: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): { source: string; confidence: Confidence; api: string; quoted?: boolean } | undefined {
  if (call.type === 'CallExpression') {
    // python-shell's `runString(code)`, Pyodide's `runPython(code)`: the code is the first argument
    const confidence = sc.qualifiedName(call.callee) === 'python-shell.PythonShell.runString' ? 'high' : pyodideRun(sc, call);
    if (confidence) {
      const code = sc.argument(call, { position: 0 });
      const v = code ? sc.constant(code) : undefined;
      const parts = code ? (typeof v === 'string' ? [v] : sc.stringBounds(code).parts) : [];
      return parts.join('') !== '' ? { source: parts.join('…'), confidence, api: calleeText(sc, call) } : undefined;
    }
  }
  for (const p of subprocessesOf(sc, call)) {
    if (p.program !== undefined && !PYTHON_PROGRAM.test(p.program)) continue;
    // `-c` after options only: `python script.py -c x` passes it to the script; the value of an
    // option that takes one (`-W ignore`, `-X utf8`) is no script
    let c = -1;
    for (let i = 1; i < p.argv.length; i++) {
      const a = p.argv[i].text;
      if (a === undefined || a === '-c' || !a.startsWith('-')) {
        c = i;
        break;
      }
      if (PYTHON_VALUE_OPTIONS.has(a)) i++;
    }
    const source = c > 0 && p.argv[c].text === '-c' ? p.argv[c + 1]?.shape : undefined;
    // (quotes execa passes on as written: Python gets them, and the code they mean only with a shell)
    const confidence: Confidence = p.literalQuotes ? 'low' : p.program !== undefined ? 'high' : 'medium';
    if (source) return { source: source.replace(/\u0000/g, '…'), confidence, api: p.api, ...(p.literalQuotes ? { quoted: true } : {}) };
  }
  return undefined;
}

/** Pyodide's methods that run Python source in the page or the worker. */
const PYODIDE_RUNNERS = new Set(['runPython', 'runPythonAsync']);

/**
 * `pyodide.runPython(code)` / `runPythonAsync(code)`: high confidence when the receiver is what
 * `loadPyodide()` gives (the global of the script-tag build, or imported from `pyodide`), awaited or
 * not, through stable variables; medium when it is only named so (`pyodide`, `this.pyodide`, a parameter).
 */
function pyodideRun(sc: JsSourceCode, call: TSESTree.CallExpression): Confidence | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== 'MemberExpression' || !PYODIDE_RUNNERS.has(staticKey(callee) ?? '')) return undefined;
  let def: JsNode | undefined = sc.definingExpression(callee.object);
  if (def?.type === 'AwaitExpression') def = unwrapExpression(def.argument);
  if (def?.type === 'CallExpression' && (sc.qualifiedName(def.callee) === 'pyodide.loadPyodide' || sc.globalName(def.callee) === 'loadPyodide')) return 'high';
  return /pyodide/i.test(sc.getText(callee.object)) ? 'medium' : undefined;
}

/** `python('pickle')` (pythonia), `pymport('pickle')` / `proxify(pymport('pickle'))` (pymport), awaited or not: the Python module. */
function pythonModule(sc: JsSourceCode, expr: JsNode, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  let node = unwrapExpression(expr);
  if (node.type === 'AwaitExpression') node = unwrapExpression(node.argument);
  if (node.type === 'Identifier') {
    const def = sc.definingExpression(node);
    return def && def !== node ? pythonModule(sc, def, depth + 1) : undefined;
  }
  if (node.type !== 'CallExpression') return undefined;
  const callee = sc.qualifiedName(node.callee);
  if (callee === 'pymport.proxify' && node.arguments[0]) return pythonModule(sc, node.arguments[0], depth + 1);
  if (callee !== 'pythonia.python' && callee !== 'pymport.pymport') return undefined;
  const name = node.arguments[0] ? sc.constant(node.arguments[0]) : undefined;
  return typeof name === 'string' ? name : undefined;
}

/** kwargs passed the pythonia (`fn$(a, { k: v })`) or pymport (`fn.call(a, { k: v })`) way. */
function kwarg(sc: JsSourceCode, call: TSESTree.CallExpression, name: string): unknown {
  const args = call.arguments;
  const last = args[args.length - 1];
  if (!last || last.type === 'SpreadElement') return undefined;
  const obj = sc.objectLiteral(last);
  const value = obj ? sc.property(obj, name) : undefined;
  return value ? sc.constant(value) : undefined;
}

/** `python = pythonBridge()`; the tag `python` or `python.ex`. */
function isPythonBridgeTag(sc: JsSourceCode, tag: JsNode): boolean {
  let node = unwrapExpression(tag);
  if (node.type === 'MemberExpression' && (staticKey(node) === 'ex' || staticKey(node) === 'lock')) node = unwrapExpression(node.object);
  const def = sc.definingExpression(node);
  return Boolean(def && def.type === 'CallExpression' && sc.qualifiedName(def.callee) === 'python-bridge');
}

export default createRule<[], JsSourceCode>({
  name: 'pickle-load-through-python-bridge',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'critical',
    languages: ['javascript'],
    triggers: ['pythonia', 'pymport', 'python-bridge', 'python-shell', SUBPROCESS_TRIGGER, 'runPython'],
    // (every module of `UNPICKLERS` is named in the file: in the bridge's module handle or in the Python source)
    triggerGroups: [[UNPICKLER_WORDS]],
    docs: {
      description:
        'Reports Python unpickling (`pickle.load`, `torch.load` without `weights_only=True`, `joblib.load`, …) called from JavaScript through pythonia, pymport, python-bridge or python-shell, in the `python -c` source of a child process, or in the source Pyodide runs (`runPython`).',
      recommended: true,
      url: docsUrl('pickle-load-through-python-bridge'),
    },
    messages: {
      unpickle: '{{api}} calls Python `{{target}}` through a JS bridge: unpickling a model file runs whatever code it contains.',
      unpickleSource: 'Python code run through python-bridge unpickles (`{{target}}`): loading a model file this way runs whatever code it contains.',
      unpickleRun: 'Python code run by {{api}} unpickles (`{{target}}`): loading a model file this way runs whatever code it contains.',
      unpickleRunQuoted:
        'Python code quoted for {{api}} would unpickle (`{{target}}`) if run through a shell: as written, with no shell, Python receives the quotes and fails, but `shell: true` (or a shell) runs it, and loading a model file this way runs whatever code it contains.',
    },
    remediation:
      'Load safetensors or ONNX weights instead of pickles; if a PyTorch checkpoint is unavoidable, pass `weights_only=True` (pythonia: `torch.load$(path, { weights_only: true })`).',
  },
  create(context) {
    const sc = context.sourceCode;
    // (Pyodide is a global of its script-tag build as often as an import: its `runPython` is looked for by name)
    if (!['pythonia', 'pymport', 'python-bridge', 'python-shell'].some((m) => sc.imports.has(m)) && !mayRunSubprocesses(sc) && !sc.getText().includes('runPython')) return {};
    const report = (node: JsNode, module: string, fn: string, confidence: Confidence = 'high') =>
      context.report({ node, messageId: 'unpickle', data: { api: shown(sc.getText((node as TSESTree.CallExpression).callee), 40), target: `${module}.${fn}` }, confidence });
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const run = pythonSourceRun(sc, node);
        const m = run ? pythonUnpickle(run.source) : undefined;
        if (run && m) {
          context.report({ node, messageId: run.quoted ? 'unpickleRunQuoted' : 'unpickleRun', data: { api: run.api, target: m.target }, confidence: m.uncertain ? 'low' : run.confidence });
          return;
        }
        const callee = unwrapExpression(node.callee);
        if (callee.type !== 'MemberExpression') return;
        let fn = staticKey(callee);
        let target: JsNode = callee.object;
        // pymport: module.get('load').call(...)
        if (fn === 'call') {
          const inner = unwrapExpression(callee.object);
          if (inner.type !== 'CallExpression' || inner.callee.type !== 'MemberExpression' || staticKey(inner.callee) !== 'get') return;
          const name = inner.arguments[0] ? sc.constant(inner.arguments[0]) : undefined;
          if (typeof name !== 'string') return;
          fn = name;
          target = inner.callee.object;
        }
        if (!fn) return;
        const pythonic = fn.endsWith('$') ? fn.slice(0, -1) : fn;
        const module = pythonModule(sc, target);
        if (!module || !UNPICKLERS[module]?.has(pythonic)) return;
        if (module === 'torch') {
          const weightsOnly = kwarg(sc, node, 'weights_only');
          if (weightsOnly === true) return;
        }
        report(node, module, pythonic);
      },
      TaggedTemplateExpression(node: TSESTree.TaggedTemplateExpression) {
        // execa's and zx's template forms: `` $`python3 -c ${code}` ``
        const run = pythonSourceRun(sc, node);
        const unpickle = run ? pythonUnpickle(run.source) : undefined;
        if (run && unpickle) {
          context.report({ node, messageId: run.quoted ? 'unpickleRunQuoted' : 'unpickleRun', data: { api: run.api, target: unpickle.target }, confidence: unpickle.uncertain ? 'low' : run.confidence });
          return;
        }
        if (!isPythonBridgeTag(sc, node.tag)) return;
        const source = node.quasi.quasis.map((q) => q.value.cooked ?? '').join('…');
        const m = pythonUnpickle(source);
        if (m) context.report({ node, messageId: 'unpickleSource', data: { target: m.target }, ...(m.uncertain ? { confidence: 'low' as const } : {}) });
      },
    };
  },
});
