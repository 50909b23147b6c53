import type { FormatterContext, ScanResult, Severity } from '../types.js';
import { baselineNotes, countsLine, detectorBreakdown, groupByFile, helpUri, isWholeFileLanguage, plural, position, printable, printableLine, ruleIndex, runOutcome, severityBreakdown, summarize } from './shared.js';

/** Rows beyond this are summarised: a longer table is no longer read. */
export const MARKDOWN_MAX_ROWS = 200;

/**
 * The most characters (UTF-16 code units, which are never fewer than the characters GitHub counts)
 * of a report, its footer included: GitHub refuses a comment over 65,536 characters ("Body is too
 * long"), and this leaves room for a line a workflow adds. Rows and diagnostics that would not fit
 * are counted in a footer instead.
 */
export const MARKDOWN_MAX_CHARS = 60_000;

/** A message longer than this (from a custom rule, or quoting a hostile file) is cut in its row. */
const MAX_MESSAGE = 1_000;

/** Where the rows that are not shown can be read. */
const FULL_REPORT = '`oculum scan --format json` or `--format sarif` lists them all';

const ICON: Record<Severity, string> = {
  critical: '🔴',
  high: '🟠',
  medium: '🟡',
  low: '🔵',
  info: '⚪',
};

/**
 * Text of the input in a comment must stay text. GitHub-flavoured Markdown turns `[x](url)` into a
 * link, `*x*` / `_x_` / `~x~` into emphasis, `<a …>` into HTML, bare `https://…`, `www.…` and
 * `user@host.tld` into autolinks, `@name` into a mention (a notification) and `&#x202e;` into the
 * character it names. Messages mix the rule's own wording, whose code spans (`` `torch.load` ``) are
 * kept, with values from the scanned files (pickle globals, file and member names, model ids): the
 * code spans are re-fenced, and everything outside them is escaped, a word that could autolink or
 * mention put in a code span of its own (nothing inside a code span is interpreted).
 */
interface Segment {
  code: boolean;
  text: string;
}

/** A word GitHub would turn into a link or a mention: `https://…`, `www.…`, `user@host`, `@team`. */
const AUTOLINKING = /:\/\/|www\.|@/i;

/** Code spans of `text` as CommonMark finds them (a run of n backticks up to the next run of exactly n), the rest plain. */
function splitCodeSpans(text: string): Segment[] {
  const out: Segment[] = [];
  const unmatched = new Set<number>(); // run lengths with no closing run further on
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const tick = text.indexOf('`', i);
    if (tick === -1) {
      plain += text.slice(i);
      break;
    }
    plain += text.slice(i, tick);
    let n = 1;
    while (text[tick + n] === '`') n++;
    let close = -1;
    if (!unmatched.has(n)) {
      for (let j = text.indexOf('`', tick + n); j !== -1; ) {
        let m = 1;
        while (text[j + m] === '`') m++;
        if (m === n) {
          close = j;
          break;
        }
        j = text.indexOf('`', j + m);
      }
      if (close === -1) unmatched.add(n);
    }
    if (close === -1) {
      plain += text.slice(tick, tick + n);
      i = tick + n;
      continue;
    }
    if (plain) out.push({ code: false, text: plain });
    plain = '';
    let content = text.slice(tick + n, close);
    if (content.length > 2 && content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '') content = content.slice(1, -1);
    out.push({ code: true, text: content });
    i = close + n;
  }
  if (plain) out.push({ code: false, text: plain });
  return out;
}

const LEADING_PUNCTUATION = new Set('([{"\'<');
const TRAILING_PUNCTUATION = new Set(')]}"\'>,.;:!?');

/** A word's opening punctuation, its core and its closing punctuation (two linear scans: words come from the input). */
function splitPunctuation(word: string): { lead: string; core: string; trail: string } {
  let start = 0;
  while (start < word.length && LEADING_PUNCTUATION.has(word[start])) start++;
  let end = word.length;
  while (end > start && TRAILING_PUNCTUATION.has(word[end - 1])) end--;
  return { lead: word.slice(0, start), core: word.slice(start, end), trail: word.slice(end) };
}

/** Plain text with every character GitHub-flavoured Markdown acts on escaped (links, emphasis, HTML, entities, table pipes). */
function escapeText(text: string): string {
  return text
    .replace(/[\\`*_~[\]|]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * Inline code of any text: a fence longer than any backtick run inside, padded when the text starts
 * or ends with a backtick or a space; in a table, pipes are escaped (GFM splits cells first).
 */
function fence(text: string, inTable: boolean): string {
  if (text === '') return '';
  if (text.trim() === '') return text;
  const t = inTable ? text.replace(/\|/g, '\\|') : text;
  const longest = (t.match(/`+/g) ?? []).reduce((m, run) => Math.max(m, run.length), 0);
  const ticks = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(t) ? ' ' : '';
  return `${ticks}${pad}${t}${pad}${ticks}`;
}

