/** A controller refusal with a stable `code`, and per-field messages for settings problems. */
export class ControllerError extends Error {
  override readonly name = 'ControllerError';

  constructor(
    readonly code: string,
    message: string,
    readonly fields?: Readonly<Record<string, string>>,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export const SETTINGS_INVALID = 'SETTINGS_INVALID';
export const SIGN_IN_NOT_CONFIGURED = 'SIGN_IN_NOT_CONFIGURED';
export const SIGN_IN_IN_PROGRESS = 'SIGN_IN_IN_PROGRESS';
export const API_KEY_FROM_ENV = 'API_KEY_FROM_ENV';
export const START_AT_LOGIN_UNSUPPORTED = 'START_AT_LOGIN_UNSUPPORTED';
export const GATEWAY_NOT_RUNNING = 'GATEWAY_NOT_RUNNING';
/** The saved settings could not be applied to the running server; the previous ones were restored. */
export const SETTINGS_NOT_APPLIED = 'SETTINGS_NOT_APPLIED';
