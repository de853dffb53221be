import { describeEventStoreContract } from '../testing/event-store.contract';
import { pgliteTarget } from '../testing/postgres-targets';

describeEventStoreContract('PostgreSQL adapter on PGlite', () => pgliteTarget({ pollIntervalMs: 200 }));
