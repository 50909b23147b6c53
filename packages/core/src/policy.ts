import type { Settings } from './types.js';

/**
 * `settings.trustedPublishers`: the Hub owners (or full `owner/name` ids) a project accepts models
 * from. One reading of the setting and one verdict for every language's untrusted-publisher rule.
 */
export interface PublisherPolicy {
  /** Lower-cased owners and ids, as configured. */
  readonly trusted: readonly string[];
  /** The list for messages (the first four, then an ellipsis). */
  readonly summary: string;
  /** `trusted`; `noOwner` for a legacy id without an owner namespace; otherwise `untrusted` with the owner. */
  judge(id: string): { verdict: 'trusted' } | { verdict: 'noOwner' } | { verdict: 'untrusted'; owner: string };
  /** Whether an owner is trusted as a whole (for an id whose name is only known at run time: `f"meta-llama/{name}"`). */
  trustsOwner(owner: string): boolean;
}

/** The policy, or undefined when `settings.trustedPublishers` is not a non-empty list of strings. */
export function trustedPublisherPolicy(settings: Settings): PublisherPolicy | undefined {
  const value = settings.trustedPublishers;
  if (!Array.isArray(value)) return undefined;
  const trusted = value.filter((x): x is string => typeof x === 'string').map((x) => x.trim().toLowerCase()).filter(Boolean);
  if (trusted.length === 0) return undefined;
  const set = new Set(trusted);
  return {
    trusted,
    summary: trusted.length > 4 ? `${trusted.slice(0, 4).join(', ')}, …` : trusted.join(', '),
    judge(id) {
      if (set.has(id.toLowerCase())) return { verdict: 'trusted' };
      const slash = id.indexOf('/');
      if (slash <= 0) return { verdict: 'noOwner' };
      const owner = id.slice(0, slash);
      return set.has(owner.toLowerCase()) ? { verdict: 'trusted' } : { verdict: 'untrusted', owner };
    },
    trustsOwner(owner) {
      return set.has(owner.toLowerCase());
    },
  };
}

/** Messages and remediation shared by the untrusted-publisher rules of every language. */
export const UNTRUSTED_PUBLISHER_MESSAGES = {
  unknownPublisher: '{{api}} fetches "{{id}}" from "{{owner}}", which is not in settings.trustedPublishers ({{trusted}}).',
  noOwner: '{{api}} fetches "{{id}}", a legacy id without an owner namespace, which is not in settings.trustedPublishers.',
  bareName: '{{api}} loads "{{id}}": unless a local directory has that name, it is a Hub id without an owner namespace, which is not in settings.trustedPublishers.',
  unresolved: '{{api}} fetches a Hub repository whose id could not be resolved, so its publisher cannot be checked against settings.trustedPublishers.',
  defaultModel: '{{api}}({{task}}) names no model: it fetches the default model the library picks for the task, from a publisher this code does not choose and settings.trustedPublishers does not list. Name a model from a trusted publisher.',
};
export const UNTRUSTED_PUBLISHER_REMEDIATION =
  'Load models only from publishers you trust (add reviewed owners to `settings.trustedPublishers`), or mirror the model into your own organisation.';
