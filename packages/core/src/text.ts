/**
 * The text with each `[start, end)` span of `spans` (flat pairs, in order, not overlapping) replaced
 * by one space. A language's `prefilterText` uses it to leave out comments and docstrings: the
 * prefilter needs the words, not their offsets, and the space keeps the words on either side apart.
 */
export function withoutSpans(text: string, spans: readonly number[]): string {
  if (spans.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (let k = 0; k < spans.length; k += 2) {
    parts.push(text.slice(at, spans[k]));
    at = spans[k + 1];
  }
  parts.push(text.slice(at));
  return parts.join(' ');
}

/** The index of the last of the ascending `values` at or before `target` (0 when none is): a line's index from its start offsets. */
export function lastAtOrBefore(values: ArrayLike<number>, target: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (values[mid] <= target) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
