import { describe, expect, expectTypeOf, it } from 'vitest';
import { CALL_NAMES } from './contract.js';
import { callNameFromPath, callPath, dashboardLink, DASHBOARD_ROUTES, DASHBOARD_TOKEN_PARAM } from './dashboard-routes.js';

describe('the dashboard routes (the contract over HTTP)', () => {
  it('pins every route the UI calls', () => {
    expectTypeOf(DASHBOARD_ROUTES.session).toEqualTypeOf<'/api/session'>();
    expectTypeOf(DASHBOARD_ROUTES.events).toEqualTypeOf<'/api/events'>();
    expectTypeOf(DASHBOARD_ROUTES.callPrefix).toEqualTypeOf<'/api/call/'>();
    expectTypeOf(callPath('server.start')).toEqualTypeOf<'/api/call/server.start'>();
    // @ts-expect-error: only the contract's calls have a path
    callPath('server.exec');
    expect(DASHBOARD_ROUTES).toEqual({ session: '/api/session', events: '/api/events', callPrefix: '/api/call/' });
    expect(callPath('apiKey.reveal')).toBe('/api/call/apiKey.reveal');
  });

  it('gives every call its own path that needs no escaping and reads back to the same name', () => {
    const paths = CALL_NAMES.map(callPath);
    expect(new Set(paths).size).toBe(CALL_NAMES.length);
    for (const name of CALL_NAMES) {
      expect(encodeURIComponent(name)).toBe(name);
      expect(callNameFromPath(callPath(name))).toBe(name);
    }
  });

  it('reads the raw call segment only from call paths', () => {
    expect(callNameFromPath(DASHBOARD_ROUTES.session)).toBeUndefined();
    expect(callNameFromPath(DASHBOARD_ROUTES.events)).toBeUndefined();
    expect(callNameFromPath('/api/callserver.start')).toBeUndefined();
    expect(callNameFromPath('/api/call/')).toBe('');
    expect(callNameFromPath('/api/call/server%2Eexec')).toBe('server%2Eexec');
  });

  it('puts the token in the fragment of the link, under the name the page reads', () => {
    expect(dashboardLink('http://127.0.0.1:8002', 'tok')).toBe('http://127.0.0.1:8002/#token=tok');
    expect(new URLSearchParams(new URL(dashboardLink('http://127.0.0.1:1', 'abc')).hash.slice(1)).get(DASHBOARD_TOKEN_PARAM)).toBe('abc');
  });
});
