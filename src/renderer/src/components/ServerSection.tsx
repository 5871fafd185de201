import { useState } from 'react';
import { serverFormFrom, serverFormPatch, type ServerForm } from '../forms/settings-form.js';
import { serverStateLabel } from '../format.js';
import { useAppStore, useStores } from '../stores-context.js';
import type { Settings } from '../../../shared/view-types.js';
import { ErrorNote, Field, Section } from './Field.js';
import { IssuerHealthNote } from './IssuerHealthNote.js';
import { SaveOutcome } from './SaveOutcome.js';
import { useSettingsFormState } from './use-settings-form-state.js';

export function ServerSection() {
  const status = useAppStore((s) => s.server, (state) => state.status);
  const busy = useAppStore((s) => s.server, (state) => state.busy);
  const requestError = useAppStore((s) => s.server, (state) => state.requestError);
  const settings = useAppStore((s) => s.settings, (state) => state.settings);
  const { server } = useStores();
  const running = status?.state === 'running' || status?.state === 'stopping';
  const transitioning = status?.state === 'starting' || status?.state === 'stopping';

  return (
    <Section
      id="server"
      title="Server"
      actions={
        <button
          type="button"
          className={running ? 'button' : 'button button--primary'}
          disabled={busy || transitioning || !status}
          onClick={() => void (running ? server.getState().stop() : server.getState().start())}
        >
          {running ? 'Stop server' : 'Start server'}
        </button>
      }
    >
      <dl className="facts">
        <dt>State</dt>
        <dd>
          <span className={`badge badge--${status?.state ?? 'stopped'}`} role="status" aria-label="Server state">
            {status ? serverStateLabel(status.state) : 'Loading…'}
          </span>
        </dd>
        {status?.mcpUrl && (
          <>
            <dt>MCP endpoint</dt>
            <dd>
              <code>{status.mcpUrl}</code>
            </dd>
          </>
        )}
        {status && (
          <>
            <dt>Auth mode</dt>
            <dd>{status.auth}</dd>
          </>
        )}
      </dl>
      {status?.state === 'error' && status.error && (
        <p className="note note--error" role="alert">
          The server could not start: {Object.values(status.error.fields ?? {})[0] ?? status.error.message} <span className="code">({status.error.code})</span>
        </p>
      )}
      {status?.notice && <p className="note" role="status">{status.notice}</p>}
      {status?.state === 'running' && status.issuer && <IssuerHealthNote health={status.issuer} />}
      <ErrorNote message={requestError?.message} />
      {settings && <ServerSettingsForm key={`${settings.host}:${settings.port}`} settings={settings} startFailure={status?.state === 'error' ? status.error?.fields : undefined} />}
    </Section>
  );
}

/** `startFailure`: the field a failed start points at (port in use…), shown there until a save says more. */
function ServerSettingsForm({ settings, startFailure = {} }: { settings: Settings; startFailure?: Readonly<Record<string, string>> | undefined }) {
  const [form, setForm] = useState<ServerForm>(() => serverFormFrom(settings));
  const { fieldErrors: saveErrors, saving, savedForm, formError, pinned, store } = useSettingsFormState();
  const fieldErrors = Object.keys(saveErrors).length > 0 ? saveErrors : startFailure;

  return (
    <form
      className="form-grid"
      aria-label="Server settings"
      onSubmit={(event) => {
        event.preventDefault();
        const { patch, errors } = serverFormPatch(form);
        void store.getState().save('server', patch, errors);
      }}
    >
      <Field id="server-host" label="Host" value={form.host} onChange={(host) => setForm({ ...form, host })} error={fieldErrors.host} hint="127.0.0.1 keeps the server on this machine." pinnedBy={pinned['host']} />
      <Field id="server-port" label="Port" inputMode="numeric" value={form.port} onChange={(port) => setForm({ ...form, port })} error={fieldErrors.port} pinnedBy={pinned['port']} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={saving === 'server'}>
          Save server settings
        </button>
        <SaveOutcome form="server" saving={saving} savedForm={savedForm} />
      </div>
      {formError?.form === 'server' && <ErrorNote message={formError.error.message} />}
    </form>
  );
}
