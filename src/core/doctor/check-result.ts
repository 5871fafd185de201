import type { DoctorCheck } from '../../shared/doctor-types.js';

export type { DoctorCheck, DoctorSeverity } from '../../shared/doctor-types.js';

function withFix(check: Omit<DoctorCheck, 'fix'>, fix: string | undefined): DoctorCheck {
  return fix === undefined ? check : { ...check, fix };
}

/** A check that found nothing wrong (a `fix` here is a suggestion, e.g. "connect this client"). */
export function passed(check: string, message: string, fix?: string): DoctorCheck {
  return withFix({ check, ok: true, severity: 'ok', message }, fix);
}

/** Works, but probably not as meant. */
export function warned(check: string, message: string, fix?: string): DoctorCheck {
  return withFix({ check, ok: true, severity: 'warn', message }, fix);
}

/** Something is wrong; `doctor` exits 1. */
export function failed(check: string, message: string, fix: string): DoctorCheck {
  return { check, ok: false, severity: 'error', message, fix };
}

/** The exit code of `doctor`: 1 when any check failed. */
export function doctorExitCode(checks: readonly DoctorCheck[]): 0 | 1 {
  return checks.some((check) => check.severity === 'error') ? 1 : 0;
}
