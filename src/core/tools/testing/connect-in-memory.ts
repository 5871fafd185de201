import { Client } from '@modelcontextprotocol/client';
import type { ClientCapabilities } from '@modelcontextprotocol/client';
import { InMemoryTransport, McpServer } from '@modelcontextprotocol/server';
import type { ServerCapabilities } from '@modelcontextprotocol/server';

/** A real SDK client talking to a real `McpServer` through linked in-memory transports. For tests only. */
export interface InMemoryConnection {
  readonly client: Client;
  readonly server: McpServer;
  close(): Promise<void>;
}

export interface ConnectOptions {
  readonly clientCapabilities?: ClientCapabilities;
  readonly serverCapabilities?: ServerCapabilities;
  /** Called on the client before it connects, e.g. to install sampling or elicitation handlers. */
  readonly beforeConnect?: (client: Client) => void;
}

/** Builds a server with `setup`, connects a client to it and returns both. */
export async function connectInMemory(
  setup: (server: McpServer) => void,
  options: ConnectOptions = {},
): Promise<InMemoryConnection> {
  const server = new McpServer(
    { name: 'mcp-toolkit-test', version: '0.0.0' },
    { capabilities: options.serverCapabilities ?? {} },
  );
  setup(server);
  const client = new Client({ name: 'mcp-toolkit-test-client', version: '0.0.0' }, { capabilities: options.clientCapabilities ?? {} });
  options.beforeConnect?.(client);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return {
    client,
    server,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}
