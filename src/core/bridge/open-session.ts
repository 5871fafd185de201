import type { InitializeRequestParams, InitializeResult, JSONRPCMessage, Transport } from '@modelcontextprotocol/client';
import { ConnectTimeoutError } from './upstream-failure.js';

let sequence = 0;

/**
 * Opens a session on a fresh client transport the way a client does: starts
 * it, sends `initialize` with `params` (the agent's own), waits for the
 * answer, sets the negotiated protocol version on the transport (the
 * `MCP-Protocol-Version` header), and sends `notifications/initialized`.
 * On any failure, or after `timeoutMs`, the transport is closed and the error
 * is thrown. The caller installs its own handlers afterwards.
 */
export async function openSession(transport: Transport, params: InitializeRequestParams, timeoutMs: number): Promise<InitializeResult> {
  const id = `mcp-toolkit-bridge-initialize-${++sequence}`;
  const answer = new Promise<InitializeResult>((resolve, reject) => {
    transport.onmessage = (message: JSONRPCMessage) => {
      if (!('id' in message) || 'method' in message || message.id !== id) return;
      if ('error' in message) reject(new Error(`initialize was refused: ${message.error.message}`));
      else resolve(message.result as InitializeResult);
    };
    transport.onclose = () => reject(new Error('the connection closed during initialize'));
    transport.onerror = () => {}; // a failed send rejects below with the same error
  });
  const work = (async () => {
    await transport.start();
    await transport.send({ jsonrpc: '2.0', id, method: 'initialize', params });
    const result = await answer;
    transport.setProtocolVersion?.(result.protocolVersion);
    await transport.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    return result;
  })();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ConnectTimeoutError(`no answer to initialize within ${timeoutMs} ms`)), timeoutMs);
  });
  answer.catch(() => {});
  work.catch(() => {});
  try {
    return await Promise.race([work, deadline]);
  } catch (error) {
    transport.onmessage = undefined;
    transport.onclose = undefined;
    await transport.close().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
