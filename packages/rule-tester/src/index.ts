export { RuleTester, describeFinding } from './rule-tester.js';
export type { RuleTesterConfig, RuleTests, ValidTestCase, InvalidTestCase, ErrorExpectation, SuggestionExpectation } from './rule-tester.js';
export { runFixture, parseAnnotations } from './fixture.js';
export type { RunFixtureOptions, Annotation, AnnotationKind } from './fixture.js';
export { testApi } from './test-api.js';
export type { DescribeFn, ItFn } from './test-api.js';
export { testRuleDocs, checkRuleDoc, docExamples, RULE_DOC_SECTIONS } from './rule-docs.js';
export type { RuleDocsOptions, DocExample } from './rule-docs.js';
