import type { CallHandlers, EventName, EventPayload } from '../shared/contract.js';

/** The call that reads the current value of each push event; every event carries complete state. */
const CURRENT_VALUE: { [E in EventName]: (handlers: CallHandlers) => Promise<EventPayload<E>> } = {
  'server.status': (handlers) => handlers['server.getStatus'](),
  'settings.changed': (handlers) => handlers['settings.get'](),
  'apiKey.changed': (handlers) => handlers['apiKey.getStatus'](),
  'activity.batch': (handlers) => handlers['activity.getSnapshot'](),
  'signIn.progress': (handlers) => handlers['signIn.getProgress'](),
  'session.changed': (handlers) => handlers['session.get'](),
  'startAtLogin.changed': (handlers) => handlers['startAtLogin.get'](),
  'servers.changed': (handlers) => handlers['servers.list'](),
};

export type EventState = Partial<{ [E in EventName]: EventPayload<E> }>;

/**
 * The current value of every push event, so a (re)connected event stream
 * starts from the present and a UI never stays stale after a dropped
 * connection. A value that cannot be read is left out (and logged).
 */
export async function currentEventState(handlers: CallHandlers, log: (line: string) => void): Promise<EventState> {
  const entries = await Promise.all(
    (Object.keys(CURRENT_VALUE) as EventName[]).map(async (event) => {
      try {
        return [event, await CURRENT_VALUE[event](handlers)] as const;
      } catch (error) {
        log(`[dashboard] cannot read the current ${event}: ${(error as Error).message}`);
        return undefined;
      }
    }),
  );
  return Object.fromEntries(entries.filter((entry) => entry !== undefined)) as EventState;
}
