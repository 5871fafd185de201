import { useMemo } from 'react';
import type { CallView } from '../../../shared/view-types.js';
import { callFailed, filterCalls, filterChoices, STATUS_FILTERS, type CallFilter, type StatusFilter } from '../activity/call-log.js';
import { reasonInWords } from '../activity/reason-words.js';
import { formatTime } from '../format.js';
import { useAppStore, useStores } from '../stores-context.js';
import { VirtualList } from './VirtualList.js';

export const CALL_ROW_HEIGHT = 28;
export const CALL_LOG_HEIGHT = 336;

const STATUS_LABELS: Record<StatusFilter, string> = {
  all: 'All',
  ok: 'Succeeded',
  failed: 'Failed',
  '401': '401 Unauthorized',
  '403': '403 Forbidden',
  '429': '429 Rate limited',
};
const OUTCOME_WORDS = { ok: '', tool_error: 'tool error', rpc_error: 'error' } as const;
const COLUMNS = ['Time', 'Client', 'Method', 'Tool', 'Status', 'Latency', 'Reason'];

export function formatLatency(ms: number): string {
  if (ms >= 1_000) return `${(ms / 1_000).toFixed(ms >= 10_000 ? 0 : 1)} s`;
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** The live call log: every request the server answered, newest first, filtered by client, tool and status. */
export function CallLogTable() {
  const calls = useAppStore((s) => s.activity, (state) => state.calls);
  const filter = useAppStore((s) => s.activity, (state) => state.filter);
  const shown = useMemo(() => filterCalls(calls, filter), [calls, filter]);
  return (
    <div className="call-log">
      <h3 id="call-log-title">Calls</h3>
      <CallFilters calls={calls} filter={filter} />
      <p className="muted call-log__count" aria-live="polite">
        {shown.length === calls.length ? `${calls.length} calls (the last ${calls.length >= 5_000 ? '5,000' : calls.length} kept)` : `${shown.length} of ${calls.length} calls`}
      </p>
      <div role="table" aria-labelledby="call-log-title" aria-rowcount={shown.length + 1} className="call-log__table">
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} className="call-log__row call-log__head">
            {COLUMNS.map((column) => (
              <span key={column} role="columnheader">
                {column}
              </span>
            ))}
          </div>
        </div>
        {shown.length === 0 ? (
          <p className="muted call-log__empty">{calls.length === 0 ? 'No calls yet.' : 'No call matches these filters.'}</p>
        ) : (
          <VirtualList
            label="Calls, newest first"
            count={shown.length}
            rowHeight={CALL_ROW_HEIGHT}
            height={CALL_LOG_HEIGHT}
            rowKey={(index) => shown[index]!.seq}
            rowClassName={(index) => (callFailed(shown[index]!) ? 'call-log__row call-log__row--failed' : 'call-log__row')}
            renderRow={(index) => <CallCells call={shown[index]!} />}
          />
        )}
      </div>
    </div>
  );
}

function CallCells({ call }: { call: CallView }) {
  const outcome = call.outcome ? OUTCOME_WORDS[call.outcome] : '';
  return (
    <>
      <span role="cell">{formatTime(call.time)}</span>
      <span role="cell" className="code" title={call.client}>
        {call.client}
      </span>
      <span role="cell" className="code" title={call.method ?? `${call.httpMethod} ${call.path}`}>
        {call.method ?? `${call.httpMethod} ${call.path}`}
      </span>
      <span role="cell" className="code" title={call.server ? `${call.tool} on upstream server ${call.server}` : (call.tool ?? '')}>
        {call.tool}
        {call.server && <span className="muted"> · {call.server}</span>}
      </span>
      <span role="cell">
        {call.status}
        {outcome && <span className="call-log__outcome"> {outcome}</span>}
      </span>
      <span role="cell">{formatLatency(call.latencyMs)}</span>
      <span role="cell" title={call.reason ?? ''}>
        {call.reason ? reasonInWords(call.reason) : ''}
      </span>
    </>
  );
}

function CallFilters({ calls, filter }: { calls: readonly CallView[]; filter: CallFilter }) {
  const { activity } = useStores();
  const choices = useMemo(() => filterChoices(calls), [calls]);
  const setFilter = activity.getState().setFilter;
  return (
    <div className="call-log__filters">
      <label>
        Client{' '}
        <select value={filter.client} onChange={(event) => setFilter({ client: event.target.value })}>
          <option value="">All clients</option>
          {withSelected(choices.clients, filter.client).map((client) => (
            <option key={client} value={client}>
              {client}
            </option>
          ))}
        </select>
      </label>
      <label>
        Tool{' '}
        <select value={filter.tool} onChange={(event) => setFilter({ tool: event.target.value })}>
          <option value="">All calls</option>
          {withSelected(choices.tools, filter.tool).map((tool) => (
            <option key={tool} value={tool}>
              {tool}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status{' '}
        <select value={filter.status} onChange={(event) => setFilter({ status: event.target.value as StatusFilter })}>
          {STATUS_FILTERS.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/** The choices, plus the selected one should its calls have left the log. */
function withSelected(choices: string[], selected: string): string[] {
  return selected === '' || choices.includes(selected) ? choices : [selected, ...choices];
}
