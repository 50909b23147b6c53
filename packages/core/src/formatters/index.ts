import type { Formatter } from '../types.js';

/** Built-in formatters by name. Filled in by the formatters module. */
export const formatters: Record<string, Formatter> = {};
