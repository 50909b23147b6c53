import type { Confidence, ReportDescriptor } from '@oculum/core';
import type { JsNode, JsSourceCode, TSESTree } from '@oculum/lang-js';
import { httpLiterals, httpsSuggestion } from './http-literals.js';
import { classifyLocation, namedLikeUrl, type ModelLocation } from './locations.js';
import { asCode, quoted, quotedValues } from './libraries.js';

/**
 * The report for a loader handed `source` (a URL or path), or undefined when it is local.
 * Unknown values are reported at low confidence only when their name says they hold a URL, or when
 * the analysis gave up on them at its depth bound (`cut`); anything else (a path variable, an
 * ArrayBuffer) is not evidence of a remote load.
 */
export function remoteLoadReport(
  sc: JsSourceCode,
  call: TSESTree.CallExpression,
  source: JsNode,
  data: Record<string, string>,
  location: ModelLocation = classifyLocation(sc, source),
): Omit<ReportDescriptor, 'node'> & { node: TSESTree.CallExpression } | undefined {
  if (location.kind === 'local' || location.kind === 'hub') return undefined;
  if (location.kind === 'unknown') {
    // (a value the analysis gave up on at its depth bound may be remote too: low, not dropped)
    // (one not named like a URL, only cut: worded as not resolved, not as a download)
    const named = namedLikeUrl(source);
    if (!named && !location.cut) return undefined;
    return { node: call, messageId: named ? 'remote' : 'unresolved', data: { ...data, url: asCode(sc.getText(source)) }, confidence: 'low' };
  }
  // a known value in quotes, an expression only partly known as code (`` `https://${CDN}/m.onnx` ``);
  // the defaults of a value the environment may override (`process.env.MODEL_URL || "https://…"`) in quotes
  const url = location.value !== undefined ? quoted(location.value) : location.values ? quotedValues(location.values) : asCode(sc.getText(source));
  const confidence: Confidence = location.partial || location.overridable ? 'medium' : 'high';
  return {
    node: call,
    messageId: location.http ? 'http' : 'remote',
    data: { ...data, url },
    confidence,
    suggest: location.http ? httpsSuggestion(sc, httpLiterals(sc, source)) : undefined,
  };
}
