/**
 * Vitest setup file of the real-storage projects: the file's tests run on the storage named by
 * `MONBAN_ENGINE_BACKEND` (see `vitest.config.ts`), emptied before each test.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { useDefaultStorage } from '../harness.js';
import { type Backend, type BackendName, openBackend } from './openBackend.js';

const name = process.env.MONBAN_ENGINE_BACKEND as BackendName | undefined;
if (name === undefined) throw new Error('MONBAN_ENGINE_BACKEND is not set');

let backend: Backend;
beforeAll(async () => {
  backend = await openBackend(name);
  useDefaultStorage(() => backend.storage);
});
beforeEach(async () => {
  await backend.reset();
});
afterAll(async () => {
  useDefaultStorage(undefined);
  await backend.close();
});
