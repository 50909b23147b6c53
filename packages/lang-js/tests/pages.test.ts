import { lintTextWithDetails, type Rule } from '@oculum/core';
import { describe, expect, it } from 'vitest';
import { javascript, MAX_SCRIPT_PARSES, sfcScripts, type JsSourceCode, type TSESTree } from '../src/index.js';
import { walk } from '../src/walk.js';
import { charactersScannedBy } from './work-counters.js';

const parse = (text: string, file: string) => javascript.parse({ path: file, text, settings: {}, depth: 'standard' }) as JsSourceCode;

/** Reports every `pipeline(…)` call with its first argument. */
const pipelineRule: Rule<any, any> = {
  name: 'pipeline-call',
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['javascript'],
    triggers: ['pipeline'],
    docs: { description: 'pipeline calls', recommended: true },
    messages: { found: 'pipeline({{task}})' },
    remediation: 'Pin it.',
  },
  create(context) {
    return {
      CallExpression(node: TSESTree.CallExpression) {
        if (node.callee.type !== 'Identifier' || node.callee.name !== 'pipeline') return;
        const task = node.arguments[0];
        context.report({ node, messageId: 'found', data: { task: task && task.type === 'Literal' ? String(task.value) : '?' } });
      },
    } as any;
  },
};
const rules = [{ id: 'toy/pipeline-call', rule: pipelineRule, level: 'error' as const }];
const lint = (text: string, file: string) => lintTextWithDetails({ path: file, text, language: javascript, rules, cwd: '/p' });

function calls(sc: JsSourceCode, name = 'pipeline'): TSESTree.CallExpression[] {
  const out: TSESTree.CallExpression[] = [];
  walk(sc.ast, (n) => {
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === name) out.push(n);
  });
  return out;
}

/** The first argument of every `pipeline('…')` call found. */
const tasks = (sc: JsSourceCode) => calls(sc).map((c) => (c.arguments[0] as TSESTree.StringLiteral).value);

