/**
 * Deserializers handed to an API that calls them (`pool.map(joblib.load, paths)`); which APIs those are
 * and what they pass on is the language's answer (`@oculum/lang-python`'s `callbackUse`).
 */
import { UNKNOWN } from '@oculum/core';
import { callbackArgument, callbackUse } from '@oculum/lang-python';
import { isInProcessData, nameAmong, type Node, type SC } from './utils.js';

export { CALLBACK_CALLEE_NAMES, localForwarderNames, callbackArgument, callbackPartial, callbackUse, type CallbackUse } from '@oculum/lang-python';

/**
 * A deserializer of `loaders` handed as a callback by this call (`pool.map(joblib.load, paths)`,
 * `delayed(pickle.load)(f)`): its name and the API that calls it, unless what it is called with is
 * data this process wrote with one of `dumpers` (its `parameter`). `'other'` for a callback API
 * given anything else (nothing to report on this call), undefined for a call that is no callback API.
 */
export function handedLoader(
  sc: SC,
  call: Node,
  loaders: { has(name: string): boolean },
  dumpers: ReadonlySet<string>,
  parameter: { name: string; position: number },
): { callee: string; via: string } | 'other' | undefined {
  const use = callbackUse(sc, call);
  if (!use) return undefined;
  const callee = nameAmong(sc, use.fn, loaders);
  if (!callee) return 'other';
  const data = callbackArgument(sc, use, parameter);
  if (data && data !== UNKNOWN && isInProcessData(sc, data, dumpers)) return 'other';
  return { callee, via: use.via };
}
