import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ActivityView } from '../../../shared/view-types.js';
import type { CallFilter } from '../activity/call-log.js';
import { createAppStores } from '../stores/index.js';
import { StoresProvider } from '../stores-context.js';
import { batchOf, callView, EMPTY_ACTIVITY } from '../testing/activity-fixtures.js';
import { FakeBackend, settle } from '../testing/fake-backend.js';
import { ActivitySection } from './ActivitySection.js';
import { CALL_LOG_HEIGHT, CALL_ROW_HEIGHT, formatLatency } from './CallLogTable.js';
import { visibleRange } from './VirtualList.js';

/** Renders the Activity section from a snapshot and the batches after it (static rendering reads the loaded state). */
async function render(snapshot: ActivityView, batches: ActivityView[] = [], filter?: Partial<CallFilter>) {
  const fake = new FakeBackend().answer('activity.getSnapshot', () => snapshot);
  const stores = createAppStores(fake.api);
  stores.activity.getState().connect();
  await settle();
  for (const batch of batches) fake.emit('activity.batch', batch);
  if (filter) stores.activity.getState().setFilter(filter);
  const loaded = { ...stores, activity: { ...stores.activity, getInitialState: stores.activity.getState } };
  return renderToStaticMarkup(
    <StoresProvider stores={loaded}>
      <ActivitySection />
    </StoresProvider>,
  );
}

const rowCount = (html: string) => (html.match(/role="row" aria-rowindex="(?!1")/g) ?? []).length;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the Activity call log', () => {
  it('shows each call’s client, method, tool with its upstream server, status with the tool outcome, latency and reason', async () => {
    const html = await render({
      ...EMPTY_ACTIVITY,
      calls: [
        callView(1, { client: 'cursor', method: 'tools/call', tool: 'github__search_repos', server: 'github', outcome: 'tool_error', latencyMs: 212.4 }),
        callView(2, { client: 'ip:127.0.0.1', method: null, status: 401, reason: 'AUTH_INVALID_KEY' }),
      ],
    });
    const shown = text(html);
    expect(shown).toContain('cursor tools/call github__search_repos · github 200 tool error 212 ms');
    expect(shown).toContain('ip:127.0.0.1 POST /mcp 401 1.5 ms Wrong API key');
    // The code stays in the tooltip of its plain words.
    expect(html).toContain('title="AUTH_INVALID_KEY">Wrong API key</span>');
    for (const column of ['Time', 'Client', 'Method', 'Tool', 'Status', 'Latency', 'Reason']) expect(html).toContain(`role="columnheader">${column}</span>`);
  });

  it('filters by client, tool and status', async () => {
    const snapshot = batchOf(1, 30, (seq) => (seq % 3 === 0 ? { client: 'claude', status: 429, reason: 'RATE_LIMITED' } : { client: 'cursor' }));
    const html = await render(snapshot, [], { client: 'claude', status: '429' });
    expect(rowCount(html)).toBe(10);
    expect(text(html)).toContain('10 of 30 calls');
    expect(html).not.toContain('title="cursor"');
    expect(html.match(/title="claude"/g)).toHaveLength(10);
    expect(html).toContain('<option value="claude" selected="">claude</option>');
  });

  it('renders only a window of rows however many calls are kept, newest first', async () => {
    const html = await render(batchOf(1, 5_000));
    const window = visibleRange(0, CALL_LOG_HEIGHT, CALL_ROW_HEIGHT, 5_000, 6);
    expect(rowCount(html)).toBe(window.end - window.start);
    expect(rowCount(html)).toBeLessThan(30);
    expect(html).toContain(`height:${5_000 * CALL_ROW_HEIGHT}px`); // the spacer keeps the scroll bar true to 5,000 rows
    expect(html).toContain('aria-rowcount="5001"');
    expect(text(html)).toContain('5000 calls');
  });

  it('with 10,000 calls arriving in batches, keeps 5,000 and still renders only the window', async () => {
    const batches = Array.from({ length: 40 }, (_, i) => batchOf(i * 250 + 1, i * 250 + 250));
    const html = await render(EMPTY_ACTIVITY, batches);
    expect(html).toContain('aria-rowcount="5001"');
    expect(rowCount(html)).toBeLessThanOrEqual(Math.ceil(CALL_LOG_HEIGHT / CALL_ROW_HEIGHT) + 6);
  });

  it('counts successes next to 401, 403 and 429, with reasons in plain words', async () => {
    const html = await render({ ...EMPTY_ACTIVITY, succeeded: 42, forbidden: { total: 2, byReason: { FORBIDDEN_ORIGIN: 2 } } });
    expect(html).toContain('aria-label="Succeeded count">42</p>');
    expect(html).toContain('aria-label="403 Forbidden count">2</p>');
    expect(html).toContain('title="FORBIDDEN_ORIGIN">Web page or host not allowed</span>');
  });

  it('offers 15 min, 1 h and 24 h for the chart, with labelled axes', async () => {
    const html = await render(EMPTY_ACTIVITY);
    for (const range of ['15 min', '1 h', '24 h']) expect(html).toMatch(new RegExp(`type="radio"[^>]*/>${range}</label>`));
    expect(html).toContain('class="chart__tick"');
    expect(text(html)).toContain('answers per minute · last 15 min');
  });
});

describe('formatLatency', () => {
  it('gives ms with one decimal below 10 ms, whole ms below a second, seconds above', () => {
    expect([0.42, 12.6, 999, 1_500, 12_000].map(formatLatency)).toEqual(['0.4 ms', '13 ms', '999 ms', '1.5 s', '12 s']);
  });
});
