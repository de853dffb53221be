import { mkdirSync } from 'node:fs';
import { PgSqlClient } from './pg-sql-client';
import { PgliteSqlClient } from './pglite-sql-client';
import { SqlClient } from './sql-client';

export interface DatabaseConfig {
  /** A PostgreSQL server; when absent the embedded PGlite database is used. */
  databaseUrl?: string;
  /** Where PGlite keeps its files; undefined means in memory. */
  dataDir?: string;
  applicationName?: string;
  maxConnections?: number;
}

export async function openSqlClient(config: DatabaseConfig): Promise<SqlClient> {
  if (config.databaseUrl) {
    const client = new PgSqlClient({
      connectionString: config.databaseUrl,
      applicationName: config.applicationName,
      maxConnections: config.maxConnections,
    });
    await client.query('SELECT 1');
    return client;
  }
  if (config.dataDir) mkdirSync(config.dataDir, { recursive: true });
  return PgliteSqlClient.open(config.dataDir);
}
