/**
 * Errors the engine throws for problems the user must fix. The CLI maps both to exit code 2.
 */

/** A config file (or the options handed to the engine) is invalid. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  /** The config file, when the problem comes from one (absolute path, or a label such as `overrideConfig`). */
  readonly file?: string;
  /** Where in the config, e.g. `rules["torch/x"][0]`. */
  readonly keyPath?: string;
  /** What was expected, e.g. `"off" | "warn" | "error" | 0 | 1 | 2`. */
  readonly expected?: string;

  constructor(message: string, details: { file?: string; keyPath?: string; expected?: string; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.file = details.file;
    this.keyPath = details.keyPath;
    this.expected = details.expected;
  }
}

/** The caller asked for something impossible: a missing path, an unknown rule in `onlyRules`, … */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A rule broke the rule API (unfilled placeholder, fix without `meta.fixable`, …). */
export class RuleError extends Error {
  override name = 'RuleError';
  constructor(
    readonly ruleId: string,
    /** The problem without the rule id. */
    readonly detail: string,
  ) {
    super(`Rule "${ruleId}": ${detail}`);
  }
}