/** Line and column (1-based) of the first occurrence of `needle` in `text`. */
function position(text: string, needle: string, from = 0): { line: number; column: number } {
  const at = text.indexOf(needle, from);
  expect(at).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

describe('HTML pages (.html, .htm)', () => {
  it('are files of the javascript language', () => {
    for (const ext of ['.html', '.htm', '.astro']) expect(javascript.extensions).toContain(ext);
  });

  it('reads an inline module script (a transformers.js demo) at the positions of the page', async () => {
    const text = [
      '<!DOCTYPE html>',
      '<html lang="en">',
      '<head>',
      '  <meta charset="utf-8">',
      '  <script type="module">',
      "    import { pipeline } from 'https://cdn.jsdelivr.net/npm/@huggingface/transformers@3';",
      "    const classifier = await pipeline('sentiment-analysis', 'Xenova/distilbert-base-uncased-finetuned-sst-2-english');",
      "    document.getElementById('out').textContent = JSON.stringify(await classifier('I love it'));",
      '  </script>',
      '</head>',
      '<body><p id="out">…</p></body>',
      '</html>',
      '',
    ].join('\n');
    const sc = parse(text, 'demo.html');
    expect(sc.parseErrors).toEqual([]);
    expect(sc.text.length).toBe(text.length);
    expect(sc.imports.has('https://cdn.jsdelivr.net/npm/@huggingface/transformers@3')).toBe(true);
    expect(sc.getLoc(calls(sc)[0]).start).toEqual({ line: 7, column: 30 });
    const { result } = await lint(text, 'demo.html');
    expect(result.findings.map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.message}`)).toEqual(['7:30-7:118 pipeline(sentiment-analysis)']);
    expect(result.diagnostics).toEqual([]);
    // `.htm`, and the path in any case
    expect(tasks(parse(text, 'DEMO.HTM'))).toEqual(['sentiment-analysis']);
  });

  it('reads the script types a browser runs as JavaScript, and blanks the others', () => {
    const runs = [
      '<script>',
      '<script type="">',
      '<script type>',
      '<script type="module">',
      '<script type="MODULE">',
      '<script type="text/javascript">',
      '<script type=" Text/JavaScript ">',
      '<script type=application/javascript>',
      '<script type="application/ecmascript">',
      '<script type="text/x-javascript">',
      '<script type="text/jscript">',
      '<script type="text/javascript1.5">',
      '<script language="javascript">',
      '<script type="text/babel">',
      '<script type="text/babel" data-type="module">',
      '<script type="text/partytown">',
      '<script defer nomodule async crossorigin="anonymous">',
    ];
    const data = [
      '<script type="application/json">',
      '<script type="importmap">',
      '<script type="text/x-template">',
      '<script type="text/html">',
      '<script type="text/template">',
      '<script type="application/ld+json">',
      '<script type="speculationrules">',
      '<script type="text/javascript; charset=utf-8">',
      '<script language="vbscript">',
      '<script type="text/typescript">',
      '<script src="./app.js">',
      '<script src="https://cdn.jsdelivr.net/npm/onnxruntime-web/dist/ort.min.js">',
    ];
    for (const tag of runs) {
      const sc = parse(`<body>\n${tag}\npipeline('x')\n</script>\n</body>\n`, 'a.html');
      expect({ tag, errors: sc.parseErrors, calls: tasks(sc) }).toEqual({ tag, errors: [], calls: ['x'] });
    }
    for (const tag of data) {
      const sc = parse(`<body>\n${tag}\n{ "pipeline": "<b>" } : pipeline('x') : :\n</script>\n</body>\n`, 'a.html');
      expect({ tag, errors: sc.parseErrors, body: sc.ast.body.length }).toEqual({ tag, errors: [], body: 0 });
    }
    // Babel standalone's JSX, and its TypeScript preset
    expect(parse('<script type="text/babel">\nconst e = <App model={pipeline("x")} />;\n</script>\n', 'a.html').parseErrors).toEqual([]);
    expect(parse('<script type="text/babel" data-presets="env,react,typescript">\nconst e: number = <App /> as any;\n</script>\n', 'a.html').parseErrors).toEqual([]);
  });

  it('finds script contents as a browser tokenizer does: comments, raw text, templates, CDATA, quoted `>`, any case', () => {
    const text = [
      '<!DOCTYPE html>',
      '<!-- <script>pipeline("comment")</script> -->',
      '<!--><script>pipeline("after-empty-comment")</script>',
      '<!-- a --!><script>pipeline("after-bang-comment")</script>',
      '<?xml-stylesheet <script>pipeline("processing")</script> ?>',
      '<div title="<script>pipeline(\'attr\')</script>" data-x=\'a > b\'>',
      '<textarea><script>pipeline("textarea")</script></textarea>',
      '<title><script>pipeline("title")</script></title>',
      '<style>p::after { content: "<script>pipeline(\'style\')</script>" }</style>',
      '<noscript><script>pipeline("noscript")</script></noscript>',
      '<template><p><script>pipeline("template")</script></p><template><script>pipeline("nested")</script></template></template>',
      '<svg><![CDATA[ <script>pipeline("cdata")</script> ]]></svg>',
      '<iframe srcdoc="x"><script>pipeline("iframe")</script></iframe>',
      '</div a=">"><script>pipeline("after-end-tag")</script>',
      '<SCRIPT TYPE="TEXT/JAVASCRIPT">',
      "pipeline('upper') // </scripts> </scriptx",
      '</SCRIPT >',
      "<script>pipeline('slash')</script/>",
      "<script/>pipeline('self-closing')</script>",
      '',
    ].join('\n');
    const sc = parse(text, 'a.html');
    expect(sc.parseErrors).toEqual([]);
    expect(tasks(sc)).toEqual(['after-empty-comment', 'after-bang-comment', 'after-end-tag', 'upper', 'slash', 'self-closing']);
    const found = calls(sc);
    expect(sc.getLoc(found[0]).start).toEqual(position(text, 'pipeline("after-empty'));
    expect(sc.getLoc(found[3]).start).toEqual({ line: 16, column: 1 });
    expect(sc.getLoc(found[5]).start).toEqual(position(text, "pipeline('self-closing"));
  });

  it('the statements of all the scripts are one Program; classic and module scripts each valid alone stay valid together', () => {
    const text = [
      '<script>',
      "var MODEL = 'Xenova/gpt2'",
      'window.log = function () {}',
      '</script>',
      '<script type="module">',
      "import { pipeline } from 'https://cdn.jsdelivr.net/npm/@huggingface/transformers@3';",
      "const gen = await pipeline('text-generation', MODEL);",
      '</script>',
      '<script>',
      '(function () { log(1) })()',
      '</script>',
      '<script type="module">import { env } from "https://esm.sh/@huggingface/transformers"; env.allowLocalModels = false;</script>',
      '',
    ].join('\n');
    const sc = parse(text, 'a.html');
    expect(sc.parseErrors).toEqual([]);
    expect(sc.ast.body.filter((s) => s.type !== 'EmptyStatement').map((s) => s.type)).toEqual([
      'VariableDeclaration',
      'ExpressionStatement',
      'ImportDeclaration',
      'VariableDeclaration',
      'ExpressionStatement',
      'ImportDeclaration',
      'ExpressionStatement',
    ]);
    const [call] = calls(sc);
    expect(sc.constant(call.arguments[1])).toBe('Xenova/gpt2');
    expect(sc.getLoc(call).start).toEqual({ line: 7, column: 19 });
    // a classic script that is a sloppy-mode script only (`await` as a name, `with`) next to a module script
    const sloppy = parse("<script>var await = 1; with (Math) { max(1) }</script>\n<script type=module>import { pipeline } from 'x'; pipeline('m')</script>\n", 'a.html');
    expect({ errors: sloppy.parseErrors, calls: tasks(sloppy) }).toEqual({ errors: [], calls: ['m'] });
  });

  it('two blocks on one line: a `//` or `<!--` comment ending the first does not swallow the second', async () => {
    for (const first of ['var a = 1 // note', 'var a = 1 /* x */ // a */ b', 'var a = 1 <!-- old browsers', 'var a = <b>x</b> // jsx: unsure scanner']) {
      const text = `<body><script>${first}</script><script type="module">pipeline('next')</script>\n</body>\n`;
      const code = sfcScripts(text, 'a.html').code;
      expect(code.length).toBe(text.length);
      expect(code.split('\n').length).toBe(text.split('\n').length);
      const sc = parse(text, 'a.html');
      expect({ first, errors: sc.parseErrors, calls: tasks(sc) }).toEqual({ first, errors: [], calls: ['next'] });
      expect(sc.getLoc(calls(sc)[0]).start).toEqual(position(text, "pipeline('next')"));
    }
    // old-style hiding of a classic script's code from browsers without scripts
    const hidden = '<script language="JavaScript">\n<!--\npipeline("hidden")\n//-->\n</script>\n';
    const sc = parse(hidden, 'a.htm');
    expect({ errors: sc.parseErrors, calls: tasks(sc) }).toEqual({ errors: [], calls: ['hidden'] });
    expect(sc.getLoc(calls(sc)[0]).start).toEqual({ line: 3, column: 1 });
  });

  it('a page with no script has nothing to parse and no error; one whose scripts cannot be found is a parse error', async () => {
    for (const text of ['<!DOCTYPE html><p>pipeline("x")</p>\n', '', '<script src="app.js"></script>\n<script type="application/json">{"pipeline": 1}</script>\n', '<!-- never closed <script>pipeline()</script>']) {
      const sc = parse(text, 'a.html');
      expect({ text, errors: sc.parseErrors, body: sc.ast.body }).toEqual({ text, errors: [], body: [] });
      expect(javascript.mustParse!(text, '/p/a.html')).toBe(false);
    }
    const unclosed = parse('<p>hi</p>\n<script type="module">\npipeline("a")\n', 'a.html');
    expect(unclosed.parseErrors.map((e) => `${e.loc.start.line}: ${e.message}`)).toEqual(['2: This <script> has no </script>: read to the end of the file']);
    expect(tasks(unclosed)).toEqual(['a']);
    const openTag = parse('<p>hi</p>\n<script type="module"\n', 'a.html');
    expect(openTag.parseErrors.map((e) => e.message)).toEqual(['The tag <script> does not end (no `>`): the rest of the file is not read']);
    expect(javascript.mustParse!('<p>hi</p>\n<script type="module"\n', '/p/a.html')).toBe(true);
    const textarea = parse('<textarea>\n<script>pipeline("a")</script>\n', 'a.html');
    expect(textarea.parseErrors.map((e) => e.message)).toEqual(['This <textarea> has no </textarea>: the rest of the file is not read']);
    // no trigger word, but the language asks for the parse: the problem is said
    const quiet = await lint('<title>x\n<script>const x = 1</script>\n', 'a.html');
    expect(quiet.parsed).toBe(true);
    expect(quiet.result.diagnostics.map((d) => `${d.kind} ${d.line}`)).toEqual(['parse-error 1']);
  });

  it('the prefilter reads the scripts only: a word in the markup costs no parse', async () => {
    const markup = '<p>pipeline</p>\n<script type="text/x-template">pipeline()</script>\n<script>\nconst x = 1\n</script>\n';
    expect(javascript.prefilterText!(markup, '/p/a.html')).not.toContain('pipeline');
    expect((await lint(markup, 'a.html')).parsed).toBe(false);
    const script = '<p>x</p>\n<script type="module">\n// pipeline in a comment\nconst x = pipeline\n</script>\n';
    const code = javascript.prefilterText!(script, '/p/a.html');
    expect(code).toContain('pipeline');
    expect(code).not.toContain('comment');
    expect((await lint(script, 'a.html')).parsed).toBe(true);
  });

  it('a directive inside a script works as in any JS file; an HTML comment in the markup is markup', async () => {
    const text = [
      '<!-- oculum-ignore-next-line -->',
      '<script type="module">',
      '// oculum-ignore-next-line[toy/pipeline-call] -- vetted model',
      "const a = await pipeline('one', 'org/vetted')",
      "const b = await pipeline('two', 'org/other') // oculum-ignore",
      "const c = await pipeline('three', 'org/third')",
      '</script>',
      '',
    ].join('\n');
    const { result } = await lint(text, 'a.html');
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.suppressed ? `suppressed ${f.suppressed.justification ?? ''}` : 'open'}`)).toEqual([
      '4:17 suppressed vetted model',
      '5:17 suppressed ',
      '6:17 open',
    ]);
    expect(result.diagnostics).toEqual([]);
  });
});

describe('Astro components (.astro)', () => {
  it('reads the frontmatter (TypeScript) and the inline scripts, not the markup or its expressions', async () => {
    const text = [
      '---',
      "import { pipeline } from '@huggingface/transformers';",
      "import Layout from '../layouts/Layout.astro';",
      "const MODEL: string = 'Xenova/gpt2';",
      "if (!Astro.params.id) return Astro.redirect('/');",
      "const out = await pipeline('server', MODEL);",
      '---',
      '<Layout title={`Model ${MODEL}`}>',
      '  <p>{out.map((o) => <span>{o.generated_text} {pipeline("expr")}</span>)}</p>',
      '  {show && <script>pipeline("in-expression")</script>}',
      '  <button onclick="pipeline(\'attr\')" data-x={a > b}>go</button>',
      '  <!-- <script>pipeline("comment")</script> -->',
      '  <style>p { color: red; }</style>',
      '  <script type="application/json" is:inline>{"pipeline": 1}</script>',
      '  <script>',
      "    import { pipeline } from '@huggingface/transformers';",
      "    const client = await pipeline('client', 'Xenova/bert' as string);",
      '  </script>',
      "  <script is:inline>var inline = pipeline('inline')</script>",
      '</Layout>',
      '',
    ].join('\n');
    const sc = parse(text, 'src/pages/index.astro');
    expect(sc.parseErrors).toEqual([]);
    expect(sc.text.length).toBe(text.length);
    expect(tasks(sc)).toEqual(['server', 'client', 'inline']);
    const [server, client, inline] = calls(sc);
    expect(sc.constant(server.arguments[1])).toBe('Xenova/gpt2');
    expect(sc.getLoc(server).start).toEqual({ line: 6, column: 19 });
    expect(sc.getLoc(client).start).toEqual({ line: 17, column: 26 });
    expect(sc.getLoc(inline).start).toEqual(position(text, "pipeline('inline')"));
    expect(sc.imports.has('@huggingface/transformers')).toBe(true);
    const { result } = await lint(text, 'index.astro');
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual(['6:19 pipeline(server)', '17:26 pipeline(client)', `19:${position(text, "pipeline('inline')").column} pipeline(inline)`]);
    // the prefilter does not read the markup
    expect(javascript.prefilterText!('---\nconst a = 1\n---\n<p>{pipeline}</p>\n', '/p/a.astro')).not.toContain('pipeline');
  });

  it('without frontmatter, with CRLF, with a `//` comment before the closing fence, and broken', () => {
    expect(tasks(parse('<h1>Hi</h1>\n<script>\npipeline("only-script")\n</script>\n', 'a.astro'))).toEqual(['only-script']);
    const crlf = '---\r\nconst m = pipeline("crlf") // note\r\n---\r\n<script>pipeline("s")</script>\r\n';
    const sc = parse(crlf, 'a.astro');
    expect({ errors: sc.parseErrors, calls: tasks(sc) }).toEqual({ errors: [], calls: ['crlf', 's'] });
    // a `---` inside the frontmatter's code on a line with more is not the fence
    const dashes = parse("---\nconst s = '---';\n// ---- section ----\npipeline('fm')\n---\n<p/>\n", 'a.astro');
    expect({ errors: dashes.parseErrors, calls: tasks(dashes) }).toEqual({ errors: [], calls: ['fm'] });
    const markupOnFence = parse('---\nconst a = pipeline("fm")\n---<p>{a}</p>\n', 'a.astro');
    expect({ errors: markupOnFence.parseErrors, calls: tasks(markupOnFence) }).toEqual({ errors: [], calls: ['fm'] });
    const open = parse('---\nconst a = pipeline("x")\n<p>no fence</p>\n', 'a.astro');
    expect(open.parseErrors[0].message).toBe('The frontmatter has no closing `---`: read to the end of the file');
    expect(javascript.mustParse!('---\nconst a = 1\n', '/p/a.astro')).toBe(true);
    expect(parse('<p>{a}</p>\n', 'a.astro').parseErrors).toEqual([]);
    // a quoted attribute value is text in Astro (`{` and all); `attr={…}` is an expression
    const attrs = parse('<p title="{" data-x={a > b ? "}" : "<script>"}>x</p>\n<script>pipeline("q")</script>\n', 'a.astro');
    expect({ errors: attrs.parseErrors, calls: tasks(attrs) }).toEqual({ errors: [], calls: ['q'] });
  });
});

