import type { CallEntry } from './call-log.js';

/** A blank call for `httpMethod path`, every field present (one object shape for every call keeps recording fast). */
export function newCallEntry(httpMethod: string, path: string): CallEntry {
  return {
    seq: 0,
    time: 0,
    client: '',
    httpMethod,
    path,
    method: null,
    tool: null,
    server: null,
    status: 0,
    outcome: null,
    latencyMs: 0,
    reason: null,
  };
}
