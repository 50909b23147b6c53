// ESLint flat config running Oculum's JS/TS model supply-chain rules (eslint-plugin-oculum).
//   npx eslint examples/transformersjs-app          # reports
//   npx eslint examples/transformersjs-app-fixed    # clean
// For TypeScript, add typescript-eslint's parser as usual; the rules read its tree too.
import oculum from 'eslint-plugin-oculum';

export default [
  oculum.configs.recommended,
  {
    // Rule options are the Oculum options, e.g. a mirror you operate over HTTPS:
    rules: {
      'oculum/transformersjs/insecure-remote-host': ['error', { allowedHosts: ['models.internal.example.com'] }],
    },
  },
];
