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

/** Retries of an `any` / `stream_exists` append that lost a race for the stream's head. */
const MAX_APPEND_RETRIES = 20;
/** Streams whose last event this process remembers (the most recently used). */
const KNOWN_HEADS = 10_000;

/** What the chain needs of a stream's last event. */
type Head = Pick<RecordedEvent, 'id' | 'revision' | 'metadata'>;

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
export function chainEvents(streamId: string, events: readonly NewEvent[], head: Head | undefined): NewEvent[] {
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
 *
 * That is one extra read per append, saved when this process already knows the stream's last event
 * from a whole-stream read (a command handler loads the stream before it appends), which may also
 * have found that there is no stream yet, and saved for an append that expects no stream (it chains
 * onto the genesis hash). A remembered head is safe to build on because the append is made at exactly
 * its revision: if the stream has moved on, the adapter rejects it, and an event at a given revision
 * never changes. What this process appended is not remembered: when a repeat of the same append (same
 * event ids, other metadata, so other hashes) got in first, the adapter answers success for events it
 * found already there, and their hashes are not the ones computed here; only a read tells.
 * Reads and subscriptions pass through unchanged.
 */
export class HashChainedEventStore implements EventStore {
  readonly adapter: string;
  private readonly lanes = new StreamLanes();
  private readonly heads: KnownHeads;

  constructor(private readonly inner: EventStore) {
    this.adapter = inner.adapter;
    this.heads = new KnownHeads(KNOWN_HEADS);
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
    const ids = events.map((e) => e.id);
    for (let attempt = 0; ; attempt++) {
      const { head, plan } = await this.headAndPlan(streamId, expected, ids, attempt === 0);
      if (plan.kind === 'conflict') throw new WrongExpectedRevision(streamId, expected, plan.actual);
      const chained = chainEvents(streamId, events, head);
      try {
        const result = await this.inner.appendToStream(streamId, chained, plan.revision);
        // The stream has moved on from what was remembered; its new head is known only by reading it.
        this.heads.forget(streamId);
        return result;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        if (plan.kind === 'chain' && retryable && attempt < MAX_APPEND_RETRIES) continue;
        // Reported against what the caller expected, as the adapter alone would have.
        throw error.expectedRevision === expected ? error : new WrongExpectedRevision(streamId, expected, error.actualRevision);
      }
    }
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const events = await this.inner.readStream(streamId, options);
    const whole = !options || (options.direction !== 'backwards' && (options.fromRevision ?? 'start') === 'start' && options.maxCount === undefined);
    if (whole) this.heads.set(streamId, events.length > 0 ? events[events.length - 1] : NO_STREAM);
    return events;
  }

  /**
   * The stream's head (remembered, when `mayUseKnown` and it can be chained onto; read otherwise) and
   * the plan from it. An append that expects no stream, on the first attempt, assumes there is none
   * without reading: if there is one, the adapter rejects the append or finds these very events
   * already there, exactly as it would have after a read.
   */
  private async headAndPlan(
    streamId: string,
    expected: ExpectedRevision,
    ids: readonly string[],
    mayUseKnown: boolean,
  ): Promise<{ head: Head | undefined; plan: AppendPlan }> {
    const known = mayUseKnown ? this.heads.get(streamId) : undefined;
    if (known !== undefined) {
      const head = known === NO_STREAM ? undefined : known;
      const plan = planAppend(expected, head, ids);
      // A remembered head is used only to chain onto: any other plan depends on where the stream is now.
      if (plan.kind === 'chain') return { head, plan };
    }
    const head = mayUseKnown && expected === 'no_stream' ? undefined : await this.readHead(streamId);
    return { head, plan: planAppend(expected, head, ids) };
  }

  private async readHead(streamId: string): Promise<RecordedEvent | undefined> {
    const [head] = await this.inner.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    return head;
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

/** A stream seen empty: a new stream's first append chains onto the genesis hash without reading first. */
const NO_STREAM = 'no_stream';

/**
 * The last event of recently used streams, as this process last saw it, or NO_STREAM for a stream it
 * saw empty; the least recently used is forgotten first.
 */
class KnownHeads {
  private readonly heads = new Map<string, Head | typeof NO_STREAM>();

  constructor(private readonly capacity: number) {}

  get(streamId: string): Head | typeof NO_STREAM | undefined {
    return this.heads.get(streamId);
  }

  forget(streamId: string): void {
    this.heads.delete(streamId);
  }

  set(streamId: string, head: Head | typeof NO_STREAM): void {
    const known = this.heads.get(streamId);
    // A read that raced with a later append must not take the stream's head back.
    if (known && (head === NO_STREAM || (known !== NO_STREAM && known.revision > head.revision))) return;
    this.heads.delete(streamId);
    this.heads.set(streamId, head === NO_STREAM ? head : { id: head.id, revision: head.revision, metadata: head.metadata });
    if (this.heads.size > this.capacity) this.heads.delete(this.heads.keys().next().value!);
  }
}
