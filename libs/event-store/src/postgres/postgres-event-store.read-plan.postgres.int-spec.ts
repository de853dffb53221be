import { Client } from 'pg';
import { newEvent } from '../testing/event-fixtures';
import { PostgresTarget, postgresServerTarget } from '../testing/postgres-targets';

/**
 * A batch of a read in global order must cost its own size, whatever the table's statistics say. A
 * fresh schema has none (this server runs with autovacuum off, and nothing here runs ANALYZE), which
 * is when the planner would rather collect every row after the position and sort them.
 */
describe('PostgreSQL adapter: reading in global order without table statistics', () => {
  let target: PostgresTarget;
  let client: Client;
  const STREAMS = 40;
  const PER_STREAM = 100;
  /** The upper bound of a read that has none (what the adapter passes then). */
  const UNBOUNDED = ['18446744073709551615', '9223372036854775807'];

  beforeAll(async () => {
    target = await postgresServerTarget();
    for (let s = 0; s < STREAMS; s++) {
      await target.store.appendToStream(`plan-${s}`, Array.from({ length: PER_STREAM }, () => newEvent()), 'no_stream');
    }
    client = new Client({ connectionString: process.env.DATABASE_URL, options: `-c search_path=${target.schema}` });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await target.dispose();
  });

  /**
   * Rows of es_events the statement read: the difference it makes to this backend's table counters
   * (which also hold earlier statements' counts until they are flushed, hence before and after).
   */
  async function rowsReadBy(statement: string, params: unknown[]): Promise<{ returned: number; read: number }> {
    const counters = async () =>
      Number(
        (
          await client.query<{ read: string }>(
            `SELECT (coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0))::text AS read
             FROM pg_stat_xact_user_tables WHERE relid = 'es_events'::regclass`,
          )
        ).rows[0]?.read ?? 0,
      );
    await client.query('BEGIN');
    try {
      const before = await counters();
      const { rows } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM (${statement}) batch`, params);
      return { returned: Number(rows[0].n), read: (await counters()) - before };
    } finally {
      await client.query('ROLLBACK');
    }
  }

  it('has no statistics on es_events (the premise)', async () => {
    const { rows } = await client.query(`SELECT 1 FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'es_events'`);
    expect(rows).toHaveLength(0);
  });

  it('reads a batch from the start by walking the global order, not the whole table', async () => {
    const batch = await rowsReadBy(`SELECT * FROM es_read_all('0'::xid8, 0, $1::text::xid8, $2::bigint, 100, ARRAY['plan-%'], NULL)`, UNBOUNDED);
    expect(batch.returned).toBe(100);
    expect(batch.read).toBeLessThanOrEqual(2 * 100);
  });

  it('reads a batch from the middle the same way, with either kind of filter', async () => {
    const { rows } = await client.query<{ commit: string; prepare: string }>(
      `SELECT transaction_id::text AS commit, global_position::text AS prepare FROM es_events ORDER BY transaction_id, global_position OFFSET 1500 LIMIT 1`,
    );
    const [{ commit, prepare }] = rows;
    const byStream = await rowsReadBy(`SELECT * FROM es_read_all($1::text::xid8, $2::bigint, $3::text::xid8, $4::bigint, 100, ARRAY['plan-%'], NULL)`, [commit, prepare, ...UNBOUNDED]);
    expect(byStream).toEqual({ returned: 100, read: expect.any(Number) });
    expect(byStream.read).toBeLessThanOrEqual(2 * 100);
    const byType = await rowsReadBy(`SELECT * FROM es_read_all($1::text::xid8, $2::bigint, $3::text::xid8, $4::bigint, 100, NULL, ARRAY['TestEventHappened'])`, [commit, prepare, ...UNBOUNDED]);
    expect(byType.returned).toBe(100);
    expect(byType.read).toBeLessThanOrEqual(2 * 100);
  });

  it('ends a bounded read at its bound when the filter matches nothing after the start', async () => {
    const { rows } = await client.query<{ commit: string; prepare: string }>(
      `SELECT transaction_id::text AS commit, global_position::text AS prepare FROM es_events ORDER BY transaction_id, global_position OFFSET 1500 LIMIT 51`,
    );
    const [from, to] = [rows[0], rows[50]];
    const none = ['NothingOfThisType'];
    const unbounded = await rowsReadBy(`SELECT * FROM es_read_all($1::text::xid8, $2::bigint, $3::text::xid8, $4::bigint, 100, NULL, $5::text[])`, [from.commit, from.prepare, ...UNBOUNDED, none]);
    expect(unbounded.read).toBeGreaterThanOrEqual(STREAMS * PER_STREAM - 1500 - 1);
    const bounded = await rowsReadBy(`SELECT * FROM es_read_all($1::text::xid8, $2::bigint, $3::text::xid8, $4::bigint, 100, NULL, $5::text[])`, [from.commit, from.prepare, to.commit, to.prepare, none]);
    expect(bounded).toEqual({ returned: 0, read: expect.any(Number) });
    expect(bounded.read).toBeLessThanOrEqual(2 * 50);
  });

  it('gives the adapter the same events as a plain ordered query', async () => {
    const events = await target.store.readAll({ maxCount: STREAMS * PER_STREAM, filter: { streamPrefixes: ['plan-'] } });
    const { rows } = await client.query<{ id: string }>(`SELECT event_id::text AS id FROM es_events ORDER BY transaction_id, global_position`);
    expect(events.map((e) => e.id)).toEqual(rows.map((r) => r.id));
  });
});
