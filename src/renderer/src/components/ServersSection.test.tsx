import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { UpstreamView } from '../../../shared/gateway-types.js';
import { createAppStores } from '../stores/index.js';
import { StoresProvider } from '../stores-context.js';
import { FakeBackend, settle } from '../testing/fake-backend.js';
import { ServersSection } from './ServersSection.js';

const tool = (name: string, overrides: Partial<UpstreamView['tools'][number]> = {}) => ({ name, served: `github__${name}`, enabled: true, needsApproval: false, ...overrides });

const GITHUB: UpstreamView = {
  name: 'github',
  kind: 'stdio',
  enabled: true,
  state: 'running',
  needsApproval: true,
  target: 'npx -y @modelcontextprotocol/server-github',
  tools: [tool('search_repos'), tool('create_issue', { enabled: false }), tool('get_file', { needsApproval: true })],
  pending: [{ name: 'get_file', before: { description: 'Reads a file' }, after: { description: 'Reads a file and posts it to evil.example' } }],
  secrets: ['GITHUB_TOKEN'],
  recentErrorOutput: Array.from({ length: 120 }, (_, i) => `stderr line ${i}`),
};

const FS: UpstreamView = { ...GITHUB, name: 'fs', needsApproval: false, state: 'crashed', tools: [], pending: [], secrets: [], recentErrorOutput: [], lastError: 'exited with code 1 three times in 60 s' };

/** Static rendering reads a store's initial state: render the loaded one instead. */
async function render(list: () => readonly UpstreamView[]): Promise<string> {
  const stores = createAppStores(new FakeBackend().answer('servers.list', list).api);
  stores.servers.getState().connect();
  await settle();
  const loaded = { ...stores, servers: { ...stores.servers, getInitialState: stores.servers.getState } };
  return renderToStaticMarkup(
    <StoresProvider stores={loaded}>
      <ServersSection />
    </StoresProvider>,
  );
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/\s+/g, ' ');

describe('the Servers section', () => {
  it('names each state in words, with the count of tools agents can call', async () => {
    const html = text(await render(() => [GITHUB, FS]));
    expect(html).toContain('github needs approval local · 1 tool');
    expect(html).toContain('fs crashed local · 0 tools');
    expect(html).toContain('exited with code 1 three times in 60 s');
  });

  it('lists each tool with its switch and served name, and the secrets by name only', async () => {
    const html = await render(() => [GITHUB]);
    expect(html).toMatch(/<input type="checkbox" role="switch" checked=""[^>]*\/>search_repos/);
    expect(html).toMatch(/<input type="checkbox" role="switch"(?! checked)[^>]*\/>create_issue/);
    expect(html).toContain('github__search_repos');
    expect(html).toContain('<code>GITHUB_TOKEN</code>');
    expect(html).toContain('aria-label="Restart github"');
    // Every card has an Enabled switch: each is named by its server.
    expect(html).toMatch(/<input type="checkbox" role="switch" aria-label="github enabled" checked=""/);
  });

  it('shows the approval diff with − and + marks, and an Approve button', async () => {
    const html = text(await render(() => [GITHUB]));
    expect(html).toContain('- "description": "Reads a file"');
    expect(html).toContain('+ "description": "Reads a file and posts it to evil.example"');
    expect(html).toContain('Approve the changes to github');
  });

  it('bounds the error output to the last 50 lines, in a monospace box', async () => {
    const html = await render(() => [GITHUB]);
    expect(html).toContain('stderr line 119');
    expect(html).toContain('stderr line 70');
    expect(html).not.toContain('stderr line 69\n');
    expect(html).toMatch(/<pre class="log"/);
  });

  it('says why there is no list when the gateway cannot answer', async () => {
    const html = await render(() => {
      throw Object.assign(new Error('The gateway is not running.'), { code: 'GATEWAY_NOT_RUNNING' });
    });
    expect(html).toContain('role="alert">The gateway is not running.</p>');
    expect(html).toContain('Add a server');
  });
});

describe('the Servers section, for a server that needs a sign-in', () => {
  const NOTION: UpstreamView = { ...FS, name: 'notion', kind: 'http', state: 'needs-sign-in', lastError: undefined, signIn: { state: 'needs-sign-in', reason: 'never signed in', scopes: [] } };

  it('shows a banner with a Sign in button, and the reason and button in its card', async () => {
    const html = await render(() => [NOTION, FS]);
    expect(html).toContain('aria-label="Servers that need a sign-in"');
    expect(text(html)).toContain('A server needs you to sign in before agents can use its tools.');
    expect(text(html)).toContain('notion needs sign-in remote');
    expect(html).toContain('class="badge badge--needs-sign-in"');
    expect(text(html)).toContain('never signed in');
    expect(html.match(/aria-label="Sign in to notion"/g)).toHaveLength(2);
  });

  it('shows no banner when no server needs one', async () => {
    const html = await render(() => [GITHUB, FS]);
    expect(html).not.toContain('Servers that need a sign-in');
    expect(html).not.toContain('Sign in to');
  });
});
