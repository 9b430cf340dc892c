import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStorage } from './createPostgresStorage.js';
import { migrate } from './migrate.js';
import { openPglite } from './openPglite.js';

// Real PGlite on real directories. Each start of PGlite costs a second or more of CPU (and the
// template, made once in beforeAll, several), so this file has the shared generous time-outs.
let root: string;
let templateDir: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'monban-open-pglite-'));
  templateDir = join(root, 'template');
  const db = await openPglite({ dataDir: join(root, 'first'), templateDir });
  await db.close();
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const reasonOf = async (promise: Promise<unknown>) => {
  const error = (await promise.then(
    () => expect.unreachable('opened'),
    (e: unknown) => e,
  )) as { name: string; code: string; message: string; params: Record<string, unknown> };
  expect(error.name).toBe('MonbanError');
  expect(error.code).toBe('STORAGE_UNAVAILABLE');
  return error;
};

describe('openPglite: new databases', () => {
  it('creates a missing directory from the template, ready to migrate and use', async () => {
    const dataDir = join(root, 'new', 'nested');
    const db = await openPglite({ dataDir, templateDir });
    try {
      expect(await migrate(db)).toMatchObject({ version: expect.any(Number) });
      const storage = createPostgresStorage({ db });
      expect(await storage.accounts.findByUserId('t1', 'nobody')).toBeNull();
      const shared = await db.query<{ shared_buffers: string }>('SHOW shared_buffers');
      expect(shared.rows[0]?.shared_buffers).toBe('16MB');
    } finally {
      await db.close();
    }
    // The copy went through a scratch directory that is gone now.
    expect((await readdir(join(root, 'new'))).sort()).toEqual(['nested']);
  });

  it('creates a database in an existing empty directory, and reopens it with its data', async () => {
    const dataDir = join(root, 'empty');
    await mkdir(dataDir);
    const db = await openPglite({ dataDir, templateDir });
    await db.exec('CREATE TABLE kept (v text); INSERT INTO kept VALUES ($$yes$$)');
    await db.close();
    const again = await openPglite({ dataDir, templateDir });
    expect((await again.query('SELECT v FROM kept')).rows).toEqual([{ v: 'yes' }]);
    await again.close();
    // The template itself was not written to.
    const template = await openPglite({ dataDir: join(root, 'empty-2'), templateDir });
    expect((await template.query(`SELECT to_regclass('kept') AS t`)).rows).toEqual([{ t: null }]);
    await template.close();
  });

  it('removes scratch copies left by killed processes, and keeps those of live ones', async () => {
    const dataDir = join(root, 'after-crash');
    // A process killed while copying leaves `.after-crash.tmp-<pid>-<random>` beside the target.
    const dead = join(root, '.after-crash.tmp-999999999-dead');
    const live = join(root, `.after-crash.tmp-${process.pid}-live`);
    await mkdir(dead);
    await mkdir(live);
    const db = await openPglite({ dataDir, templateDir });
    await db.close();
    const left = await readdir(root);
    expect(left).not.toContain('.after-crash.tmp-999999999-dead');
    expect(left).toContain(`.after-crash.tmp-${process.pid}-live`);
    await rm(live, { recursive: true });
  });

  it('refuses URLs and non-strings as caller mistakes', async () => {
    await expect(openPglite({ dataDir: 'memory://x' })).rejects.toThrow(TypeError);
    await expect(openPglite({ dataDir: '' })).rejects.toThrow(TypeError);
    await expect(openPglite({ dataDir: join(root, 'x'), templateDir: 1 as never })).rejects.toThrow(
      TypeError,
    );
  });
});

