import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DashboardAccessPage } from './DashboardAccessPage.js';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, ' ');

describe('the page shown without a valid dashboard token', () => {
  it('explains how to open the dashboard: the printed link, once per run, and an SSH tunnel to this page’s port', () => {
    const html = renderToStaticMarkup(<DashboardAccessPage problem={{ kind: 'needs-link' }} port="41235" />);
    expect(html).toContain('<h1 id="access-title">Open the dashboard with its link</h1>');
    expect(text(html)).toContain('start mcp-toolkit serve --dashboard');
    expect(text(html)).toContain('mcp-toolkit dashboard on http://127.0.0.1:41235/#token=…');
    expect(text(html)).toContain('It works once');
    expect(text(html)).toContain('ssh -L 41235:127.0.0.1:41235 you@server');
  });

  it('says a spent link works once, and shows another failure as it is', () => {
    const used = text(renderToStaticMarkup(<DashboardAccessPage problem={{ kind: 'link-used' }} port="41235" />));
    expect(used).toContain('This dashboard link was already used');
    expect(used).toContain('Go on in the browser tab it first opened');

    const failed = renderToStaticMarkup(<DashboardAccessPage problem={{ kind: 'failed', message: 'The dashboard server did not answer: reset' }} port="" />);
    expect(failed).toContain('role="alert">The dashboard server did not answer: reset</p>');
    expect(text(failed)).toContain('ssh -L PORT:127.0.0.1:PORT you@server');
  });
});
