export const DOCS_BASE = 'https://github.com/oculum-dev/oculum/blob/main/packages/plugin-js-transformersjs/docs/rules/';

/** The documentation page of a rule (`meta.docs.url`). */
export function docsUrl(name: string): string {
  return `${DOCS_BASE}${name}.md`;
}
