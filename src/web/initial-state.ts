import type { CallHandlers, EventName, EventPayload } from '../shared/contract.js';

/**
 * The call that reads the current value of each push event; every event carries complete state,
 * except the steps of sign-ins to remote servers (one per server, none when idle), which have none.
 */
const CURRENT_VALUE: { [E in EventName]: ((handlers: CallHandlers) => Promise<EventPayload<E>>) | undefined } = {
  'server.status': (handlers) => handlers['server.getStatus'](),
  'settings.changed': (handlers) => handlers['settings.get'](),
  'apiKey.changed': (handlers) => handlers['apiKey.getStatus'](),
  'activity.batch': (handlers) => handlers['activity.getSnapshot'](),
  'signIn.progress': (handlers) => handlers['signIn.getProgress'](),
  'session.changed': (handlers) => handlers['session.get'](),
  'startAtLogin.changed': (handlers) => handlers['startAtLogin.get'](),
  'servers.changed': (handlers) => handlers['servers.list'](),
  'logins.changed': (handlers) => handlers['logins.list'](),
  'logins.progress': undefined,
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
      const read = CURRENT_VALUE[event];
      if (read === undefined) return undefined;
      try {
        return [event, await read(handlers)] as const;
      } catch (error) {
        log(`[dashboard] cannot read the current ${event}: ${(error as Error).message}`);
        return undefined;
      }
    }),
  );
  return Object.fromEntries(entries.filter((entry) => entry !== undefined)) as EventState;
}
