import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../config/index.js';
import type { ServerConfig } from '../config/types.js';
import { doctorExitCode } from './check-result.js';
import type { DoctorProbes } from './probes.js';
import { runDoctor } from './run-doctor.js';

const NOW = Date.parse('2026-01-01T12:00:00Z');

function healthy(patch: Partial<DoctorProbes> = {}): DoctorProbes {
  return {
    keychain: async () => undefined,
    bindPort: async () => ({ free: true }),
    fetchHealth: async () => undefined,
    fetch: (async () => new Response('{}', { status: 404, headers: { date: new Date(NOW).toUTCString() } })) as typeof fetch,
    now: () => NOW,
    folderProblem: async () => undefined,
    commandFound: () => true,
    listClients: async () => [],
    ...patch,
  };
}

const input = (config: Partial<ServerConfig> = {}) => ({ nodeVersion: '22.23.3', settings: { filePath: '/cfg/settings.json', config: { ...defaultSettings(), ...config }, problems: [] } });

describe('runDoctor', () => {
  it('runs every check in a fixed order and exits 0 when all is well', async () => {
    const checks = await runDoctor(input(), healthy());
    expect(checks.map((c) => c.check)).toEqual(['node', 'keychain', 'settings', 'port', 'shared-folders', 'client']);
    expect(doctorExitCode(checks)).toBe(0);
  });

  it('adds the issuer checks in oauth mode only', async () => {
    const checks = await runDoctor(input({ auth: 'oauth', oauth: { issuer: 'https://login.example.com', audience: 'api', requiredScopes: [] } }), healthy());
    expect(checks.map((c) => c.check)).toEqual(['node', 'keychain', 'settings', 'port', 'issuer.discovery', 'issuer.clock', 'shared-folders', 'client']);
    expect(checks.find((c) => c.check === 'issuer.discovery')?.severity).toBe('error');
    expect(doctorExitCode(checks)).toBe(1);
  });

  it('exits 0 with warnings (no keychain in none mode) and 1 with an error (busy port)', async () => {
    const noKeychain = healthy({ keychain: () => Promise.reject(new Error('no Secret Service')) });
    expect(doctorExitCode(await runDoctor(input(), noKeychain))).toBe(0);
    const busy = await runDoctor(input(), healthy({ bindPort: async () => ({ free: false, code: 'EADDRINUSE' }) }));
    expect(busy.find((c) => c.check === 'port')?.severity).toBe('error');
    expect(doctorExitCode(busy)).toBe(1);
  });

  it('turns a probe that throws into a failed line, and the other checks still run', async () => {
    const checks = await runDoctor(input(), healthy({ listClients: () => Promise.reject(new Error('EACCES: permission denied, scandir')) }));
    expect(checks.at(-1)).toMatchObject({ check: 'client', ok: false, severity: 'error', message: 'Could not check: EACCES: permission denied, scandir.' });
    expect(checks).toHaveLength(6);
  });
});
