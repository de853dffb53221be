import { describeEventStoreContract } from '../testing/event-store.contract';
import { pgliteTarget } from '../testing/postgres-targets';
import { describeTamperEvidence } from '../testing/tamper-evidence.suite';
import { HashChainedEventStore } from './hash-chained-event-store';

describeEventStoreContract(
  'hash chain over the PostgreSQL adapter on PGlite',
  async () => {
    const target = await pgliteTarget({ pollIntervalMs: 200 });
    return { ...target, store: new HashChainedEventStore(target.store) };
  },
  { hashChained: true },
);

describeTamperEvidence('PGlite', () => pgliteTarget());
