import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);

it('the core README example (Daiwa first login, 40 lines) runs and signs the member in', async () => {
  const example = fileURLToPath(new URL('../examples/daiwa-first-login.ts', import.meta.url));
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', '--conditions', '@monban/source', example],
    {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    },
  );
  expect(stdout).toContain(
    'steps: verify-birthdate -> accept-terms -> choose-method -> update-password -> update-email -> configure-factor',
  );
  expect(stdout).toContain('signed in as my-new-id | flow: completed');
});

it('the core README settings-and-recovery example runs end to end', async () => {
  const example = fileURLToPath(new URL('../examples/settings-and-recovery.ts', import.meta.url));
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', '--conditions', '@monban/source', example],
    {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    },
  );
  expect(stdout).toContain('factors: iPhone');
  expect(stdout).toContain(
    'recovery steps: verify-birthdate -> configure-factor -> update-password',
  );
  expect(stdout).toContain('after reset: completed | old session valid: false');
  expect(stdout).toContain(
    'mailed: userIdChanged, passwordChanged, verifyEmail, emailChanged, passwordReset, factorRemoved, passwordChanged, userIdReminder',
  );
});