/**
 * A message (or any text from the input) as inert GitHub-flavoured Markdown on one line: control
 * characters shown escaped, code spans kept, words that would autolink or mention in code spans,
 * everything else escaped.
 */
function cell(text: string, inTable = true): string {
  const segments: Segment[] = [];
  const push = (segment: Segment) => {
    const last = segments[segments.length - 1];
    // Two code spans side by side would read as one fence run: join them.
    if (last && last.code && segment.code) last.text += segment.text;
    else segments.push(segment);
  };
  for (const segment of splitCodeSpans(printableLine(text))) {
    if (segment.code) {
      push(segment);
      continue;
    }
    for (const word of segment.text.split(/(\s+)/)) {
      if (!word) continue;
      if (!AUTOLINKING.test(word)) {
        push({ code: false, text: word });
        continue;
      }
      // `("http://x/m.pkl"):`: the punctuation around the URL stays outside its code span
      const { lead, core, trail } = splitPunctuation(word);
      // anything that could be link or HTML syntax keeps the whole word in one span
      if (!AUTOLINKING.test(core) || /[[\]()<>]/.test(core)) {
        push({ code: true, text: word });
        continue;
      }
      if (lead) push({ code: false, text: lead });
      push({ code: true, text: core });
      if (trail) push({ code: false, text: trail });
    }
  }
  return segments.map((s) => (s.code ? fence(s.text, inTable) : escapeText(s.text))).join('');
}

/** Inline code of a text from the input (a path, a rule id), control characters shown escaped. */
function code(text: string, inTable = true): string {
  return fence(printableLine(text), inTable);
}

