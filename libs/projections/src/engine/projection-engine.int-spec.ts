import { describeProjectionEngine } from '../testing/projection-engine.contract';

describeProjectionEngine('pglite');
