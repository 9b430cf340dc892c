/** PostgreSQL helpers for the cross-backend tests (a migrated schema of its own per file). */
import { migrate } from '@monban/postgres';
import pg from 'pg';

export interface TestSchema {
  name: string;
  pool(options?: pg.PoolConfig): pg.Pool;
  drop(): Promise<void>;
}

export async function createTestSchema(url: string, prefix: string): Promise<TestSchema> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  await admin.query(`CREATE SCHEMA "${name}"`);
  await admin.end();
  const pool = (options: pg.PoolConfig = {}) => {
    const created = new pg.Pool({
      connectionString: url,
      options: `-c search_path=${name}`,
      ...options,
    });
    created.on('error', () => {});
    return created;
  };
  const migrator = pool({ max: 1 });
  await migrate(migrator);
  await migrator.end();
  return {
    name,
    pool,
    async drop() {
      const dropper = new pg.Pool({ connectionString: url, max: 1 });
      await dropper.query(`DROP SCHEMA "${name}" CASCADE`);
      await dropper.end();
    },
  };
}
