/** A word as a POSIX shell would need it quoted to read it back as one argument. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * What an upstream points at, for lists: the command line of a stdio server
 * (never its environment), the URL of a remote one (never its headers). No
 * secret value can appear: those live in the keychain and, in settings, only
 * as `${secret:KEY}` in headers.
 */
export function upstreamTarget(server: { readonly kind: 'http'; readonly url: string } | { readonly kind: 'stdio'; readonly command: string; readonly args?: readonly string[] }): string {
  if (server.kind === 'http') return server.url;
  return [server.command, ...(server.args ?? [])].map(shellWord).join(' ');
}
