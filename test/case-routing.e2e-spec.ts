import { describeCaseRoutingApi } from './support/case-routing-api.contract';
import { embeddedPostgres } from './support/platform-under-test';

describeCaseRoutingApi('embedded PostgreSQL', embeddedPostgres);
