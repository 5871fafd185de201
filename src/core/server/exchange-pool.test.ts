import type { JSONRPCRequest } from '@modelcontextprotocol/server';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../tools/define-tool.js';
import { ToolRegistry } from '../tools/registry.js';
import { textResult } from '../tools/tool-result.js';
import { oneShotServer } from './catalogue-servers.js';
import { createExchangePool } from './exchange-pool.js';

const echo = defineTool({ name: 'echo', description: 'Echoes.', inputSchema: z.object({}), run: async () => textResult('echo') });
/** Never answers: an exchange that stays in flight. */
const hold = defineTool({ name: 'hold', description: 'Holds.', inputSchema: z.object({}), run: () => new Promise(() => undefined) });
const LIST: JSONRPCRequest = { jsonrpc: '2.0', id: 1, method: 'tools/list' };

function pool(maxIdle = 2): { pool: ReturnType<typeof createExchangePool>; built: () => number } {
  const registry = new ToolRegistry([{ id: 'p', tools: () => [echo, hold] }]);
  let built = 0;
  return {
    pool: createExchangePool({
      build: () => {
        built += 1;
        return oneShotServer(registry);
      },
      maxIdle,
    }),
    built: () => built,
  };
}

describe('createExchangePool', () => {
  it('serves one exchange after another on the same connected server', async () => {
    const { pool: exchanges, built } = pool();
    for (let i = 0; i < 3; i++) {
      const slot = await exchanges.acquire();
      expect(await slot.transport.exchange({ ...LIST, id: i }, undefined, undefined)).toMatchObject({ id: i, result: { tools: [{ name: 'echo' }, { name: 'hold' }] } });
      exchanges.release(slot);
    }
    expect(built()).toBe(1);
    expect(exchanges.idleCount).toBe(1);
  });

  it('keeps at most maxIdle servers, and closes the others when they are given back', async () => {
    const { pool: exchanges, built } = pool(2);
    const slots = await Promise.all([exchanges.acquire(), exchanges.acquire(), exchanges.acquire()]);
    for (const slot of slots) exchanges.release(slot);
    expect(built()).toBe(3);
    expect(exchanges.idleCount).toBe(2);
    expect(slots[2]!.transport.isClosed).toBe(true);
  });

  it('after a catalogue change, closes idle servers and does not take back a busy one', async () => {
    const { pool: exchanges } = pool();
    const idle = await exchanges.acquire();
    const busy = await exchanges.acquire();
    exchanges.release(idle);
    exchanges.invalidate();
    expect(idle.transport.isClosed).toBe(true);
    exchanges.release(busy);
    expect(busy.transport.isClosed).toBe(true);
    expect(exchanges.idleCount).toBe(0);
    const fresh = await exchanges.acquire();
    expect(fresh).not.toBe(idle);
    expect(fresh).not.toBe(busy);
  });

  it('declines a protocol version the server does not speak, without serving it', async () => {
    const { pool: exchanges } = pool();
    const slot = await exchanges.acquire();
    expect(await slot.transport.exchange(LIST, undefined, '1999-01-01')).toBe('unsupported-protocol-version');
    expect(slot.transport.busy).toBe(false);
    expect(await slot.transport.exchange(LIST, undefined, '2025-11-25')).toMatchObject({ id: 1 });
  });

  it('fails an exchange in flight when the transport closes, and closes every idle server on close', async () => {
    const { pool: exchanges } = pool();
    const slot = await exchanges.acquire();
    const pending = slot.transport.exchange({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'hold', arguments: {} } }, undefined, undefined);
    await vi.waitFor(() => expect(slot.transport.busy).toBe(true));
    await slot.transport.close();
    await expect(pending).rejects.toThrow(/closed before the answer/);
    const other = await exchanges.acquire();
    exchanges.release(other);
    exchanges.close();
    expect(other.transport.isClosed).toBe(true);
  });
});
