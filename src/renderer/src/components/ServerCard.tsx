import { useState } from 'react';
import type { UpstreamView } from '../../../shared/gateway-types.js';
import { servedToolCount, upstreamStatus } from '../../../shared/upstream-label.js';
import { formatTime } from '../format.js';
import { useAppStore, useStores } from '../stores-context.js';
import { ApprovalDiff } from './ApprovalDiff.js';
import { ErrorNote } from './Field.js';
import { ServerSecrets } from './ServerSecrets.js';
import { ServerSignInNote } from './SignInBanner.js';

/** Lines of recent error output shown before the user asks for more (the log box scrolls). */
const SHOWN_ERROR_LINES = 50;

/** One upstream: state in words, tool count, switches, restart, tools, error output, secrets, approval. */
export function ServerCard({ server }: { server: UpstreamView }) {
  const busy = useAppStore((s) => s.servers, (state) => state.busy.includes(server.name));
  const error = useAppStore((s) => s.servers, (state) => state.errors[server.name]);
  const { servers } = useStores();
  const actions = servers.getState();
  const status = upstreamStatus(server);
  const id = `server-${server.name}`;
  const toolCount = servedToolCount(server);

  return (
    <article className="server" aria-labelledby={`${id}-title`}>
      <header className="server__header">
        <h3 id={`${id}-title`}>{server.name}</h3>
        <span className={`badge badge--${status.replace(' ', '-')}`} role="status" aria-label={`${server.name} state`}>
          {status}
        </span>
        <span className="muted">
          {server.kind === 'stdio' ? 'local' : 'remote'} · {toolCount} {toolCount === 1 ? 'tool' : 'tools'}
        </span>
        <label className="switch">
          <input type="checkbox" role="switch" aria-label={`${server.name} enabled`} checked={server.enabled} disabled={busy} onChange={(event) => void actions.setEnabled(server.name, event.target.checked)} />
          Enabled
        </label>
        <button type="button" className="button button--small" disabled={busy || !server.enabled} aria-label={`Restart ${server.name}`} onClick={() => void actions.restart(server.name)}>
          Restart
        </button>
      </header>
      <p className="server__target">
        <code>{server.target}</code>
      </p>
      {server.lastError && (
        <p className="note note--error">
          {server.lastError}
          {server.retryAt !== undefined && ` Trying again at ${formatTime(server.retryAt)}.`}
        </p>
      )}
      <ServerSignInNote server={server} />
      <ErrorNote message={error?.message} />
      {server.pending.length > 0 && <ApprovalDiff server={server} busy={busy} />}
      <ServerTools server={server} busy={busy} />
      <ErrorOutput server={server} />
      <ServerSecrets server={server} busy={busy} />
      <RemoveServer name={server.name} busy={busy} />
    </article>
  );
}

function ServerTools({ server, busy }: { server: UpstreamView; busy: boolean }) {
  const { servers } = useStores();
  if (server.tools.length === 0) return null;
  return (
    <details className="subtle">
      <summary>Tools ({server.tools.length})</summary>
      <ul className="tools" aria-label={`Tools of ${server.name}`}>
        {server.tools.map((tool) => (
          <li key={tool.name}>
            <label className="switch">
              <input type="checkbox" role="switch" checked={tool.enabled} disabled={busy} onChange={(event) => void servers.getState().setToolEnabled(server.name, tool.name, event.target.checked)} />
              {tool.name}
            </label>
            <code className="muted">{tool.served}</code>
            {tool.needsApproval && <span className="tag">needs approval</span>}
            {tool.description && <p className="tools__description">{tool.description}</p>}
          </li>
        ))}
      </ul>
    </details>
  );
}

function ErrorOutput({ server }: { server: UpstreamView }) {
  const loaded = useAppStore((s) => s.servers, (state) => state.logs[server.name]);
  const { servers } = useStores();
  // The view carries the last lines; the loaded log is at most LOG_LINES.
  const lines = loaded ?? server.recentErrorOutput.slice(-SHOWN_ERROR_LINES);
  return (
    <details className="subtle">
      <summary>Error output ({lines.length === 0 ? 'none' : `last ${lines.length} ${lines.length === 1 ? 'line' : 'lines'}`})</summary>
      {lines.length > 0 && (
        <pre className="log" tabIndex={0} aria-label={`Error output of ${server.name}`}>
          {lines.join('\n')}
        </pre>
      )}
      <button type="button" className="button button--small" onClick={() => void servers.getState().loadLogs(server.name)}>
        {loaded ? 'Reload the log' : 'Show more of the log'}
      </button>
    </details>
  );
}

function RemoveServer({ name, busy }: { name: string; busy: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const { servers } = useStores();
  if (!confirming) {
    return (
      <button type="button" className="button button--small button--danger" disabled={busy} onClick={() => setConfirming(true)}>
        Remove {name}…
      </button>
    );
  }
  return (
    <div className="confirm" role="alertdialog" aria-labelledby={`remove-${name}-title`}>
      <p id={`remove-${name}-title`}>
        <strong>Remove {name}?</strong> Its tools disappear from every agent at once.
      </p>
      <div className="button-row">
        <button type="button" className="button button--danger" autoFocus onClick={() => void servers.getState().remove(name)}>
          Remove
        </button>
        <button type="button" className="button" onClick={() => setConfirming(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
