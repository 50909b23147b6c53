import type { Diagnostic, Finding, FormatterContext, ScanResult, Severity } from '../types.js';
import { createColors, visibleLength, type Colors } from './colors.js';
import { baselineNotes, countsLine, detectorBreakdown, fixesNotApplied, groupByFile, runOutcome, plural, position, printable, printableLine, severityBreakdown, summarize } from './shared.js';

function paint(c: Colors, severity: Severity | Diagnostic['severity'], text: string): string {
  switch (severity) {
    case 'critical':
      return c.bold(c.red(text));
    case 'high':
    case 'error':
      return c.red(text);
    case 'medium':
    case 'warning':
      return c.yellow(text);
    case 'low':
      return c.cyan(text);
    default:
      return c.gray(text);
  }
}

/** `line:col`, positions ≥ 1 whatever a rule reported; empty for a diagnostic about a whole file. */
function location(line?: number, column?: number): string {
  if (!line) return '';
  return column ? `${position(line)}:${position(column)}` : `${position(line)}`;
}

type Row = [string, string, string, string];

/** The narrowest message column worth wrapping into; below it rows stay on one line. */
const MIN_MESSAGE_WIDTH = 40;

/** Words of `text` (split at spaces) in lines of at most `width` visible characters; a longer word keeps a line to itself. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && visibleLength(line) + 1 + visibleLength(word) > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  // a double space split where it stands (the one before a rule id) leaves no trailing blank
  return lines.map((l) => l.trimEnd());
}

/**
 * Aligns the first three columns of rows (ANSI-aware), two spaces apart, indented by two. With a
 * width (the terminal's), messages are wrapped so that each row fits it, the rule id at the end of
 * the row's first line and the rest of the message under its start.
 */
function table(rows: Row[], width?: number): string[] {
  // (a loop, not `Math.max(...xs)`: the spread of a file's 200,000 rows overflowed the call stack)
  const widest = (i: number) => rows.reduce((m, r) => Math.max(m, visibleLength(r[i])), 0);
  const widths = [0, 1, 2].map(widest);
  const lead = 2 + (widths[0] === 0 ? 0 : widths[0] + 2) + widths[1] + 2;
  const idWidth = widest(3);
  const messageWidth = width === undefined ? Infinity : Math.min(widths[2], width - lead - 2 - idWidth);
  if (width !== undefined && messageWidth < widths[2]) {
    const aligned = messageWidth >= MIN_MESSAGE_WIDTH;
    // Too narrow for a column of rule ids beside the messages: each id follows its message instead.
    if (aligned || width - lead >= MIN_MESSAGE_WIDTH) {
      return rows.flatMap((r) => {
        const head = [r[0] + ' '.repeat(widths[0] - visibleLength(r[0])), r[1] + ' '.repeat(widths[1] - visibleLength(r[1]))];
        const start = `  ${(widths[0] === 0 ? head.slice(1) : head).join('  ')}  `;
        if (!aligned) {
          const [first, ...rest] = wrap(`${r[2]}  ${r[3]}`, width - lead);
          return [`${start}${first}`.trimEnd(), ...rest.map((line) => `${' '.repeat(lead)}${line}`)];
        }
        const [first, ...rest] = wrap(r[2], messageWidth);
        const firstLine = `${start}${first}${' '.repeat(Math.max(0, messageWidth - visibleLength(first)))}  ${r[3]}`.trimEnd();
        return [firstLine, ...rest.map((line) => `${' '.repeat(lead)}${line}`)];
      });
    }
  }
  return rows.map((r) => {
    const cells = r.map((cell, i) => (i < 3 ? cell + ' '.repeat(widths[i] - visibleLength(cell)) : cell));
    // Diagnostics about a whole file have no location: drop the empty column rather than indent.
    return `  ${(widths[0] === 0 ? cells.slice(1) : cells).join('  ')}`.trimEnd();
  });
}

