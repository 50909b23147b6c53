import fs from 'node:fs';

/** The parts of `process` the guard uses (tests pass a stand-in). */
export interface GuardedProcess {
  on(event: 'beforeExit' | 'exit', listener: (code: number) => void): unknown;
  exit(code?: number): void;
  exitCode?: number | string | null | undefined;
  stdout: FlushableStream;
  stderr: FlushableStream;
}

export interface FlushableStream {
  writableLength?: number;
  write(chunk: string, callback: (err?: Error | null) => void): unknown;
}

export interface ExitGuard {
  /**
   * The command is done and has written its output: once stdout and stderr are flushed, end the
   * process with `code`. A plugin or rule may leave a timer or a socket running (`setInterval` in a
   * rule's `create`): the report is out and the exit code decided, so nothing is waited for.
   */
  finish(code: number): void;
  /** The process ends on purpose before the command finished (stdout closed under it: `oculum scan | head`). */
  abandon(): void;
}

/** `oculum: stopped before the scan finished: …`, the line printed when the process ends under a command. */
export function stoppedMessage(what: string, reason: 'nothing-running' | 'exit', code = 0): string {
  const why =
    reason === 'nothing-running'
      ? 'nothing was left running while it waited: a plugin or rule never finished (a promise that never settles, such as a top-level await in a plugin module that never ends), and no report was written'
      : `the process was made to exit with code ${code} before any report was written: a plugin or rule called process.exit() (or threw where the scan could not catch it)`;
  return `oculum: stopped before the ${what} finished: ${why}\n`;
}

/**
 * Makes sure the CLI process never ends with exit code 0 (or 1) without having printed its report.
 * Node ends a process when nothing is left to wait for, even while a promise is pending: a plugin
 * whose module never finishes loading (`await new Promise(() => {})` before its `export default`)
 * used to give empty output and exit 0, and a rule calling `process.exit(0)` exited 0 with no output —
 * a passing CI job that scanned nothing. When the process is about to end before `finish` or
 * `abandon`, the guard says so on stderr and makes the exit code 2.
 *
 * `what` names the command in the message ("scan", or "rules command").
 */
export function guardExit(
  what: string,
  proc: GuardedProcess = process,
  writeErr: (text: string) => void = (text) => fs.writeSync(2, text),
  defer: (fn: () => void) => void = (fn) => setImmediate(fn),
): ExitGuard {
  let done = false;
  const stop = (text: string) => {
    done = true;
    try {
      writeErr(text);
    } catch {
      // stderr is closed: the exit code still says it
    }
    proc.exitCode = 2;
  };
  // The event loop is empty while the command still waits: Node would end the process with 0.
  proc.on('beforeExit', () => {
    if (done) return;
    stop(stoppedMessage(what, 'nothing-running'));
    proc.exit(2);
  });
  // process.exit() (or an uncaught exception) with the command still running: its code stands for nothing.
  proc.on('exit', (code) => {
    if (done) return;
    stop(stoppedMessage(what, 'exit', code));
  });
  return {
    finish(code) {
      done = true;
      proc.exitCode = code;
      // What is already queued runs first (process.emitWarning prints on the next tick), then the
      // output is flushed, then the process ends.
      defer(() => {
        let pending = 2;
        const flushed = () => {
          if (--pending === 0) proc.exit(code);
        };
        for (const stream of [proc.stdout, proc.stderr]) {
          if (!stream.writableLength) flushed();
          else stream.write('', flushed);
        }
      });
    },
    abandon() {
      done = true;
    },
  };
}
