import { describeReferralAuditApi } from './support/referral-audit-api.contract';
import { embeddedPostgres } from './support/platform-under-test';

describeReferralAuditApi('embedded PostgreSQL', embeddedPostgres);
