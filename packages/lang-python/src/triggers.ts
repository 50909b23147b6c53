/**
 * Prefilter triggers (`meta.triggers`, `meta.triggerGroups`) that know Python's import syntax.
 */

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
 * - as an attribute: `torch.load`, `serialization.load`, `torch . load`, `torch.\` + newline + `load`
 *   (an alias of the module or of the function, `f = torch.load`, is one of these too);
 * - in an import list: `from torch import load`, `import save, load`, `import (\n    load,\n)`,
 *   backslash continuations included;
 * - quoted alone: `getattr(torch, "load")`, `setattr(torch, 'load', f)`, `mock.patch.object(torch, "load")`;
 * - or anywhere once one of `modules` is star-imported (`from torch import *`, then `load(p)`).
 *
 * A bare `load` that none of these reaches (`def load(...)`, `load(x)` of a local function, the
 * word in a message) does not count: a name resolves into a module only through an import, an
 * attribute or a string, and each of those spells the name after `.`, `import`, `,`, `(` or a quote.
 * Give the result to `meta.triggers` (spread: it is a list). `memberTrigger('load', ['torch'])`
 * matches `json.load(f)` too: a RegExp cannot tell modules apart, only spellings.
 */
export function memberTrigger(name: string, modules: readonly string[]): RegExp[] {
  if (!/^[A-Za-z_]\w*$/.test(name)) throw new TypeError(`memberTrigger: ${JSON.stringify(name)} is not a Python name`);
  if (modules.length === 0) throw new TypeError('memberTrigger: give at least one module name');
  const gap = String.raw`(?:\s|\\)`;
  return [
    // The name first, its context in a lookbehind after it: V8 then looks for the name alone (a
    // leading lookbehind is tried at every offset, ~35x slower over PyTorch's sources).
    new RegExp(String.raw`${name}(?:\b(?<=(?:[.,(]|\bimport)${gap}*${name})|(?<=["']${name})(?=["']))`),
    new RegExp(String.raw`\bfrom${gap}+(?:${modules.map(escape).join('|')})${gap}+import(?:${gap}|\()*\*`),
  ];
}
