import path from 'node:path';

/** A problem the user must fix (bad flag, missing path, unwritable output): exit 2, one line, no stack. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

interface ConfigErrorLike extends Error {
  file?: string;
  keyPath?: string;
  expected?: string;
}

/** True for the engine's user-facing errors (config and usage), which are reported without "internal". */
export function isUserError(err: unknown): err is ConfigErrorLike {
  return err instanceof Error && (err.name === 'ConfigError' || err.name === 'UsageError' || err.name === 'CliError');
}

/**
 * One line describing an error for stderr (without the `oculum: ` prefix). Config errors name the
 * file, the key path and the expected shape unless the engine's message already does.
 */
export function describeError(err: unknown, cwd: string): string {
  if (!(err instanceof Error)) return `internal error: ${String(err)}`;
  const message = err.message.replace(/\s*\n\s*/g, ' ').trim();
  if (err.name === 'ConfigError') {
    const e = err as ConfigErrorLike;
    let text = message;
    if (e.file) {
      const shown = path.isAbsolute(e.file) ? path.relative(cwd, e.file) || e.file : e.file;
      if (!text.includes(shown) && !text.includes(e.file)) text = `${shown}: ${text}`;
    }
    if (e.keyPath && !text.includes(e.keyPath)) text += ` (at ${e.keyPath})`;
    if (e.expected && !text.includes(e.expected)) text += `; expected ${e.expected}`;
    return text.startsWith('invalid config') || text.startsWith('config') ? text : `invalid config: ${text}`;
  }
  if (isUserError(err)) return message;
  const code = (err as NodeJS.ErrnoException).code;
  return `internal error: ${message}${code && !message.includes(code) ? ` (${code})` : ''}`;
}
