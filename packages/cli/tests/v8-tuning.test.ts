import { describe, expect, it } from 'vitest';
import { INTERRUPT_BUDGET, tuneV8 } from '../src/v8-tuning.js';

describe('tuneV8', () => {
  it('raises the interrupt budget by default', () => {
    expect(tuneV8([], {})).toBe(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  });

  it("leaves a budget the user gave node alone, in either spelling", () => {
    expect(tuneV8(['--interrupt-budget=100000'], {})).toBeUndefined();
    expect(tuneV8(['--interrupt_budget', '100000'], {})).toBeUndefined();
    // Another flag that merely starts the same way is not the user's budget.
    expect(tuneV8(['--interrupt-budget-for-feedback-allocation=100'], {})).toBe(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  });

  it('leaves a V8 it does not know untuned (an unknown flag would print an error line)', () => {
    expect(tuneV8([], {}, '11.3.244.8-node.33')).toBe(`--interrupt-budget=${INTERRUPT_BUDGET}`);
    expect(tuneV8([], {}, '13.6.233.10-node.18')).toBe(`--interrupt-budget=${INTERRUPT_BUDGET}`);
    expect(tuneV8([], {}, '14.0.1')).toBeUndefined();
    expect(tuneV8([], {}, '9.4.146')).toBeUndefined();
    expect(tuneV8([], {}, 'weird')).toBeUndefined();
  });

  it('is turned off with OCULUM_NO_V8_TUNING=1', () => {
    expect(tuneV8([], { OCULUM_NO_V8_TUNING: '1' })).toBeUndefined();
    expect(tuneV8([], { OCULUM_NO_V8_TUNING: '0' })).toBe(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  });
});
