import { describeProtocolCompliance } from './testing/protocol-compliance.suite';

describeProtocolCompliance('PGlite', 'pglite');
