/** Runs one callback at a time, in call order (a promise-chain lock). */
export type Mutex = <T>(fn: () => Promise<T> | T) => Promise<T>;

/** Creates a {@link Mutex}: each call waits until every earlier call has settled. */
export function createMutex(): Mutex {
  let tail: Promise<void> = Promise.resolve();
  return async <T>(fn: () => Promise<T> | T): Promise<T> => {
    const previous = tail;
    let release: () => void = () => {};
    tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  };
}
