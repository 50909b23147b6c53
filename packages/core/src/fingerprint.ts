import { createHash } from 'node:crypto';
import type { Finding } from './types.js';

/**
 * What of a message on a binary file (a model file: no lines to hash) stays the same when the file is
 * written again with the same risk: numbers (sizes, offsets, counts) and hex digests (the inventory's
 * sha256) are left out, not digits inside a word (`sha256`, `float16`). Retraining a checkpoint then
 * keeps its findings' identity, while the rule, the kind of finding (messageId), the format and the
 * dangerous global or member named still tell findings apart. Linear: two global replaces.
 */
export function stableMessage(message: string): string {
  return message.replace(/\b[0-9a-f]{16,}\b/gi, '#').replace(/(?<!\w)\d+(?:[.,]\d+)*/g, '#');
}

/**
 * Fingerprints that survive line shifts, reformatting and moves: a hash of the rule id, the text of
 * the reported lines without any whitespace (`torch.load(p,weights_only=False)` and a formatter's
 * `torch.load(\n    p, weights_only=False\n)` are the same) and the occurrence index among the file's
 * findings that share both. As CodeQL's `primaryLocationLineHash`, the file's path is not part of it:
 * GitHub code scanning matches a fingerprint within a file already, and a hash of the path would make
 * the fingerprint change when the file is moved or the scan runs from another directory (dismissals
 * lost), and collide between per-package scans. A consumer matching findings across files pairs the
 * fingerprint with the path itself.
 *
 * Binary files (no text) use the messageId and the message without its numbers and digests
 * (`stableMessage`) instead of the lines; a file the language reads through a rendering (a notebook's
 * code) gives each finding's lines of the rendering (`snippetOf`), which stay the same whatever the
 * file's layout (its JSON indented or not, outputs re-run).
 * `findings` must be in source order; fingerprints are written in place.
 */
export function assignFingerprints(findings: Finding[], text: string, snippetOf?: (finding: Finding) => string | undefined): void {
  const lines = text === '' || snippetOf ? undefined : text.split(/\r\n|\r|\n/);
  const occurrences = new Map<string, number>();
  // The digest of the whitespace-free text of each range of lines, once: findings that share lines (thousands
  // on one 200 KB line of `+` pieces) do not each normalise and hash that text again.
  const byLines = new Map<string, string>();
  const digest = (snippet: string): string => createHash('sha256').update(snippet).digest('hex');
  for (const finding of findings) {
    // An exclusive end at column 1 means the last reported character is on the line before.
    const lastLine = finding.endColumn === 1 && finding.endLine > finding.line ? finding.endLine - 1 : finding.endLine;
    const own = snippetOf?.(finding);
    let snippet: string;
    if (own !== undefined) snippet = digest(own.replace(/\s+/g, ''));
    else if (lines) {
      const first = finding.line;
      const last = Math.max(finding.line, lastLine);
      const range = `${first}:${last}`;
      let known = byLines.get(range);
      if (known === undefined) byLines.set(range, (known = digest(lines.slice(first - 1, last).join('\n').replace(/\s+/g, ''))));
      snippet = known;
    } else snippet = digest(`${finding.messageId}\n${stableMessage(finding.message)}`);
    // (`v2`: the path left out; a version in the key keeps these apart from hashes of the old scheme)
    const key = `v2\u0000${finding.ruleId}\u0000${snippet}`;
    const index = occurrences.get(key) ?? 0;
    occurrences.set(key, index + 1);
    finding.fingerprint = createHash('sha256').update(`${key}\u0000${index}`).digest('hex').slice(0, 32);
  }
}
