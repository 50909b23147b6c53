/**
 * The few ANSI styles the formatters use, with picocolors' `createColors(enabled)` shape so a
 * disabled palette returns text untouched. Kept local so `@oculum/core` needs no runtime dependency
 * for colour; whether to colour is decided by the caller (`FormatterContext.color`).
 */
export interface Colors {
  bold(s: string): string;
  dim(s: string): string;
  underline(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  magenta(s: string): string;
  cyan(s: string): string;
  gray(s: string): string;
}

const style =
  (open: number, close: number) =>
  (s: string): string =>
    s === '' ? s : `\x1b[${open}m${s.split(`\x1b[${close}m`).join(`\x1b[${close}m\x1b[${open}m`)}\x1b[${close}m`;

const identity = (s: string): string => s;

export function createColors(enabled: boolean): Colors {
  if (!enabled) {
    return {
      bold: identity,
      dim: identity,
      underline: identity,
      red: identity,
      green: identity,
      yellow: identity,
      blue: identity,
      magenta: identity,
      cyan: identity,
      gray: identity,
    };
  }
  return {
    bold: style(1, 22),
    dim: style(2, 22),
    underline: style(4, 24),
    red: style(31, 39),
    green: style(32, 39),
    yellow: style(33, 39),
    blue: style(34, 39),
    magenta: style(35, 39),
    cyan: style(36, 39),
    gray: style(90, 39),
  };
}

/** Visible width of a string that may contain ANSI escapes. */
export function visibleLength(s: string): number {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;]*m/g, '').length;
}
