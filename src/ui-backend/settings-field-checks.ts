/**
 * What the settings forms can learn before a save, and how a failed apply is
 * told at the field that caused it, in the words of the UI (not the CLI's
 * `--port, MCP_PORT`).
 */
import type { ServerConfig } from '../core/config/types.js';
import type { ListenError } from '../core/http/listen.js';
import { probeListen } from '../core/http/port-probe.js';
import { isPlainObject } from '../shared/plain-object.js';
import { oauthUrlProblems } from '../shared/oauth-url-rules.js';
import type { AppError } from '../shared/result.js';

/** Field path (`port`, `oauth.issuer`) → what is wrong, as the form shows it. */
export type FieldMessages = Record<string, string>;

export interface Address {
  readonly host: string;
  readonly port: number;
}

/** The address in the settings file, and the one the running server holds (if one runs). */
export interface KnownAddresses {
  readonly saved: Address;
  readonly held: Address | undefined;
}

/** Binds `host:port` for a moment; see `probeListen`. */
export type PortProbe = (host: string, port: number) => Promise<Pick<ListenError, 'code' | 'message'> | undefined>;

/** The message at the field for a bind failure with `code` (`PORT_IN_USE`, `ADDRESS_UNAVAILABLE`…). */
export function addressProblem(code: string, host: string, port: number, message: string): FieldMessages {
  switch (code) {
    case 'PORT_IN_USE':
      return { port: `Port ${port} is in use by another program: pick another one.` };
    case 'ADDRESS_UNAVAILABLE':
      return { host: `This computer has no address ${host}: use 127.0.0.1 (this computer only) or one of its own addresses.` };
    case 'NOT_PERMITTED':
      return { port: `Port ${port} needs administrator rights (ports below 1024 do): pick one from 1024 up.` };
    default:
      return { port: `The server cannot listen on ${host}:${port}: ${message}` };
  }
}

function oauthProblems(candidate: Record<string, unknown>): FieldMessages {
  const oauth = isPlainObject(candidate.oauth) ? candidate.oauth : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return oauthUrlProblems(text(oauth.issuer), text(oauth.jwksUri));
}

/**
 * Problems the server would meet with `candidate` (the settings as they would
 * be saved). A new address is bound for a moment: taken by another program,
 * or not an address of this computer, is said at its field; the port the
 * running server holds needs no check (the restart frees it). In oauth mode,
 * an issuer or JWKS URI the server refuses. Values of the wrong type are left
 * to the settings validation.
 */
export async function settingsFieldProblems(candidate: unknown, addresses: KnownAddresses, probe: PortProbe = probeListen): Promise<FieldMessages> {
  if (!isPlainObject(candidate)) return {};
  const problems = candidate.auth === 'oauth' ? oauthProblems(candidate) : {};
  const { host, port } = candidate;
  const validPort = typeof port === 'number' && Number.isInteger(port) && port > 0 && port <= 65535;
  const moved = host !== addresses.saved.host || port !== addresses.saved.port;
  if (typeof host === 'string' && validPort && moved && port !== addresses.held?.port) {
    const failure = await probe(host, port);
    if (failure) Object.assign(problems, addressProblem(failure.code, host, port, failure.message));
  }
  return problems;
}

/**
 * The field a failed start or apply points at, with its message in the UI's
 * words; empty when no single field caused it (the caller shows `error` whole).
 */
export function applyFailureFields(error: AppError, config: ServerConfig): FieldMessages {
  switch (error.code) {
    case 'PORT_IN_USE':
    case 'ADDRESS_UNAVAILABLE':
      return addressProblem(error.code, config.host, config.port, error.message);
    case 'LISTEN_FAILED':
      return { port: error.message };
    case 'KEYCHAIN_UNAVAILABLE':
      return { auth: 'The keychain cannot be read, so there is no API key to check requests against: unlock the keychain, or pick another mode.' };
    default:
      return config.auth === 'oauth' ? oauthProblems(config as unknown as Record<string, unknown>) : {};
  }
}

/** A start failure with the field it points at, in the UI's words, so the server card and the form can say it plainly. */
export function withFieldMessages(error: AppError, config: ServerConfig | undefined): AppError {
  const fields = config === undefined || error.fields !== undefined ? {} : applyFailureFields(error, config);
  return Object.keys(fields).length > 0 ? { ...error, fields } : error;
}
