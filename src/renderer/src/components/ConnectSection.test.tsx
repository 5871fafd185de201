import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AgentClientView } from '../../../shared/agent-clients-types.js';
import { createAppStores } from '../stores/index.js';
import { StoresProvider } from '../stores-context.js';
import { FakeBackend, settle } from '../testing/fake-backend.js';
import { ConnectSection } from './ConnectSection.js';

const CURSOR: AgentClientView = {
  client: 'cursor',
  name: 'Cursor',
  installed: true,
  configFile: '/home/me/.cursor/mcp.json',
  connected: true,
  transport: 'bridge',
  http: { available: false, reason: 'Cursor cannot read the API key from outside its file. The app never writes a key into a file.' },
};
const CLAUDE_CODE: AgentClientView = {
  client: 'claude-code',
  name: 'Claude Code',
  installed: true,
  configFile: '/home/me/.claude.json',
  connected: false,
  http: { available: true, how: 'Claude Code runs `mcp-toolkit keys show claude-code --header-json` (headersHelper).' },
};
const ZED: AgentClientView = { client: 'zed', name: 'Zed', installed: false, configFile: '/home/me/.config/zed/settings.json', connected: false, http: { available: true, how: 'x' } };

/** Static rendering reads a store's initial state: render the loaded one instead. */
async function render(fake: FakeBackend, after?: (stores: ReturnType<typeof createAppStores>) => Promise<unknown>): Promise<string> {
  const stores = createAppStores(fake.answer('agents.getSnippets', () => [{ client: 'cursor', id: 'cursor-json', title: 'Cursor (~/.cursor/mcp.json)', language: 'json', content: '{}\n' }]).api);
  stores.agentClients.getState().connect();
  stores.snippets.getState().connect();
  await settle();
  await after?.(stores);
  const loaded = {
    ...stores,
    agentClients: { ...stores.agentClients, getInitialState: stores.agentClients.getState },
    snippets: { ...stores.snippets, getInitialState: stores.snippets.getState },
  };
  return renderToStaticMarkup(
    <StoresProvider stores={loaded}>
      <ConnectSection />
    </StoresProvider>,
  );
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/\s+/g, ' ');

describe('the Connect an agent section', () => {
  it('lists each client with its state and config file, and labelled Connect / Disconnect buttons', async () => {
    const html = await render(new FakeBackend().answer('agents.listClients', () => [CURSOR, CLAUDE_CODE, ZED]));
    expect(text(html)).toContain('Cursor connected · bridge /home/me/.cursor/mcp.json');
    expect(text(html)).toContain('Claude Code not connected /home/me/.claude.json');
    expect(text(html)).toContain('Zed not installed');
    expect(html).toMatch(/<button type="button" class="button button--small" aria-label="Connect Zed" disabled="">/);
    expect(html).toMatch(/aria-label="Disconnect Cursor">Disconnect</);
    expect(html).toMatch(/aria-label="Disconnect Claude Code" disabled=""/);
  });

  it('offers the HTTP entry only where the key stays out of the file, and says why not elsewhere', async () => {
    const html = await render(new FakeBackend().answer('agents.listClients', () => [CURSOR, CLAUDE_CODE]));
    expect(html).toMatch(/<input type="checkbox" disabled="" aria-describedby="agent-client-cursor-http"\/>HTTP entry instead of the bridge/);
    expect(html).toMatch(/<input type="checkbox" aria-describedby="agent-client-claude-code-http"\/>HTTP entry instead of the bridge/);
    expect(text(html)).toContain('The app never writes a key into a file.');
    expect(html).toContain('--allow-key-in-file');
  });

  it('says what a connect did, and shows a refusal at its client', async () => {
    const fake = new FakeBackend()
      .answer('agents.listClients', () => [CURSOR, CLAUDE_CODE])
      .answer('agents.connect', ({ client }) => {
        if (client === 'cursor') throw Object.assign(new Error('/home/me/.cursor/mcp.json line 2, column 5: not valid JSON'), { code: 'CLIENT_CONFIG_INVALID' });
        return { change: { client, configFile: '/home/me/.claude.json', changed: true, backupFile: '/home/me/.claude.json.mcp-toolkit-backup-1' }, clients: [CURSOR, { ...CLAUDE_CODE, connected: true, transport: 'bridge' as const }] };
      });
    const html = text(
      await render(fake, async (stores) => {
        await stores.agentClients.getState().connectAgent('cursor');
        await stores.agentClients.getState().connectAgent('claude-code');
      }),
    );
    expect(html).toContain('Connected Claude Code: /home/me/.claude.json. The file as it was is kept in /home/me/.claude.json.mcp-toolkit-backup-1. Restart Claude Code');
    expect(html).toContain('/home/me/.cursor/mcp.json line 2, column 5: not valid JSON');
  });

  it('keeps the copy-snippet area for the other clients', async () => {
    const html = await render(new FakeBackend().answer('agents.listClients', () => []));
    expect(text(html)).toContain('Other clients: copy a configuration');
    expect(html).toContain('aria-label="Copy Cursor (~/.cursor/mcp.json)"');
  });

  it('says why there is no list when the host cannot find the clients', async () => {
    const html = await render(
      new FakeBackend().answer('agents.listClients', () => {
        throw Object.assign(new Error('This host cannot find the agent clients’ config files.'), { code: 'CLIENTS_UNAVAILABLE' });
      }),
    );
    expect(html).toContain('role="alert">This host cannot find the agent clients’ config files.</p>');
  });
});
