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
