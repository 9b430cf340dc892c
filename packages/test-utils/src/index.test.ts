import { expect, test } from 'vitest';
import * as api from './index.js';

test('public surface: exactly these runtime exports', () => {
  expect(Object.keys(api).sort()).toEqual([
    'TEST_START',
    'createManualClock',
    'createSoftwareAuthenticator',
    'createTestFactor',
    'createTestMonban',
    'describeStorageConformance',
    'expectOk',
    'makeAccount',
    'makeCredential',
    'makeFactorContext',
    'makeFlow',
    'makeSession',
    'makeTokenRecord',
    'testFactorCode',
    'walkFirstLogin',
  ]);
});
