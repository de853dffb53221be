import { EventEmitter } from 'node:events';
import { constraintOf, migrate, Queryable, SqlClient, sqlStateOf, SqlState } from '@app/database';
import { PartialIdempotentAppend, WrongExpectedRevision } from '../event-store.errors';
import {
  AppendResult,
  EventFilter,
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
import { PollingSubscription } from './polling-subscription';
import { appendStatement, batchParameter } from './append-statements';
import { StreamLanes } from './stream-lanes';
import { APPENDED_CHANNEL, EVENT_STORE_MIGRATION_SET, EVENT_STORE_MIGRATIONS } from './postgres-event-store.schema';

export interface PostgresEventStoreOptions {
  /** How often a subscription polls when no notification arrives. */
  pollIntervalMs?: number;
  /** At most one NOTIFY per this interval per process, however many appends commit. */
  notifyIntervalMs?: number;
  /** Retries of an `any` / `stream_exists` append that lost a race for the next revision. */
  maxAppendRetries?: number;
  /**
   * Whether appends NOTIFY subscribers in other processes (default true). Without it they see new
   * events at their next poll; subscriptions in this process are woken either way.
   */
  notifyOtherProcesses?: boolean;
}

const START: GlobalPosition = { commit: 0n, prepare: 0n };
/** The bound of a read that has none: xid8 and bigint at their largest. */
const END: GlobalPosition = { commit: 2n ** 64n - 1n, prepare: 2n ** 63n - 1n };
const DEFAULT_BATCH = 500;

interface EventRow {
  commit: string;
  prepare: string;
  stream_id: string;
  revision: string;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: RecordedEvent['metadata'];
  recorded_at: Date | string;
}

const EVENT_COLUMNS = `transaction_id::text AS commit, global_position::text AS prepare, stream_id,
  stream_revision::text AS revision, event_id::text AS event_id, event_type, schema_version, data, metadata, recorded_at`;
const SELECT_EVENT = `SELECT ${EVENT_COLUMNS} FROM es_events`;

export class PostgresEventStore implements EventStore {
  readonly adapter = 'postgres';
  private readonly appended = new EventEmitter();
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly lanes = new StreamLanes();
  private notifyInFlight = false;
  private notifyPending = false;
  private lastNotifyAt = 0;
  private stopListening?: Promise<() => Promise<void>>;
  private closed = false;

  private constructor(
    private readonly sql: SqlClient,
    private readonly options: Required<PostgresEventStoreOptions>,
  ) {
    this.appended.setMaxListeners(0);
  }

  /** Applies the schema migrations, then returns a store ready to use. */
  static async create(sql: SqlClient, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    await migrate(sql, EVENT_STORE_MIGRATION_SET, EVENT_STORE_MIGRATIONS);
    return new PostgresEventStore(sql, {
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      notifyIntervalMs: options.notifyIntervalMs ?? 10,
      maxAppendRetries: options.maxAppendRetries ?? 20,
      notifyOtherProcesses: options.notifyOtherProcesses ?? true,
    });
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    validateAppend(streamId, events, expected);
    // Only appends that retry after losing a race need queueing; the others fail fast on a conflict either way.
    const result =
      expected === 'any' || expected === 'stream_exists'
        ? await this.lanes.run(streamId, () => this.appendWith(this.sql, streamId, events, expected))
        : await this.appendWith(this.sql, streamId, events, expected);
    this.announceAppend();
    return result;
  }

  /**
   * The append on a given connection. Exposed for tests that must hold an append's transaction open
   * to reproduce out-of-order commits; the application always appends through `appendToStream`.
   */
  async appendWith(db: Queryable, streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const statement = appendStatement(expected, events.length);
    const params = appendParameters(streamId, events, expected);
    for (let attempt = 0; ; attempt++) {
      try {
        const { rows } = await db.query<AppendedRow>(statement.text, params, { name: statement.name });
        if (rows.length === events.length) return resultOf(rows);
        // No row: the stream's head did not satisfy the expected revision.
        return await this.resolveRejectedAppend(db, streamId, events, expected);
      } catch (error) {
        if (sqlStateOf(error) !== SqlState.uniqueViolation) throw error;
        const lostRaceForRevision = constraintOf(error) === 'es_events_stream_revision_pk';
        const retryable = expected === 'any' || expected === 'stream_exists';
        if (lostRaceForRevision && retryable && attempt < this.options.maxAppendRetries) continue;
        return await this.resolveRejectedAppend(db, streamId, events, expected);
      }
    }
  }

  /** A rejected append is either a retry of events already in the stream (success) or a conflict. */
  private async resolveRejectedAppend(
    db: Queryable,
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const { rows } = await db.query<{ event_id: string; revision: string; commit: string; prepare: string }>(
      `SELECT event_id::text AS event_id, stream_revision::text AS revision, transaction_id::text AS commit,
         global_position::text AS prepare
       FROM es_events WHERE stream_id = $1 AND event_id = ANY($2::uuid[])`,
      [streamId, events.map((e) => e.id)],
    );
    if (rows.length === events.length) return resultOf(rows);
    if (rows.length > 0) throw new PartialIdempotentAppend(streamId, rows.map((r) => r.event_id));
    const head = await db.query<{ revision: string | null }>(
      'SELECT max(stream_revision)::text AS revision FROM es_events WHERE stream_id = $1',
      [streamId],
    );
    const actual = head.rows[0]?.revision;
    throw new WrongExpectedRevision(streamId, expected, actual == null ? 'no_stream' : Number(actual));
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? 'end' : 'start');
    const limit = options.maxCount ?? null;
    let condition = '';
    let variant = 'all';
    const params: unknown[] = [streamId, limit];
    if (typeof from === 'number') {
      condition = backwards ? 'AND stream_revision <= $3' : 'AND stream_revision >= $3';
      variant = 'from';
      params.push(from);
    } else if ((from === 'end' && !backwards) || (from === 'start' && backwards)) {
      // Forwards from the end, or backwards from the start: only the one event at that end.
      condition = `AND stream_revision = (SELECT ${from === 'end' ? 'max' : 'min'}(stream_revision) FROM es_events WHERE stream_id = $1)`;
      variant = from;
    }
    // Every command reads its streams: prepared once per connection, one name per variant of the text.
    const { rows } = await this.sql.query<EventRow>(
      `${SELECT_EVENT} WHERE stream_id = $1 ${condition}
       ORDER BY stream_revision ${backwards ? 'DESC' : 'ASC'} LIMIT $2`,
      params,
      { name: `es_read_stream_${variant}_${backwards ? 'backwards' : 'forwards'}` },
    );
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after === undefined || options.after === 'start' ? START : options.after;
    return this.readAllAfter(after, options.maxCount ?? DEFAULT_BATCH, options.filter, options.until);
  }

  /**
   * Events in global order are read only where `transaction_id < pg_snapshot_xmin(pg_current_snapshot())`,
   * i.e. from transactions older than every transaction still in flight, ordered by
   * (transaction_id, global_position). PostgreSQL hands out sequence numbers at insert time but
   * transactions commit in any order, so a reader that followed `global_position` alone could pass
   * position 7 while the transaction holding position 6 is still open, and never see 6. Below the
   * snapshot's xmin no transaction can still commit, so the prefix a reader sees never grows in the
   * middle: no subscriber can skip a committed event. The price is latency, not throughput: an event
   * becomes readable once every transaction that started writing before it has ended. The SQL
   * function `es_read_all` (see the schema) holds that condition and the index-ordered plan.
   */
  private async readAllAfter(after: GlobalPosition, limit: number, filter?: EventFilter, until: GlobalPosition = END): Promise<RecordedEvent[]> {
    const { rows } = await this.sql.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM es_read_all($1::text::xid8, $2::bigint, $3::text::xid8, $4::bigint, $5::integer, $6::text[], $7::text[])`,
      [after.commit.toString(), after.prepare.toString(), until.commit.toString(), until.prepare.toString(), limit, ...filterArrays(filter)],
      { name: 'es_read_all' },
    );
    return rows.map(toRecordedEvent);
  }

  /** Whether any committed event after `after` exists, visible to readers yet or still held back. */
  private async hasCommittedAfter(after: GlobalPosition, filter?: EventFilter): Promise<boolean> {
    const [filterSql, filterParams] = filterClause(filter);
    const { rows } = await this.sql.query<{ found: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM es_events WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint) ${filterSql}) AS found`,
      [after.commit.toString(), after.prepare.toString(), ...filterParams],
    );
    return rows[0]?.found === true;
  }

  subscribeToAll(handler: EventHandler, options: SubscribeToAllOptions = {}): Subscription {
    this.ensureListening();
    const subscription = new PollingSubscription({
      after: options.after ?? 'start',
      handler,
      onCaughtUp: options.onCaughtUp,
      readBatch: (after) => this.readAllAfter(after === 'start' ? START : after, DEFAULT_BATCH, options.filter),
      hasMore: (after) => this.hasCommittedAfter(after === 'start' ? START : after, options.filter),
      wakeups: this.appended,
      pollIntervalMs: this.options.pollIntervalMs,
    });
    this.subscriptions.add(subscription);
    void subscription.done.catch(() => undefined).finally(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async ping(): Promise<void> {
    await this.sql.query('SELECT 1 FROM es_events LIMIT 0');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    if (this.stopListening) await (await this.stopListening.catch(() => async () => undefined))();
  }

  /**
   * Wakes this process's subscriptions at once, and others through LISTEN/NOTIFY. The NOTIFY is sent
   * after the append committed, in its own statement, at most once per `notifyIntervalMs`: a NOTIFY
   * inside every append transaction would serialise all commits on PostgreSQL's notify lock. A lost
   * notification (a crash between commit and NOTIFY) only delays subscribers until their next poll.
   */
  private announceAppend(): void {
    this.appended.emit('appended');
    if (!this.options.notifyOtherProcesses) return;
    if (this.notifyInFlight) {
      this.notifyPending = true;
      return;
    }
    this.notifyInFlight = true;
    const wait = Math.max(0, this.lastNotifyAt + this.options.notifyIntervalMs - Date.now());
    setTimeout(() => {
      this.notifyPending = false;
      this.lastNotifyAt = Date.now();
      this.sql
        .query('SELECT pg_notify($1, $2)', [APPENDED_CHANNEL, String(process.pid)])
        .catch(() => undefined)
        .finally(() => {
          this.notifyInFlight = false;
          if (this.notifyPending && !this.closed) this.announceAppend();
        });
    }, wait).unref();
  }

  private ensureListening(): void {
    if (this.stopListening || this.closed) return;
    this.stopListening = this.sql.listen(APPENDED_CHANNEL, () => this.appended.emit('appended'));
    // Without LISTEN, subscriptions still poll; they are only slower to see other processes' events.
    this.stopListening.catch(() => undefined);
  }
}

function appendParameters(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): unknown[] {
  const [only] = events;
  const params: unknown[] =
    events.length === 1
      ? [streamId, only.id, only.type, only.schemaVersion, JSON.stringify(only.data ?? null), JSON.stringify(only.metadata)]
      : [streamId, batchParameter(events)];
  if (typeof expected === 'number') params.push(expected);
  return params;
}

/**
 * What an append returns. The columns come back uncast: pg delivers int8 and xid8 as strings,
 * PGlite int8 as a number (exact far beyond any revision or sequence value we will reach) and
 * xid8 as a string; either converts exactly.
 */
interface AppendedRow {
  revision: string | number;
  commit: string | number;
  prepare: string | number;
}

function resultOf(rows: readonly AppendedRow[]): AppendResult {
  let last = rows[0];
  for (const row of rows) if (Number(row.revision) > Number(last.revision)) last = row;
  return {
    nextExpectedRevision: Number(last.revision),
    position: { commit: BigInt(last.commit), prepare: BigInt(last.prepare) },
  };
}

/** The filter as es_read_all's two arguments: LIKE patterns for stream prefixes, or event types. */
function filterArrays(filter: EventFilter | undefined): [string[] | null, string[] | null] {
  if (!filter) return [null, null];
  if ('eventTypes' in filter) return [null, [...filter.eventTypes]];
  return [likePatterns(filter.streamPrefixes), null];
}

const likePatterns = (prefixes: readonly string[]) => prefixes.map((p) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);

/** The filter as a condition on parameter $3 (after the position's two). */
function filterClause(filter: EventFilter | undefined): [string, unknown[]] {
  if (!filter) return ['', []];
  if ('eventTypes' in filter) return ['AND event_type = ANY($3::text[])', [filter.eventTypes]];
  return ['AND stream_id LIKE ANY($3::text[])', [likePatterns(filter.streamPrefixes)]];
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.event_type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: { commit: BigInt(row.commit), prepare: BigInt(row.prepare) },
    recordedAt: row.recorded_at instanceof Date ? row.recorded_at : new Date(row.recorded_at),
  };
}
