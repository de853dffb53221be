import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { openSqlClient, SqlClient } from '@app/database';
import { PLATFORM_CONFIG, PlatformConfig } from '../config/platform-config';

export const SQL_CLIENT = Symbol('SQL_CLIENT');

@Injectable()
class SqlClientCloser implements OnApplicationShutdown {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.sql.close();
  }
}

/** The SQL client the configuration names: the PostgreSQL server at DATABASE_URL, or the embedded database in DATA_DIR. */
export function openConfiguredSqlClient(config: PlatformConfig, applicationName: string, maxConnections?: number): Promise<SqlClient> {
  return openSqlClient({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir, applicationName, maxConnections });
}

/** One SQL client per process: the PostgreSQL server pool, or the embedded database in DATA_DIR. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: PlatformConfig, applicationName: string): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: PLATFORM_CONFIG, useValue: config },
        {
          provide: SQL_CLIENT,
          useFactory: () => openConfiguredSqlClient(config, applicationName),
        },
        SqlClientCloser,
      ],
      exports: [PLATFORM_CONFIG, SQL_CLIENT],
    };
  }
}
