// Single-file components: the <script> blocks of .vue and .svelte files are scanned (lang-js).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { errors, project, run } from './helpers.js';

const REPRO = fs.readFileSync(fileURLToPath(new URL('../../lang-js/tests/fixtures/sfc/p10_vue_sfc_script.vue', import.meta.url)), 'utf8');

const SVELTE = [
  '<script lang="ts">',
  "  import { pipeline, env } from '@huggingface/transformers';",
  "  env.remoteHost = 'http://models.internal:8080/';",
  '  async function run() {',
  "    return pipeline('text-generation', 'Xenova/gpt2');",
  '  }',
  '</script>',
  '',
  '<button on:click={run}>Run</button>',
  '',
].join('\n');

interface JsonFinding {
  ruleId: string;
  line: number;
  column: number;
  suppressed?: unknown;
  suggestions?: Array<{ fix: { range: [number, number]; text: string } }>;
}
interface JsonDiagnostic {
  file?: string;
  kind: string;
  message: string;
  line?: number;
}
interface JsonReport {
  files: Array<{ file: string; language: string; findings: JsonFinding[]; diagnostics: JsonDiagnostic[] }>;
  diagnostics: JsonDiagnostic[];
}

describe('oculum scan: .vue and .svelte components', () => {
  it('scans the <script> blocks of the components of a directory, at the lines and columns of the file', async () => {
    const dir = project({ 'src/App.vue': REPRO, 'src/Chat.svelte': SVELTE, 'src/index.html': '<script>pipeline("x")</script>\n' });
    const r = await run(['scan', '.', '--no-config', '-f', 'json'], { cwd: dir });
    expect(errors(r.stderr)).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    const found = Object.fromEntries(report.files.map((f) => [f.file, [f.language, ...f.findings.map((x) => `${x.line}:${x.column} ${x.ruleId}`)]]));
    expect(found).toEqual({
      'src/App.vue': [
        'javascript',
        '35:2 transformersjs/insecure-remote-host',
        '37:2 transformersjs/insecure-remote-host',
        '41:17 transformersjs/unpinned-model-revision',
        '47:17 transformersjs/unpinned-model-revision',
      ],
      'src/Chat.svelte': ['javascript', '3:3 transformersjs/insecure-remote-host', '5:12 transformersjs/unpinned-model-revision'],
    });
    // a suggestion's edit lands inside the script block, on the URL's scheme
    const host = report.files.find((f) => f.file === 'src/App.vue')!.findings[0];
    const [start, end] = host.suggestions![0].fix.range;
    expect(REPRO.slice(start, end)).toBe('http://');
    expect(start).toBeGreaterThan(REPRO.indexOf('<script'));
    expect(end).toBeLessThan(REPRO.indexOf('</script>'));
  });

  it('scan --help says that components are scanned', async () => {
    const r = await run(['scan', '--help']);
    expect(r.stdout).toContain('Files scanned:');
    expect(r.stdout).toContain('Vue, Svelte and Astro components (.vue .svelte .astro');
    expect(r.stdout).toContain('inline\n  scripts of HTML pages (.html .htm)');
  });

  it('reads a component given on standard input by its --stdin-filename', async () => {
    const r = await run(['scan', '--stdin', '--stdin-filename', 'src/Chat.svelte', '--no-config', '-f', 'json'], { cwd: project({}), stdin: SVELTE });
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.files.flatMap((f) => f.findings.map((x) => `${x.line}:${x.column}`))).toEqual(['3:3', '5:12']);
  });

  it('a component with no script block has nothing to scan; a broken one says what it could not read', async () => {
    const dir = project({
      'Static.vue': '<template><p>{{ pipeline }}</p></template>\n',
      'Broken.vue': "<template><p/></template>\n<script>\nimport { pipeline } from '@huggingface/transformers';\npipeline('x', 'org/m');\n",
    });
    const r = await run(['scan', 'Static.vue', 'Broken.vue', '--no-config', '-f', 'json'], { cwd: dir });
    const report = JSON.parse(r.stdout) as JsonReport;
    const diagnostics = (file: string) => [...report.diagnostics.filter((d) => d.file === file), ...(report.files.find((f) => f.file === file)?.diagnostics ?? [])];
    expect(diagnostics('Static.vue')).toEqual([]);
    expect(diagnostics('Broken.vue').map((d) => `${d.kind} ${d.line}: ${d.message}`)).toEqual(['parse-error 2: This <script> has no </script>: read to the end of the file']);
    // what could be read is scanned
    expect(report.files.find((f) => f.file === 'Broken.vue')?.findings.map((f) => f.ruleId)).toEqual(['transformersjs/unpinned-model-revision']);
    expect(r.stderr).not.toContain('not a file any loaded language reads');
  });

  it('a component the scanner cannot read through is not reported clean: its parse error is shown (review whole3 P6)', async () => {
    const dir = project({
      // the review repro: a <template> never closed hides the <script> that loads a model
      'Unclosed.vue': '<template>\n<div>\n<script>\nimport { pipeline } from "@huggingface/transformers";\nconst p = await pipeline("text-generation", "Xenova/gpt2");\n</script>\n',
    });
    const r = await run(['scan', 'Unclosed.vue', '--no-config', '-f', 'json'], { cwd: dir });
    const report = JSON.parse(r.stdout) as JsonReport;
    const diagnostics = [...report.diagnostics, ...report.files.flatMap((f) => f.diagnostics)].filter((d) => d.file === undefined || d.file.endsWith('Unclosed.vue'));
    expect(diagnostics.map((d) => `${d.kind} ${d.line}: ${d.message}`)).toEqual(['parse-error 1: This <template> has no </template>: the rest of the file is not read']);
    const text = await run(['scan', 'Unclosed.vue', '--no-config'], { cwd: dir });
    expect(text.stdout).toContain('This <template> has no </template>: the rest of the file is not read  [parse-error]');
    // with no trigger word anywhere in it too (the language asks for the parse: Language.mustParse)
    const quiet = project({ 'Quiet.vue': '<template>\n<div>\n<script>\nconst x = 1;\n</script>\n' });
    const q = await run(['scan', 'Quiet.vue', '--no-config'], { cwd: quiet });
    expect(q.stdout).toContain('This <template> has no </template>: the rest of the file is not read  [parse-error]');
  });

  it('an oculum-ignore comment inside the script block suppresses the finding below it', async () => {
    const text = REPRO.replace("\ttspipe = await pipeline('translation'", "\t// oculum-ignore-next-line[transformersjs/unpinned-model-revision] -- our mirror\n\ttspipe = await pipeline('translation'");
    const dir = project({ 'App.vue': text });
    const r = await run(['scan', 'App.vue', '--no-config', '-f', 'json'], { cwd: dir });
    const report = JSON.parse(r.stdout) as JsonReport;
    const findings = report.files[0].findings;
    expect(findings.filter((f) => f.suppressed).map((f) => `${f.line} ${f.ruleId}`)).toEqual(['42 transformersjs/unpinned-model-revision']);
    expect(findings.filter((f) => !f.suppressed)).toHaveLength(3);
    expect(path.basename(report.files[0].file)).toBe('App.vue');
  });
});
