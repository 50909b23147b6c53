import { createHash } from 'node:crypto';
import type { Finding } from './types.js';

/**
 * Fingerprints that survive line shifts and reformatting: a hash of the rule id, the path relative to
 * the scan root, the text of the reported lines without any whitespace (`torch.load(p,weights_only=False)`
 * and a formatter's `torch.load(\n    p, weights_only=False\n)` are the same) and the occurrence index
 * among findings that share all of these. Binary files (no text) use the message instead of the lines;
 * a file the language reads through a rendering (a notebook's code) gives each finding's lines of the
 * rendering (`snippetOf`), which stay the same whatever the file's layout (its JSON indented or not,
 * outputs re-run).
 * `findings` must be in source order; fingerprints are written in place.
 */
export function assignFingerprints(findings: Finding[], relativePath: string, text: string, snippetOf?: (finding: Finding) => string | undefined): void {
  const lines = text === '' || snippetOf ? undefined : text.split(/\r\n|\r|\n/);
  const occurrences = new Map<string, number>();
  for (const finding of findings) {
    // An exclusive end at column 1 means the last reported character is on the line before.
    const lastLine = finding.endColumn === 1 && finding.endLine > finding.line ? finding.endLine - 1 : finding.endLine;
    const own = snippetOf?.(finding);
    const snippet = own !== undefined
      ? own.replace(/\s+/g, '')
      : lines
      ? lines
          .slice(finding.line - 1, Math.max(finding.line, lastLine))
          .join('\n')
          .replace(/\s+/g, '')
      : `${finding.messageId}\n${finding.message}`;
    const key = `${finding.ruleId}\u0000${relativePath.split('\\').join('/')}\u0000${snippet}`;
    const index = occurrences.get(key) ?? 0;
    occurrences.set(key, index + 1);
    finding.fingerprint = createHash('sha256').update(`${key}\u0000${index}`).digest('hex').slice(0, 32);
  }
}
