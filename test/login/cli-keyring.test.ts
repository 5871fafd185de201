/**
 * `mcp-toolkit login | token | whoami | logout` as real processes, with a real
 * browser (headless chromium started through $BROWSER), a real OpenID provider
 * and the real Secret Service (gnome-keyring), checked with `secret-tool`.
 *
 * Run: bash scripts/with-keyring.sh npx vitest run test/login
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretToolLookup } from '../support/keyring-secret-tool.js';
import { startOidcProvider, type OidcProviderFixture } from '../support/oidc-provider.js';
import { ROOT } from '../support/paths.js';

const SERVICE = 'mcp-toolkit';
const RESOURCE = 'http://127.0.0.1:4321/mcp';
const JITI = `${ROOT}node_modules/jiti/lib/jiti-cli.mjs`;
const ENTRY = `${ROOT}test/login/cli-entry.ts`;
const FAKE_BROWSER = `${ROOT}test/support/browser-command.sh`;

const keyringMissing = process.env.MCP_TOOLKIT_TEST_KEYRING
  ? undefined
  : 'needs a Secret Service: run `bash scripts/with-keyring.sh npx vitest run test/login` (sets MCP_TOOLKIT_TEST_KEYRING)';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let idp: OidcProviderFixture;
let workDir: string;

/** Runs the CLI from source in its own process, with the keyring session's environment. */
function mcpToolkit(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MCP_OAUTH_')));
    const child = spawn(process.execPath, [JITI, ENTRY, ...args], { env: { ...clean, ...env }, timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `login` with $BROWSER driving chromium; resolves once both the CLI and the browser finished. */
async function login(decision: 'approve' | 'deny'): Promise<Run & { browser: Record<string, unknown> }> {
  const resultFile = join(workDir, `browser-${Date.now()}.json`);
  const run = await mcpToolkit(
    ['login', '--issuer', idp.issuer, '--client-id', idp.clientId, '--redirect-uri', 'http://127.0.0.1:0/callback', '--resource', RESOURCE],
    { BROWSER: FAKE_BROWSER, MCP_TOOLKIT_TEST_BROWSER_RESULT: resultFile, MCP_TOOLKIT_TEST_BROWSER_DECISION: decision },
  );
  return { ...run, browser: await waitForJson(resultFile, 30_000) };
}

async function waitForJson(file: string, timeoutMs: number): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined) return JSON.parse(text) as Record<string, unknown>;
    if (Date.now() > deadline) throw new Error(`the browser driver wrote no result to ${file}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every file under the keyring session's HOME and XDG folders that contains `text` in clear. */
async function filesContaining(text: string): Promise<string[]> {
  const roots = ['HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME', 'XDG_CACHE_HOME']
    .map((name) => process.env[name])
    .filter((dir): dir is string => dir !== undefined);
  const hits: string[] = [];
  for (const root of new Set(roots)) {
    const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
    for (const entry of entries.filter((e) => e.isFile())) {
      const file = join(entry.parentPath, entry.name);
      if ((await readFile(file).catch(() => Buffer.alloc(0))).includes(text)) hits.push(file);
    }
  }
  return hits;
}

const stored = async () => {
  const json = await secretToolLookup(SERVICE, `oauth:${idp.issuer}`);
  return json === undefined ? undefined : (JSON.parse(json) as Record<string, unknown>);
};

describe.skipIf(keyringMissing)('mcp-toolkit login with a real browser and the real OS keychain', () => {
  beforeAll(async () => {
    // Tokens live 30 s: inside the 60 s refresh margin, so `token` must refresh at once.
    idp = await startOidcProvider({ resource: RESOURCE, accessTokenTtlSec: 30 });
    workDir = await mkdtemp(join(tmpdir(), 'mcp-toolkit-login-e2e-'));
  });
  afterAll(async () => {
    await idp?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('signs in through $BROWSER, prints only the token, and keeps it in the keychain, not in a file', async () => {
    const result = await login('approve');

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const token = result.stdout.trim();
    expect(decodeJwt(token)).toMatchObject({ sub: 'erin', aud: RESOURCE, iss: idp.issuer });
    expect(result.stderr).not.toContain(token);
    expect(result.browser).toMatchObject({ ok: true });
    expect(result.browser.pageText).toContain('Signed in');

    const session = await stored();
    expect(session).toMatchObject({ issuer: idp.issuer, accessToken: token, subject: 'erin', resource: RESOURCE });
    expect(session?.refreshToken).toEqual(expect.any(String));
    expect(await secretToolLookup(SERVICE, 'oauth:default')).toBe(idp.issuer);
    expect(await filesContaining(token)).toEqual([]);
    expect(await filesContaining(session?.refreshToken as string)).toEqual([]);

    const whoami = await mcpToolkit(['whoami']);
    expect(whoami.code).toBe(0);
    expect(whoami.stdout).toContain('erin (from the ID token)');
    expect(whoami.stdout).not.toContain(token);
  });

  it('`token` refreshes the short-lived token and stores the new tokens', async () => {
    const before = await stored();

    const result = await mcpToolkit(['token']);

    expect(result.code).toBe(0);
    expect(result.stderr).toContain('refreshed');
    const token = result.stdout.trim();
    expect(token).not.toBe(before?.accessToken);
    expect(decodeJwt(token)).toMatchObject({ sub: 'erin', aud: RESOURCE });
    expect((await stored())?.accessToken).toBe(token);
  });

  it('`logout` deletes the tokens from the keychain; `token` then exits 1', async () => {
    const result = await mcpToolkit(['logout']);
    expect(result.code).toBe(0);
    expect(await stored()).toBeUndefined();
    expect(await secretToolLookup(SERVICE, 'oauth:default')).toBeUndefined();

    const token = await mcpToolkit(['token']);
    expect(token.code).toBe(1);
    expect(token.stdout).toBe('');
    expect(token.stderr).toContain('NOT_SIGNED_IN');
  });

  it('a denied sign-in exits 1, prints nothing on stdout and stores nothing', async () => {
    const result = await login('deny');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('[ACCESS_DENIED]');
    expect(result.browser.pageText).toContain('Sign-in failed');
    expect(await stored()).toBeUndefined();
  });
});
