import { describeComplianceApi } from './support/compliance-api.contract';
import { embeddedPostgres } from './support/platform-under-test';

describeComplianceApi('embedded PostgreSQL', embeddedPostgres);
