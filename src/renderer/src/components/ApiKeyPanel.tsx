import { API_KEY_ENV_VAR } from '../../../shared/api-key.js';
import { useAppStore, useStores } from '../stores-context.js';
import { ErrorNote } from './Field.js';

/** The API key named `default` (the one `mcp-toolkit key show` prints): masked; the secret appears only after Reveal key (and leaves with Hide key). */
export function ApiKeyPanel() {
  const state = useAppStore((s) => s.apiKey, (s) => s);
  const { apiKey } = useStores();
  const actions = apiKey.getState();
  const shown = state.revealed ?? state.status?.masked ?? 'No key yet: the server creates it when it starts in API key mode, or Reveal key or Copy API key does.';

  return (
    <div className="panel" role="group" aria-labelledby="api-key-title">
      <h3 id="api-key-title">API key</h3>
      <p className="muted">
        The key named <code>default</code> (<code>mcp-toolkit key show</code>), for scripts and your own use; each agent gets its own named key under Connect an
        agent.
      </p>
      <p className="key-line">
        <output aria-label="API key" className="code">
          {shown}
        </output>
        {state.status?.source === 'env' && <span className="tag">from {API_KEY_ENV_VAR}</span>}
      </p>
      <div className="button-row">
        {state.revealed ? (
          <button type="button" className="button" onClick={() => actions.hide()}>
            Hide key
          </button>
        ) : (
          <button type="button" className="button" disabled={state.busy} onClick={() => void actions.reveal()}>
            Reveal key
          </button>
        )}
        <button type="button" className="button" disabled={state.busy} onClick={() => void actions.copy()}>
          Copy API key
        </button>
        <button type="button" className="button button--danger" disabled={state.busy || state.status?.source === 'env'} onClick={() => actions.askRegenerate()}>
          Regenerate key…
        </button>
        {state.copied && <span role="status">Copied</span>}
      </div>
      {state.confirmingRegenerate && (
        <div className="confirm" role="alertdialog" aria-labelledby="regenerate-title" aria-describedby="regenerate-text">
          <p id="regenerate-title">
            <strong>Regenerate the API key?</strong>
          </p>
          <p id="regenerate-text">The current key stops working at once. Every agent using it needs the new key.</p>
          <div className="button-row">
            <button type="button" className="button button--danger" autoFocus onClick={() => void actions.confirmRegenerate()}>
              Regenerate
            </button>
            <button type="button" className="button" onClick={() => actions.cancelRegenerate()}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <ErrorNote message={state.error?.message ?? state.status?.error?.message} />
    </div>
  );
}
