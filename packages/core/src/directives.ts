import type { Comment, Diagnostic, Finding } from './types.js';

export type DirectiveKind = 'ignore' | 'ignore-next-line' | 'ignore-start' | 'ignore-end';

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids, detector names or plugin namespaces; empty = everything. */
  targets: string[];
  justification?: string;
  /** Line of the comment (its first line). */
  line: number;
  column: number;
  /** Lines this directive covers, inclusive (start/end: from the start line to the end directive). */
  from: number;
  to: number;
  used: boolean;
  /** A trailing `oculum-ignore` covers every finding whose lines include the comment's line. */
  trailing: boolean;
  /** The raw directive text, for messages. */
  text: string;
}

const PREFIX = 'oculum-ignore';
const LINE_END = /[\n\r\u2028\u2029]/g;
const KINDS = ['-next-line', '-start', '-end'] as const;
/** The word a directive starts with, in any case or spelling (`OCULUM-IGNORE`, `oculum-disable-line`, `oculum_ignore`). */
const DIRECTIVE_WORD = String.raw`oculum[-_ ]?(?:ignore|disable|nolint)\b`;
/** A comment that starts as a directive would, in another case or spelling (`OCULUM-IGNORE`, `oculum-disable-line`, `oculum-ignore: id`). */
const LOOKS_LIKE_DIRECTIVE = new RegExp(String.raw`^[\s*]*${DIRECTIVE_WORD}`, 'i');
const DIRECTIVE_WORD_ANYWHERE = new RegExp(DIRECTIVE_WORD, 'i');

/**
 * Whether a file's text may hold a directive, or a comment meant as one (`collectDirectives` warns about those):
 * the files without are not parsed for their directives alone.
 */
export function mayHoldDirectives(text: string): boolean {
  if (text.includes('oculum-ignore')) return true;
  // (a plain search first: the case-insensitive one only where some spelling of the name occurs)
  return (text.includes('culum') || text.includes('CULUM')) && DIRECTIVE_WORD_ANYWHERE.test(text);
}

/**
 * Parses one comment value (delimiters already removed): `oculum-ignore`, `-next-line`, `-start` or
 * `-end`, then an optional `[a, b]` list, then an optional `-- reason`. Leading `*` of doc-block
 * continuation lines and surrounding whitespace are ignored. Returns undefined when it is not a
 * directive. Read by hand in one pass: a comment is the scanned file's text, and a pattern with
 * several `\s*` in a row took O(n³) on a directive followed by 3,000 spaces and a word (34 s).
 */
export function parseDirectiveComment(value: string): { kind: DirectiveKind; targets: string[]; justification?: string } | undefined {
  let start = 0;
  let end = value.length;
  const space = (i: number) => /\s/.test(value[i]!);
  while (start < end && space(start)) start++;
  while (end > start && space(end - 1)) end--;
  if (value[start] === '*') {
    while (start < end && value[start] === '*') start++;
    while (start < end && space(start)) start++;
  }
  if (value[end - 1] === '*') {
    while (end > start && value[end - 1] === '*') end--;
    while (end > start && space(end - 1)) end--;
  }
  if (!value.startsWith(PREFIX, start)) return undefined;
  let at = start + PREFIX.length;
  let kind: DirectiveKind = 'ignore';
  for (const suffix of KINDS) {
    if (value.startsWith(suffix, at) && at + suffix.length <= end) {
      kind = `ignore${suffix}`;
      at += suffix.length;
      break;
    }
  }
  // The name ends there: at the end, a space or the list (`oculum-ignored` is not a directive).
  if (at < end && !space(at) && value[at] !== '[') return undefined;
  while (at < end && space(at)) at++;
  let targets: string[] = [];
  if (value[at] === '[') {
    const close = value.indexOf(']', at);
    if (close === -1 || close >= end) return undefined;
    targets = value
      .slice(at + 1, close)
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    at = close + 1;
    while (at < end && space(at)) at++;
  }
  let justification: string | undefined;
  if (value.startsWith('--', at)) {
    justification = value.slice(at + 2, end).trim() || undefined;
    at = end;
  }
  return at === end ? { kind, targets, ...(justification !== undefined ? { justification } : {}) } : undefined;
}

