import type { Provider } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ProtocolComplianceQueries, READ_MODEL_DATA_SOURCE } from '@app/projections';

/** The report reads the read models directly, on the data source the hosting app opened. */
export const complianceQueriesProvider: Provider = {
  provide: ProtocolComplianceQueries,
  inject: [READ_MODEL_DATA_SOURCE],
  useFactory: (source: DataSource) => new ProtocolComplianceQueries(source),
};
