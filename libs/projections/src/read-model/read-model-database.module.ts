import { DynamicModule, Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { typeormDataSourceProviders } from '@app/platform';
import { CaseRoutingQueries } from '../case-routing/case-routing.queries';
import { READ_MODEL_SET } from './read-model-data-source';

export const READ_MODEL_DATA_SOURCE = Symbol('READ_MODEL_DATA_SOURCE');

/**
 * The read models' data source on the process's database (see `typeormDataSourceProviders`), and the
 * case-routing queries over it. Import it once per process.
 */
@Global()
@Module({})
export class ReadModelDatabaseModule {
  static forRoot(): DynamicModule {
    const queries = { provide: CaseRoutingQueries, inject: [READ_MODEL_DATA_SOURCE], useFactory: (source: DataSource) => new CaseRoutingQueries(source) };
    return {
      module: ReadModelDatabaseModule,
      providers: [...typeormDataSourceProviders(READ_MODEL_DATA_SOURCE, READ_MODEL_SET), queries],
      exports: [READ_MODEL_DATA_SOURCE, CaseRoutingQueries],
    };
  }
}
