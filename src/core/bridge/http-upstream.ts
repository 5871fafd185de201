import { StreamableHTTPClientTransport, type Transport } from '@modelcontextprotocol/client';

/** The HTTP headers of one session (the client's key in `api_key` mode); read again for every new session. */
export type BridgeHeaders = () => Promise<Record<string, string>>;

/**
 * Opens SDK Streamable HTTP client transports to the toolkit at `url`, each
 * with the headers of the moment (a key rotated or created meanwhile is
 * picked up by the next session). The headers never reach a log.
 */
export function httpUpstream(url: URL, headers: BridgeHeaders): () => Promise<Transport> {
  return async () => new StreamableHTTPClientTransport(url, { requestInit: { headers: await headers() } });
}
