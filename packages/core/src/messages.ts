import { RuleError } from './errors.js';

const PLACEHOLDER = /\{\{\s*([^{}\s]+?)\s*\}\}/g;

/**
 * Fills `{{name}}` placeholders of a message template. A placeholder without data is a bug in the
 * rule (the user would see `{{callee}}`), so it throws.
 */
export function interpolate(ruleId: string, template: string, data: Record<string, unknown> | undefined): string {
  return template.replace(PLACEHOLDER, (_match, key: string) => {
    if (!data || !(key in data) || data[key] === undefined) {
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
): string {
  if (typeof messageId !== 'string' || !Object.prototype.hasOwnProperty.call(messages, messageId)) {
    const known = Object.keys(messages).map((k) => `"${k}"`).join(', ');
    throw new RuleError(ruleId, `unknown messageId "${String(messageId)}" (meta.messages has ${known || 'nothing'})`);
  }
  return interpolate(ruleId, messages[messageId], data);
}
