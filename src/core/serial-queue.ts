/**
 * Runs async tasks one after another, in the order they were queued: the
 * server's start/stop/restart never interleave (a double click on "Start" or a
 * settings change during a stop simply waits its turn), and two quick settings
 * updates never lose each other's change. A failing task does not stop the queue.
 */
export interface SerialQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Resolves once everything queued so far has finished. */
  idle(): Promise<void>;
}

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const result = tail.then(task, task);
      tail = result.catch(() => undefined);
      return result;
    },
    async idle() {
      await tail;
    },
  };
}
