import { describeComplianceApi } from './support/compliance-api.contract';
import { postgresServerSchema } from './support/platform-under-test';

describeComplianceApi('PostgreSQL server', postgresServerSchema);
