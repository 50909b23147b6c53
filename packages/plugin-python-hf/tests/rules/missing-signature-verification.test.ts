import rule from '../../src/rules/missing-signature-verification.js';
import { fixture, ruleTester } from '../helpers.js';

const settings = { requireSignatures: true };

ruleTester.run('hf/missing-signature-verification', rule, {
  valid: [
    // off until configured
    'import torch\nm = torch.load("m.pt", weights_only=True)',
    { code: 'import model_signing\nimport torch\nmodel_signing.verifying.Config().verify("m.pt", "m.sig")\nm = torch.load("m.pt", weights_only=True)', settings },
  ],
  invalid: [
    {
      code: 'import torch\nm = torch.load("m.pt", weights_only=True)',
      settings,
      errors: [{ messageId: 'unsigned', data: { api: 'torch.load', scope: 'this module' }, confidence: 'medium' }],
    },
    {
      code: 'import torch\nm = torch.load("m.pt", weights_only=True)',
      settings: { requireSignatures: { enabled: true } },
      errors: [{ messageId: 'unsigned' }],
    },
  ],
});

fixture(rule, { settings });
