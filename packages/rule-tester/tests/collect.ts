import { testApi } from '../src/index.js';

/**
 * Registers a RuleTester / runFixture / testRuleDocs definition with a collecting describe/it instead of Vitest's,
 * then runs every collected case and returns its outcome ('pass' or the failure message).
 */
export async function outcomeList(define: () => void): Promise<Array<[string, string]>> {
  const tests: Array<[string, () => unknown]> = [];
  const path: string[] = [];
  const saved = { ...testApi };
  testApi.describe = (name, fn) => {
    path.push(name);
    fn();
    path.pop();
  };
  testApi.it = (name, fn) => void tests.push([[...path, name].join(' > '), fn]);
  try {
    define();
  } finally {
    Object.assign(testApi, saved);
  }
  const out: Array<[string, string]> = [];
  for (const [name, fn] of tests) {
    try {
      await fn();
      out.push([name, 'pass']);
    } catch (error) {
      out.push([name, (error as Error).message]);
    }
  }
  return out;
}

export async function outcomes(define: () => void): Promise<Record<string, string>> {
  return Object.fromEntries(await outcomeList(define));
}
