import type { EventName, EventPayload, Unsubscribe } from '../shared/contract.js';

/** Receives every push event of the contract. */
export type AppEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface EventHub {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  subscribe(listener: AppEventListener): Unsubscribe;
}

/** Fans push events out to every attached UI (window, tray, dashboard streams); a throwing listener cannot stop the others. */
export function createEventHub(log: (line: string) => void): EventHub {
  const listeners = new Set<AppEventListener>();
  return {
    emit(event, payload) {
      for (const listener of [...listeners]) {
        try {
          listener(event, payload);
        } catch (error) {
          log(`[app] listener for ${event} failed: ${(error as Error).message}`);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
