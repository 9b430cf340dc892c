import { randomBytes } from 'node:crypto';
import { access, constants, cp, mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { MonbanError } from '@monban/core';
import type { PgliteLike } from './internal/db.js';

/**
 * The database {@link openPglite} resolves with: an `@electric-sql/pglite` `PGlite` instance,
 * typed by what Monban and most applications use, so that this package's types never require
 * PGlite's (cast to `PGlite` for the rest of its API).
 *
 * @example
 * ```ts
 * import type { PGlite } from '@electric-sql/pglite';
 * import { openPglite } from '@monban/postgres';
 *
 * const db = await openPglite({ dataDir: './monban-data' });
 * await db.exec('VACUUM');
 * const pglite = db as unknown as PGlite; // the whole PGlite API, e.g. pglite.dumpDataDir()
 * process.once('SIGTERM', () => void db.close());
 * ```
 */
export interface OpenedPglite extends PgliteLike {
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<unknown>;
  /** Shuts the database down cleanly; call it when the application stops. */
  close(): Promise<void>;
  /** Whether `close` has been called. */
  readonly closed: boolean;
}

/**
 * Why {@link openPglite} could not open a data directory (`error.params.reason`).
 *
 * @example
 * ```ts
 * import { isMonbanError } from '@monban/core';
 * import { openPglite } from '@monban/postgres';
 *
 * const db = await openPglite({ dataDir: './monban-data' }).catch((error: unknown) => {
 *   if (isMonbanError(error) && error.params.reason === 'PGLITE_DATA_DIR_UNUSABLE') {
 *     console.error(error.message); // names the directory: move it aside or delete it
 *     process.exit(1);
 *   }
 *   throw error;
 * });
 * ```
 */
export type PgliteDataDirReason =
  /** `dataDir` names a file, or a path through a file. */
  | 'PGLITE_DATA_DIR_NOT_DIRECTORY'
  /** `dataDir` holds files but no PGlite database: it is not ours to write into. */
  | 'PGLITE_DATA_DIR_NOT_EMPTY'
  /** `dataDir` (or its parent) cannot be created, read or written. */
  | 'PGLITE_DATA_DIR_NOT_WRITABLE'
  /** `dataDir` holds a PGlite database that PGlite cannot start (damaged, or another version). */
  | 'PGLITE_DATA_DIR_UNUSABLE'
  /** `@electric-sql/pglite` is not installed. */
  | 'PGLITE_NOT_INSTALLED';

/**
 * Server settings of every database `openPglite` creates or opens. PostgreSQL's default 128 MB
 * of shared buffers is touched at start-up and costs that much resident memory; 16 MB is plenty
 * for an embedded database and keeps a started instance near 170 MB. Written into
 * `postgresql.conf` too, so a later plain `new PGlite(dataDir)` uses them as well.
 */
const SETTINGS = ['-c', 'shared_buffers=16MB', '-c', 'wal_buffers=1MB'];

/** Bump when SETTINGS change, so no template made with the old ones is reused. */
const TEMPLATE_NAME = 'pglite-template-v1';

const fail = (reason: PgliteDataDirReason, dataDir: string, message: string, cause?: unknown) =>
  new MonbanError('STORAGE_UNAVAILABLE', message, {
    params: { reason, dataDir },
    ...(cause === undefined ? {} : { cause }),
  });

const errnoOf = (error: unknown): string | undefined =>
  typeof error === 'object' &&
  error !== null &&
  typeof (error as { code?: unknown }).code === 'string'
    ? (error as { code: string }).code
    : undefined;

const isDatabase = async (dir: string) =>
  stat(join(dir, 'PG_VERSION')).then(
    (s) => s.isFile(),
    () => false,
  );

/** `fresh`: missing or empty; `database`: holds PG_VERSION. Throws for anything else. */
async function inspect(dataDir: string): Promise<'fresh' | 'database'> {
  let entries: string[];
  try {
    const info = await stat(dataDir);
    if (!info.isDirectory()) {
      throw fail(
        'PGLITE_DATA_DIR_NOT_DIRECTORY',
        dataDir,
        `PGlite data directory ${dataDir} is a file, not a directory: point dataDir at a new or empty directory`,
      );
    }
    entries = await readdir(dataDir);
  } catch (error) {
    if (error instanceof MonbanError) throw error;
    const errno = errnoOf(error);
    if (errno === 'ENOENT') return 'fresh';
    if (errno === 'ENOTDIR') {
      throw fail(
        'PGLITE_DATA_DIR_NOT_DIRECTORY',
        dataDir,
        `PGlite data directory ${dataDir} lies under a file (ENOTDIR): point dataDir at a new or empty directory`,
        error,
      );
    }
    throw fail(
      'PGLITE_DATA_DIR_NOT_WRITABLE',
      dataDir,
      `PGlite data directory ${dataDir} cannot be read (${errno ?? String(error)}): check its permissions`,
      error,
    );
  }
  if (entries.includes('PG_VERSION')) return 'database';
  if (entries.length > 0) {
    throw fail(
      'PGLITE_DATA_DIR_NOT_EMPTY',
      dataDir,
      `PGlite data directory ${dataDir} holds other files (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}) but no database: point dataDir at a new or empty directory`,
    );
  }
  return 'fresh';
}

async function writable(dir: string, dataDir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (error) {
    const errno = errnoOf(error);
    throw fail(
      errno === 'ENOTDIR' || errno === 'EEXIST'
        ? 'PGLITE_DATA_DIR_NOT_DIRECTORY'
        : 'PGLITE_DATA_DIR_NOT_WRITABLE',
      dataDir,
      `PGlite data directory ${dataDir} cannot be created in ${dir} (${errno ?? String(error)}): check the path and its permissions`,
      error,
    );
  }
}

/** A sibling path of `path` for writing before an atomic rename into place. */
const scratch = (path: string) =>
  join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);

