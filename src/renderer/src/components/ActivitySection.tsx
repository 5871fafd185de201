import type { ActivityView, RejectionCounts } from '../../../shared/view-types.js';
import { reasonInWords } from '../activity/reason-words.js';
import { formatTime } from '../format.js';
import { useAppStore } from '../stores-context.js';
import { ActivityChart } from './ActivityChart.js';
import { CallLogTable } from './CallLogTable.js';
import { Section } from './Field.js';
import { ClientRequestsTable } from './ClientRequestsTable.js';
import { UpstreamCallsTable } from './UpstreamCallsTable.js';

const MAX_ROWS = 50;

export function ActivitySection() {
  const view = useAppStore((s) => s.activity, (state) => state.view);
  return (
    <Section id="activity" title="Activity">
      {view ? (
        <>
          <div className="counters">
            <Counter id="count-ok" title="Succeeded" total={view.succeeded} tone="succeeded" />
            <Counter id="count-401" title="401 Unauthorized" total={view.unauthorized.total} reasons={view.unauthorized} tone="unauthorized" />
            <Counter id="count-403" title="403 Forbidden" total={view.forbidden.total} reasons={view.forbidden} tone="forbidden" />
            <Counter id="count-429" title="429 Rate limited" total={view.rateLimited.total} reasons={view.rateLimited} tone="rate-limited" />
          </div>
          <ActivityChart series={view.series} />
          <CallLogTable />
          <RecentRejections view={view} />
          <ClientRequestsTable rows={view.clientRequests} />
          <UpstreamCallsTable rows={view.upstreamCalls} latency={view.upstreamLatency} />
        </>
      ) : (
        <p>Loading…</p>
      )}
    </Section>
  );
}

function Counter({ id, title, total, reasons, tone }: { id: string; title: string; total: number; reasons?: RejectionCounts; tone: string }) {
  const byReason = Object.entries(reasons?.byReason ?? {}).sort((a, b) => b[1] - a[1]);
  return (
    <div className={`counter counter--${tone}`} role="group" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <p className="counter__value" aria-label={`${title} count`}>
        {total}
      </p>
      {byReason.length > 0 && (
        <ul className="reasons" aria-label={`${title} reasons`}>
          {byReason.map(([reason, count]) => (
            <li key={reason}>
              <Reason code={reason} /> <span>{count}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A refusal code in plain words; the code itself is the tooltip. */
export function Reason({ code }: { code: string }) {
  return (
    <span className="reason" title={code}>
      {reasonInWords(code)}
    </span>
  );
}

function RecentRejections({ view }: { view: ActivityView }) {
  const rows = view.recent.slice(0, MAX_ROWS);
  return (
    <div className="table-wrap">
      <table>
        <caption>Recent rejections</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Status</th>
            <th scope="col">Client</th>
            <th scope="col">Path</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={5} className="muted">
                No rejected requests.
              </td>
            </tr>
          ) : (
            rows.map((row, index) => (
              <tr key={`${row.time}-${index}`}>
                <td>{formatTime(row.time)}</td>
                <td>{row.status}</td>
                <td className="code">{row.client}</td>
                <td className="code">{row.path}</td>
                <td>
                  <Reason code={row.reason} />
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
