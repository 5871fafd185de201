/**
 * What the toolkit needs to reach one upstream MCP server: a local command it
 * runs over stdio, or a remote Streamable HTTP endpoint. Kept in
 * `settings.json`, so a spec never holds a secret's value: stdio secrets are
 * injected into the child's environment at spawn, and an http header refers to
 * one as `${secret:KEY}` (see `secret-references.ts`).
 */

import { DEFAULT_UPSTREAM_CALL_TIMEOUT_MS, UPSTREAM_NAME, type HttpUpstreamAuthSettings, type UpstreamSettings } from '../../shared/gateway-types.js';
import { plainHttpSignInProblem, signInServerUrlProblem, upstreamAuthProblems } from '../../shared/upstream-auth-rules.js';

/** Longest a call to an upstream may run before it ends with a timeout error. */
export const DEFAULT_CALL_TIMEOUT_MS = DEFAULT_UPSTREAM_CALL_TIMEOUT_MS;

/** Upstream names: lower-case letters, digits and `-`, at most 32 characters. */
export const UPSTREAM_NAME_PATTERN = UPSTREAM_NAME;

interface UpstreamCommon {
  readonly name: string;
  /** Per-call timeout in ms; {@link DEFAULT_CALL_TIMEOUT_MS} when absent. */
  readonly callTimeoutMs?: number;
}

export interface StdioUpstream extends UpstreamCommon {
  readonly kind: 'stdio';
  /** A program name looked up on the child's PATH, or a path to one. */
  readonly command: string;
  readonly args: readonly string[];
  /** The upstream's own variables (never a secret: those come from the keychain). */
  readonly env: Readonly<Record<string, string>>;
  /** Working folder of the child; the toolkit's own when absent. */
  readonly cwd?: string;
}

export interface HttpUpstream extends UpstreamCommon {
  readonly kind: 'http';
  readonly url: string;
  /** Sent on every request; a value may refer to a secret as `${secret:KEY}`. */
  readonly headers: Readonly<Record<string, string>>;
  /** OAuth sign-in settings (client ID, metadata document URL, scope); absent: detected on first contact, registered dynamically. */
  readonly auth?: Readonly<HttpUpstreamAuthSettings>;
}

export type UpstreamSpec = StdioUpstream | HttpUpstream;

/** What the gateway runs or reaches for a saved server: its settings without the switches and lists. */
export function specFromSettings(settings: UpstreamSettings): UpstreamSpec {
  const timeout = settings.callTimeoutMs !== undefined ? { callTimeoutMs: settings.callTimeoutMs } : {};
  if (settings.kind === 'http') {
    return { kind: 'http', name: settings.name, url: settings.url, headers: settings.headers, ...(settings.auth !== undefined ? { auth: settings.auth } : {}), ...timeout };
  }
  return {
    kind: 'stdio',
    name: settings.name,
    command: settings.command,
    args: settings.args,
    env: settings.env,
    ...(settings.cwd !== undefined ? { cwd: settings.cwd } : {}),
    ...timeout,
  };
}

/** Field (`name`, `command`, `url`, `env.FOO`, `headers.X-Key`…) → what is wrong with it. */
export type UpstreamSpecErrors = Record<string, string>;

export type UpstreamSpecValidation = { ok: true; spec: UpstreamSpec } | { ok: false; errors: UpstreamSpecErrors };

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** RFC 9110 `token`: the characters a header name may use. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const MAX_CALL_TIMEOUT_MS = 24 * 60 * 60 * 1000;

/** The call timeout of `spec`, with the default applied. */
export function callTimeoutOf(spec: UpstreamSpec): number {
  return spec.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
}

/** Why `name` is not a valid upstream name, or undefined when it is. */
export function upstreamNameProblem(name: string): string | undefined {
  if (UPSTREAM_NAME_PATTERN.test(name)) return undefined;
  return 'use 1 to 32 lower-case letters, digits or "-", starting with a letter or digit';
}

function httpUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'expected an http:// or https:// URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `expected an http:// or https:// URL, not ${parsed.protocol}//`;
  if (parsed.username !== '' || parsed.password !== '') return 'put credentials in a header (a secret), not in the URL';
  return undefined;
}

