/**
 * A host that names this machine: `localhost` and `*.localhost`, `127.x.x.x`, the IPv6 loopback
 * (`::1`, also bracketed as in a URL, `[::1]`) and `0.0.0.0`. Rule packs of every language ask it of
 * the host of a URL (plain HTTP to this machine crosses no network).
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::1' || h === '0.0.0.0';
}
