import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { runTypeormMigrations, TypeormDatabaseConfig, typeormDataSourceOptions, TypeormModelSet } from '@app/database';
import { AccessLogEntryEntity } from '../access-log/access-log.entity';
import { CreateAccessLog1796166000000 } from '../migrations/1796166000000-create-access-log';

export const AUDIT_ENTITIES = [AccessLogEntryEntity];
/** In order. Hand-written, never generated; each is immutable once released. */
export const AUDIT_MIGRATIONS = [CreateAccessLog1796166000000];
export const AUDIT_MIGRATIONS_TABLE = 'audit_migrations';

export const AUDIT_MODEL_SET: TypeormModelSet = {
  name: 'audit',
  entities: AUDIT_ENTITIES,
  migrations: AUDIT_MIGRATIONS,
  migrationsTableName: AUDIT_MIGRATIONS_TABLE,
};

/** TypeORM options for the audit tables, on a server or on the embedded PGlite instance (never `synchronize`). */
export function auditDataSourceOptions(config: TypeormDatabaseConfig): PostgresConnectionOptions {
  return typeormDataSourceOptions(AUDIT_MODEL_SET, config);
}

/** Applies the pending audit migrations once, whoever else starts at the same time. */
export function runAuditMigrations(dataSource: DataSource): Promise<string[]> {
  return runTypeormMigrations(dataSource, AUDIT_MODEL_SET);
}
