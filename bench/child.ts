/**
 * Benchmark servers run in child processes, so the load generator never shares their event
 * loop and their CPU time can be read on its own (`process.cpuUsage` of the child, over IPC).
 * `startChild(file)` in the parent, `serveParent(info, extra)` in the child.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

type Request = { id: number; op: string; args?: unknown };
type Reply = { id: number; value?: unknown; error?: string };

/** CPU time of a process in milliseconds (user + system). */
export const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

/** The child's side: answers `cpu` and the operations in `ops`; prints nothing itself. */
export function serveParent(
  info: unknown,
  ops: Record<string, (args: unknown) => unknown | Promise<unknown>> = {},
) {
  const all: Record<string, (args: unknown) => unknown | Promise<unknown>> = {
    cpu: () => process.cpuUsage(),
    memory: () => process.memoryUsage().rss,
    ...ops,
  };
  process.on('message', (message: Request) => {
    const op = all[message.op];
    Promise.resolve()
      .then(() => {
        if (op === undefined) throw new Error(`unknown op ${message.op}`);
        return op(message.args);
      })
      .then(
        (value) => process.send?.({ id: message.id, value } satisfies Reply),
        (error: unknown) =>
          process.send?.({ id: message.id, error: String(error) } satisfies Reply),
      );
  });
  // Exit normally on a signal or when the parent goes, so that --cpu-prof writes its file.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => process.exit(0));
  process.on('disconnect', () => process.exit(0));
  process.send?.({ id: 0, value: info } satisfies Reply);
}

export interface Child<T> {
  info: T;
  pid: number;
  call<R = unknown>(op: string, args?: unknown): Promise<R>;
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts `file` (TypeScript, run through tsx on the sources) and waits for its info. */
export function startChild<T>(
  file: string | URL,
  options: { env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<Child<T>> {
  const path = typeof file === 'string' ? file : fileURLToPath(file);
  const child: ChildProcess = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--conditions=@monban/source', '--import', 'tsx', path],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, ...options.env } },
  );
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 1;
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const error = new Error(`${path} exited with ${code}`);
      reject(error);
      for (const p of pending.values()) p.reject(error);
    });
    child.on('message', (reply: Reply) => {
      if (reply.id === 0) {
        const call = <R>(op: string, args?: unknown) =>
          new Promise<R>((res, rej) => {
            const id = next++;
            pending.set(id, { resolve: res as (v: unknown) => void, reject: rej });
            child.send({ id, op, args } satisfies Request);
          });
        resolve({
          info: reply.value as T,
          pid: child.pid as number,
          call,
          cpuMs: async () => cpuMs(await call<NodeJS.CpuUsage>('cpu')),
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
        return;
      }
      const waiting = pending.get(reply.id);
      if (waiting === undefined) return;
      pending.delete(reply.id);
      if (reply.error !== undefined) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply.value);
    });
  });
}
