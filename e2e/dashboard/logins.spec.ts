/**
 * Sign in to a remote MCP server from the dashboard, end to end: a real
 * identity provider (oidc-provider, with dynamic client registration), a
 * protected upstream (this toolkit's own `serve` in oauth mode, on its own
 * port), the dashboard's `serve` adding it from the Servers form, signing in
 * from the Logins section through real chromium, and an agent calling the
 * upstream's tool through the toolkit's /mcp without ever holding its token.
 *
 * The dashboard's system browser is `capture-browser.sh` (`BROWSER`): it
 * records the URL the toolkit asked to open; the spec then plays the user who
 * opens the link shown in the Logins section by hand.
 *
 * Needs the sign-in machinery (UpstreamLogins) and the gateway's
 * `needs-sign-in` state wired into `serve --dashboard`.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { signInWithBrowser } from '../../test/support/browser.js';
import { startOidcProvider, type OidcProviderFixture } from '../../test/support/oidc-provider.js';
import { REPO_ROOT, dashboardUnavailableReason, freePort, keyringUnavailableReason, startServeDashboard, type DashboardProcess } from './serve-dashboard.js';

const unavailable = dashboardUnavailableReason() ?? keyringUnavailableReason();
test.skip(unavailable !== undefined, unavailable ?? '');

const CLI = join(REPO_ROOT, 'bin', 'mcp-toolkit.js');
/** The upstream's first contact (a 401), then a sign-in's discovery, registration and exchange. */
const UPSTREAM_TIMEOUT_MS = 20_000;
const SERVER = 'remote';

interface Upstream {
  readonly mcpUrl: string;
  stop(): Promise<number | null>;
}

