import { createRule } from '@oculum/core';
import type { ModelFile } from '../ast.js';
import { isWeakIndicator } from '../formats/template.js';
import { FILE_LOC, list, where } from './util.js';

export default createRule({
  name: 'gguf-chat-template-injection',
  meta: {
    detector: 'unsafe_model_load',
    severity: 'critical',
    languages: ['model'],
    triggers: [],
    docs: {
      description: 'Reports Jinja chat templates shipped inside model files (GGUF metadata, tokenizer configs in archives) that reach Python object internals, a server-side template injection that runs code when the template is rendered.',
      recommended: true,
    },
    messages: {
      injection: 'Chat template `{{key}}`{{where}} reaches object internals ({{indicators}}): rendering it can run code.',
      computed:
        'Chat template `{{key}}`{{where}} looks up an attribute whose name it builds at render time ({{indicators}}): the name could not be resolved statically, and building attribute names is how template injections hide `__class__` and the like.',
    },
    remediation:
      'Do not serve this model with its embedded template. Replace the template with a reviewed one and render templates in a sandboxed Jinja environment (ImmutableSandboxedEnvironment).',
  },
  create(context) {
    return {
      ModelFile(file: ModelFile) {
        for (const t of file.templates) {
          if (!t.indicators.length) continue;
          const data = { key: t.key, where: where(t.member), indicators: list(t.indicators) };
          // Only computed attribute names (no known internal): weaker evidence.
          if (t.indicators.every(isWeakIndicator)) context.report({ loc: FILE_LOC, messageId: 'computed', data, severity: 'high', confidence: 'low' });
          else context.report({ loc: FILE_LOC, messageId: 'injection', data });
        }
      },
    };
  },
});
