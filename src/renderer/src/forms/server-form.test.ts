import { describe, expect, it } from 'vitest';
import { EMPTY_SERVER_FORM, placeFieldErrors, serverAddRequest, type ServerForm } from './server-form.js';

const form = (overrides: Partial<ServerForm>): ServerForm => ({ ...EMPTY_SERVER_FORM, ...overrides });

describe('the add-server form', () => {
  it('turns a command line, env rows and secrets into a stdio request', () => {
    const result = serverAddRequest(
      form({
        name: ' fs ',
        commandLine: 'npx -y @modelcontextprotocol/server-filesystem "/Users/me/My Files"',
        cwd: '/tmp',
        env: [{ name: 'LOG_LEVEL', value: 'debug' }, { name: '', value: '' }],
        secrets: [{ name: 'API_TOKEN', value: 's3cret' }],
      }),
    );
    expect(result).toEqual({
      errors: {},
      request: {
        name: 'fs',
        kind: 'stdio',
        enabled: true,
        disabledTools: [],
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-filesystem', '/Users/me/My Files'],
        env: { LOG_LEVEL: 'debug' },
        cwd: '/tmp',
        secrets: [{ key: 'API_TOKEN', value: 's3cret' }],
      },
    });
  });

  it('turns a URL and header rows into a remote request', () => {
    const result = serverAddRequest(
      form({ kind: 'http', name: 'web', url: 'https://mcp.example.com/mcp', headers: [{ name: 'Authorization', value: 'Bearer ${secret:TOKEN}' }], secrets: [{ name: 'TOKEN', value: 't' }] }),
    );
    expect(result.request).toEqual({
      name: 'web',
      kind: 'http',
      enabled: true,
      disabledTools: [],
      url: 'https://mcp.example.com/mcp',
      headers: { Authorization: 'Bearer ${secret:TOKEN}' },
      secrets: [{ key: 'TOKEN', value: 't' }],
    });
  });

  it('says what is wrong at each field, and sends nothing', () => {
    const stdio = serverAddRequest(
      form({ name: 'My Server', commandLine: 'node "x', env: [{ name: '1BAD', value: 'x' }], secrets: [{ name: 'A', value: '' }, { name: 'B', value: '1' }, { name: 'B', value: '2' }] }),
    );
    expect(stdio.request).toBeUndefined();
    expect(Object.keys(stdio.errors).sort()).toEqual(['commandLine', 'env.0.name', 'name', 'secrets.0.value', 'secrets.2.name']);
    expect(stdio.errors.commandLine).toBe('A double quote is not closed.');
    const http = serverAddRequest(form({ kind: 'http', name: 'web', url: 'ftp://x', headers: [{ name: 'Bad Header', value: 'v' }] }));
    expect(Object.keys(http.errors).sort()).toEqual(['headers.0.name', 'url']);
  });
});

describe('placing field errors in the add form', () => {
  it('shows command and argument errors at the command line, unknown fields in the note', () => {
    expect(placeFieldErrors({ name: 'taken', command: 'not found on PATH', 'args.1': 'too long', 'env.0.name': 'bad', 'env.API_KEY': 'looks like a secret' })).toEqual({
      at: { name: 'taken', commandLine: 'not found on PATH', 'env.0.name': 'bad' },
      elsewhere: ['env.API_KEY: looks like a secret'],
    });
  });
});
