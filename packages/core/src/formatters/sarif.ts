import { repositoryRoot } from '../fs-util.js';
import type { Detector, Diagnostic, Finding, FormatterContext, RuleInfo, ScanResult, Severity } from '../types.js';
import { allDiagnostics, compareDiagnostics, directoryUri, groupByFile, helpUri, isWholeFileLanguage, OCULUM_HOMEPAGE, plural, position, region, relativeUri, severityRank } from './shared.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * GitHub code scanning rejects a SARIF run of more results than this ("Results per run: 25,000";
 * https://docs.github.com/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning#validating-your-sarif-file).
 * Above it, unsuppressed results are kept first, then the most severe, and a notification says how many were left out.
 */
export const SARIF_MAX_RESULTS = 25_000;

const LEVEL_RANK: Record<SarifLevel, number> = { error: 3, warning: 2, note: 1, none: 0 };

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

/** GitHub code scanning reads `security-severity` (0.0–10.0) to rank security alerts. */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

/** SARIF level of a severity: critical/high → error, medium → warning, low/info → note. */
export function sarifLevel(severity: Severity): SarifLevel {
  if (severity === 'critical' || severity === 'high') return 'error';
  if (severity === 'medium') return 'warning';
  return 'note';
}

/** The weakness each detector reports, as GitHub's `external/cwe/cwe-N` tags. */
const DETECTOR_CWE: Record<Detector, string[]> = {
  unsafe_model_load: ['external/cwe/cwe-502'], // Deserialization of Untrusted Data
  unverified_model_source: ['external/cwe/cwe-494'], // Download of Code Without Integrity Check
  unsafe_finetuning: ['external/cwe/cwe-345'], // Insufficient Verification of Data Authenticity
};

function reportingDescriptor(rule: RuleInfo) {
  const { meta } = rule;
  const description = meta.docs.description;
  const remediation = meta.remediation ? `\n\nRemediation: ${meta.remediation}` : '';
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: description },
    fullDescription: { text: `${description}${remediation}` },
    help: {
      text: `${description}${remediation}\n\nMore: ${helpUri(rule)}`,
      markdown: `${description}${meta.remediation ? `\n\n**Remediation:** ${meta.remediation}` : ''}\n\n[Rule documentation](${helpUri(rule)})`,
    },
    helpUri: helpUri(rule),
    defaultConfiguration: { level: sarifLevel(meta.severity) },
    properties: {
      detector: meta.detector,
      severity: meta.severity,
      tags: ['security', meta.detector, ...DETECTOR_CWE[meta.detector] ?? []],
      'security-severity': SECURITY_SEVERITY[meta.severity],
      precision: 'high',
      presets: [...rule.presets],
      ...(meta.fixable ? { fixable: true } : {}),
      ...(meta.hasSuggestions ? { hasSuggestions: true } : {}),
      ...(meta.deprecated ? { deprecated: true } : {}),
    },
  };
}

/** A descriptor for a finding whose rule is not among `result.rules` (should not happen; keeps indexes valid). */
function syntheticRule(f: Finding): RuleInfo {
  const slash = f.ruleId.indexOf('/');
  return {
    id: f.ruleId,
    namespace: slash > 0 ? f.ruleId.slice(0, slash) : '',
    name: slash > 0 ? f.ruleId.slice(slash + 1) : f.ruleId,
    plugin: '',
    presets: [],
    meta: {
      detector: f.detector,
      severity: f.severity,
      languages: [],
      triggers: [],
      docs: { description: f.ruleId, recommended: false },
      messages: {},
      remediation: f.remediation,
    },
  };
}


function diagnosticLevel(d: Diagnostic): SarifLevel {
  return d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'note';
}

/**
 * The SARIF log as an object (what the `sarif` formatter serialises). `maxResults` (default
 * `SARIF_MAX_RESULTS`, what GitHub accepts): above it, the results kept are the unsuppressed ones
 * first (a new finding is never cut for a baselined or suppressed one), then the most severe (by
 * level, then severity, then their order in the log), still in that
 * order, and a warning notification says how many were left out and that the JSON format has them all.
 */