const TJS = 'https://cdn.jsdelivr.net/npm/@huggingface/transformers@3';

/** The `pipeline(…)` call whose first argument is `task`. */
function call(sc: JsSourceCode, task: string, name = 'pipeline'): TSESTree.CallExpression {
  const found = calls(sc, name).find((c) => (c.arguments[0] as TSESTree.StringLiteral).value === task);
  expect(found, task).toBeDefined();
  return found!;
}

describe('scopes of a page: each module script its own, classic scripts one global scope', () => {
  it("a module's import is not seen by a classic script, which declares its own `pipeline` (repro 01)", () => {
    const text = [
      '<script src="https://cdn.jsdelivr.net/npm/onnxruntime-web/dist/ort.min.js"></script>',
      '<script type="module">',
      `import { pipeline } from "${TJS}";`,
      '</script>',
      '<script>',
      'function load(){ return ort.InferenceSession.create("https://h.example.com/m.onnx"); }',
      'const pipeline = (t, m) => t + m;',
      'pipeline("a", "org/not-transformers");',
      '</script>',
      '',
    ].join('\n');
    const sc = parse(text, 'a.html');
    expect(sc.parseErrors).toEqual([]);
    const classic = call(sc, 'a');
    expect(sc.qualifiedName(classic.callee)).toBeUndefined();
    expect(sc.binding(classic.callee as TSESTree.Identifier)?.kind).toBe('const');
    expect(sc.getLoc(classic).start).toEqual(position(text, 'pipeline("a"'));
    let ort: TSESTree.CallExpression | undefined;
    walk(sc.ast, (n) => {
      if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression') ort = n;
    });
    expect(sc.globalName(ort!.callee)).toBe('ort.InferenceSession.create');
    expect(sc.getLoc(ort!).start).toEqual(position(text, 'ort.Inference'));
    expect(sc.imports.has(TJS)).toBe(true);
    // the same call in the module that imports `pipeline` is transformers.js's
    const own = parse(text.replace('</script>\n<script>', `pipeline("m", "org/model");\n</script>\n<script>`), 'a.html');
    expect(own.qualifiedName(call(own, 'm').callee)).toBe(`${TJS}.pipeline`);
    expect(own.qualifiedName(call(own, 'a').callee)).toBeUndefined();
  });

  it("a classic script's `var tf` is its own, not the module's TF.js import (repro 02)", () => {
    const text = [
      '<script type="module">',
      'import * as tf from "https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4/+esm";',
      'window.m = await tf.loadGraphModel("/model/model.json");',
      '</script>',
      '<script>',
      'var tf = { loadGraphModel: function (u) { return u; } };',
      'tf.loadGraphModel("https://example.com/not-tfjs/model.json");',
      '</script>',
      '',
    ].join('\n');
    const sc = parse(text, 'a.html');
    expect(sc.parseErrors).toEqual([]);
    const loads: TSESTree.CallExpression[] = [];
    walk(sc.ast, (n) => {
      if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression') loads.push(n);
    });
    expect(loads.map((c) => sc.qualifiedName(c.callee))).toEqual(['https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4/+esm.loadGraphModel', undefined]);
    expect(loads.map((c) => sc.getLoc(c).start)).toEqual([position(text, 'tf.loadGraphModel("/model'), position(text, 'tf.loadGraphModel("https')]);
    expect(sc.constant(loads[1].arguments[0])).toBe('https://example.com/not-tfjs/model.json');
  });

  it("a second module's own `function pipeline` is its own (repro 03)", () => {
    const text = [
      '<script type="module">',
      `import { pipeline } from "${TJS}";`,
      'window.embed = await pipeline("feature-extraction", "Xenova/all-MiniLM-L6-v2");',
      '</script>',
      '<script type="module">',
      'function pipeline(task, model) { return fetch("/api/" + task + "?m=" + model); }',
      'pipeline("image-classification", "google/vit-base-patch16-224");',
      '</script>',
      '',
    ].join('\n');
    const sc = parse(text, 'a.html');
    expect(sc.parseErrors).toEqual([]);
    const [first, second] = [call(sc, 'feature-extraction'), call(sc, 'image-classification')];
    expect(sc.qualifiedName(first.callee)).toBe(`${TJS}.pipeline`);
    expect(sc.qualifiedName(second.callee)).toBeUndefined();
    expect(sc.calledFunction(second)?.type).toBe('FunctionDeclaration');
    expect(sc.getLoc(first).start).toEqual(position(text, 'pipeline("feature'));
    expect(sc.getLoc(second).start).toEqual(position(text, 'pipeline("image'));
  });

  it("a classic script's globals (`var`, `function`, `const`) are seen from a module script, before or after it; a module's names are not globals", () => {
    const text = [
      '<script type="module">',
      `import { pipeline } from "${TJS}";`,
      'const gen = await pipeline("text-generation", MODEL, { revision: pick(), dtype: DTYPE });',
      'export const LOCAL = "org/local";',
      '</script>',
      '<script>',
      'var MODEL = "Xenova/gpt2";',
      'function pick() { return "abc123"; }',
      'const DTYPE = Math.random() > 0.5 ? "q8" : "fp16";',
      'use(LOCAL, gen);',
      '</script>',
      '',
    ].join('\n');
    const sc = parse(text, 'a.html');
    expect(sc.parseErrors).toEqual([]);
    const gen = call(sc, 'text-generation');
    expect(sc.qualifiedName(gen.callee)).toBe(`${TJS}.pipeline`);
    expect(sc.constant(gen.arguments[1])).toBe('Xenova/gpt2');
    const options = gen.arguments[2] as TSESTree.ObjectExpression;
    const revision = options.properties[0] as TSESTree.Property;
    expect(sc.calledFunction(revision.value as TSESTree.CallExpression)?.type).toBe('FunctionDeclaration');
    const dtype = (options.properties[1] as TSESTree.Property).value;
    expect(sc.knownValues(dtype)).toEqual({ values: ['q8', 'fp16'], others: false });
    const [use] = calls(sc, 'use');
    expect(sc.binding(use.arguments[0] as TSESTree.Identifier)).toBeUndefined();
    expect(sc.binding(use.arguments[1] as TSESTree.Identifier)).toBeUndefined();
    expect(sc.getLoc(gen).start).toEqual(position(text, 'pipeline("text'));
  });

  it('Babel standalone scripts are classic, modules with `data-type="module"`', () => {
    const text = [
      '<script type="text/babel" data-type="module">',
      `import { pipeline } from "${TJS}";`,
      'const App = () => <p>{pipeline("in-module")}</p>;',
      '</script>',
      '<script type="text/babel">',
      'const e = <b>{pipeline("in-classic")}</b>;',
      '</script>',
      '',
    ].join('\n');
    const sc = parse(text, 'a.html');
    expect(sc.parseErrors).toEqual([]);
    expect(sc.qualifiedName(call(sc, 'in-module').callee)).toBe(`${TJS}.pipeline`);
    expect(sc.qualifiedName(call(sc, 'in-classic').callee)).toBeUndefined();
    expect(sc.globalName(call(sc, 'in-classic').callee)).toBe('pipeline');
  });

  it('Astro: the frontmatter and each bundled script are modules, `is:inline` scripts classic', () => {
    const text = [
      '---',
      "import { pipeline } from '@huggingface/transformers';",
      "const server = await pipeline('server', 'Xenova/gpt2');",
      '---',
      '<p>{server}</p>',
      '<script>',
      "  import { pipeline } from '@huggingface/transformers';",
      "  await pipeline('bundled', 'Xenova/bert');",
      '</script>',
      '<script>',
      "  function pipeline(t: string) { return t; }",
      "  pipeline('own');",
      '</script>',
      "<script is:inline>pipeline('inline')</script>",
      '',
    ].join('\n');
    const sc = parse(text, 'src/pages/index.astro');
    expect(sc.parseErrors).toEqual([]);
    expect(['server', 'bundled', 'own', 'inline'].map((t) => sc.qualifiedName(call(sc, t).callee))).toEqual(['@huggingface/transformers.pipeline', '@huggingface/transformers.pipeline', undefined, undefined]);
    expect(sc.globalName(call(sc, 'inline').callee)).toBe('pipeline');
    expect(sc.getLoc(call(sc, 'bundled')).start).toEqual(position(text, "pipeline('bundled'"));
    expect(sc.getLoc(call(sc, 'inline')).start).toEqual(position(text, "pipeline('inline'"));
  });

  it('Vue and Svelte blocks still share their names', () => {
    const vue = parse(`<script>\nimport { pipeline } from '${TJS}';\n</script>\n<script setup>\npipeline('setup');\n</script>\n`, 'C.vue');
    expect(vue.qualifiedName(call(vue, 'setup').callee)).toBe(`${TJS}.pipeline`);
    const svelte = parse(`<script context="module">\nimport { pipeline } from '${TJS}';\n</script>\n<script>\npipeline('instance');\n</script>\n`, 'C.svelte');
    expect(svelte.qualifiedName(call(svelte, 'instance').callee)).toBe(`${TJS}.pipeline`);
  });

  it('a page of more scripts than are parsed one by one is one parse, its scopes still split', () => {
    const many = Array.from({ length: MAX_SCRIPT_PARSES + 1 }, (_, i) => `<script type="module">function pipeline() {}\npipeline('own-${i}')</script>\n`).join('');
    const text = `<script type="module">import { pipeline } from '${TJS}'; pipeline('imported')</script>\n${many}`;
    const sc = parse(text, 'a.html');
    expect(sc.parseErrors).toEqual([]);
    expect(sc.qualifiedName(call(sc, 'imported').callee)).toBe(`${TJS}.pipeline`);
    expect(sc.qualifiedName(call(sc, 'own-7').callee)).toBeUndefined();
    expect(sc.getLoc(call(sc, 'own-7')).start).toEqual(position(text, "pipeline('own-7'"));
  });
});

