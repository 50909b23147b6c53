/**
 * The package a Python file belongs to, as the directories above it holding an `__init__.py` name it
 * (`torchvision/models/_api.py` → `torchvision.models`): what a relative import there is relative to.
 * Asked by the semantic model (relative names made absolute) and by the prefilter (a relative import
 * of a file of `joblib` imports from `joblib`), so answered once per directory.
 */
import { existsSync } from 'node:fs';
import nodePath from 'node:path';

/** Package directories looked through above a file. */
const MAX_PACKAGE_LEVELS = 32;
/** A directory name that can be a package's. */
const PACKAGE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Directories whose package is known (cleared when it grows past `MAX_KNOWN`: a long-lived process). */
const known = new Map<string, readonly string[]>();
const MAX_KNOWN = 16_384;

/** The file's package's parts (`['torchvision', 'models']`); empty when it is in none or its path is not absolute. */
export function packageOf(file: string): readonly string[] {
  if (!nodePath.isAbsolute(file)) return [];
  const dir = nodePath.dirname(file);
  let parts = known.get(dir);
  if (parts) return parts;
  const found: string[] = [];
  let current = dir;
  for (let level = 0; level < MAX_PACKAGE_LEVELS; level++) {
    const name = nodePath.basename(current);
    if (!PACKAGE_NAME.test(name) || !existsSync(nodePath.join(current, '__init__.py'))) break;
    found.unshift(name);
    const parent = nodePath.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  parts = found;
  if (known.size >= MAX_KNOWN) known.clear();
  known.set(dir, parts);
  return parts;
}

/**
 * A relative import (`from . import x`, `from .m import y`) in code text: `from`, blanks, a dot
 * (anywhere: a superset, which costs at most a parse). By `indexOf`: a multiline regex took six times
 * as long on PyTorch's sources.
 */
function hasRelativeImport(code: string): boolean {
  for (let i = code.indexOf('from'); i >= 0; i = code.indexOf('from', i + 4)) {
    let j = i + 4;
    while (code.charCodeAt(j) === 0x20 || code.charCodeAt(j) === 0x09) j++;
    if (j > i + 4 && code.charCodeAt(j) === 0x2e) return true;
  }
  return false;
}

/**
 * What the prefilter adds for a file of a package with a relative import: `import <package>`, so that
 * a trigger asking for the package's import (`importTrigger(['joblib'])`) sees that the file's
 * relative names resolve into it (`from . import numpy_pickle` in `joblib/_store_backends.py`).
 */
export function packageImportLine(code: string, file: string | undefined): string {
  if (!file || !hasRelativeImport(code)) return '';
  const parts = packageOf(file);
  return parts.length > 0 ? `\nimport ${parts.join('.')}\n` : '';
}
