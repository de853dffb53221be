/**
 * Event store benchmark: `npm run bench:event-store`. Uses DATABASE_URL (a PostgreSQL server) or,
 * without it, embedded PGlite. Prints one JSON line per workload with the subject's rate, a
 * baseline's rate measured in the same run on the same database, and their ratio.
 *
 * Baselines: for appends, a plain `pg` single-row INSERT per autocommit transaction into a table with
 * the same columns, constraints and indexes as es_events; for read-all, a plain keyset SELECT
 * (`WHERE global_position > $1 ORDER BY global_position LIMIT 1000`) over a copy of the same rows.
 * `append-chained` and `append-chained-head-unknown` compare appends through the hash chain
 * (`HashChainedEventStore`) with the same appends straight to the adapter: after a load of the
 * stream as a command handler makes, and without one.
 * Subject and baseline alternate (A B A B …) after a warm-up of each; the reported ratio is the
 * median of the per-round ratios, with the min and max beside it.
 */
import { randomUUID } from 'node:crypto';
import { PgliteSqlClient, PgSqlClient, SqlClient } from '@app/database';
import { EventStore, HashChainedEventStore, NewEvent, PostgresEventStore, RecordedEvent } from '@app/event-store';
import { median, round2 } from './support/stats';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const EVENTS_PER_ROUND = Number(process.env.BENCH_EVENTS ?? 8000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const READ_BATCH = 1000;
/** Events per stream in the hash-chain workloads: about a referral's whole life. */
const STREAM_LENGTH = 8;

const metadata = {
  correlationId: randomUUID(),
  causationId: null,
  actorUserId: 'bench-user',
  actorAgencyId: 'bench-agency',
  occurredAt: '2026-11-24T09:00:00.000Z',
};
const data = { agreementId: 'lucca-2007', urgency: 'ordinary', exploitationTypes: ['labour'], indicators: ['deception', 'debt-bondage'] };

function event(): NewEvent {
  return { id: randomUUID(), type: 'BenchmarkEventRecorded', schemaVersion: 1, data, metadata };
}

async function timed(work: () => Promise<number>): Promise<number> {
  const start = process.hrtime.bigint();
  const count = await work();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return count / seconds;
}

/** Runs `perWriter(w)` for each of CONCURRENCY writers, each `total / CONCURRENCY` times. */
async function writers(total: number, step: (writer: number, n: number) => Promise<void>): Promise<number> {
  const each = Math.floor(total / CONCURRENCY);
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, writer) => {
      for (let n = 0; n < each; n++) await step(writer, n);
    }),
  );
  return each * CONCURRENCY;
}

const BASELINE_INSERT = `INSERT INTO baseline_events (stream_id, stream_revision, event_id, event_type, schema_version, data, metadata)
  VALUES ($1, $2, $3, $4, $5, $6, $7)`;

function baselineInsert(sql: SqlClient, streamId: string, revision: number): Promise<unknown> {
  const e = event();
  return sql.query(BASELINE_INSERT, [streamId, revision, e.id, e.type, e.schemaVersion, JSON.stringify(e.data), JSON.stringify(e.metadata)]);
}

interface Workload {
  name: string;
  subject: (round: number) => Promise<number>;
  baseline: (round: number) => Promise<number>;
  events: number;
}

