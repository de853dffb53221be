import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { openTypeormDataSource, PgliteSqlClient, SqlClient, TypeormModelSet } from '@app/database';
import { PLATFORM_CONFIG, PlatformConfig } from '../config/platform-config';
import { SQL_CLIENT } from './database.module';

/**
 * Providers of one TypeORM model set's data source (under `token`) on the process's database: the
 * server at DATABASE_URL, or the very PGlite instance the rest of the process uses (PGlite is one
 * connection, and a second instance on the same files would corrupt them). Migrations run at
 * start-up, before anything reads; the data source closes with the application.
 */
export function typeormDataSourceProviders(token: symbol, set: TypeormModelSet): Provider[] {
  @Injectable()
  class DataSourceCloser implements OnApplicationShutdown {
    constructor(@Inject(token) private readonly dataSource: DataSource) {}

    async onApplicationShutdown(): Promise<void> {
      if (this.dataSource.isInitialized) await this.dataSource.destroy();
    }
  }
  return [
    {
      provide: token,
      inject: [PLATFORM_CONFIG, SQL_CLIENT],
      useFactory: (config: PlatformConfig, sql: SqlClient): Promise<DataSource> =>
        openTypeormDataSource(
          set,
          sql instanceof PgliteSqlClient ? { pglite: sql.unwrap() } : { databaseUrl: config.databaseUrl!, applicationName: `antitratta-${config.mode}-${set.name}` },
        ),
    },
    DataSourceCloser,
  ];
}
