import { useState } from 'react';
import { EMPTY_SERVER_FORM, placeFieldErrors, serverAddRequest, type ServerForm } from '../forms/server-form.js';
import { useAppStore, useStores } from '../stores-context.js';
import { ErrorNote, Field } from './Field.js';
import { NameValueRows } from './NameValueRows.js';

const COMMAND_LINE_HINT = 'Split like a shell: quote an argument with spaces ("My Files" or \'My Files\'); \\ before a space or quote keeps it; other backslashes stay as typed.';

/** Adds an upstream: a local command (stdio) or a remote URL, with environment, headers and secrets. */
export function AddServerForm() {
  const [form, setForm] = useState<ServerForm>(EMPTY_SERVER_FORM);
  const adding = useAppStore((s) => s.servers, (state) => state.adding);
  const fieldErrors = useAppStore((s) => s.servers, (state) => state.addFieldErrors);
  const addError = useAppStore((s) => s.servers, (state) => state.addError);
  const { servers } = useStores();
  const set = (change: Partial<ServerForm>) => setForm({ ...form, ...change });
  const { at, elsewhere } = placeFieldErrors(fieldErrors);

  return (
    <form
      className="panel"
      aria-labelledby="add-server-title"
      onSubmit={(event) => {
        event.preventDefault();
        // The secret values leave the form once sent: it clears when the server was added.
        void servers
          .getState()
          .add(serverAddRequest(form))
          .then((added) => added && setForm(EMPTY_SERVER_FORM));
      }}
    >
      <h3 id="add-server-title">Add a server</h3>
      <fieldset className="segmented">
        <legend>Kind</legend>
        <label className="segmented__option">
          <input type="radio" name="server-kind" value="stdio" checked={form.kind === 'stdio'} onChange={() => set({ kind: 'stdio' })} />
          Local command
        </label>
        <label className="segmented__option">
          <input type="radio" name="server-kind" value="http" checked={form.kind === 'http'} onChange={() => set({ kind: 'http' })} />
          Remote URL
        </label>
      </fieldset>
      <div className="form-grid">
        <Field id="add-server-name" label="Name" value={form.name} onChange={(name) => set({ name })} error={at.name} hint="Prefixes its tools: NAME__tool." placeholder="github" />
        {form.kind === 'stdio' ? (
          <>
            <Field id="add-server-command" label="Command line" value={form.commandLine} onChange={(commandLine) => set({ commandLine })} error={at.commandLine} hint={COMMAND_LINE_HINT} placeholder="npx -y @modelcontextprotocol/server-github" spellCheck={false} />
            <Field id="add-server-cwd" label="Working folder (optional)" value={form.cwd} onChange={(cwd) => set({ cwd })} error={at.cwd} placeholder="/Users/me/projects" />
          </>
        ) : (
          <Field id="add-server-url" label="URL" type="url" value={form.url} onChange={(url) => set({ url })} error={at.url} placeholder="https://mcp.example.com/mcp" />
        )}
      </div>
      {form.kind === 'stdio' ? (
        <NameValueRows id="env" legend="Environment" rows={form.env} onChange={(env) => set({ env })} errors={at} nameLabel="Variable" valueLabel="Value" hint="Values that are secrets (tokens, keys, passwords) go under Secrets." />
      ) : (
        <NameValueRows id="headers" legend="Headers" rows={form.headers} onChange={(headers) => set({ headers })} errors={at} nameLabel="Header" valueLabel="Value" hint="Refer to a secret as ${secret:NAME}, e.g. Authorization: Bearer ${secret:TOKEN}." />
      )}
      <NameValueRows id="secrets" legend="Secrets" rows={form.secrets} onChange={(secrets) => set({ secrets })} errors={at} nameLabel="Secret" valueLabel="Secret value" valueType="password" hint="Kept in the system keychain, never in settings.json; a local server gets each as an environment variable." />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={adding}>
          Add server
        </button>
      </div>
      <ErrorNote message={addError && elsewhere.length === 0 && Object.keys(at).length === 0 ? addError.message : undefined} />
      <ErrorNote message={elsewhere.length > 0 ? elsewhere.join('; ') : undefined} />
    </form>
  );
}