describe("a page's <script src> list (scriptSources)", () => {
  it('lists the scripts a browser fetches and runs, in document order, with their type, attributes and place', () => {
    const text = [
      '<!DOCTYPE html>',
      '<html><head>',
      '  <script src="https://cdn.jsdelivr.net/npm/p5@1.9.0/lib/p5.min.js"></script>',
      '  <SCRIPT SRC=" https://unpkg.com/ml5@1/dist/ml5.min.js\n" integrity="sha384-abc&#x2B;def" crossorigin="anonymous"></SCRIPT>',
      '  <script type="module" src="./app.mjs?v=1&amp;x=2"></script>',
      '  <script src="legacy.js" nomodule defer></script>',
      '  <script async src=https://cdn.example.com/a&#47;b.js>ignored(content)</script>',
      '  <script type="text/babel" data-type="module" src="ui.jsx"></script>',
      '  <!-- <script src="commented.js"></script> -->',
      '  <script type="application/json" src="data.json"></script>',
      '  <script type="text/x-template" src="tpl.html"></script>',
      '  <script src=""></script>',
      '  <script src></script>',
      '  <template><script src="inert.js"></script></template>',
      '</head><body>',
      "  <script>pipeline('inline')</script>",
      '  <script src="sketch.js"></script>',
      '</body></html>',
      '',
    ].join('\n');
    const sc = parse(text, 'index.html');
    expect(sc.parseErrors).toEqual([]);
    const sources = sc.scriptSources!;
    expect(sources.map((s) => s.src)).toEqual([
      'https://cdn.jsdelivr.net/npm/p5@1.9.0/lib/p5.min.js',
      'https://unpkg.com/ml5@1/dist/ml5.min.js',
      './app.mjs?v=1&x=2',
      'legacy.js',
      'https://cdn.example.com/a/b.js',
      'ui.jsx',
      'sketch.js',
    ]);
    expect(sources.map((s) => s.module)).toEqual([false, false, true, false, false, true, false]);
    expect(sources[1].integrity).toBe('sha384-abc+def');
    expect(sources[0].integrity).toBeUndefined();
    expect(sources[3]).toMatchObject({ nomodule: true, defer: true, async: false });
    expect(sources[4]).toMatchObject({ nomodule: false, defer: false, async: true });
    // each start tag is where it is in the page: the inline script comes between the sixth and the seventh
    expect(sources.map((s) => text.slice(s.tag[0], s.tag[1]).replace(/ .*/s, ''))).toEqual(Array(7).fill('<script').map((t, i) => (i === 1 ? '<SCRIPT' : t)));
    expect(text.slice(sources[6].tag[0], sources[6].tag[1])).toBe('<script src="sketch.js">');
    const inline = calls(sc)[0];
    expect(sources.filter((s) => s.tag[1] <= inline.range[0]).length).toBe(6);
    // the content of a `src` script is not code
    expect(calls(sc, 'ignored')).toEqual([]);
  });

  it('is empty for a page without one, set for a page with no inline script, and unset for other files', () => {
    expect(parse("<script>pipeline('x')</script>", 'a.html').scriptSources).toEqual([]);
    expect(parse('<p>no script</p>', 'a.htm').scriptSources).toEqual([]);
    const only = parse('<script src="https://unpkg.com/ml5@1/dist/ml5.min.js"></script>\n<script src="sketch.js"></script>\n', 'a.html');
    expect(only.ast.body).toEqual([]);
    expect(only.scriptSources!.map((s) => s.src)).toEqual(['https://unpkg.com/ml5@1/dist/ml5.min.js', 'sketch.js']);
    expect(parse("pipeline('x')", 'a.js').scriptSources).toBeUndefined();
    expect(parse('<script src="x.js"></script>\n<script>\npipeline("x")\n</script>\n', 'C.vue').scriptSources).toBeUndefined();
    expect(parse('<script src="x.js"></script>\n<script>\npipeline("x")\n</script>\n', 'C.svelte').scriptSources).toBeUndefined();
  });

  it('Astro: a self-closing `<script src />` is listed, a bundled one is a module, an `is:inline` one classic', () => {
    const text = ['---', "const title = 'x';", '---', '<script is:inline src="https://unpkg.com/ml5@1/dist/ml5.min.js" />', '<script src="../scripts/app.ts"></script>', '<p>{title}</p>', ''].join('\n');
    const sc = parse(text, 'src/pages/index.astro');
    expect(sc.parseErrors).toEqual([]);
    expect(sc.scriptSources!.map((s) => [s.src, s.module])).toEqual([
      ['https://unpkg.com/ml5@1/dist/ml5.min.js', false],
      ['../scripts/app.ts', true],
    ]);
  });
});

