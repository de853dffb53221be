import { SqlClient } from './sql-client';

export interface Migration {
  /** Unique within its set, applied in ascending order. */
  version: number;
  name: string;
  sql: string;
}

/**
 * Applies the pending migrations of one named set, each in its own transaction. A transaction-scoped
 * advisory lock keyed on the set makes concurrent starters (several app instances) apply each
 * migration once; the others wait and then find nothing to do.
 */
export async function migrate(client: SqlClient, set: string, migrations: readonly Migration[]): Promise<number[]> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    migration_set text NOT NULL,
    version integer NOT NULL,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (migration_set, version)
  )`).catch(async (error) => {
    // Two processes racing on CREATE TABLE IF NOT EXISTS can collide on the catalog; the loser retries once.
    await client.query('SELECT 1 FROM schema_migrations LIMIT 0').catch(() => {
      throw error;
    });
  });
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    const didApply = await client.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrations:${set}`]);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE migration_set = $1 AND version = $2', [
        set,
        migration.version,
      ]);
      if (done.rows.length > 0) return false;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (migration_set, version, name) VALUES ($1, $2, $3)', [
        set,
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (didApply) applied.push(migration.version);
  }
  return applied;
}
