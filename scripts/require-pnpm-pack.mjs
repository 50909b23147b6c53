#!/usr/bin/env node
// `prepack` of every package: `npm pack` / `npm publish` keep `workspace:*` dependency specifiers,
// and the tarball they make cannot be installed (npm: "Unsupported URL Type "workspace:""). pnpm
// replaces them with the versions of the workspace packages. Refuse any other packer, saying so.
const agent = process.env.npm_config_user_agent ?? '';
if (!/^pnpm\//.test(agent)) {
  const name = process.env.npm_package_name ?? 'this package';
  console.error(
    `${name}: pack and publish with pnpm (\`pnpm pack\`, \`pnpm publish\`, or \`pnpm changeset publish\`): ` +
      `${agent ? agent.split(' ')[0] : 'this tool'} keeps the \`workspace:*\` dependencies, and the tarball it makes cannot be installed.`,
  );
  process.exit(1);
}
