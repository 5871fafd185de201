import type { AgentClientView } from '../../../shared/agent-clients-types.js';
import type { AgentClientOutcome } from '../stores/agent-clients-store.js';
import { useAppStore, useStores } from '../stores-context.js';
import { ErrorNote } from './Field.js';

function stateLabel(view: AgentClientView): string {
  if (view.connected) return view.transport === 'http' ? 'connected · HTTP' : view.transport === 'bridge' ? 'connected · bridge' : 'connected';
  return view.installed ? 'not connected' : 'not installed';
}

function outcomeText(outcome: AgentClientOutcome, name: string): string {
  const { change, connected } = outcome;
  if (!change.changed) return `${name}: ${connected ? 'already connected' : 'not connected'}; ${change.configFile} unchanged.`;
  const backup = change.backupFile ? ` The file as it was is kept in ${change.backupFile}.` : '';
  const restart = connected ? ` Restart ${name} (or reload its MCP servers) to use it.` : '';
  return `${connected ? 'Connected' : 'Disconnected'} ${name}: ${change.configFile}.${backup}${restart}`;
}

/** One client: its state and file, the HTTP entry choice, Connect and Disconnect. */
function AgentClientRow({ view }: { view: AgentClientView }) {
  const busy = useAppStore((s) => s.agentClients, (state) => state.busy.includes(view.client));
  const useHttp = useAppStore((s) => s.agentClients, (state) => state.useHttp[view.client] === true);
  const error = useAppStore((s) => s.agentClients, (state) => state.errors[view.client]);
  const { agentClients } = useStores();
  const actions = agentClients.getState();
  const id = `agent-client-${view.client}`;
  return (
    <article className="agent-client" aria-labelledby={`${id}-name`}>
      <header className="agent-client__header">
        <h3 id={`${id}-name`}>{view.name}</h3>
        <span className={`tag${view.connected ? ' tag--on' : ''}`}>{stateLabel(view)}</span>
      </header>
      <p className="agent-client__file">
        <code>{view.configFile}</code>
      </p>
      {view.problem && <p className="note note--error">{view.problem}</p>}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={useHttp && view.http.available}
          disabled={!view.http.available || busy}
          aria-describedby={`${id}-http`}
          onChange={(event) => actions.setUseHttp(view.client, event.target.checked)}
        />
        HTTP entry instead of the bridge
      </label>
      <p id={`${id}-http`} className="field__hint">
        {view.http.available ? view.http.how : view.http.reason}
      </p>
      <div className="button-row">
        <button type="button" className="button button--small" aria-label={`Connect ${view.name}`} disabled={!view.installed || busy} onClick={() => void actions.connectAgent(view.client)}>
          {view.connected ? 'Connect again' : 'Connect'}
        </button>
        <button type="button" className="button button--small" aria-label={`Disconnect ${view.name}`} disabled={!view.connected || busy} onClick={() => void actions.disconnectAgent(view.client)}>
          Disconnect
        </button>
      </div>
      <ErrorNote message={error?.message} />
    </article>
  );
}

/** The supported agent clients, with Connect/Disconnect: the toolkit edits their config file, never with a key in it. */
export function AgentClientsPanel() {
  const clients = useAppStore((s) => s.agentClients, (state) => state.clients);
  const loadError = useAppStore((s) => s.agentClients, (state) => state.loadError);
  const outcome = useAppStore((s) => s.agentClients, (state) => state.outcome);
  const outcomeName = clients?.find((view) => view.client === outcome?.change.client)?.name ?? outcome?.change.client ?? '';
  return (
    <div className="panel" role="group" aria-labelledby="agent-clients-title">
      <h3 id="agent-clients-title">Agents installed here</h3>
      <p className="note">
        Connect adds an <code>mcp-toolkit</code> entry to the client’s config file that runs the bridge (
        <code>mcp-toolkit bridge --client NAME</code>): the client starts it, and it reads that agent’s own key from the keychain, so the
        file holds no key and no variable. Where the client can fetch the key itself (Claude Code’s headersHelper, VS Code’s password
        prompt), you can choose an HTTP entry instead. This app never writes a key into a file: for clients that could only keep the key
        in plain text, that stays a command-line choice (<code>mcp-toolkit clients connect CLIENT --http --allow-key-in-file</code>). The
        file is backed up before its first change, and Disconnect removes only the toolkit’s entry.
      </p>
      <ErrorNote message={loadError?.message} />
      {clients === null && !loadError && <p>Loading…</p>}
      <p role="status" className="agent-clients__outcome">
        {outcome ? outcomeText(outcome, outcomeName) : ''}
      </p>
      {clients && (
        <ul className="agent-clients" aria-label="Agent clients">
          {clients.map((view) => (
            <li key={view.client}>
              <AgentClientRow view={view} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
