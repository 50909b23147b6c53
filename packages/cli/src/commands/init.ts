import fs from 'node:fs';
import path from 'node:path';
import { packageJsonHasConfig } from '@oculum/core';
import { CliError } from '../errors.js';
import type { CliIo } from '../io.js';

export const PRESETS = ['recommended', 'strict', 'all'] as const;
export type InitPreset = (typeof PRESETS)[number];

export interface InitCommandOptions {
  force?: boolean;
  preset: InitPreset;
}

const OTHER_CONFIGS = ['.oculumrc.json', '.oculumrc.yaml', '.oculumrc.yml'];

/** The starter `.oculumrc`: JSON with comments, every key explained, nothing that changes the defaults but `extends`. */
export function starterConfig(preset: InitPreset): string {
  return `// Oculum configuration: https://github.com/oculum-dev/oculum/tree/main/packages/cli#configuration
// JSON with comments. Oculum looks for .oculumrc from each scanned file's directory upward and merges
// what it finds (closer files win). List the rules with \`oculum rules\`; see what one file gets with
// \`oculum scan --print-config path/to/file.py\`.
{
  // Presets: oculum:recommended (the default), oculum:strict, oculum:all. Every built-in rule is in
  // all three; lower-confidence findings are reported too, marked so (settings.minConfidence: "medium"
  // leaves out the low ones).
  "extends": ["oculum:${preset}"],

  // Set a whole detector to "off", "warn" or "error":
  // unsafe_model_load, unverified_model_source, unsafe_finetuning.
  "detectors": {
    // "unsafe_finetuning": "warn"
  },

  // Per-rule level ("off" | "warn" | "error") and options, e.g.
  // "torch/load-without-weights-only": "error"
  "rules": {},

  // Settings shared by rules, e.g. publishers whose models you trust:
  // "trustedPublishers": ["my-org"]
  "settings": {},

  // Paths to skip (gitignore syntax); .gitignore is respected as well.
  "ignorePatterns": ["node_modules/", ".venv/", "venv/", "dist/", "build/"]

  // Plugins beyond the built-in ones, and per-glob overrides:
  // "plugins": ["./oculum-plugin.mjs"],
  // "overrides": [{ "files": ["tests/**"], "detectors": { "unsafe_model_load": "warn" } }]
}
`;
}

/** Whether the `.gitignore` of `dir` has a line naming `name` (a rough check, for a hint only). */
function gitignores(dir: string, name: string): boolean {
  try {
    return fs
      .readFileSync(path.join(dir, '.gitignore'), 'utf8')
      .split(/\r?\n/)
      .some((line) => [name, `/${name}`, `${name}*`, `/${name}*`].includes(line.trim()));
  } catch {
    return false;
  }
}

export function runInit(opts: InitCommandOptions, io: CliIo): number {
  const target = path.join(io.cwd, '.oculumrc');
  if (fs.existsSync(target) && !opts.force) {
    throw new CliError('.oculumrc already exists (use --force to overwrite it)');
  }
  const others = OTHER_CONFIGS.filter((name) => fs.existsSync(path.join(io.cwd, name)));
  // The config of this directory so far: once .oculumrc exists it is ignored (one config per directory).
  const packageConfig = packageJsonHasConfig(path.join(io.cwd, 'package.json'));
  // Refused as for an existing .oculumrc: the new file would silently take the place of the user's own config.
  if (!opts.force && (others.length > 0 || packageConfig)) {
    const existing = others.length > 0 ? others[0] : 'the "oculum" key of package.json';
    throw new CliError(`this directory is already configured by ${existing}, which a new .oculumrc would hide (one config per directory; use --force to write .oculumrc anyway)`);
  }
  try {
    fs.writeFileSync(target, starterConfig(opts.preset));
  } catch (err) {
    throw new CliError(`cannot write .oculumrc: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  io.stdout.write(`Created .oculumrc (extends oculum:${opts.preset}). Run \`oculum scan\` to use it.\n`);
  if (!gitignores(io.cwd, '.oculumcache')) {
    io.stdout.write('If you use `oculum scan --cache`, add .oculumcache to your .gitignore: the cache is yours, not the project\'s.\n');
  }
  for (const name of others) {
    io.stderr.write(`oculum: warning: ${name} also exists here; keep one config file per directory\n`);
  }
  if (packageConfig) {
    io.stderr.write('oculum: warning: package.json has an "oculum" key, which .oculumrc now hides (one config per directory): move that config into .oculumrc and remove the key\n');
  }
  return 0;
}
