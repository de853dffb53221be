import { describeCaseRoutingApi } from './support/case-routing-api.contract';
import { postgresServerSchema } from './support/platform-under-test';

describeCaseRoutingApi('PostgreSQL server', postgresServerSchema);
