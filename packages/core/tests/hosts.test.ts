import { expect, it } from 'vitest';
import { isLoopbackHost } from '../src/hosts.js';

it('isLoopbackHost: this machine, in every spelling a URL gives it', () => {
  for (const host of ['localhost', 'LOCALHOST', 'api.localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '0.0.0.0']) expect(isLoopbackHost(host), host).toBe(true);
  for (const host of ['localhost.example.com', '127.0.0.1.nip.io', '128.0.0.1', '[2001:db8::1]', 'example.com', '']) expect(isLoopbackHost(host), host).toBe(false);
});
