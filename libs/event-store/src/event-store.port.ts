/**
 * The event store port. Everything the platform knows happened is an event in a stream; this port is
 * the only way to write or read them, and every adapter must pass the shared contract suite
 * (`testing/event-store.contract.ts`).
 */

/** What the writer believes the stream's last revision to be; the store rejects the append otherwise. */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

export interface EventMetadata {
  correlationId: string;
  causationId: string | null;
  actorUserId: string | null;
  actorAgencyId: string | null;
  /** ISO-8601 instant at which the fact happened in the world (as opposed to when it was recorded). */
  occurredAt: string;
  /** The event's link in its stream's hash chain, added by `HashChainedEventStore` (see `integrity/`). */
  integrity?: EventIntegrity;
}

export interface EventIntegrity {
  algorithm: 'sha256-jcs';
  /** Hex SHA-256 of the event before it in the stream (a fixed genesis value for revision 0). */
  previousHash: string;
  /** Hex SHA-256 over the canonical JSON of this event (without `integrity`), then `previousHash`. */
  hash: string;
}

export interface NewEvent<Data = unknown> {
  /** UUID chosen by the writer; appending the same id to the same stream again is a no-op. */
  id: string;
  type: string;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
}

/**
 * A place in the global order. Both parts are opaque to callers and compared as a pair: on
 * EventStoreDB they are the commit and prepare positions of the transaction log; on PostgreSQL the
 * appending transaction's id and the event's sequence number (see the PostgreSQL adapter).
 */
export interface GlobalPosition {
  commit: bigint;
  prepare: bigint;
}

export interface RecordedEvent<Data = unknown> extends NewEvent<Data> {
  streamId: string;
  /** 0 for the first event of a stream, then +1 per event. */
  revision: number;
  position: GlobalPosition;
  recordedAt: Date;
}

export interface AppendResult {
  /** The revision of the stream's last event, to use as the next expected revision. */
  nextExpectedRevision: number;
  /** Position of the last event appended (of the existing one, for an idempotent re-append). */
  position: GlobalPosition;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  direction?: Direction;
  /** First revision to return (inclusive). Defaults to the start (forwards) or the end (backwards). */
  fromRevision?: number | 'start' | 'end';
  maxCount?: number;
}

/** Keep only events whose type is one of `eventTypes`, or whose stream id starts with one of `streamPrefixes`. */
export type EventFilter = { eventTypes: readonly string[] } | { streamPrefixes: readonly string[] };

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Defaults to the beginning. */
  after?: GlobalPosition | 'start';
  /**
   * Inclusive: no event after this position. A selective filter (a few agreement events among many
   * referral events) otherwise costs a read everything after `after`, however few events it returns;
   * with a bound the read costs the events up to it.
   */
  until?: GlobalPosition;
  maxCount?: number;
  filter?: EventFilter;
}

export type EventHandler = (event: RecordedEvent) => Promise<void> | void;

export interface SubscribeToAllOptions {
  /** Exclusive: deliver events strictly after this checkpoint. Defaults to the beginning. */
  after?: GlobalPosition | 'start';
  filter?: EventFilter;
  /** Called once, when every event committed before the subscription started has been delivered. */
  onCaughtUp?: () => void;
}

export interface Subscription {
  /** Position of the last event the handler finished; resume from here. */
  readonly position: GlobalPosition | 'start';
  readonly isCaughtUp: boolean;
  /** Resolves when the subscription stops: after `stop()`, or rejects when the handler or the store failed. */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

export interface EventStore {
  readonly adapter: string;
  appendToStream(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Catch-up subscription to all events in global order: history after `after`, then live. The
   * handler is awaited, one event at a time; when it throws, the subscription stops and `done` rejects.
   */
  subscribeToAll(handler: EventHandler, options?: SubscribeToAllOptions): Subscription;
  /** Cheap liveness probe for health checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const START = 'start' as const;

export function comparePositions(a: GlobalPosition, b: GlobalPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** Whether `position` lies after an exclusive checkpoint (anything does after 'start'). */
export function isAfterCheckpoint(position: GlobalPosition, checkpoint: GlobalPosition | 'start'): boolean {
  return checkpoint === 'start' || comparePositions(position, checkpoint) > 0;
}

/** Text form for checkpoints kept in a database column or an HTTP header: `commit/prepare`. */
export function formatPosition(position: GlobalPosition): string {
  return `${position.commit}/${position.prepare}`;
}

export function parsePosition(text: string): GlobalPosition {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) throw new TypeError(`Not a global position: "${text}" (expected "<commit>/<prepare>")`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}
