import { checkResourceAllowed, resourceUrlFromServerUrl } from '@modelcontextprotocol/client';

/**
 * The RFC 8707 resource indicator sent for a remote server on the
 * authorization, token and refresh requests (MCP authorization: clients MUST
 * send it, whether or not the server publishes RFC 9728 metadata): the
 * metadata's `resource` when it covers the server's URL (same origin, a path
 * prefix, as the SDK checks), else the server's URL without its fragment.
 * Throws when the metadata names a resource that does not cover the server.
 */
export function resourceIndicator(serverUrl: string | URL, metadataResource: string | undefined): URL {
  const own = resourceUrlFromServerUrl(serverUrl);
  if (metadataResource === undefined) return own;
  if (!checkResourceAllowed({ requestedResource: own, configuredResource: metadataResource })) {
    throw new Error(`Protected resource ${metadataResource} does not match expected ${own.href} (or origin)`);
  }
  return new URL(metadataResource);
}
