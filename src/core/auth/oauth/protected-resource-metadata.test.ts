import { describe, expect, it } from 'vitest';
import { buildProtectedResourceMetadata, canonicalResourceUrl, resourceMetadataUrl } from './protected-resource-metadata.js';

describe('RFC 9728 protected resource metadata', () => {
  it('names the resource, its issuer and the header as the only bearer method', () => {
    expect(buildProtectedResourceMetadata({ resourceUrl: 'http://127.0.0.1:8000/mcp', issuer: 'https://as.example' })).toEqual({
      resource: 'http://127.0.0.1:8000/mcp',
      authorization_servers: ['https://as.example'],
      bearer_methods_supported: ['header'],
    });
  });

  it('lists required scopes as scopes_supported', () => {
    const metadata = buildProtectedResourceMetadata({
      resourceUrl: 'https://mcp.example/mcp',
      issuer: 'https://as.example',
      requiredScopes: ['mcp:tools'],
    });
    expect(metadata.scopes_supported).toEqual(['mcp:tools']);
  });

  it.each([
    ['http://127.0.0.1:8000/mcp', 'http://127.0.0.1:8000/.well-known/oauth-protected-resource/mcp'],
    ['https://mcp.example/base/mcp/', 'https://mcp.example/.well-known/oauth-protected-resource/base/mcp'],
    ['https://mcp.example/', 'https://mcp.example/.well-known/oauth-protected-resource'],
    ['https://mcp.example:443/mcp', 'https://mcp.example/.well-known/oauth-protected-resource/mcp'],
  ])('puts the metadata of %s at %s (path insertion, RFC 9728 §3.1)', (resource, url) => {
    expect(resourceMetadataUrl(resource)).toBe(url);
  });
});

describe('canonicalResourceUrl', () => {
  it.each([
    [{ host: '127.0.0.1', port: 8000 }, 'http://127.0.0.1:8000/mcp'],
    [{ host: 'LOCALHOST', port: 8000 }, 'http://localhost:8000/mcp'],
    [{ host: '::1', port: 8000 }, 'http://[::1]:8000/mcp'],
    [{ host: '0.0.0.0', port: 8000 }, 'http://127.0.0.1:8000/mcp'],
    [{ host: '127.0.0.1', port: 80 }, 'http://127.0.0.1/mcp'],
    [{ host: '127.0.0.1', port: 8000, publicBaseUrl: 'https://MCP.example.com' }, 'https://mcp.example.com/mcp'],
    [{ host: '127.0.0.1', port: 8000, publicBaseUrl: 'https://mcp.example.com:443/tools/#x' }, 'https://mcp.example.com/tools/mcp'],
  ])('%j → %s', (input, expected) => {
    expect(canonicalResourceUrl(input)).toBe(expected);
  });
});
