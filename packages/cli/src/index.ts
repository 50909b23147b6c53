import { CommanderError, createProgram, type ProgramState } from './program.js';
import { describeError, isUserError } from './errors.js';
import { processIo, type CliIo } from './io.js';

export { VERSION } from './version.js';
export { BUILTIN_PLUGINS, loadBuiltinPlugins } from './plugins.js';
export { exitCodeFor, useColor, DEFAULT_FAIL_ON, FAIL_ON } from './commands/scan.js';
export type { FailOn, ScanCommandOptions, ExitDecision } from './commands/scan.js';
export { starterConfig } from './commands/init.js';
export type { CliIo, OutputStream } from './io.js';

/**
 * Runs the CLI in-process and resolves to the exit code: 0 clean, 1 findings, 2 usage, config or
 * internal error. `argv` are the arguments after `oculum` (e.g. `['scan', 'src']`).
 */
export async function main(argv: string[], io: Partial<CliIo> = {}): Promise<number> {
  const fullIo = processIo(io);
  const state: ProgramState = { exitCode: 0, debug: argv.includes('--debug') || Boolean(fullIo.env.OCULUM_DEBUG) };
  const program = createProgram(fullIo, state);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return state.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help or version printed as asked: 0. Anything else (bad option, unknown command, `oculum`
      // without a command, which prints the help to stderr) is a usage error: 2.
      return err.exitCode === 0 ? 0 : 2;
    }
    const hint = !state.debug && !isUserError(err) ? ' (run with --debug for the stack trace)' : '';
    fullIo.stderr.write(`oculum: ${describeError(err, fullIo.cwd)}${hint}\n`);
    if (state.debug && err instanceof Error && err.stack) fullIo.stderr.write(`${err.stack}\n`);
    return 2;
  }
}
