import { describe, expect, it } from 'vitest';
import { checkPort } from './port-check.js';
import type { PortProbe } from './probes.js';

function probes(bound: PortProbe, health?: unknown) {
  const asked: string[] = [];
  return {
    asked,
    bindPort: async () => bound,
    fetchHealth: async (url: string) => {
      asked.push(url);
      return health;
    },
  };
}

describe('checkPort', () => {
  it('passes a free port', async () => {
    expect(await checkPort({ host: '127.0.0.1', port: 8000 }, probes({ free: true }))).toMatchObject({ check: 'port', ok: true, message: 'Port 8000 on 127.0.0.1 is free.' });
  });

  it('passes port 0 without binding anything', async () => {
    const line = await checkPort({ host: '127.0.0.1', port: 0 }, { bindPort: () => Promise.reject(new Error('not called')), fetchHealth: async () => undefined });
    expect(line.severity).toBe('ok');
  });

  it('passes a busy port that a running MCP Toolkit serves, asking its /health on loopback', async () => {
    const fake = probes({ free: false, code: 'EADDRINUSE' }, { status: 'ok', name: 'mcp-toolkit', version: '0.1.0' });
    const line = await checkPort({ host: '0.0.0.0', port: 8000 }, fake);
    expect(line).toMatchObject({ ok: true, severity: 'ok' });
    expect(line.message).toContain('running MCP Toolkit 0.1.0');
    expect(fake.asked).toEqual(['http://127.0.0.1:8000/health']);
  });

  it.each([undefined, { status: 'ok', name: 'something-else' }])('fails a port another program holds (health %j)', async (health) => {
    const line = await checkPort({ host: '127.0.0.1', port: 8000 }, probes({ free: false, code: 'EADDRINUSE' }, health));
    expect(line).toMatchObject({ ok: false, severity: 'error', message: 'Port 8000 on 127.0.0.1 is used by another program.' });
    expect(line.fix).toMatch(/choose another port \(Port in the Server section of the app, --port, or MCP_PORT\)/);
  });

  it('explains a privileged port and an address that is not this machine', async () => {
    expect((await checkPort({ host: '127.0.0.1', port: 80 }, probes({ free: false, code: 'EACCES' }))).fix).toMatch(/above 1023/);
    const foreign = await checkPort({ host: '10.9.8.7', port: 8000 }, probes({ free: false, code: 'EADDRNOTAVAIL' }));
    expect(foreign.message).toContain('10.9.8.7 is not an address of this machine');
    expect(foreign.fix).toContain('MCP_HOST');
  });
});