describe('openPglite: unusable data directories fail before anything starts', () => {
  it('a file, or a path through a file: PGLITE_DATA_DIR_NOT_DIRECTORY naming it', async () => {
    const file = join(root, 'a-file');
    await writeFile(file, 'not a database');
    for (const dataDir of [file, join(file, 'sub')]) {
      const error = await reasonOf(openPglite({ dataDir, templateDir }));
      expect(error.params).toEqual({ reason: 'PGLITE_DATA_DIR_NOT_DIRECTORY', dataDir });
      expect(error.message).toContain(dataDir);
      expect(error.message).toMatch(/new or empty directory/);
    }
    expect(await readFile(file, 'utf8')).toBe('not a database');
  });

  it('a directory of other files: PGLITE_DATA_DIR_NOT_EMPTY, and the files are left alone', async () => {
    const dataDir = join(root, 'documents');
    await mkdir(dataDir);
    await writeFile(join(dataDir, 'notes.txt'), 'mine');
    const error = await reasonOf(openPglite({ dataDir, templateDir }));
    expect(error.params).toEqual({ reason: 'PGLITE_DATA_DIR_NOT_EMPTY', dataDir });
    expect(error.message).toContain('notes.txt');
    expect(await readdir(dataDir)).toEqual(['notes.txt']);
  });

  it('a damaged database: PGLITE_DATA_DIR_UNUSABLE saying to move it aside or delete it', async () => {
    for (const [name, damage] of [
      ['wrong-version', (dir: string) => writeFile(join(dir, 'PG_VERSION'), '16\n')],
      ['torn-control', (dir: string) => truncate(join(dir, 'global', 'pg_control'), 100)],
      ['no-base', (dir: string) => rm(join(dir, 'base'), { recursive: true })],
    ] as const) {
      const dataDir = join(root, name);
      await (await openPglite({ dataDir, templateDir })).close();
      await damage(dataDir);
      const error = await reasonOf(openPglite({ dataDir, templateDir }));
      expect(error.params).toEqual({ reason: 'PGLITE_DATA_DIR_UNUSABLE', dataDir });
      expect(error.message).toContain(dataDir);
      expect(error.message).toMatch(/delete it to start over/);
    }
  });

  it('a template location that cannot be created: PGLITE_DATA_DIR_NOT_DIRECTORY', async () => {
    const file = join(root, 'template-file');
    await writeFile(file, '');
    const dataDir = join(root, 'needs-template');
    const error = await reasonOf(openPglite({ dataDir, templateDir: join(file, 't') }));
    expect(error.params).toMatchObject({ reason: 'PGLITE_DATA_DIR_NOT_DIRECTORY', dataDir });
  });
});

describe('openPglite: a process killed with SIGKILL in the middle of writes', () => {
  it('leaves a directory that opens again with every committed row', async () => {
    const dataDir = join(root, 'killed');
    const db = await openPglite({ dataDir, templateDir });
    await db.exec('CREATE TABLE t (i integer PRIMARY KEY, s text)');
    await db.close();
    // A separate process writes until it is killed; it reports each committed row on stdout.
    const writer = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { PGlite } from '@electric-sql/pglite';
         const db = new PGlite(process.argv[1]);
         for (let i = 1; ; i++) {
           await db.query('INSERT INTO t VALUES ($1, repeat($2, 200))', [i, 'x']);
           process.stdout.write(i + '\\n');
         }`,
        dataDir,
      ],
      { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let committed = 0;
    await new Promise<void>((resolve, reject) => {
      writer.stdout.on('data', (chunk: Buffer) => {
        const lines = chunk.toString().trim().split('\n');
        committed = Number(lines[lines.length - 1]);
        if (committed >= 200 && writer.exitCode === null) {
          writer.kill('SIGKILL');
          resolve();
        }
      });
      writer.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
    });
    await new Promise((resolve) => writer.once('exit', resolve));
    const again = await openPglite({ dataDir, templateDir });
    const { rows } = await again.query<{ n: number }>('SELECT count(*)::int AS n FROM t');
    expect(rows[0]?.n).toBeGreaterThanOrEqual(committed);
    await again.close();
  });
});
