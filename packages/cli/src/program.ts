import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { DETECTORS, formatters } from '@oculum/core';
import { DEFAULT_FAIL_ON, FAIL_ON, runScan, type ScanCommandOptions } from './commands/scan.js';
import { runRules, type RulesCommandOptions } from './commands/rules.js';
import { PRESETS, runInit, type InitCommandOptions } from './commands/init.js';
import { CliError } from './errors.js';
import type { CliIo } from './io.js';
import { VERSION } from './version.js';

/** What an action hands back to `main`: its exit code. */
export interface ProgramState {
  exitCode: number;
  debug: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `--max-warnings`: a whole number, or -1 for no limit (as ESLint). */
function warningLimit(value: string): number {
  if (value === '-1') return -1;
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number (0 or more), or -1 for no limit.');
  return Number(value);
}

/**
 * `--config FILE` and `--no-config` both set the `config` option, so commander would keep whichever
 * comes last: together they are a usage error (as in ESLint), said before the command runs.
 */
function rejectConfigWithNoConfig(command: Command): Command {
  const seen = new Set<string>();
  command.on('option:config', () => seen.add('--config'));
  command.on('option:no-config', () => seen.add('--no-config'));
  command.hook('preAction', () => {
    if (seen.size === 2) throw new CliError('--config and --no-config cannot be used together (--no-config ignores every config file, --config names the one to use)');
  });
  return command;
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1000, kib: 1024, m: 1024 ** 2, mb: 1000 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1000 ** 3, gib: 1024 ** 3 };

/** `--max-file-size`: bytes, or a number with a unit (`4MiB`, `512KiB`, `3MB`); 0 for no limit. */
export function fileSize(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = m ? SIZE_UNITS[m[2].toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new InvalidArgumentError('expected a size: bytes, or a number with a unit (KiB, MiB, GiB, KB, MB, GB), e.g. 4MiB; 0 for no limit.');
  const bytes = Math.round(Number(m[1]) * unit);
  return bytes === 0 ? Infinity : bytes;
}

function workerCount(value: string): number | 'auto' {
  if (value === 'auto') return 'auto';
  if (/^\s*-\d+\s*$/.test(value)) throw new InvalidArgumentError("expected 0 or more worker threads (0: none), or 'auto'.");
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("expected a whole number of worker threads (0: none), or 'auto'.");
  return Number(value);
}

const SCAN_EXAMPLES = `
Examples:
  $ oculum scan                              scan the current directory
  $ oculum scan src train.py                 scan a directory and a file
  $ oculum scan "src/**/*.py" --depth deep   follow the project's own modules and pinned versions
  $ oculum scan --format sarif -o oculum.sarif --fail-on none
                                             SARIF for GitHub code scanning, never fail the job
  $ oculum scan --format markdown -o comment.md   table for a pull-request comment
  $ oculum scan --format github              annotations in a GitHub Actions job
  $ oculum scan --detector unsafe_model_load --rule torch/load-without-weights-only
  $ oculum scan --write-baseline             accept today's findings: write .oculum-baseline.json
  $ oculum scan --baseline .oculum-baseline.json
                                             fail on new findings only (add --write-baseline
                                             to prune entries that no longer match)
  $ oculum scan --fix                        apply safe autofixes: rewrites the files (not for CI,
                                             or with --exit-non-zero-on-fix)

Files scanned:
  Python (.py .pyi .pyw, and scripts without an extension whose #! line runs python or pypy: at
  --depth quick executable ones only), and the code cells of Jupyter notebooks (.ipynb: !shell
  lines and x = !cmd read as commands, %env NAME=value as an environment setting; other magics,
  markdown and outputs not; findings at the notebook's lines, no fixes);
  JavaScript/TypeScript (.js .mjs .cjs .jsx .ts .mts .cts .tsx), the <script> blocks of
  Vue, Svelte and Astro components (.vue .svelte .astro, Astro frontmatter too) and the inline
  scripts of HTML pages (.html .htm): markup not read; model files (pickle, PyTorch, safetensors,
  GGUF, ONNX, Keras…), recognised by their bytes (not at --depth quick)

Exit codes:
  0  no finding at or above --fail-on (and --max-warnings not exceeded)
  1  findings at or above --fail-on, or more warnings than --max-warnings; errors
     about oculum-ignore comments (--report-unused-directives error,
     --require-suppression-reason) unless --fail-on none; with
     --exit-non-zero-on-fix, --fix changed a file
  2  usage, configuration or internal error; a path that does not exist, or a glob
     that matches no file (unless --no-error-on-unmatched-pattern); with
     --error-on-skipped, a file or directory that could not be scanned; a --baseline
     file that is missing, not JSON or of another version

Environment:
  NO_COLOR, FORCE_COLOR    colour output (see --color)
  OCULUM_DEBUG=1           stack traces for errors (like --debug)
  OCULUM_NO_CODE_CACHE=1   load TypeScript without the V8 code cache in ~/.cache/oculum
  OCULUM_CACHE_SECRET      key that signs --cache files (share one between CI runners)
  OCULUM_NO_V8_TUNING=1    keep V8's default interrupt budget (oculum raises it: faster scans)
`;

const RULES_EXAMPLES = `
Examples:
  $ oculum rules
  $ oculum rules --detector unsafe_model_load
  $ oculum rules --format json > rules.json
  $ oculum rules torch/pickle-load   explain a rule: what it reports, what it leaves alone, the fix
`;

const INIT_EXAMPLES = `
Examples:
  $ oculum init                     write a starter .oculumrc (oculum:recommended)
  $ oculum init --preset strict     start from oculum:strict
  $ oculum init --force             overwrite an existing .oculumrc
`;

const MAIN_EXAMPLES = `
Examples:
  $ oculum scan                     scan the current directory
  $ oculum scan --format sarif -o oculum.sarif
  $ oculum rules                    list every rule
  $ oculum init                     write a starter .oculumrc

Run 'oculum <command> --help' for the options of a command.
`;

/**
 * An option whose value is one of `values`, in any case (`-f JSON`, `--depth Quick`): read lower-case,
 * as the shell user meant; the help lists the choices.
 */
function anyCase(option: Option, values: readonly string[]): Option {
  return option.choices(values).argParser((value: string) => {
    const lower = value.toLowerCase();
    if (!values.includes(lower)) throw new InvalidArgumentError(`Allowed choices are ${values.join(', ')}.`);
    return lower;
  });
}

/**
 * The `oculum` command tree. Output goes to `io`; commander never exits the process (errors
 * become CommanderError, turned into exit codes by `main`).
 */
export function createProgram(io: CliIo, state: ProgramState): Command {
  const program = new Command('oculum');
  program
    .description('Oculum: a security linter for AI model supply chains — unsafe model loading, unverified model sources and unsafe fine-tuning.')
    .version(VERSION, '-v, --version', 'print the version number')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      getOutHelpWidth: () => io.stdout.columns ?? 100,
      getErrHelpWidth: () => io.stderr.columns ?? 100,
      // One line: "oculum: unknown option '--x' (Did you mean --fix?)".
      outputError: (s, write) => write(`oculum: ${s.replace(/^error:\s*/, '').replace(/\s*\n\s*/g, ' ').trim()}\n`),
    })
    .addHelpText('after', MAIN_EXAMPLES);

