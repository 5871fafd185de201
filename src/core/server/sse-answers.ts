import type { JSONRPCMessage, JSONRPCResponse, WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/server';
import { sseMessageEvent } from '../http/sse-answer.js';
import { answerText } from './answer-text.js';

type SseEventWriter = (controller: ReadableStreamDefaultController<Uint8Array>, encoder: { encode(text: string): Uint8Array }, message: JSONRPCMessage, eventId?: string) => boolean;

/**
 * Makes a session transport write its SSE events with `answerText`: a
 * `tools/list` answer is joined from each catalogue entry's text made once
 * (500 upstream tools: ~200 KB that the SDK's `writeSSEEvent` would
 * `JSON.stringify` on every request, most of that request's CPU); any other
 * message is `JSON.stringify`-ed as before. The event is framed as the SDK
 * frames it (same bytes). `writeSSEEvent` is private to the SDK: if a later
 * version renames it, the transport keeps the SDK's own writer (slower, still
 * right) and this returns false, which sse-answers.test.ts checks.
 */
export function writeSseAnswersOnce(transport: WebStandardStreamableHTTPServerTransport): boolean {
  const writable = transport as unknown as { writeSSEEvent?: SseEventWriter };
  if (typeof writable.writeSSEEvent !== 'function') return false;
  writable.writeSSEEvent = (controller, encoder, message, eventId) => {
    try {
      controller.enqueue(encoder.encode(sseMessageEvent(answerText(message as JSONRPCResponse), eventId)));
      return true;
    } catch (error) {
      transport.onerror?.(error as Error);
      return false;
    }
  };
  return true;
}
