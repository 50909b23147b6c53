export const DOCS_BASE = 'https://github.com/oculum-dev/oculum/blob/main/packages/plugin-python-hf/docs/rules/';

export function docsUrl(name: string): string {
  return `${DOCS_BASE}${name}.md`;
}

export const SEVERITY_OR_OFF = { enum: ['critical', 'high', 'medium', 'low', 'info', 'off'] } as const;

/**
 * The engine parses a file when any enabled rule's trigger occurs in it; each rule still checks its own
 * words so that it does no work on files parsed for other rules.
 */
export function mentionsAny(text: string, words: readonly string[]): boolean {
  return words.some((w) => text.includes(w));
}