/** Whether process `pid` is alive on this machine. */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errnoOf(error) === 'EPERM';
  }
};

/** Removes the scratch directories of `path` left by processes killed while writing them. */
async function sweepScratch(path: string): Promise<void> {
  const prefix = `.${basename(path)}.tmp-`;
  const entries = await readdir(dirname(path)).catch(() => [] as string[]);
  for (const entry of entries) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && !alive(pid)) {
      await rm(join(dirname(path), entry), { recursive: true, force: true });
    }
  }
}

type PgliteClass = typeof PGlite;

async function loadPglite(dataDir: string): Promise<PgliteClass> {
  try {
    return (await import('@electric-sql/pglite')).PGlite;
  } catch (error) {
    throw fail(
      'PGLITE_NOT_INSTALLED',
      dataDir,
      'openPglite needs @electric-sql/pglite: npm install @electric-sql/pglite',
      error,
    );
  }
}

const create = (Pglite: PgliteClass, dataDir: string) =>
  Pglite.create(dataDir, {
    startParams: [...Pglite.defaultStartParams, ...SETTINGS],
    initDbStartParams: SETTINGS,
  });

/**
 * Makes the template database (PGlite's `initdb`, the slow, memory-hungry part of a first start)
 * once, in a scratch directory renamed into place when complete, so a crash never leaves half a
 * template and two processes racing both end up with one.
 */
async function ensureTemplate(Pglite: PgliteClass, template: string, dataDir: string) {
  if (await isDatabase(template)) return;
  await writable(dirname(template), dataDir);
  await sweepScratch(template);
  const tmp = scratch(template);
  try {
    const db = await create(Pglite, tmp);
    await db.close();
    await rename(tmp, template).catch(async (error: unknown) => {
      if (!(await isDatabase(template))) throw error;
    });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** The per-user template location: `$XDG_CACHE_HOME/monban` or `~/.cache/monban`. */
const defaultTemplateDir = () =>
  join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'monban', TEMPLATE_NAME);

/**
 * Opens (creating it when missing or empty) an embedded PGlite database in `dataDir`, ready to
 * answer, for `createPostgresStorage` and `migrate`. Every fault is reported here, before your
 * server listens, as `MonbanError('STORAGE_UNAVAILABLE')` whose `params.reason` (a
 * {@link PgliteDataDirReason}) and `params.dataDir` say which directory and why, and whose
 * message says what to do. A database left by a killed process (even `kill -9` in the middle of
 * writes) is recovered by PostgreSQL's own crash recovery on the next open.
 *
 * A new database starts as a copy of a template made once per user and PGlite settings (in
 * `templateDir`, by default `~/.cache/monban/pglite-template-v1`): PGlite's `initdb` takes
 * seconds and about 800 MB of memory, a copy a fraction of a second. Pass `templateDir: false`
 * to have PGlite initialise every new directory itself. Databases run with 16 MB of shared
 * buffers instead of PostgreSQL's 128 MB (about 170 MB resident instead of 300 MB).
 *
 * @example
 * ```ts
 * import { createPostgresStorage, openPglite } from '@monban/postgres';
 *
 * const db = await openPglite({ dataDir: './monban-data' }); // throws before anything listens
 * const storage = createPostgresStorage({ db, migrate: true });
 * // … build the app, then listen; on shutdown: await db.close();
 * ```
 */
export async function openPglite({
  dataDir,
  templateDir,
}: {
  /** A directory path: created when missing; empty, or holding a database made by PGlite. */
  dataDir: string;
  /** Where the template database is kept (default: the user's cache); `false` for none. */
  templateDir?: string | false;
}): Promise<OpenedPglite> {
  if (typeof dataDir !== 'string' || dataDir === '' || /^[a-z]+:\/\//i.test(dataDir)) {
    throw new TypeError('openPglite: dataDir must be a directory path (not a URL)');
  }
  if (templateDir !== undefined && templateDir !== false && typeof templateDir !== 'string') {
    throw new TypeError('openPglite: templateDir must be a directory path or false');
  }
  const dir = resolve(dataDir);
  const state = await inspect(dir);
  const Pglite = await loadPglite(dir);
  if (state === 'fresh') {
    await writable(dirname(dir), dir);
    if (templateDir !== false) {
      const template = resolve(templateDir ?? defaultTemplateDir());
      await ensureTemplate(Pglite, template, dir);
      await sweepScratch(dir);
      const tmp = scratch(dir);
      try {
        await cp(template, tmp, { recursive: true });
        // Renaming over a missing or empty directory is atomic: a crash leaves no half database.
        await rmdir(dir).catch(() => undefined);
        await rename(tmp, dir);
      } catch (error) {
        await rm(tmp, { recursive: true, force: true });
        throw fail(
          'PGLITE_DATA_DIR_NOT_WRITABLE',
          dir,
          `PGlite data directory ${dir} could not be created from the template in ${template} (${errnoOf(error) ?? String(error)})`,
          error,
        );
      }
    }
  }
  try {
    return await create(Pglite, dir);
  } catch (error) {
    throw fail(
      'PGLITE_DATA_DIR_UNUSABLE',
      dir,
      `PGlite could not start the database in ${dir} (${error instanceof Error ? error.message : String(error)}): it is damaged or was written by another PGlite version. Move the directory aside to keep it, or delete it to start over with an empty database`,
      error,
    );
  }
}
