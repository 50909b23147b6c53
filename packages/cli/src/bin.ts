#!/usr/bin/env node
import { guardExit } from './exit-guard.js';
import { tuneV8 } from './v8-tuning.js';

// Before the CLI's modules load: the JIT setting applies to them and to every worker thread.
tuneV8();

const argv = process.argv.slice(2);
const command = argv.find((arg) => !arg.startsWith('-'));
// Never exit 0 without a report (a plugin that never finishes loading, a rule calling process.exit),
// and never wait for a plugin's stray timers once the report is out.
const guard = guardExit(command === 'scan' || command === undefined ? 'scan' : `${command} command`);

const { printWarningsOnOneLine } = await import('./warnings.js');
// A dependency's warning (the yaml parser's, for an unknown tag in a .oculumrc.yml) on one escaped line.
if (!argv.includes('--debug') && !process.env.OCULUM_DEBUG) printWarningsOnOneLine();
const { main } = await import('./index.js');

// `oculum scan | head`: a closed pipe is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') {
      guard.abandon();
      process.exit(process.exitCode ?? 0);
    }
    throw err;
  });
}

main(argv).then(
  (code) => guard.finish(code),
  (err: unknown) => {
    process.stderr.write(`oculum: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    guard.finish(2);
  },
);
