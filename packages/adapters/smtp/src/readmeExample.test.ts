import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

it('the README example sends a Japanese one-time code mail over SMTP', async () => {
  const example = fileURLToPath(new URL('../examples/send-over-smtp.ts', import.meta.url));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--conditions', '@monban/source', example],
    { cwd: fileURLToPath(new URL('..', import.meta.url)) },
  );
  expect(stdout).toContain(
    'received: 【味の素健康保険組合】ワンタイムパスワードのお知らせ | to: taro@example.jp',
  );
  expect(stdout).toContain('text part has the code: true');
  expect(stdout).toContain('html part has the code: true');
});
