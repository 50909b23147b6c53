/**
 * Prefilter triggers (`meta.triggers`, `meta.triggerGroups`) that know Python's import syntax.
 */

import { requiredLiterals, type Trigger, type TriggerTest } from '@oculum/core';
import { APOS, closingBracket, isIdentifierChar, QUOTE } from './code-text.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A trigger that matches wherever the text can import one of `modules` as a top-level package:
 *
 * - after `import` on the same logical line (`import os, datasets as ds`, backslash continuations
 *   included; a `;` ends the statement);
 * - right after `from` (`from datasets import load_dataset`, `from datasets.load import x`);
 * - right after a quote (`importlib.import_module("datasets")`, `__import__('datasets')`,
 *   `sys.modules["datasets"]`).
 *
 * A qualified name rooted in a module (`datasets.load_dataset`) needs one of these spellings, since
 * relative imports keep their dots; the same word in prose (a docstring-like string argument, an
 * error message) does not count. `importTrigger(['evaluate'])` matches `import evaluate` but not
 * `"evaluate the model"`.
 */
export function importTrigger(modules: readonly string[]): RegExp {
  if (modules.length === 0) throw new TypeError('importTrigger: give at least one module name');
  const names = modules.map(escape).join('|');
  // The span after `import` stops at the next `import` (a keyword: never a name in the statement), so
  // the scan stays linear even over a line of nothing but `import import import …`.
  return new RegExp(String.raw`(?:\bimport\b(?:(?!\bimport\b)(?:[^\n;\\]|\\[\s\S]))*?|\bfrom(?:[ \t\f]|\\\r?\n)+|["'])\b(?:${names})\b`);
}

/**
 * Triggers that match wherever the text can refer to `name`, a function of one of `modules`, in a
 * spelling the semantic model resolves to it:
 *
 * - as an attribute of something that may be one of the modules: `torch.load`, `serialization.load`
 *   (the last part of a module's name), `torch . load`, `torch.\` + newline + `load`; of a name bound
 *   somewhere in the file by an import alias, an assignment or a target list (`import torch as th`,
 *   `self.t = torch`, `mod, x = torch, 1`, `with … as m`); or of a call or subscript
 *   (`importlib.import_module("torch").load`, `sys.modules["torch"].load`);
 * - in an import list: `from torch import load`, `import save, load`, `import (\n    load,\n)`,
 *   backslash continuations included (and after `(` or `,` anywhere);
 * - quoted alone: `getattr(torch, "load")`, `setattr(torch, 'load', f)`, `mock.patch.object(torch, "load")`;
 * - or anywhere once one of `modules` is star-imported (`from torch import *`, then `load(p)`).
 *
 * A bare `load` that none of these reaches (`def load(...)`, `load(x)` of a local function, the
 * word in a message) does not count: a name resolves into a module only through an import, an
 * attribute or a string, and each of those spells the name after `.`, `import`, `,`, `(` or a quote.
 * Nor does `json.load(f)` or `self.load()` in a file where `json` and `self` are bound only as
 * themselves: the receiver of an attribute resolves to a module only through an import of it (its
 * last name) or a binding of the receiver's own name (`as`, `=`, `:`, `,`, `)`, `]` after it), and
 * every such binding is spelled in the file. Give the result to `meta.triggers` (spread: it is a list).
 */
export function memberTrigger(name: string, modules: readonly string[]): Trigger[] {
  if (typeof name !== 'string' || !/^[A-Za-z_]\w*$/.test(name)) throw new TypeError(`memberTrigger: ${JSON.stringify(name)} is not a Python name`);
  if (!Array.isArray(modules) || !modules.every((m) => typeof m === 'string' && /^[A-Za-z_][\w.]*$/.test(m))) {
    throw new TypeError(`memberTrigger: modules must be an array of module names (["torch", "torch.serialization"]), not ${JSON.stringify(modules)}`);
  }
  if (modules.length === 0) throw new TypeError('memberTrigger: give at least one module name');
  const gap = String.raw`(?:\s|\\)`;
  const receivers = new Set(modules.map((m) => m.slice(m.lastIndexOf('.') + 1)));
  const test: TriggerTest = {
    literals: [name],
    test: (text) => memberOccurs(text, name, receivers),
  };
  return [test, new RegExp(String.raw`\bfrom${gap}+(?:${modules.map(escape).join('|')})${gap}+import(?:${gap}|\()*\*`)];
}

/** Receivers checked for a binding per text before the test gives up and says yes (keeps it linear). */
const MAX_RECEIVERS = 16;

