import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeListen } from './port-probe.js';

describe('probeListen', () => {
  let holder: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (holder?.listening ? holder.close(() => resolve()) : resolve()));
    holder = undefined;
  });

  async function holdPort(): Promise<number> {
    holder = createServer();
    await new Promise<void>((resolve) => holder?.listen({ host: '127.0.0.1', port: 0, exclusive: true }, resolve));
    return (holder.address() as AddressInfo).port;
  }

  it('says PORT_IN_USE for a port another listener holds, with the port in the message', async () => {
    const port = await holdPort();
    const problem = await probeListen('127.0.0.1', port);
    expect(problem?.code).toBe('PORT_IN_USE');
    expect(problem?.message).toContain(String(port));
  });

  it('finds a free port free, and lets it go again (the port can be bound right after)', async () => {
    const port = await holdPort();
    await new Promise<void>((resolve) => holder?.close(() => resolve()));
    expect(await probeListen('127.0.0.1', port)).toBeUndefined();
    expect(await probeListen('127.0.0.1', port)).toBeUndefined();
  });

  it('says ADDRESS_UNAVAILABLE for an address this machine does not have', async () => {
    // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never assigned to a local interface.
    expect((await probeListen('192.0.2.1', 8000))?.code).toBe('ADDRESS_UNAVAILABLE');
  });

  it('treats port 0 as free without binding', async () => {
    expect(await probeListen('127.0.0.1', 0)).toBeUndefined();
  });
});
