// Runs the README example as a user would (Node + tsx), on the package sources. Kept outside
// src/ because it needs Node APIs, which this runtime-agnostic package does not type-check.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

it('the README example enrolls email OTP and signs in with an emailed code', async () => {
  const example = fileURLToPath(new URL('../examples/login-with-emailed-code.ts', import.meta.url));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--conditions', '@monban/source', example],
    { cwd: fileURLToPath(new URL('..', import.meta.url)) },
  );
  expect(stdout).toContain('first login: completed');
  expect(stdout).toContain('mail subject: 【デモ健康保険組合】ワンタイムパスワードのお知らせ');
  expect(stdout).toContain('signed in: true');
});
