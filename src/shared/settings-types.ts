/**
 * The settings as the UI sees them. The renderer's TypeScript project cannot
 * reach `src/core`, so this mirrors `src/core/config/types.ts`; a type test in
 * `src/core/app/settings-mirror.test.ts` fails the build if the two drift.
 */

export const AUTH_MODES = ['none', 'api_key', 'oauth'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

export interface OAuthSettings {
  issuer?: string;
  audience?: string;
  jwksUri?: string;
  requiredScopes: string[];
  clientId?: string;
  redirectUri?: string;
}

export interface Settings {
  host: string;
  port: number;
  auth: AuthMode;
  oauth: OAuthSettings;
  rateLimit: { rps: number; burst: number };
  sharedFolders: string[];
  allowedHosts: string[];
  allowedOrigins: string[];
  publicBaseUrl?: string;
}
