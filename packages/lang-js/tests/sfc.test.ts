import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyFixes, lintTextWithDetails, type Rule } from '@oculum/core';
import { describe, expect, it } from 'vitest';
import { javascript, sfcScripts, type JsSourceCode, type TSESTree } from '../src/index.js';
import { walk } from '../src/walk.js';
import { projectFixture, used } from './project-fixture.js';
import { charactersScannedBy } from './work-counters.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPRO = readFileSync(path.join(here, 'fixtures/sfc/p10_vue_sfc_script.vue'), 'utf8');

const parse = (text: string, file: string) => javascript.parse({ path: file, text, settings: {}, depth: 'standard' }) as JsSourceCode;

/** Reports every `pipeline(…)` call: a fix that pins its model id, and a suggestion that renames it. */
const pipelineRule: Rule<any, any> = {
  name: 'pipeline-call',
  meta: {
    detector: 'unverified_model_source',
    severity: 'high',
    languages: ['javascript'],
    triggers: ['pipeline'],
    fixable: 'code',
    hasSuggestions: true,
    docs: { description: 'pipeline calls', recommended: true },
    messages: { found: 'pipeline({{model}})', rename: 'rename it' },
    remediation: 'Pin it.',
  },
  create(context) {
    return {
      CallExpression(node: TSESTree.CallExpression) {
        if (node.callee.type !== 'Identifier' || node.callee.name !== 'pipeline') return;
        const model = node.arguments[1];
        context.report({
          node,
          messageId: 'found',
          data: { model: model && model.type === 'Literal' ? String(model.value) : '?' },
          ...(model && node.arguments.length === 2 ? { fix: (fixer: any) => fixer.insertTextAfter(model, ', { revision: "abc" }') } : {}),
          suggest: [{ messageId: 'rename', fix: (fixer: any) => fixer.replaceText(node.callee, 'pinnedPipeline') }],
        });
      },
    } as any;
  },
};
const rules = [{ id: 'toy/pipeline-call', rule: pipelineRule, level: 'error' as const }];
const lint = (text: string, file: string, fix = false) => lintTextWithDetails({ path: file, text, language: javascript, rules, cwd: '/p', fix });

/** The text of a Vue file's script blocks at their offsets, everything else blanked: the same code as a `.ts` file. */
function asTs(text: string): string {
  return sfcScripts(text, 'a.vue').code;
}

function calls(sc: JsSourceCode, name: string): TSESTree.CallExpression[] {
  const out: TSESTree.CallExpression[] = [];
  walk(sc.ast, (n) => {
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === name) out.push(n);
  });
  return out;
}

