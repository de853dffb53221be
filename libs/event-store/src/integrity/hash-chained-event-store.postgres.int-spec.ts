import { describeEventStoreContract } from '../testing/event-store.contract';
import { postgresServerTarget } from '../testing/postgres-targets';
import { describeTamperEvidence } from '../testing/tamper-evidence.suite';
import { HashChainedEventStore } from './hash-chained-event-store';

describeEventStoreContract(
  'hash chain over the PostgreSQL adapter on the PostgreSQL server',
  async () => {
    const target = await postgresServerTarget({ pollIntervalMs: 200 });
    return { ...target, store: new HashChainedEventStore(target.store) };
  },
  { hashChained: true },
);

describeTamperEvidence('PostgreSQL server', () => postgresServerTarget());
