/**
 * FOR TESTS: plays the user's browser for an authorization URL with plain
 * `fetch`: follows redirects by hand with cookies, fills the `oidc-provider`
 * devInteractions login and consent forms, and finally requests the loopback
 * redirect URI, which is what a real browser does after consent.
 */
export async function completeLoginInFetchBrowser(authorizationUrl: string, login = 'alice'): Promise<void> {
  const cookies = new Map<string, string>();
  let next: { url: string; init?: RequestInit } = { url: authorizationUrl };
  for (let hop = 0; hop < 15; hop += 1) {
    const response = await fetch(next.url, {
      ...next.init,
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    const location = response.headers.get('location');
    const body = await response.text();
    if (location) {
      next = { url: new URL(location, next.url).href };
      continue;
    }
    const prompt = /name="prompt" value="(login|consent)"/.exec(body)?.[1];
    if (!prompt) return; // the app's loopback page: the sign-in is over
    const form: Record<string, string> = prompt === 'login' ? { prompt, login, password: 'any' } : { prompt };
    next = { url: next.url, init: { method: 'POST', body: new URLSearchParams(form) } };
  }
  throw new Error('the login did not finish');
}
