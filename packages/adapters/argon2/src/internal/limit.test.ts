import { describe, expect, it } from 'vitest';
import { createLimit } from './limit.js';

/** A task that resolves (or rejects) when told to, recording when it started. */
function controlled(started: number[], id: number) {
  let settle!: (ok: boolean) => void;
  const done = new Promise<number>((resolve, reject) => {
    settle = (ok) => (ok ? resolve(id) : reject(new Error(`task ${id}`)));
  });
  return {
    task: () => {
      started.push(id);
      return done;
    },
    finish: () => settle(true),
    fail: () => settle(false),
  };
}

const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await Promise.resolve();
};

describe('createLimit', () => {
  it('runs at most `limit` tasks at once, the others in submission order', async () => {
    const limit = createLimit(2);
    const started: number[] = [];
    const tasks = [0, 1, 2, 3, 4].map((id) => controlled(started, id));
    const results = tasks.map((t) => limit(t.task));
    await turns();
    expect(started).toEqual([0, 1]);
    tasks[1]?.finish();
    await turns();
    expect(started).toEqual([0, 1, 2]);
    tasks[0]?.finish();
    tasks[2]?.finish();
    await turns();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    tasks[3]?.finish();
    tasks[4]?.finish();
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4]);
  });

  it('a rejected task frees its slot and its caller sees the rejection', async () => {
    const limit = createLimit(1);
    const started: number[] = [];
    const first = controlled(started, 1);
    const second = controlled(started, 2);
    const a = limit(first.task);
    const b = limit(second.task);
    await turns();
    expect(started).toEqual([1]);
    first.fail();
    await expect(a).rejects.toThrow('task 1');
    await turns();
    expect(started).toEqual([1, 2]);
    second.finish();
    expect(await b).toBe(2);
  });

  it('a task that throws synchronously frees its slot too', async () => {
    const limit = createLimit(1);
    await expect(
      limit(() => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(await limit(async () => 'next')).toBe('next');
  });

  it('starts a task at once while a slot is free, again after the queue drained', async () => {
    const limit = createLimit(1);
    const started: number[] = [];
    for (let round = 0; round < 3; round++) {
      const tasks = [0, 1, 2].map((i) => controlled(started, round * 10 + i));
      const results = tasks.map((t) => limit(t.task));
      for (const t of tasks) {
        t.finish();
        await turns();
      }
      await Promise.all(results);
    }
    expect(started).toEqual([0, 1, 2, 10, 11, 12, 20, 21, 22]);
    const started2: number[] = [];
    const alone = controlled(started2, 7);
    const pending = limit(alone.task);
    expect(started2).toEqual([7]);
    alone.finish();
    expect(await pending).toBe(7);
  });
});
