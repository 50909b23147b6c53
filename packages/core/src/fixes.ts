import type { AstNode, Fix, Range, RuleFixer, SourceCode } from './types.js';

function isRange(value: unknown): value is Range {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'number';
}

/** The fixer handed to `fix(fixer)` functions: builds text edits from nodes or ranges. */
export function createFixer(sourceCode: SourceCode): RuleFixer {
  const rangeOf = (nodeOrRange: AstNode | Range): Range => {
    const range = isRange(nodeOrRange) ? nodeOrRange : sourceCode.getRange(nodeOrRange);
    const [start, end] = range;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > sourceCode.text.length) {
      throw new Error(`fix range [${start}, ${end}] is outside the file (length ${sourceCode.text.length})`);
    }
    return [start, end];
  };
  return {
    insertTextAfter: (n, text) => {
      const r = rangeOf(n);
      return { range: [r[1], r[1]], text };
    },
    insertTextBefore: (n, text) => {
      const r = rangeOf(n);
      return { range: [r[0], r[0]], text };
    },
    replaceText: (n, text) => ({ range: rangeOf(n), text }),
    remove: (n) => ({ range: rangeOf(n), text: '' }),
  };
}

/**
 * Merges the edits of one fix function into a single Fix (like ESLint): edits are sorted, must not
 * overlap, and the text between them is kept.
 */
export function mergeFixes(fixes: Fix[], text: string): Fix {
  if (fixes.length === 1) return fixes[0];
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const start = sorted[0].range[0];
  const end = Math.max(...sorted.map((f) => f.range[1]));
  let out = '';
  let cursor = start;
  for (const fix of sorted) {
    if (fix.range[0] < cursor) throw new Error('a fix contains overlapping edits');
    out += text.slice(cursor, fix.range[0]) + fix.text;
    cursor = fix.range[1];
  }
  out += text.slice(cursor, end);
  return { range: [start, end], text: out };
}

export interface ApplyFixesResult {
  output: string;
  /** Fixes applied, in order. */
  applied: Fix[];
  /** Fixes skipped because they overlap one applied before them. */
  skipped: Fix[];
}

/**
 * Applies fixes to `text` in one pass: sorted by range (then by original order), each fix that
 * overlaps (or touches the same insertion point as) an earlier applied fix is skipped; re-lint and
 * apply again to get the skipped ones.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): ApplyFixesResult {
  const ordered = fixes
    .map((fix, index) => ({ fix, index }))
    .sort((a, b) => a.fix.range[0] - b.fix.range[0] || a.fix.range[1] - b.fix.range[1] || a.index - b.index);
  const applied: Fix[] = [];
  const skipped: Fix[] = [];
  let out = '';
  let cursor = 0;
  let lastEnd = -1;
  for (const { fix } of ordered) {
    const [start, end] = fix.range;
    if (start < 0 || end < start || end > text.length) {
      skipped.push(fix);
      continue;
    }
    // Like ESLint, edits that merely touch an applied one wait for the next pass too: their relative
    // order would otherwise be arbitrary.
    if (start <= lastEnd) {
      skipped.push(fix);
      continue;
    }
    out += text.slice(cursor, start) + fix.text;
    cursor = end;
    lastEnd = end;
    applied.push(fix);
  }
  out += text.slice(cursor);
  return { output: out, applied, skipped };
}
