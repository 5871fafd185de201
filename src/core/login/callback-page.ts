/**
 * The small page the browser shows after the redirect. It never contains a
 * token, code or state: only a fixed title and the user-facing message.
 */
export function callbackPage(outcome: { ok: true } | { ok: false; message: string; title?: string }): string {
  const title = outcome.ok ? 'Signed in' : (outcome.title ?? 'Sign-in failed');
  const text = outcome.ok ? 'You are signed in to MCP Toolkit. You can close this tab.' : outcome.message;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>MCP Toolkit: ' + title + '</title>',
    '<style>body{font:16px system-ui,sans-serif;margin:4rem auto;max-width:32rem;color:#222}h1{font-size:1.4rem}</style>',
    '</head><body>',
    `<h1>${title}</h1>`,
    `<p>${escapeHtml(text)}</p>`,
    '</body></html>',
  ].join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