describe('the end of a page script: the script data escape states of the HTML tokenizer', () => {
  it('`<!--` then `<script` hides the next `</script>` until `-->` (old pages\' `document.write`)', () => {
    const text = [
      '<script>',
      '<!--',
      "document.write('<script src=\"legacy.js\"></script>');",
      "pipeline('after-write')",
      '//-->',
      '</script>',
      "<script>pipeline('next')</script>",
      '',
    ].join('\n');
    const sc = parse(text, 'old.html');
    expect(sc.parseErrors).toEqual([]);
    expect(tasks(sc)).toEqual(['after-write', 'next']);
    expect(sc.getLoc(calls(sc)[0]).start).toEqual(position(text, "pipeline('after-write"));
    expect(sfcScripts(text, 'old.html').blocks).toEqual([[8, text.indexOf('</script>\n<script>')], [text.indexOf("pipeline('next"), text.lastIndexOf('</script>')]]);
  });

  it('the escape without a `<script` changes nothing: `</script>` ends the script; `-->` and `<!-->` end the escape', () => {
    const cases: Array<[string, string[]]> = [
      // escaped, no `<script`: the first `</script>` ends it
      ["<script>\n<!--\npipeline('a')\n</script><script>pipeline('b')</script>", ['a', 'b']],
      // `-->` ends the escape before the `<script`
      ["<script>x = '<!-- -->'; y = '<script>';\npipeline('a')</script><script>pipeline('b')</script>", ['a', 'b']],
      // `<!-->` and `<!--->` are an escape ended at once
      ["<script>x = '<!-->'; y = '<script>';\npipeline('a')</script><script>pipeline('b')</script>", ['a', 'b']],
      ["<script>x = '<!--->'; y = '<script>';\npipeline('a')</script><script>pipeline('b')</script>", ['a', 'b']],
      // not the escape: `<!-` , `< !--`
      ["<script>x = '<!-'; y = '<script>';\npipeline('a')</script><script>pipeline('b')</script>", ['a', 'b']],
      // `<scripts>`, `<script1` and `<scrip>` do not double-escape
      ["<script>x = '<!--<scripts>';\npipeline('a')</script><script>pipeline('b')</script>", ['a', 'b']],
      ["<script>x = '<!--<script1>';\npipeline('a')</script><script>pipeline('b')</script>", ['a', 'b']],
    ];
    for (const [text, expected] of cases) {
      const sc = parse(text, 'a.html');
      expect({ text, errors: sc.parseErrors, tasks: tasks(sc) }).toEqual({ text, errors: [], tasks: expected });
    }
  });

  it('double-escaped, the inner `</script>` goes back to the escape, and the next one or a `-->` ends it; module scripts alike', () => {
    const cases: Array<[string, string[]]> = [
      // double-escaped, then back to escaped at the inner `</SCRIPT >`: the next `</script>` ends it
      ["<script>document.write('<!--<SCRIPT>x()</SCRIPT >');\npipeline('a')\n</script>\n<script>pipeline('b')</script>", ['a', 'b']],
      // double-escaped, then `-->`: the `<script>` and `</script>` after it are plain script data again
      ["<script>w('<!--<script>--><script>');\npipeline('a')\n</script>\n<script>pipeline('b')</script>", ['a', 'b']],
      // a module script is tokenized the same way
      ["<script type=\"module\">w('<!--<script src=x></script>');\npipeline('a')\n</script>\n<script>pipeline('b')</script>", ['a', 'b']],
    ];
    for (const [text, expected] of cases) {
      const sc = parse(text, 'a.html');
      expect({ text, errors: sc.parseErrors, tasks: tasks(sc) }).toEqual({ text, errors: [], tasks: expected });
    }
  });

  it('a double escape never ended swallows the rest of the page, as in a browser', () => {
    const text = "<script>x = '<!--'; y = '<script>';</script>\n<script>pipeline('swallowed')</script>\n<p>end</p>\n";
    const { blocks, problems } = sfcScripts(text, 'a.html');
    expect(blocks).toEqual([[8, text.length]]);
    // (its </script> is there: the message says what hides it, review s28js)
    expect(problems.map((p) => p.message)).toEqual(['This <script> holds a `<!--` and a `<script` (in a string or a comment too) that hide its </script> from the HTML parser, as in a browser: read to the end of the file']);
  });

  it('a data block that hides a `<script>` in an escape hides it from the page too', () => {
    const text = '<script type="text/x-template"><!--<script></script> <script>pipeline(\'hidden\')</script> --></script>\n<script>pipeline(\'after\')</script>\n';
    const sc = parse(text, 'a.html');
    expect(sc.parseErrors).toEqual([]);
    expect(tasks(sc)).toEqual(['after']);
    // (a template's inert script is tokenized so too)
    expect(tasks(parse(`<template>${text}</template><script>pipeline('outside')</script>`, 'a.html'))).toEqual(['outside']);
  });

  it('the end tag is read as a tag: a `>` in a quoted attribute value does not end it', () => {
    const text = "<script>pipeline('a')</script x=\"><script>pipeline('hidden')</script>\"><script>pipeline('b')</script>\n";
    const sc = parse(text, 'a.html');
    expect(sc.parseErrors).toEqual([]);
    expect(tasks(sc)).toEqual(['a', 'b']);
  });

  it('Astro follows its compiler (Go\'s tokenizer): `<` then neither `/` nor a letter ends the escape', () => {
    const body = "<script is:inline>\n// <!-- a < b\nw('<script></script>');\npipeline('a')\n</script>\n";
    // a browser stays escaped: the `<script>` in the string double-escapes, the script ends at the last `</script>`
    expect(tasks(parse(body, 'a.html'))).toEqual(['a']);
    // Astro's compiler is back in script data at `< b`: the script ends inside the string
    const astro = parse(`---\n---\n${body}`, 'a.astro');
    expect(tasks(astro)).toEqual([]);
    expect(astro.parseErrors.length).toBeGreaterThan(0);
    // the rest of the escape rules are the same
    expect(tasks(parse("---\n---\n<script is:inline>w('<!--<script></script>');\npipeline('a')\n</script>\n", 'a.astro'))).toEqual(['a']);
  });

  it('Vue and Svelte blocks still end at the first `</script`, as their compilers read them', () => {
    const text = "<script>\nconst s = '<!--<script>';\n</script>\n<script setup>\npipeline('setup')\n</script>\n";
    expect(tasks(parse(text, 'C.vue'))).toEqual(['setup']);
    expect(tasks(parse(text.replace('<script setup>', '<script context="module">'), 'C.svelte'))).toEqual(['setup']);
  });
});

