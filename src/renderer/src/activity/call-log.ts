/** Pure rules of the Activity call log: merging batches by sequence number, and filtering. */
import type { CallView } from '../../../shared/view-types.js';

/** Calls the renderer keeps, as the server does. */
export const CALL_LOG_LIMIT = 5_000;

/**
 * `kept` and `incoming` (both oldest first) as one list ordered by `seq`,
 * each call once, the newest `limit` kept. The usual case (a batch of newer
 * calls) is one concatenation; a snapshot that overlaps is merged. Returns
 * `kept` itself when nothing is new, so a store does not re-render.
 */
export function mergeCalls(kept: readonly CallView[], incoming: readonly CallView[], limit = CALL_LOG_LIMIT): readonly CallView[] {
  if (incoming.length === 0) return kept;
  const lastKept = kept.at(-1)?.seq ?? 0;
  let merged: CallView[];
  if (incoming[0]!.seq > lastKept) {
    merged = kept.concat(incoming);
  } else {
    merged = [];
    let i = 0;
    let j = 0;
    while (i < kept.length || j < incoming.length) {
      const a = kept[i];
      const b = incoming[j];
      if (b === undefined || (a !== undefined && a.seq < b.seq)) merged.push(kept[i++]!);
      else if (a === undefined || b.seq < a.seq) merged.push(incoming[j++]!);
      else {
        merged.push(kept[i++]!);
        j++;
      }
    }
    if (merged.length === kept.length) return kept;
  }
  return merged.length > limit ? merged.slice(merged.length - limit) : merged;
}

/** What the status filter can pick. */
export const STATUS_FILTERS = ['all', 'ok', 'failed', '401', '403', '429'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface CallFilter {
  /** Exact client label, or '' for every client. */
  readonly client: string;
  /** Exact tool name, or '' for every call (calls that are not tool calls included). */
  readonly tool: string;
  readonly status: StatusFilter;
}

export const NO_FILTER: CallFilter = { client: '', tool: '', status: 'all' };

/** A call that failed: refused or failed at HTTP level, or a tool call that came back as an error. */
export function callFailed(call: CallView): boolean {
  return call.status >= 400 || call.outcome === 'tool_error' || call.outcome === 'rpc_error';
}

function matchesStatus(call: CallView, status: StatusFilter): boolean {
  switch (status) {
    case 'all':
      return true;
    case 'ok':
      return !callFailed(call);
    case 'failed':
      return callFailed(call);
    default:
      return call.status === Number(status);
  }
}

/** The calls that pass `filter`, newest first (as the log shows them). */
export function filterCalls(calls: readonly CallView[], filter: CallFilter): CallView[] {
  const shown: CallView[] = [];
  for (let i = calls.length - 1; i >= 0; i--) {
    const call = calls[i]!;
    if (filter.client !== '' && call.client !== filter.client) continue;
    if (filter.tool !== '' && call.tool !== filter.tool) continue;
    if (matchesStatus(call, filter.status)) shown.push(call);
  }
  return shown;
}

/** Distinct clients and tools seen in `calls`, sorted, for the filter choices. */
export function filterChoices(calls: readonly CallView[]): { clients: string[]; tools: string[] } {
  const clients = new Set<string>();
  const tools = new Set<string>();
  for (const call of calls) {
    clients.add(call.client);
    if (call.tool !== null) tools.add(call.tool);
  }
  return { clients: [...clients].sort(), tools: [...tools].sort() };
}
