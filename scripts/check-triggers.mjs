#!/usr/bin/env node
// `node scripts/check-triggers.mjs [--whole] [paths...]`: checks that the rules' prefilter triggers
// lose no finding. Each Python and JS/TS file is linted with every rule of its language (all of them,
// policy rules configured), with and without the prefilter — whole, and then each top-level statement
// alone beside the file's imports and simple assignments / variable declarations (the rest blanked,
// so lines and columns do not move). A finding seen only without the prefilter is a trigger that
// misses code its rule reports.
//
// Default paths: every fixture, example and e2e file of the repository (the e2e suite runs this).
// Exit 1 when a finding is lost. Needs a build (`pnpm build`).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { filesUnder } from './files.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const load = (pkg) => import(pathToFileURL(path.join(root, 'packages', pkg, 'dist/index.js')).href);

/** Directories whose source files are checked by default. */
export const DEFAULT_PATHS = ['packages/plugin-python-torch/tests', 'packages/plugin-python-hf/tests', 'packages/plugin-js-transformersjs/tests', 'examples', 'e2e/brief', 'e2e/triggers'];

const PYTHON = /\.(?:pyi?|ipynb)$/;
/** Jupyter notebooks: checked whole (their statements are cells' code, not the file's text). */
const NOTEBOOK = /\.ipynb$/;
const JS = /\.(?:js|mjs|cjs|jsx|ts|mts|cts|tsx)$/;

/** Settings that switch the policy rules on (`requiresSettings`). */
const SETTINGS = { trustedPublishers: ['trusted-org'], requireSignatures: true };

/** Top-level statements kept beside every chunk: what the rest of the file may refer to. */
const CONTEXT = new Set([
  // Python
  'import_statement',
  'import_from_statement',
  'future_import_statement',
  'assignment',
  // JS/TS (ESTree)
  'ImportDeclaration',
  'VariableDeclaration',
  'TSImportEqualsDeclaration',
]);

/** The Python (notebooks too) and JS/TS files under `paths` (test helpers of the rule packs excluded: not fixtures). */
export function sourceFiles(paths) {
  return filesUnder(paths, {
    root,
    skipDirs: new Set(['node_modules', '.git']),
    keep: (p) => (PYTHON.test(p) || (JS.test(p) && !/\.test\.[cm]?[jt]s$|[\\/]tests[\\/](?:helpers|rules[\\/])/.test(p))) && !p.endsWith('.d.ts'),
  });
}

/**
 * Every finding of `files` that the prefilter loses: `{ file, ruleId, line, column, chunk }`.
 * `extraRules`: more `{ id, rule, level }` entries to check beside the Python rule packs;
 * `statements: false` checks whole files only (fast enough for large trees); `minimize: true` also
 * checks each statement with only the imports and assignments its findings need (slower: a word in an
 * unrelated import can no longer hide a trigger that misses).
 */
export async function triggerLosses(files, { depth = 'standard', extraRules = [], statements = true, minimize = false } = {}) {
  const [{ lintText }, py, js, torch, hf, tjs] = await Promise.all(
    ['core', 'lang-python', 'lang-js', 'plugin-python-torch', 'plugin-python-hf', 'plugin-js-transformersjs'].map(load),
  );
  await py.initParser();
  const rules = { python: [], javascript: [] };
  for (const plugin of [torch.default, hf.default, tjs.default]) {
    for (const [name, rule] of Object.entries(plugin.rules)) {
      for (const language of Object.keys(rules)) {
        if (rule.meta.languages.includes(language)) rules[language].push({ id: `${plugin.meta.namespace}/${name}`, rule, level: 'error' });
      }
    }
  }
  for (const extra of extraRules) for (const language of Object.keys(rules)) if (extra.rule.meta.languages.includes(language)) rules[language].push(extra);
  const key = (f) => `${f.ruleId}@${f.line}:${f.column}`;
  const run = async (file, text, prefilter) => {
    const language = PYTHON.test(file) ? py.python : js.javascript;
    const result = await lintText({ path: file, text, language, rules: rules[language.id], settings: SETTINGS, depth, cwd: root, prefilter });
    return new Set(result.findings.map(key));
  };
  /** The file's top-level statements: `{ type, start, end, line }`. */
  const topLevel = (file, text) => {
    if (PYTHON.test(file)) {
      const sc = py.parsePython(text, file);
      const top = sc.ast.namedChildren
        .filter((n) => n && n.type !== 'comment')
        .map((n) => ({ type: n.type === 'expression_statement' && n.namedChildren[0]?.type === 'assignment' ? 'assignment' : n.type, start: n.startIndex, end: n.endIndex, line: n.startPosition.row + 1 }));
      sc.dispose?.();
      return top;
    }
    const sc = js.parseJs(text, file);
    return sc.ast.body.map((n) => ({ type: n.type, start: n.range[0], end: n.range[1], line: n.loc.start.line }));
  };
  /** `text` with each context statement blanked when the findings (prefilter off) stay the same. */
  const minimal = async (file, text, context) => {
    const wanted = await run(file, text, false);
    if (wanted.size === 0) return text;
    let current = text;
    for (const c of context) {
      const candidate = current.slice(0, c.start) + current.slice(c.start, c.end).replace(/[^\n]/g, ' ') + current.slice(c.end);
      const got = await run(file, candidate, false);
      if ([...wanted].every((k) => got.has(k))) current = candidate;
    }
    return current;
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
    if (!statements || NOTEBOOK.test(file)) continue;
    const top = topLevel(file, text);
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
      if (minimize) await compare(file, await minimal(file, chunk, top.filter((o) => o !== stmt && CONTEXT.has(o.type))), `statement at line ${stmt.line}, minimal imports`);
    }
  }
  return losses;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    console.log(
      'usage: node scripts/check-triggers.mjs [--whole] [paths...]\n' +
        '  checks that no rule finding (Python, JS/TS) is lost by the trigger prefilter (default: the repository fixtures)\n' +
        '  --whole     whole files only, not also each top-level statement alone (for large trees)\n' +
        '  --minimize  also each statement with only the imports and assignments its findings need',
    );
    process.exit(0);
  }
  const whole = args.includes('--whole');
  const minimize = args.includes('--minimize');
  const paths = args.filter((a) => a !== '--whole' && a !== '--minimize');
  const files = sourceFiles(paths.length > 0 ? paths : DEFAULT_PATHS);
  const started = performance.now();
  const losses = await triggerLosses(files, { statements: !whole, minimize });
  for (const l of losses) console.log(`${l.file}:${l.line}:${l.column}  ${l.ruleId}  lost by the prefilter (${l.chunk})`);
  console.log(`${files.length} files checked in ${((performance.now() - started) / 1000).toFixed(1)} s: ${losses.length} finding(s) lost by the prefilter`);
  process.exit(losses.length > 0 ? 1 : 0);
}
