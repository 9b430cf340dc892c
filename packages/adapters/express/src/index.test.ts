import { describe, expect, it } from 'vitest';
import * as pkg from './index.js';

describe('@monban/express public surface', () => {
  it('exports exactly monbanExpress', () => {
    expect(Object.keys(pkg).sort()).toEqual(['monbanExpress']);
  });
});
