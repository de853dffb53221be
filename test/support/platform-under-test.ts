import { randomUUID } from 'node:crypto';
import { PgSqlClient } from '@app/database';

/** Where an end-to-end suite runs the platform: the environment it adds, and how to clean up after. */
export interface PlatformUnderTest {
  env: NodeJS.ProcessEnv;
  dispose(): Promise<void>;
}

/** Embedded PostgreSQL in the suite's own data directory: nothing to add. */
export const embeddedPostgres = async (): Promise<PlatformUnderTest> => ({ env: {}, dispose: async () => undefined });

/** The PostgreSQL server at DATABASE_URL, in a schema of the suite's own, dropped afterwards. */
export async function postgresServerSchema(): Promise<PlatformUnderTest> {
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
}
