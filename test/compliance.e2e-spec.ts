import { describeComplianceApi } from './support/compliance-api.contract';

describeComplianceApi('embedded PostgreSQL', async () => ({ env: {}, dispose: async () => undefined }));
