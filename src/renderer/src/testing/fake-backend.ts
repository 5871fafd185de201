/** FOR TESTS: an in-memory `BackendApi` whose answers a test scripts, and whose events a test emits. */
import type { BackendApi, CallName, CallRequest, CallResponse, EventName, EventPayload } from '../../../shared/contract.js';
import type { LoginView } from '../../../shared/logins-types.js';
import { fail, ok, type Result } from '../../../shared/result.js';

type Answer<K extends CallName> = (request: CallRequest<K>) => CallResponse<K> | Promise<CallResponse<K>>;

export class FakeBackend {
  readonly calls: { name: CallName; request: unknown }[] = [];
  readonly #answers = new Map<CallName, (request: unknown) => unknown>();
  readonly #listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  answer<K extends CallName>(name: K, answer: Answer<K>): this {
    this.#answers.set(name, answer as (request: unknown) => unknown);
    return this;
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.#listeners.get(event) ?? []) listener(payload);
  }

  listenerCount(): number {
    return [...this.#listeners.values()].reduce((sum, set) => sum + set.size, 0);
  }

  readonly api: BackendApi = {
    call: async <K extends CallName>(name: K, ...args: unknown[]): Promise<Result<CallResponse<K>>> => {
      this.calls.push({ name, request: args[0] });
      const answer = this.#answers.get(name);
      if (!answer) return fail('NOT_SCRIPTED', `no answer for ${name}`);
      try {
        return ok((await answer(args[0])) as CallResponse<K>);
      } catch (error) {
        const { code = 'FAILED', message = String(error), fields } = error as { code?: string; message?: string; fields?: Record<string, string> };
        return fail(code, message, fields);
      }
    },
    on: (event, listener) => {
      const set = this.#listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      this.#listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  } as BackendApi;
}

/** Waits for pending promise callbacks (store loads) to run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A remote server's row of the Logins list, signed in unless `overrides` say otherwise. */
export function loginView(server: string, overrides: Partial<LoginView> = {}): LoginView {
  return {
    id: `server:${server}`,
    kind: 'server',
    server,
    state: 'signed-in',
    issuer: 'https://auth.example.com',
    subject: 'alice@example.com',
    scopes: ['mcp:tools'],
    expiresAt: Date.UTC(2030, 0, 1, 12),
    ...overrides,
  };
}
