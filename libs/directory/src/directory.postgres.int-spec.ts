import { postgresDirectoryTarget } from './testing/directory-targets';
import { describeDirectoryContract } from './testing/directory.contract';

describeDirectoryContract('PostgreSQL server', postgresDirectoryTarget);
