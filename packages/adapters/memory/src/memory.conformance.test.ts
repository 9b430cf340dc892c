import { describeStorageConformance } from '@monban/test-utils';
import { createMemoryStorage } from './createMemoryStorage.js';

describeStorageConformance('memory', async () => {
  const storage = createMemoryStorage();
  return { storage, makeUnavailable: async () => storage.setUnavailable(true) };
});
