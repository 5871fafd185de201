import { configWarnings } from '../config/index.js';
import type { ServerConfig } from '../config/types.js';
import { failed, passed, warned, type DoctorCheck } from './check-result.js';

/** The settings as a host resolved them (file › environment › flags), with what was wrong on the way. */
export interface SettingsHealth {
  readonly filePath: string;
  /** What the server would run (bad values left out). */
  readonly config: ServerConfig;
  /** Bad values and unmet cross-field rules, one line each (`RunSettings.problems()`). */
  readonly problems: readonly string[];
  /** The file itself could not be used (not JSON, not a regular file, unreadable), in a few words. */
  readonly fileProblem?: string;
}

/** Whether the settings can be served as they are. */
export function checkSettings(health: SettingsHealth): DoctorCheck {
  if (health.fileProblem !== undefined) {
    return failed(
      'settings',
      `The settings file ${health.filePath} ${health.fileProblem}.`,
      `Correct it, or remove it to start from the default settings (the server moves a broken file aside and uses the defaults).`,
    );
  }
  if (health.problems.length > 0) {
    return failed(
      'settings',
      `Some settings are not valid: ${health.problems.join('; ')}.`,
      `Correct them in the app's settings or in ${health.filePath}; a value named by a flag or an MCP_* variable is corrected there.`,
    );
  }
  const warnings = configWarnings(health.config);
  if (warnings.length > 0) return warned('settings', `The settings are valid, but ${warnings.join('; ')}.`, 'Check that this is what you meant.');
  return passed('settings', `The settings are valid (${health.filePath}).`);
}
