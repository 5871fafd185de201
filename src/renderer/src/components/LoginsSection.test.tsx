import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { LoginView, ServerSignInProgress } from '../../../shared/logins-types.js';
import { formatDateTime } from '../format.js';
import { createAppStores } from '../stores/index.js';
import { StoresProvider } from '../stores-context.js';
import { FakeBackend, loginView, settle } from '../testing/fake-backend.js';
import { LoginsSection } from './LoginsSection.js';

const TOOLKIT: LoginView = { id: 'toolkit', kind: 'toolkit', state: 'signed-out', issuer: 'https://login.example.com', scopes: [] };
const EXPIRES = Date.now() + 90 * 60_000;

/** Static rendering reads a store's initial state: render the loaded one instead. */
async function render(list: readonly LoginView[], progress: ServerSignInProgress[] = []): Promise<string> {
  const fake = new FakeBackend().answer('logins.list', () => list);
  const stores = createAppStores(fake.api);
  stores.logins.getState().connect();
  await settle();
  for (const step of progress) fake.emit('logins.progress', step);
  const loaded = { ...stores, logins: { ...stores.logins, getInitialState: stores.logins.getState } };
  return renderToStaticMarkup(
    <StoresProvider stores={loaded}>
      <LoginsSection />
    </StoresProvider>,
  );
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/\s+/g, ' ');

describe('the Logins section', () => {
  it('lists the toolkit\'s sign-in and each server\'s, with state in words, account, issuer, scopes and expiry', async () => {
    const html = await render([TOOLKIT, loginView('notion', { expiresAt: EXPIRES, scopes: ['mcp:tools', 'read'] }), loginView('linear', { state: 'needs-sign-in', reason: 'the refresh token was revoked', subject: undefined, scopes: [], expiresAt: undefined })]);
    const words = text(html);
    expect(words).toContain('toolkit signed out');
    expect(words).toContain('notion signed in');
    expect(words).toContain('Account alice@example.com Issuer https://auth.example.com Scopes mcp:tools read');
    expect(words).toContain(`Expires in 1 hour (${formatDateTime(EXPIRES)})`);
    expect(words).toContain('linear needs sign-in the refresh token was revoked');
    expect(html).toContain('aria-label="notion sign-in state"');
  });

  it('offers Sign in, Sign in again and Sign out as each state allows', async () => {
    const html = await render([TOOLKIT, loginView('notion'), loginView('linear', { state: 'needs-sign-in' }), loginView('docs', { state: 'signed-out' })]);
    expect(html).toContain('aria-label="Sign in to toolkit"');
    expect(html).not.toContain('aria-label="Sign out of toolkit"');
    expect(html).toContain('aria-label="Sign in to notion again"');
    expect(html).toContain('aria-label="Sign out of notion"');
    expect(html).toContain('aria-label="Sign in to linear"');
    expect(html).toContain('aria-label="Sign out of linear"');
    expect(html).toContain('aria-label="Sign in to docs"');
    expect(html).not.toContain('aria-label="Sign out of docs"');
  });

  it('while signing in: the steps with the current one marked, Cancel, and the link to open by hand', async () => {
    const url = 'https://auth.example.com/authorize?client_id=abc&state=xyz';
    const html = await render([TOOLKIT, loginView('notion', { state: 'needs-sign-in' })], [{ server: 'notion', step: 'waiting-for-browser', url }]);
    expect(text(html)).toContain('Finding the authorization server (done) Registering the toolkit (done) Waiting for you in the browser Exchanging the code for tokens');
    expect(html).toMatch(/<li class="current" aria-current="step">Waiting for you in the browser<\/li>/);
    expect(html).toContain('aria-label="Cancel the sign-in to notion"');
    expect(html).not.toContain('aria-label="Sign in to notion"');
    expect(text(html)).toContain(`If no browser opened, open this link: ${url.replace('&', '&amp;')}`);
    expect(html).toContain(`href="${url.replace('&', '&amp;')}" target="_blank" rel="noreferrer noopener"`);
  });

  it('says how a sign-in ended', async () => {
    const failed = await render([TOOLKIT, loginView('notion')], [{ server: 'notion', step: 'failed', error: { code: 'ISSUER_MISMATCH', message: 'the callback named another issuer' } }]);
    expect(failed).toContain('role="alert">Sign-in failed: the callback named another issuer</p>');
    const cancelled = await render([TOOLKIT, loginView('notion')], [{ server: 'notion', step: 'cancelled' }]);
    expect(cancelled).toContain('role="status" class="note">Sign-in cancelled.</p>');
  });
});
