import { postgresAuditTarget } from '../testing/audit-targets';
import { describeAccessLogContract } from '../testing/access-log.contract';

describeAccessLogContract('PostgreSQL server', postgresAuditTarget);
