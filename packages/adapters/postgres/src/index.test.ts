import { expect, test } from 'vitest';
import * as api from './index.js';

test('public surface: exactly these runtime exports', () => {
  expect(Object.keys(api).sort()).toEqual(['createPostgresStorage', 'migrate', 'openPglite']);
});
