import type { ClientStatus } from '../clients/index.js';
import type { StdioUpstreamSettings } from '../../shared/gateway-types.js';

/** What binding a port found: free, or the system's error code (`EADDRINUSE`, `EACCES`, `EADDRNOTAVAIL`…). */
export type PortProbe = { readonly free: true } | { readonly free: false; readonly code: string };

/**
 * Everything the doctor's checks ask of the machine, injected so each check
 * is a plain function tests drive with fakes (`real-probes.ts` wires the real ones).
 */
export interface DoctorProbes {
  /** Resolves when the OS keychain answers a harmless read (with a short timeout); rejects with the reason. */
  keychain(): Promise<void>;
  /** Binds `host:port` and releases it at once. */
  bindPort(host: string, port: number): Promise<PortProbe>;
  /** The JSON body of a GET of `url`, or undefined when nothing (JSON) answers. */
  fetchHealth(url: string): Promise<unknown>;
  /** HTTP for the issuer checks. */
  readonly fetch: typeof fetch;
  /** The local clock, in ms (clock skew). */
  now(): number;
  /** Undefined when `folder` exists and can be listed; otherwise why not, in a few words. */
  folderProblem(folder: string): Promise<string | undefined>;
  /** Whether the upstream's command exists where its child process would look (its minimal PATH, its cwd). */
  commandFound(server: StdioUpstreamSettings): boolean;
  /** The supported agent clients (`clients list`). */
  listClients(): Promise<readonly ClientStatus[]>;
}
