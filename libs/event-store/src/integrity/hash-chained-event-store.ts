import { WrongExpectedRevision } from '../event-store.errors';
import {
  AppendResult,
  EventHandler,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  Subscription,
  SubscribeToAllOptions,
} from '../event-store.port';
import { StreamLanes } from '../postgres/stream-lanes';
import { validateAppend } from '../validate-append';
import { eventHash, GENESIS_HASH, integrityOf, INTEGRITY_ALGORITHM } from './event-hash';

export interface HashChainedEventStoreOptions {
  /** Retries of an `any` / `stream_exists` append that lost a race for the stream's head. */
  maxAppendRetries?: number;
}

/**
 * What to do with an append once the stream's head is known:
 * - `chain`: link the events to the head and append them at exactly that head (`no_stream` for a new
 *   stream), so that no other event can slip in between the head and them;
 * - `delegate`: the stream is already past the expected revision, so the append cannot write. The
 *   adapter answers it (an idempotent retry gets the original result, anything else a conflict),
 *   asked with a revision the stream can never be at again;
 * - `conflict`: no event can be in a stream that does not exist, so it is a conflict outright.
 */
export type AppendPlan =
  | { kind: 'chain'; revision: number | 'no_stream' }
  | { kind: 'delegate'; revision: number | 'no_stream' }
  | { kind: 'conflict'; actual: 'no_stream' };

export function planAppend(expected: ExpectedRevision, head: Pick<RecordedEvent, 'id' | 'revision'> | undefined, eventIds: readonly string[]): AppendPlan {
  if (!head) return expected === 'no_stream' || expected === 'any' ? { kind: 'chain', revision: 'no_stream' } : { kind: 'conflict', actual: 'no_stream' };
  const retried = eventIds.findIndex((id) => id.toLowerCase() === head.id.toLowerCase());
  if (retried >= 0) {
    // The head is one of these events: a retry of the last append, which began `retried` events before it.
    const before = head.revision - retried - 1;
    return { kind: 'delegate', revision: before >= 0 ? before : 'no_stream' };
  }
  if (expected === 'any' || expected === 'stream_exists' || expected === head.revision) return { kind: 'chain', revision: head.revision };
  if (typeof expected === 'number' && expected < head.revision) return { kind: 'delegate', revision: expected };
  // `no_stream` on a stream that exists, or a revision the stream has not reached (yet).
  return { kind: 'delegate', revision: 'no_stream' };
}

/** The events as they will be stored after `head`, each carrying its link in the stream's hash chain. */
export function chainEvents(streamId: string, events: readonly NewEvent[], head: RecordedEvent | undefined): NewEvent[] {
  let previousHash = head ? (integrityOf(head.metadata)?.hash ?? GENESIS_HASH) : GENESIS_HASH;
  const first = head ? head.revision + 1 : 0;
  return events.map((event, n) => {
    const { integrity: _ignored, ...metadata } = event.metadata;
    const hash = eventHash({ ...event, metadata, streamId, revision: first + n }, previousHash);
    const chained: NewEvent = { ...event, metadata: { ...metadata, integrity: { algorithm: INTEGRITY_ALGORITHM, previousHash, hash } } };
    previousHash = hash;
    return chained;
  });
}

/**
 * An EventStore that chains every appended event to the one before it in its stream (see
 * `event-hash.ts`), around any adapter. To know the previous hash it reads the stream's last event,
 * then appends at exactly the revision that event implies: if another writer got in between, the
 * adapter rejects the append, and `any` / `stream_exists` appends read the new head and try again.
 * One extra read per append; reads and subscriptions pass through unchanged.
 */
export class HashChainedEventStore implements EventStore {
  readonly adapter: string;
  private readonly lanes = new StreamLanes();
  private readonly maxAppendRetries: number;

  constructor(
    private readonly inner: EventStore,
    options: HashChainedEventStoreOptions = {},
  ) {
    this.adapter = inner.adapter;
    this.maxAppendRetries = options.maxAppendRetries ?? 20;
  }

  appendToStream(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    validateAppend(streamId, events, expected);
    // As in the PostgreSQL adapter: appends that retry after losing a race queue per stream in this process.
    return expected === 'any' || expected === 'stream_exists'
      ? this.lanes.run(streamId, () => this.appendChained(streamId, events, expected))
      : this.appendChained(streamId, events, expected);
  }

  private async appendChained(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const retryable = expected === 'any' || expected === 'stream_exists';
    for (let attempt = 0; ; attempt++) {
      const [head] = await this.inner.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      const plan = planAppend(expected, head, events.map((e) => e.id));
      if (plan.kind === 'conflict') throw new WrongExpectedRevision(streamId, expected, plan.actual);
      const chained = chainEvents(streamId, events, head);
      try {
        return await this.inner.appendToStream(streamId, chained, plan.revision);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        if (plan.kind === 'chain' && retryable && attempt < this.maxAppendRetries) continue;
        // Reported against what the caller expected, as the adapter alone would have.
        throw error.expectedRevision === expected ? error : new WrongExpectedRevision(streamId, expected, error.actualRevision);
      }
    }
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamId, options);
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.inner.readAll(options);
  }

  subscribeToAll(handler: EventHandler, options?: SubscribeToAllOptions): Subscription {
    return this.inner.subscribeToAll(handler, options);
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
