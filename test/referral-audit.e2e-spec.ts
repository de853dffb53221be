import { describeReferralAuditApi } from './support/referral-audit-api.contract';

describeReferralAuditApi('embedded PostgreSQL', async () => ({ env: {}, dispose: async () => undefined }));
