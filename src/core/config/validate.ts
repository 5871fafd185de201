import { isPlainObject } from '../../shared/plain-object.js';
import { crossFieldProblems, messagesByField, settingsSchema, type CrossFieldInput } from './schema.js';
import { settingsSecretProblems } from './secrets.js';
import type { Settings, SettingsLayer } from './types.js';

/** Field path (`port`, `oauth.issuer`, `''` for the whole value) → what is wrong with it. */
export type FieldErrors = Record<string, string>;

export type SettingsValidation = { ok: true; settings: Settings } | { ok: false; errors: FieldErrors };

/**
 * `patch` laid over `base`: nested objects merge key by key, everything else
 * (lists included) replaces. `null` stays `null` so the schema can read it as
 * "clear this optional field".
 */
export function mergePatch(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    merged[key] = value === undefined ? base[key] : mergePatch(base[key], value);
  }
  return merged;
}

/**
 * Checks a complete settings object as it would be saved: secrets refused,
 * every field valid, unknown keys refused, cross-field rules met. Reports
 * every field that is wrong at once. `pinned` holds what flags and the
 * environment set for this run: the cross-field rules are checked with it on
 * top (a file may rely on `MCP_OAUTH_ISSUER` to complete it), nothing else is.
 */
export function validateSettings(candidate: unknown, pinned: SettingsLayer = {}): SettingsValidation {
  const errors: FieldErrors = settingsSecretProblems(candidate);
  const parsed = settingsSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const [path, message] of Object.entries(messagesByField(parsed.error.issues))) errors[path] ??= message;
  }
  const crossInput = mergePatch(isPlainObject(candidate) ? candidate : {}, pinned) as CrossFieldInput;
  for (const { path, message } of crossFieldProblems(crossInput)) errors[path] ??= message;
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, settings: parsed.data };
}

/**
 * Validates a change from the settings UI against the current settings.
 * Returns the complete new settings, or an error per field; nothing is saved
 * here, so a change with any error changes nothing. In a patch, `null` or `""`
 * clears an optional text field (issuer, JWKS URI, public base URL…); lists replace.
 */
export function validateSettingsPatch(patch: unknown, current: Settings, pinned: SettingsLayer = {}): SettingsValidation {
  if (!isPlainObject(patch)) return { ok: false, errors: { '': 'expected an object' } };
  return validateSettings(mergePatch(current, patch), pinned);
}