/** `fixApplies`: `--fix` would write the finding's fix (not a file whose fixes it left out). */
function findingRow(c: Colors, f: Finding, fixApplies: boolean): Row {
  const notes: string[] = [];
  if (f.level === 'warn' && f.severity !== 'info') notes.push('warning');
  if (f.confidence !== 'high') notes.push(`confidence: ${f.confidence}`);
  if (f.fix) notes.push(fixApplies ? 'fixable' : 'fix not applied');
  else if (f.suggestions?.length) notes.push('suggestion');
  const message = printableLine(f.message) + (notes.length ? ' ' + c.dim(`(${notes.join(', ')})`) : '');
  return [c.dim(location(f.line || 1, f.column || 1)), paint(c, f.severity, f.severity), message, c.dim(printable(f.ruleId))];
}

/** The language of the rules `eslint-plugin-oculum` runs. */
const ESLINT_PLUGIN_LANGUAGE = 'javascript';

function diagnosticRow(c: Colors, d: Diagnostic): Row {
  return [c.dim(location(d.line, d.column)), paint(c, d.severity, d.severity), printableLine(d.message), c.dim(`[${printable(d.kind)}]`)];
}

/**
 * ESLint-like output for people: findings grouped by file (paths relative to the working
 * directory), diagnostics after them, then a summary by severity and by detector. Suppressed
 * findings are counted but not listed. Text from the input (paths, messages, rule ids) goes through
 * `printable`: its control characters are shown escaped, never sent to the terminal.
 */
