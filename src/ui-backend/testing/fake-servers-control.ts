/** FOR TESTS: an in-memory `ServersControl` that records each call, keeps a list, and can be told to fail. */
import type { UpstreamView } from '../../shared/gateway-types.js';
import type { ImportPlan } from '../../shared/servers-types.js';
import type { ServersControl } from '../servers-control.js';

export function upstreamView(name: string, overrides: Partial<UpstreamView> = {}): UpstreamView {
  return {
    name,
    kind: 'stdio',
    enabled: true,
    state: 'running',
    needsApproval: false,
    target: `npx ${name}`,
    tools: [],
    pending: [],
    secrets: [],
    recentErrorOutput: [],
    ...overrides,
  };
}

export class FakeServersControl implements ServersControl {
  readonly calls: [method: string, ...args: unknown[]][] = [];
  views: UpstreamView[] = [];
  /** Thrown by the next change (then cleared). */
  failNext: (Error & { code?: string; fields?: Record<string, string> }) | undefined;
  readonly #listeners = new Set<(servers: readonly UpstreamView[]) => void>();

  /** Tells every listener the list changed (as the gateway does on a state change). */
  change(views: UpstreamView[]): void {
    this.views = views;
    for (const listener of this.#listeners) listener(views);
  }

  listenerCount(): number {
    return this.#listeners.size;
  }

  list(): readonly UpstreamView[] {
    return this.views;
  }

  async add(request: Parameters<ServersControl['add']>[0]): Promise<void> {
    this.#record('add', request);
    this.change([...this.views, upstreamView(request.name, { kind: request.kind, secrets: (request.secrets ?? []).map((secret) => secret.key) })]);
  }

  async remove(name: string): Promise<void> {
    this.#record('remove', name);
    this.change(this.views.filter((view) => view.name !== name));
  }

  async setEnabled(name: string, enabled: boolean): Promise<void> {
    this.#record('setEnabled', name, enabled);
    this.change(this.views.map((view) => (view.name === name ? { ...view, enabled, state: enabled ? 'starting' : 'disabled' } : view)));
  }

  async setToolEnabled(name: string, tool: string, enabled: boolean): Promise<void> {
    this.#record('setToolEnabled', name, tool, enabled);
  }

  async restart(name: string): Promise<void> {
    this.#record('restart', name);
  }

  async approve(name: string): Promise<void> {
    this.#record('approve', name);
  }

  async setSecret(name: string, key: string, value: string): Promise<void> {
    this.#record('setSecret', name, key, value);
  }

  async removeSecret(name: string, key: string): Promise<void> {
    this.#record('removeSecret', name, key);
  }

  async logs(name: string, lines: number): Promise<readonly string[]> {
    this.#record('logs', name, lines);
    return [`${name}: line 1`];
  }

  async importPreview(from: ImportPlan['from']): Promise<ImportPlan> {
    this.#record('importPreview', from);
    return { from, configPath: `/home/u/.${from}.json`, add: [{ name: 'fs', kind: 'stdio', target: 'npx fs', secrets: ['API_KEY'] }], skipped: [] };
  }

  async import(from: ImportPlan['from']) {
    const plan = await this.importPreview(from);
    this.calls.pop();
    this.#record('import', from);
    this.change([...this.views, upstreamView('fs', { secrets: ['API_KEY'] })]);
    return { ...plan, servers: this.views };
  }

  onChange(listener: (servers: readonly UpstreamView[]) => void) {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  #record(method: string, ...args: unknown[]): void {
    this.calls.push([method, ...args]);
    const failure = this.failNext;
    this.failNext = undefined;
    if (failure) throw failure;
  }
}
