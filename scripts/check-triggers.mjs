#!/usr/bin/env node
// `node scripts/check-triggers.mjs [paths...]`: checks that the Python rules' prefilter triggers lose
// no finding. Each file is linted with every Python rule (all of them, policy rules configured), with
// and without the prefilter — whole, and then each top-level statement alone beside the file's
// imports and simple assignments (the rest blanked, so lines and columns do not move). A finding seen
// only without the prefilter is a trigger that misses code its rule reports.
//
// Default paths: every Python fixture, example and e2e file of the repository (the e2e suite runs
// this). Exit 1 when a finding is lost. Needs a build (`pnpm build`).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const load = (pkg) => import(pathToFileURL(path.join(root, 'packages', pkg, 'dist/index.js')).href);

/** Directories whose Python files are checked by default. */
export const DEFAULT_PATHS = ['packages/plugin-python-torch/tests', 'packages/plugin-python-hf/tests', 'examples', 'e2e/brief'];

/** Settings that switch the policy rules on (`requiresSettings`). */
const SETTINGS = { trustedPublishers: ['trusted-org'], requireSignatures: true };

/** Top-level statements kept beside every chunk: what the rest of the file may refer to. */
const CONTEXT = new Set(['import_statement', 'import_from_statement', 'future_import_statement', 'assignment']);

export function pythonFiles(paths) {
  const out = [];
  const walk = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) if (name !== 'node_modules' && name !== '.git') walk(path.join(p, name));
    } else if (/\.pyi?$/.test(p)) out.push(p);
  };
  for (const p of paths) walk(path.resolve(root, p));
  return out;
}

/**
 * Every finding of `files` that the prefilter loses: `{ file, ruleId, line, column, chunk }`.
 * `extraRules`: more `{ id, rule, level }` entries to check beside the Python rule packs;
 * `statements: false` checks whole files only (fast enough for large trees).
 */
export async function triggerLosses(files, { depth = 'standard', extraRules = [], statements = true } = {}) {
  const [{ lintText }, py, torch, hf] = await Promise.all([load('core'), load('lang-python'), load('plugin-python-torch'), load('plugin-python-hf')]);
  const { python, parsePython, initParser } = py;
  await initParser();
  const rules = [];
  for (const plugin of [torch.default, hf.default]) {
    for (const [name, rule] of Object.entries(plugin.rules)) {
      if (rule.meta.languages.includes('python')) rules.push({ id: `${plugin.meta.namespace}/${name}`, rule, level: 'error' });
    }
  }
  rules.push(...extraRules);
  const key = (f) => `${f.ruleId}@${f.line}:${f.column}`;
  const run = async (file, text, prefilter) => {
    const result = await lintText({ path: file, text, language: python, rules, settings: SETTINGS, depth, cwd: root, prefilter });
    return new Set(result.findings.map(key));
  };
  const losses = [];
  const compare = async (file, text, chunk) => {
    const on = await run(file, text, true);
    for (const k of await run(file, text, false)) {
      if (on.has(k)) continue;
      const [ruleId, at] = k.split('@');
      const [line, column] = at.split(':').map(Number);
      losses.push({ file: path.relative(root, file), ruleId, line, column, chunk });
    }
  };
  for (const file of files) {
    let text;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    await compare(file, text, 'file');
    if (!statements) continue;
    const sc = parsePython(text, file);
    const top = sc.ast.namedChildren.filter((n) => n && n.type !== 'comment').map((n) => ({ type: n.type === 'expression_statement' && n.namedChildren[0]?.type === 'assignment' ? 'assignment' : n.type, start: n.startIndex, end: n.endIndex, line: n.startPosition.row + 1 }));
    sc.dispose?.();
    for (const stmt of top) {
      if (CONTEXT.has(stmt.type)) continue;
      // Blank every other compound statement: spaces keep offsets, newlines keep lines.
      let chunk = '';
      let at = 0;
      for (const other of top) {
        if (other === stmt || CONTEXT.has(other.type)) continue;
        chunk += text.slice(at, other.start) + text.slice(other.start, other.end).replace(/[^\n]/g, ' ');
        at = other.end;
      }
      chunk += text.slice(at);
      await compare(file, chunk, `statement at line ${stmt.line}`);
    }
  }
  return losses;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    console.log(
      'usage: node scripts/check-triggers.mjs [--whole] [paths...]\n' +
        '  checks that no Python rule finding is lost by the trigger prefilter (default: the repository fixtures)\n' +
        '  --whole  whole files only, not also each top-level statement alone (for large trees)',
    );
    process.exit(0);
  }
  const whole = args.includes('--whole');
  const paths = args.filter((a) => a !== '--whole');
  const files = pythonFiles(paths.length > 0 ? paths : DEFAULT_PATHS);
  const started = performance.now();
  const losses = await triggerLosses(files, { statements: !whole });
  for (const l of losses) console.log(`${l.file}:${l.line}:${l.column}  ${l.ruleId}  lost by the prefilter (${l.chunk})`);
  console.log(`${files.length} files checked in ${((performance.now() - started) / 1000).toFixed(1)} s: ${losses.length} finding(s) lost by the prefilter`);
  process.exit(losses.length > 0 ? 1 : 0);
}
