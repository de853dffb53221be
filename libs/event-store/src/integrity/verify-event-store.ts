import { EventStore, GlobalPosition } from '../event-store.port';
import { ChainVerification, ChainVerifier } from './chain-verifier';

type BrokenChain = Extract<ChainVerification, { ok: false }>;

export interface EventStoreVerification {
  streams: number;
  events: number;
  /** Every stream with a broken link, each with its first one. */
  broken: BrokenChain[];
}

/** Verifies every stream's chain in one pass over the global order, holding only each stream's last hash. */
export async function verifyEventStore(
  store: EventStore,
  options: { batchSize?: number } = {},
): Promise<EventStoreVerification> {
  const batchSize = options.batchSize ?? 1000;
  const verifier = new ChainVerifier();
  let after: GlobalPosition | 'start' = 'start';
  let events = 0;
  for (;;) {
    const batch = await store.readAll({ after, maxCount: batchSize });
    for (const event of batch) verifier.add(event);
    events += batch.length;
    if (batch.length < batchSize) break;
    after = batch[batch.length - 1].position;
  }
  const results = verifier.results();
  const broken = results.filter((r): r is BrokenChain => !r.ok);
  return { streams: results.length, events, broken };
}
