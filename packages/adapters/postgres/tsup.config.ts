import { monbanTsup } from '../../../tsup.base';

export default monbanTsup({ index: 'src/index.ts', 'monban-migrate': 'src/bin/monban-migrate.ts' });
