import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessLogStore, auditDataSourceOptions, runAuditMigrations } from '@app/audit';
import { PgliteSqlClient, SqlClient } from '@app/database';
import { PLATFORM_CONFIG, PlatformConfig, SQL_CLIENT } from '@app/platform';

export const AUDIT_DATA_SOURCE = Symbol('AUDIT_DATA_SOURCE');

@Injectable()
class AuditDataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(AUDIT_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * The audit tables' TypeORM data source on the process's database: the server at DATABASE_URL, or
 * the very PGlite instance the rest of the process uses (see DirectoryDatabaseModule for why).
 * Migrations run at start-up, before any read can need a log entry.
 */
@Module({})
export class AuditDatabaseModule {
  static forRoot(): DynamicModule {
    const dataSource = {
      provide: AUDIT_DATA_SOURCE,
      inject: [PLATFORM_CONFIG, SQL_CLIENT],
      useFactory: async (config: PlatformConfig, sql: SqlClient): Promise<DataSource> => {
        const options =
          sql instanceof PgliteSqlClient
            ? auditDataSourceOptions({ pglite: sql.unwrap() })
            : auditDataSourceOptions({ databaseUrl: config.databaseUrl!, applicationName: 'gateway-audit' });
        const source = await new DataSource(options).initialize();
        await runAuditMigrations(source);
        return source;
      },
    };
    const store = { provide: AccessLogStore, inject: [AUDIT_DATA_SOURCE], useFactory: (source: DataSource) => new AccessLogStore(source) };
    return {
      module: AuditDatabaseModule,
      providers: [dataSource, AuditDataSourceCloser, store],
      exports: [AccessLogStore],
    };
  }
}
