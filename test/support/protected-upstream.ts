/**
 * A remote MCP server that requires an OAuth sign-in, for tests of the
 * toolkit as an OAuth client: this toolkit's own server in `oauth` mode
 * (RFC 9728 metadata, 401 challenges naming it, JWT access tokens whose
 * audience must be its `/mcp`) trusting a real `oidc-provider`. It records
 * the Authorization header of every request its authenticator checks.
 */
import { createServer } from 'node:net';
import { Client, StreamableHTTPClientTransport, type OAuthClientProvider } from '@modelcontextprotocol/client';
import { createAuthenticator } from '../../src/core/auth/create-authenticator.js';
import type { Authenticator } from '../../src/core/auth/types.js';
import type { HttpUpstream } from '../../src/core/gateway/upstream-spec.js';
import { createMemorySecretStore } from '../../src/core/keychain/index.js';
import type { RunningServer } from '../../src/core/server/index.js';
import { startOidcProvider, type OidcProviderFixture, type StartOidcProviderOptions } from './oidc-provider.js';
import { startTestServer, testConfig } from './test-server.js';

/** The scope the protected server requires (named in its 401 and its metadata). */
export const UPSTREAM_SCOPE = 'mcp:tools';

export interface ProtectedUpstream {
  readonly idp: OidcProviderFixture;
  readonly server: RunningServer;
  /** An http upstream spec for the server, named `remote`, with no auth settings. */
  readonly spec: HttpUpstream;
  /** The Authorization header of each request the server authenticated (`/mcp`), in order (`undefined`: none sent). */
  readonly authorizations: (string | undefined)[];
  stop(): Promise<void>;
}

async function pickFreePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** The server's own oauth authenticator, recording the Authorization header of each request it checks. */
async function recordingAuthenticator(config: ReturnType<typeof testConfig>, authorizations: (string | undefined)[]): Promise<Authenticator> {
  const resourceUrl = `http://127.0.0.1:${config.port}/mcp`;
  const real = await createAuthenticator(config, { secrets: createMemorySecretStore(), log: () => undefined, count: () => undefined, resourceUrl: () => resourceUrl });
  return {
    mode: real.mode,
    authenticate(request) {
      authorizations.push(request.headers.get('authorization') ?? undefined);
      return real.authenticate(request);
    },
    issuerHealth: () => real.issuerHealth!(),
    close: () => real.close?.(),
  };
}

/** Starts the provider (dynamic registration and revocation on by default) and the server, which waits until it holds the provider's keys. */
export async function startProtectedUpstream(idpOptions: StartOidcProviderOptions = {}): Promise<ProtectedUpstream> {
  const idp = await startOidcProvider({ registration: true, revocation: true, scopes: [UPSTREAM_SCOPE], ...idpOptions });
  const port = await pickFreePort();
  const overrides = { port, auth: 'oauth' as const, oauth: { issuer: idp.issuer, audience: `http://127.0.0.1:${port}/mcp`, requiredScopes: [UPSTREAM_SCOPE] } };
  const authorizations: (string | undefined)[] = [];
  const server = await startTestServer(overrides, { authenticator: await recordingAuthenticator(testConfig(overrides), authorizations) });
  const deadline = Date.now() + 5_000;
  while (server.issuerHealth()?.state !== 'ok') {
    if (Date.now() > deadline) throw new Error(`the server did not get the issuer's keys: ${JSON.stringify(server.issuerHealth())}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    idp,
    server,
    spec: { kind: 'http', name: 'remote', url: `${server.url}/mcp`, headers: {} },
    authorizations,
    async stop() {
      await server.close();
      await idp.stop();
    },
  };
}

/** Connects an SDK client to `spec` with `provider`, calls `get_current_time`, closes; returns whether the call succeeded. */
export async function callThrough(spec: HttpUpstream, provider: OAuthClientProvider): Promise<boolean> {
  const client = new Client({ name: 'upstream-login-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(spec.url), { authProvider: provider }));
  try {
    const result = await client.callTool({ name: 'get_current_time', arguments: { timezone: 'UTC' } });
    return result.isError !== true;
  } finally {
    await client.close();
  }
}
