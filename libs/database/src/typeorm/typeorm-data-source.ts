import type { PGlite } from '@electric-sql/pglite';
import { DataSource, MigrationExecutor, MixedList } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { quoteIdentifier } from '../pg-sql-client';
import { pgliteTypeormDriver } from './pglite-typeorm-driver';

export type TypeormDatabaseConfig =
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

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Classes = MixedList<Function>;

export interface TypeormModelSet {
  /** Names the advisory lock and the default application name, e.g. 'directory'. */
  name: string;
  entities: Classes;
  /** In order. Hand-written, never generated; each is immutable once released. */
  migrations: Classes;
  migrationsTableName: string;
}

/**
 * TypeORM options for one set of entities, on a server or on the embedded PGlite instance. The schema
 * comes from migrations only: `synchronize` is off and migrations run when `runTypeormMigrations` is
 * called, not as a side effect of connecting.
 */
export function typeormDataSourceOptions(set: TypeormModelSet, config: TypeormDatabaseConfig): PostgresConnectionOptions {
  const common = {
    type: 'postgres' as const,
    entities: set.entities,
    migrations: set.migrations,
    migrationsTableName: set.migrationsTableName,
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
    applicationName: config.applicationName ?? `antitratta-${set.name}`,
    poolSize: config.maxConnections,
    // TypeORM qualifies its own statements with `schema`; the search_path puts the migrations' there too.
    extra: config.schema ? { options: `-c search_path=${quoteIdentifier(config.schema)}` } : undefined,
  };
}

/**
 * Applies the pending migrations of `set` in one transaction and returns their names. The transaction
 * takes an advisory lock before TypeORM reads which migrations ran, so concurrent starters (several
 * instances, or two data sources on one PGlite) apply each migration once: the others wait, then find
 * nothing to do.
 */
export async function runTypeormMigrations(dataSource: DataSource, set: Pick<TypeormModelSet, 'name' | 'migrations'>): Promise<string[]> {
  const registered = new Set(dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name));
  const expected = (Array.isArray(set.migrations) ? set.migrations : Object.values(set.migrations)) as { name: string }[];
  const missing = expected.map((migration) => migration.name).filter((name) => !registered.has(name));
  if (missing.length > 0) {
    throw new Error(`The data source does not register the ${set.name} migrations (${missing.join(', ')}): add them to it`);
  }
  const queryRunner = dataSource.createQueryRunner();
  try {
    await queryRunner.startTransaction();
    try {
      await queryRunner.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrations:${set.name}`]);
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

/** A data source for `set`, initialised and migrated (and destroyed again when a migration fails). */
export async function openTypeormDataSource(set: TypeormModelSet, config: TypeormDatabaseConfig): Promise<DataSource> {
  const source = await new DataSource(typeormDataSourceOptions(set, config)).initialize();
  try {
    await runTypeormMigrations(source, set);
  } catch (error) {
    await source.destroy();
    throw error;
  }
  return source;
}
