import { EventStoreDbEventStore } from '../eventstoredb/eventstoredb-event-store';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { HashChainedEventStore } from './hash-chained-event-store';

// Runs only when EVENTSTORE_URL is set (see jest.config.ts), e.g. esdb://localhost:2113?tls=false.
describeEventStoreContract(
  'hash chain over the EventStoreDB adapter',
  async () => {
    const url = process.env.EVENTSTORE_URL;
    if (!url) throw new Error('EVENTSTORE_URL is not set');
    const store = EventStoreDbEventStore.connect(url);
    await store.ping();
    return { store: new HashChainedEventStore(store), dispose: () => store.close() };
  },
  { hashChained: true },
);
