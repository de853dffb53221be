import { describeReferralsApi } from './support/referrals-api.contract';
import { embeddedPostgres } from './support/platform-under-test';

describeReferralsApi('embedded PostgreSQL', embeddedPostgres);
