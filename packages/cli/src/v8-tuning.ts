/**
 * V8 tuning for the `oculum` process (the CLI's bin only: the library and the ESLint plugin run in
 * their host's process and leave its settings alone).
 *
 * A scan is a short, CPU-bound run in which every thread (the main one and each lint worker) is a
 * separate V8 isolate that compiles the same parser and rules afresh. With V8's default interrupt
 * budget, TurboFan optimises (and often re-optimises) functions after very little work, and on a
 * 2-core machine those compiles take CPU from the scan itself. A larger budget lets functions tier
 * up only once they are really hot. Measured on the 2-core CI machine, median of 5 alternated runs
 * (`pnpm bench`, see the README's Performance section): PyTorch's sources 1,460 → 1,260 ms wall
 * (CPU 2,630 → 2,220 ms); 2,057 JS files 8,850 → 7,410 ms; all of Debian's dist-packages
 * 6,420 → 6,100 ms. Budgets of 300k to 2.4M measured within noise of each other; 600k was best.
 */
import v8 from 'node:v8';

/** Bytecode budget before a function is considered for optimisation (V8's default: 67,584 in Node 20). */
export const INTERRUPT_BUDGET = 600_000;

/**
 * V8 versions known to have `--interrupt-budget` (Node 18 to 24). V8 prints "unrecognized flag" on
 * stderr for a flag it does not know, so a later V8 is left untuned rather than risk that line.
 */
const TUNED_V8_MAJORS = { min: 10, max: 13 };

/**
 * Sets the budget unless the user chose their own (`node --interrupt-budget=… oculum`), turned
 * tuning off with `OCULUM_NO_V8_TUNING=1`, or runs a V8 this was not measured with. Returns the flag
 * it set, if any.
 */
export function tuneV8(execArgv: readonly string[] = process.execArgv, env: NodeJS.ProcessEnv = process.env, v8Version: string = process.versions.v8): string | undefined {
  if (env.OCULUM_NO_V8_TUNING === '1') return undefined;
  if (execArgv.some((arg) => /^--interrupt[-_]budget(?:=|$)/.test(arg))) return undefined;
  const major = Number.parseInt(v8Version, 10);
  if (!(major >= TUNED_V8_MAJORS.min && major <= TUNED_V8_MAJORS.max)) return undefined;
  const flag = `--interrupt-budget=${INTERRUPT_BUDGET}`;
  try {
    v8.setFlagsFromString(flag);
  } catch {
    return undefined; // a runtime without the flag: nothing to tune
  }
  return flag;
}
