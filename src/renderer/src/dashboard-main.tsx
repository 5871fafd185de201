/**
 * Entry of the browser dashboard (`mcp-toolkit serve --dashboard`): the same
 * UI as the desktop window, over the HTTP adapter instead of the preload.
 */
import { createRoot } from 'react-dom/client';
import { exchangeDashboardToken, tokenFromHash } from './adapters/dashboard-session.js';
import { createHttpBackend, type ConnectionState } from './adapters/http-backend.js';
import { DashboardAccessPage, type DashboardAccessProblem } from './components/DashboardAccessPage.js';
import { mountApp } from './mount.js';

const NEEDS_LINK: DashboardAccessProblem = { kind: 'needs-link' };
const LINK_USED: DashboardAccessProblem = { kind: 'link-used' };

async function start(root: HTMLElement, banner: HTMLElement | null): Promise<void> {
  const token = tokenFromHash(window.location.hash);
  let linkUsed = false;
  if (token) {
    // Out of the address bar and the history entry before anything else happens.
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    const exchanged = await exchangeDashboardToken(token);
    // A spent link (opened again in another tab) is no problem while this browser still has the session it opened.
    linkUsed = !exchanged.ok && exchanged.error.code === 'DASHBOARD_TOKEN_USED';
    if (!exchanged.ok && !linkUsed) return showProblem(root, exchanged.error.code === 'DASHBOARD_TOKEN_INVALID' ? NEEDS_LINK : failed(exchanged.error.message));
  }
  const api = createHttpBackend({ onConnection: connectionBanner(banner) });
  const info = await api.call('app.getInfo');
  if (!info.ok) return showProblem(root, info.error.code === 'DASHBOARD_UNAUTHORIZED' ? (linkUsed ? LINK_USED : NEEDS_LINK) : failed(info.error.message));
  mountApp(root, api);
}

/** Says so while live updates are interrupted (not during the first connection). */
function connectionBanner(banner: HTMLElement | null): (state: ConnectionState) => void {
  let wasOpen = false;
  return (state) => {
    if (!banner) return;
    if (state === 'open') wasOpen = true;
    const interrupted = state === 'retrying' || (state === 'connecting' && wasOpen);
    banner.hidden = !interrupted;
    banner.textContent = interrupted
      ? 'Live updates from mcp-toolkit are interrupted; reconnecting… If the server was restarted, open the new link it printed.'
      : '';
  };
}

const failed = (message: string): DashboardAccessProblem => ({ kind: 'failed', message });

/**
 * The styled page that says why the UI cannot open here, and how to open it.
 * A link pasted into this tab changes only the fragment (no page load): start over then.
 */
function showProblem(root: HTMLElement, problem: DashboardAccessProblem): void {
  createRoot(root).render(<DashboardAccessPage problem={problem} port={window.location.port} />);
  window.addEventListener('hashchange', () => {
    if (tokenFromHash(window.location.hash)) window.location.reload();
  });
}

const root = document.getElementById('root');
if (root) {
  start(root, document.getElementById('connection')).catch((error: unknown) => showProblem(root, failed(`The dashboard could not start: ${String(error)}`)));
}
