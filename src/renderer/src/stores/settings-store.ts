import { createStore } from 'zustand/vanilla';
import type { BackendApi, Unsubscribe } from '../../../shared/contract.js';
import { BackendError, type AppError } from '../../../shared/result.js';
import type { Settings, SettingsPatch } from '../../../shared/view-types.js';
import { errorOf, request } from './backend.js';

/** The backend saved the settings but the server could not use them, so it put the previous ones back. */
const SETTINGS_NOT_APPLIED = 'SETTINGS_NOT_APPLIED';

/** Which form a save came from, so each form shows its own outcome. */
export type SettingsFormId = 'server' | 'auth' | 'rateLimit';

export interface SettingsFormsState {
  readonly settings: Settings | null;
  /** Field path (`port`, `oauth.issuer`) → message, from the last save of each form. */
  readonly fieldErrors: Readonly<Record<string, string>>;
  /** A form-level failure (not tied to a field). */
  readonly formError: { readonly form: SettingsFormId; readonly error: AppError } | null;
  readonly saving: SettingsFormId | null;
  /** The form that saved successfully last (for a short "Saved" note). */
  readonly savedForm: SettingsFormId | null;
  connect(): Unsubscribe;
  /**
   * Saves a patch; resolves `true` once the running server uses it (the
   * backend answers then). On failure keeps the field errors and resolves
   * `false`: nothing is saved partially, and settings the server could not use
   * are rolled back.
   */
  save(form: SettingsFormId, patch: SettingsPatch, localErrors?: Record<string, string>): Promise<boolean>;
  clearErrors(): void;
}

/** The settings as the UI forms see them: the current values, each form's saving state and errors (the file itself is the backend's `SettingsStore`). */
export function createSettingsFormsStore(api: BackendApi) {
  return createStore<SettingsFormsState>()((set) => ({
    settings: null,
    fieldErrors: {},
    formError: null,
    saving: null,
    savedForm: null,
    connect() {
      const unsubscribe = api.on('settings.changed', (settings) => set({ settings }));
      request(api, 'settings.get').then(
        (settings) => set({ settings }),
        (error: unknown) => set({ formError: { form: 'server', error: errorOf(error) } }),
      );
      return unsubscribe;
    },
    async save(form, patch, localErrors = {}) {
      if (Object.keys(localErrors).length > 0) {
        set({ fieldErrors: localErrors, formError: null, savedForm: null });
        return false;
      }
      set({ saving: form, fieldErrors: {}, formError: null, savedForm: null });
      try {
        const settings = await request(api, 'settings.update', patch);
        set({ settings, savedForm: form });
        return true;
      } catch (error) {
        const fields = error instanceof BackendError ? error.fields : undefined;
        const hasFields = fields !== undefined && Object.keys(fields).length > 0;
        if (hasFields) set({ fieldErrors: fields });
        // Rolled back: besides the reason at its field, say that the previous settings are the ones in use.
        if (!hasFields || errorOf(error).code === SETTINGS_NOT_APPLIED) set({ formError: { form, error: errorOf(error) } });
        return false;
      } finally {
        set({ saving: null });
      }
    },
    clearErrors: () => set({ fieldErrors: {}, formError: null }),
  }));
}
