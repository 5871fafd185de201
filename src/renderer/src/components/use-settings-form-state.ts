import { useAppStore, useStores } from '../stores-context.js';

/** What every settings form shows of the settings store: field errors, saving state, and the store to save with. */
export function useSettingsFormState() {
  const fieldErrors = useAppStore((s) => s.settings, (state) => state.fieldErrors);
  const saving = useAppStore((s) => s.settings, (state) => state.saving);
  const savedForm = useAppStore((s) => s.settings, (state) => state.savedForm);
  const formError = useAppStore((s) => s.settings, (state) => state.formError);
  const { settings: store } = useStores();
  return { fieldErrors, saving, savedForm, formError, store };
}
