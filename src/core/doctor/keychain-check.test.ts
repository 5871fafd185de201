import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../config/index.js';
import type { ServerConfig } from '../config/types.js';
import type { StdioUpstreamSettings } from '../../shared/gateway-types.js';
import { checkKeychain, keychainNeed } from './keychain-check.js';

const config = (patch: Partial<ServerConfig> = {}): ServerConfig => ({ ...defaultSettings(), ...patch });
const answers = async () => undefined;
const silent = async () => {
  throw new Error('no Secret Service on the session bus');
};
const stdioWithSecret: StdioUpstreamSettings = { kind: 'stdio', name: 'gh', enabled: true, command: 'gh-mcp', args: [], env: {}, secrets: ['TOKEN'], disabledTools: [] };

describe('checkKeychain', () => {
  it('passes when the keychain answers', async () => {
    expect(await checkKeychain(answers, config({ auth: 'api_key' }))).toMatchObject({ check: 'keychain', ok: true, severity: 'ok' });
  });

  it('only warns in none mode when the keychain does not answer', async () => {
    const line = await checkKeychain(silent, config());
    expect(line).toMatchObject({ ok: true, severity: 'warn' });
    expect(line.message).toContain('no Secret Service on the session bus');
    expect(line.fix).toMatch(/Secret Service/);
  });

  it('fails in api_key mode, suggesting MCP_API_KEY as a way around it', async () => {
    const line = await checkKeychain(silent, config({ auth: 'api_key' }));
    expect(line).toMatchObject({ ok: false, severity: 'error' });
    expect(line.message).toContain('auth is api_key');
    expect(line.fix).toContain('MCP_API_KEY');
  });

  it('only warns in api_key mode when MCP_API_KEY supplies the key', async () => {
    expect(await checkKeychain(silent, config({ auth: 'api_key', apiKey: 'k'.repeat(32) }))).toMatchObject({ severity: 'warn' });
  });

  it('fails when an enabled upstream keeps secrets there, not when it is disabled', async () => {
    expect(keychainNeed(config({ servers: [stdioWithSecret] }))).toContain('"gh"');
    expect(await checkKeychain(silent, config({ servers: [stdioWithSecret] }))).toMatchObject({ severity: 'error' });
    expect(await checkKeychain(silent, config({ servers: [{ ...stdioWithSecret, enabled: false }] }))).toMatchObject({ severity: 'warn' });
  });
});
