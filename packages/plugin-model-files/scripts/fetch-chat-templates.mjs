#!/usr/bin/env node
/**
 * Fills tests/fixtures/chat-templates/ with real chat templates of open models, for the precision
 * test of `model/gguf-chat-template-injection` (tests/chat-template-corpus.test.ts), from a package
 * of the npm registry: node-llama-cpp ships llama.cpp's source as a git bundle, whose
 * models/templates/*.jinja are the templates llama.cpp tests against, and whose
 * tests/test-chat-template.cpp holds more (tokenizer_config.json templates as C string literals).
 * The templates are third-party texts (their models' licences): they are fetched, not committed.
 *
 *   node packages/plugin-model-files/scripts/fetch-chat-templates.mjs [--version 3.22.1]
 *
 * Needs npm and git. Prints what it wrote; SOURCES.md in that folder lists every file.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'tests', 'fixtures', 'chat-templates');
const vi = process.argv.indexOf('--version');
const version = vi > 0 ? process.argv[vi + 1] : '3.22.1';

const work = mkdtempSync(join(tmpdir(), 'oculum-templates-'));
try {
  execFileSync('npm', ['pack', `node-llama-cpp@${version}`, '--silent'], { cwd: work, stdio: ['ignore', 'pipe', 'inherit'] });
  const tgz = readdirSync(work).find((f) => f.endsWith('.tgz'));
  execFileSync('tar', ['xzf', tgz, 'package/llama/gitRelease.bundle'], { cwd: work });
  execFileSync('git', ['clone', '-q', join(work, 'package/llama/gitRelease.bundle'), join(work, 'llama.cpp')], { stdio: 'inherit' });
  const repo = join(work, 'llama.cpp');
  const commit = execFileSync('git', ['-C', repo, 'rev-parse', 'HEAD']).toString().trim();
  mkdirSync(out, { recursive: true });
  const seen = new Map();
  const written = [];
  const write = (name, text, from) => {
    const h = createHash('sha256').update(text).digest('hex');
    if (seen.has(h)) return console.log(`skipped ${from}: same text as ${seen.get(h)}`);
    seen.set(h, name);
    writeFileSync(join(out, name), text);
    written.push(name);
  };
  const dir = join(repo, 'models/templates');
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.jinja')).sort()) write(`llamacpp-${f}`, readFileSync(join(dir, f)), `models/templates/${f}`);
  // tests/test-chat-template.cpp: `/* .name= */ "model", [// comments] /* .template_str= */ "…" "…"` (U8C(…) for UTF-8)
  const cpp = readFileSync(join(repo, 'tests/test-chat-template.cpp'), 'utf8');
  const esc = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", 0: '\0' };
  const cstr = (s, i) => {
    let buf = '';
    for (i++; s[i] !== '"'; i++) {
      if (s[i] !== '\\') buf += s[i];
      else if (s[++i] in esc) buf += esc[s[i]];
      else throw new Error(`escape \\${s[i]}`);
    }
    return [buf, i + 1];
  };
  const re = /\/\* \.name= \*\/ "([^"]*)",\s*(?:\/\/[^\n]*\n\s*)*\/\* \.template_str=? \*\/ (?:U8C\()?/g;
  for (const m of cpp.matchAll(re)) {
    let i = m.index + m[0].length;
    let text = '';
    for (;;) {
      while (' \t\n'.includes(cpp[i])) i++;
      if (cpp[i] !== '"') break;
      const [s, j] = cstr(cpp, i);
      text += s;
      i = j;
    }
    const model = m[1];
    let slug = model.replace(/\s*\(.*/, '').replace(/[^A-Za-z0-9.]+/g, '-').replace(/^-|-$/g, '');
    if (/granite-3\.x \(tool/.test(model)) slug = 'ibm-granite-granite-3.x-tool-call';
    else if (/granite-4\.0 \(tool/.test(model)) slug = 'ibm-granite-granite-4.0-tool-call';
    else if (/granite-4\.1 \(tool/.test(model)) slug = 'ibm-granite-granite-4.1-tool-call';
    else if (/'v1'/.test(model)) slug = 'mistralai-Mistral-7B-Instruct-v0.2-v1-system';
    write(`llamacpp-test-${slug}.jinja`, Buffer.from(text, 'utf8'), `tests/test-chat-template.cpp "${model}"`);
  }
  console.log(`${written.length} templates from ggml-org/llama.cpp ${commit} (node-llama-cpp ${version}) in ${out}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
