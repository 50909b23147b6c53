import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { lintText, type Depth, type FileResult, type Finding, type Language, type Rule, type Settings } from '@oculum/core';
import { testApi } from './test-api.js';

export type AnnotationKind = 'ruleid' | 'ok' | 'todoruleid' | 'todook';

export interface Annotation {
  kind: AnnotationKind;
  ruleId: string;
  /** Line of the annotation comment. */
  annotationLine: number;
  /** The code line it applies to. */
  line: number;
}

export interface RunFixtureOptions {
  /** Path of the annotated fixture (absolute, or relative to process.cwd()). */
  file: string;
  language: Language<any>;
  /** The rules under test by full id. Annotations may only name these. */
  rules: Record<string, Rule<any, any>>;
  settings?: Settings;
  /** Default 'deep'. */
  depth?: Depth;
  /** Options per rule id. */
  options?: Record<string, unknown[]>;
  /** Scan root seen by rules as `context.cwd` (default: the fixture's directory). */
  cwd?: string;
}

const ANNOTATION = /(?:#|\/\/|\/\*)\s*(ruleid|ok|todoruleid|todook)\s*:\s*([^\s,*][^*]*?)\s*(?:\*\/)?\s*$/;
const COMMENT_ONLY = /^\s*(?:#|\/\/|\/\*)/;

/**
 * Reads Semgrep-style annotations: `# ruleid: a, b` (or `//`, `/* *\/`) alone on a line applies to
 * the next line that is neither blank nor a comment; at the end of a code line, to that line.
 */
export function parseAnnotations(text: string): Annotation[] {
  const lines = text.split(/\r\n|\r|\n/);
  const annotations: Annotation[] = [];
  let pending: Array<Omit<Annotation, 'line'>> = [];
  lines.forEach((content, i) => {
    const lineNo = i + 1;
    const match = ANNOTATION.exec(content);
    const commentOnly = COMMENT_ONLY.test(content);
    if (match) {
      const ids = match[2]
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean);
      const entries = ids.map((ruleId) => ({ kind: match[1] as AnnotationKind, ruleId, annotationLine: lineNo }));
      if (commentOnly) {
        pending.push(...entries);
        return;
      }
      annotations.push(...entries.map((entry) => ({ ...entry, line: lineNo })));
    }
    if (content.trim() === '' || commentOnly) return;
    annotations.push(...pending.map((entry) => ({ ...entry, line: lineNo })));
    pending = [];
  });
  for (const entry of pending) {
    throw new Error(`Annotation "${entry.kind}: ${entry.ruleId}" at line ${entry.annotationLine} is not followed by code`);
  }
  return annotations;
}

function findingsAt(findings: Finding[], ruleId: string, line: number): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId && f.line === line);
}

/**
 * Runs the rules on an annotated fixture. Every annotation is its own Vitest test, plus one test
 * for findings no annotation expects. Strict both ways: `Missing <id> at line N` when a `ruleid`
 * line is not reported, `Noisy <id> at line N` for an `ok` line or an unannotated line that is.
 * Findings suppressed by inline directives count as not reported.
 */
export function runFixture(options: RunFixtureOptions): void {
  const file = nodePath.resolve(options.file);
  const base = nodePath.basename(file);
  const { describe, it } = testApi;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    describe(base, () => {
      it('fixture exists', () => {
        throw new Error(`Cannot read fixture ${file}: ${(error as Error).message}`);
      });
    });
    return;
  }

  let result: Promise<FileResult> | undefined;
  const lint = () =>
    (result ??= lintText({
      path: file,
      text: options.language.readsFile ? undefined : text,
      language: options.language,
      rules: Object.entries(options.rules).map(([id, rule]) => ({ id, rule, level: 'error' as const, options: options.options?.[id] ?? [] })),
      settings: options.settings,
      depth: options.depth ?? 'deep',
      cwd: options.cwd ?? nodePath.dirname(file),
    }).then((r) => {
      const internal = r.diagnostics.filter((d) => d.kind === 'internal');
      if (internal.length > 0) throw new Error(internal.map((d) => d.message).join('\n'));
      return r;
    }));
  const reported = async () => (await lint()).findings.filter((f) => !f.suppressed);

  describe(`fixture ${base}`, () => {
    let annotations: Annotation[];
    try {
      annotations = parseAnnotations(text);
    } catch (error) {
      it('annotations', () => {
        throw error;
      });
      return;
    }
    for (const annotation of annotations) {
      const { kind, ruleId, line } = annotation;
      it(`line ${line}: ${kind} ${ruleId}`, async () => {
        if (!Object.prototype.hasOwnProperty.call(options.rules, ruleId)) {
          throw new Error(`Annotation at line ${annotation.annotationLine} names "${ruleId}", which is not among the rules under test (${Object.keys(options.rules).join(', ')})`);
        }
        const hits = findingsAt(await reported(), ruleId, line);
        switch (kind) {
          case 'ruleid':
            if (hits.length === 0) throw new Error(`Missing ${ruleId} at line ${line}`);
            break;
          case 'ok':
            if (hits.length > 0) throw new Error(`Noisy ${ruleId} at line ${line}: ${hits[0].message}`);
            break;
          case 'todoruleid':
            if (hits.length > 0) throw new Error(`${ruleId} is now reported at line ${line}: change "todoruleid" to "ruleid"`);
            break;
          case 'todook':
            if (hits.length === 0) throw new Error(`${ruleId} is no longer reported at line ${line}: change "todook" to "ok"`);
            break;
        }
      });
    }
    it('no unannotated findings', async () => {
      const expected = new Set(annotations.filter((a) => a.kind === 'ruleid' || a.kind === 'todook').map((a) => `${a.ruleId}@${a.line}`));
      const noisy = (await reported()).filter((f) => !expected.has(`${f.ruleId}@${f.line}`));
      if (noisy.length > 0) {
        throw new Error(noisy.map((f) => `Noisy ${f.ruleId} at line ${f.line}: ${f.message}`).join('\n'));
      }
    });
  });
}
