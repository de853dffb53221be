import { randomUUID } from 'node:crypto';
import { PgSqlClient } from './pg-sql-client';
import { describeSqlClientContract } from './testing/sql-client.contract';

describeSqlClientContract('PostgreSQL server', async () => {
  const url = process.env.DATABASE_URL!;
  const schema = `sql_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new PgSqlClient({ connectionString: url, maxConnections: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const sql = new PgSqlClient({ connectionString: url, schema });
  return {
    sql,
    dispose: async () => {
      await sql.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
});
