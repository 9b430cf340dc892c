import express from 'express';
import { describeAttacks, listening } from '../../../http/test/attacks.js';
import { monbanExpress } from './monbanExpress.js';

describeAttacks('express', async (http) => {
  const app = express();
  app.use('/auth', monbanExpress({ http }));
  return listening(app.listen(0, '127.0.0.1'), '/auth');
});
