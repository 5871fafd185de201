export type ServerManageErrorCode =
  | 'SERVER_NAME_INVALID'
  | 'SERVER_EXISTS'
  | 'SERVER_NOT_FOUND'
  /** The spec is refused field by field (command not found, URL not http(s), a secret in the settings…). */
  | 'SERVER_INVALID'
  | 'SECRET_NAME_INVALID'
  | 'SECRET_EMPTY'
  | 'SECRET_NOT_FOUND';

/**
 * A change to the upstream servers was refused; nothing changed. `message` is
 * one line in the user's words; `fields` names each bad field (`command`,
 * `url`, `env.GITHUB_TOKEN`…) for a form. Never holds a secret's value.
 */
export class ServerManageError extends Error {
  override readonly name = 'ServerManageError';

  constructor(
    readonly code: ServerManageErrorCode,
    message: string,
    /** Field → problem, as every UI error carries it (`AppError.fields`). */
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** `field: problem; field: problem`, one line. */
export function describeFieldErrors(errors: Readonly<Record<string, string>>): string {
  return Object.entries(errors)
    .map(([field, problem]) => (field === '' ? problem : `${field}: ${problem}`))
    .join('; ');
}
