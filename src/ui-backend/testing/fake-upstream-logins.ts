/**
 * FOR TESTS: an in-memory `UpstreamLogins` that records each call and plays
 * a sign-in's steps; the test says when the "browser" finishes. It holds
 * facts about sign-ins, never a token.
 */
import type { OAuthClientProvider } from '@modelcontextprotocol/client';
import type { HttpUpstream } from '../../core/gateway/upstream-spec.js';
import type { UpstreamLogins, UpstreamSignInOptions, UpstreamSignOutOutcome } from '../../core/upstream-login/types.js';
import type { UpstreamSignInView } from '../../shared/gateway-types.js';

export const FAKE_ISSUER = 'http://127.0.0.1:9/issuer';

interface Browser {
  readonly finish: () => void;
  readonly fail: (error: Error) => void;
}

export class FakeUpstreamLogins implements UpstreamLogins {
  readonly calls: [method: string, ...args: unknown[]][] = [];
  readonly held = new Map<string, UpstreamSignInView>();
  readonly #browsers = new Map<string, Browser>();
  readonly #waiters = new Map<string, () => void>();
  readonly #listeners = new Set<(name: string) => void>();

  providerFor(): OAuthClientProvider {
    throw new Error('the fake has no provider: the UI never asks for one');
  }

  async signIn(spec: HttpUpstream, options: UpstreamSignInOptions): Promise<UpstreamSignInView> {
    this.calls.push(['signIn', spec, options.scope]);
    await Promise.resolve(); // The metadata requests.
    options.onProgress?.({ step: 'discovering' });
    options.onProgress?.({ step: 'registering' });
    const url = `${FAKE_ISSUER}/authorize?client_id=fake&server=${spec.name}`;
    await options.openUrl(url);
    options.onProgress?.({ step: 'waiting-for-browser', url });
    await new Promise<void>((finish, fail) => {
      this.#browsers.set(spec.name, { finish, fail });
      options.signal?.addEventListener('abort', () => fail(Object.assign(new Error('The sign-in was cancelled.'), { code: 'SIGN_IN_CANCELLED' })), { once: true });
      this.#waiters.get(spec.name)?.();
    }).finally(() => this.#browsers.delete(spec.name));
    options.onProgress?.({ step: 'exchanging' });
    const view: UpstreamSignInView = { state: 'signed-in', issuer: FAKE_ISSUER, subject: 'alice', scopes: ['mcp:tools'], expiresAt: Date.UTC(2030, 0, 1) };
    this.held.set(spec.name, view);
    this.#changed(spec.name);
    options.onProgress?.({ step: 'done' });
    return view;
  }

  async signOut(spec: HttpUpstream): Promise<UpstreamSignOutOutcome> {
    this.calls.push(['signOut', spec.name]);
    const found = this.held.delete(spec.name);
    this.#changed(spec.name);
    return { found };
  }

  async view(name: string): Promise<UpstreamSignInView | undefined> {
    return this.held.get(name);
  }

  onChange(listener: (name: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves once the sign-in to `name` waits for the browser. */
  waitingForBrowser(name: string): Promise<void> {
    if (this.#browsers.has(name)) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.set(name, resolve));
  }

  /** The user finished signing in to `name` in the browser. */
  finishInBrowser(name: string): void {
    this.#browsers.get(name)?.finish();
  }

  /** The authorization server refused (a wrong `iss`, a denied consent…). */
  failInBrowser(name: string, code: string, message: string): void {
    this.#browsers.get(name)?.fail(Object.assign(new Error(message), { code }));
  }

  /** Another process changed the sign-in of `name`. */
  changeElsewhere(name: string, view: UpstreamSignInView | undefined): void {
    if (view) this.held.set(name, view);
    else this.held.delete(name);
    this.#changed(name);
  }

  listenerCount(): number {
    return this.#listeners.size;
  }

  #changed(name: string): void {
    for (const listener of this.#listeners) listener(name);
  }
}
