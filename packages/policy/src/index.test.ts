import { expect, test } from 'vitest';
import * as api from './index';

test('surface', () => {
  expect(Object.keys(api)).toContain('version');
});
