import { describeProtocolCompliance } from './testing/protocol-compliance.suite';

describeProtocolCompliance('PostgreSQL server', 'server');
