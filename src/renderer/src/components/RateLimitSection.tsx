import { useState } from 'react';
import type { Settings } from '../../../shared/view-types.js';
import { rateLimitFormFrom, rateLimitFormPatch, type RateLimitForm } from '../forms/settings-form.js';
import { useAppStore } from '../stores-context.js';
import { ErrorNote, Field, Section } from './Field.js';
import { SaveOutcome } from './SaveOutcome.js';
import { useSettingsFormState } from './use-settings-form-state.js';

export function RateLimitSection() {
  const settings = useAppStore((s) => s.settings, (state) => state.settings);
  return (
    <Section id="rate-limit" title="Rate limit">
      {settings ? <RateLimitFormView key={JSON.stringify(settings.rateLimit)} settings={settings} /> : <p>Loading…</p>}
    </Section>
  );
}

function RateLimitFormView({ settings }: { settings: Settings }) {
  const [form, setForm] = useState<RateLimitForm>(() => rateLimitFormFrom(settings));
  const { fieldErrors, saving, savedForm, formError, pinned, store } = useSettingsFormState();
  return (
    <form
      className="form-grid"
      aria-label="Rate limit settings"
      onSubmit={(event) => {
        event.preventDefault();
        const { patch, errors } = rateLimitFormPatch(form);
        void store.getState().save('rateLimit', patch, errors);
      }}
    >
      <Field id="rate-rps" label="Requests per second" inputMode="decimal" value={form.rps} onChange={(rps) => setForm({ ...form, rps })} error={fieldErrors['rateLimit.rps']} hint="Per client; 0 turns rate limiting off." pinnedBy={pinned['rateLimit.rps']} />
      <Field id="rate-burst" label="Burst" inputMode="numeric" value={form.burst} onChange={(burst) => setForm({ ...form, burst })} error={fieldErrors['rateLimit.burst']} hint="Requests a client may send at once before the limit applies." pinnedBy={pinned['rateLimit.burst']} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={saving === 'rateLimit'}>
          Save rate limit
        </button>
        <SaveOutcome form="rateLimit" saving={saving} savedForm={savedForm} />
      </div>
      {formError?.form === 'rateLimit' && <ErrorNote message={formError.error.message} />}
    </form>
  );
}
