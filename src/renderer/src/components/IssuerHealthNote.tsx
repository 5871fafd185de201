import type { IssuerHealth } from '../../../shared/view-types.js';
import { formatTime } from '../format.js';

const REACH_LABELS = { ok: 'reachable', failed: 'cannot be reached', unknown: 'not tried yet', not_needed: 'not needed (JWKS URI set)' } as const;

/** One sentence on whether tokens can be checked, for the server card in oauth mode. */
export function issuerHealthSummary(health: IssuerHealth): { readonly tone: 'ok' | 'error' | 'pending'; readonly text: string } {
  const reason = health.lastError ?? 'no answer';
  if (health.state === 'ok') return { tone: 'ok', text: 'The issuer is reachable: tokens are checked against its signing keys.' };
  if (health.state === 'unknown') return { tone: 'pending', text: 'Contacting the issuer for its signing keys…' };
  if (health.lastKeyFetchAt === undefined) {
    return { tone: 'error', text: `Running, but every token will be refused: cannot reach the issuer (${reason}). Retrying in the background.` };
  }
  return {
    tone: 'error',
    text: `The issuer cannot be reached now (${reason}); tokens signed with the keys fetched at ${formatTime(health.lastKeyFetchAt)} are still accepted. Retrying in the background.`,
  };
}

/** Whether an oauth-mode server can check tokens: reachability of discovery and JWKS, last key fetch, last error. */
export function IssuerHealthNote({ health }: { health: IssuerHealth }) {
  const summary = issuerHealthSummary(health);
  return (
    <div className="issuer-health" aria-label="Issuer">
      <p className={summary.tone === 'error' ? 'note note--error' : 'note'} role="status">
        {summary.text}
      </p>
      <dl className="facts">
        <dt>Discovery</dt>
        <dd>{REACH_LABELS[health.discovery]}</dd>
        <dt>Signing keys (JWKS)</dt>
        <dd>{REACH_LABELS[health.jwks]}</dd>
        <dt>Last key fetch</dt>
        <dd>{health.lastKeyFetchAt === undefined ? 'never' : formatTime(health.lastKeyFetchAt)}</dd>
        {health.lastError !== undefined && (
          <>
            <dt>Last error</dt>
            <dd>{health.lastError}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
