import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis } from './connectRedis.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

const failure = async (url: string) => {
  const error = (await connectRedis(url).then(
    (client) => {
      client.disconnect();
      return expect.unreachable(`connected to ${url}`);
    },
    (e: unknown) => e,
  )) as { name: string; code: string; message: string; params: Record<string, unknown> };
  expect(error.name).toBe('MonbanError');
  expect(error.code).toBe('STORAGE_UNAVAILABLE');
  return error;
};

describe('connectRedis: a URL that is not Redis is a configuration mistake', () => {
  it('refuses http://, other schemes and garbage with TypeError REDIS_URL_INVALID, before connecting', async () => {
    for (const url of [
      'http://127.0.0.1:6379',
      'https://u:hunter2@redis.example',
      'localhost:6379',
      'redis://[::1',
    ]) {
      const error = await connectRedis(url).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect(error).toMatchObject({ code: 'REDIS_URL_INVALID' });
      expect((error as Error).message).toMatch(/redis:\/\//);
      expect((error as Error).message).not.toContain('hunter2');
    }
    expect(((await connectRedis('http://x').catch((e) => e)) as Error).message).toContain(
      'got a http: URL',
    );
  });
});

describe('connectRedis: distinct reasons for failed connections', () => {
  it('nothing on the port: REDIS_CONNECTION_REFUSED with host and port', async () => {
    const port = await freePort();
    const error = await failure(`redis://127.0.0.1:${port}`);
    expect(error.params).toEqual({ reason: 'REDIS_CONNECTION_REFUSED', host: '127.0.0.1', port });
    expect(error.message).toContain(`127.0.0.1:${port} refused the connection (ECONNREFUSED)`);
  });

  it('an HTTP server on the port: REDIS_PROTOCOL_ERROR', async () => {
    const http: Server = createServer((_req, res) => res.end('hello'));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    try {
      const error = await failure(`redis://127.0.0.1:${port}`);
      expect(error.params).toMatchObject({ reason: 'REDIS_PROTOCOL_ERROR', port });
    } finally {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    }
  });
});

const redisServer = (() => {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

// A Redis of its own, with a password, on a free port of 127.0.0.1 (no persistence).
describe.skipIf(!redisServer && !process.env.MONBAN_REQUIRE_SERVICES)(
  'connectRedis: credentials against a real redis-server with requirepass',
  () => {
    let server: ChildProcess;
    let port: number;
    beforeAll(async () => {
      port = await freePort();
      server = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--save',
          '',
          '--appendonly',
          'no',
          '--requirepass',
          's3cret',
        ],
        { stdio: 'ignore' },
      );
      for (let i = 0; i < 100; i++) {
        const ready = await connectRedis(`redis://:s3cret@127.0.0.1:${port}`).then(
          (client) => {
            client.disconnect();
            return true;
          },
          () => false,
        );
        if (ready) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('redis-server did not start');
    });
    afterAll(() => {
      server?.kill();
    });

    it('a wrong password: REDIS_AUTH_FAILED (WRONGPASS), never echoing the password', async () => {
      const error = await failure(`redis://:hunter2@127.0.0.1:${port}`);
      expect(error.params).toEqual({ reason: 'REDIS_AUTH_FAILED', host: '127.0.0.1', port });
      expect(error.message).toContain('refused the credentials (WRONGPASS)');
      expect(error.message).not.toContain('hunter2');
    });

    it('no password where one is required: REDIS_AUTH_FAILED (NOAUTH)', async () => {
      const error = await failure(`redis://127.0.0.1:${port}`);
      expect(error.params).toMatchObject({ reason: 'REDIS_AUTH_FAILED' });
      expect(error.message).toContain('(NOAUTH)');
    });

    it('the right password connects', async () => {
      const client = await connectRedis(`redis://:s3cret@127.0.0.1:${port}`);
      expect(await client.ping()).toBe('PONG');
      client.disconnect();
    });
  },
);