describe('syntax errors in a page script', () => {
  it('a `}` missing is reported at the end of its script, once, and the scripts after it are read (repro 05)', () => {
    const text = [
      '<script type="module">',
      `import { pipeline } from "${TJS}";`,
      'async function f() {',
      '  const p = await pipeline("sentiment-analysis", "Xenova/a");',
      '</script>',
      '<p>markup</p>',
      '<script type="module">',
      `import { pipeline } from "${TJS}";`,
      'await pipeline("after", "Xenova/b");',
      '</script>',
      '</body>',
      '</html>',
      '',
    ].join('\n');
    const sc = parse(text, 'a.html');
    const end = position(text, '\n</script>');
    expect(sc.parseErrors.map((e) => ({ message: e.message, ...e.loc.start }))).toEqual([{ message: "'}' expected.", line: 4, column: end.column }]);
    expect(['sentiment-analysis', 'after'].map((t) => sc.qualifiedName(call(sc, t).callee))).toEqual([`${TJS}.pipeline`, `${TJS}.pipeline`]);
    expect(sc.getLoc(call(sc, 'after')).start).toEqual(position(text, 'pipeline("after"'));
  });

  it('an error inside a script is at its place, and does not hide the next script', () => {
    const text = '<p>x</p>\n<script>\nvar a = ;\npipeline("one")\n</script>\n<script type="module">pipeline("two")</script>\n';
    const sc = parse(text, 'a.html');
    expect(sc.parseErrors.map((e) => `${e.loc.start.line}:${e.loc.start.column}`)).toEqual(['3:9']);
    expect(tasks(sc)).toEqual(['one', 'two']);
  });
});

