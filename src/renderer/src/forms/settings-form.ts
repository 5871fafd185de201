/**
 * The settings forms as text fields → a settings patch, with the checks a
 * form can make before sending (numbers that are not numbers). The backend
 * validates everything again, field by field, and saves all or nothing.
 */
import { oauthUrlProblems } from '../../../shared/oauth-url-rules.js';
import type { AuthMode, Settings, SettingsPatch } from '../../../shared/view-types.js';

export interface FormResult {
  readonly patch: SettingsPatch;
  /** Field path → message; empty when the patch may be sent. */
  readonly errors: Record<string, string>;
}

export interface ServerForm {
  readonly host: string;
  readonly port: string;
}

export interface AuthForm {
  readonly auth: AuthMode;
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUri: string;
  readonly clientId: string;
  readonly redirectUri: string;
}

export interface RateLimitForm {
  readonly rps: string;
  readonly burst: string;
}

const WHOLE_NUMBER = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

export function serverFormFrom(settings: Settings): ServerForm {
  return { host: settings.host, port: String(settings.port) };
}

export function authFormFrom(settings: Settings): AuthForm {
  const { oauth } = settings;
  return {
    auth: settings.auth,
    issuer: oauth.issuer ?? '',
    audience: oauth.audience ?? '',
    jwksUri: oauth.jwksUri ?? '',
    clientId: oauth.clientId ?? '',
    redirectUri: oauth.redirectUri ?? '',
  };
}

export function rateLimitFormFrom(settings: Settings): RateLimitForm {
  return { rps: String(settings.rateLimit.rps), burst: String(settings.rateLimit.burst) };
}

export function serverFormPatch(form: ServerForm): FormResult {
  const errors: Record<string, string> = {};
  const host = form.host.trim();
  if (host === '') errors.host = 'Enter a host, e.g. 127.0.0.1.';
  const port = form.port.trim();
  if (!WHOLE_NUMBER.test(port) || Number(port) > 65535) errors.port = 'Enter a whole number from 0 to 65535.';
  return { patch: { host, port: Number(port) }, errors };
}

/** Empty optional fields clear the saved value (`null`), so a field can be emptied. */
export function authFormPatch(form: AuthForm): FormResult {
  const text = (value: string) => (value.trim() === '' ? null : value.trim());
  return {
    patch: {
      auth: form.auth,
      oauth: {
        issuer: text(form.issuer),
        audience: text(form.audience),
        jwksUri: text(form.jwksUri),
        clientId: text(form.clientId),
        redirectUri: text(form.redirectUri),
      },
    },
    // In oauth mode, an issuer or JWKS URI the server would refuse is refused at its field before sending.
    errors: form.auth === 'oauth' ? oauthUrlProblems(form.issuer, form.jwksUri) : {},
  };
}

export function rateLimitFormPatch(form: RateLimitForm): FormResult {
  const errors: Record<string, string> = {};
  const rps = form.rps.trim();
  const burst = form.burst.trim();
  if (!DECIMAL.test(rps)) errors['rateLimit.rps'] = 'Enter a number of requests per second (0 turns the limit off).';
  if (!WHOLE_NUMBER.test(burst) || Number(burst) < 1) errors['rateLimit.burst'] = 'Enter a whole number of at least 1.';
  return { patch: { rateLimit: { rps: Number(rps), burst: Number(burst) } }, errors };
}
