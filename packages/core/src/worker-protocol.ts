import type { LintTextDetails } from './lint.js';
import type { Depth, RuleLevel, Settings } from './types.js';

/** A file handed to a lint worker (or linted in-thread through the same path). */
export interface LintTask {
  id: number;
  path: string;
  languageId: string;
  text?: string;
  configId: number;
  /** Sent the first time a worker sees `configId`. */
  config?: TaskConfig;
}

export interface TaskConfig {
  rules: Array<{ id: string; level: RuleLevel; options: unknown[]; externalSuppression?: string }>;
  /** Rule id → detector of rules the config enables that this scan does not run. */
  dormant: Array<[string, string]>;
  settings: Settings;
}

export interface WorkerInit {
  pluginUrls: string[];
  cwd: string;
  depth: Depth;
  fix: boolean;
}

export type WorkerReply =
  | { id: number; ok: true; details: LintTextDetails }
  | { id: number; ok: false; error: string; /** The worker could not load its plugins: retry in the main thread. */ init?: boolean };
