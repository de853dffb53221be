import { describeReferralsApi } from './support/referrals-api.contract';

describeReferralsApi('embedded PostgreSQL', async () => ({ env: {}, dispose: async () => undefined }));
