import type { PGlite } from '@electric-sql/pglite';
import { DataSource, MigrationExecutor } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { AgencyEntity } from '../entities/agency.entity';
import { UserEntity } from '../entities/user.entity';
import { CreateDirectory1795498708971 } from '../migrations/1795498708971-create-directory';
import { pgliteTypeormDriver } from './pglite-typeorm-driver';

export const DIRECTORY_ENTITIES = [AgencyEntity, UserEntity];
/** In order. Hand-written, never generated; each is immutable once released. */
export const DIRECTORY_MIGRATIONS = [CreateDirectory1795498708971];
export const DIRECTORY_MIGRATIONS_TABLE = 'directory_migrations';

export type DirectoryDatabaseConfig =
  | {
      /** A PostgreSQL server. */
      databaseUrl: string;
      /** Keeps the tables in this schema (tests, tenants); it must exist. */
      schema?: string;
      applicationName?: string;
      maxConnections?: number;
    }
  | {
      /** The platform's embedded database: TypeORM shares the instance, it never opens or closes one. */
      pglite: PGlite;
    };

/**
 * TypeORM options for the directory, on a server or on the embedded PGlite instance. The schema
 * comes from migrations only: `synchronize` is off and migrations run when `runDirectoryMigrations`
 * is called, not as a side effect of connecting.
 */
export function directoryDataSourceOptions(config: DirectoryDatabaseConfig): PostgresConnectionOptions {
  const common = {
    type: 'postgres' as const,
    entities: DIRECTORY_ENTITIES,
    migrations: DIRECTORY_MIGRATIONS,
    migrationsTableName: DIRECTORY_MIGRATIONS_TABLE,
    migrationsRun: false,
    synchronize: false,
    // Nothing to install (UUIDs come from gen_random_uuid(), built in since PostgreSQL 13), and PGlite has no uuid-ossp.
    installExtensions: false,
    logging: false,
  };
  if ('pglite' in config) {
    return { ...common, driver: pgliteTypeormDriver(config.pglite) };
  }
  return {
    ...common,
    url: config.databaseUrl,
    schema: config.schema,
    applicationName: config.applicationName ?? 'antitratta-directory',
    poolSize: config.maxConnections,
    // TypeORM qualifies its own statements with `schema`; the search_path puts the migrations' there too.
    extra: config.schema ? { options: `-c search_path=${quoteIdentifier(config.schema)}` } : undefined,
  };
}

/**
 * Applies the pending directory migrations in one transaction and returns their names. The
 * transaction takes an advisory lock before TypeORM reads which migrations ran, so concurrent
 * starters (several gateway instances, or two data sources on one PGlite) apply each migration once:
 * the others wait, then find nothing to do.
 */
export async function runDirectoryMigrations(dataSource: DataSource): Promise<string[]> {
  const registered = new Set(dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name));
  const missing = DIRECTORY_MIGRATIONS.map((migration) => migration.name).filter((name) => !registered.has(name));
  if (missing.length > 0) {
    throw new Error(`The data source does not register the directory migrations (${missing.join(', ')}): add DIRECTORY_MIGRATIONS to it`);
  }
  const queryRunner = dataSource.createQueryRunner();
  try {
    await queryRunner.startTransaction();
    try {
      await queryRunner.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['migrations:directory']);
      // 'all' runs inside the transaction already open on this query runner.
      const executor = new MigrationExecutor(dataSource, queryRunner);
      executor.transaction = 'all';
      const applied = await executor.executePendingMigrations();
      await queryRunner.commitTransaction();
      return applied.map((migration) => migration.name);
    } catch (error) {
      await queryRunner.rollbackTransaction();
      throw error;
    }
  } finally {
    await queryRunner.release();
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
