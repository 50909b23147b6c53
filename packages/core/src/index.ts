export * from './types.js';
export { createRule } from './rule.js';