/** Line and column (1-based) of the first occurrence of `needle` in `text`. */
function position(text: string, needle: string, from = 0): { line: number; column: number } {
  const at = text.indexOf(needle, from);
  expect(at).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

describe('single-file components (.vue, .svelte)', () => {
  it('are files of the javascript language', () => {
    expect(javascript.extensions).toContain('.vue');
    expect(javascript.extensions).toContain('.svelte');
  });

  it('reads the review repro (<script lang="ts" setup> after a <template>) at the positions of the .vue file', async () => {
    const sc = parse(REPRO, 'p10.vue');
    expect(sc.parseErrors).toEqual([]);
    expect(sc.text.length).toBe(REPRO.length);
    expect(sc.imports.has('@xenova/transformers')).toBe(true);
    const [first, second] = calls(sc, 'pipeline');
    expect(sc.getLoc(first).start).toEqual(position(REPRO, "pipeline('translation'"));
    expect(sc.getText(second).startsWith("pipeline('text-generation', 'Xenova/llama-160m'")).toBe(true);
    // the template's `{{ translationOut[0]… }}` is not code
    expect(sc.ast.body[0].type).toBe('ImportDeclaration');
    expect(sc.getLoc(sc.ast.body[0]).start).toEqual(position(REPRO, 'import { pipeline'));

    const vue = await lint(REPRO, 'p10.vue');
    const ts = await lint(asTs(REPRO), 'p10.ts');
    const where = (r: typeof vue) => r.result.findings.map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.message}`);
    expect(where(vue)).toEqual([`41:17-45:4 pipeline(Xenova/opus-mt-zh-en)`, `47:17-51:4 pipeline(Xenova/llama-160m)`]);
    expect(where(vue)).toEqual(where(ts));
    expect(vue.result.diagnostics).toEqual([]);
  });

  it('reads <script> and <script setup> as one program, with no statement running on into the next block', () => {
    const text = [
      '<script lang="ts">',
      "export const MODEL = 'Xenova/gpt2'",
      'foo()',
      '</script><script setup lang="ts">',
      "(async () => { await pipeline('text-generation', MODEL) })()",
      '</script>',
      '<template><div>{{ MODEL }}</div></template>',
      '',
    ].join('\n');
    const sc = parse(text, 'C.vue');
    expect(sc.parseErrors).toEqual([]);
    expect(sc.ast.body.map((s) => s.type)).toEqual(['ExportNamedDeclaration', 'ExpressionStatement', 'ExpressionStatement']);
    const [call] = calls(sc, 'pipeline');
    expect(sc.constant(call.arguments[1])).toBe('Xenova/gpt2');
    expect(sc.getLoc(call).start).toEqual(position(text, "pipeline('text-generation'"));
    expect(sc.getLoc(call).start).toEqual({ line: 5, column: 22 });
  });

  it('leaves out the template, styles, custom blocks, HTML comments and scripts inside the template', () => {
    const text = [
      '<!-- <script>pipeline("comment")</script> -->',
      '<template>',
      '  <template v-if="a > b"><script>pipeline("in-template")</script></template>',
      '  <button @click="pipeline(\'click\')">x</button>',
      '  <template #slot />',
      '  <div title="<template>" :data-x="\'</template>\'">{{ a<b ? "<template>" : "</template>" }}</div>',
      '  <textarea><script>pipeline("textarea")</script></template></textarea>',
      '</template>',
      '<style scoped>.a::after { content: "</script><script>pipeline(\'style\')" }</style>',
      '<i18n lang="json">{ "pipeline": "<script>pipeline(\'i18n\')</script>" }</i18n>',
      '<SCRIPT>',
      "pipeline('real')",
      '</SCRIPT >',
      '',
    ].join('\n');
    const sc = parse(text, 'C.vue');
    expect(sc.parseErrors).toEqual([]);
    expect(calls(sc, 'pipeline').map((c) => (c.arguments[0] as TSESTree.StringLiteral).value)).toEqual(['real']);
    expect(sc.getLoc(calls(sc, 'pipeline')[0]).start).toEqual({ line: 12, column: 1 });
  });

  it('two blocks on one line: a `//` comment ending the first does not swallow the second (review whole3 P7)', async () => {
    const text = "<script>const a = 1 // note</script><script setup>import { pipeline } from 'x'; const p = pipeline('t', 'org/m');</script>\n<template><div/></template>\n";
    const code = asTs(text);
    expect(code.length).toBe(text.length);
    expect(code.split('\n').length).toBe(text.split('\n').length);
    const sc = parse(text, 'C.vue');
    expect(sc.parseErrors).toEqual([]);
    expect(sc.ast.body.map((s) => s.type)).toEqual(['VariableDeclaration', 'ImportDeclaration', 'VariableDeclaration']);
    expect(sc.getLoc(calls(sc, 'pipeline')[0]).start).toEqual(position(text, "pipeline('t'"));
    expect((await lint(text, 'C.vue')).result.findings.map((f) => `${f.line}:${f.column}`)).toEqual([`1:${position(text, "pipeline('t'").column}`]);
    // the comment is still a comment, and a directive in it still applies to its line
    const ignored = text.replace('// note', '// oculum-ignore');
    expect((await lint(ignored, 'C.vue')).result.findings.map((f) => Boolean(f.suppressed))).toEqual([true]);
    // a comment that holds `*/` itself, a URL in a string (not a comment), Svelte
    const star = parse("<script>const a = 1 // a */ b</script><script setup>pipeline('t', 'org/m')</script>\n", 'C.vue');
    expect({ errors: star.parseErrors, calls: calls(star, 'pipeline').length }).toEqual({ errors: [], calls: 1 });
    const url = parse("<script>const u = 'http://x'</script><script setup>pipeline('t', u)</script>\n", 'C.vue');
    expect({ errors: url.parseErrors, calls: calls(url, 'pipeline').length, u: url.constant(calls(url, 'pipeline')[0].arguments[1]) }).toEqual({ errors: [], calls: 1, u: 'http://x' });
    const svelte = parse("<script module>export const M = 'org/m' // x</script><script>pipeline('t', M)</script>\n<h1/>\n", 'A.svelte');
    expect({ errors: svelte.parseErrors, calls: calls(svelte, 'pipeline').length }).toEqual({ errors: [], calls: 1 });
  });

  it('two blocks on one line after a block the comment scanner is unsure of (JSX in lang="tsx"): the `//` comment does not swallow the second either', async () => {
    const text = "<script lang=\"tsx\">\nconst e = <div>a // not a comment</div>; const a = 1 // note</script><script setup lang=\"ts\">const p = pipeline('t', 'org/m');</script>\n<template><div/></template>\n";
    const code = asTs(text);
    expect(code.length).toBe(text.length);
    expect(code.split('\n').length).toBe(text.split('\n').length);
    const sc = parse(text, 'C.vue');
    expect(sc.parseErrors).toEqual([]);
    expect(sc.ast.body.filter((s) => s.type !== 'EmptyStatement').map((s) => s.type)).toEqual(['VariableDeclaration', 'VariableDeclaration', 'VariableDeclaration']);
    expect(sc.getLoc(calls(sc, 'pipeline')[0]).start).toEqual(position(text, "pipeline('t'"));
    expect((await lint(text, 'C.vue')).result.findings.map((f) => `${f.line}:${f.column}`)).toEqual([`2:${position(text, "pipeline('t'").column}`]);
    // the JSX text's `//` is not the comment; a directive in the real one still applies to its line
    const ignored = text.replace('// note', '// oculum-ignore');
    expect((await lint(ignored, 'C.vue')).result.findings.map((f) => Boolean(f.suppressed))).toEqual([true]);
    // `lang="jsx"`, Svelte, and a `<T>x` assertion in `lang="ts"`
    const jsx = parse("<script lang=\"jsx\">const e = <b/> // x</script><script setup>pipeline('t', 'org/m')</script>\n", 'C.vue');
    expect({ errors: jsx.parseErrors, calls: calls(jsx, 'pipeline').length }).toEqual({ errors: [], calls: 1 });
    const svelte = parse("<script module lang=\"ts\">const n = <number>x // x</script><script>pipeline('t', 'org/m')</script>\n<h1/>\n", 'A.svelte');
    expect({ errors: svelte.parseErrors, calls: calls(svelte, 'pipeline').length }).toEqual({ errors: [], calls: 1 });
  });

  it('the `;` between two blocks stands on a fresh line when the markup between them has one', () => {
    const text = '<script>\nfoo() // end</script>\n<template><p/></template>\n<script setup>\n(async () => 1)()\n</script>\n';
    const code = asTs(text);
    expect(code.length).toBe(text.length);
    expect(code.split('\n').map((l) => l.trim())).toEqual(['', 'foo() // end', '', ';', '(async () => 1)()', '', '']);
    expect(parse(text, 'C.vue').ast.body.map((s) => s.type)).toEqual(['ExpressionStatement', 'ExpressionStatement']);
  });

  it('a Vue template in another language (pug) is raw text to its </template> (review whole3 P5)', () => {
    const text = [
      '<template lang="pug">',
      'div(v-if="count<limit") Hello',
      'p <script>pipeline("pug")</script>',
      'p a<b',
      '</template>',
      '<script>',
      "const a = await pipeline('text-generation', 'Xenova/gpt2');",
      '</script>',
      '',
    ].join('\n');
    const sc = parse(text, 'C.vue');
    expect(sc.parseErrors).toEqual([]);
    expect(calls(sc, 'pipeline').map((c) => sc.getLoc(c).start)).toEqual([{ line: 7, column: 17 }]);
    // `lang="html"` is HTML: its tags are read (a `<template>` in it is counted)
    const html = parse('<template lang="html"><template v-if="a"><p/></template></template>\n<script>pipeline(1)</script>\n', 'C.vue');
    expect({ errors: html.parseErrors, calls: calls(html, 'pipeline').length }).toEqual({ errors: [], calls: 1 });
  });

  it('parses by the lang attribute; leaves out other languages and src= scripts', () => {
    expect(parse('<script lang="ts">\nconst a = <any>b; let c: number = 1;\n</script>', 'a.vue').parseErrors).toEqual([]);
    expect(parse('<script lang="tsx">\nconst a: number = 1; const e = <div>{a}</div>;\n</script>', 'a.vue').parseErrors).toEqual([]);
    expect(parse('<script>\nconst e = <Comp a={1} />;\nconst x = await load();\n</script>', 'a.vue').parseErrors).toEqual([]);
    expect(parse('<script lang="typescript">\nlet c: number = 1;\n</script>', 'a.svelte').parseErrors).toEqual([]);
    expect(parse('<script type="text/typescript">\nlet c: number = 1;\n</script>', 'a.svelte').parseErrors).toEqual([]);
    // plain JavaScript: `<any>b` is JSX there
    expect(parse('<script>\nconst a = <any>b;\n</script>', 'a.vue').parseErrors.length).toBeGreaterThan(0);
    for (const tag of ['<script lang="coffee">', '<script src="./model.ts">', '<script type="application/ld+json">']) {
      const sc = parse(`${tag}\npipeline('x') : : :\n</script>`, 'a.vue');
      expect({ tag, errors: sc.parseErrors, body: sc.ast.body.length }).toEqual({ tag, errors: [], body: 0 });
    }
  });

  it('reads the top-level scripts of a Svelte component, not its markup', () => {
    const text = [
      '<script context="module" lang="ts">',
      "  export const MODEL: string = 'Xenova/gpt2';",
      '</script>',
      '<svelte:head><script>pipeline("head")</script></svelte:head>',
      '<img src="a.png" alt="<script>">',
      '<input bind:value={name}><br>',
      '<button on:click={() => a > b && pipeline("click")} title="{x > 1 ? "}" : "<script>"}">go</button>',
      '{#if a < b}<p>{pipeline("markup")}</p>{/if}',
      '<p>unclosed paragraph',
      '<div><script>pipeline("nested")</script></div>',
      '<script lang="ts">',
      '  const p = pipeline("instance", MODEL);',
      '</script>',
      '<style>div::after { content: "<script>" }</style>',
      '',
    ].join('\n');
    const sc = parse(text, 'App.svelte');
    expect(sc.parseErrors).toEqual([]);
    const found = calls(sc, 'pipeline');
    expect(found.map((c) => (c.arguments[0] as TSESTree.StringLiteral).value)).toEqual(['instance']);
    expect(sc.constant(found[0].arguments[1])).toBe('Xenova/gpt2');
    expect(sc.getLoc(found[0]).start).toEqual({ line: 12, column: 13 });
    // Svelte 5: `<script module>`
    expect(calls(parse('<script module>\npipeline("m")\n</script>\n<h1>{x}</h1>\n', 'A.svelte'), 'pipeline')).toHaveLength(1);
  });

  it('a Svelte <script> inside {#if}, {#each}, {#await}, {#key} or {#snippet} is markup, not the component (review whole3 P4)', () => {
    const text = [
      '<script>',
      "  import { pipeline } from '@huggingface/transformers';",
      '</script>',
      '{#if show}',
      '  <script>const bad = pipeline("if")</script>',
      '{:else}<script>pipeline("else")</script>',
      '{/if}',
      '{#each items as item}<script type="application/ld+json">{"@context": "https://schema.org"}</script>{/each}',
      '{#await p}<script>pipeline("await")</script>{:then v}<div><script>pipeline("then")</script></div>{/await}',
      '{#key k}<p>x<script>pipeline("key")</script>{/key}',
      '{#snippet row(x)}<script>pipeline("snippet")</script>{/snippet}',
      '{#if a}{#if b}<i>{/if}<script>pipeline("nested")</script>{/if}',
      '<script context="module">',
      '  const top = pipeline("top");',
      '</script>',
      '',
    ].join('\n');
    const sc = parse(text, 'App.svelte');
    expect(sc.parseErrors).toEqual([]);
    expect(calls(sc, 'pipeline').map((c) => (c.arguments[0] as TSESTree.StringLiteral).value)).toEqual(['top']);
    expect(sc.getLoc(calls(sc, 'pipeline')[0]).start).toEqual({ line: 14, column: 15 });
    // a stray `{/if}` closes nothing
    expect(calls(parse('{/if}</div>\n<script>pipeline(1)</script>\n', 'A.svelte'), 'pipeline')).toHaveLength(1);
    // blanks around the sigil and the name, which Svelte's parser allows (review of the mends, N4)
    const spaced = '{ #if show }<script>pipeline("markup")</script>{ /if }\n<script>pipeline("top")</script>\n';
    expect(calls(parse(spaced, 'B.svelte'), 'pipeline').map((c) => (c.arguments[0] as TSESTree.StringLiteral).value)).toEqual(['top']);
  });

  it('a file with no script block has nothing to parse, and no parse error', () => {
    for (const [file, text] of [
      ['a.vue', '<template><div>{{ pipeline("x") }}</div></template>\n<style>a{}</style>\n'],
      ['a.svelte', '<h1>Hello {name}</h1>\n'],
      ['a.vue', ''],
    ]) {
      const sc = parse(text, file);
      expect(sc.parseErrors).toEqual([]);
      expect(sc.ast.body).toEqual([]);
    }
  });

  it('says what it could not read in broken files, and never throws', () => {
    const unclosed = parse('<template><p/></template>\n<script>\npipeline("a", "m")\n', 'a.vue');
    expect(unclosed.parseErrors.map((e) => `${e.loc.start.line}: ${e.message}`)).toEqual(['2: This <script> has no </script>: read to the end of the file']);
    expect(calls(unclosed, 'pipeline')).toHaveLength(1);

    const openTag = parse('<template></template>\n<script lang="ts"\n', 'a.vue');
    expect(openTag.parseErrors.map((e) => e.message)).toEqual(['The tag <script> does not end (no `>`): the rest of the file is not read']);

    const template = parse('<template><div>\n<script>pipeline("a")</script>\n', 'a.vue');
    expect(template.parseErrors.map((e) => e.message)).toEqual(['This <template> has no </template>: the rest of the file is not read']);

    // `</script>` inside a string ends the block, as in HTML and the compilers: the string is then unterminated
    const inString = parse('<script>\nconst s = "</script>";\npipeline("after")\n</script>\n', 'a.vue');
    expect(inString.parseErrors.length).toBeGreaterThan(0);
    expect(inString.parseErrors[0].loc.start.line).toBe(2);

    const binary = '<script>\u0000\u0001\uFFFD\u00ff' + String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => (i * 7919) % 0xd7ff)) + '</script>';
    expect(() => parse(binary, 'a.vue')).not.toThrow();
    expect(() => parse(binary, 'a.svelte')).not.toThrow();
  });

  it('scans hostile markup in linear time', () => {
    const big = (unit: string) => unit.repeat(Math.ceil(200_000 / unit.length));
    for (const [file, text] of [
      ['a.vue', big('<template ')],
      ['a.vue', big('<template><!-- ')],
      ['a.vue', big('<a b="')],
      ['a.svelte', big('<a><b></c>')],
      ['a.svelte', big("{'")],
      ['a.svelte', big('</a>')],
      ['a.svelte', big('{ <script> ')],
      ['a.vue', big('<script></script>')],
      ['a.vue', big('<script>a // b</script>')],
      ['a.svelte', big('<script>a</script>')],
      ['a.svelte', big('{#if a}<b>{/each}')],
      ['a.vue', `<template>${big('{{ <p><script><style>')}`],
      ['a.vue', `<template>${big('<template title="<template>">')}`],
    ]) {
      const scanned = charactersScannedBy(() => expect(() => sfcScripts(text, file)).not.toThrow());
      expect({ unit: text.slice(0, 12), scanned: scanned < 20 * text.length }).toEqual({ unit: text.slice(0, 12), scanned: true });
    }
  });

  it('a directive inside a script block works as in any JS file; an HTML comment in the markup is markup', async () => {
    const text = [
      '<template>',
      '  <!-- oculum-ignore-next-line -->',
      '  <p>x</p>',
      '</template>',
      '<script setup>',
      '// oculum-ignore-next-line[toy/pipeline-call] -- vetted model',
      "const a = pipeline('t', 'org/vetted')",
      "const b = pipeline('t', 'org/other') // oculum-ignore",
      "const c = pipeline('t', 'org/third')",
      '</script>',
      '',
    ].join('\n');
    const { result } = await lint(text, 'C.vue');
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.suppressed ? `suppressed ${f.suppressed.justification ?? ''}` : 'open'}`)).toEqual([
      '7:11 suppressed vetted model',
      '8:11 suppressed ',
      '9:11 open',
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('applies a fix and a suggestion inside the script block, the rest of the file unchanged', async () => {
    const text = "<template><p>{{ a }}</p></template>\n<script setup lang=\"ts\">\nconst a = await pipeline('t', 'org/m')\n</script>\n<style>p{}</style>\n";
    const first = await lint(text, 'C.vue');
    const [finding] = first.result.findings;
    const suggestion = finding.suggestions![0];
    const start = text.indexOf("pipeline('t'");
    expect(suggestion.fix.range).toEqual([start, start + 'pipeline'.length]);
    expect(applyFixes(text, [suggestion.fix]).output).toBe(text.replace("await pipeline('t'", "await pinnedPipeline('t'"));
    const fixed = await lint(text, 'C.vue', true);
    expect(fixed.result.output).toBe(text.replace("'org/m')", "'org/m', { revision: \"abc\" })"));
  });

  it('the prefilter reads the script blocks only: a word in the markup costs no parse', async () => {
    const markup = '<template><div>{{ pipeline }}</div></template>\n<script>\nconst x = 1\n</script>\n';
    expect(javascript.prefilterText!(markup, '/p/a.vue')).not.toContain('pipeline');
    expect((await lint(markup, 'a.vue')).parsed).toBe(false);
    const script = '<template><div/></template>\n<script>\n// pipeline in a comment\nconst x = pipeline\n</script>\n';
    const code = javascript.prefilterText!(script, '/p/a.vue');
    expect(code).toContain('pipeline');
    expect(code).not.toContain('comment');
    expect((await lint(script, 'a.vue')).parsed).toBe(true);
  });

  it('a component the block scanner cannot read through is parsed when a trigger word occurs anywhere in it: its parse error is reported (review whole3 P6)', async () => {
    const broken = '<template>\n<div>\n<script>\nconst p = await pipeline("t", "org/m");\n</script>\n';
    expect(javascript.prefilterText!(broken, '/p/a.vue')).toContain('pipeline');
    const { result, parsed } = await lint(broken, 'a.vue');
    expect(parsed).toBe(true);
    expect(result.diagnostics.map((d) => `${d.kind} ${d.line}: ${d.message}`)).toEqual(['parse-error 1: This <template> has no </template>: the rest of the file is not read']);
    // no trigger word in the file: the language still asks for the parse (`mustParse`), so the problem is said
    const quiet = await lint('<template>\n<div>\n<script>const x = 1</script>\n', 'a.vue');
    expect(quiet.parsed).toBe(true);
    expect(quiet.result.diagnostics.map((d) => `${d.kind} ${d.line}`)).toEqual(['parse-error 1']);
    // a component the scanner reads through, and a plain JS file, are not parsed without a trigger word
    expect((await lint('<template><div/></template>\n<script>const x = 1</script>\n', 'b.vue')).parsed).toBe(false);
    expect((await lint('const x = 1\n', 'c.js')).parsed).toBe(false);
  });
});

describe('single-file components at --depth deep', () => {
  const { project, parseAt } = projectFixture('oculum-js-sfc-');

  it('read the constants their script blocks import from the project, and list those modules for the cache', () => {
    const dir = project('p', { 'src/config.ts': 'export const MODEL = "org/from-config";\n' });
    const text = '<template><p>{{ x }}</p></template>\n<script setup lang="ts">\nimport { MODEL } from "./config";\nuse(MODEL);\n</script>\n';
    const sc = parseAt(dir, 'src/App.vue', text);
    expect(sc.constant(used(sc))).toBe('org/from-config');
    const key = javascript.cacheKey!({ path: path.join(dir, 'src/App.vue'), depth: 'deep', cwd: dir });
    expect(key).not.toBe('');
    // an import spelled only in the markup is not one
    parseAt(dir, 'src/Other.vue', '<template><p>import x from "./config"</p></template>\n');
    expect(javascript.cacheKey!({ path: path.join(dir, 'src/Other.vue'), depth: 'deep', cwd: dir })).toBe('');
  });
});
