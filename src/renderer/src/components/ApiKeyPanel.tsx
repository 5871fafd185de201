import { API_KEY_ENV_VAR } from '../../../shared/api-key.js';
import { useAppStore, useStores } from '../stores-context.js';
import { ErrorNote } from './Field.js';

/** The API key: masked; the secret appears only after Reveal (and leaves with Hide). */
export function ApiKeyPanel() {
  const state = useAppStore((s) => s.apiKey, (s) => s);
  const { apiKey } = useStores();
  const actions = apiKey.getState();
  const shown = state.revealed ?? state.status?.masked ?? 'No key yet: Reveal or Copy creates one.';

  return (
    <div className="panel" role="group" aria-labelledby="api-key-title">
      <h3 id="api-key-title">API key</h3>
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
