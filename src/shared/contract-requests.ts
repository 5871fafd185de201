/**
 * Runtime checks of call requests. Hosts receive requests as `unknown` (IPC
 * arguments, HTTP bodies) and must not trust their shape: each host runs
 * `parseCallRequest` before the handler sees anything.
 */
import { parseAgentClientRequest, parseAgentConnectRequest } from './agent-clients-requests.js';
import type { CallName, CallRequest } from './contract.js';
import { LOGINS_PARSERS } from './logins-requests.js';
import { isPlainObject } from './plain-object.js';
import { fail, ok, type Result } from './result.js';
import { SERVERS_PARSERS } from './servers-requests.js';
import { parseSharedFolderRequest } from './shared-folders-requests.js';

/** Longest text `clipboard.writeText` accepts (snippets are far smaller). */
export const MAX_CLIPBOARD_TEXT = 64 * 1024;

type Parser<K extends CallName> = (value: unknown) => Result<CallRequest<K>>;

const noRequest = ((value: unknown) =>
  value === undefined || value === null || isEmptyObject(value)
    ? ok(undefined)
    : badRequest('this call takes no arguments')) as Parser<never>;

const PARSERS: { [K in CallName]: Parser<K> } = {
  'app.getInfo': noRequest,
  'server.getStatus': noRequest,
  'server.start': noRequest,
  'server.stop': noRequest,
  'settings.get': noRequest,
  // The deep, field-by-field check is the settings module's (`validateSettingsPatch`).
  'settings.update': (value) => (isPlainObject(value) ? ok(value) : badRequest('expected a settings object')),
  'apiKey.getStatus': noRequest,
  'apiKey.reveal': noRequest,
  'apiKey.copy': noRequest,
  'apiKey.regenerate': (value) =>
    isPlainObject(value) && value.confirm === true
      ? ok({ confirm: true })
      : badRequest('regenerating the API key needs { confirm: true }'),
  'activity.getSnapshot': noRequest,
  'agents.getSnippets': noRequest,
  'agents.listClients': noRequest,
  'agents.connect': parseAgentConnectRequest,
  'agents.disconnect': parseAgentClientRequest,
  'clipboard.writeText': (value) =>
    isPlainObject(value) && typeof value.text === 'string' && value.text.length <= MAX_CLIPBOARD_TEXT
      ? ok({ text: value.text })
      : badRequest(`expected { text } with at most ${MAX_CLIPBOARD_TEXT} characters`),
  'signIn.getProgress': noRequest,
  'signIn.start': noRequest,
  'signIn.cancel': noRequest,
  'session.get': noRequest,
  'session.signOut': noRequest,
  'startAtLogin.get': noRequest,
  'startAtLogin.set': (value) =>
    isPlainObject(value) && typeof value.enabled === 'boolean'
      ? ok({ enabled: value.enabled })
      : badRequest('expected { enabled: boolean }'),
  'servers.list': noRequest,
  ...SERVERS_PARSERS,
  'sharedFolders.list': noRequest,
  'sharedFolders.add': parseSharedFolderRequest,
  'sharedFolders.remove': parseSharedFolderRequest,
  'dialog.pickFolder': noRequest,
  'doctor.run': noRequest,
  'logins.list': noRequest,
  ...LOGINS_PARSERS,
};

/** Checks an untrusted request for `name`; `BAD_REQUEST` when its shape is wrong. */
export function parseCallRequest<K extends CallName>(name: K, value: unknown): Result<CallRequest<K>> {
  return (PARSERS[name] as Parser<K>)(value);
}

function badRequest<T>(message: string): Result<T> {
  return fail('BAD_REQUEST', message);
}

function isEmptyObject(value: unknown): boolean {
  return isPlainObject(value) && Object.keys(value).length === 0;
}
