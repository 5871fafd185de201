import { useState } from 'react';
import type { UpstreamView } from '../../../shared/gateway-types.js';
import { SECRET_NAME } from '../../../shared/servers-types.js';
import { useStores } from '../stores-context.js';
import { Field } from './Field.js';

/** The names of a server's secrets (never values), removing one, and setting one with a password field. */
export function ServerSecrets({ server, busy }: { server: UpstreamView; busy: boolean }) {
  const { servers } = useStores();
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const id = `secret-${server.name}`;
  const keyError = key !== '' && !SECRET_NAME.test(key) ? 'Use letters, digits and "_", not starting with a digit.' : undefined;

  return (
    <details className="subtle">
      <summary>Secrets ({server.secrets.length})</summary>
      {server.secrets.length > 0 && (
        <ul className="secrets" aria-label={`Secrets of ${server.name}`}>
          {server.secrets.map((name) => (
            <li key={name}>
              <code>{name}</code>
              <span className="muted">in the keychain</span>
              <button type="button" className="button button--small" disabled={busy} aria-label={`Remove the secret ${name} of ${server.name}`} onClick={() => void servers.getState().removeSecret(server.name, name)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="form-grid"
        aria-label={`Set a secret of ${server.name}`}
        onSubmit={(event) => {
          event.preventDefault();
          if (keyError || key === '' || value === '') return;
          void servers
            .getState()
            .setSecret(server.name, key, value)
            .then((saved) => {
              if (saved) {
                setKey('');
                setValue('');
              }
            });
        }}
      >
        <Field id={`${id}-key`} label="Secret name" value={key} onChange={setKey} error={keyError} hint={server.kind === 'stdio' ? 'Passed to the server as this environment variable.' : 'Used in a header as ${secret:NAME}.'} />
        <Field id={`${id}-value`} label="Value" type="password" autoComplete="off" value={value} onChange={setValue} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy || key === '' || value === '' || keyError !== undefined}>
            Save secret
          </button>
        </div>
      </form>
    </details>
  );
}
