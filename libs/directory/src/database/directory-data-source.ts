import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { AgencyEntity } from '../entities/agency.entity';
import { UserEntity } from '../entities/user.entity';
import { CreateDirectory1795498708971 } from '../migrations/1795498708971-create-directory';
import { runTypeormMigrations, TypeormDatabaseConfig, typeormDataSourceOptions, TypeormModelSet } from '@app/database';

export const DIRECTORY_ENTITIES = [AgencyEntity, UserEntity];
/** In order. Hand-written, never generated; each is immutable once released. */
export const DIRECTORY_MIGRATIONS = [CreateDirectory1795498708971];
export const DIRECTORY_MIGRATIONS_TABLE = 'directory_migrations';

export type DirectoryDatabaseConfig = TypeormDatabaseConfig;

export const DIRECTORY_MODEL_SET: TypeormModelSet = {
  name: 'directory',
  entities: DIRECTORY_ENTITIES,
  migrations: DIRECTORY_MIGRATIONS,
  migrationsTableName: DIRECTORY_MIGRATIONS_TABLE,
};

/** TypeORM options for the directory, on a server or on the embedded PGlite instance (never `synchronize`). */
export function directoryDataSourceOptions(config: DirectoryDatabaseConfig): PostgresConnectionOptions {
  return typeormDataSourceOptions(DIRECTORY_MODEL_SET, config);
}

/** Applies the pending directory migrations once, whoever else starts at the same time. */
export function runDirectoryMigrations(dataSource: DataSource): Promise<string[]> {
  return runTypeormMigrations(dataSource, DIRECTORY_MODEL_SET);
}
