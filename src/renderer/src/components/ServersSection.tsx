import { useAppStore } from '../stores-context.js';
import { AddServerForm } from './AddServerForm.js';
import { ErrorNote, Section } from './Field.js';
import { ImportServersPanel } from './ImportServersPanel.js';
import { ServerCard } from './ServerCard.js';
import { ServersSignInBanner } from './SignInBanner.js';

/** The gateway's upstream MCP servers: each with its state and controls, then adding and importing. */
export function ServersSection() {
  const servers = useAppStore((s) => s.servers, (state) => state.servers);
  const loadError = useAppStore((s) => s.servers, (state) => state.loadError);
  return (
    <Section id="servers" title="Servers">
      <p className="note">MCP servers you already use, started by the toolkit and served behind its authentication and limits as <code>NAME__tool</code>.</p>
      <ErrorNote message={loadError?.message} />
      {servers === null && !loadError && <p>Loading…</p>}
      {servers && <ServersSignInBanner servers={servers} />}
      {servers?.length === 0 && <p className="muted">No servers yet: add one below, or import them from an agent client.</p>}
      {servers && servers.length > 0 && (
        <ul className="servers" aria-label="Servers">
          {servers.map((server) => (
            <li key={server.name}>
              <ServerCard server={server} />
            </li>
          ))}
        </ul>
      )}
      <AddServerForm />
      <ImportServersPanel />
    </Section>
  );
}
