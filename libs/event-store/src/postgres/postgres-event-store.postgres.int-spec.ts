import { describeEventStoreContract } from '../testing/event-store.contract';
import { postgresServerTarget } from '../testing/postgres-targets';

describeEventStoreContract('PostgreSQL adapter on the PostgreSQL server', () => postgresServerTarget({ pollIntervalMs: 200 }));
