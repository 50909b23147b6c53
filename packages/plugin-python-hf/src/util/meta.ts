export const DOCS_BASE = 'https://github.com/oculum-dev/oculum/blob/main/packages/plugin-python-hf/docs/rules/';

export function docsUrl(name: string): string {
  return `${DOCS_BASE}${name}.md`;
}

export const SEVERITY_OR_OFF = { enum: ['critical', 'high', 'medium', 'low', 'info', 'off'] } as const;
