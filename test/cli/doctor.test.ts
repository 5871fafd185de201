import { readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DoctorCheck } from '../../src/shared/doctor-types.js';
import { runCli, startServeProcess, tempHome, type ServeProcess } from '../support/cli-process.js';
import { cliMissing } from '../support/paths.js';

/** `mcp-toolkit doctor` with its own settings folder and home (no real agent clients). */
function doctor(args: string[], settings?: unknown, env: Record<string, string> = {}, home = tempHome()) {
  if (settings !== undefined) writeFileSync(join(home, 'settings.json'), typeof settings === 'string' ? settings : JSON.stringify(settings));
  // The session bus passes through, so under scripts/with-keyring.sh the keychain answers.
  return runCli(['doctor', ...args], { MCP_TOOLKIT_HOME: home, HOME: tempHome(), DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS ?? '', ...env });
}

function lineOf(stdout: string, check: string): string {
  return stdout.split('\n').find((line) => line.includes(` ${check}: `)) ?? '';
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** Another program on a port: an HTTP server whose /health is not ours. */
function holdPort(): Promise<number> {
  const server = createServer((_req, res) => res.writeHead(404).end('not here'));
  cleanups.push(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

describe.skipIf(cliMissing())('mcp-toolkit doctor', () => {
  it('exits 0 on a healthy setup, one line per check (the keychain may only warn in none mode)', async () => {
    const result = await doctor([], { port: 0 });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    for (const check of ['node', 'keychain', 'settings', 'port', 'shared-folders', 'client']) expect(lineOf(result.stdout, check)).toMatch(/^(ok|warn) /);
    expect(lineOf(result.stdout, 'keychain')).not.toMatch(/^ERROR/);
  });

  it('exits 1 in api_key mode when no keychain answers, naming MCP_API_KEY as a way around it', async () => {
    const result = await doctor([], { port: 0, auth: 'api_key' }, { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/mcp-toolkit-test-bus' });
    expect(result.code).toBe(1);
    expect(lineOf(result.stdout, 'keychain')).toMatch(/^ERROR keychain: The OS keychain does not answer \(.+\), and auth is api_key and the API keys live there\. Fix: .*Or set MCP_API_KEY for the server\.$/);
  });

  it('prints a stable JSON array with --json', async () => {
    const result = await doctor(['--json'], { port: 0 });
    expect(result.code).toBe(0);
    const checks = JSON.parse(result.stdout) as DoctorCheck[];
    expect(checks.map((c) => c.check)).toEqual(['node', 'keychain', 'settings', 'port', 'shared-folders', 'client']);
    for (const check of checks) {
      expect(Object.keys(check).filter((key) => key !== 'fix')).toEqual(['check', 'ok', 'severity', 'message']);
      expect(['ok', 'warn']).toContain(check.severity);
    }
  });

  it('exits 1 when another program holds the port, with the fix on the line', async () => {
    const port = await holdPort();
    const result = await doctor([], { port });
    expect(result.code).toBe(1);
    expect(lineOf(result.stdout, 'port')).toBe(
      `ERROR port: Port ${port} on 127.0.0.1 is used by another program. Fix: Stop that program, or choose another port (Port in the Server section of the app, --port, or MCP_PORT).`,
    );
  });

  it('passes a port a running MCP Toolkit holds', async () => {
    const serve: ServeProcess = await startServeProcess();
    cleanups.push(() => serve.stop());
    const result = await doctor([], undefined, { MCP_PORT: String(serve.port) });
    expect(lineOf(result.stdout, 'port')).toMatch(new RegExp(`^ok +port: Port ${serve.port} on 127\\.0\\.0\\.1 is served by a running MCP Toolkit`));
    expect(result.code).toBe(0);
  });

  it('in oauth mode checks the issuer\'s metadata, its keys and the clock, and exits 1 once the issuer is gone', async () => {
    let issuer = '';
    const server = createServer((req, res) => {
      const body = req.url === '/.well-known/openid-configuration' ? { issuer, jwks_uri: `${issuer}/jwks` } : req.url === '/jwks' ? { keys: [{ kty: 'EC', kid: 'k1' }] } : undefined;
      res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const settings = { port: 0, auth: 'oauth', oauth: { issuer, audience: 'mcp' } };

    const up = await doctor(['--json'], settings);
    const lines = (JSON.parse(up.stdout) as DoctorCheck[]).filter((c) => c.check.startsWith('issuer.'));
    expect(lines.map((c) => [c.check, c.severity])).toEqual([
      ['issuer.discovery', 'ok'],
      ['issuer.jwks', 'ok'],
      ['issuer.clock', 'ok'],
    ]);
    expect(up.code).toBe(0);

    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    const down = await doctor([], settings);
    expect(down.code).toBe(1);
    expect(lineOf(down.stdout, 'issuer.discovery')).toMatch(/^ERROR issuer\.discovery: The issuer's metadata cannot be read: ECONNREFUSED\. Every token will be refused\. Fix: Check the issuer URL/);
  });

  it('exits 1 on a settings file that is not JSON, and leaves the file where it is', async () => {
    const home = tempHome();
    const result = await doctor([], '{"port": ', {}, home);
    expect(result.code).toBe(1);
    expect(readdirSync(home)).toEqual(['settings.json']);
    expect(lineOf(result.stdout, 'settings')).toMatch(/^ERROR settings: The settings file .*settings\.json is not valid JSON\. Fix: Correct it, or remove it to start from the default settings/);
  });

  it('exits 1 on an invalid saved value, naming it', async () => {
    const result = await doctor(['--json'], { port: 70000 });
    expect(result.code).toBe(1);
    const settings = (JSON.parse(result.stdout) as DoctorCheck[]).find((c) => c.check === 'settings');
    expect(settings).toMatchObject({ ok: false, severity: 'error' });
    expect(settings?.message).toContain('saved setting port is not valid');
    expect(settings?.fix).toMatch(/^Correct them in the app's settings or in .*settings\.json/);
  });
});
