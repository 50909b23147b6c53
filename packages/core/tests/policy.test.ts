import { describe, expect, it } from 'vitest';
import { trustedPublisherPolicy } from '../src/policy.js';

describe('trustedPublisherPolicy', () => {
  it('is off unless settings.trustedPublishers lists at least one publisher', () => {
    expect(trustedPublisherPolicy({})).toBeUndefined();
    expect(trustedPublisherPolicy({ trustedPublishers: [] })).toBeUndefined();
    expect(trustedPublisherPolicy({ trustedPublishers: 'meta-llama' })).toBeUndefined();
    expect(trustedPublisherPolicy({ trustedPublishers: [3, ' '] })).toBeUndefined();
  });

  it('trusts listed owners and full ids, case-insensitively; names legacy ids and unknown owners', () => {
    const policy = trustedPublisherPolicy({ trustedPublishers: ['Meta-Llama', 'someone/one-model'] })!;
    expect(policy.judge('meta-llama/Llama-3-8b')).toEqual({ verdict: 'trusted' });
    expect(policy.judge('someone/one-model')).toEqual({ verdict: 'trusted' });
    expect(policy.judge('someone/other-model')).toEqual({ verdict: 'untrusted', owner: 'someone' });
    expect(policy.judge('gpt2')).toEqual({ verdict: 'noOwner' });
    expect(policy.summary).toBe('meta-llama, someone/one-model');
    // an owner as a whole: a listed owner, not an owner one of whose ids is listed
    expect([policy.trustsOwner('META-LLAMA'), policy.trustsOwner('someone')]).toEqual([true, false]);
    expect(trustedPublisherPolicy({ trustedPublishers: ['a', 'b', 'c', 'd', 'e'] })!.summary).toBe('a, b, c, d, …');
  });
});
