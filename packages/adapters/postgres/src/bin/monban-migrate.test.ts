import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createTestSchema, databaseUrl } from '../internal/testing/services.js';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('./monban-migrate.ts', import.meta.url));
const node = (args: string[], env: NodeJS.ProcessEnv) =>
  run(process.execPath, ['--conditions=@monban/source', '--import', 'tsx', bin, ...args], {
    env: { ...process.env, ...env },
  });

describe('monban-migrate', () => {
  it('--help prints the usage and exit 0 without touching any database', async () => {
    const { stdout, stderr } = await node(['--help'], {
      DATABASE_URL: 'postgres://u@127.0.0.1:1/x',
    });
    expect(stdout).toMatch(/^usage: monban-migrate \[postgres-url\]/);
    expect(stdout).toContain('DATABASE_URL');
    expect(stderr).toBe('');
  });

  it('refuses an unknown option with exit 2 and the usage', async () => {
    const failed = await node(['--version'], {}).catch((e) => e);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('monban-migrate: unknown option --version');
    expect(failed.stderr).toContain('usage: monban-migrate');
  });

  it('exits 1 with a message (no password) when the server is unreachable', async () => {
    const failed = await node(['postgres://u:hunter2@127.0.0.1:1/x'], {}).catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('monban-migrate: failed: PostgreSQL connection failed');
    expect(failed.stderr).not.toContain('hunter2');
  });

  const url = databaseUrl();
  it.skipIf(!url)('migrates DATABASE_URL and is idempotent', async () => {
    const schema = await createTestSchema(url!, 'bin');
    try {
      const target = new URL(url!);
      target.searchParams.set('options', `-c search_path=${schema.name}`);
      const { stdout } = await node([], { DATABASE_URL: target.toString() });
      expect(stdout).toContain('up to date (schema version 2)');
    } finally {
      await schema.drop();
    }
  });
});
