import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PgliteSqlClient, SqlClient } from '@app/database';
import { PLATFORM_CONFIG, PlatformConfig, SQL_CLIENT } from '@app/platform';
import { CaseRoutingQueries } from '../case-routing/case-routing.queries';
import { DataDirLock } from './data-dir-lock';
import { openReadModelDataSource } from './read-model-data-source';

export const READ_MODEL_DATA_SOURCE = Symbol('READ_MODEL_DATA_SOURCE');
const DATA_DIR_LOCK = Symbol('DATA_DIR_LOCK');

@Injectable()
class ReadModelDataSourceCloser implements OnApplicationShutdown {
  constructor(
    @Inject(READ_MODEL_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(DATA_DIR_LOCK) private readonly lock: DataDirLock | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    this.lock?.release();
  }
}

/**
 * The read models' TypeORM data source on the process's database: the server at DATABASE_URL, or the
 * PGlite instance the rest of the process uses (one instance per data directory, ever). Import it once
 * per process. Migrations run at start-up, before anything reads. On PGlite the process also takes
 * DATA_DIR's lock, which tells the operator CLI that the platform holds the database.
 */
@Global()
@Module({})
export class ReadModelDatabaseModule {
  static forRoot(): DynamicModule {
    const lock = {
      provide: DATA_DIR_LOCK,
      inject: [PLATFORM_CONFIG, SQL_CLIENT],
      useFactory: (config: PlatformConfig, sql: SqlClient): DataDirLock | null =>
        sql instanceof PgliteSqlClient && !config.databaseUrl ? DataDirLock.acquire(config.dataDir) : null,
    };
    const dataSource = {
      provide: READ_MODEL_DATA_SOURCE,
      inject: [PLATFORM_CONFIG, SQL_CLIENT, DATA_DIR_LOCK],
      useFactory: (config: PlatformConfig, sql: SqlClient): Promise<DataSource> =>
        openReadModelDataSource(
          sql instanceof PgliteSqlClient ? { pglite: sql.unwrap() } : { databaseUrl: config.databaseUrl!, applicationName: `${config.mode}-read-models` },
        ),
    };
    const queries = { provide: CaseRoutingQueries, inject: [READ_MODEL_DATA_SOURCE], useFactory: (source: DataSource) => new CaseRoutingQueries(source) };
    return {
      module: ReadModelDatabaseModule,
      providers: [lock, dataSource, queries, ReadModelDataSourceCloser],
      exports: [READ_MODEL_DATA_SOURCE, CaseRoutingQueries],
    };
  }
}
