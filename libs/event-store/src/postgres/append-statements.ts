import { ExpectedRevision, NewEvent } from '../event-store.port';

/**
 * An append is a single INSERT statement, run in autocommit: one round trip, and the
 * expected-revision check, the revision numbering and the insert happen in the same statement.
 * The primary key (stream_id, stream_revision) is what enforces the expected revision: two writers
 * that target the same next revision both insert the same key, and the second waits for the first
 * and then fails with a unique violation. So:
 * - no_stream inserts revision 0 as a plain INSERT: if the stream exists, revision 0 exists;
 * - an exact revision n inserts n+1, guarded by the existence of n (no gap may open);
 * - any / stream_exists number from the stream's current head.
 *
 * Because every append is its own single-statement transaction, its transaction id is assigned
 * after its snapshot was taken; a later revision of a stream therefore always has a larger
 * transaction id than an earlier one, and reading in (transaction_id, global_position) order
 * keeps every stream in revision order.
 *
 * Parameters for one event: $1 stream id, $2 event id, $3 type, $4 schema version, $5 data, $6
 * metadata, $7 the expected revision when it is exact. For several events: $1 stream id, $2 the
 * events as one JSON array (see `batchParameter`), $3 the expected revision when it is exact. One JSON
 * text rather than an array per column: the driver would write each array as a PostgreSQL array
 * literal, escaping every quote of every event's JSON on the way.
 */
const COLUMNS = 'stream_id, stream_revision, event_id, event_type, schema_version, data, metadata';
const RETURNING = 'RETURNING stream_revision AS revision, transaction_id AS commit, global_position AS prepare';
const HEAD = 'SELECT max(stream_revision) AS revision FROM es_events WHERE stream_id = $1';
const EVENTS = `jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(event, ord)`;
const FIELDS = `(e.event->>'id')::uuid, e.event->>'type', (e.event->>'schemaVersion')::integer, e.event->'data', e.event->'metadata'`;

type Kind = 'no_stream' | 'exact' | 'any' | 'stream_exists';

function kindOf(expected: ExpectedRevision): Kind {
  return typeof expected === 'number' ? 'exact' : expected;
}

const single: Record<Kind, string> = {
  no_stream: `INSERT INTO es_events (${COLUMNS})
    VALUES ($1, 0, $2::uuid, $3, $4::integer, $5::jsonb, $6::jsonb) ${RETURNING}`,
  exact: `INSERT INTO es_events (${COLUMNS})
    SELECT $1, $7::bigint + 1, $2::uuid, $3, $4::integer, $5::jsonb, $6::jsonb
    WHERE EXISTS (SELECT 1 FROM es_events WHERE stream_id = $1 AND stream_revision = $7::bigint) ${RETURNING}`,
  any: `WITH head AS (${HEAD}) INSERT INTO es_events (${COLUMNS})
    SELECT $1, coalesce(head.revision, -1) + 1, $2::uuid, $3, $4::integer, $5::jsonb, $6::jsonb FROM head ${RETURNING}`,
  stream_exists: `WITH head AS (${HEAD}) INSERT INTO es_events (${COLUMNS})
    SELECT $1, head.revision + 1, $2::uuid, $3, $4::integer, $5::jsonb, $6::jsonb FROM head
    WHERE head.revision IS NOT NULL ${RETURNING}`,
};

const batch: Record<Kind, string> = {
  no_stream: `INSERT INTO es_events (${COLUMNS})
    SELECT $1, e.ord - 1, ${FIELDS} FROM ${EVENTS} ${RETURNING}`,
  exact: `INSERT INTO es_events (${COLUMNS})
    SELECT $1, $3::bigint + e.ord, ${FIELDS} FROM ${EVENTS}
    WHERE EXISTS (SELECT 1 FROM es_events WHERE stream_id = $1 AND stream_revision = $3::bigint) ${RETURNING}`,
  any: `WITH head AS (${HEAD}) INSERT INTO es_events (${COLUMNS})
    SELECT $1, coalesce(head.revision, -1) + e.ord, ${FIELDS} FROM head, ${EVENTS} ${RETURNING}`,
  stream_exists: `WITH head AS (${HEAD}) INSERT INTO es_events (${COLUMNS})
    SELECT $1, head.revision + e.ord, ${FIELDS} FROM head, ${EVENTS}
    WHERE head.revision IS NOT NULL ${RETURNING}`,
};

export interface AppendStatement {
  /** Prepared-statement name: appends are the hottest statements, worth planning once per connection. */
  name: string;
  text: string;
}

/** The statement for an append of `count` events. */
export function appendStatement(expected: ExpectedRevision, count: number): AppendStatement {
  const kind = kindOf(expected);
  return count === 1 ? { name: `es_append_one_${kind}`, text: single[kind] } : { name: `es_append_many_${kind}`, text: batch[kind] };
}

/** The `$2` of a several-event append: the events as one JSON array, in order. */
export function batchParameter(events: readonly NewEvent[]): string {
  return JSON.stringify(events.map((e) => ({ id: e.id, type: e.type, schemaVersion: e.schemaVersion, data: e.data ?? null, metadata: e.metadata })));
}
