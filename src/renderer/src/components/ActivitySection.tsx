import type { ActivityView, RejectionCounts } from '../../../shared/view-types.js';
import { formatTime } from '../format.js';
import { useAppStore } from '../stores-context.js';
import { chartGeometry } from './chart-geometry.js';
import { Section } from './Field.js';
import { ClientRequestsTable } from './ClientRequestsTable.js';
import { UpstreamCallsTable } from './UpstreamCallsTable.js';

const MAX_ROWS = 50;
const BOX = { width: 600, height: 160, padding: 16 };

export function ActivitySection() {
  const view = useAppStore((s) => s.activity, (state) => state.view);
  return (
    <Section id="activity" title="Activity">
      {view ? (
        <>
          <div className="counters">
            <Counter id="count-401" title="401 Unauthorized" counts={view.unauthorized} tone="unauthorized" />
            <Counter id="count-429" title="429 Rate limited" counts={view.rateLimited} tone="rate-limited" />
          </div>
          <ActivityChart view={view} />
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

function Counter({ id, title, counts, tone }: { id: string; title: string; counts: RejectionCounts; tone: string }) {
  const reasons = Object.entries(counts.byReason).sort((a, b) => b[1] - a[1]);
  return (
    <div className={`counter counter--${tone}`} role="group" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <p className="counter__value" aria-label={`${title} count`}>
        {counts.total}
      </p>
      {reasons.length > 0 && (
        <ul className="reasons" aria-label={`${title} reasons`}>
          {reasons.map(([reason, count]) => (
            <li key={reason}>
              <span className="code">{reason}</span> <span>{count}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ActivityChart({ view }: { view: ActivityView }) {
  const geometry = chartGeometry(view.series, BOX);
  const minutes = Math.round(view.windowMs / 60_000);
  const label = `401 and 429 responses per minute over the last ${minutes} minutes; peak ${geometry.max} per minute.`;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${BOX.width} ${BOX.height}`} role="img" aria-label={label} preserveAspectRatio="none">
        <line className="chart__axis" x1={BOX.padding} y1={BOX.height - BOX.padding} x2={BOX.width - BOX.padding} y2={BOX.height - BOX.padding} />
        <line className="chart__grid" x1={BOX.padding} y1={BOX.padding} x2={BOX.width - BOX.padding} y2={BOX.padding} />
        <polyline className="chart__line chart__line--unauthorized" points={geometry.unauthorized} />
        <polyline className="chart__line chart__line--rate-limited" points={geometry.rateLimited} />
      </svg>
      <figcaption className="chart__legend">
        <span className="legend legend--unauthorized">401</span>
        <span className="legend legend--rate-limited">429</span>
        <span className="muted">last {minutes} minutes · top = {geometry.max}/min</span>
      </figcaption>
    </figure>
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
                <td className="code">{row.reason}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
