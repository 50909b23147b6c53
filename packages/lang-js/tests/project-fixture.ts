import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { javascript, type JsNode, type JsSourceCode } from '../src/index.js';
import { walk } from '../src/walk.js';

/**
 * Project directories under one temporary root for this test file (made before its tests, removed
 * after), and how to parse a file of one as a scan would: the shared fixture of the `--depth deep`
 * module tests.
 */
export function projectFixture(prefix: string): ProjectFixture {
  let root = '';
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), prefix));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** Writes `files` (path → text) under a fresh project directory. */
  function project(name: string, files: Record<string, string>): string {
    const dir = path.join(root, name);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    return dir;
  }

  /** Writes `text` as `file` of the project `dir` and parses it as a scan would. */
  function parseAt(dir: string, file: string, text: string, depth: 'standard' | 'deep' = 'deep'): JsSourceCode {
    const full = path.join(dir, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
    return javascript.parse({ path: full, text, settings: {}, depth }) as JsSourceCode;
  }

  /** The constant of the last `use(x)` argument in `text`, parsed as `file` of the project `dir`. */
  function constAt(dir: string, file: string, text: string, depth: 'standard' | 'deep' = 'deep'): Constant {
    const sc = parseAt(dir, file, text, depth);
    return sc.constant(used(sc));
  }

  return { root: () => root, project, parseAt, constAt };
}

type Constant = ReturnType<JsSourceCode['constant']>;

export interface ProjectFixture {
  root(): string;
  project(name: string, files: Record<string, string>): string;
  parseAt(dir: string, file: string, text: string, depth?: 'standard' | 'deep'): JsSourceCode;
  constAt(dir: string, file: string, text: string, depth?: 'standard' | 'deep'): Constant;
}

/** The argument of the last `use(…)` call. */
export function used(sc: JsSourceCode): JsNode {
  let target: JsNode | undefined;
  walk(sc.ast, (n) => {
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'use') target = n.arguments[0];
  });
  return target!;
}
