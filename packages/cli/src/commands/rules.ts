import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DETECTORS, closest, jsonRule } from '@oculum/core';
import type { RuleInfo } from '@oculum/core';
import { engine } from '../engine.js';
import { CliError } from '../errors.js';
import type { CliIo } from '../io.js';
import { BUILTIN_PLUGINS, loadBuiltinPlugins, resolvePackage } from '../plugins.js';
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

/**
 * The documentation of a built-in rule: `docs/rules/<name>.md` of its package, which the package
 * ships. Undefined for other plugins' rules, or when the file is missing.
 */
function builtinDoc(rule: RuleInfo): string | undefined {
  if (!(BUILTIN_PLUGINS as readonly string[]).includes(rule.plugin)) return undefined;
  try {
    // The package's root: the nearest package.json above its entry point (dist/index.js).
    let dir = path.dirname(fileURLToPath(resolvePackage(rule.plugin)));
    while (!fs.existsSync(path.join(dir, 'package.json'))) {
      const parent = path.dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
    return fs.readFileSync(path.join(dir, 'docs', 'rules', `${rule.name}.md`), 'utf8');
  } catch {
    return undefined;
  }
}

/** One rule explained (`oculum rules <id>`): its documentation, or what its metadata says. */
export function ruleText(rule: RuleInfo): string {
  const doc = builtinDoc(rule);
  if (doc) return doc.endsWith('\n') ? doc : `${doc}\n`;
  const info = jsonRule(rule);
  const lines = [
    `# ${rule.id}${rule.meta.deprecated ? ' (deprecated)' : ''}`,
    '',
    info.description,
    '',
    `Detector: \`${info.detector}\` · Severity: ${info.severity} · Languages: ${info.languages.join(', ')} · Presets: ${info.presets.join(', ') || 'none'}${fixKind(rule) ? ` · ${fixKind(rule)}` : ''}`,
  ];
  if (rule.meta.remediation) lines.push('', `Remediation: ${rule.meta.remediation}`);
  lines.push('', `Plugin: ${rule.plugin}${info.url ? ` · Documentation: ${info.url}` : ''}`);
  return `${lines.join('\n')}\n`;
}

export async function runRules(opts: RulesCommandOptions, io: CliIo, ids: string[] = []): Promise<number> {
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
  if (ids.length > 0) {
    // `oculum rules torch/pickle-load`: those rules, explained (as `ruff rule S301`).
    const byId = new Map(rules.map((r) => [r.id, r]));
    const picked = ids.map((id) => {
      const rule = byId.get(id);
      if (rule) return rule;
      const near = closest(id, byId.keys());
      throw new CliError(`unknown rule "${id}"${near.length > 0 ? `; did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : ' (list the rules with `oculum rules`)'}`);
    });
    io.stdout.write(opts.format === 'json' ? rulesJson(picked) : picked.map(ruleText).join('\n'));
    return 0;
  }
  if (detectors.length > 0) rules = rules.filter((r) => detectors.includes(r.meta.detector));
  rules = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  io.stdout.write(opts.format === 'json' ? rulesJson(rules) : rulesTable(rules));
  return 0;
}
