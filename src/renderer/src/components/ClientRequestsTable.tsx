import type { ClientRequestCount } from '../../../shared/view-types.js';

/** Requests admitted per client: each agent's own API key name (or OAuth subject, or address). */
export function ClientRequestsTable({ rows }: { rows: readonly ClientRequestCount[] }) {
  if (rows.length === 0) return <p className="empty">No requests admitted yet.</p>;
  return (
    <table className="client-requests">
      <caption>Requests by client</caption>
      <thead>
        <tr>
          <th scope="col">Client</th>
          <th scope="col" className="numeric">
            Requests
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.client}>
            <th scope="row">{row.client}</th>
            <td className="numeric">{row.requests}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
