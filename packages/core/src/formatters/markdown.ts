import type { FormatterContext, ScanResult, Severity } from '../types.js';
import { detectorBreakdown, groupByFile, helpUri, plural, printable, printableLine, ruleIndex, severityBreakdown, summarize } from './shared.js';

/** Rows beyond this are summarised so a comment stays under GitHub's 65,536-character limit. */
export const MARKDOWN_MAX_ROWS = 200;

const ICON: Record<Severity, string> = {
  critical: '🔴',
  high: '🟠',
  medium: '🟡',
  low: '🔵',
  info: '⚪',
};

/** Escapes text for a GitHub-flavoured Markdown table cell (control characters shown escaped). */
function cell(text: string): string {
  return printableLine(text)
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Inline code that survives backticks inside the text. */
function code(text: string): string {
  const t = printableLine(text).replace(/\|/g, '\\|');
  const fence = t.includes('`') ? '``' : '`';
  return `${fence}${fence.length > 1 ? ' ' : ''}${t}${fence.length > 1 ? ' ' : ''}${fence}`;
}

/**
 * A pull-request comment: a heading with the summary, then one table row per unsuppressed finding
 * (severity, rule, file:line, message), worst first.
 */
export const markdown = (result: ScanResult, ctx: FormatterContext): string => {
  const summary = summarize(result);
  const { files, global } = groupByFile(result, ctx.cwd);
  const rules = ruleIndex(result);
  /** The rule id, linked to its documentation when the rule is known. */
  const ruleCell = (id: string) => {
    const rule = rules.get(id);
    return rule ? `[${code(id)}](${helpUri(rule)})` : code(id);
  };
  const out: string[] = [];

  if (summary.findings === 0) {
    out.push(`### ✅ Oculum: no findings`, '', `Scanned ${plural(summary.files, 'file')}.`);
  } else {
    const detectors = detectorBreakdown(summary.byDetector);
    out.push(
      `### 🛡️ Oculum: ${plural(summary.findings, 'finding')} (${severityBreakdown(summary.bySeverity)})`,
      '',
      `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')} in ${plural(summary.filesWithFindings, 'file')}` +
        (detectors ? ` — ${detectors.replace(/(\w+): /g, '`$1`: ')}` : '') +
        '.',
      '',
      '| Severity | Rule | Location | Message |',
      '| --- | --- | --- | --- |',
    );
    const rows = files.flatMap((g) =>
      g.findings
        .filter((f) => !f.suppressed)
        .map((f) => ({ f, file: g.relative })),
    );
    const rank = (s: Severity) => ['critical', 'high', 'medium', 'low', 'info'].indexOf(s);
    rows.sort((a, b) => rank(a.f.severity) - rank(b.f.severity) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.f.line - b.f.line);
    for (const { f, file } of rows.slice(0, MARKDOWN_MAX_ROWS)) {
      const notes = [f.confidence !== 'high' ? `confidence: ${f.confidence}` : '', f.level === 'warn' ? 'warning' : '']
        .filter(Boolean)
        .join(', ');
      out.push(
        `| ${ICON[f.severity]} ${f.severity} | ${ruleCell(f.ruleId)} | ${code(`${printable(file)}:${f.line}`)} | ${cell(f.message)}${notes ? ` _(${notes})_` : ''} |`,
      );
    }
    if (rows.length > MARKDOWN_MAX_ROWS) {
      out.push('', `_…and ${plural(rows.length - MARKDOWN_MAX_ROWS, 'more finding')} not shown; see the full report._`);
    }
  }

  const notes: string[] = [];
  if (summary.suppressed > 0) notes.push(`${plural(summary.suppressed, 'suppressed finding')} not listed.`);
  if (summary.fixable > 0) notes.push(`${plural(summary.fixable, 'finding')} can be fixed automatically with \`oculum scan --fix\`.`);
  const diagnostics = [...files.flatMap((g) => g.diagnostics.map((d) => ({ d, file: g.relative }))), ...global.map((d) => ({ d, file: '' }))];
  if (notes.length > 0) out.push('', ...notes.map((n) => `> ${n}`));
  if (diagnostics.length > 0) {
    out.push('', `<details><summary>${plural(diagnostics.length, 'diagnostic')}</summary>`, '');
    for (const { d, file } of diagnostics.slice(0, MARKDOWN_MAX_ROWS)) {
      const where = file ? `${code(d.line ? `${printable(file)}:${d.line}` : printable(file))} ` : '';
      out.push(`- ${d.severity} ${where}${cell(d.message)} _(${d.kind})_`);
    }
    if (diagnostics.length > MARKDOWN_MAX_ROWS) out.push(`- …and ${diagnostics.length - MARKDOWN_MAX_ROWS} more`);
    out.push('', '</details>');
  }
  out.push('', `<sub>Oculum ${ctx.version || result.version}</sub>`);
  return out.join('\n') + '\n';
};
