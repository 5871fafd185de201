import { describe, expect, it } from 'vitest';
import type { HttpUpstreamSettings, UpstreamView } from '../../../shared/gateway-types.js';
import { humanList, listEntries } from './list.js';

const remote = (name: string): HttpUpstreamSettings => ({ kind: 'http', name, enabled: true, url: `https://${name}.example.com/mcp`, headers: {}, secrets: [], disabledTools: [] });

function view(name: string, extra: Partial<UpstreamView>): UpstreamView {
  return { name, kind: 'http', enabled: true, state: 'running', needsApproval: false, target: `https://${name}.example.com/mcp`, tools: [], pending: [], secrets: [], recentErrorOutput: [], ...extra };
}

describe('servers list with sign-ins', () => {
  it('shows "needs sign-in" with the reason, and the account of a signed-in server', () => {
    const waiting = '`docs` needs you to sign in (never signed in): sign in from the tray, or run `mcp-toolkit servers login docs`';
    const entries = listEntries([remote('docs'), remote('tracker')], {
      pid: 1,
      servers: [
        view('docs', { state: 'needs-sign-in', lastError: waiting, signIn: { state: 'needs-sign-in', reason: 'never signed in', scopes: [] } }),
        view('tracker', { signIn: { state: 'signed-in', subject: 'alice', issuer: 'https://login.example.com', scopes: ['read'] } }),
      ],
      updatedAt: 0,
    });
    expect(entries[0]).toMatchObject({ state: 'needs-sign-in', signIn: { state: 'needs-sign-in' } });
    expect(entries[1]).toMatchObject({ state: 'running', signIn: { subject: 'alice', scopes: ['read'] } });
    const text = humanList(entries);
    expect(text).toMatch(/^docs\s+http\s+yes\s+needs sign-in\s/m);
    expect(text).toMatch(/^tracker\s+http\s+yes\s+running, signed in as alice\s/m);
    expect(text).toContain(`docs: ${waiting}`);
  });

  it('shows the sign-in the toolkit holds for a server no gateway runs now', () => {
    const held = new Map([['tracker', { state: 'signed-in' as const, subject: 'alice', scopes: ['read'] }]]);
    const entries = listEntries([remote('docs'), remote('tracker')], undefined, held);
    expect(entries[0]?.signIn).toBeUndefined();
    expect(entries[1]).toMatchObject({ state: 'stopped', tools: null, signIn: { state: 'signed-in', subject: 'alice' } });
    expect(humanList(entries)).toMatch(/^tracker\s+http\s+yes\s+stopped, signed in as alice\s/m);
  });
});
