import type { RunSettings } from '../core/config/index.js';
import type { Settings } from '../core/config/types.js';
import { leafPaths, valueAt } from '../core/config/field-paths.js';
import { mergePatch } from '../core/config/validate.js';
import { createSerialQueue } from '../core/serial-queue.js';
import { ControllerError, SETTINGS_INVALID, SETTINGS_NOT_APPLIED } from './controller-error.js';
import type { ServerRunner } from './server-runner.js';
import { applyFailureFields, settingsFieldProblems, type PortProbe } from './settings-field-checks.js';

export interface SettingsSaverDeps {
  readonly settings: RunSettings;
  readonly runner: ServerRunner;
  /** Defaults to a real bind (`probeListen`). */
  readonly probePort?: PortProbe | undefined;
  readonly log: (line: string) => void;
}

export interface SettingsSaver {
  /** True while a save runs: the file changes it makes are its own to apply and announce. */
  saving(): boolean;
  /**
   * Checks, saves and applies a change from the UI, one save at a time.
   * Resolves with the new settings only once the server (when one runs) runs
   * them. Rejects with `SETTINGS_INVALID` and saves nothing when a field is
   * wrong or cannot work (port taken, issuer refused); rejects with
   * `SETTINGS_NOT_APPLIED` when the server could not take the saved settings,
   * after putting the file and the server back on the settings that worked.
   * Either way `fields` names the field and says why, in the UI's words.
   */
  save(patch: unknown): Promise<Settings>;
}

/** The patch that puts every field `patch` sets back to its value in `before` (`null` clears one that was unset). */
function undoPatch(patch: unknown, before: Settings): Record<string, unknown> {
  const undo: Record<string, unknown> = {};
  for (const path of leafPaths(patch)) {
    const [group, key] = path.split('.') as [string, string | undefined];
    const value = valueAt(before, path) ?? null;
    if (key === undefined) undo[group] = value;
    else undo[group] = { ...(undo[group] as object | undefined), [key]: value };
  }
  return undo;
}

export function createSettingsSaver({ settings, runner, probePort, log }: SettingsSaverDeps): SettingsSaver {
  const queue = createSerialQueue();
  let saving = false;

  function heldAddress() {
    const status = runner.status();
    return status.state === 'running' && status.config ? { host: status.config.host, port: status.config.port } : undefined;
  }

  async function rollBack(patch: unknown, before: Settings): Promise<void> {
    const restored = await settings.update(undoPatch(patch, before));
    if (!restored.ok) log(`[settings] could not restore the previous settings: ${JSON.stringify(restored.errors)}`);
    const status = await runner.apply(settings.config());
    log(`[settings] the new settings did not work; back on the previous ones (server ${status.state})`);
  }

  async function save(patch: unknown): Promise<Settings> {
    const before = settings.current();
    const saved = { host: before.host, port: before.port };
    const problems = await settingsFieldProblems(mergePatch(before, patch), { saved, held: heldAddress() }, probePort);
    if (Object.keys(problems).length > 0) throw new ControllerError(SETTINGS_INVALID, 'Some settings cannot work; nothing was saved.', problems);
    const result = await settings.update(patch).catch((error: { errors?: Record<string, string> }) => {
      throw new ControllerError(SETTINGS_INVALID, (error as Error).message, error.errors, { cause: error });
    });
    if (!result.ok) throw new ControllerError(SETTINGS_INVALID, 'Some settings are not valid; nothing was saved.', result.errors);
    const attempted = settings.config();
    const status = await runner.apply(attempted);
    if (status.state !== 'error' || !status.error) return result.settings;
    const failure = status.error;
    await rollBack(patch, before);
    const fields = applyFailureFields(failure, attempted);
    const why = Object.values(fields)[0] ?? failure.message;
    throw new ControllerError(SETTINGS_NOT_APPLIED, `The server could not use the new settings, so the previous ones are kept: ${why}`, fields);
  }

  return {
    saving: () => saving,
    save: (patch) =>
      queue.run(async () => {
        saving = true;
        try {
          return await save(patch);
        } finally {
          saving = false;
        }
      }),
  };
}
