import { monbanVitest } from '../../vitest.shared.ts';

export default monbanVitest;
