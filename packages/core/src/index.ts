export * from './types.js';
export { createRule } from './rule.js';
export * from './formatters/index.js';
