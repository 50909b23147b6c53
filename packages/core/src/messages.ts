import { RuleError } from './errors.js';

const PLACEHOLDER = /\{\{\s*([^{}\s]+?)\s*\}\}/g;

/**
 * Fills `{{name}}` placeholders of a message template. A placeholder without data is a bug in the
 * rule (the user would see `{{callee}}`): it throws, unless `onMissing` is given, which is told the
 * key and leaves the placeholder as written (a scan keeps the finding and reports the rule's bug).
 */
export function interpolate(ruleId: string, template: string, data: Record<string, unknown> | undefined, onMissing?: (key: string) => void): string {
  return template.replace(PLACEHOLDER, (match, key: string) => {
    if (!data || !(key in data) || data[key] === undefined) {
      if (onMissing) {
        onMissing(key);
        return match;
      }
      throw new RuleError(ruleId, `message placeholder "{{${key}}}" has no value in data`);
    }
    return String(data[key]);
  });
}

/** Resolves `meta.messages[messageId]` and fills it. */
export function formatMessage(
  ruleId: string,
  messages: Record<string, string>,
  messageId: string,
  data: Record<string, unknown> | undefined,
  onMissing?: (key: string) => void,
): string {
  if (typeof messageId !== 'string' || !Object.prototype.hasOwnProperty.call(messages, messageId)) {
    const known = Object.keys(messages).map((k) => `"${k}"`).join(', ');
    throw new RuleError(ruleId, `unknown messageId "${String(messageId)}" (meta.messages has ${known || 'nothing'})`);
  }
  return interpolate(ruleId, messages[messageId], data, onMissing);
}
