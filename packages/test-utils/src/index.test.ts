import { expect, test } from 'vitest';
import * as api from './index.js';

test('public surface: exactly these runtime exports', () => {
  expect(Object.keys(api).sort()).toEqual([
    'createManualClock',
    'createSoftwareAuthenticator',
    'createTestFactor',
    'describeStorageConformance',
    'makeAccount',
    'makeCredential',
    'makeFlow',
    'makeSession',
    'makeTokenRecord',
    'testFactorCode',
  ]);
});