describe('pages and components: hostile input', () => {
  it('scan in linear time (200 KB of `<script`, `<!--` and other repeats, a few characters read per character)', () => {
    const big = (unit: string) => unit.repeat(Math.ceil(200_000 / unit.length));
    // (the TypeScript parser, which a block of JSX ending in a `//` comment is parsed with, loaded before the count starts)
    parse('<script><a // b</script><script>x</script>', 'warm.html');
    for (const [file, text] of [
      ['a.html', big('<script')],
      ['a.html', big('<script ')],
      ['a.html', big('<!--')],
      ['a.html', big('<script<!--')],
      ['a.html', big('<script><!--')],
      ['a.html', big('<!--<script>')],
      ['a.html', big('<script></script>')],
      ['a.html', big('<script>a // b</script>')],
      ['a.html', big('<script><a // b</script>')],
      ['a.html', big('<script>a <!-- b</script>')],
      ['a.html', big('<script><!--<script>')],
      ['a.html', big('<script><!--<script></script>')],
      ['a.html', `<script>${big('<!--<script></script>-->')}`],
      ['a.html', `<script>${big('<!--<script')}`],
      ['a.html', big('<script src="&#47;&amp;')],
      ['a.astro', `---\n---\n<script>${big('<!--< <script')}`],
      ['a.html', big('<template><script></script>')],
      ['a.html', big('<svg><![CDATA[')],
      ['a.html', big('<a b="')],
      ['a.html', big('</a b=">')],
      ['a.html', big('<!x')],
      ['a.html', big('<textarea>')],
      ['a.astro', big('{ <script> ')],
      ['a.astro', big("{'")],
      ['a.astro', `---\n${big('--- x\n')}`],
      ['a.astro', `---\n---\n${big('<script>a // b</script>{')}`],
    ]) {
      const scanned = charactersScannedBy(() => expect(() => sfcScripts(text, file)).not.toThrow());
      expect({ unit: text.slice(0, 14), scanned: scanned < 20 * text.length }).toEqual({ unit: text.slice(0, 14), scanned: true });
    }
  });
});
