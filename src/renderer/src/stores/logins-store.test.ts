import { describe, expect, it } from 'vitest';
import type { LoginView } from '../../../shared/logins-types.js';
import { FakeBackend, loginView, settle } from '../testing/fake-backend.js';
import { createLoginsStore, isServerSignInRunning } from './logins-store.js';

const TOOLKIT: LoginView = { id: 'toolkit', kind: 'toolkit', state: 'signed-out', scopes: [] };

function connected(fake: FakeBackend) {
  const store = createLoginsStore(fake.api);
  const disconnect = store.getState().connect();
  return { store, disconnect };
}

describe('logins store', () => {
  it('loads the list, follows logins.changed and each sign-in\'s steps, and stops listening on disconnect', async () => {
    const fake = new FakeBackend().answer('logins.list', () => [TOOLKIT, loginView('notion', { state: 'needs-sign-in' })]);
    const { store, disconnect } = connected(fake);
    await settle();
    expect(store.getState().logins?.map((login) => login.id)).toEqual(['toolkit', 'server:notion']);
    fake.emit('logins.progress', { server: 'notion', step: 'waiting-for-browser', url: 'http://127.0.0.1:1/authorize' });
    expect(isServerSignInRunning(store.getState().progress.notion)).toBe(true);
    fake.emit('logins.changed', [TOOLKIT, loginView('notion')]);
    expect(store.getState().logins?.[1]?.state).toBe('signed-in');
    disconnect();
    expect(fake.listenerCount()).toBe(0);
  });

  it('starts, cancels and signs out by server name, keeping a refusal next to the server', async () => {
    const fake = new FakeBackend()
      .answer('logins.list', () => [TOOLKIT])
      .answer('logins.signIn', ({ server }) => ({ server, step: 'discovering' }))
      .answer('logins.cancel', ({ server }) => ({ server, step: 'cancelled' }))
      .answer('logins.signOut', () => [TOOLKIT, loginView('notion', { state: 'signed-out', subject: undefined })]);
    const { store } = connected(fake);
    await settle();
    await store.getState().signIn('notion');
    expect(store.getState().progress.notion).toEqual({ server: 'notion', step: 'discovering' });
    await store.getState().cancel('notion');
    expect(store.getState().progress.notion?.step).toBe('cancelled');
    await store.getState().signOut('notion');
    expect(store.getState().logins?.[1]?.state).toBe('signed-out');
    expect(store.getState().progress.notion).toBeUndefined();
    expect(fake.calls.map((call) => [call.name, call.request])).toEqual([
      ['logins.list', undefined],
      ['logins.signIn', { server: 'notion' }],
      ['logins.cancel', { server: 'notion' }],
      ['logins.signOut', { server: 'notion' }],
    ]);

    fake.answer('logins.signIn', () => {
      throw Object.assign(new Error('A sign-in to notion is already in progress.'), { code: 'SIGN_IN_IN_PROGRESS' });
    });
    await store.getState().signIn('notion');
    expect(store.getState().errors.notion).toEqual({ code: 'SIGN_IN_IN_PROGRESS', message: 'A sign-in to notion is already in progress.' });
    expect(store.getState().busy).toEqual([]);
  });

  it("keeps a server's step pushed before the answer to Sign in (the answer is the older report), per server", async () => {
    const fake = new FakeBackend().answer('logins.list', () => [TOOLKIT]);
    fake.answer('logins.signIn', ({ server }) => {
      // The sign-in reached the browser step, and its event arrived, before the answer to the call did.
      fake.emit('logins.progress', { server, step: 'waiting-for-browser', url: 'http://127.0.0.1:1/authorize', seq: 7 });
      return { server, step: 'discovering', seq: 6 };
    });
    const { store } = connected(fake);
    await settle();
    await store.getState().signIn('notion');
    expect(store.getState().progress.notion).toMatchObject({ step: 'waiting-for-browser', seq: 7 });
    // Another server's older place does not hide its own steps.
    fake.emit('logins.progress', { server: 'docs', step: 'discovering', seq: 3 });
    expect(store.getState().progress.docs?.step).toBe('discovering');
  });

  it('keeps why the list cannot be shown', async () => {
    const { store } = connected(new FakeBackend());
    await settle();
    expect(store.getState().loadError?.code).toBe('NOT_SCRIPTED');
  });
});
