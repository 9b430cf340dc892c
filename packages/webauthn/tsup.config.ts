import { monbanTsup } from '../../tsup.base';

export default monbanTsup({ index: 'src/index.ts' });
