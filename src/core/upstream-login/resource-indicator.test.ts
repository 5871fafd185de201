import { auth, type OAuthDiscoveryState } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../keychain/index.js';
import { resourceIndicator } from './resource-indicator.js';
import { createSignInProvider } from './sign-in-provider.js';

const SERVER = 'https://mcp.example.com/tools/mcp';

describe('the resource indicator (RFC 8707) of a remote server', () => {
  it("is the metadata's resource when it covers the server, else the server's own URL", () => {
    expect(resourceIndicator(`${SERVER}#frag`, undefined).href).toBe(SERVER);
    expect(resourceIndicator(SERVER, 'https://mcp.example.com/tools').href).toBe('https://mcp.example.com/tools');
    expect(() => resourceIndicator(SERVER, 'https://other.example.com/mcp')).toThrow(/does not match/);
    expect(() => resourceIndicator(SERVER, 'https://mcp.example.com/admin')).toThrow(/does not match/);
  });

  it('is sent by the SDK\'s auth() even when the server published no protected-resource metadata', async () => {
    // Discovery found the authorization server at the server's origin (RFC 8414), and no RFC 9728 document.
    const discovery: OAuthDiscoveryState = {
      authorizationServerUrl: 'https://mcp.example.com',
      authorizationServerMetadata: {
        issuer: 'https://mcp.example.com',
        authorization_endpoint: 'https://mcp.example.com/authorize',
        token_endpoint: 'https://mcp.example.com/token',
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
      },
    };
    const provider = createSignInProvider({
      secrets: createMemorySecretStore(),
      redirectUri: 'http://127.0.0.1:8765/callback',
      state: 'state-1',
      discovery,
      client: { kind: 'configured', info: { client_id: 'configured-client' } },
    });
    const refuse = async (): Promise<Response> => {
      throw new Error('no request is expected before the browser step');
    };
    expect(await auth(provider, { serverUrl: SERVER, fetchFn: refuse })).toBe('REDIRECT');
    expect(provider.authorizationUrl()?.searchParams.get('resource')).toBe(SERVER);
  });
});
