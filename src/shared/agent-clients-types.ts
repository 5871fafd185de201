/**
 * What the UI sees of the agent clients whose config file the toolkit edits
 * (the `agents.listClients`, `agents.connect`, `agents.disconnect` calls):
 * the same facts as `mcp-toolkit clients list`, plus whether this UI may
 * offer an HTTP entry. No view ever carries a key.
 */

/** Client ids as the CLI spells them (`cursor`, `claude-code`); the backend says which exist. */
export const AGENT_CLIENT_ID = /^[a-z][a-z0-9-]{0,31}$/;

/** Whether the UI can write a Streamable HTTP entry for a client, and why not. */
export type HttpEntryOption =
  | { readonly available: true; readonly how: string }
  | { readonly available: false; readonly reason: string };

/** Whether an agent client is installed and connected, as its config file says. */
export interface AgentClientStatus {
  readonly client: string;
  readonly name: string;
  /** Its config folder or its program was found. */
  readonly installed: boolean;
  readonly configFile: string;
  /** The file has the toolkit's entry (`mcp-toolkit`). */
  readonly connected: boolean;
  readonly transport?: 'bridge' | 'http' | 'other';
  /** Why the file could not be read; it is never changed then. */
  readonly problem?: string;
}

export interface AgentClientView extends AgentClientStatus {
  /** The HTTP entry in the current auth mode, written without the key in the file. */
  readonly http: HttpEntryOption;
}

/** What one connect or disconnect did to the client's file. */
export interface AgentClientChange {
  readonly client: string;
  readonly configFile: string;
  /** False when the file already was as asked (nothing written). */
  readonly changed: boolean;
  /** The copy of the file made before the toolkit first changed it. */
  readonly backupFile?: string;
}

export interface AgentClientRequest {
  readonly client: string;
}

export interface AgentConnectRequest extends AgentClientRequest {
  /** A Streamable HTTP entry instead of the bridge (only where `http.available`). */
  readonly http?: boolean;
}

/** A connect or disconnect answers with what changed and the list as it is afterwards. */
export interface AgentClientsUpdate {
  readonly change: AgentClientChange;
  readonly clients: readonly AgentClientView[];
}
