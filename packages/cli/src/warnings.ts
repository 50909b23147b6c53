import { printable } from '@oculum/core';

/** The parts of `process` this uses (tests pass a stand-in). */
export interface WarningProcess {
  listeners(event: 'warning'): Array<(...args: any[]) => void>;
  removeListener(event: 'warning', listener: (...args: any[]) => void): unknown;
  on(event: 'warning', listener: (warning: Error) => void): unknown;
  execArgv: string[];
  noDeprecation?: boolean;
}

/** The longest warning line printed, in characters. */
const WARNING_MAX = 300;

/**
 * One line for a process warning: `[CODE] Name: first line of the message`, control characters
 * shown escaped. A dependency's warning may quote the scanned input (the yaml parser's
 * `YAMLWarning: Unresolved tag …` quotes the config line under it, escape sequences included).
 */
export function warningLine(warning: Error & { code?: unknown }): string {
  const first = String(warning.message).split('\n')[0].trim().replace(/:$/, '');
  const code = typeof warning.code === 'string' ? `[${warning.code}] ` : '';
  const chars = [...`${code}${warning.name}: ${first}`];
  return printable(chars.length > WARNING_MAX ? `${chars.slice(0, WARNING_MAX).join('')}…` : chars.join(''));
}

/**
 * Prints the process warnings of the `oculum` process (`process.emitWarning`, which the yaml parser
 * uses for an unresolved tag such as `!!python/object/apply:os.system` in a `.oculumrc.yml`) as one
 * `oculum: warning: …` line each, once, instead of Node's multi-line block with a source excerpt and
 * "(Use `node --trace-warnings ...`)". Node's own printer is left in place when there is none
 * (`--no-warnings`, `NODE_NO_WARNINGS=1`) or when stack traces of warnings were asked for
 * (`--trace-warnings`, `--trace-deprecation`). Returns whether it took over.
 */
export function printWarningsOnOneLine(proc: WarningProcess = process, write: (text: string) => void = (text) => process.stderr.write(text)): boolean {
  const defaults = proc.listeners('warning');
  if (defaults.length === 0) return false;
  if (proc.execArgv.some((arg) => /^--trace-(warnings|deprecation)$/.test(arg))) return false;
  for (const listener of defaults) proc.removeListener('warning', listener);
  const seen = new Set<string>();
  proc.on('warning', (warning) => {
    if (warning.name === 'DeprecationWarning' && proc.noDeprecation) return;
    const line = warningLine(warning);
    // The same config is read more than once in a scan: one line is enough.
    if (seen.has(line)) return;
    seen.add(line);
    write(`oculum: warning: ${line}\n`);
  });
  return true;
}