/** A documentation link target, or undefined when it is not an http(s) URL; characters that would end it are percent-encoded. */
function linkTarget(url: string): string | undefined {
  if (!/^https?:\/\/[^\s]/i.test(url)) return undefined;
  return url.replace(/[\u0000-\u0020\u007f-\u009f()<>|`\\"'\[\]]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
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
    const target = rule ? linkTarget(helpUri(rule)) : undefined;
    return target ? `[${code(id)}](${target})` : code(id);
  };
  const out: string[] = [];
  /** The table's rows, worst first (at most `MARKDOWN_MAX_ROWS`), and how many findings it could list. */
  const tableRows: string[] = [];
  let rowCount = 0;

  const hidden = ctx.hiddenWarnings ?? 0;
  if (summary.findings === 0) {
    const directiveErrors = runOutcome(result, { failOn: ctx.failOn }).directiveErrors;
    const unread = summary.diagnostics.errors - directiveErrors;
    if (directiveErrors > 0) out.push(`### ⚠️ Oculum: no findings, but ${plural(directiveErrors, 'directive error')}`, '', `Scanned ${plural(summary.files, 'file')}; see the diagnostics below: oculum-ignore comments that suppress nothing or give no reason.`);
    else if (unread > 0) out.push(`### ⚠️ Oculum: no findings, but ${plural(unread, 'error')}`, '', `Scanned ${plural(summary.files, 'file')}; what the errors below name was not read or not checked.`);
    else if (hidden === 0) out.push(`### ✅ Oculum: no findings`, '', `Scanned ${plural(summary.files, 'file')}.`);
    else out.push(`### ✅ Oculum: no errors`, '', `Scanned ${plural(summary.files, 'file')}; ${plural(hidden, 'warning')} not shown (\`--quiet\`).`);
  } else {
    const detectors = detectorBreakdown(summary.byDetector);
    out.push(
      `### 🛡️ Oculum: ${plural(summary.findings, 'finding')} (${severityBreakdown(summary.bySeverity)})`,
      '',
      countsLine(summary, result, ctx.failOn, hidden) +
        (detectors ? ` — ${detectors.replace(/(\w+): /g, '`$1`: ')}` : '') +
        '.',
      '',
      '| Severity | Rule | Location | Message |',
      '| --- | --- | --- | --- |',
    );
    const rows = files.flatMap((g) => {
      const wholeFile = isWholeFileLanguage(g.language);
      return g.findings.filter((f) => !f.suppressed).map((f) => ({ f, file: g.relative, wholeFile }));
    });
    const rank = (s: Severity) => ['critical', 'high', 'medium', 'low', 'info'].indexOf(s);
    rows.sort((a, b) => rank(a.f.severity) - rank(b.f.severity) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || position(a.f.line) - position(b.f.line));
    for (const { f, file, wholeFile } of rows.slice(0, MARKDOWN_MAX_ROWS)) {
      const notes = [f.confidence !== 'high' ? `confidence: ${f.confidence}` : '', f.level === 'warn' && f.severity !== 'info' ? 'warning' : '']
        .filter(Boolean)
        .join(', ');
      // a model file is binary: its findings are about the whole file, which has no lines
      const location = wholeFile ? printable(file) : `${printable(file)}:${position(f.line)}`;
      const message = f.message.length > MAX_MESSAGE ? `${f.message.slice(0, MAX_MESSAGE)}…` : f.message;
      tableRows.push(`| ${ICON[f.severity]} ${f.severity} | ${ruleCell(f.ruleId)} | ${code(location)} | ${cell(message)}${notes ? ` _(${notes})_` : ''} |`);
    }
    rowCount = rows.length;
  }

  const notes: string[] = [];
  const { hidden: inBaseline, stale } = baselineNotes(summary, ctx.baseline);
  const ownSuppressed = summary.suppressed - summary.baselined;
  if (ownSuppressed > 0) notes.push(`${plural(ownSuppressed, 'suppressed finding')} not listed.`);
  if (inBaseline) notes.push(`${inBaseline}.`);
  if (stale) notes.push(`${stale.replace('--write-baseline', '`--write-baseline`')}.`);
  if (summary.fixable > 0) notes.push(`${plural(summary.fixable, 'finding')} can be fixed automatically with \`oculum scan --fix\`.`);
  const diagnostics = [...files.flatMap((g) => g.diagnostics.map((d) => ({ d, file: g.relative }))), ...global.map((d) => ({ d, file: '' }))];
  const diagnosticLines = diagnostics.slice(0, MARKDOWN_MAX_ROWS).map(({ d, file }) => {
    const where = file ? `${code(d.line ? `${printable(file)}:${position(d.line)}` : printable(file), false)} ` : '';
    const message = d.message.length > MAX_MESSAGE ? `${d.message.slice(0, MAX_MESSAGE)}…` : d.message;
    return `- ${d.severity} ${where}${cell(message, false)} _(${escapeText(d.kind)})_`;
  });
  const version = `<sub>Oculum ${ctx.version || result.version}</sub>`;

  // Size: what is always shown, then as many rows as fit (worst first), then as many diagnostics as
  // fit in what is left, with at least what the diagnostics take up to a quarter of the budget kept
  // for them; each part that is cut says how many it leaves out. `+ 1`: the joining newline.
  const size = (lines: string[]) => lines.reduce((n, line) => n + line.length + 1, 0);
  const rowsFooter = (left: number) => `_…and ${plural(left, 'more finding')} not shown (this comment stays under GitHub's 65,536-character limit); ${FULL_REPORT}._`;
  const diagnosticsFooter = (left: number) => `- …and ${left} more (${FULL_REPORT})`;
  const fixed =
    size(out) +
    (notes.length > 0 ? size(['', ...notes.map((n) => `> ${n}`)]) : 0) +
    (diagnostics.length > 0 ? size(['', `<details><summary>${plural(diagnostics.length, 'diagnostic')}</summary>`, '', diagnosticsFooter(diagnostics.length), '', '</details>']) : 0) +
    size(['', version]);
  const forDiagnostics = Math.min(size(diagnosticLines), Math.floor(MARKDOWN_MAX_CHARS / 4));
  let budget = MARKDOWN_MAX_CHARS - fixed - forDiagnostics - size(['', rowsFooter(rowCount)]);
  let shownRows = 0;
  for (const row of tableRows) {
    if (row.length + 1 > budget) break;
    budget -= row.length + 1;
    shownRows++;
  }
  out.push(...tableRows.slice(0, shownRows));
  if (rowCount > shownRows) out.push('', rowsFooter(rowCount - shownRows));
  else budget += size(['', rowsFooter(rowCount)]);
  budget += forDiagnostics;

  if (notes.length > 0) out.push('', ...notes.map((n) => `> ${n}`));
  if (diagnostics.length > 0) {
    out.push('', `<details><summary>${plural(diagnostics.length, 'diagnostic')}</summary>`, '');
    let shown = 0;
    for (const line of diagnosticLines) {
      if (line.length + 1 > budget) break;
      budget -= line.length + 1;
      out.push(line);
      shown++;
    }
    if (diagnostics.length > shown) out.push(diagnosticsFooter(diagnostics.length - shown));
    out.push('', '</details>');
  }
  out.push('', version);
  return out.join('\n') + '\n';
};
