import type { UpstreamCallCount, UpstreamLatency } from '../../../shared/view-types.js';

/** Outcomes other than success, in words. */
const OUTCOME_WORDS: Readonly<Record<string, string>> = {
  tool_error: 'tool error',
  error: 'failed',
  timeout: 'timed out',
  cancelled: 'cancelled',
  unavailable: 'server not running',
};

/** `1 tool error, 2 timed out`: what the errors were, in plain words. */
export function errorBreakdown(row: UpstreamCallCount): string {
  return Object.entries(row.byOutcome)
    .filter(([outcome, count]) => outcome !== 'ok' && count > 0)
    .map(([outcome, count]) => `${count} ${OUTCOME_WORDS[outcome] ?? outcome}`)
    .join(', ');
}

export function formatLatency(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Calls agents made through the gateway to each upstream tool: successes and errors. */
export function UpstreamCallsTable({ rows, latency }: { rows: readonly UpstreamCallCount[]; latency: readonly UpstreamLatency[] }) {
  return (
    <div className="table-wrap upstream-calls">
      <table>
        <caption>Calls to upstream servers</caption>
        <thead>
          <tr>
            <th scope="col">Server</th>
            <th scope="col">Tool</th>
            <th scope="col" className="numeric">Successes</th>
            <th scope="col" className="numeric">Errors</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={4} className="muted">
                No upstream calls yet.
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={`${row.server}\u0000${row.tool}`}>
                <th scope="row">{row.server}</th>
                <td className="code">{row.tool}</td>
                <td className="numeric">{row.ok}</td>
                <td className="numeric">
                  {row.errors}
                  {row.errors > 0 && <span className="upstream-calls__why"> ({errorBreakdown(row)})</span>}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      {latency.length > 0 && (
        <p className="note">
          Mean call time: {latency.map((entry) => `${entry.server} ${formatLatency(entry.meanLatencyMs)}`).join(' · ')}
        </p>
      )}
    </div>
  );
}
