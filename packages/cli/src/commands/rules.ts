import path from 'node:path';
import fs from 'node:fs';
import { DETECTORS, jsonRule } from '@oculum/core';
import type { RuleInfo } from '@oculum/core';
import { engine } from '../engine.js';
import { CliError } from '../errors.js';
import type { CliIo } from '../io.js';
import { loadBuiltinPlugins } from '../plugins.js';
import { checkDetectors, splitList } from './scan.js';

export interface RulesCommandOptions {
  format: 'text' | 'json';
  config?: string | false;
  detector?: string[];
  debug?: boolean;
}

function fixKind(rule: RuleInfo): string {
  const kinds = [rule.meta.fixable ? 'fix' : '', rule.meta.hasSuggestions ? 'suggestions' : ''].filter(Boolean);
  return kinds.join(', ');
}

/** `oculum:` presets by short name (recommended, strict, all), then plugin presets. */
function presetNames(rule: RuleInfo): string {
  const builtin = rule.presets.filter((p) => p.startsWith('oculum:')).map((p) => p.slice('oculum:'.length));
  return builtin.join(', ');
}

export function rulesTable(rules: RuleInfo[]): string {
  if (rules.length === 0) return 'No rules are loaded.\n';
  const header = ['RULE', 'DETECTOR', 'SEVERITY', 'PRESETS', 'FIXES'];
  const rows = rules.map((r) => [r.id + (r.meta.deprecated ? ' (deprecated)' : ''), r.meta.detector, r.meta.severity, presetNames(r), fixKind(r)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < cells.length - 1 ? c.padEnd(widths[i]) : c)).join('  ').trimEnd();
  const counts = new Map<string, number>(DETECTORS.map((d) => [d, 0]));
  for (const r of rules) counts.set(r.meta.detector, (counts.get(r.meta.detector) ?? 0) + 1);
  for (const [d, n] of counts) if (n === 0) counts.delete(d);
  return (
    [line(header), ...rows.map(line)].join('\n') +
    `\n\n${rules.length} rule${rules.length === 1 ? '' : 's'} (${[...counts].map(([d, n]) => `${d}: ${n}`).join(', ')}).` +
    `\nPRESETS lists the built-in presets that enable a rule (oculum:recommended ⊂ oculum:strict ⊂ oculum:all).\n`
  );
}

export function rulesJson(rules: RuleInfo[]): string {
  return (
    JSON.stringify(
      // The JSON report's description of a rule, and the depth it needs.
      rules.map((r) => ({ ...jsonRule(r), minDepth: r.meta.minDepth ?? 'quick' })),
      null,
      2,
    ) + '\n'
  );
}

export async function runRules(opts: RulesCommandOptions, io: CliIo): Promise<number> {
  const detectors: string[] = checkDetectors(splitList(opts.detector, '--detector'));
  if (typeof opts.config === 'string' && !fs.existsSync(path.resolve(io.cwd, opts.config))) {
    throw new CliError(`config file not found: ${opts.config}`);
  }
  const builtin = await loadBuiltinPlugins();
  for (const warning of builtin.warnings) io.stderr.write(`oculum: warning: ${warning}\n`);
  let rules = await engine().listRules({
    cwd: io.cwd,
    plugins: builtin.urls,
    ...(typeof opts.config === 'string' ? { configFile: path.resolve(io.cwd, opts.config) } : {}),
    ...(opts.config === false ? { noConfig: true } : {}),
  });
  if (detectors.length > 0) rules = rules.filter((r) => detectors.includes(r.meta.detector));
  rules = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  io.stdout.write(opts.format === 'json' ? rulesJson(rules) : rulesTable(rules));
  return 0;
}
