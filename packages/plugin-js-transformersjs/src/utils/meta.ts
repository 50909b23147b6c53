export const DOCS_BASE = 'https://github.com/oculum-dev/oculum/blob/main/packages/plugin-js-transformersjs/docs/rules/';

/** The documentation page of a rule (`meta.docs.url`). */
export function docsUrl(name: string): string {
  return `${DOCS_BASE}${name}.md`;
}

/** The options of the revision rules: `[{ allowTags?: boolean }]`, tags not accepted as pins by default. */
export const ALLOW_TAGS_SCHEMA = [
  {
    type: 'object',
    properties: { allowTags: { type: 'boolean', description: 'Accept version tags as pins.' } },
    additionalProperties: false,
  },
];
