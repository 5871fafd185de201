import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ActivityView } from '../../../shared/view-types.js';
import { createAppStores } from '../stores/index.js';
import { StoresProvider } from '../stores-context.js';
import { EMPTY_ACTIVITY } from '../testing/activity-fixtures.js';
import { FakeBackend, settle } from '../testing/fake-backend.js';
import { ActivitySection } from './ActivitySection.js';

const EMPTY: ActivityView = EMPTY_ACTIVITY;

const WITH_CALLS: ActivityView = {
  ...EMPTY,
  upstreamCalls: [
    { server: 'github', tool: 'search_repos', ok: 12, errors: 3, total: 15, byOutcome: { ok: 12, tool_error: 1, timeout: 2 } },
    { server: 'fs', tool: 'read_file', ok: 4, errors: 0, total: 4, byOutcome: { ok: 4 } },
    { server: 'fs', tool: 'write_file', ok: 0, errors: 1, total: 1, byOutcome: { unavailable: 1 } },
  ],
  upstreamLatency: [
    { server: 'fs', timedCalls: 4, meanLatencyMs: 3.25 },
    { server: 'github', timedCalls: 15, meanLatencyMs: 212.4 },
  ],
};

/** Static rendering reads a store's initial state: render the loaded one instead. */
async function render(view: ActivityView): Promise<string> {
  const stores = createAppStores(new FakeBackend().answer('activity.getSnapshot', () => view).api);
  stores.activity.getState().connect();
  await settle();
  const loaded = { ...stores, activity: { ...stores.activity, getInitialState: stores.activity.getState } };
  return renderToStaticMarkup(
    <StoresProvider stores={loaded}>
      <ActivitySection />
    </StoresProvider>,
  );
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the Activity section: calls to upstream servers', () => {
  it('is a table with a caption and column headers', async () => {
    const html = await render(WITH_CALLS);
    expect(html).toContain('<caption>Calls to upstream servers</caption>');
    for (const header of ['Server', 'Tool', 'Successes', 'Errors']) expect(html).toMatch(new RegExp(`<th scope="col"[^>]*>${header}</th>`));
  });

  it('shows successes and errors per server and tool, and what the errors were in words', async () => {
    const html = text(await render(WITH_CALLS));
    expect(html).toContain('github search_repos 12 3 (1 tool error, 2 timed out)');
    expect(html).toContain('fs read_file 4 0 ');
    expect(html).toContain('fs write_file 0 1 (1 server not running)');
    expect(html).toContain('Mean call time: fs 3.3 ms · github 212 ms');
  });

  it('says so when no call reached an upstream yet', async () => {
    const html = text(await render(EMPTY));
    expect(html).toContain('No upstream calls yet.');
    expect(html).not.toContain('Mean call time');
  });
});
