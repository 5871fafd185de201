import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemorySecretStore } from '../core/keychain/index.js';
import { createUpstreamLogins } from '../core/upstream-login/index.js';
import type { ServerSignInProgress } from '../shared/logins-types.js';
import { createUpstreamLoginsControl } from './upstream-logins-control.js';

let folder: string | undefined;
afterEach(async () => {
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

describe('signing in from the UI to a plain-http server on another computer', () => {
  it('ends failed with the reason in the user’s words, before any request or browser', async () => {
    folder = await mkdtemp(join(tmpdir(), 'logins-control-'));
    const requested: string[] = [];
    const logins = createUpstreamLogins({
      secrets: createMemorySecretStore(),
      indexFile: join(folder, 'logins.json'),
      log: () => undefined,
      fetch: (input) => {
        requested.push(String(input));
        return Promise.reject(new Error('no request is expected'));
      },
    });
    const control = createUpstreamLoginsControl({
      logins,
      servers: () => [{ kind: 'http', name: 'wiki', url: 'http://mcp.example.invalid/mcp', headers: {}, secrets: [], enabled: true, disabledTools: [] }],
      views: () => [],
      onServersChange: () => () => undefined,
      log: () => undefined,
    });
    const seen: ServerSignInProgress[] = [];
    control.onProgress((progress) => seen.push(progress));
    const opened: string[] = [];
    control.signIn('wiki', { openUrl: (url) => void opened.push(url) });
    await vi.waitFor(() => expect(control.progress('wiki').step).toBe('failed'), { timeout: 5_000 });

    const message = 'wiki wants a sign-in, but its URL is plain http (http://mcp.example.invalid/mcp): a sign-in would send your tokens unencrypted; use its https URL.';
    expect(control.progress('wiki')).toMatchObject({ step: 'failed', message, error: { code: 'UPSTREAM_LOGIN_INSECURE_URL', message } });
    expect(requested).toEqual([]);
    expect(opened).toEqual([]);
    await control.close();
    logins.close();
  });
});
