import { createKeychainStore, type SecretStore } from '../../core/keychain/index.js';
import { loadSession, summarizeSession, type SessionSummary } from '../../core/login/index.js';
import type { Command } from '../command.js';
import { reportLoginFailure } from './login.js';

export interface WhoamiCommandDeps {
  readonly openStore?: () => SecretStore;
  readonly now?: () => number;
}

/** `mcp-toolkit whoami`: who is signed in, where, until when; never a token. */
export function createWhoamiCommand(deps: WhoamiCommandDeps = {}): Command {
  const openStore = deps.openStore ?? (() => createKeychainStore());
  const now = deps.now ?? Date.now;
  return {
    name: 'whoami',
    summary: 'Show the signed-in subject, issuer and token expiry (no secrets)',
    help: `Usage: mcp-toolkit whoami [--issuer URL] [--json]

Shows the stored sign-in without printing any token: subject, issuer, client
id, scope, resource and when the access token expires. The subject comes from
the ID token's claims (validated at sign-in) or, without an ID token, from the
access token's "sub" decoded without verification: it is for display only and
proves nothing. Nothing is sent to the issuer.

Options:
  --issuer URL   which sign-in to show (default: the last one)
  --json         print the same as one JSON object`,
    options: { issuer: { type: 'string' }, json: { type: 'boolean' } },
    async run({ values }, io) {
      try {
        const session = await loadSession(openStore(), typeof values.issuer === 'string' ? values.issuer : undefined);
        const summary = summarizeSession(session);
        io.stdout.write(values.json === true ? `${JSON.stringify(summary)}\n` : formatSummary(summary, now()));
        return 0;
      } catch (error) {
        return reportLoginFailure(error, io, 'whoami');
      }
    },
  };
}

export const whoamiCommand = createWhoamiCommand();

/** Human-readable lines for `whoami`. */
export function formatSummary(summary: SessionSummary, now: number): string {
  const source = summary.subjectSource === 'id_token' ? ' (from the ID token)' : ' (from the access token, unverified)';
  const lines: [string, string | undefined][] = [
    ['subject', summary.subject ? `${summary.subject}${source}` : 'unknown (no ID token, opaque access token)'],
    ['issuer', summary.issuer],
    ['client', summary.clientId],
    ['expires', summary.expiresAt === undefined ? 'unknown' : describeExpiry(summary.expiresAt, now, summary.hasRefreshToken)],
    ['scope', summary.scope],
    ['resource', summary.resource],
  ];
  return lines
    .filter((line): line is [string, string] => line[1] !== undefined)
    .map(([label, value]) => `${`${label}:`.padEnd(10)}${value}\n`)
    .join('');
}

function describeExpiry(expiresAt: number, now: number, canRefresh: boolean): string {
  const at = new Date(expiresAt).toISOString();
  const minutes = Math.round(Math.abs(expiresAt - now) / 60_000);
  if (expiresAt > now) return `${at} (in ${minutes} min)`;
  const next = canRefresh ? '`mcp-toolkit token` will refresh it' : 'run `mcp-toolkit login` again';
  return `${at} (expired ${minutes} min ago; ${next})`;
}
