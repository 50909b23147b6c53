import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as eslint9 from 'eslint';
import type { Linter } from 'eslint';
import * as eslint10 from 'eslint-v10';
import { createRule } from '@oculum/core';
import transformersjs from '@oculum/plugin-js-transformersjs';
import oculum, { checkOculumSettings, createEslintPlugin } from '../src/index.js';

// Every case runs under both majors the peer dependency allows (ESLint 9 and 10): the adapter uses
// only the rule context both keep (`context.sourceCode`, `filename`, `cwd`, `settings`, `options`).
const MAJORS = [eslint9, eslint10 as unknown as typeof eslint9];

describe.each(MAJORS.map((m) => [m.ESLint.version.split('.')[0], m] as const))('ESLint %s', (_major, { ESLint, Linter: LinterClass }) => {
  const linter = new LinterClass({ configType: 'flat' });
  const lint = (code: string, filename = 'app.js', config: Linter.Config[] = [oculum.configs.recommended]) =>
    linter.verify(code, config, { filename });

  const imports = `import { pipeline, env } from '@huggingface/transformers';\nimport * as ort from 'onnxruntime-web';\n`;

  describe('eslint-plugin-oculum', () => {
    it('adapts every JS rule of the Oculum plugin, same rule ids, generated presets', () => {
      expect(Object.keys(oculum.rules).sort()).toEqual(Object.keys(transformersjs.rules!).map((n) => `transformersjs/${n}`).sort());
      expect(oculum.configs.recommended.plugins?.oculum).toBe(oculum);
      expect(oculum.configs.recommended.rules).toEqual(
        Object.fromEntries(Object.entries(transformersjs.configs!.recommended.rules!).map(([id, level]) => [`oculum/${id}`, level])),
      );
      for (const [id, rule] of Object.entries(oculum.rules)) {
        const original = transformersjs.rules![id.split('/')[1]];
        // the same messages, one that does not say what to do followed by the remediation (see remediation.test.ts)
        expect(Object.keys(rule.meta!.messages!)).toEqual(Object.keys(original.meta.messages));
        for (const [messageId, text] of Object.entries(original.meta.messages)) expect(rule.meta!.messages![messageId].startsWith(text)).toBe(true);
        expect(rule.meta?.docs?.description).toBe(original.meta.docs.description);
      }
    });

    it('reports through the recommended config with ESLint locations', () => {
      const messages = lint(imports + `const p = await pipeline('sentiment-analysis', 'org/model');\n`);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({
        ruleId: 'oculum/transformersjs/unpinned-model-revision',
        messageId: 'missing',
        message: `pipeline loads "org/model" from the Hugging Face Hub without a pinned \`revision\`: it follows \`main\`, so the files can change under you. Fix: ${transformersjs.rules!['unpinned-model-revision'].meta.remediation}`,
        line: 3,
        column: 17,
        endLine: 3,
        endColumn: 60,
        severity: 2,
      });
    });

    it('passes the JS conformance cases under ESLint', () => {
      // The shared conformance cases live beside the repository (../shared); their absence is a failure.
      const path = fileURLToPath(new URL('../../../../shared/conformance/cases/js/model_sources.mjs', import.meta.url));
      const text = readFileSync(path, 'utf8');
      const messages = lint(text, 'model_sources.mjs');
      expect(messages.filter((m) => m.fatal)).toEqual([]);
      const lines = text.split('\n');
      lines.forEach((content, i) => {
        const m = /^\s*\/\/\s*expect:\s*(\w+)\s*$/.exec(content);
        if (!m) return;
        let j = i + 1;
        while (!lines[j].trim() || /^\s*\/\//.test(lines[j])) j++;
        const hits = messages.filter((msg) => msg.line <= j + 1 && (msg.endLine ?? msg.line) >= j + 1);
        if (m[1] === 'none') expect(hits, `line ${j + 1}`).toEqual([]);
        else expect(hits.length, `line ${j + 1}`).toBeGreaterThan(0);
      });
    });

    it('honours eslint-disable comments', () => {
      const code =
        imports +
        `// eslint-disable-next-line oculum/transformersjs/unpinned-model-revision -- reviewed\n` +
        `await pipeline('x', 'org/a');\n` +
        `await pipeline('x', 'org/b'); // eslint-disable-line oculum/transformersjs/unpinned-model-revision\n` +
        `/* eslint-disable oculum/transformersjs/onnx-model-from-remote-url */\n` +
        `await ort.InferenceSession.create('https://cdn.example.com/m.onnx');\n` +
        `/* eslint-enable oculum/transformersjs/onnx-model-from-remote-url */\n` +
        `await ort.InferenceSession.create('https://cdn.example.com/n.onnx');\n` +
        `await pipeline('x', 'org/c');\n`;
      const messages = lint(code, 'app.mjs');
      expect(messages.map((m) => [m.ruleId, m.line])).toEqual([
        ['oculum/transformersjs/onnx-model-from-remote-url', 9],
        ['oculum/transformersjs/unpinned-model-revision', 10],
      ]);
    });

    it('forwards suggestions', () => {
      const code = imports + `env.remoteHost = 'http://mirror.example.com/';\n`;
      const [message] = lint(code);
      expect(message.ruleId).toBe('oculum/transformersjs/insecure-remote-host');
      expect(message.suggestions).toHaveLength(1);
      const suggestion = message.suggestions![0];
      expect(suggestion.desc).toBe('Use https://');
      const fixed = code.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + code.slice(suggestion.fix.range[1]);
      expect(fixed).toBe(imports + `env.remoteHost = 'https://mirror.example.com/';\n`);
    });

    it('forwards autofixes of fixable Oculum rules (verifyAndFix)', () => {
      const upgrade = createRule({
        name: 'upgrade-http',
        meta: {
          detector: 'unverified_model_source',
          severity: 'high',
          languages: ['javascript'],
          triggers: ['http://'],
          docs: { description: 'test rule', recommended: true },
          messages: { http: 'plain HTTP' },
          remediation: 'use https',
          fixable: 'code',
        },
        create(context) {
          return {
            Literal(node: { value: unknown; range: [number, number] }) {
              if (typeof node.value === 'string' && node.value.startsWith('http://')) {
                context.report({ node: node as never, messageId: 'http', fix: (fixer) => fixer.replaceText([node.range[0] + 1, node.range[0] + 8], 'https://') });
              }
            },
          };
        },
      });
      const custom = createEslintPlugin([{ meta: { name: 'test', version: '0.0.0', namespace: 'test' }, rules: { 'upgrade-http': upgrade }, configs: { recommended: { rules: { 'test/upgrade-http': 'error' } } } }]);
      const result = linter.verifyAndFix(`const a = 'http://x.example/m.onnx';\n// eslint-disable-next-line oculum/test/upgrade-http\nconst b = 'http://y.example/m.onnx';\n`, [custom.configs.recommended], { filename: 'x.js' });
      expect(result.fixed).toBe(true);
      expect(result.output).toBe(`const a = 'https://x.example/m.onnx';\n// eslint-disable-next-line oculum/test/upgrade-http\nconst b = 'http://y.example/m.onnx';\n`);
      expect(result.messages).toEqual([]);
      // A plugin without `configs` gets the presets of its rules' `meta.docs`, as in an Oculum scan.
      const bare = createEslintPlugin([{ meta: { name: 'test', version: '0.0.0', namespace: 'test' }, rules: { 'upgrade-http': upgrade } }]);
      expect(bare.configs.recommended.rules).toEqual({ 'oculum/test/upgrade-http': 'error' });
      expect(linter.verify(`const a = 'http://x.example/m.onnx';\n`, [bare.configs.recommended], { filename: 'x.js' }).map((m) => m.ruleId)).toEqual(['oculum/test/upgrade-http']);
    });

    // (review author36 P1-3) a rule that throws reports one problem on that file and stops there; the run goes on
    it('a rule that throws reports one problem at line 1 and stops for that file; other rules and files are kept', () => {
      const throwing = createRule({
        name: 'throws',
        meta: { detector: 'unsafe_model_load', severity: 'high', languages: ['javascript'], triggers: [], docs: { description: 'd', recommended: true }, messages: { m: 'M' }, remediation: 'r' },
        create() {
          return {
            Literal(node: { value: unknown }) {
              if (node.value === 'boom') throw new TypeError('boom');
            },
          };
        },
      });
      const custom = createEslintPlugin([transformersjs, { meta: { name: 'test', version: '0.0.0', namespace: 'test' }, rules: { throws: throwing } }]);
      const config: Linter.Config[] = [custom.configs.recommended, { rules: { 'oculum/test/throws': 'error' } }];
      const messages = linter.verify(imports + `const p = await pipeline('sentiment-analysis', 'org/model');
const a = 'boom';
const b = 'boom';
`, config, { filename: 'x.js' });
      expect(messages.map((m) => [m.ruleId, m.line])).toEqual([
        ['oculum/test/throws', 1],
        ['oculum/transformersjs/unpinned-model-revision', 3],
      ]);
      expect(messages[0].message).toMatch(/^Oculum rule "test\/throws" failed on this file at line 4: TypeError: boom \(thrown at .*eslint\.test\.ts:\d+:\d+\); no further findings of this rule in this file/);
      expect(linter.verify(`const c = 'fine';\n`, config, { filename: 'y.js' })).toEqual([]);
    });

    // (review author36 P3) one finding per URL, as in a scan: the loader rule reports it, `http-model-url` leaves it
    it('reports a plain-HTTP URL a loader rule reports once, as the CLI does', () => {
      const code = `import * as ort from 'onnxruntime-web';\nexport const s = ort.InferenceSession.create('http://cdn.example.com/model.onnx');\n`;
      expect(lint(code, 'a.js', [oculum.configs.all]).map((m) => m.ruleId)).toEqual(['oculum/transformersjs/onnx-model-from-remote-url']);
      // with the loader rule off, the URL is still reported, by http-model-url
      expect(lint(code, 'a.js', [oculum.configs.all, { rules: { 'oculum/transformersjs/onnx-model-from-remote-url': 'off' } }]).map((m) => m.ruleId)).toEqual(['oculum/transformersjs/http-model-url']);
    });

    it('under minConfidence, http-model-url reports a URL whose loader finding is below the floor (review s36js P2)', () => {
      const code = `import * as ort from 'onnxruntime-web';\nexport const s = ort.InferenceSession.create(process.env.MODEL_URL || 'http://models.example.com/m.onnx');\n`;
      const messages = lint(code, 'a.js', [oculum.configs.all, { settings: { oculum: { minConfidence: 'high' } } }]);
      expect(messages.map((m) => m.ruleId)).toEqual(['oculum/transformersjs/http-model-url']);
    });

    it('createEslintPlugin says what is wrong with its input', () => {
      const rule = transformersjs.rules!['unpinned-model-revision'];
      expect(() => createEslintPlugin({ rules: {} } as never)).toThrow('createEslintPlugin(plugins): plugins must be an array of Oculum plugins');
      expect(() => createEslintPlugin([{ rules: { r: rule } } as never])).toThrow('plugins[0] needs meta.namespace');
      expect(() => createEslintPlugin([{ meta: { name: 'x', version: '0', namespace: 'x' }, rules: [rule] } as never])).toThrow('rules must be an object keyed by rule name');
      expect(() => createEslintPlugin([transformersjs, { meta: { name: 'y', version: '0', namespace: 'transformersjs' }, rules: {} }])).toThrow('the namespace "transformersjs" is given twice');
    });

    it('passes rule options through', () => {
      const code = imports + `env.remoteHost = 'https://models.corp.example/';\n`;
      expect(lint(code)).toHaveLength(1);
      const config: Linter.Config[] = [
        oculum.configs.recommended,
        { rules: { 'oculum/transformersjs/insecure-remote-host': ['error', { allowedHosts: ['corp.example'] }] } },
      ];
      expect(lint(code, 'app.js', config)).toEqual([]);
    });

    it('reads Oculum settings from settings.oculum', () => {
      const code = imports + `await pipeline('x', 'stranger/model', { revision: '0123456789abcdef0123456789abcdef01234567' });\n`;
      expect(lint(code)).toEqual([]);
      const config: Linter.Config[] = [oculum.configs.recommended, { settings: { oculum: { trustedPublishers: ['acme'] } } }];
      expect(lint(code, 'app.js', config).map((m) => [m.ruleId, m.messageId])).toEqual([['oculum/transformersjs/untrusted-publisher', 'unknownPublisher']]);
    });

    it('drops findings below settings.oculum.minConfidence', () => {
      const code = imports + `export function f(id) { return pipeline('x', id); }\nawait pipeline('x', 'org/name');\n`;
      expect(lint(code).map((m) => m.line)).toEqual([3, 4]);
      const config: Linter.Config[] = [oculum.configs.recommended, { settings: { oculum: { minConfidence: 'medium' } } }];
      expect(lint(code, 'app.mjs', config).map((m) => m.line)).toEqual([4]);
    });

    it('settings.oculum.depth "deep" reads constants imported from the project\'s relative modules', () => {
      const dir = mkdtempSync(join(tmpdir(), 'oculum-eslint-deep-'));
      try {
        writeFileSync(join(dir, 'config.js'), "export const MODEL_URL = 'https://cdn.example.com/models/encoder.onnx';\n");
        const code = `import * as ort from 'onnxruntime-web';\nimport { MODEL_URL } from './config.js';\nexport const s = await ort.InferenceSession.create(MODEL_URL);\n`;
        const file = join(dir, 'app.mjs');
        writeFileSync(file, code);
        const at = (depth: string) => new LinterClass({ configType: 'flat', cwd: dir }).verify(code, [oculum.configs.recommended, { settings: { oculum: { depth } } }], { filename: file }).map((m) => m.message);
        expect(at('standard')).toEqual([expect.stringMatching(/downloads the model from `MODEL_URL`.*confidence: low|downloads the model from `MODEL_URL`/)]);
        expect(at('deep')).toEqual([expect.stringMatching(/downloads the model from "https:\/\/cdn\.example\.com\/models\/encoder\.onnx"/)]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('rejects settings.oculum values that would silently change what is reported', () => {
      const code = imports + `await pipeline('x', 'org/name');\n`;
      const cases: Array<[Record<string, unknown>, RegExp]> = [
        [{ oculum: { trustedPublishers: 'acme' } }, /settings\.oculum\.trustedPublishers must be a list of publisher names.*got "acme"/],
        [{ oculum: { trustedPublishers: ['acme', 3] } }, /settings\.oculum\.trustedPublishers must be a list/],
        [{ oculum: { trustedPublisher: ['acme'] } }, /settings\.oculum\.trustedPublisher is not an Oculum setting; did you mean "trustedPublishers"\?/],
        [{ oculum: { requireSignature: true } }, /did you mean "requireSignatures"\?/],
        [{ oculum: { depth: 'deeep' } }, /settings\.oculum\.depth must be one of "quick", "standard", "deep", got "deeep"/],
        [{ oculum: { minConfidence: 'hi' } }, /settings\.oculum\.minConfidence must be one of "low", "medium", "high", got "hi"/],
        [{ oculum: ['acme'] }, /settings\.oculum must be an object/],
        [{ trustedPublishers: ['acme'] }, /settings\.trustedPublishers is not read by eslint-plugin-oculum: Oculum settings go under settings\.oculum/],
      ];
      for (const [settings, message] of cases) {
        const config: Linter.Config[] = [oculum.configs.recommended, { settings }];
        expect(() => lint(code, 'app.js', config), JSON.stringify(settings)).toThrow(message);
      }
      // Other plugins' settings, keys far from any Oculum setting, and valid values are left alone.
      const fine: Linter.Config[] = [
        oculum.configs.recommended,
        { settings: { react: { version: '18' }, oculum: { trustedPublishers: ['org'], requireSignatures: false, depth: 'quick', minConfidence: 'low', acmeMirror: 'x' } } },
      ];
      expect(lint(code, 'app.js', fine).map((m) => m.ruleId)).toEqual(['oculum/transformersjs/unpinned-model-revision']);
      expect(checkOculumSettings({ oculum: { trustedPublishers: ['org'] } })).toEqual([]);
    });

    it('stays silent on files of other ESLint languages (JSON, Markdown) that a preset without `files` reaches', () => {
      const jsonLike = {
        meta: { name: 'fake-json' },
        languages: {
          json: {
            fileType: 'text',
            lineStart: 1,
            columnStart: 1,
            nodeTypeKey: 'type',
            visitorKeys: { Document: [] },
            validateLanguageOptions() {},
            parse(file: { body: string }) {
              return { ok: true, ast: { type: 'Document', loc: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }, range: [0, file.body.length] } };
            },
            createSourceCode(file: { body: string }, { ast }: { ast: unknown }) {
              return {
                ast,
                text: file.body,
                lines: file.body.split('\n'),
                visitorKeys: { Document: [] },
                getLoc: (node: { loc: unknown }) => node.loc,
                getRange: (node: { range: unknown }) => node.range,
                traverse: () => [],
                getInlineConfigNodes: () => [],
                getDisableDirectives: () => ({ problems: [], directives: [] }),
                applyInlineConfig: () => ({ configs: [], problems: [] }),
                finalize() {},
              };
            },
          },
        },
      };
      const config: Linter.Config[] = [oculum.configs.all, { files: ['**/*.json'], plugins: { fake: jsonLike as never }, language: 'fake/json' }];
      const text = '{ "model": "http://cdn.example.com/m.onnx", "load": "pipeline(\'x\', \'org/m\')" }';
      expect(linter.verify(text, config, { filename: 'models.json' })).toEqual([]);
      // The same config still reports in JS files.
      expect(lint(imports + `await pipeline('x', 'org/name');\n`, 'app.js', config)).toHaveLength(1);
    });

    it('ignores comments, JSDoc and unrelated methods', () => {
      const code = `/** pipeline('x', 'org/name') and ort.InferenceSession.create('http://x/m.onnx') */\n// eval(config.code)\nstore.load('weights');\n`;
      expect(lint(code)).toEqual([]);
    });

    it('reads an escaped module specifier as the engine does (the prefilter reads escapes decoded)', () => {
      const code = "import { pipeline } from '@huggingface/transform\\u0065rs';\nawait pipeline('x', 'org/model');\n";
      expect(lint(code, 'app.mjs').map((m) => m.ruleId)).toEqual(['oculum/transformersjs/unpinned-model-revision']);
    });

    it('works through the ESLint class with a flat config', async () => {
      const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: [oculum.configs.recommended] });
      const [result] = await eslint.lintText(imports + `await ort.InferenceSession.create('http://cdn.example.com/m.onnx');\n`, { filePath: 'web/app.mjs' });
      // the URL the ONNX rule reports at the load is left out by http-model-url, as in a scan (the Oculum
      // rules ESLint creates for the file are its `enabledRules`)
      expect(result.messages.map((m) => [m.ruleId, m.messageId, m.line])).toEqual([['oculum/transformersjs/onnx-model-from-remote-url', 'http', 3]]);
      expect(result.messages[0].suggestions?.[0].fix.text).toBe('https://');
    });

    it('builds one semantic model per file and never re-parses', () => {
      const code = imports + `await pipeline('x', 'org/a');\nenv.remoteHost = 'http://m.example/';\n`;
      const messages = lint(code, 'app.js', [oculum.configs.all]);
      expect(messages.map((m) => m.ruleId).sort()).toEqual(['oculum/transformersjs/insecure-remote-host', 'oculum/transformersjs/unpinned-model-revision']);
    });

    it('http-model-url alone reports the URL a loader rule would report at the load (review problem 4)', () => {
      const code =
        "import * as ort from 'onnxruntime-web';\n\nconst MODEL_URL = 'http://cdn.example.com/models/model.onnx';\n" +
        'export async function start() {\n  return ort.InferenceSession.create(MODEL_URL);\n}\n';
      const only: Linter.Config[] = [{ plugins: { oculum }, rules: { 'oculum/transformersjs/http-model-url': 'error' } }];
      expect(lint(code, 'app.js', only).map((m) => [m.ruleId, m.line])).toEqual([['oculum/transformersjs/http-model-url', 3]]);
      const loaderOff: Linter.Config[] = [
        oculum.configs.recommended,
        { rules: { 'oculum/transformersjs/onnx-model-from-remote-url': 'off', 'oculum/transformersjs/tfjs-model-from-remote-url': 'off' } },
      ];
      expect(lint(code, 'app.js', loaderOff).map((m) => [m.ruleId, m.line])).toEqual([['oculum/transformersjs/http-model-url', 3]]);
    });
  });

  describe('documented flat config', () => {
    it('`import oculum from "eslint-plugin-oculum"; export default [oculum.configs.recommended]` works', async () => {
      const cwd = new URL('./fixtures/project/', import.meta.url).pathname;
      const eslint = new ESLint({ cwd });
      const [result] = await eslint.lintFiles(['app.mjs']);
      expect(result.messages.map((m) => [m.ruleId, m.line])).toEqual([['oculum/transformersjs/unpinned-model-revision', 3]]);
    });
  });

  describe('examples/ under ESLint', () => {
    const examples = new URL('../../../examples/', import.meta.url).pathname;
    const lintDir = async (dir: string) => {
      const eslint = new ESLint({ cwd: examples, overrideConfigFile: true, overrideConfig: [{ files: ['**/*.{js,mjs}'] }, oculum.configs.recommended] });
      const results = await eslint.lintFiles([`${dir}/**/*.{js,mjs}`]);
      return results.flatMap((r) => r.messages.map((m) => `${r.filePath.slice(examples.length)}:${m.line} ${m.ruleId}`));
    };

    it('reports the vulnerable app like the Oculum CLI does', async () => {
      const found = await lintDir('transformersjs-app');
      // the CLI's 10 (http-model-url leaves the URL the ONNX rule reports at the load, as in a scan)
      expect(found).toHaveLength(10);
      expect(found).not.toContain('transformersjs-app/src/detector.js:3 oculum/transformersjs/http-model-url');
      expect(found).toContain('transformersjs-app/src/detector.js:10 oculum/transformersjs/dynamic-code-from-model-data');
      expect(found).toContain('transformersjs-app/server/models.mjs:23 oculum/transformersjs/public-model-upload');
    });

    it('finds nothing in the fixed twin', async () => {
      expect(await lintDir('transformersjs-app-fixed')).toEqual([]);
    });
  });

  describe('TypeScript through a typescript-estree parser (the tree typescript-eslint hands to rules)', () => {
    // typescript-eslint is not a dependency here; its parser is typescript-estree + visitor keys,
    // both installed for @oculum/lang-js.
    const requireFromLangJs = createRequire(new URL('../../lang-js/package.json', import.meta.url));
    const { parse } = requireFromLangJs('@typescript-eslint/typescript-estree');
    const { visitorKeys } = requireFromLangJs('@typescript-eslint/visitor-keys');
    const tsParser = {
      meta: { name: 'typescript-estree-test-parser' },
      parseForESLint(text: string) {
        return { ast: parse(text, { range: true, loc: true, tokens: true, comment: true, filePath: 'x.ts' }), visitorKeys };
      },
    };

    it('reports in .ts files with type annotations, assertions and generics', () => {
      const code =
        "import * as ort from 'onnxruntime-node';\n" +
        "import { AutoModel } from '@huggingface/transformers';\n" +
        "const URL_: string = 'http://cdn.example.com/model.onnx' as const;\n" +
        'export async function load<T>(opts?: { revision?: string }): Promise<T> {\n' +
        '  const session = await (ort as typeof ort).InferenceSession.create(URL_);\n' +
        "  const model = await AutoModel.from_pretrained('org/name', opts!);\n" +
        '  return [session, model] as unknown as T;\n' +
        '}\n';
      const messages = linter.verify(code, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, { ...oculum.configs.recommended, files: ['**/*.ts'] }], { filename: 'load.ts' });
      expect(messages.filter((m) => m.fatal)).toEqual([]);
      expect(messages.map((m) => [m.ruleId, m.line])).toEqual([
        // the plain-HTTP URL_ of line 3, reported where InferenceSession.create loads it (once, as in a scan)
        ['oculum/transformersjs/onnx-model-from-remote-url', 5],
        ['oculum/transformersjs/unpinned-model-revision', 6],
      ]);
    });
  });
});
