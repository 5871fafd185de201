import { useState } from 'react';
import { IMPORT_SOURCE_NAMES, IMPORT_SOURCES, type ImportPlan, type ImportSource } from '../../../shared/servers-types.js';
import { useAppStore, useStores } from '../stores-context.js';
import { ErrorNote } from './Field.js';

/** Imports the servers an agent client already runs: pick the client, read the preview, confirm. */
export function ImportServersPanel() {
  const [from, setFrom] = useState<ImportSource>('claude-desktop');
  const importing = useAppStore((s) => s.servers, (state) => state.importing);
  const plan = useAppStore((s) => s.servers, (state) => state.importPlan);
  const result = useAppStore((s) => s.servers, (state) => state.importResult);
  const error = useAppStore((s) => s.servers, (state) => state.importError);
  const { servers } = useStores();
  const actions = servers.getState();

  return (
    <div className="panel" role="group" aria-labelledby="import-servers-title">
      <h3 id="import-servers-title">Import from an agent client</h3>
      <div className="button-row">
        <label htmlFor="import-from">Client</label>
        <select id="import-from" value={from} onChange={(event) => setFrom(event.target.value as ImportSource)}>
          {IMPORT_SOURCES.map((source) => (
            <option key={source} value={source}>
              {IMPORT_SOURCE_NAMES[source]}
            </option>
          ))}
        </select>
        <button type="button" className="button" disabled={importing !== null} onClick={() => void actions.previewImport(from)}>
          Preview import
        </button>
      </div>
      <ErrorNote message={error?.message} />
      {plan && (
        <div className="confirm confirm--neutral" role="region" aria-label="Import preview">
          <ImportPlanView plan={plan} />
          <div className="button-row">
            <button type="button" className="button button--primary" disabled={importing !== null || plan.add.length === 0} onClick={() => void actions.confirmImport()}>
              Import {plan.add.length} {plan.add.length === 1 ? 'server' : 'servers'}
            </button>
            <button type="button" className="button" onClick={() => actions.cancelImport()}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {result && !plan && (
        <p className="note" role="status">
          Imported {result.add.length} from {IMPORT_SOURCE_NAMES[result.from]}
          {movedCount(result) > 0 && `; ${movedCount(result)} secret values moved to the keychain`}.
        </p>
      )}
    </div>
  );
}

function ImportPlanView({ plan }: { plan: ImportPlan }) {
  return (
    <>
      <p>
        From <code>{plan.configPath}</code>:
      </p>
      {plan.add.length === 0 ? (
        <p>Nothing to add.</p>
      ) : (
        <ul aria-label="Servers to add">
          {plan.add.map((server) => (
            <li key={server.name}>
              <strong>{server.name}</strong> <code>{server.target}</code>
              {server.secrets.length > 0 && <span className="muted"> — moves {server.secrets.join(', ')} to the keychain</span>}
            </li>
          ))}
        </ul>
      )}
      {plan.skipped.length > 0 && (
        <ul aria-label="Servers skipped">
          {plan.skipped.map((server) => (
            <li key={server.name}>
              Skips <strong>{server.name}</strong>: {server.reason}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function movedCount(plan: ImportPlan): number {
  return plan.add.reduce((sum, server) => sum + server.secrets.length, 0);
}
