/**
 * What `mcp-toolkit doctor` and the UI's Checks panel show: one line per
 * check, with what to do about it. The same array for `doctor --json` and the
 * `doctor.run` call, so its shape is stable.
 */

/** `warn`: works, but something may not be what you meant; `error`: something is wrong (doctor exits 1). */
export type DoctorSeverity = 'ok' | 'warn' | 'error';

export interface DoctorCheck {
  /** What was checked, a fixed id (`node`, `keychain`, `settings`, `port`, `issuer.discovery`, …); some repeat, one per item. */
  readonly check: string;
  /** False only for `error`. */
  readonly ok: boolean;
  readonly severity: DoctorSeverity;
  /** One sentence: what was found. */
  readonly message: string;
  /** What to do about it, when there is something to do. */
  readonly fix?: string;
}
