import { randomUUID } from 'node:crypto';
import { PgSqlClient, PgliteSqlClient, SqlClient } from '@app/database';
import { PostgresEventStore, PostgresEventStoreOptions } from '../postgres/postgres-event-store';
import { ContractTarget } from './event-store.contract';

export interface PostgresTarget extends ContractTarget {
  store: PostgresEventStore;
  sql: SqlClient;
  /** The schema the target's tables live in, when on a server. */
  schema?: string;
}

/** A store on a fresh in-memory PGlite database. */
export async function pgliteTarget(options?: PostgresEventStoreOptions): Promise<PostgresTarget> {
  const sql = await PgliteSqlClient.open();
  const store = await PostgresEventStore.create(sql, options);
  return {
    store,
    sql,
    dispose: async () => {
      await store.close();
      await sql.close();
    },
  };
}

/** A store in a schema of its own on the server at DATABASE_URL, dropped afterwards. */
export async function postgresServerTarget(options?: PostgresEventStoreOptions): Promise<PostgresTarget> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const schema = `es_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new PgSqlClient({ connectionString: url, maxConnections: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const sql = new PgSqlClient({ connectionString: url, schema, maxConnections: 12 });
  const store = await PostgresEventStore.create(sql, options);
  return {
    store,
    sql,
    schema,
    dispose: async () => {
      await store.close();
      await sql.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
}
