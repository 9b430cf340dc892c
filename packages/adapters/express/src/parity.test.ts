import type { AddressInfo } from 'node:net';
import express from 'express';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { Client } from '../../../http/test/client.js';
import { setupEnv, TEMP_PASSWORD } from '../../../http/test/harness.js';
import { monbanFastify } from '../../fastify/src/monbanFastify.js';
import { monbanExpress } from './monbanExpress.js';

const KEPT = [
  'content-type',
  'cache-control',
  'content-language',
  'x-content-type-options',
  'vary',
  'allow',
  'retry-after',
  'content-length',
];

/** Status, the layer's headers, cookie names and attributes, and the body (random values masked). */
async function transcript(base: string, env: ReturnType<typeof setupEnv>) {
  await env.monban.provisionMember({
    tenantId: 'daiwa',
    userId: 'parityuser',
    temporaryPassword: TEMP_PASSWORD,
    birthDate: '19801201',
  });
  const client = new Client(`${base}/daiwa`);
  const steps: [string, string, unknown?, Record<string, string>?][] = [
    ['GET', '/csrf'],
    ['GET', '/nothing'],
    ['DELETE', '/login', {}],
    ['POST', '/login', { userId: 'parityuser' }],
    ['POST', '/login', '[1]'],
    ['POST', '/login', 'x=1', { 'content-type': 'text/plain' }],
    ['POST', '/login', { userId: 'x', password: 'y'.repeat(20_000) }],
    [
      'POST',
      '/login',
      { userId: 'parityuser', password: 'wrong-one' },
      { origin: 'https://evil.example' },
    ],
    ['POST', '/login', { userId: 'parityuser', password: 'wrong-one' }],
    ['POST', '/login', { userId: 'parityuser', password: TEMP_PASSWORD }],
    ['GET', '/flow'],
    ['POST', '/flow/password', { password: 'a', confirmation: 'b' }],
    ['POST', '/flow/birth-date', { birthDate: '19801201' }],
    ['GET', '/session'],
    ['GET', '/openapi.json'],
  ];
  const out: unknown[] = [];
  for (const [method, path, body, headers] of steps) {
    const answer = await client.call(method, path, body, headers);
    out.push({
      request: `${method} ${path}`,
      status: answer.status,
      headers: Object.fromEntries(KEPT.map((h) => [h, answer.headers.get(h)])),
      csrfHeader: answer.headers.has('x-csrf-token'),
      cookies: answer.setCookies.map((c) => c.replace(/=[^;]*/, '=<value>')),
      body: answer.text.replace(/"(csrfToken|expiresAt)":("[^"]*"|\d+)/g, '"$1":"<masked>"'),
    });
  }
  return out;
}

describe('Express and Fastify answer alike', () => {
  it('same status, headers, cookies and body for the same requests', async () => {
    const a = setupEnv();
    const app = express();
    app.use('/auth', monbanExpress({ http: a.http }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const expressBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}/auth`;
    const b = setupEnv();
    const fastify = Fastify();
    await fastify.register(monbanFastify, { http: b.http, prefix: '/auth' });
    const fastifyBase = `${await fastify.listen({ port: 0, host: '127.0.0.1' })}/auth`;
    try {
      const [fromExpress, fromFastify] = [
        await transcript(expressBase, a),
        await transcript(fastifyBase, b),
      ];
      expect(fromFastify).toEqual(fromExpress);
      expect(fromExpress).toHaveLength(15);
    } finally {
      server.closeAllConnections();
      server.close();
      await fastify.close();
    }
  });
});
