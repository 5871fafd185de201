import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { expectedText, fieldSpec, type SettingsFieldPath } from './fields.js';
import { isSecretLikeKey, SECRET_REFUSED } from './secrets.js';
import { AUTH_MODES, type Settings } from './types.js';
import { UPSTREAM_NAME } from '../../shared/gateway-types.js';
import { clientIdProblem, clientMetadataUrlProblem, issuerUrlProblem, scopeListProblem } from '../../shared/upstream-auth-rules.js';
import {
  checkBaseUrl,
  checkBindHost,
  checkHostHeader,
  checkHttpUrl,
  checkJwksUri,
  checkLoopbackRedirectUri,
  checkOriginSetting,
  checkScope,
  checkToken,
  INVALID,
  normaliseBaseUrl,
  normaliseOrigin,
  unbracket,
  type Verdict,
} from './values.js';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8000;
/** Rate limiting is off unless a positive rate is configured. */
export const DEFAULT_RATE_LIMIT_RPS = 0;
/**
 * Default burst (token-bucket capacity): a fixed 20, whatever the rate. An
 * agent typically fires a handful of tool calls at once and then idles, so a
 * fixed allowance serves both slow and fast rates; the long-run rate is still
 * `rps`. A fixed number also means saving the settings never freezes a value
 * that was derived from an older rate.
 */
export const DEFAULT_RATE_LIMIT_BURST = 20;

/** A fresh copy of the defaults (lists are new arrays each call). */
export function defaultSettings(): Settings {
  return {
    host: DEFAULT_HOST,
    port: DEFAULT_PORT,
    auth: 'none',
    oauth: { requiredScopes: [] },
    rateLimit: { rps: DEFAULT_RATE_LIMIT_RPS, burst: DEFAULT_RATE_LIMIT_BURST },
    sharedFolders: [],
    allowedHosts: [],
    allowedOrigins: [],
    servers: [],
  };
}

/** Marks an issue whose message is specific and replaces the field's "expected …" text. */
const EXPLAINED = { explain: true } as const;

function textRule(check: (text: string) => Verdict) {
  return z.string().superRefine((text, ctx) => {
    const verdict = check(text);
    if (verdict === INVALID) ctx.addIssue({ code: 'custom', message: 'invalid' });
    else if (verdict !== undefined) ctx.addIssue({ code: 'custom', message: verdict, params: EXPLAINED });
  });
}

/** An optional text setting where `""` and `null` mean "unset" (how forms and JSON clear a field). */
function optionalText<T extends z.ZodType<string | undefined>>(schema: T) {
  return z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional());
}

const fields = {
  host: textRule(checkBindHost).transform(unbracket),
  port: z.int().min(0).max(65535),
  auth: z.enum(AUTH_MODES),
  rps: z.number().min(0).max(1_000_000),
  burst: z.int().min(1).max(1_000_000),
  issuer: optionalText(textRule(checkHttpUrl)),
  audience: optionalText(textRule(checkToken)),
  jwksUri: optionalText(textRule(checkJwksUri)),
  clientId: optionalText(textRule(checkToken)),
  redirectUri: optionalText(textRule(checkLoopbackRedirectUri)),
  requiredScopes: z.array(textRule(checkScope)),
  sharedFolders: z.array(z.string().refine((folder) => isAbsolute(folder))),
  allowedHosts: z.array(textRule(checkHostHeader).transform((host) => host.toLowerCase())),
  allowedOrigins: z.array(textRule(checkOriginSetting).transform(normaliseOrigin)),
  publicBaseUrl: optionalText(textRule(checkBaseUrl).transform(normaliseBaseUrl)),
};

/** Environment variable and secret names: what every shell accepts. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
/** HTTP header names (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/;

const upstreamCommon = {
  name: z.string().regex(UPSTREAM_NAME, 'lower-case letters, digits and "-", starting with a letter or digit, at most 32 characters'),
  enabled: z.boolean().default(true),
  secrets: z.array(z.string().regex(ENV_NAME, 'a secret name is letters, digits and "_"')).default([]),
  disabledTools: z.array(z.string().min(1).max(256)).default([]),
  callTimeoutMs: z.int().min(1_000).max(3_600_000).optional(),
};

/** A remote server's OAuth sign-in settings (`servers.auth.clientId`…), each field judged by the shared rules. */
const upstreamAuthSchema = z.strictObject({
  clientId: optionalText(textRule(clientIdProblem)),
  clientMetadataUrl: optionalText(textRule(clientMetadataUrlProblem)),
  scope: optionalText(textRule(scopeListProblem)),
  issuer: optionalText(textRule(issuerUrlProblem)),
});

const upstreamSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...upstreamCommon,
    kind: z.literal('stdio'),
    command: z.string().trim().min(1, 'a command is required'),
    args: z.array(z.string()).default([]),
    env: z.record(z.string().regex(ENV_NAME, 'a variable name is letters, digits and "_"'), z.string()).default({}),
    cwd: optionalText(z.string().refine((folder) => isAbsolute(folder), 'an absolute folder')),
  }),
  z.strictObject({
    ...upstreamCommon,
    kind: z.literal('http'),
    url: textRule(checkHttpUrl),
    headers: z.record(z.string().regex(HEADER_NAME, 'a header name'), z.string().refine((value) => !/[\r\n]/.test(value), 'one line')).default({}),
    auth: upstreamAuthSchema.optional(),
  }),
]);

/** The upstream servers: each valid on its own, names unique. */
const serversSchema = z.array(upstreamSchema).superRefine((servers, ctx) => {
  const seen = new Set<string>();
  for (const server of servers) {
    if (seen.has(server.name)) ctx.addIssue({ code: 'custom', message: `two servers are named "${server.name}"`, params: EXPLAINED });
    seen.add(server.name);
  }
});

const oauthShape = {
  issuer: fields.issuer,
  audience: fields.audience,
  jwksUri: fields.jwksUri,
  requiredScopes: fields.requiredScopes,
  clientId: fields.clientId,
  redirectUri: fields.redirectUri,
};
const rateLimitShape = { rps: fields.rps, burst: fields.burst };
const topShape = {
  host: fields.host,
  port: fields.port,
  auth: fields.auth,
  sharedFolders: fields.sharedFolders,
  allowedHosts: fields.allowedHosts,
  allowedOrigins: fields.allowedOrigins,
  publicBaseUrl: fields.publicBaseUrl,
  servers: serversSchema,
};

/**
 * Complete settings as saved: every field present, unknown keys refused (which
 * is also how an `apiKey` or token field is refused). Cross-field rules are
 * separate (`crossFieldProblems`) because a file may rely on the environment
 * to complete it.
 */
export const settingsSchema = z.strictObject({
  ...topShape,
  oauth: z.strictObject(oauthShape),
  rateLimit: z.strictObject(rateLimitShape),
});

/** Any subset of the settings, unknown keys dropped: what a settings file may hold. */
export const settingsLayerSchema = z.object({
  ...z.object(topShape).partial().shape,
  oauth: z.object(oauthShape).partial().optional(),
  rateLimit: z.object(rateLimitShape).partial().optional(),
});

/** Key names each level of the settings knows, for spotting unknown keys. */
export const KNOWN_KEYS = {
  '': new Set([...Object.keys(topShape), 'oauth', 'rateLimit']),
  oauth: new Set(Object.keys(oauthShape)),
  rateLimit: new Set(Object.keys(rateLimitShape)),
} as const;

export interface FieldProblem {
  readonly path: SettingsFieldPath;
  readonly message: string;
}

/** The fields the cross-field rules read, loosely typed so unchecked input can be judged too. */
export interface CrossFieldInput {
  readonly auth?: unknown;
  readonly oauth?: { readonly issuer?: unknown; readonly audience?: unknown } | null;
}

/** Rules that join fields: OAuth mode needs an issuer and an audience to validate tokens (RFC 9068 section 4). */
export function crossFieldProblems(settings: CrossFieldInput): FieldProblem[] {
  if (settings.auth !== 'oauth') return [];
  const problems: FieldProblem[] = [];
  if (!settings.oauth?.issuer) problems.push({ path: 'oauth.issuer', message: 'required when auth is oauth' });
  if (!settings.oauth?.audience) problems.push({ path: 'oauth.audience', message: 'required when auth is oauth' });
  return problems;
}

/** Dotted field path of an issue; list indexes are dropped (`sharedFolders.2` → `sharedFolders`). */
function fieldPathOf(path: readonly PropertyKey[]): string {
  return path.filter((part) => typeof part === 'string').join('.');
}

function messageFor(issue: z.core.$ZodIssue, path: string, asText: boolean): string {
  if (issue.code === 'custom' && issue.params?.explain === true) return issue.message;
  const spec = fieldSpec(path);
  if (spec) return expectedText(spec, asText);
  if (issue.code === 'invalid_type' && issue.expected === 'object') return 'expected an object';
  return issue.message;
}

/**
 * One message per field path, first problem wins. Unknown keys are reported
 * at their own path: as a secret when the name looks like one, else as not a setting.
 * `asText` phrases list fields as written in one variable ("separated by …").
 */
export function messagesByField(issues: readonly z.core.$ZodIssue[], asText = false): Record<string, string> {
  const messages: Record<string, string> = {};
  const add = (path: string, message: string) => {
    messages[path] ??= message;
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = fieldPathOf([...issue.path, key]);
        add(path, isSecretLikeKey(key) ? SECRET_REFUSED : 'is not a setting');
      }
      continue;
    }
    const path = fieldPathOf(issue.path);
    add(path, messageFor(issue, path, asText));
  }
  return messages;
}
