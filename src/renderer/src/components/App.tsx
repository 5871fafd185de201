import { serverStateLabel } from '../format.js';
import { useAppStore, useStores } from '../stores-context.js';
import { ActivitySection } from './ActivitySection.js';
import { AuthSection } from './AuthSection.js';
import { ChecksSection } from './ChecksSection.js';
import { ConnectSection } from './ConnectSection.js';
import { LoginsSection } from './LoginsSection.js';
import { RateLimitSection } from './RateLimitSection.js';
import { ServerSection } from './ServerSection.js';
import { ServersSection } from './ServersSection.js';
import { SharedFoldersSection } from './SharedFoldersSection.js';
import { SignInSection } from './SignInSection.js';

const NAV = [
  ['server', 'Server'],
  ['servers', 'Servers'],
  ['shared-folders', 'Shared folders'],
  ['auth', 'Authentication'],
  ['rate-limit', 'Rate limit'],
  ['activity', 'Activity'],
  ['connect', 'Connect an agent'],
  ['sign-in', 'Sign in'],
  ['logins', 'Logins'],
  ['checks', 'Checks'],
] as const;

export function App() {
  const status = useAppStore((s) => s.server, (state) => state.status);
  const info = useAppStore((s) => s.app, (state) => state.info);
  const startAtLogin = useAppStore((s) => s.app, (state) => state.startAtLogin);
  const { app } = useStores();
  return (
    <div className="layout">
      <aside className="sidebar">
        <div className="brand">
          <span className={`dot dot--${status?.state ?? 'stopped'}`} aria-hidden="true" />
          <div>
            <p className="brand__name">MCP Toolkit</p>
            <p className="brand__status">{status ? serverStateLabel(status.state) : '…'}</p>
          </div>
        </div>
        <nav aria-label="Sections">
          <ul>
            {NAV.map(([id, label]) => (
              <li key={id}>
                <a href={`#${id}`}>{label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar__footer">
          {startAtLogin.supported && (
            <label className="checkbox">
              <input type="checkbox" checked={startAtLogin.enabled} onChange={(event) => void app.getState().setStartAtLogin(event.target.checked)} />
              Start at login
            </label>
          )}
          {info && (
            <p className="muted">
              v{info.version} · {info.host === 'desktop' ? 'desktop app' : 'browser dashboard'}
            </p>
          )}
        </div>
      </aside>
      <main className="content">
        <h1 className="visually-hidden">MCP Toolkit settings</h1>
        <ServerSection />
        <ServersSection />
        <SharedFoldersSection />
        <AuthSection />
        <RateLimitSection />
        <ActivitySection />
        <ConnectSection />
        <SignInSection />
        <LoginsSection />
        <ChecksSection />
      </main>
    </div>
  );
}
