import { auth, type FetchLike, type OAuthDiscoveryState } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../keychain/index.js';
import type { HttpUpstream } from '../gateway/upstream-spec.js';
import { chooseClient, type ClientChoiceInput } from './choose-client.js';
import { createSignInProvider } from './sign-in-provider.js';

const ISSUER = 'https://as.example.com';
const DOCUMENT_URL = 'https://toolkit.example.com/oauth/client.json';
const spec: HttpUpstream = { kind: 'http', name: 'remote', url: 'https://mcp.example.com/mcp', headers: {} };
const withDocument: HttpUpstream = { ...spec, auth: { clientMetadataUrl: DOCUMENT_URL } };
const configured = { client_id: 'configured-id', issuer: ISSUER };
const kept = { client_id: 'kept-registration', issuer: ISSUER };

function choose(input: Partial<ClientChoiceInput>) {
  return chooseClient({ spec, metadata: { issuer: ISSUER }, ...input });
}

describe('chooseClient (the spec\'s order)', () => {
  const everything = { client_id_metadata_document_supported: true, registration_endpoint: `${ISSUER}/register`, issuer: ISSUER };

  it('a configured client ID comes first', () => {
    expect(choose({ spec: withDocument, metadata: everything, configured, kept })).toEqual({ kind: 'configured', info: configured });
  });

  it('then a Client ID Metadata Document, when the server supports them and a document URL is configured', () => {
    expect(choose({ spec: withDocument, metadata: everything, kept })).toEqual({ kind: 'metadata-document' });
  });

  it('no document without the server\'s support, nor without a URL', () => {
    expect(choose({ spec: withDocument, metadata: { ...everything, client_id_metadata_document_supported: false }, kept })).toEqual({ kind: 'registered', info: kept });
    expect(choose({ spec, metadata: everything, kept })).toEqual({ kind: 'registered', info: kept });
  });

  it('then the registration kept for the authorization server, then a new dynamic registration', () => {
    expect(choose({ metadata: { issuer: ISSUER }, kept })).toEqual({ kind: 'registered', info: kept });
    expect(choose({ metadata: { issuer: ISSUER, registration_endpoint: `${ISSUER}/register` } })).toEqual({ kind: 'registered' });
  });

  it('else a clear "enter a client ID" error', () => {
    expect(() => choose({ spec: withDocument })).toThrow(
      expect.objectContaining({
        code: 'UPSTREAM_LOGIN_REGISTRATION_UNSUPPORTED',
        message: expect.stringMatching(/offers no dynamic client registration and does not accept client metadata documents.*servers add remote --url https:\/\/mcp\.example\.com\/mcp --client-id ID/),
      }),
    );
    expect(() => choose({})).toThrow(expect.objectContaining({ message: expect.not.stringContaining('metadata documents') }));
  });
});

describe('a Client ID Metadata Document through the SDK\'s auth()', () => {
  it('the authorization request\'s client_id is the document URL; nothing is registered and no request is made', async () => {
    const discovery: OAuthDiscoveryState = {
      authorizationServerUrl: ISSUER,
      resourceMetadata: { resource: spec.url, authorization_servers: [ISSUER] },
      authorizationServerMetadata: {
        issuer: ISSUER,
        authorization_endpoint: `${ISSUER}/authorize`,
        token_endpoint: `${ISSUER}/token`,
        registration_endpoint: `${ISSUER}/register`,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
        client_id_metadata_document_supported: true,
      },
    };
    const requests: string[] = [];
    const fetchFn: FetchLike = async (url) => {
      requests.push(String(url));
      throw new Error('no request expected');
    };
    const secrets = createMemorySecretStore();
    const provider = createSignInProvider({ secrets, redirectUri: 'http://127.0.0.1:53682/callback', state: 'state-1', discovery, clientMetadataUrl: DOCUMENT_URL });

    expect(await auth(provider, { serverUrl: spec.url, scope: 'mcp', fetchFn })).toBe('REDIRECT');
    const url = provider.authorizationUrl()!;
    expect(url.origin + url.pathname).toBe(`${ISSUER}/authorize`);
    expect(url.searchParams.get('client_id')).toBe(DOCUMENT_URL);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('resource')).toBe(spec.url);
    expect(provider.client()).toEqual({ kind: 'metadata-document', clientId: DOCUMENT_URL });
    expect(requests).toEqual([]);
    expect(await secrets.get(`oauth-client:${ISSUER}`)).toBeUndefined();
  });
});
