import path from 'node:path';
import { printable } from '@oculum/core';

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

/** A quoted value longer than this (in characters) is cut to an excerpt in error messages. */
export const QUOTED_MAX = 40;
/** Characters of a long quoted value that an error message keeps. */
export const QUOTED_EXCERPT = 24;

/** A double-quoted string as `JSON.stringify` writes it (how the engine quotes values in its messages). */
const QUOTED = /"(?:[^"\\]|\\.)*"/g;

/**
 * The quoted values of an error message cut short. The engine quotes the value it did not expect, and
 * that value can be a whole file: `--config /etc/passwd` (or `~/.ssh/id_rsa`, `.env`) is parsed as
 * YAML, which reads it as one long string, and "expected an object, got "<the file>"" would put a key
 * into a CI log. A value longer than `QUOTED_MAX` characters keeps its first `QUOTED_EXCERPT` and its
 * length; with `whole: false`, no character of any quoted value is kept (for a value that is the
 * whole file, even a short one: `TOKEN=abc123`).
 */
export function shortenQuoted(message: string, whole = true): string {
  return message.replace(QUOTED, (literal) => {
    let value: string;
    try {
      value = JSON.parse(literal) as string;
    } catch {
      value = literal.slice(1, -1);
    }
    const chars = [...value];
    const length = `${chars.length} character${chars.length === 1 ? '' : 's'}`;
    if (!whole) return `a string of ${length}`;
    if (chars.length <= QUOTED_MAX) return literal;
    return `${JSON.stringify(chars.slice(0, QUOTED_EXCERPT).join('')).slice(0, -1)}…" (${length})`;
  });
}

/**
 * One line describing an error for stderr (without the `oculum: ` prefix). Config errors name the
 * file, the key path and the expected shape unless the engine's message already does. Whatever the
 * error, the line is safe to print: quoted values are cut short (`shortenQuoted`; but for usage
 * errors, which quote the command line), and control characters (from a config file or a plugin's
 * message) are shown escaped.
 */
export function describeError(err: unknown, cwd: string): string {
  // What usage errors quote comes from the command line (a glob, a rule id): shown whole.
  const fromArgv = err instanceof Error && (err.name === 'CliError' || err.name === 'UsageError');
  const text = fromArgv ? describe(err, cwd) : shortenQuoted(describe(err, cwd));
  const chars = [...text];
  // A backstop for what is not quoted (a config key thousands of characters long).
  const line = chars.length > ERROR_MAX ? `${chars.slice(0, ERROR_MAX).join('')}… (${chars.length} characters)` : text;
  return printable(line);
}

/** The longest error line printed, in characters. */
const ERROR_MAX = 1000;

function describe(err: unknown, cwd: string): string {
  if (!(err instanceof Error)) return `internal error: ${String(err).replace(/\s*\n\s*/g, ' ').trim()}`;
  const message = err.message.replace(/\s*\n\s*/g, ' ').trim();
  if (err.name === 'ConfigError') {
    const e = err as ConfigErrorLike;
    // At the root, the value is the whole file (not a config object at all): none of it is shown.
    let text = e.keyPath === '(root)' ? shortenQuoted(message, false) : message;
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
