import { randomUUID } from 'node:crypto';
import { PgliteSqlClient, PgSqlClient, SqlClient } from '@app/database';
import { MasterKey } from '../master-key';
import { PersonalDataVault } from '../personal-data-vault';

export interface VaultTarget {
  vault: PersonalDataVault;
  masterKey: MasterKey;
  sql: SqlClient;
  /** The schema the target's tables live in, when on a server. */
  schema?: string;
  databaseUrl?: string;
  dispose(): Promise<void>;
}

/** A vault on a fresh in-memory PGlite database. */
export async function pgliteVaultTarget(): Promise<VaultTarget> {
  const sql = await PgliteSqlClient.open();
  const masterKey = MasterKey.generate();
  const vault = await PersonalDataVault.create(sql, { masterKey });
  return { vault, masterKey, sql, dispose: () => sql.close() };
}

/** A vault in a schema of its own on the server at DATABASE_URL, dropped afterwards. */
export async function postgresServerVaultTarget(): Promise<VaultTarget> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const schema = `pd_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new PgSqlClient({ connectionString: url, maxConnections: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const sql = new PgSqlClient({ connectionString: url, schema, maxConnections: 12 });
  const masterKey = MasterKey.generate();
  const vault = await PersonalDataVault.create(sql, { masterKey });
  return {
    vault,
    masterKey,
    sql,
    schema,
    databaseUrl: url,
    dispose: async () => {
      await sql.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
}
