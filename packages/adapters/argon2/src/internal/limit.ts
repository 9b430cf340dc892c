/**
 * Runs at most `limit` tasks at a time, starting the others in the order they were submitted as
 * slots free up. A finished task (fulfilled or rejected) hands its slot straight to the next
 * waiting one.
 */
export function createLimit(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  // A queue with a moving head: O(1) hand-off however many wait.
  let waiting: Array<() => void> = [];
  let head = 0;

  const release = () => {
    if (head < waiting.length) {
      const next = waiting[head] as () => void;
      waiting[head] = undefined as unknown as () => void;
      head++;
      if (head === waiting.length) {
        waiting = [];
        head = 0;
      }
      next();
    } else {
      running--;
    }
  };

  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running < limit) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      release();
    }
  };
}
