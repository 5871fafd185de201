/**
 * Which URLs the app hands to the system browser (`shell.openExternal`).
 * Only web URLs: `https:` anywhere, `http:` on loopback (a local identity
 * provider or this server). Everything else (`file:`, `javascript:`, custom
 * protocol handlers, URLs with embedded credentials) is refused, because
 * `openExternal` would otherwise launch arbitrary handlers.
 */
import { isHttpsOrLoopbackHttp } from '../../shared/loopback.js';

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  return url.hostname !== '' && isHttpsOrLoopbackHttp(url);
}

/** True when a navigation target is the app's own page (its file or dev-server URL), which the window may load. */
export function isAppUrl(raw: string, appUrl: string): boolean {
  try {
    const target = new URL(raw);
    const app = new URL(appUrl);
    if (app.protocol === 'file:') return target.protocol === 'file:' && target.pathname === app.pathname;
    return target.origin === app.origin;
  } catch {
    return false;
  }
}
