import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  StreamingRead,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { WrongExpectedRevision } from '../event-store.errors';
import {
  AppendResult,
  EventHandler,
  EventStore,
  ExpectedRevision,
  GlobalPosition,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  Subscription,
  SubscribeToAllOptions,
} from '../event-store.port';
import { validateAppend } from '../validate-append';
import { subscriptionFilter } from './event-filter';
import { ClientResolvedEvent, toEventData, toRecordedEvent } from './event-mapping';
import { EventStoreDbSubscription } from './eventstoredb-subscription';
import { toClientExpectedRevision, toWrongExpectedRevision } from './expected-revision';
import { toReadPosition, usablePosition } from './positions';
import { isPastBound, selectEvent } from './select-event';
import { streamReadPlan } from './stream-read-plan';

export { UnreadableEvent } from './event-mapping';

const DEFAULT_BATCH = 500;

/**
 * The event store on EventStoreDB (20.10+; 23.10+ for `onCaughtUp`). Streams, revisions, the global
 * order and idempotent appends are the server's own: a retried append with the same event ids is
 * recognised by the server and answered with the original result. Events are JSON events; the
 * schema version and our metadata travel in the event's metadata (see `event-mapping.ts`).
 */
export class EventStoreDbEventStore implements EventStore {
  readonly adapter = 'eventstoredb';
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  private closed = false;

  /** Takes ownership of the client: `close()` disposes it. */
  constructor(private readonly client: EventStoreDBClient) {}

  /** E.g. `esdb://localhost:2113?tls=false`. The client connects lazily; `ping()` checks the server. */
  static connect(connectionString: string): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString));
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    validateAppend(streamId, events, expected);
    let result;
    try {
      result = await this.client.appendToStream(streamId, events.map(toEventData), {
        expectedRevision: toClientExpectedRevision(expected),
      });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) throw toWrongExpectedRevision(streamId, expected, error);
      throw error;
    }
    if (!result.success) {
      // Only with `throwOnAppendFailure=false` in the connection string. The client's batch-append path
      // then reports a wrong current revision (it converts a boolean), so the actual one stays unknown.
      throw new WrongExpectedRevision(streamId, expected, undefined);
    }
    const nextExpectedRevision = Number(result.nextExpectedRevision);
    // The server answers with the log position of the append's last event, and for an idempotent
    // retry with that of the existing last event, both as $all reports them. Servers that answer an
    // idempotent write without a position get the event's position read back.
    const position = usablePosition(result.position) ?? (await this.positionOf(streamId, nextExpectedRevision));
    return { nextExpectedRevision, position };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const plan = streamReadPlan(options);
    if (!plan) return [];
    const events: RecordedEvent[] = [];
    try {
      await visitRead(this.client.readStream(streamId, plan), (resolved) => {
        events.push(toRecordedEvent(resolved));
        return true;
      });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  /**
   * The v6 client's `readAll` has no server-side filter (it always sends "no filter"), so this reads
   * `$all` forwards and selects here, stopping the read as soon as `maxCount` events are found or a
   * record lies past `until`. The
   * server would scan the same log records for a filtered read; the cost is the network transfer of
   * events that are then dropped. Subscriptions, which do the heavy lifting, filter on the server.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ?? 'start';
    const limit = options.maxCount ?? DEFAULT_BATCH;
    if (limit <= 0) return [];
    const events: RecordedEvent[] = [];
    const read = this.client.readAll({
      direction: FORWARDS,
      fromPosition: toReadPosition(after),
      maxCount: Number.MAX_SAFE_INTEGER,
    });
    await visitRead(read, (resolved) => {
      if (isPastBound(resolved, options.until)) return false;
      const event = selectEvent(resolved, after, options.filter);
      if (event) events.push(event);
      return events.length < limit;
    });
    return events;
  }

  subscribeToAll(handler: EventHandler, options: SubscribeToAllOptions = {}): Subscription {
    if (this.closed) throw new Error('The event store is closed');
    const after = options.after ?? 'start';
    const source = this.client.subscribeToAll({
      fromPosition: toReadPosition(after),
      filter: subscriptionFilter(options.filter),
    });
    const subscription = new EventStoreDbSubscription(source, {
      after,
      filter: options.filter,
      handler,
      onCaughtUp: options.onCaughtUp,
    });
    this.subscriptions.add(subscription);
    void subscription.done.catch(() => undefined).finally(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  /** Reads the newest record of `$all`: one round trip that needs a live, authorised connection. */
  async ping(): Promise<void> {
    await visitRead(this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }), () => true);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  private async positionOf(streamId: string, revision: number): Promise<GlobalPosition> {
    const [event] = await this.readStream(streamId, { direction: 'backwards', fromRevision: revision, maxCount: 1 });
    if (!event || event.revision !== revision) {
      throw new Error(`Stream "${streamId}": appended revision ${revision} could not be read back for its position`);
    }
    return event.position;
  }
}

/**
 * Iterates a client read until it ends or `visit` returns false. Stopping early cancels the gRPC call:
 * leaving the `for await` only destroys the client's wrapper stream, not the call feeding it.
 */
async function visitRead<E extends ClientResolvedEvent>(read: StreamingRead<E>, visit: (event: E) => boolean): Promise<void> {
  let finished = false;
  try {
    for await (const resolved of read as AsyncIterable<E>) {
      if (!visit(resolved)) return;
    }
    finished = true;
  } finally {
    if (!finished) {
      // A late gRPC error would be emitted on a stream nobody listens to any more, and crash the process.
      read.on('error', () => undefined);
      await read.cancel().catch(() => undefined);
    }
  }
}
