import { randomUUID } from 'node:crypto';
import { PgliteSqlClient, PgSqlClient } from '@app/database';
import { DataSource } from 'typeorm';
import { DirectoryDatabaseConfig, directoryDataSourceOptions } from '../database/directory-data-source';

export interface DirectoryTarget {
  engine: 'pglite' | 'postgres';
  dataSource: DataSource;
  /** Another data source on the same database (and schema), as a second app instance would open. */
  openAnother(): Promise<DataSource>;
  dispose(): Promise<void>;
}

async function open(config: DirectoryDatabaseConfig): Promise<DataSource> {
  return new DataSource(directoryDataSourceOptions(config)).initialize();
}

/** The directory on a fresh in-memory PGlite instance, shared the way the embedded platform shares it. */
export async function pgliteDirectoryTarget(): Promise<DirectoryTarget & { sql: PgliteSqlClient }> {
  const sql = await PgliteSqlClient.open();
  const config = { pglite: sql.unwrap() };
  const dataSource = await open(config);
  const others: DataSource[] = [];
  return {
    engine: 'pglite',
    sql,
    dataSource,
    openAnother: async () => {
      const other = await open(config);
      others.push(other);
      return other;
    },
    dispose: async () => {
      for (const other of others) await other.destroy();
      await dataSource.destroy();
      await sql.close();
    },
  };
}

/** The directory in a schema of its own on the server at DATABASE_URL, dropped afterwards. */
export async function postgresDirectoryTarget(): Promise<DirectoryTarget> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const schema = `directory_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new PgSqlClient({ connectionString: url, maxConnections: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const config = { databaseUrl: url, schema, maxConnections: 4 };
  const dataSource = await open(config);
  const others: DataSource[] = [];
  return {
    engine: 'postgres',
    dataSource,
    openAnother: async () => {
      const other = await open(config);
      others.push(other);
      return other;
    },
    dispose: async () => {
      for (const other of others) await other.destroy();
      await dataSource.destroy();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
}
