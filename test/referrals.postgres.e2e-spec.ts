import { describeReferralsApi } from './support/referrals-api.contract';
import { postgresServerSchema } from './support/platform-under-test';

describeReferralsApi('PostgreSQL server', postgresServerSchema);
