import { describe, expect, it } from 'vitest';
import { startOidcProvider } from '../support/oidc-provider.js';
import { discoverAuthorizationServer } from '../../src/core/login/authorization-server.js';

describe('discoverAuthorizationServer', () => {
  it('falls back to RFC 8414 metadata when the OpenID configuration is missing', async () => {
    const idp = await startOidcProvider({ hideWellKnown: ['openid-configuration'] });
    try {
      const config = await discoverAuthorizationServer({ issuer: idp.issuer, clientId: idp.clientId });
      expect(config.serverMetadata().issuer).toBe(idp.issuer);
      expect(idp.countRequests('/.well-known/oauth-authorization-server')).toBe(1);
    } finally {
      await idp.stop();
    }
  });

  it('fails with DISCOVERY_FAILED when the issuer publishes no metadata at all', async () => {
    const idp = await startOidcProvider({ hideWellKnown: ['openid-configuration', 'oauth-authorization-server'] });
    try {
      await expect(discoverAuthorizationServer({ issuer: idp.issuer, clientId: idp.clientId })).rejects.toMatchObject({
        code: 'DISCOVERY_FAILED',
      });
    } finally {
      await idp.stop();
    }
  });

  it('fails with ISSUER_UNREACHABLE while the issuer resets connections', async () => {
    const idp = await startOidcProvider();
    idp.setOffline(true);
    try {
      await expect(discoverAuthorizationServer({ issuer: idp.issuer, clientId: idp.clientId })).rejects.toMatchObject({
        code: 'ISSUER_UNREACHABLE',
      });
    } finally {
      await idp.stop();
    }
  });

  it('is cancelled by its signal', async () => {
    const idp = await startOidcProvider();
    try {
      await expect(
        discoverAuthorizationServer({ issuer: idp.issuer, clientId: idp.clientId, signal: AbortSignal.abort() }),
      ).rejects.toMatchObject({ code: 'CANCELLED' });
    } finally {
      await idp.stop();
    }
  });
});
