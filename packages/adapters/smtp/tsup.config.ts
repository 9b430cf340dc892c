import { monbanTsup } from '../../../tsup.base';

export default monbanTsup(
  { index: 'src/index.ts', 'dev-mailbox': 'src/devMailbox/index.ts' },
  { platform: 'node' },
);
