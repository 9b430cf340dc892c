import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { setupEnv } from '../../../http/test/harness.js';
import * as pkg from './index.js';

describe('@monban/fastify public surface', () => {
  it('exports exactly monbanFastify', () => {
    expect(Object.keys(pkg).sort()).toEqual(['monbanFastify']);
  });

  it('decorates the registering instance with exactly these members (R-INT-1)', async () => {
    const app = Fastify();
    await app.register(pkg.monbanFastify, { http: setupEnv().http, prefix: '/auth' });
    expect(Object.keys(app.monban).sort()).toEqual([
      'http',
      'readSession',
      'requireRecentAuth',
      'requireSession',
    ]);
    await app.close();
  });
});
