import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PgliteSqlClient, PgSqlClient } from '@app/database';
import { auditDataSourceOptions } from '../database/audit-data-source';

export interface AuditTarget {
  engine: 'pglite' | 'postgres';
  dataSource: DataSource;
  dispose(): Promise<void>;
}

/** The audit tables on a fresh in-memory PGlite instance, shared the way the embedded platform shares it. */
export async function pgliteAuditTarget(): Promise<AuditTarget> {
  const sql = await PgliteSqlClient.open();
  const dataSource = await new DataSource(auditDataSourceOptions({ pglite: sql.unwrap() })).initialize();
  return {
    engine: 'pglite',
    dataSource,
    dispose: async () => {
      await dataSource.destroy();
      await sql.close();
    },
  };
}

/** The audit tables in a schema of their own on the server at DATABASE_URL, dropped afterwards. */
export async function postgresAuditTarget(): Promise<AuditTarget> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const schema = `audit_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new PgSqlClient({ connectionString: url, maxConnections: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const dataSource = await new DataSource(auditDataSourceOptions({ databaseUrl: url, schema, maxConnections: 4 })).initialize();
  return {
    engine: 'postgres',
    dataSource,
    dispose: async () => {
      await dataSource.destroy();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
}