function hasLineBreak(text: string): boolean {
  return /[\r\n\0]/.test(text);
}

function checkCommon(spec: UpstreamSpec, errors: UpstreamSpecErrors): void {
  const nameProblem = upstreamNameProblem(spec.name);
  if (nameProblem !== undefined) errors.name = nameProblem;
  const timeout = spec.callTimeoutMs;
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 1 || timeout > MAX_CALL_TIMEOUT_MS)) {
    errors.callTimeoutMs = `expected a whole number of milliseconds from 1 to ${MAX_CALL_TIMEOUT_MS}`;
  }
}

function checkStdio(spec: StdioUpstream, errors: UpstreamSpecErrors): void {
  if (spec.command.trim() === '') errors.command = 'the command is empty';
  else if (spec.command.includes('\0')) errors.command = 'the command contains a NUL character';
  spec.args.forEach((arg, index) => {
    if (arg.includes('\0')) errors[`args.${index}`] = 'the argument contains a NUL character';
  });
  for (const [key, value] of Object.entries(spec.env)) {
    if (!ENV_NAME.test(key)) errors[`env.${key}`] = 'a variable name uses letters, digits and "_", not starting with a digit';
    else if (value.includes('\0')) errors[`env.${key}`] = 'the value contains a NUL character';
  }
  if (spec.cwd !== undefined && spec.cwd.trim() === '') errors.cwd = 'the working folder is empty';
}

function checkHttp(spec: HttpUpstream, errors: UpstreamSpecErrors): void {
  const urlProblem = httpUrlProblem(spec.url);
  if (urlProblem !== undefined) errors.url = urlProblem;
  for (const [key, value] of Object.entries(spec.headers)) {
    if (!HEADER_NAME.test(key)) errors[`headers.${key}`] = 'not a valid header name';
    else if (hasLineBreak(value)) errors[`headers.${key}`] = 'a header value is one line';
  }
  if (spec.auth === undefined) return;
  Object.assign(errors, upstreamAuthProblems(spec.auth));
  if (urlProblem === undefined) {
    const signInProblem = signInServerUrlProblem(spec.url);
    if (signInProblem !== undefined) errors.url = signInProblem;
  }
}

/** Whether `spec` sends a static `Authorization` header (a token the user set): a sign-in would replace it, so none is offered. */
export function hasStaticAuthorization(spec: HttpUpstream): boolean {
  return Object.keys(spec.headers).some((name) => name.toLowerCase() === 'authorization');
}

/**
 * Why the toolkit refuses to sign in to `spec` or send it a token, in the
 * user's words, or undefined: its URL is plain http on another computer, so
 * the tokens would travel unencrypted ("github wants a sign-in, but its URL is
 * plain http (…)…"). The one place the CLI, the UI and the gateway ask.
 */
export function plainHttpSignInRefusal(spec: HttpUpstream): string | undefined {
  const problem = plainHttpSignInProblem(spec.url);
  return problem === undefined ? undefined : `${spec.name} ${problem}`;
}

/**
 * Whether the toolkit signs in to `spec` with OAuth: a remote server without
 * a static `Authorization` header (a static one keeps working as before),
 * reached over https or on this computer (see {@link plainHttpSignInRefusal}).
 */
export function usesSignIn(spec: UpstreamSpec): spec is HttpUpstream {
  return spec.kind === 'http' && !hasStaticAuthorization(spec) && plainHttpSignInRefusal(spec) === undefined;
}

/**
 * Checks one upstream spec field by field and reports every problem at once.
 * It does not look at the file system (whether the command is on PATH is
 * `findCommand`'s question) nor at other upstreams (name uniqueness belongs
 * to the settings that hold the list).
 */
export function validateUpstreamSpec(spec: UpstreamSpec): UpstreamSpecValidation {
  const errors: UpstreamSpecErrors = {};
  checkCommon(spec, errors);
  if (spec.kind === 'stdio') checkStdio(spec, errors);
  else checkHttp(spec, errors);
  return Object.keys(errors).length === 0 ? { ok: true, spec } : { ok: false, errors };
}