async function measure(workload: Workload, adapter: string, engine: string): Promise<void> {
  await workload.subject(-1);
  await workload.baseline(-1);
  const subjectRates: number[] = [];
  const baselineRates: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const subject = await timed(() => workload.subject(round));
    const baseline = await timed(() => workload.baseline(round));
    subjectRates.push(subject);
    baselineRates.push(baseline);
    ratios.push(subject / baseline);
  }
  console.log(
    JSON.stringify({
      name: workload.name,
      adapter,
      engine,
      concurrency: CONCURRENCY,
      events: workload.events,
      rounds: ROUNDS,
      perSecond: Math.round(median(subjectRates)),
      baselinePerSecond: Math.round(median(baselineRates)),
      ratio: round2(median(ratios)),
      ratioMin: round2(Math.min(...ratios)),
      ratioMax: round2(Math.max(...ratios)),
    }),
  );
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const schema = `bench_${Date.now()}`;
  let sql: SqlClient;
  let admin: PgSqlClient | undefined;
  if (url) {
    admin = new PgSqlClient({ connectionString: url, maxConnections: 1 });
    await admin.query(`CREATE SCHEMA ${schema}`);
    sql = new PgSqlClient({ connectionString: url, schema, maxConnections: CONCURRENCY + 2 });
  } else {
    sql = await PgliteSqlClient.open();
  }
  const engine = url ? 'postgres-server' : 'pglite';
  try {
    const store = await PostgresEventStore.create(sql);
    await sql.exec(`
      CREATE TABLE baseline_events (LIKE es_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES INCLUDING IDENTITY);
    `);
    const run = randomUUID().slice(0, 8);

    await measure(
      {
        name: 'append',
        events: EVENTS_PER_ROUND,
        subject: (round) => writers(EVENTS_PER_ROUND, async (w, n) => {
          await store.appendToStream(`s-${run}-${round}-${w}-${n}`, [event()], 'no_stream');
        }),
        baseline: (round) => writers(EVENTS_PER_ROUND, async (w, n) => {
          await baselineInsert(sql, `b-${run}-${round}-${w}-${n}`, 0);
        }),
      },
      store.adapter,
      engine,
    );

    const subjectHeads = new Map<string, number>();
    const baselineHeads = new Map<string, number>();
    await measure(
      {
        name: 'append-existing',
        events: EVENTS_PER_ROUND,
        subject: () => writers(EVENTS_PER_ROUND, async (w) => {
          const stream = `existing-${run}-${w}`;
          const head = subjectHeads.get(stream);
          const result = await store.appendToStream(stream, [event()], head ?? 'no_stream');
          subjectHeads.set(stream, result.nextExpectedRevision);
        }),
        baseline: () => writers(EVENTS_PER_ROUND, async (w) => {
          const stream = `existing-${run}-${w}`;
          const next = (baselineHeads.get(stream) ?? -1) + 1;
          await baselineInsert(sql, stream, next);
          baselineHeads.set(stream, next);
        }),
      },
      store.adapter,
      engine,
    );

    // The hash chain's cost, on streams as long as a referral's (STREAM_LENGTH events, then the next
    // stream). `append-chained`: each append follows a load of the stream, as in a command handler,
    // through the chain (whose load tells it the head) against the same load and append straight to
    // the adapter. `append-chained-head-unknown`: appends with no load before them, so the chain reads
    // the head itself (except a stream's first append, which expects no stream), against the same
    // appends straight to the adapter.
    const chained = new HashChainedEventStore(store);
    const streamOf = (label: string, round: number, w: number, n: number) => `${label}-${run}-${round}-${w}-${Math.floor(n / STREAM_LENGTH)}`;
    const loadThenAppend = async (target: EventStore, stream: string): Promise<void> => {
      const history = await target.readStream(stream);
      await target.appendToStream(stream, [event()], history.length === 0 ? 'no_stream' : history.length - 1);
    };
    const appendAt = (target: EventStore, stream: string, n: number) => target.appendToStream(stream, [event()], n % STREAM_LENGTH === 0 ? 'no_stream' : (n % STREAM_LENGTH) - 1);
    await measure(
      {
        name: 'append-chained',
        events: EVENTS_PER_ROUND,
        subject: (round) => writers(EVENTS_PER_ROUND, (w, n) => loadThenAppend(chained, streamOf('chained', round, w, n))),
        baseline: (round) => writers(EVENTS_PER_ROUND, (w, n) => loadThenAppend(store, streamOf('plain', round, w, n))),
      },
      store.adapter,
      engine,
    );
    await measure(
      {
        name: 'append-chained-head-unknown',
        events: EVENTS_PER_ROUND,
        subject: (round) => writers(EVENTS_PER_ROUND, async (w, n) => {
          await appendAt(chained, streamOf('cold', round, w, n), n);
        }),
        baseline: (round) => writers(EVENTS_PER_ROUND, async (w, n) => {
          await appendAt(store, streamOf('plain-cold', round, w, n), n);
        }),
      },
      store.adapter,
      engine,
    );

    await sql.exec(`
      CREATE TABLE baseline_read AS SELECT * FROM es_events ORDER BY transaction_id, global_position;
      ALTER TABLE baseline_read ADD PRIMARY KEY (global_position);
      ANALYZE baseline_read; ANALYZE es_events;
    `);
    const total = Number((await sql.query<{ n: string }>('SELECT count(*)::text AS n FROM es_events')).rows[0].n);
    // A reader that returned fewer rows would look faster than it is.
    const expectAll = (count: number): number => {
      if (count !== total) throw new Error(`read-all read ${count} of ${total} events`);
      return count;
    };
    await measure(
      {
        name: 'read-all',
        events: total,
        subject: async () => {
          let count = 0;
          let after: RecordedEvent['position'] | 'start' = 'start';
          for (;;) {
            const batch = await store.readAll({ after, maxCount: READ_BATCH });
            count += batch.length;
            if (batch.length < READ_BATCH) return expectAll(count);
            after = batch[batch.length - 1].position;
          }
        },
        baseline: async () => {
          let count = 0;
          let after = '0';
          for (;;) {
            // The text casts carry other names than the columns: ORDER BY would otherwise sort by the text.
            const { rows } = await sql.query<{ position: string }>(
              `SELECT global_position::text AS position, transaction_id::text AS commit, stream_id,
                 stream_revision, event_id, event_type, schema_version, data, metadata, recorded_at
               FROM baseline_read WHERE global_position > $1 ORDER BY global_position LIMIT ${READ_BATCH}`,
              [after],
            );
            count += rows.length;
            if (rows.length < READ_BATCH) return expectAll(count);
            after = rows[rows.length - 1].position;
          }
        },
      },
      store.adapter,
      engine,
    );
    await store.close();
  } finally {
    await sql.close();
    if (admin) {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
