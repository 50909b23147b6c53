import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { oculum } from './helpers.js';

interface JsonFinding { ruleId: string; line: number; column: number; endLine: number; endColumn: number; suppressed?: unknown }
interface JsonFile { file: string; findings: JsonFinding[]; diagnostics?: unknown[] }

const CALL = "pipeline('sentiment-analysis', 'Xenova/distilbert-base-uncased-finetuned-sst-2-english')";

/** A directory holding `files`, removed when the test ends. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'oculum-html-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

/** `scan <dir> --format json`: each file's findings as `ruleId line:column` (by base name). */
function scan(dir: string): Map<string, string[]> {
  const r = oculum(['scan', dir, '--format', 'json']);
  expect(r.status === 0 || r.status === 1, r.stderr).toBe(true);
  const doc = JSON.parse(r.stdout) as { files: JsonFile[] };
  const out = new Map<string, string[]>();
  for (const f of doc.files) out.set(path.basename(f.file), f.findings.filter((x) => !x.suppressed).map((x) => `${x.ruleId} ${x.line}:${x.column}`));
  return out;
}

describe('HTML pages and Astro components through the CLI', () => {
  it('reports a transformers.js call in an HTML module script at its line and column in the page, and nothing in a template script or a comment', () => {
    const page = [
      '<!DOCTYPE html>',
      '<html>',
      '<head>',
      '  <title>Sentiment</title>',
      '  <script type="module">',
      "    import { pipeline } from 'https://cdn.jsdelivr.net/npm/@huggingface/transformers@3';",
      `    const classifier = await ${CALL};`,
      '  </script>',
      '</head>',
      '<body></body>',
      '</html>',
      '',
    ].join('\n');
    const inert = [
      '<!DOCTYPE html>',
      '<html><head>',
      '<script type="module">',
      "  import { pipeline } from 'https://cdn.jsdelivr.net/npm/@huggingface/transformers@3';",
      '</script>',
      '<script type="text/x-template">',
      `  const classifier = await ${CALL};`,
      '</script>',
      '<!--',
      '<script type="module">',
      `  const classifier = await ${CALL};`,
      '</script>',
      '-->',
      '</head></html>',
      '',
    ].join('\n');
    const dir = project({ 'index.html': page, 'inert.htm': inert });
    const found = scan(dir);
    const column = page.split('\n')[6].indexOf('pipeline(') + 1;
    expect(column).toBe(30);
    expect(found.get('index.html')).toContain(`transformersjs/unpinned-model-revision 7:${column}`);
    expect(found.get('inert.htm') ?? []).toEqual([]);
  });

  it('reads the frontmatter and the scripts of an .astro component', () => {
    const component = [
      '---',
      "import { pipeline } from '@huggingface/transformers';",
      `const classifier = await ${CALL};`,
      '---',
      '<p>{classifier}</p>',
      '<script>',
      "  import { pipeline } from '@huggingface/transformers';",
      `  const client = await ${CALL};`,
      '</script>',
      '',
    ].join('\n');
    const found = scan(project({ 'index.astro': component }));
    expect(found.get('index.astro')).toEqual(expect.arrayContaining(['transformersjs/unpinned-model-revision 3:26', 'transformersjs/unpinned-model-revision 8:24']));
  });
});
