import { describeCaseRoutingApi } from './support/case-routing-api.contract';

describeCaseRoutingApi('embedded PostgreSQL', async () => ({ env: {}, dispose: async () => undefined }));
