import { expect, test } from 'vitest';
import * as api from './index.js';

test('surface', () => {
  expect(Object.keys(api)).toContain('version');
});
