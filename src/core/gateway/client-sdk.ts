/**
 * The MCP client SDK, loaded when the first upstream starts: `serve` with no
 * upstream never loads it (about 5 MB of idle memory).
 */
type ClientModule = typeof import('@modelcontextprotocol/client');
type StdioModule = typeof import('@modelcontextprotocol/client/stdio');

export interface ClientSdk {
  readonly client: ClientModule;
  readonly stdio: StdioModule;
}

let loading: Promise<ClientSdk> | undefined;
let loaded: ClientSdk | undefined;

export function loadClientSdk(): Promise<ClientSdk> {
  loading ??= Promise.all([import('@modelcontextprotocol/client'), import('@modelcontextprotocol/client/stdio')]).then(([client, stdio]) => (loaded = { client, stdio }));
  return loading;
}

/** The SDK once some upstream loaded it; before that no error can be one of its classes. */
export function loadedClientSdk(): ClientSdk | undefined {
  return loaded;
}
