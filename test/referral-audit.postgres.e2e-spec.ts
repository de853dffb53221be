import { describeReferralAuditApi } from './support/referral-audit-api.contract';
import { postgresServerSchema } from './support/platform-under-test';

describeReferralAuditApi('PostgreSQL server', postgresServerSchema);
