import { DataSource } from 'typeorm';
import { openTypeormDataSource, TypeormDatabaseConfig, TypeormModelSet } from '@app/database';
import { CreateReadModels1796100000000 } from './migrations/1796100000000-create-read-models';
import { CreateProtocolCompliance1796200000000 } from '../protocol-compliance/1796200000000-create-protocol-compliance';

/** In order. Hand-written, never generated; each is immutable once released. */
export const READ_MODEL_MIGRATIONS = [CreateReadModels1796100000000, CreateProtocolCompliance1796200000000];
export const READ_MODEL_MIGRATIONS_TABLE = 'read_model_migrations';

/**
 * Projections write with SQL of their own (bulk statements over unqualified table names), so the set
 * has no entities: the tables are defined by the migrations alone.
 */
export const READ_MODEL_SET: TypeormModelSet = {
  name: 'read-models',
  entities: [],
  migrations: READ_MODEL_MIGRATIONS,
  migrationsTableName: READ_MODEL_MIGRATIONS_TABLE,
};

/** A read-model data source, initialised and migrated. */
export function openReadModelDataSource(config: TypeormDatabaseConfig): Promise<DataSource> {
  return openTypeormDataSource(READ_MODEL_SET, config);
}