/** Builds the directives of a file from its comments. Unmatched `-end` directives become diagnostics. */
export function collectDirectives(
  comments: readonly Comment[],
  file: string,
  lastLine: number,
  text?: string,
): { directives: Directive[]; diagnostics: Diagnostic[] } {
  // `/* oculum-ignore */ code()` is alone at the start of its line but still a same-line directive.
  // The line ends at any line terminator of the languages: LF, a lone CR (CPython and ECMAScript),
  // U+2028 and U+2029 (ECMAScript; inside a Python comment they are part of it).
  const codeFollows = (comment: Comment): boolean => {
    if (text === undefined) return false;
    LINE_END.lastIndex = comment.range[1];
    const end = LINE_END.exec(text)?.index ?? text.length;
    return text.slice(comment.range[1], end).trim() !== '';
  };
  const directives: Directive[] = [];
  const diagnostics: Diagnostic[] = [];
  const open: Directive[] = [];
  const sorted = [...comments].sort((a, b) => a.range[0] - b.range[0]);
  for (const comment of sorted) {
    const parsed = parseDirectiveComment(comment.value);
    if (!parsed) {
      // `# oculum-ignore: rule`, `# OCULUM-IGNORE`, `# oculum-disable-line`: meant as a directive, read as none
      // (the finding stays, fail-safe); said, so that the writer knows why it is still reported.
      if (LOOKS_LIKE_DIRECTIVE.test(comment.value)) {
        const text = comment.value.trim();
        diagnostics.push({
          file,
          line: comment.loc.start.line,
          column: comment.loc.start.column,
          kind: 'unused-directive',
          severity: 'warning',
          message: `"${text.length > 80 ? `${text.slice(0, 80)}…` : text}" is no directive Oculum reads, so it suppresses nothing: write \`oculum-ignore[rule-id] -- reason\` (also -next-line, -start, -end)`,
        });
      }
      continue;
    }
    const line = comment.loc.start.line;
    const base = {
      kind: parsed.kind,
      targets: parsed.targets,
      justification: parsed.justification,
      line,
      column: comment.loc.start.column,
      used: false,
      trailing: false,
      text: comment.value.trim(),
    };
    switch (parsed.kind) {
      case 'ignore':
        // Trailing: the line of the comment. Alone on its line: the next line (like `# nosemgrep`).
        if (comment.ownLine && !codeFollows(comment)) directives.push({ ...base, from: comment.loc.end.line + 1, to: comment.loc.end.line + 1 });
        else directives.push({ ...base, from: comment.loc.end.line, to: comment.loc.end.line, trailing: true });
        break;
      case 'ignore-next-line':
        directives.push({ ...base, from: comment.loc.end.line + 1, to: comment.loc.end.line + 1 });
        break;
      case 'ignore-start': {
        // Unclosed: up to the end of the file.
        const d: Directive = { ...base, from: line, to: lastLine + 1 };
        directives.push(d);
        open.push(d);
        break;
      }
      case 'ignore-end': {
        // Closes the most recent open block with the same list (or the most recent one when the end has no list).
        const key = parsed.targets.join(',');
        let index = -1;
        for (let i = open.length - 1; i >= 0; i--) {
          if (parsed.targets.length === 0 || open[i].targets.join(',') === key) {
            index = i;
            break;
          }
        }
        if (index === -1) {
          diagnostics.push({
            file,
            line,
            column: comment.loc.start.column,
            kind: 'unused-directive',
            severity: 'warning',
            message: `"${base.text}" has no matching oculum-ignore-start`,
          });
        } else {
          open[index].to = line;
          open.splice(index, 1);
        }
        break;
      }
    }
  }
  return { directives, diagnostics };
}

/** True when a directive target names this finding: its rule id, its detector or its plugin namespace. */
export function targetMatches(target: string, ruleId: string, detector: string): boolean {
  return target === ruleId || target === detector || ruleId.startsWith(`${target}/`);
}

/**
 * Marks findings covered by a directive as suppressed (`inSource`) and reports directives that
 * suppressed nothing. A directive is only judged when its use can be known: `enabled` (rule id →
 * detector) are the rules that ran; `dormant` are rules the config enables that did not run in this
 * scan (depth, --rule/--detector filters). A directive without a list, or naming a dormant rule,
 * might suppress one of those in another run, so it is not reported while any such rule is dormant.
 */
