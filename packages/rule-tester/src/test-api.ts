import { describe as vitestDescribe, it as vitestIt } from 'vitest';

export type DescribeFn = (name: string, fn: () => void) => void;
export type ItFn = ((name: string, fn: () => unknown) => void) & {
  only?: (name: string, fn: () => unknown) => void;
  skip?: (name: string, fn: () => unknown) => void;
};

/**
 * The test functions cases are registered with. Vitest's by default; replaceable (like ESLint's
 * `RuleTester.describe` / `RuleTester.it`) to run the tester under another framework or to test it.
 */
export const testApi: { describe: DescribeFn; it: ItFn } = {
  describe: vitestDescribe as unknown as DescribeFn,
  it: vitestIt as unknown as ItFn,
};
