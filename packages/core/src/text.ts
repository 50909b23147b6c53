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
