import { describe, expect, it } from 'vitest';
import { setupEnv } from './harness.js';
import { type CheckedAnswer, createAnswerCheck } from './openapiCheck.js';

const json = (status: number, body: unknown): CheckedAnswer => ({
  status,
  contentType: 'application/json; charset=utf-8',
  text: JSON.stringify(body),
});

const flow = {
  tenantId: 'daiwa',
  kind: 'first-login',
  status: 'active',
  step: 'verify-birthdate',
  pending: ['verify-birthdate', 'choose-method'],
  done: [],
  expiresAt: 1775001800000,
  factors: ['totp', 'passkey'],
  chosenFactor: null,
  devices: [],
  emailVerificationSentTo: null,
  termsVersion: '2025-04',
  ceremony: null,
  recoveryCode: false,
  lostDevice: false,
  registeredEmail: null,
};

describe('the OpenAPI answer check of the contract suite', () => {
  const check = createAnswerCheck(setupEnv().http.openapi());

  it('accepts answers as the layer writes them, success and error', () => {
    expect(() => check('POST', '/daiwa/login', json(200, { flow }))).not.toThrow();
    expect(() => check('GET', '/daiwa/settings/factors', json(200, { factors: [] }))).not.toThrow();
    const error = { code: 'STEP_NOT_ALLOWED', message: 'x', details: { step: null } };
    expect(() => check('POST', '/daiwa/flow/terms', json(409, error))).not.toThrow();
    expect(() =>
      check('GET', '/daiwa/nowhere', json(404, { code: 'ROUTE_NOT_FOUND', message: 'x' })),
    ).not.toThrow();
  });

  it('refuses a field the document does not name, a missing field and a wrong type', () => {
    expect(() => check('POST', '/daiwa/login', json(200, { flow: { ...flow, extra: 1 } }))).toThrow(
      /additional properties/,
    );
    const { tenantId: _gone, ...withoutTenant } = flow;
    expect(() => check('POST', '/daiwa/login', json(200, { flow: withoutTenant }))).toThrow(
      /tenantId/,
    );
    expect(() =>
      check('POST', '/daiwa/login', json(200, { flow: { ...flow, step: 'dance' } })),
    ).toThrow(/FlowResponse/);
    expect(() => check('GET', '/daiwa/session', json(200, { session: { id: 'x' } }))).toThrow();
  });

  it('refuses a success status the operation does not declare, an error without a code, and non-JSON', () => {
    expect(() => check('POST', '/daiwa/recovery/password', json(200, {}))).toThrow(
      /does not declare/,
    );
    expect(() => check('POST', '/daiwa/login', json(401, { message: 'x' }))).toThrow(/code/);
    expect(() =>
      check('GET', '/daiwa/csrf', { status: 200, contentType: 'text/html', text: '<p>' }),
    ).toThrow(/not JSON/);
  });
});
