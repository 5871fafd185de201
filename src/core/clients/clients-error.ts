export type ClientsErrorCode =
  | 'CLIENT_UNKNOWN'
  /** Neither the client's config folder nor its program was found: no folder is created for it. */
  | 'CLIENT_NOT_INSTALLED'
  /** The client's config file does not parse: it is left untouched. */
  | 'CLIENT_CONFIG_INVALID'
  /** The file parses but our entry is written in a form this editor does not change (an inline TOML table…). */
  | 'CLIENT_CONFIG_UNEDITABLE'
  /** The file changed on disk while it was being edited: nothing was written. */
  | 'CLIENT_CONFIG_CHANGED'
  /** The client cannot reach a Streamable HTTP server from its config file. */
  | 'CLIENT_HTTP_UNSUPPORTED'
  /** The client has no secret-free way to send the key: `--allow-key-in-file` is required. */
  | 'CLIENT_KEY_IN_FILE'
  /** `oauth` mode and the client does not sign in by itself. */
  | 'CLIENT_OAUTH_UNSUPPORTED';

/**
 * Connecting or disconnecting an agent client was refused; the client's file
 * is as it was. `message` is one line in the user's words, naming the file
 * (and line) when one is at fault; it never quotes the file's content, which
 * may hold other servers' secrets.
 */
export class ClientsError extends Error {
  override readonly name = 'ClientsError';

  constructor(
    readonly code: ClientsErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isClientsError(error: unknown): error is ClientsError {
  return error instanceof ClientsError;
}
