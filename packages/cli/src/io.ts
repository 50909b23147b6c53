/** Where the CLI reads and writes; tests pass their own to run `main` in-process. */
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Working directory (default `process.cwd()`). */
  cwd: string;
  /** Environment (default `process.env`): NO_COLOR, FORCE_COLOR, OCULUM_DEBUG, CI. */
  env: Record<string, string | undefined>;
  /** All of standard input, as UTF-8 text (`scan --stdin`; default: the process's). */
  readStdin: () => Promise<string>;
}

/** Reads the process's standard input to its end. */
async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

export function processIo(overrides: Partial<CliIo> = {}): CliIo {
  return {
    stdout: overrides.stdout ?? process.stdout,
    stderr: overrides.stderr ?? process.stderr,
    cwd: overrides.cwd ?? process.cwd(),
    env: overrides.env ?? process.env,
    readStdin: overrides.readStdin ?? readProcessStdin,
  };
}
