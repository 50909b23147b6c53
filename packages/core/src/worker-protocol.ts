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
  /** The rules that pass the prefilter on `text` (the main thread ran it): see `LintTextOptions.triggered`. */
  triggered?: string[];
}

export interface TaskConfig {
  rules: Array<{ id: string; level: RuleLevel; options: unknown[]; externalSuppression?: string }>;
  /** Rule id → detector of rules the config enables that this scan does not run. */
  dormant: Array<[string, string]>;
  settings: Settings;
}

export interface WorkerInit {
  pluginUrls: string[];
  /**
   * For each language id, the indices in `pluginUrls` of the plugins its files need: the one that
   * provides the language first, then those with rules for it. A worker loads them when its first
   * file of the language arrives, so a Python tree's workers never load the JS or model-file plugins.
   */
  languagePlugins: Record<string, number[]>;
  /** Languages loaded as soon as the worker starts, before any file arrives (the tree's main one). */
  eagerLanguages: string[];
  cwd: string;
  depth: Depth;
  fix: boolean;
}

export type WorkerReply =
  | { id: number; ok: true; details: LintTextDetails }
  | { id: number; ok: false; error: string; /** The worker could not load its plugins: retry in the main thread. */ init?: boolean };
