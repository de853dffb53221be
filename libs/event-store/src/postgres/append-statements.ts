import { ExpectedRevision } from '../event-store.port';

/**
 * An append is a single INSERT ... SELECT statement, run in autocommit: one round trip, and the
 * expected-revision check, the revision numbering and the insert happen in the same statement.
 * Two writers that read the same head both try to insert the same (stream_id, stream_revision);
 * the primary key makes the second wait for the first and then fail with a unique violation.
 *
 * Because every append is its own single-statement transaction, its transaction id is assigned
 * after its snapshot was taken; a later revision of a stream therefore always has a larger
 * transaction id than an earlier one, and reading in (transaction_id, global_position) order
 * keeps every stream in revision order.
 */
const HEAD = 'SELECT max(stream_revision) AS revision FROM es_events WHERE stream_id = $1';
const RETURNING = 'RETURNING stream_revision::text AS revision, transaction_id::text AS commit, global_position::text AS prepare';
const COLUMNS = 'stream_id, stream_revision, event_id, event_type, schema_version, data, metadata';

function headCondition(expected: ExpectedRevision): string {
  if (expected === 'no_stream') return 'head.revision IS NULL';
  if (expected === 'stream_exists') return 'head.revision IS NOT NULL';
  if (expected === 'any') return 'TRUE';
  return 'head.revision = $7::bigint';
}

function kindOf(expected: ExpectedRevision): 'no_stream' | 'stream_exists' | 'any' | 'exact' {
  return typeof expected === 'number' ? 'exact' : expected;
}

function buildSingle(expected: ExpectedRevision): string {
  return `WITH head AS (${HEAD})
    INSERT INTO es_events (${COLUMNS})
    SELECT $1, coalesce(head.revision, -1) + 1, $2::uuid, $3, $4::integer, $5::jsonb, $6::jsonb
    FROM head WHERE ${headCondition(expected)}
    ${RETURNING}`;
}

function buildBatch(expected: ExpectedRevision): string {
  return `WITH head AS (${HEAD})
    INSERT INTO es_events (${COLUMNS})
    SELECT $1, coalesce(head.revision, -1) + e.ord, e.id, e.type, e.version, e.data, e.metadata
    FROM head, unnest($2::uuid[], $3::text[], $4::integer[], $5::jsonb[], $6::jsonb[])
      WITH ORDINALITY AS e(id, type, version, data, metadata, ord)
    WHERE ${headCondition(expected)}
    ${RETURNING}`;
}

const single = new Map<string, string>();
const batch = new Map<string, string>();
for (const kind of ['no_stream', 'stream_exists', 'any', 0] as const) {
  single.set(kindOf(kind), buildSingle(kind));
  batch.set(kindOf(kind), buildBatch(kind));
}

/** The statement text for an append of `count` events; parameters as in `appendParameters`. */
export function appendStatement(expected: ExpectedRevision, count: number): string {
  return (count === 1 ? single : batch).get(kindOf(expected))!;
}
