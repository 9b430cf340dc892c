import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('public API', () => {
  it('exports exactly these values', () => {
    expect(Object.keys(api).sort()).toEqual([
      'WEBAUTHN_FAILURE_CODES',
      'WebAuthnError',
      'createWebAuthnFactor',
      'messages',
    ]);
  });
});
