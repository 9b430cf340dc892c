import { describe, expect, it } from 'vitest';
import * as http from './index.js';

describe('@monban/http public surface', () => {
  it('exports exactly these values', () => {
    expect(Object.keys(http).sort()).toEqual([
      'createMonbanHttp',
      'resolveReturnTo',
      'serializeSetCookie',
      'statusForCode',
    ]);
  });
});
