import type { ServerResponse } from 'node:http';

/**
 * The headers of the MCP SDK's SSE answer to a POST, but `Connection`, which
 * belongs to this connection (Node manages keep-alive).
 */
const SSE_ANSWER_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
};

/** One SSE event as the MCP SDK frames a JSON-RPC message: `event: message`, an optional `id`, the JSON as `data`. */
export function sseMessageEvent(json: string, eventId?: string): string {
  return eventId ? `event: message\nid: ${eventId}\ndata: ${json}\n\n` : `event: message\ndata: ${json}\n\n`;
}

export interface SseAnswer {
  /** Sends one message's JSON now (progress, logging before the response): the headers go first. */
  event(json: string): void;
  /** Sends the last message's JSON and ends the answer. */
  end(json: string): void;
}

/**
 * An SSE answer to one request, in the SDK's bytes, written as it goes: an
 * answer with nothing before its last message leaves in one write with its
 * length; earlier messages go out as they come, so a client sees progress live.
 */
export function createSseAnswer(res: ServerResponse): SseAnswer {
  return {
    event(json) {
      if (res.destroyed) return;
      if (!res.headersSent) res.writeHead(200, SSE_ANSWER_HEADERS);
      res.write(sseMessageEvent(json));
    },
    end(json) {
      const last = sseMessageEvent(json);
      if (!res.headersSent) res.writeHead(200, { ...SSE_ANSWER_HEADERS, 'content-length': String(Buffer.byteLength(last)) });
      res.end(last);
    },
  };
}
