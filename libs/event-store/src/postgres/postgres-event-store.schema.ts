import { Migration } from '@app/database';

/**
 * One table holds every event. Why each part is there:
 * - PRIMARY KEY (stream_id, stream_revision): the database itself rejects a second event at a
 *   revision, so two writers that both expected revision n can never both succeed.
 * - UNIQUE (stream_id, event_id): makes re-appending the same events a detectable no-op.
 * - transaction_id: the id of the appending transaction. Readers follow (transaction_id,
 *   global_position) and only below the oldest transaction still running, which is what keeps a
 *   subscriber from skipping an event whose transaction commits after a later-numbered one (see
 *   `postgres-event-store.ts`).
 * - The trigger makes the table append-only for the application.
 */
export const EVENT_STORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create es_events',
    sql: `
      CREATE TABLE es_events (
        global_position bigint GENERATED ALWAYS AS IDENTITY,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id text NOT NULL,
        stream_revision bigint NOT NULL CHECK (stream_revision >= 0),
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        schema_version integer NOT NULL CHECK (schema_version >= 1),
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT es_events_stream_revision_pk PRIMARY KEY (stream_id, stream_revision),
        CONSTRAINT es_events_stream_event_id_key UNIQUE (stream_id, event_id)
      );
      CREATE INDEX es_events_global_order_idx ON es_events (transaction_id, global_position);

      CREATE FUNCTION es_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'es_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER es_events_append_only BEFORE UPDATE OR DELETE ON es_events
        FOR EACH ROW EXECUTE FUNCTION es_events_append_only();
      CREATE TRIGGER es_events_no_truncate BEFORE TRUNCATE ON es_events
        FOR EACH STATEMENT EXECUTE FUNCTION es_events_append_only();
    `,
  },
  {
    version: 2,
    name: 'create es_read_all',
    /*
     * Reading in global order must walk es_events_global_order_idx and stop after max_count rows:
     * each batch then costs its own size, and a catch-up over the whole store is linear. Left to
     * itself the planner does that only when the table's statistics are fresh. Without them (before
     * the first ANALYZE, after a bulk load, on a server with autovacuum off) it estimates a filter
     * such as `stream_id LIKE 'referral-%'` as matching a handful of rows, then prefers to collect
     * every row after the position and sort them: every batch costs the whole rest of the store,
     * and a rebuild over 250,000 events slows from milliseconds to about a second per batch. The
     * function's own settings rule that plan out, whatever the statistics say.
     */
    sql: `
      CREATE FUNCTION es_read_all(after_commit xid8, after_prepare bigint, max_count integer, stream_patterns text[], event_types text[])
        RETURNS SETOF es_events LANGUAGE sql STABLE
        SET enable_sort = off SET enable_bitmapscan = off SET enable_seqscan = off
      AS $$
        SELECT * FROM es_events
        WHERE (transaction_id, global_position) > (after_commit, after_prepare)
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
          AND (stream_patterns IS NULL OR stream_id LIKE ANY (stream_patterns))
          AND (event_types IS NULL OR event_type = ANY (event_types))
        ORDER BY transaction_id, global_position
        LIMIT max_count
      $$;
    `,
  },
  {
    version: 3,
    name: 'bound es_read_all above',
    /*
     * A read may stop at a position (`until`). The bound is a condition on the index like the lower
     * one, so the scan ends there: a filter that matches nothing after it no longer walks the rest of
     * the table. A read without a bound passes the largest position there can be.
     */
    sql: `
      DROP FUNCTION es_read_all(xid8, bigint, integer, text[], text[]);
      CREATE FUNCTION es_read_all(after_commit xid8, after_prepare bigint, until_commit xid8, until_prepare bigint,
                                  max_count integer, stream_patterns text[], event_types text[])
        RETURNS SETOF es_events LANGUAGE sql STABLE
        SET enable_sort = off SET enable_bitmapscan = off SET enable_seqscan = off
      AS $$
        SELECT * FROM es_events
        WHERE (transaction_id, global_position) > (after_commit, after_prepare)
          AND (transaction_id, global_position) <= (until_commit, until_prepare)
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
          AND (stream_patterns IS NULL OR stream_id LIKE ANY (stream_patterns))
          AND (event_types IS NULL OR event_type = ANY (event_types))
        ORDER BY transaction_id, global_position
        LIMIT max_count
      $$;
    `,
  },
];

export const EVENT_STORE_MIGRATION_SET = 'event-store';
export const APPENDED_CHANNEL = 'es_appended';
