/** The engine API the CLI drives (one seam, so tests or integrations can see what the CLI calls). */
import { configForFile, listRules, scan } from '@oculum/core';
import type { FileConfigReport, ListRulesOptions, RuleInfo, ScanOptions, ScanResult } from '@oculum/core';

export interface Engine {
  scan(options: ScanOptions): Promise<ScanResult>;
  listRules(options: ListRulesOptions): Promise<RuleInfo[]>;
  configForFile(file: string, options: ScanOptions): Promise<FileConfigReport>;
}

export function engine(): Engine {
  return { scan, listRules, configForFile };
}
