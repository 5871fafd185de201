/**
 * How the tray and the UI name an upstream's state, in words (never by colour
 * alone): `running`, `starting`, `crashed`, `disabled`, `stopped`,
 * `needs sign-in`, or `needs approval` when it runs but withholds changed tools.
 */
import type { UpstreamView } from './gateway-types.js';

export type UpstreamStatus = Exclude<UpstreamView['state'], 'needs-sign-in'> | 'needs sign-in' | 'needs approval';

export function upstreamStatus(view: Pick<UpstreamView, 'state' | 'needsApproval'>): UpstreamStatus {
  if (view.state === 'needs-sign-in') return 'needs sign-in';
  return view.state === 'running' && view.needsApproval ? 'needs approval' : view.state;
}

/** Tools agents can call now: switched on and not withheld for approval. */
export function servedToolCount(view: Pick<UpstreamView, 'tools'>): number {
  return view.tools.filter((tool) => tool.enabled && !tool.needsApproval).length;
}

/** `github — running (12 tools)`, `fs — crashed`, `x — needs approval`. */
export function upstreamSummary(view: Pick<UpstreamView, 'name' | 'state' | 'needsApproval' | 'tools'>): string {
  const status = upstreamStatus(view);
  if (status !== 'running') return `${view.name} — ${status}`;
  const count = servedToolCount(view);
  return `${view.name} — running (${count} ${count === 1 ? 'tool' : 'tools'})`;
}
