import { describe, expect, it } from 'vitest';
import { makeAccount } from './makeAccount.js';
import { makeCredential } from './makeCredential.js';
import { makeFlow } from './makeFlow.js';
import { makeSession } from './makeSession.js';
import { makeTokenRecord } from './makeTokenRecord.js';

describe('record builders', () => {
  it('apply overrides and keep the other defaults', () => {
    expect(makeAccount({ userId: 'bob', email: 'b@example.com' })).toMatchObject({
      tenantId: 't1',
      accountId: 'a1',
      userId: 'bob',
      email: 'b@example.com',
      version: 1,
    });
    expect(makeCredential({ label: 'Key' })).toMatchObject({ id: 'c1', label: 'Key' });
    expect(makeSession({ id: 's9' })).toMatchObject({ id: 's9', accountId: 'a1' });
    expect(makeFlow({ version: 3 })).toMatchObject({ id: 'f1', version: 3 });
    expect(makeTokenRecord({ purpose: 'x' })).toMatchObject({ key: 'k1', purpose: 'x' });
  });

  it('build fresh objects each time, so one test cannot leak into another', () => {
    const first = makeCredential();
    first.data.lastStep = 99;
    expect(makeCredential().data).toEqual({ lastStep: 0 });
    const session = makeSession();
    session.authTimes.totp = 1;
    expect(makeSession().authTimes).toEqual({ password: 0 });
  });

  it('build sessions that are live at their creation time', () => {
    const session = makeSession();
    expect(session.idleExpiresAt).toBeGreaterThan(session.createdAt);
    expect(session.absoluteExpiresAt).toBeGreaterThan(session.idleExpiresAt);
  });
});
