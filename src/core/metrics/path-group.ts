/** Coarse request groups counted by the metrics (a fixed set: bounded label cardinality). */
export const PATH_GROUPS = ['mcp', 'tools', 'metrics', 'health', 'well_known', 'other'] as const;
export type PathGroup = (typeof PATH_GROUPS)[number];

const KNOWN_GROUPS: ReadonlySet<string> = new Set(PATH_GROUPS);

/** True for one of `PATH_GROUPS`. */
export function isPathGroup(value: unknown): value is PathGroup {
  return typeof value === 'string' && KNOWN_GROUPS.has(value);
}

function isUnder(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/**
 * The group of a request path: the MCP endpoint (and anything below it), the
 * `/tools` listing, `/metrics`, `/health` or `/healthz`, RFC 8615
 * `/.well-known/…` documents (OAuth metadata), or `other`.
 */
export function pathGroupOf(pathname: string, mcpPath = '/mcp'): PathGroup {
  if (isUnder(pathname, mcpPath)) return 'mcp';
  if (isUnder(pathname, '/tools')) return 'tools';
  if (pathname === '/metrics') return 'metrics';
  if (pathname === '/health' || pathname === '/healthz') return 'health';
  if (pathname.startsWith('/.well-known/')) return 'well_known';
  return 'other';
}
