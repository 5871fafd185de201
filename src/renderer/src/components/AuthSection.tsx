import { useState } from 'react';
import { AUTH_MODES } from '../../../shared/settings-types.js';
import type { Settings } from '../../../shared/view-types.js';
import { authFormFrom, authFormPatch, type AuthForm } from '../forms/settings-form.js';
import { AUTH_MODE_LABELS } from '../format.js';
import { useAppStore } from '../stores-context.js';
import { ApiKeyPanel } from './ApiKeyPanel.js';
import { ErrorNote, Field, pinnedNote, Section } from './Field.js';
import { SaveOutcome } from './SaveOutcome.js';
import { useSettingsFormState } from './use-settings-form-state.js';

export function AuthSection() {
  const settings = useAppStore((s) => s.settings, (state) => state.settings);
  return (
    <Section id="auth" title="Authentication">
      {settings ? <AuthForm key={JSON.stringify([settings.auth, settings.oauth])} settings={settings} /> : <p>Loading…</p>}
    </Section>
  );
}

function AuthForm({ settings }: { settings: Settings }) {
  const [form, setForm] = useState<AuthForm>(() => authFormFrom(settings));
  const { fieldErrors, saving, savedForm, formError, pinned, store } = useSettingsFormState();
  const set = (change: Partial<AuthForm>) => setForm({ ...form, ...change });

  return (
    <>
      <form
        aria-label="Authentication settings"
        onSubmit={(event) => {
          event.preventDefault();
          const { patch, errors } = authFormPatch(form);
          void store.getState().save('auth', patch, errors);
        }}
      >
        <fieldset className="segmented">
          <legend>Mode</legend>
          {AUTH_MODES.map((mode) => (
            <label key={mode} className="segmented__option">
              <input type="radio" name="auth-mode" value={mode} checked={form.auth === mode} disabled={pinned.auth !== undefined} onChange={() => set({ auth: mode })} />
              {AUTH_MODE_LABELS[mode]}
            </label>
          ))}
        </fieldset>
        {pinned.auth && <p className="field__hint">{pinnedNote(pinned.auth)}</p>}
        <ErrorNote message={fieldErrors.auth} />
        {form.auth === 'oauth' && (
          <div className="form-grid">
            <Field id="oauth-issuer" label="Issuer" type="url" value={form.issuer} onChange={(issuer) => set({ issuer })} error={fieldErrors['oauth.issuer']} placeholder="https://login.example.com" pinnedBy={pinned['oauth.issuer']} />
            <Field id="oauth-audience" label="Audience" value={form.audience} onChange={(audience) => set({ audience })} error={fieldErrors['oauth.audience']} hint="The audience tokens must carry: usually this server's MCP URL." pinnedBy={pinned['oauth.audience']} />
            <Field id="oauth-jwks-uri" label="JWKS URI" type="url" value={form.jwksUri} onChange={(jwksUri) => set({ jwksUri })} error={fieldErrors['oauth.jwksUri']} hint="Optional: discovered from the issuer when empty." pinnedBy={pinned['oauth.jwksUri']} />
          </div>
        )}
        <details className="subtle" open={form.auth === 'oauth'}>
          <summary>Sign-in client</summary>
          <div className="form-grid">
            <Field id="oauth-client-id" label="Client ID" value={form.clientId} onChange={(clientId) => set({ clientId })} error={fieldErrors['oauth.clientId']} pinnedBy={pinned['oauth.clientId']} />
            <Field id="oauth-redirect-uri" label="Redirect URI" type="url" value={form.redirectUri} onChange={(redirectUri) => set({ redirectUri })} error={fieldErrors['oauth.redirectUri']} placeholder="http://127.0.0.1:8765/callback" pinnedBy={pinned['oauth.redirectUri']} />
          </div>
        </details>
        <div className="form-actions">
          <button type="submit" className="button" disabled={saving === 'auth'}>
            Save authentication
          </button>
          <SaveOutcome form="auth" saving={saving} savedForm={savedForm} />
        </div>
        {formError?.form === 'auth' && <ErrorNote message={formError.error.message} />}
      </form>
      {settings.auth === 'api_key' && <ApiKeyPanel />}
    </>
  );
}