/** `mcp-toolkit serve` in oauth mode on a free port, trusting `idp`, expecting tokens for its own /mcp. */
async function startProtectedUpstream(idp: OidcProviderFixture): Promise<Upstream> {
  const home = mkdtempSync(join(tmpdir(), 'mcp-toolkit-upstream-e2e-'));
  const port = await freePort();
  const mcpUrl = `http://127.0.0.1:${port}/mcp`;
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MCP_') || name === 'MCP_TOOLKIT_TEST_KEYRING'));
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [CLI, 'serve', '--port', String(port)], {
    env: { ...env, MCP_TOOLKIT_HOME: home, MCP_AUTH: 'oauth', MCP_OAUTH_ISSUER: idp.issuer, MCP_OAUTH_AUDIENCE: mcpUrl },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the upstream did not start; stderr:\n${stderr}`)), 15_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (/^mcp-toolkit listening on /m.test(stdout)) {
        clearTimeout(timer);
        done();
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`the upstream exited with ${code}; stderr:\n${stderr}`));
    });
  });
  return {
    mcpUrl,
    async stop() {
      child.kill('SIGTERM');
      const code = await exited;
      rmSync(home, { recursive: true, force: true });
      return code;
    },
  };
}

let idp: OidcProviderFixture;
let upstream: Upstream;
let serve: DashboardProcess;

test.beforeEach(async () => {
  // `registration` and `revocation` are the fixture's switches for RFC 7591 and RFC 7009 (added with the sign-in machinery).
  const idpOptions = { registration: true, revocation: true, scopes: ['mcp:tools'] };
  idp = await startOidcProvider(idpOptions);
  upstream = await startProtectedUpstream(idp);
  serve = await startServeDashboard();
});

test.afterEach(async () => {
  const stderr = serve.stderr();
  expect(await serve.stop(), stderr).toBe(0);
  await upstream.stop();
  await idp.stop();
});

async function addRemoteServer(page: Page, name: string, url: string): Promise<Locator> {
  const servers = page.getByRole('region', { name: 'Servers' });
  const form = servers.getByRole('form', { name: 'Add a server' });
  await form.getByRole('radio', { name: 'Remote URL' }).check();
  await form.getByRole('textbox', { name: 'Name' }).fill(name);
  await form.getByRole('textbox', { name: 'URL' }).fill(url);
  await form.getByRole('button', { name: 'Add server' }).click();
  await expect(form.getByRole('textbox', { name: 'Name' })).toHaveValue('');
  return servers;
}

/** The JSON-RPC answer of the toolkit's own /mcp (auth none, stateless JSON) to one request. */
async function toolkitMcp(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const response = await fetch(`${serve.serverUrl}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.impact} ${violation.id}: ${node.target.join(' ')}`));
}

test('add a remote server that wants OAuth, sign in from Logins, and call its tool through the toolkit', async ({ page, context }) => {
  await page.goto(serve.link);
  await expect(page.getByRole('status', { name: 'Server state' })).toHaveText('Running');
  const logins = page.getByRole('region', { name: 'Logins' });
  // Before any remote server: the toolkit's own sign-in only.
  await expect(logins.getByRole('article')).toHaveCount(1);
  // (Signed in or out: the specs share one keychain, and another spec signs the toolkit in.)
  await expect(logins.getByRole('status', { name: 'toolkit sign-in state' })).toHaveText(/^signed (in|out)$/);

  // Add it from the form: its first answer is a 401, so it waits for a sign-in, and says so.
  const servers = await addRemoteServer(page, SERVER, upstream.mcpUrl);
  const card = servers.getByRole('article', { name: SERVER, exact: true });
  await expect(card.getByRole('status', { name: `${SERVER} state` })).toHaveText('needs sign-in', { timeout: UPSTREAM_TIMEOUT_MS });
  await expect(servers.getByRole('region', { name: 'Servers that need a sign-in' })).toBeVisible();
  const row = logins.getByRole('article', { name: SERVER, exact: true });
  await expect(row.getByRole('status', { name: `${SERVER} sign-in state` })).toHaveText('needs sign-in');
  // The tool is not served yet; an agent calling it would be told to sign in.
  const before = (await toolkitMcp('tools/list')) as { result: { tools: { name: string }[] } };
  expect(before.result.tools.map((tool) => tool.name)).not.toContain(`${SERVER}__get_current_time`);

  // Sign in from the Logins section: the steps show, then the link to open by hand.
  await row.getByRole('button', { name: `Sign in to ${SERVER}`, exact: true }).click();
  await expect(row.getByRole('list', { name: `Signing in to ${SERVER}` })).toBeVisible();
  const link = row.getByRole('link');
  await expect(link).toHaveText(/^http:\/\/127\.0\.0\.1:\d+\//, { timeout: UPSTREAM_TIMEOUT_MS });
  const url = (await link.getAttribute('href')) ?? '';
  // The toolkit asked the system browser (BROWSER) to open the same link.
  expect(await serve.waitForOpenedUrl()).toBe(url);
  expect(new URL(url).origin).toBe(idp.issuer);
  expect(new URL(url).searchParams.get('code_challenge_method')).toBe('S256');
  expect(new URL(url).searchParams.get('resource')).toBe(upstream.mcpUrl);
  expect(await seriousViolations(page, '#logins'), 'axe on Logins while signing in').toEqual([]);
  expect(await seriousViolations(page, '#servers'), 'axe on Servers with the sign-in banner').toEqual([]);

  // The user opens it by hand, signs in and consents in chromium.
  // In a browser window of its own: the sign-in walk starts by clearing its cookies, which would end the dashboard's session.
  const idpWindow = await context.browser()!.newContext();
  const outcome = await signInWithBrowser(idpWindow, url, { login: 'erin' }).finally(() => idpWindow.close());
  expect(new URL(outcome.finalUrl).hostname).toBe('127.0.0.1');

  await expect(row.getByRole('status', { name: `${SERVER} sign-in state` })).toHaveText('signed in', { timeout: UPSTREAM_TIMEOUT_MS });
  const facts = row.getByRole('definition');
  await expect(facts.filter({ hasText: 'erin' })).toHaveCount(1);
  await expect(facts.filter({ hasText: idp.issuer })).toHaveCount(1);
  await expect(row.getByRole('button', { name: `Sign in to ${SERVER} again` })).toBeVisible();
  await expect(card.getByRole('status', { name: `${SERVER} state` })).toHaveText('running', { timeout: UPSTREAM_TIMEOUT_MS });
  await expect(servers.getByRole('region', { name: 'Servers that need a sign-in' })).toHaveCount(0);

  // An agent calls the upstream's tool through the toolkit, holding no token of the upstream's.
  const called = (await toolkitMcp('tools/call', { name: `${SERVER}__get_current_time`, arguments: { timezone: 'UTC' } })) as {
    result: { isError?: boolean; content: { type: string; text: string }[] };
  };
  expect(called.result.isError ?? false).toBe(false);
  expect(JSON.parse(called.result.content[0]!.text)).toMatchObject({ timezone: 'UTC' });
  expect(JSON.stringify(called)).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);

  // Sign out: the tokens go, and the server waits for a sign-in again.
  await row.getByRole('button', { name: `Sign out of ${SERVER}` }).click();
  await expect(row.getByRole('status', { name: `${SERVER} sign-in state` })).not.toHaveText('signed in', { timeout: UPSTREAM_TIMEOUT_MS });
  expect(idp.countRequests('/token/revocation')).toBeGreaterThanOrEqual(1);
});
