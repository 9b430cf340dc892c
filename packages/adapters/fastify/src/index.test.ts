import { describe, expect, it } from 'vitest';
import * as pkg from './index.js';

describe('@monban/fastify public surface', () => {
  it('exports exactly monbanFastify', () => {
    expect(Object.keys(pkg).sort()).toEqual(['monbanFastify']);
  });
});
