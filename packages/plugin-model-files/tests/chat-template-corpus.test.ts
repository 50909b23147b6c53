/**
 * Precision of `model/gguf-chat-template-injection` on real chat templates: every template in
 * tests/fixtures/chat-templates/ (fetched, not committed: see SOURCES.md there and
 * scripts/fetch-chat-templates.mjs) is embedded in a GGUF file, scanned, and must get no finding at
 * any confidence. Constructs of real templates, and text around them, that the analysis took for
 * injections are kept below as their own cases, so the test bites without the corpus too; the
 * malicious variants next to them were each checked with jinja2 3.1 (a plain Environment renders
 * `<class 'str'>`).
 */
import { lintText, type FileResult } from '@oculum/core';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import plugin, { modelLanguage } from '../src/index.js';
import { analyzeTemplate, isWeakIndicator, namedInternals } from '../src/formats/template.js';
import { gguf } from './helpers.js';

const CORPUS = fileURLToPath(new URL('./fixtures/chat-templates/', import.meta.url));
const corpus = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.jinja')).sort() : [];

const dir = mkdtempSync(join(tmpdir(), 'oculum-templates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rules = Object.entries(plugin.rules ?? {}).map(([name, rule]) => ({ id: `model/${name}`, rule, level: 'error' as const }));

/** The findings of `model/gguf-chat-template-injection` on a GGUF holding `template`. */
async function scanTemplate(name: string, template: string): Promise<FileResult['findings']> {
  const path = join(dir, `${name.replace(/[^\w.-]+/g, '_')}.gguf`);
  writeFileSync(path, gguf([['general.architecture', 'str', 'llama'], ['tokenizer.chat_template', 'str', template]]));
  const r = await lintText({ path, language: modelLanguage, rules, settings: {}, cwd: dir });
  return r.findings.filter((f) => f.ruleId === 'model/gguf-chat-template-injection');
}

// Fetched by scripts/fetch-chat-templates.mjs (CI does, and sets OCULUM_TEMPLATE_CORPUS=1: there a
// missing corpus fails instead of skipping).
describe.skipIf(corpus.length === 0 && !process.env.OCULUM_TEMPLATE_CORPUS)('real chat templates (tests/fixtures/chat-templates)', () => {
  it('the corpus is there', () => expect(corpus.length).toBeGreaterThanOrEqual(60));
  it.each(corpus)('%s', async (f) => {
    const template = readFileSync(join(CORPUS, f), 'utf8');
    expect(analyzeTemplate(template).indicators).toEqual([]);
    expect(await scanTemplate(f, template)).toEqual([]);
  });
});

// Variants of the code and prompts of real templates (render data as keys, prompts that mention
// internals, comments, raw blocks). Each was reported before: a key made of render data at high
// severity, the rest critical.
describe('constructs of real templates are not injections', () => {
  it.each([
    ["role map through |lower", "{% set names = {'user': 'User:', 'assistant': 'Assistant:'} %}{% for message in messages %}{{ names[message.role|lower] }} {{ message.content }}\n{% endfor %}"],
    ["key built from data and a suffix", "{% for message in messages %}{{ message[message.role ~ '_content'] | default(message.content) }}{% endfor %}"],
    ["key built with a prefix and loop index", "{% for message in messages %}{{ message['content_' ~ loop.index0] }}{% endfor %}"],
    ["key through %-format of data", "{% for m in messages %}{{ m['%s_text' % m.type] }}{% endfor %}"],
    ["attr filter with a data field", "{% for m in messages %}{{ m|attr('content') }}{{ m|attr(field_name|lower) }}{% endfor %}"],
    ["macro param keys", "{% macro render(obj, key) %}{{ obj[key|lower] }}{% endmacro %}{% for m in messages %}{{ render(m, 'content') }}{% endfor %}"],
    ["selectattr loop var key", "{% set prefix = {'user': 'U', 'system': 'S'} %}{% for m in messages|selectattr('role', 'ne', 'tool') %}{{ prefix[m.role|upper|lower] }}{% endfor %}"],
    ["dict items key", "{% for k, v in tool.function.parameters.properties|items %}{{ descriptions[k ~ '_desc'] }}{% endfor %}"],
    ["system prompt in template data mentions __init__ and subprocess", "You are a coding assistant. Prefer dataclasses over writing __init__ by hand; never call subprocess or eval() on user input.\n{% for message in messages %}{{ message.role }}: {{ message.content }}\n{% endfor %}"],
    ["comment mentions __class__", "{# do not access __class__ or use |attr() here #}{% for message in messages %}{{ message.content }}{% endfor %}"],
    ["prose literal mentions internals", "{{- 'You write Python. Implement __init__ and __repr__ methods; avoid os.system, subprocess and exec() calls.\\n' }}{% for message in messages %}{{ message.content }}{% endfor %}"],
    ["raw block mentions __globals__", "{% raw %}{{ x.__globals__ }}{% endraw %}{% for message in messages %}{{ message.content }}{% endfor %}"],
    ["cycler next", "{% set row = cycler('odd', 'even') %}{% for m in messages %}{{ row.next() }}{{ m.content }}{% endfor %}"],
    ["namespace and self-referencing accumulation of data", "{% set ns = namespace(sys='') %}{% for m in messages %}{% set ns.sys = ns.sys ~ m.content %}{% endfor %}{{ ns.sys }}"],
    ["str.format with data", "{% for m in messages %}{{ '{}: {}'.format(m.role, m.content) }}{{ labels['{}_label'.format(m.role)] }}{% endfor %}"],
    ["get with default", "{% for m in messages %}{{ m[m.get('key_name', 'content')] }}{% endfor %}"],
    ["key from tojson", "{% for t in tools %}{{ cache[t.function.name|tojson] }}{% endfor %}"],
    ["filename literal", "{{ 'See pkg/__init__.py for the module layout.' }}{% for m in messages %}{{ m.content }}{% endfor %}"],
  ])('%s', async (name, template) => {
    expect(analyzeTemplate(template).indicators).toEqual([]);
    expect(await scanTemplate(name, template)).toEqual([]);
  });
});

describe('obfuscated injections are still found', () => {
  it.each([
    ["empty data then constant pieces", "{{ ''[message_x ~ '__cla' ~ 'ss__'] }}"],
    ["cycle returns a constant", "{% for i in [1] %}{{ ''[loop.cycle('__cla', 'x') ~ 'ss__'] }}{% endfor %}"],
    ["python replace on empty string", "{{ ''[''|replace('', '__cla') ~ 'ss__'] }}"],
    ["underscore from a function repr", "{% set u = (lipsum|string)[18] %}{{ ''[u ~ u ~ 'class' ~ u ~ u] }}"],
    ["underscore from a generator repr", "{% set u = ([1]|map('string')|string)[22] %}{{ ''[u ~ u ~ 'class' ~ u ~ u] }}"],
    ["default then pieces", "{{ ''[(nothing|default('__cla')) ~ 'ss__'] }}"],
    ["macro laundering", "{% macro get(o, k) %}{{ o[k] }}{% endmacro %}{{ get('', (lipsum|string)[18] * 2 ~ 'class' ~ (lipsum|string)[18] * 2) }}"],
    ["split", "{{ ''['a __class__ b'.split()[1]] }}"],
    ["format field", "{{ '{0.__class__.__mro__}'.format('') }}"],
    ["upper data skeleton", "{{ ''[(nothing ~ '__CLASS__')|lower] }}"],
    ["ns accumulation over constants", "{% set ns = namespace(a='') %}{% for p in ['__cla','ss__'] %}{% set ns.a = ns.a ~ p %}{% endfor %}{{ ''[ns.a] }}"],
  ])('%s', async (name, template) => {
    const v = analyzeTemplate(template);
    expect(v.indicators.length).toBeGreaterThan(0);
    const found = await scanTemplate(name, template);
    expect(found).toHaveLength(1);
    // A known internal is critical; a key built in a way not followed is high, low confidence.
    if (v.indicators.every(isWeakIndicator)) expect(found[0]).toMatchObject({ severity: 'high', confidence: 'low' });
    else expect(found[0].severity).toBe('critical');
  });
  it('resolves what it can to the internal itself', () => {
    for (const t of [
      "{{ ''[message_x ~ '__cla' ~ 'ss__'] }}",
      "{% for i in [1] %}{{ ''[loop.cycle('__cla', 'x') ~ 'ss__'] }}{% endfor %}",
      "{{ ''[''|replace('', '__cla') ~ 'ss__'] }}",
      "{{ ''['a __class__ b'.split()[1]] }}",
      "{{ ''[(nothing ~ '__CLASS__')|lower] }}",
      "{{ ''['%s' % nothing ~ '__cla' ~ 'ss__'] }}",
      "{{ ''[nothing.strip() ~ '__cla' ~ 'ss__'] }}",
    ]) expect(analyzeTemplate(t).indicators).toContain('__class__');
  });
});

describe('strings that name internals', () => {
  it.each([
    ['__class__', ['__class__']],
    ['  __class__\n', ['__class__']],
    ['__class__.__mro__', ['__class__', '__mro__']],
    ["x['__globals__']", ['__globals__']],
    ['__CLASS__', ['__class__']],
    ['{0.__class__} and prose', ['__class__']],
    ['Implement __init__ and __repr__ by hand', []],
    ['see pkg/__init__.py', []],
    ['__classes__', []],
  ])('%j', (s, names) => expect(namedInternals(s).sort()).toEqual([...names].sort()));
});
