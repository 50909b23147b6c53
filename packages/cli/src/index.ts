import { CommanderError, createProgram, type ProgramState } from './program.js';
import { printable } from '@oculum/core';
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
  // `oculum help nonexist`: commander prints the general help; say first that there is no such command
  if (argv[0] === 'help' && argv[1] !== undefined && !argv[1].startsWith('-') && !program.commands.some((c) => c.name() === argv[1] || c.aliases().includes(argv[1]))) {
    fullIo.stderr.write(`oculum: unknown command '${printable(argv[1])}' (the commands are ${program.commands.map((c) => c.name()).join(', ')})\n`);
    return 2;
  }
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
    const described = describeError(err, fullIo.cwd);
    fullIo.stderr.write(`oculum: ${described}${hint}\n`);
    if (state.debug && err instanceof Error && err.stack) {
      // The stack starts with the raw message (a whole config file, for `--config /etc/passwd`): the frames only.
      const head = `${err.name}: ${err.message}`;
      const frames = err.stack.startsWith(head) ? err.stack.slice(head.length).replace(/^\n/, '') : err.stack.split('\n').filter((l) => /^\s+at /.test(l)).join('\n');
      fullIo.stderr.write(`${err.name}: ${described}\n${frames.split('\n').map(printable).join('\n')}\n`);
    }
    return 2;
  }
}
