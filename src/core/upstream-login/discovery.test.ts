/**
 * Every URL discovery takes from a server's answers is https or plain http on
 * this computer before it is fetched or used. The servers here are real HTTP
 * servers on 127.0.0.1 answering what a hostile or misconfigured server
 * could; the plain-http URLs they name are on `.invalid` hosts and never
 * contacted (the recorded requests show it).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { HttpUpstream } from '../gateway/upstream-spec.js';
import { discoverUpstream } from './discovery.js';
import { createSignInFetch } from './sign-in-fetch.js';

type Answer = { status: number; headers?: Record<string, string>; json?: unknown };
/** Builds the answers from the server's own origin (known once it listens). */
type Routes = (origin: string) => Record<string, Answer>;

const REMOTE_HTTP = 'http://as.example.invalid';
const running: Server[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function serve(routes: Routes): Promise<{ origin: string; requested: string[] }> {
  const requested: string[] = [];
  let answers: Record<string, Answer> = {};
  const server = createServer((request, response) => {
    requested.push(`${request.method} ${request.url}`);
    request.resume();
    const answer = answers[`${request.method} ${request.url}`] ?? answers[request.url ?? ''] ?? { status: 404 };
    response.writeHead(answer.status, { ...(answer.json !== undefined ? { 'content-type': 'application/json' } : {}), ...answer.headers });
    response.end(answer.json !== undefined ? JSON.stringify(answer.json) : undefined);
  });
  running.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  answers = routes(origin);
  return { origin, requested };
}

function asMetadata(issuer: string, endpoints: Record<string, string> = {}) {
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    registration_endpoint: `${issuer}/register`,
    revocation_endpoint: `${issuer}/revoke`,
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    ...endpoints,
  };
}

/** An MCP server whose 401 names its metadata, which names the authorization server at the same origin (or `servers`). */
function protectedServer(options: { resourceMetadata?: (origin: string) => string; servers?: (origin: string) => string[]; metadata?: (origin: string) => object; oidc?: boolean }): Routes {
  return (origin) => ({
    'POST /mcp': { status: 401, headers: { 'www-authenticate': `Bearer resource_metadata="${options.resourceMetadata?.(origin) ?? `${origin}/prm`}"` } },
    '/prm': { status: 200, json: { resource: `${origin}/mcp`, authorization_servers: options.servers?.(origin) ?? [origin] } },
    [options.oidc ? '/.well-known/openid-configuration' : '/.well-known/oauth-authorization-server']: { status: 200, json: options.metadata?.(origin) ?? asMetadata(origin) },
  });
}

function spec(origin: string): HttpUpstream {
  return { kind: 'http', name: 'remote', url: `${origin}/mcp`, headers: {} };
}

async function discover(routes: Routes) {
  const server = await serve(routes);
  const outcome = await discoverUpstream(spec(server.origin), createSignInFetch()).then(
    (discovery) => ({ ok: true as const, discovery }),
    (error: unknown) => ({ ok: false as const, error: error as Error & { code?: string } }),
  );
  return { ...server, ...outcome };
}

describe('discovery takes https URLs only (plain http on this computer)', () => {
  it('accepts loopback http throughout, and https endpoints', async () => {
    const outcome = await discover(protectedServer({ metadata: (origin) => asMetadata(origin, { token_endpoint: 'https://as.example.invalid/token', revocation_endpoint: 'https://as.example.invalid/revoke' }) }));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.discovery.state.authorizationServerMetadata).toMatchObject({ token_endpoint: 'https://as.example.invalid/token', revocation_endpoint: 'https://as.example.invalid/revoke' });
    expect(outcome.discovery.state.authorizationServerUrl).toBe(outcome.origin);
  });

  it('refuses a plain-http resource_metadata URL in the 401 challenge before fetching it', async () => {
    const outcome = await discover(protectedServer({ resourceMetadata: () => `${REMOTE_HTTP}/prm?x=1` }));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('UPSTREAM_LOGIN_INSECURE_URL');
    expect(outcome.error.message).toBe(
      `Could not find how to sign in to \`remote\` (${outcome.origin}/mcp): resource_metadata in its 401 challenge is not https (${REMOTE_HTTP}/prm); the toolkit signs in over https only (plain http only on this computer).`,
    );
    expect(outcome.requested).toEqual(['POST /mcp']);
  });

  it('refuses a plain-http authorization server in the protected resource metadata, whichever entry', async () => {
    for (const servers of [() => [`${REMOTE_HTTP}/`], (origin: string) => [origin, `${REMOTE_HTTP}/`]]) {
      const outcome = await discover(protectedServer({ servers }));
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      const index = servers(outcome.origin).length - 1;
      expect(outcome.error).toMatchObject({ code: 'UPSTREAM_LOGIN_INSECURE_URL', message: expect.stringContaining(`authorization_servers[${index}] in its protected resource metadata is not https (${REMOTE_HTTP}/)`) });
      expect(outcome.requested).toEqual(['POST /mcp', 'GET /prm']);
    }
  });

  it.each(['authorization_endpoint', 'token_endpoint', 'registration_endpoint', 'revocation_endpoint'])('refuses a plain-http %s (RFC 8414 metadata)', async (field) => {
    const outcome = await discover(protectedServer({ metadata: (origin) => asMetadata(origin, { [field]: `${REMOTE_HTTP}/${field}` }) }));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('UPSTREAM_LOGIN_INSECURE_URL');
    expect(outcome.error.message).toContain(`${field} in its authorization server's metadata is not https (${REMOTE_HTTP}/${field})`);
  });

  it.each(['authorization_endpoint', 'token_endpoint', 'revocation_endpoint'])('refuses a plain-http %s (OpenID discovery)', async (field) => {
    const openid = (origin: string) => ({
      ...asMetadata(origin, { [field]: `${REMOTE_HTTP}/${field}` }),
      jwks_uri: `${origin}/jwks`,
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
    const outcome = await discover(protectedServer({ oidc: true, metadata: openid }));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('UPSTREAM_LOGIN_INSECURE_URL');
    expect(outcome.error.message).toContain(`${field} in its authorization server's metadata is not https (${REMOTE_HTTP}/${field})`);
  });
});
