import { monbanTsup } from '../../tsup.base';

export default monbanTsup({
  index: 'src/index.ts',
  ports: 'src/ports/index.ts',
  machine: 'src/machine/index.ts',
  internal: 'src/internal/index.ts',
});