function memberOccurs(text: string, name: string, receivers: ReadonlySet<string>): boolean {
  const bound = new Map<string, boolean>();
  for (let i = text.indexOf(name); i !== -1; i = text.indexOf(name, i + 1)) {
    const after = i + name.length;
    if (i > 0 && isIdentifierChar(text.charCodeAt(i - 1))) continue;
    if (after < text.length && isIdentifierChar(text.charCodeAt(after))) continue;
    const before = text.charCodeAt(i - 1);
    if ((before === QUOTE || before === APOS) && (text.charCodeAt(after) === QUOTE || text.charCodeAt(after) === APOS)) return true;
    const j = skipGapBack(text, i - 1);
    if (j < 0) continue;
    const c = text.charCodeAt(j);
    if (c === 0x2c /* , */ || c === 0x28 /* ( */) return true;
    if (c === 0x74 /* t */ && j >= 5 && text.startsWith('import', j - 5) && (j === 5 || !isIdentifierChar(text.charCodeAt(j - 6)))) return true;
    if (c !== 0x2e /* . */) continue;
    // An attribute: what is it of?
    const k = skipGapBack(text, j - 1);
    if (k < 0) return true;
    const r = text.charCodeAt(k);
    if (!isIdentifierChar(r)) {
      if (r === 0x2e) continue; // `..load`: a relative import's dots (`from ..load import x`)
      return true; // `import_module("torch").load`, `sys.modules["torch"].load`, anything odd
    }
    let s = k;
    while (s > 0 && isIdentifierChar(text.charCodeAt(s - 1))) s--;
    const receiver = text.slice(s, k + 1);
    if (receivers.has(receiver)) return true;
    let hit = bound.get(receiver);
    if (hit === undefined) {
      if (bound.size >= MAX_RECEIVERS || !/^[A-Za-z_]\w*$/.test(receiver)) return true;
      hit = new RegExp(String.raw`\bas(?:\s|\\)+${receiver}\b|\b${receiver}(?:\s|\\)*[=:,)\]]`).test(text);
      bound.set(receiver, hit);
    }
    if (hit) return true;
  }
  return false;
}

/**
 * A trigger for calls of local or unknown helpers named like something a rule looks for, that the
 * rule reports only when `words` occur in the callee's name or in its argument list (the whole
 * `(...)`, strings included). `callee` says which calls: either a RegExp that matches from somewhere
 * in the name to the call's `(` (its last character), or a test of the called name itself (the
 * identifier right before the `(`, across whitespace and continuations: `fetch_corpus`, not
 * `self.fetch_corpus`), which then needs `literals`. `words` is tested on the name (from its first
 * character) and then on the argument list, found with `closingBracket`. A call whose arguments
 * cannot be delimited with certainty counts. Linear: an argument list scanned once is not scanned
 * again for the calls inside it.
 * `literals`: one of them occurs in every call `callee` accepts (by default, for a RegExp,
 * `requiredLiterals(callee)`). A test of the name is the cheaper form when the names are many
 * spellings: the text is searched for `(` only, not for each spelling at every offset.
 */
export function callTrigger(callee: RegExp | ((name: string) => boolean), words: RegExp, literals?: readonly string[]): TriggerTest {
  const named = typeof callee === 'function';
  if (!named && (!(callee instanceof RegExp) || !callee.source.endsWith('\\('))) {
    throw new TypeError(`callTrigger: callee must be a RegExp that ends at the call's \`(\` (/fetch\\w*\\s*\\(/) or a test of the called name, not ${String(callee)}`);
  }
  if (!(words instanceof RegExp)) throw new TypeError(`callTrigger: words must be a RegExp (/data|corpus/i), not ${JSON.stringify(words)}`);
  if (literals !== undefined && !(Array.isArray(literals) && literals.every((w) => typeof w === 'string' && w.length > 0))) {
    throw new TypeError('callTrigger: literals must be an array of non-empty strings');
  }
  if (named && (literals === undefined || literals.length === 0)) {
    throw new TypeError('callTrigger: a test of the called name needs the literals one of which every accepted name holds');
  }
  const inside = new RegExp(words.source, words.flags.replace(/[gy]/g, ''));
  if (named) return { literals: literals!, test: (text) => namedCallOccurs(text, callee, inside) };
  const calls = new RegExp(callee.source, callee.flags.replace(/[gy]/g, '') + 'g');
  return {
    literals: literals ?? requiredLiterals(callee) ?? [],
    test(text) {
      const words = new CallWords(text, inside);
      calls.lastIndex = 0;
      for (let m = calls.exec(text); m; m = calls.exec(text)) {
        const open = m.index + m[0].length - 1;
        if (m[0].length === 0 || text.charCodeAt(open) !== 0x28) return true; // not a call as this test reads one
        let s = m.index;
        while (s > 0 && isIdentifierChar(text.charCodeAt(s - 1))) s--;
        if (words.at(s, open)) return true;
      }
      return false;
    },
  };
}

/** `callTrigger` with a test of the called name: every `(` after a name the test accepts. */
function namedCallOccurs(text: string, accepts: (name: string) => boolean, inside: RegExp): boolean {
  const words = new CallWords(text, inside);
  for (let open = text.indexOf('('); open !== -1; open = text.indexOf('(', open + 1)) {
    const e = skipGapBack(text, open - 1);
    if (e < 0 || !isIdentifierChar(text.charCodeAt(e))) continue;
    let s = e;
    while (s > 0 && isIdentifierChar(text.charCodeAt(s - 1))) s--;
    if (accepts(text.slice(s, e + 1)) && words.at(s, open)) return true;
  }
  return false;
}

/**
 * Whether `inside` matches a call's name (from `start` to its `(` at `open`) or its argument list,
 * found with `closingBracket` (a list it cannot delimit counts). Linear over one text: an argument
 * list read once is not read again for the calls inside it.
 */
class CallWords {
  private scanned = -1;

  constructor(
    private readonly text: string,
    private readonly inside: RegExp,
  ) {}

  at(start: number, open: number): boolean {
    const { text, inside } = this;
    if (inside.test(text.slice(start, open))) return true;
    if (open < this.scanned) return false; // within an argument list already read: no word there
    const end = closingBracket(text, open);
    if (end < 0 || inside.test(text.slice(open, end))) return true;
    this.scanned = end;
    return false;
  }
}

/** Back from `i` over whitespace and backslashes (continuations): the offset of the character before them, or -1. */
function skipGapBack(text: string, i: number): number {
  while (i >= 0) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c || c === 0x5c) i--;
    else break;
  }
  return i;
}
