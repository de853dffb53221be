import { describeProjectionEngine } from './projection-engine.contract';

describeProjectionEngine('postgres');