export const stylish = (result: ScanResult, ctx: FormatterContext): string => {
  const c = createColors(ctx.color);
  const { files, global } = groupByFile(result, ctx.cwd);
  const summary = summarize(result);
  const notApplied = fixesNotApplied(result);
  const out: string[] = [];

  for (const group of files) {
    const findings = group.findings.filter((f) => !f.suppressed);
    if (findings.length === 0 && group.diagnostics.length === 0) continue;
    out.push('', c.underline(printable(group.relative)));
    const fixApplies = !notApplied.has(group.file);
    // (lines pushed one by one: a spread of a file's 200,000 rows overflowed the call stack)
    for (const line of table([...findings.map((f) => findingRow(c, f, fixApplies)), ...group.diagnostics.map((d) => diagnosticRow(c, d))], ctx.width)) out.push(line);
  }
  if (global.length > 0) {
    out.push('', c.underline('Diagnostics'));
    for (const line of table(global.map((d) => diagnosticRow(c, d)), ctx.width)) out.push(line);
  }
  if (out.length > 0) out.push('');

  // Warnings `--quiet` left out of `result` still count for `--max-warnings`.
  const hidden = ctx.hiddenWarnings ?? 0;
  const outcome = runOutcome(result, { failOn: ctx.failOn, maxWarnings: ctx.maxWarnings, hiddenWarnings: hidden });
  if (summary.findings === 0) {
    // Files skipped with a note (binary, too large, not read at this depth) count in `stats.files`.
    const skipped = result.stats?.skipped ?? 0;
    const scanned = skipped > 0 ? `${plural(Math.max(0, summary.files - skipped), 'file')} scanned, ${skipped} skipped` : `${plural(summary.files, 'file')} scanned`;
    // An error diagnostic beside no findings is no green run: the scan stopped (exit 2), or a file that
    // may hold a finding could not be read.
    // (errors about directives are no files left unread: said on their own)
    const unread = summary.diagnostics.errors - outcome.directiveErrors;
    const notShown = hidden > 0 ? `${plural(hidden, 'warning')} not shown: --quiet; ` : '';
    if (outcome.errored) out.push(c.bold(c.red(`✖ No findings, but the scan did not complete`)) + c.dim(` (${plural(unread, 'error')}; ${notShown}${scanned})`));
    else if (outcome.tooManyWarnings) out.push(c.bold(c.red(`✖ ${plural(hidden, 'warning')}, more than --max-warnings ${ctx.maxWarnings}`)) + c.dim(` (not shown: --quiet; ${scanned})`));
    else if (outcome.directiveErrors > 0) {
      const fails = outcome.code === 1;
      const head = `${fails ? '✖' : '⚠'} No findings, but ${plural(outcome.directiveErrors, 'directive error')}`;
      out.push(c.bold(fails ? c.red(head) : c.yellow(head)) + c.dim(` (oculum-ignore comments that suppress nothing or give no reason; ${notShown}${scanned})`));
    } else if (unread > 0) out.push(c.bold(c.yellow(`⚠ No findings, but ${plural(unread, 'error')} (files not read: they may hold what was not found)`)) + c.dim(` (${notShown}${scanned})`));
    else if (hidden === 0) out.push(c.green(`✔ No findings`) + c.dim(` (${scanned})`));
    else out.push(c.green(`✔ No errors`) + c.dim(` (${notShown}${scanned})`));
  } else {
    // ✖ (red) when some error fails the run; ⚠ (yellow) when the findings do not fail it (warnings,
    // info, or errors below --fail-on when the caller says what that is).
    const failing = outcome.failing + (outcome.tooManyWarnings ? 1 : 0) + (outcome.directiveErrors > 0 && outcome.code === 1 ? 1 : 0);
    const head = `${failing > 0 ? '✖' : '⚠'} ${plural(summary.findings, 'finding')} (${severityBreakdown(summary.bySeverity)})`;
    const tail = detectorBreakdown(summary.byDetector);
    const colour = failing > 0 ? (s: string) => c.bold(c.red(s)) : (s: string) => c.bold(c.yellow(s));
    out.push(colour(head) + (tail ? ` — ${tail}` : ''));
  }

  const details: string[] = [];
  if (summary.findings > 0) {
    details.push(countsLine(summary, result, ctx.failOn, hidden));
  }
  const { hidden: inBaseline, stale } = baselineNotes(summary, ctx.baseline);
  const ownSuppressed = summary.suppressed - summary.baselined;
  if (ownSuppressed > 0) details.push(`${ownSuppressed} suppressed (not shown)`);
  if (inBaseline) details.push(inBaseline);
  if (summary.findings > 0 && outcome.directiveErrors > 0) details.push(`${plural(outcome.directiveErrors, 'directive error')}${outcome.code === 1 ? ' (fail the run)' : ''}`);
  const diagnosticCount = summary.diagnostics.errors + summary.diagnostics.warnings + summary.diagnostics.notes;
  if (diagnosticCount > 0) details.push(plural(diagnosticCount, 'diagnostic'));
  if (details.length > 0) out.push(c.dim(`  ${details.join(' · ')}`));
  if (stale) out.push(c.yellow(`  ${stale}`));
  if (summary.fixable > 0) {
    out.push(c.dim(`  ${plural(summary.fixable, 'finding')} ${summary.fixable === 1 ? 'is' : 'are'} fixable with the \`--fix\` option.`));
  }
  if (summary.withSuggestions > 0) {
    const have = summary.withSuggestions === 1 ? 'has a suggested change' : 'have suggested changes';
    // The ESLint plugin runs the JS/TS rules only: named when JS/TS findings have suggestions.
    const inEditor = files.filter((g) => g.language === ESLINT_PLUGIN_LANGUAGE).flatMap((g) => g.findings).filter((f) => !f.suppressed && !f.fix && f.suggestions?.length).length;
    const editor = inEditor === 0 ? '' : inEditor === summary.withSuggestions ? ', and the ESLint plugin offers them in your editor' : ', and the ESLint plugin offers those of JS/TS files in your editor';
    out.push(c.dim(`  ${plural(summary.withSuggestions, 'finding')} ${have} that \`--fix\` does not apply (review them: \`--format json\` or SARIF lists them${editor}).`));
  }
  return out.join('\n') + '\n';
};
