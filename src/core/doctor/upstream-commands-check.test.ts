import { describe, expect, it } from 'vitest';
import type { UpstreamSettings } from '../../shared/gateway-types.js';
import { checkUpstreamCommands } from './upstream-commands-check.js';

const stdio = (name: string, command: string, enabled = true): UpstreamSettings => ({ kind: 'stdio', name, enabled, command, args: [], env: {}, secrets: [], disabledTools: [] });
const remote: UpstreamSettings = { kind: 'http', name: 'remote', enabled: true, url: 'https://mcp.example.com/mcp', headers: {}, secrets: [], disabledTools: [] };

describe('checkUpstreamCommands', () => {
  it('checks enabled stdio servers only, one line each', () => {
    const asked: string[] = [];
    const lines = checkUpstreamCommands([stdio('files', 'npx'), stdio('off', 'missing', false), remote, stdio('gh', 'gh-mcp')], (server) => {
      asked.push(server.name);
      return server.command === 'npx';
    });
    expect(asked).toEqual(['files', 'gh']);
    expect(lines.map((l) => [l.check, l.severity])).toEqual([
      ['upstream-command', 'ok'],
      ['upstream-command', 'error'],
    ]);
    expect(lines[1]?.message).toBe('Server "gh": command `gh-mcp` was not found on PATH, so it cannot start.');
    expect(lines[1]?.fix).toContain('mcp-toolkit servers disable gh');
  });

  it('has nothing to say without stdio servers', () => {
    expect(checkUpstreamCommands([remote], () => false)).toEqual([]);
  });
});
