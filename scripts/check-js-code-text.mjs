#!/usr/bin/env node
// `node scripts/check-js-code-text.mjs [paths...]`: checks `jsCodeText` (the JS/TS prefilter text of
// @oculum/lang-js) and `jsComments` (the comments the language uses instead of the parser's) against
// typescript-estree. For every JS/TS file that parses, each span the scanner leaves out must be
// exactly one comment the parser reports: leaving out anything else could hide a trigger; and
// `jsComments`, when it gives a list, must be the parser's list (type, value, range). Prints how many files were checked, how many the scanner returned unchanged (unsure) and
// how many comments it left out; exit 1 on any span that is not a comment. Needs a build.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { filesUnder } from './files.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { jsCodeText, jsComments } = await import(pathToFileURL(path.join(root, 'packages/lang-js/dist/index.js')).href);
const require = createRequire(path.join(root, 'packages/lang-js/package.json'));
const { parse } = require('@typescript-eslint/typescript-estree');

const JS = /\.(?:js|mjs|cjs|jsx|ts|mts|cts|tsx)$/;
const paths = process.argv.slice(2).length ? process.argv.slice(2) : ['packages/plugin-js-transformersjs/tests', 'packages/lang-js/tests', 'examples', 'e2e'];
const files = filesUnder(paths, { root, keep: (p, st) => JS.test(p) && !p.endsWith('.d.ts') && st.size < 2 * 1024 * 1024 });

let checked = 0;
let unchanged = 0;
let comments = 0;
let bad = 0;
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue; // gone since it was listed (a tool's temporary file)
  }
  let ast;
  try {
    ast = parse(text, { comment: true, range: true, jsx: /\.(?:js|mjs|cjs|jsx|tsx)$/.test(file), filePath: file, loggerFn: false });
  } catch {
    continue; // not valid JS/TS here: nothing to compare with
  }
  checked++;
  // The comments the language uses instead of the parser's: the same list, whenever it gives one.
  const scanned = jsComments(text);
  if (scanned !== undefined) {
    const same =
      scanned.length === ast.comments.length &&
      scanned.every((c, k) => c.type === ast.comments[k].type && c.value === ast.comments[k].value && c.range[0] === ast.comments[k].range[0] && c.range[1] === ast.comments[k].range[1]);
    if (!same) {
      bad++;
      const k = scanned.findIndex((c, j) => !ast.comments[j] || c.range[0] !== ast.comments[j].range[0] || c.range[1] !== ast.comments[j].range[1] || c.value !== ast.comments[j].value);
      console.log(`${path.relative(root, file)}: jsComments differs from the parser's comments (${scanned.length} against ${ast.comments.length}, first at #${k})`);
      continue;
    }
  }
  const out = jsCodeText(text);
  if (out === text) {
    unchanged++; // unsure, or no comment at all
    continue;
  }
  // Rebuild the output from the parser's comments, each replaced by one space: when the scanner left
  // out exactly some comments, one subset of them gives its output. It leaves out every comment it
  // sees, so it must be all of them (the scanner gives up rather than skip a comment it cannot place).
  let expected = '';
  let at = 0;
  for (const c of ast.comments) {
    expected += text.slice(at, c.range[0]) + ' ';
    at = c.range[1];
  }
  expected += text.slice(at);
  if (out === expected) {
    comments += ast.comments.length;
    continue;
  }
  bad++;
  let k = 0;
  while (k < out.length && out[k] === expected[k]) k++;
  console.log(`${path.relative(root, file)}: differs from the parser's comments at output offset ${k}: ${JSON.stringify(out.slice(Math.max(0, k - 40), k + 40))}`);
}
console.log(`${checked} files checked: ${checked - unchanged} with ${comments} comments left out, ${unchanged} returned unchanged, ${bad} wrong`);
process.exit(bad > 0 ? 1 : 0);