export function applyDirectives(
  findings: Finding[],
  directives: Directive[],
  file: string,
  enabled: ReadonlyMap<string, string>,
  dormant: ReadonlyMap<string, string> = new Map(),
): Diagnostic[] {
  if (directives.length === 0) return [];
  for (const finding of findings) {
    for (const d of directives) {
      if (d.kind === 'ignore-end') continue;
      const covered = d.trailing
        ? d.from >= finding.line && d.from <= finding.endLine
        : d.kind === 'ignore-start'
          ? finding.line > d.from && finding.line < d.to
          : finding.line === d.from;
      if (!covered) continue;
      if (d.targets.length > 0 && !d.targets.some((t) => targetMatches(t, finding.ruleId, finding.detector))) continue;
      d.used = true;
      if (!finding.suppressed) finding.suppressed = { kind: 'inSource', justification: d.justification };
    }
  }
  const diagnostics: Diagnostic[] = [];
  for (const d of directives) {
    if (d.used) continue;
    if (d.targets.length === 0) {
      if (dormant.size > 0) continue;
    } else {
      const matchesAny = (rules: ReadonlyMap<string, string>) => d.targets.some((t) => [...rules].some(([id, detector]) => targetMatches(t, id, detector)));
      if (!matchesAny(enabled) || matchesAny(dormant)) continue;
    }
    diagnostics.push({
      file,
      line: d.line,
      column: d.column,
      kind: 'unused-directive',
      severity: 'warning',
      message: `Unused directive "${d.text}": it suppresses no finding`,
    });
  }
  return diagnostics;
}

/** `settings.reportUnusedDirectives` (the CLI's `--report-unused-directives`): what an unused directive is. */
export const UNUSED_DIRECTIVE_LEVELS = ['off', 'warn', 'error'] as const;
export type UnusedDirectiveLevel = (typeof UNUSED_DIRECTIVE_LEVELS)[number];

/** How a file's directives are judged, from its settings (`reportUnusedDirectives`, `requireSuppressionReason`). */
export interface DirectivePolicy {
  /** `warn` (the default): unused directives are warnings; `off`: not reported; `error`: errors that fail the run. */
  reportUnused: UnusedDirectiveLevel;
  /** A directive without `-- reason` is an error (kind `missing-reason`); it still suppresses. */
  requireReason: boolean;
}

export function directivePolicy(settings: Readonly<Record<string, unknown>> | undefined): DirectivePolicy {
  const level = settings?.reportUnusedDirectives;
  return {
    reportUnused: (UNUSED_DIRECTIVE_LEVELS as readonly unknown[]).includes(level) ? (level as UnusedDirectiveLevel) : 'warn',
    requireReason: settings?.requireSuppressionReason === true,
  };
}

/**
 * A diagnostic about a directive that suppresses nothing as the policy wants it: `stale` ones (a
 * directive that matched no finding) are dropped at `off`; every one is an error at `error`. Those
 * about a directive that cannot work (misspelled, an unknown rule, an `-end` without a start) are
 * mistakes rather than leftovers: they stay warnings at `off`. Undefined: not reported.
 */
export function directiveDiagnostic(d: Diagnostic, policy: DirectivePolicy, stale: boolean): Diagnostic | undefined {
  if (policy.reportUnused === 'off') return stale ? undefined : d;
  return policy.reportUnused === 'error' ? { ...d, severity: 'error' } : d;
}

/**
 * `requireSuppressionReason`: an error (kind `missing-reason`) for each directive without `-- reason`
 * (an `-end` closes a block and needs none). The directive still suppresses, as with ESLint's
 * eslint-comments/require-description: the finding was looked at, only the why is missing.
 */
export function missingReasons(directives: readonly Directive[], file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of directives) {
    if (d.kind === 'ignore-end' || d.justification) continue;
    out.push({
      file,
      line: d.line,
      column: d.column,
      kind: 'missing-reason',
      severity: 'error',
      message: `"${d.text.length > 80 ? `${d.text.slice(0, 80)}…` : d.text}" gives no reason: add one after \`--\` (\`oculum-ignore[rule-id] -- why this is safe\`); settings.requireSuppressionReason asks for it`,
    });
  }
  return out;
}
