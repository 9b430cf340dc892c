import { defineConfig, mergeConfig } from 'vitest/config';
import { monbanVitest } from '../../vitest.shared.ts';

/**
 * Every engine test runs on the memory storage. The acceptance cases of the security and
 * session files run again on embedded PGlite, a real PostgreSQL and the production layout
 * (PostgreSQL + Redis): the servers' URLs come from `DATABASE_URL` and `REDIS_URL`.
 */
const onRealStorage = [
  'src/epoch.test.ts',
  'src/sessionEpoch.test.ts',
  'src/races.test.ts',
  'src/totpSkew.test.ts',
  'src/controlCharacters.test.ts',
  'src/recovery.test.ts',
  'src/login.test.ts',
  'src/sessions.test.ts',
  'src/devices.test.ts',
  'src/settings.test.ts',
  'src/firstLogin.test.ts',
  'src/recoveryCodes.test.ts',
  'src/lostDevice.test.ts',
  'src/resumeFirstLogin.test.ts',
];

const backend = (name: string) => ({
  extends: true as const,
  test: {
    name,
    include: onRealStorage,
    setupFiles: ['src/backends/setup.ts'],
    env: { MONBAN_ENGINE_BACKEND: name },
    // PGlite: one database per worker, shared by its files in turn (see backends/openBackend.ts).
    isolate: name !== 'pglite',
  },
});

export default mergeConfig(
  monbanVitest,
  defineConfig({
    test: {
      projects: [
        { extends: true, test: { name: 'memory' } },
        backend('pglite'),
        backend('postgres'),
        backend('postgres+redis'),
      ],
    },
  }),
);
