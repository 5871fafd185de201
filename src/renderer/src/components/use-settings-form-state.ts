import type { PinnedSettings } from '../../../shared/view-types.js';
import { useAppStore, useStores } from '../stores-context.js';

const NOTHING_PINNED: PinnedSettings = {};

/** What every settings form shows of the settings store: field errors, saving state, pinned fields, and the store to save with. */
export function useSettingsFormState() {
  const fieldErrors = useAppStore((s) => s.settings, (state) => state.fieldErrors);
  const saving = useAppStore((s) => s.settings, (state) => state.saving);
  const savedForm = useAppStore((s) => s.settings, (state) => state.savedForm);
  const formError = useAppStore((s) => s.settings, (state) => state.formError);
  const pinned = useAppStore((s) => s.app, (state) => state.info?.pinned ?? NOTHING_PINNED);
  const { settings: store } = useStores();
  return { fieldErrors, saving, savedForm, formError, pinned, store };
}
