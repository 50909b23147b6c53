import * as path from 'node:path';
import { repositoryRoot } from '../fs-util.js';
import type { Diagnostic, Finding, FormatterContext, ScanResult } from '../types.js';
import { baselineNotes, countsLine, groupByFile, isInside, isWholeFileLanguage, plural, printable, runOutcome, summarize } from './shared.js';

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`): each unsuppressed finding and
 * each warning or error diagnostic becomes an annotation on the pull request's diff and the run's
 * summary, with no code scanning (which private repositories only have with GitHub Advanced
 * Security). Paths are relative to the repository root, as GitHub reads them (like SARIF's).
 *
 * Error-level findings are `error`, warn-level ones `warning`, info-severity ones (the model-file
 * inventory) `notice`. See https://docs.github.com/actions/reference/workflow-commands-for-github-actions.
 */
export const github = (result: ScanResult, ctx: FormatterContext): string => {
  const root = ctx.sourceRoot ?? repositoryRoot(ctx.cwd);
  const { files, global } = groupByFile(result, ctx.cwd);
  const out: string[] = [];
  for (const g of files) {
    const file = shownPath(root, g.file);
    const wholeFile = isWholeFileLanguage(g.language);
    for (const f of g.findings) if (!f.suppressed) out.push(findingCommand(f, file, wholeFile));
    for (const d of g.diagnostics) if (d.severity !== 'note') out.push(diagnosticCommand(d, file));
  }
  for (const d of global) if (d.severity !== 'note') out.push(diagnosticCommand(d));
  const summary = summarize(result);
  const hidden = ctx.hiddenWarnings ?? 0;
  const outcome = runOutcome(result, { failOn: ctx.failOn, maxWarnings: ctx.maxWarnings, hiddenWarnings: hidden });
  // Plain lines for the log (not annotations): what the baseline left out, then the counts.
  const { hidden: inBaseline, stale } = baselineNotes(summary, ctx.baseline);
  if (inBaseline) out.push(`Oculum: ${inBaseline}`);
  if (stale) out.push(`Oculum: ${stale}`);
  // (a config or internal error fails the run too, whatever the findings: exit code 2)
  const fails = outcome.code === 2 ? ' — the run fails: a config or internal error (see above)' : outcome.code === 1 ? ' — the run fails' : '';
  out.push(summary.findings === 0 && hidden === 0 ? `Oculum: no findings (${plural(summary.files, 'file')} scanned)${fails}` : `Oculum: ${countsLine(summary, result, ctx.failOn, hidden)}${fails}`);
  return `${out.join('\n')}\n`;
};

/**
 * The annotation of a finding. Its text is the message alone, as in stylish and markdown: a rule's
 * message already says what to do (`… Pass \`weights_only=True\` or load safetensors.`), and the
 * rule's remediation after it said it twice. A finding on a model file (`wholeFile`) is about the
 * whole binary file: no line or column (GitHub shows it as a file-level annotation).
 */
function findingCommand(f: Finding, file: string, wholeFile: boolean): string {
  const command = f.level === 'error' ? 'error' : f.severity === 'info' ? 'notice' : 'warning';
  const properties = [
    `file=${property(file)}`,
    ...(wholeFile
      ? []
      : [
          `line=${f.line}`,
          ...(f.endLine !== f.line ? [`endLine=${f.endLine}`] : []),
          `col=${f.column}`,
          // GitHub takes endColumn only on a one-line range
          ...(f.endLine === f.line ? [`endColumn=${f.endColumn}`] : []),
        ]),
    `title=${property(`${f.ruleId} (${f.severity}${f.confidence === 'high' ? '' : `, ${f.confidence} confidence`})`)}`,
  ];
  // Messages can quote a scanned file: control and bidi characters are shown escaped, as in stylish.
  return `::${command} ${properties.join(',')}::${data(printable(f.message))}`;
}

function diagnosticCommand(d: Diagnostic, file?: string): string {
  const properties = [...(file ? [`file=${property(file)}`] : []), ...(d.line ? [`line=${d.line}`] : []), ...(d.line && d.column ? [`col=${d.column}`] : []), `title=${property(`Oculum ${d.kind}`)}`];
  return `::${d.severity === 'error' ? 'error' : 'warning'} ${properties.join(',')}::${data(printable(d.message))}`;
}

/** The path GitHub reads: relative to the repository root, `/` separators; absolute when outside it. */
function shownPath(root: string, file: string): string {
  return printable(isInside(root, file) ? path.relative(root, file).split(path.sep).join('/') : file);
}

/** A workflow command's message: `%`, CR and LF escaped (as @actions/core's `escapeData`). */
function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: also `:` and `,` (as @actions/core's `escapeProperty`). */
function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