  const debugOption = () => new Option('--debug', 'print stack traces for errors');

  const scan = program.command('scan');
  rejectConfigWithNoConfig(scan)
    .description('Scan files and directories for AI model supply-chain risks.')
    .argument('[paths...]', 'files, directories or globs to scan (default: .)')
    .addOption(anyCase(new Option('--depth <depth>', 'analysis depth: quick (no model files), standard, or deep (imported constants, modules and functions the project re-exports, pinned versions)'), ['quick', 'standard', 'deep']).default('standard'))
    .addOption(anyCase(new Option('-f, --format <format>', 'output format'), Object.keys(formatters)).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(anyCase(new Option('--fail-on <severity>', 'lowest severity of an error-level finding that makes the exit code 1'), [...FAIL_ON]).default(DEFAULT_FAIL_ON))
    .addOption(anyCase(new Option('--min-confidence <level>', 'leave out findings less certain than this (settings.minConfidence)'), ['low', 'medium', 'high']))
    .addOption(anyCase(new Option('--report-unused-directives <level>', 'an oculum-ignore that suppresses nothing: warn (default), error (fails the run, exit 1), or off (not reported; a directive that cannot work, such as one naming an unknown rule, is still a warning); wins over settings.reportUnusedDirectives'), ['off', 'warn', 'error']))
    .option('--require-suppression-reason', 'an oculum-ignore without "-- reason" is an error that fails the run (it still suppresses); as settings.requireSuppressionReason')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warn-level findings (info findings aside); -1: no limit', warningLimit)
    .option('-c, --config <file>', "use this config file as your own instead of your .oculumrc files (the working directory's and those above it up to the repository root, merged without it), which are then not read (configs in subdirectories still apply, and may only narrow rules)")
    .option('--no-config', 'ignore every .oculumrc and package.json config: built-in defaults and flags only (not with --config)')
    .option('--rule <id>', 'run only this rule (repeatable, or comma-separated)', collect)
    .option('--detector <name>', `run only this detector's rules (repeatable): ${DETECTORS.join(', ')}`, collect)
    .option('--fix', 'apply autofixes: rewrites the files, lists what it fixed on stderr, then reports what remains (in CI, leave it out or add --exit-non-zero-on-fix: the fixed findings are not in the report)')
    .option('--exit-non-zero-on-fix', 'with --fix: exit 1 when a file was fixed, even if nothing remains (as Ruff)')
    .option('--error-on-skipped', 'a file that could not be scanned (unreadable, not decodable, binary, over --max-file-size, a name that is not valid UTF-8) or a directory that could not be read is an error, exit 2, instead of a warning')
    .option('--baseline <file>', 'findings that match an entry of this baseline file are suppressed (not shown, not counted for --fail-on or --max-warnings): only new findings fail the run')
    .option('--write-baseline [file]', 'write every unsuppressed finding to a baseline file (default: the --baseline file, else .oculum-baseline.json; a name ending in .json), then report with it; with --baseline, prunes the entries that no longer match')
    .option('--cache', 'reuse results for unchanged files (.oculumcache)')
    .option('--cache-location <path>', 'cache file, or a directory to keep .oculumcache in (implies --cache)')
    .option('--stdin', 'scan the text on standard input (an editor buffer) as the file --stdin-filename names; paths are not read')
    .option('--stdin-filename <path>', 'the path of the text read with --stdin: its extension picks the language, its directory the configs')
    .option('--print-config <file>', 'print the config this file would be scanned with (the configs that apply, rules, settings) as JSON, and scan nothing')
    .option('--force-exclude', 'leave out named files that .gitignore or ignorePatterns ignore (for pre-commit hooks)')
    .option('--no-error-on-unmatched-pattern', 'a glob that matches no file is a warning in the report instead of an error (exit 2)')
    .option('-q, --quiet', 'report error-level findings and error diagnostics only: no warnings or notes (warnings still count for --max-warnings)')
    .option('--color', 'force colour output')
    .option('--no-color', 'disable colour output (NO_COLOR is honoured too)')
    .option('--no-progress', 'never show the progress bar')
    .option('--workers <n>', "worker threads besides the main thread: a number (at most one per core, and 8), 0 for none, or 'auto' (cores - 1)", workerCount)
    .option('--max-file-size <size>', 'skip source files larger than this (default 2MiB; a notebook may be 64 times it), e.g. 8MiB; 0 for no limit', fileSize)
    .addOption(debugOption())
    .addHelpText('after', SCAN_EXAMPLES)
    .action(async (paths: string[], opts: ScanCommandOptions) => {
      state.debug ||= opts.debug === true;
      state.exitCode = await runScan(paths, opts, io);
    });

  const rules = program.command('rules');
  rejectConfigWithNoConfig(rules)
    .description('List every rule with its detector, severity, presets and fixes, or explain the rules named.')
    .argument('[ids...]', 'rules to explain (their documentation) instead of listing every rule')
    .addOption(anyCase(new Option('-f, --format <format>', 'output format'), ['text', 'json']).default('text'))
    .option('-c, --config <file>', 'load plugins named by this config file')
    .option('--no-config', 'ignore config files (built-in plugins only)')
    .option('--detector <name>', 'only rules of this detector (repeatable)', collect)
    .addOption(debugOption())
    .addHelpText('after', RULES_EXAMPLES)
    .action(async (ids: string[], opts: RulesCommandOptions) => {
      state.debug ||= opts.debug === true;
      state.exitCode = await runRules(opts, io, ids);
    });

  program
    .command('init')
    .description('Write a starter .oculumrc in the current directory.')
    .addOption(new Option('--preset <name>', 'preset to extend').choices([...PRESETS]).default('recommended'))
    .option('--force', 'overwrite an existing .oculumrc')
    .addOption(debugOption())
    .addHelpText('after', INIT_EXAMPLES)
    .action((opts: InitCommandOptions & { debug?: boolean }) => {
      state.debug ||= opts.debug === true;
      state.exitCode = runInit(opts, io);
    });

  return program;
}

export { CommanderError };
