/**
 * How every backend call answers across a process or network boundary.
 * Errors travel as plain data so their `code` (and per-field messages) survive
 * Electron IPC and JSON over HTTP, where an `Error` instance would be flattened.
 */

/** A failure the UI can act on: a stable code, a human message, optional per-field messages. */
export interface AppError {
  /** Stable machine-readable code, e.g. `PORT_IN_USE`, `SETTINGS_INVALID`, `BAD_REQUEST`. */
  readonly code: string;
  /** Human-readable explanation; never contains a secret. */
  readonly message: string;
  /** Field path (e.g. `port`, `oauth.issuer`) → message, for validation failures. */
  readonly fields?: Readonly<Record<string, string>>;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: string, message: string, fields?: Record<string, string>): Result<T> {
  return { ok: false, error: fields ? { code, message, fields } : { code, message } };
}

/** The error a store throws after unwrapping a failed `Result`; keeps code and fields. */
export class BackendError extends Error implements AppError {
  override readonly name = 'BackendError';
  readonly code: string;
  readonly fields?: Readonly<Record<string, string>>;

  constructor(error: AppError) {
    super(error.message);
    this.code = error.code;
    if (error.fields) this.fields = error.fields;
  }
}

/** Returns the value of a successful result or throws a `BackendError` carrying its code. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new BackendError(result.error);
}

/** Converts anything thrown into an `AppError`, keeping a string `code` when the thrown value has one. */
export function toAppError(thrown: unknown, fallbackCode = 'INTERNAL'): AppError {
  if (typeof thrown === 'object' && thrown !== null) {
    const candidate = thrown as { code?: unknown; message?: unknown; fields?: unknown };
    const code = typeof candidate.code === 'string' && candidate.code !== '' ? candidate.code : fallbackCode;
    const message = typeof candidate.message === 'string' ? candidate.message : String(thrown);
    const fields = isStringRecord(candidate.fields) ? candidate.fields : undefined;
    return fields ? { code, message, fields } : { code, message };
  }
  return { code: fallbackCode, message: String(thrown) };
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((entry) => typeof entry === 'string')
  );
}