export function toSarif(result: ScanResult, ctx: FormatterContext, { maxResults = SARIF_MAX_RESULTS }: { maxResults?: number } = {}) {
  const { files } = groupByFile(result, ctx.cwd);
  const version = ctx.version || result.version;
  // URIs relative to the repository root, not the working directory: GitHub code scanning ignores
  // `originalUriBaseIds` and reads a relative URI from the root of the repository, so a scan run in a
  // subdirectory (`working-directory: ml/`) must still say `ml/train.py`.
  const root = ctx.sourceRoot ?? repositoryRoot(ctx.cwd);

  const rules: RuleInfo[] = [...(result.rules ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const indexOf = new Map(rules.map((r, i) => [r.id, i]));
  for (const g of files) {
    for (const f of g.findings) {
      if (!indexOf.has(f.ruleId)) {
        indexOf.set(f.ruleId, rules.length);
        rules.push(syntheticRule(f));
      }
    }
  }

  const allResults = files.flatMap((g) => {
    const artifactLocation = relativeUri(root, g.file);
    // A model file is binary: a finding on it is about the whole file, which has no lines or columns
    // (SARIF 2.1.0 §3.29.2: a physicalLocation needs an artifactLocation, a region is optional).
    const wholeFile = isWholeFileLanguage(g.language);
    return g.findings.map((f) => {
      const level: SarifLevel = f.level === 'warn' && sarifLevel(f.severity) === 'error' ? 'warning' : sarifLevel(f.severity);
      const sarifResult: Record<string, unknown> = {
        ruleId: f.ruleId,
        ruleIndex: indexOf.get(f.ruleId),
        level,
        message: { text: f.message },
        locations: [{ physicalLocation: wholeFile ? { artifactLocation } : { artifactLocation, region: region(f) } }],
        partialFingerprints: { primaryLocationLineHash: f.fingerprint },
        properties: {
          detector: f.detector,
          severity: f.severity,
          confidence: f.confidence,
          remediation: f.remediation,
        },
      };
      if (f.suppressed) {
        sarifResult.suppressions = [
          {
            // (a baseline file is outside the source, as SARIF's `external` is: its `kind` has no other value for it)
            kind: f.suppressed.kind === 'baseline' ? 'external' : f.suppressed.kind,
            status: 'accepted',
            ...(f.suppressed.justification ? { justification: f.suppressed.justification } : {}),
          },
        ];
      }
      const fixes = [
        ...(f.fix ? [{ description: `Autofix for ${f.ruleId}`, fix: f.fix }] : []),
        ...(f.suggestions ?? []).map((s) => ({ description: s.desc, fix: s.fix })),
      ];
      if (fixes.length > 0) {
        sarifResult.fixes = fixes.map(({ description, fix }) => ({
          description: { text: description },
          artifactChanges: [
            {
              artifactLocation,
              replacements: [
                {
                  deletedRegion: { charOffset: fix.range[0], charLength: Math.max(0, fix.range[1] - fix.range[0]) },
                  insertedContent: { text: fix.text },
                },
              ],
            },
          ],
        }));
      }
      return { sarifResult, rank: LEVEL_RANK[level] * 10 + severityRank(f.severity), suppressed: Boolean(f.suppressed) };
    });
  });
  let results = allResults.map((r) => r.sarifResult);
  const limit = Math.max(0, Math.floor(maxResults));
  const leftOut = Math.max(0, allResults.length - limit);
  if (leftOut > 0) {
    const order = allResults.map((_, i) => i);
    // unsuppressed results first (a new finding must not lose its place to a baselined backlog), then the most severe
    order.sort((a, b) => Number(allResults[a].suppressed) - Number(allResults[b].suppressed) || allResults[b].rank - allResults[a].rank || a - b);
    const kept = order.slice(0, limit).sort((a, b) => a - b);
    results = kept.map((i) => allResults[i].sarifResult);
  }

  const notifications: Array<Record<string, unknown>> = [];
  if (leftOut > 0) {
    notifications.push({
      level: 'warning',
      message: {
        text: `${plural(leftOut, 'result')} of ${allResults.length} left out: this log keeps ${limit}, unsuppressed results first, then the most severe (GitHub code scanning rejects a run of more than ${SARIF_MAX_RESULTS} results). \`oculum scan --format json\` lists them all.`,
      },
      descriptor: { id: 'limit' },
    });
  }
  if (ctx.baseline && ctx.baseline.unmatched > 0) {
    const n = ctx.baseline.unmatched;
    notifications.push({
      level: 'note',
      message: { text: `${plural(n, 'entry', 'entries')} of the baseline ${ctx.baseline.file} no longer ${n === 1 ? 'matches' : 'match'} a finding; run --write-baseline to prune ${n === 1 ? 'it' : 'them'}` },
      descriptor: { id: 'baseline' },
    });
  }
  for (const d of allDiagnostics(result).sort(compareDiagnostics)) {
    const n: Record<string, unknown> = {
      level: diagnosticLevel(d),
      message: { text: d.message },
      descriptor: { id: d.kind },
    };
    if (d.file) {
      const physicalLocation: Record<string, unknown> = { artifactLocation: relativeUri(root, d.file) };
      if (d.line) physicalLocation.region = { startLine: position(d.line), ...(d.column ? { startColumn: position(d.column) } : {}) };
      n.locations = [{ physicalLocation }];
    }
    notifications.push(n);
  }
  const failed = allDiagnostics(result).some((d) => d.severity === 'error' && (d.kind === 'internal' || d.kind === 'config'));

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: 'Oculum',
            version,
            semanticVersion: version,
            informationUri: OCULUM_HOMEPAGE,
            rules: rules.map(reportingDescriptor),
          },
        },
        invocations: [
          {
            executionSuccessful: !failed,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        originalUriBaseIds: {
          '%SRCROOT%': {
            uri: directoryUri(root),
            description: { text: 'The root of the git work tree Oculum ran in (else the directory it ran in): artifact URIs are relative to it' },
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/** SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. */
export const sarif = (result: ScanResult, ctx: FormatterContext): string => JSON.stringify(toSarif(result, ctx), null, 2) + '\n';
