import { randomUUID } from 'node:crypto';
import { PgSqlClient } from '@app/database';
import { describeComplianceApi } from './support/compliance-api.contract';

describeComplianceApi('PostgreSQL server', async () => {
  const url = process.env.DATABASE_URL!;
  const schema = `e2e_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new PgSqlClient({ connectionString: url, maxConnections: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const options = encodeURIComponent(`-c search_path=${schema}`);
  return {
    env: { DATABASE_URL: `${url}${url.includes('?') ? '&' : '?'}options=${options}` },
    dispose: async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
});
