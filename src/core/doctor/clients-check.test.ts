import { describe, expect, it } from 'vitest';
import type { ClientStatus } from '../clients/index.js';
import { checkClients } from './clients-check.js';

const status = (patch: Partial<ClientStatus> & Pick<ClientStatus, 'client' | 'name'>): ClientStatus => ({ installed: false, connected: false, configFile: `/home/me/${patch.client}.json`, ...patch });

describe('checkClients', () => {
  it('lists installed and connected clients; not connected is information with how to connect', () => {
    const lines = checkClients([
      status({ client: 'cursor', name: 'Cursor', installed: true, connected: true, transport: 'bridge' }),
      status({ client: 'vscode', name: 'VS Code', installed: true }),
      status({ client: 'codex', name: 'Codex CLI' }),
    ]);
    expect(lines.map((l) => [l.severity, l.message])).toEqual([
      ['ok', 'Cursor: connected (bridge).'],
      ['ok', 'VS Code: installed, not connected.'],
    ]);
    expect(lines[1]?.fix).toContain('mcp-toolkit clients connect vscode');
    expect(lines.every((l) => l.ok)).toBe(true);
  });

  it('warns about a config file it cannot read', () => {
    const [line] = checkClients([status({ client: 'cursor', name: 'Cursor', installed: true, problem: 'mcp.json is not valid JSON' })]);
    expect(line).toMatchObject({ check: 'client', ok: true, severity: 'warn' });
    expect(line?.fix).toContain('/home/me/cursor.json');
  });

  it('says when no client is installed', () => {
    expect(checkClients([status({ client: 'cursor', name: 'Cursor' })])).toEqual([{ check: 'client', ok: true, severity: 'ok', message: 'No supported agent client was found on this machine.' }]);
  });
});
