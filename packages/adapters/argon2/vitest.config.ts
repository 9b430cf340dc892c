import { monbanVitest } from '../../../vitest.shared';

export default monbanVitest;
