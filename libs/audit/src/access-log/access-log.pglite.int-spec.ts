import { pgliteAuditTarget } from '../testing/audit-targets';
import { describeAccessLogContract } from '../testing/access-log.contract';

describeAccessLogContract('embedded PostgreSQL (PGlite)', pgliteAuditTarget);
