import type { SettingsFormId } from '../stores/settings-store.js';

/**
 * What a settings form says next to its button: "Applying…" while the backend
 * saves and the running server takes the change, "Saved" only once it has
 * (a refused or rolled-back save says why at its fields instead).
 */
export function SaveOutcome({ form, saving, savedForm }: { form: SettingsFormId; saving: SettingsFormId | null; savedForm: SettingsFormId | null }) {
  if (saving === form) return <span role="status">Applying…</span>;
  return savedForm === form ? <span role="status">Saved</span> : null;
}
