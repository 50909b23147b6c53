import { describe, expect, it } from 'vitest';
import { createRule } from '@oculum/core';
import { checkRuleDoc } from '../src/rule-docs.js';

const rule = createRule({
  name: 'x-load',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'critical',
    languages: ['python'],
    triggers: ['load'],
    docs: { description: 'Reports x.load.', recommended: true },
    messages: { m: 'm' },
    remediation: 'r',
  },
  create: () => ({}),
});

const doc = (sections: string[], description = 'Reports x.load.') =>
  `# ns/x-load\n\n${description}\n\n${sections.map((s) => `## ${s}\n\nText.\n`).join('\n')}`;
const ALL = ['What it does', 'Why is this bad?', 'Example', 'Use instead', 'Options', 'Fix safety', 'References'];

describe('checkRuleDoc', () => {
  it('accepts a doc with the title, the meta description and the fixed sections', () => {
    expect(checkRuleDoc('ns', 'x-load', rule, doc(ALL))).toEqual([]);
  });
  it('reports a description that drifted from meta, missing or reordered sections, and empty ones', () => {
    expect(checkRuleDoc('ns', 'x-load', rule, doc(ALL, 'Old text.'))[0]).toMatch(/first paragraph differs/);
    expect(checkRuleDoc('ns', 'x-load', rule, doc(ALL.slice(1)))[0]).toMatch(/sections are/);
    expect(checkRuleDoc('ns', 'x-load', rule, doc([...ALL].reverse()))[0]).toMatch(/sections are/);
    expect(checkRuleDoc('ns', 'x-load', rule, doc(ALL).replace('## Options\n\nText.', '## Options\n'))).toEqual(['the section "Options" is empty']);
    expect(checkRuleDoc('other', 'x-load', rule, doc(ALL))[0]).toMatch(/title/);
  });
});
