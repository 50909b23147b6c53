/**
 * The engine API the CLI drives. Reached through the package namespace so the CLI builds (and
 * reports a clear error) even against an engine that does not export everything yet.
 */
import * as core from '@oculum/core';
import type { Plugin, RuleInfo, ScanOptions, ScanResult } from '@oculum/core';
import { CliError } from './errors.js';

export interface ListRulesOptions {
  cwd: string;
  plugins: Array<string | Plugin>;
  configFile?: string;
  noConfig?: boolean;
}

export interface Engine {
  scan(options: ScanOptions): Promise<ScanResult>;
  listRules(options: ListRulesOptions): Promise<RuleInfo[]>;
}

const api = core as unknown as Partial<Engine>;

export function engine(): Engine {
  const { scan, listRules } = api;
  return {
    scan: (options) => {
      if (typeof scan !== 'function') throw new CliError('internal error: this build of @oculum/core has no scan()');
      return scan(options);
    },
    listRules: (options) => {
      if (typeof listRules !== 'function') throw new CliError('internal error: this build of @oculum/core has no listRules()');
      return listRules(options);
    },
  };
}
