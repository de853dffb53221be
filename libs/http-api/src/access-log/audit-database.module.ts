import { DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessLogStore, AUDIT_MODEL_SET } from '@app/audit';
import { typeormDataSourceProviders } from '@app/platform';

export const AUDIT_DATA_SOURCE = Symbol('AUDIT_DATA_SOURCE');

/**
 * The access log on the process's database (see `typeormDataSourceProviders`); its migrations run at
 * start-up, before any read can need a log entry.
 */
@Module({})
export class AuditDatabaseModule {
  static forRoot(): DynamicModule {
    const store = { provide: AccessLogStore, inject: [AUDIT_DATA_SOURCE], useFactory: (source: DataSource) => new AccessLogStore(source) };
    return {
      module: AuditDatabaseModule,
      providers: [...typeormDataSourceProviders(AUDIT_DATA_SOURCE, AUDIT_MODEL_SET), store],
      exports: [AccessLogStore],
    };
  }
}
