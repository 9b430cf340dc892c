import { describe, expect, it } from 'vitest';
import { setupEnv } from '../test/harness.js';
import * as http from './index.js';

describe('@monban/http public surface', () => {
  it('exports exactly these values', () => {
    expect(Object.keys(http).sort()).toEqual([
      'AdapterRequest',
      'createMonbanHttp',
      'describeUserAgent',
      'resolveReturnTo',
      'serializeSetCookie',
      'statusForCode',
    ]);
  });
});

describe('MonbanHttp', () => {
  it('has exactly these members (R-INT-1 added readSession and guard)', () => {
    expect(Object.keys(setupEnv().http).sort()).toEqual([
      'bodyLimitBytes',
      'guard',
      'handle',
      'monban',
      'openapi',
      'readSession',
      'routes',
    ]);
  });
});

describe('AdapterRequest', () => {
  it('reads the client address from the framework request only when asked, and keeps one shape', () => {
    let reads = 0;
    const readIp = (source: { remote: string }) => {
      reads++;
      return source.remote;
    };
    const a = new http.AdapterRequest(
      'GET',
      '/t/session',
      {},
      false,
      { remote: '10.0.0.1' },
      readIp,
    );
    const b = new http.AdapterRequest('POST', '/t/login', {}, true, { remote: '10.0.0.2' }, readIp);
    expect(reads).toBe(0);
    expect([a.ip, b.ip]).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(reads).toBe(2);
    expect(Object.keys(a)).toEqual(Object.keys(b));
    expect(a).toMatchObject({ method: 'GET', path: '/t/session', secure: false, body: undefined });
  });
});
