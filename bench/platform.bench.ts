/**
 * Platform benchmark: `npm run bench:platform`. Starts the embedded platform in this process (the
 * gateway with the referrals and projector services, demo data) on DATABASE_URL (a PostgreSQL
 * server, in a schema of its own) or, without it, on embedded PGlite, and prints one JSON line per
 * measurement, each naming its engine:
 *
 * - `http-submit-referral`, one line per arrival pattern: `POST /api/v1/referrals` at a fixed rate
 *   (100/s) for a fixed time (30 s) with autocannon, each request with its own Idempotency-Key;
 *   latency percentiles, non-2xx count (must be 0), against a baseline of `GET /api/v1/me` at the same
 *   rate and pattern (authenticated, no write); with how busy the platform's event loop was per
 *   request and the collector's pauses meanwhile. `paced`: one request every 1/rate seconds (a
 *   constant arrival rate, what the target is set for); `per-second-bursts`: autocannon's own rate
 *   limit over a few connections, which sends each second's requests together at its start (the same
 *   average rate, five times it and more for the first fifth of each second).
 * - `projection-lag`, one line per arrival pattern: during those submissions, how long from each referral's append (the event's
 *   `recorded_at`) until its row is in the case-routing read model the inbox reads, watched from a
 *   thread and connection of its own on a server (see `support/projection-lag-probe.ts`), with the
 *   round trips of the watcher's own polls: what the database server alone made a statement wait.
 * - `projection-rebuild`, one line per projection: a full rebuild (`rebuildProjection`, what
 *   `projections:rebuild` runs) over at least 100,000 events, against a baseline of the plain
 *   `readAll` of the same events (same filter, same batch size) on the same database.
 *
 * Subject and baseline alternate (A B A B …) after a warm-up of each; percentiles are the median over
 * rounds (max: the largest seen), and the ratio is the median of the per-round ratios with min and max.
 * Sizes come from the environment so that CI can run it small (see README, "Benchmark").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import type { MessagePort } from 'node:worker_threads';
import type { INestApplication } from '@nestjs/common';
import type autocannon from 'autocannon';
import type { DataSource } from 'typeorm';
import type { SqlClient } from '@app/database';
import { EventStore, GlobalPosition } from '@app/event-store';
import { EVENT_STORE, SQL_CLIENT } from '@app/platform';
import { createProjections, DEFAULT_REBUILD_BATCH_SIZE, Projection, READ_MODEL_DATA_SOURCE, rebuildProjection } from '@app/projections';
import { waitUntilCaughtUp } from '@app/projections/testing/read-model-target';
import { appendReferralTraffic } from '@app/projections/testing/referral-traffic';
import { startEmbeddedApp } from '../test/support/embedded-app';
import { embeddedPostgres, postgresServerSchema } from '../test/support/platform-under-test';
import { PostgresHostCpu } from './support/host-cpu';
import { Arrivals, HttpLoad, runHttpLoad } from './support/http-load';
import { ProjectionLagProbe } from './support/projection-lag-probe';
import { median, percentile, round2 } from './support/stats';

function setting(name: string, fallback: number): number {
  const text = process.env[name]?.trim();
  const value = text ? Number(text) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${text}"`);
  return value;
}

const RATE = setting('BENCH_RATE', 100);
const DURATION = setting('BENCH_DURATION', 30);
const WARMUP = setting('BENCH_WARMUP', 5);
const ROUNDS = setting('BENCH_ROUNDS', 3);
/**
 * The connections of the `per-second-bursts` pattern. autocannon paces each connection on its own: at
 * every second's tick a connection sends its share of the rate (rate / connections) one request after
 * another, each when the previous one is answered. Ten connections make ten concurrent requests at a
 * time from the start of every second until its share is sent. The `paced` pattern uses one connection
 * per request of a second instead. The load runs on a worker thread of its own (see `support/http-load.ts`).
 */
const CONNECTIONS = setting('BENCH_CONNECTIONS', 10);
const ARRIVALS: readonly Arrivals[] = ['paced', 'per-second-bursts'];
const LAG_POLL_MS = 10;
const REBUILD_EVENTS = setting('BENCH_REBUILD_EVENTS', 100_000);
// The rebuild's own batch size (what `projections:rebuild` uses); the baseline reads in batches of the same size.
const REBUILD_BATCH = DEFAULT_REBUILD_BATCH_SIZE;

const submission = JSON.stringify({
  agreementId: 'lucca-2007',
  subject: { firstName: 'Benchmark', lastName: 'Person', birthYear: 1998, nationality: 'NG', gender: 'female', minor: false },
  exploitationTypes: ['labour'],
  indicators: ['deception', 'withholding-of-wages'],
  urgency: 'ordinary',
  consent: { dataSharing: true },
  municipality: 'Capannori',
});

interface Platform {
  app: INestApplication;
  base: string;
  sql: SqlClient;
  /** The platform's database on a server (with its schema), for the lag probe's own connection; none on PGlite. */
  databaseUrl?: string;
  engine: 'postgres-server' | 'pglite';
  dispose(): Promise<void>;
}

async function startPlatform(): Promise<Platform> {
  const onServer = Boolean(process.env.DATABASE_URL?.trim());
  const dataDir = mkdtempSync(join(tmpdir(), 'antitratta-bench-'));
  const database = onServer ? await postgresServerSchema() : await embeddedPostgres();
  const app = await startEmbeddedApp({ DATA_DIR: dataDir, LOG_LEVEL: 'error', DEMO_DATA: 'true', ...database.env });
  const address = (app.getHttpServer() as { address(): { port: number } }).address();
  return {
    app,
    base: `http://127.0.0.1:${address.port}`,
    sql: app.get<SqlClient>(SQL_CLIENT),
    databaseUrl: database.env.DATABASE_URL,
    engine: onServer ? 'postgres-server' : 'pglite',
    async dispose() {
      await app.close();
      await database.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function login(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  if (!response.ok) throw new Error(`login as ${username} answered ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** The fixed-rate load: RATE requests per second arriving as `arrivals` says, for `seconds` (see `support/http-load.ts`). */
function load(request: Omit<HttpLoad, 'rate' | 'connections' | 'seconds' | 'arrivals'>, arrivals: Arrivals, seconds: number, createdFeed?: MessagePort): Promise<autocannon.Result> {
  return runHttpLoad({ ...request, rate: RATE, connections: CONNECTIONS, seconds, arrivals }, createdFeed);
}

/** What one round of load cost: this thread's event loop, its collector, and a local database server. */
interface RoundUse {
  busyMs: number;
  gcPausesMs: number[];
  /** CPU time of the PostgreSQL server's processes, when it runs on this host. */
  postgresCpuMs?: number;
}

/**
 * Runs a load and notes how busy this thread's event loop was meanwhile, each collector pause, and the
 * CPU time a database server on this host spent.
 */
async function metered<T>(uses: RoundUse[], postgres: PostgresHostCpu | undefined, run: () => Promise<T>): Promise<T> {
  const gcPausesMs: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcPausesMs.push(entry.duration);
  });
  observer.observe({ entryTypes: ['gc'] });
  const before = performance.eventLoopUtilization();
  const postgresBefore = postgres?.snapshot();
  try {
    return await run();
  } finally {
    const postgresCpuMs = postgresBefore && postgres!.msSince(postgresBefore);
    uses.push({ busyMs: performance.eventLoopUtilization(before).active, gcPausesMs, postgresCpuMs });
    observer.disconnect();
  }
}

/** Milliseconds from each referral's last append (its events' `recorded_at`) to its row being seen in the read model. */
async function lagsMs(sql: SqlClient, seenAt: Map<string, number>): Promise<number[]> {
  const { rows } = await sql.query<{ stream_id: string; recorded_ms: string }>(
    `SELECT stream_id, (extract(epoch FROM max(recorded_at)) * 1000)::text AS recorded_ms
     FROM es_events WHERE stream_id = ANY($1::text[]) GROUP BY stream_id`,
    [[...seenAt.keys()].map((id) => `referral-${id}`)],
  );
  return rows.map((row) => seenAt.get(row.stream_id.slice('referral-'.length))! - Number(row.recorded_ms));
}

async function benchHttp(platform: Platform, arrivals: Arrivals): Promise<boolean> {
  const token = await login(platform.base, 'liaison.questura.lucca');
  const authorization = `Bearer ${token}`;
  const submit = {
    base: platform.base,
    method: 'POST',
    path: '/api/v1/referrals',
    headers: { authorization, 'content-type': 'application/json' },
    body: submission,
    freshIdempotencyKey: true,
  } as const;
  const me = { base: platform.base, method: 'GET', path: '/api/v1/me', headers: { authorization } } as const;

  await load(submit, arrivals, WARMUP);
  await load(me, arrivals, WARMUP);
  const subject: autocannon.Result[] = [];
  const baseline: autocannon.Result[] = [];
  const subjectLoop: RoundUse[] = [];
  const baselineLoop: RoundUse[] = [];
  const postgres = PostgresHostCpu.local(platform.databaseUrl);
  const probe = ProjectionLagProbe.start({ databaseUrl: platform.databaseUrl, platformSql: platform.sql, pollMs: LAG_POLL_MS });
  for (let round = 0; round < ROUNDS; round++) {
    subject.push(await metered(subjectLoop, postgres, () => load(submit, arrivals, DURATION, probe.feed())));
    baseline.push(await metered(baselineLoop, postgres, () => load(me, arrivals, DURATION)));
  }
  const { seenAt, pollRoundTripsMs } = await probe.drain(subject.reduce((n, r) => n + r['2xx'], 0));
  const perRequest = (uses: RoundUse[], results: autocannon.Result[], ms: (use: RoundUse) => number) =>
    round2(uses.reduce((total, use) => total + ms(use), 0) / results.reduce((n, r) => n + r.requests.total, 0));
  const busyPerRequest = (uses: RoundUse[], results: autocannon.Result[]) => perRequest(uses, results, (use) => use.busyMs);
  const postgresCpuPerRequest = (uses: RoundUse[], results: autocannon.Result[]) =>
    postgres ? perRequest(uses, results, (use) => use.postgresCpuMs!) : null;
  const pauses = subjectLoop.flatMap((use) => use.gcPausesMs);

  const ratios = subject.map((s, i) => s.latency.p99 / Math.max(baseline[i].latency.p99, 1));
  const failures = (results: autocannon.Result[]) => results.reduce((n, r) => n + r.non2xx + r.errors, 0);
  const p99 = median(subject.map((r) => r.latency.p99));
  console.log(
    JSON.stringify({
      name: 'http-submit-referral',
      engine: platform.engine,
      arrivals,
      // As the load opened them: `paced` one per request of a second.
      connections: subject[0].connections,
      ratePerSecond: RATE,
      durationSeconds: DURATION,
      rounds: ROUNDS,
      requests: subject.reduce((n, r) => n + r.requests.total, 0),
      // Below the rate when the platform cannot keep up: each connection waits for its answer.
      achievedPerSecond: Math.round(median(subject.map((r) => r.requests.total / r.duration))),
      non2xx: subject.reduce((n, r) => n + r.non2xx, 0),
      errors: subject.reduce((n, r) => n + r.errors, 0),
      p50Ms: median(subject.map((r) => r.latency.p50)),
      p90Ms: median(subject.map((r) => r.latency.p90)),
      p99Ms: p99,
      maxMs: Math.max(...subject.map((r) => r.latency.max)),
      // The platform's event loop (the load runs on a thread of its own), during the submissions:
      // busy time per request (the projector's share included; on PGlite the lag probe's polls too) and the garbage collector's pauses.
      eventLoopBusyMsPerRequest: busyPerRequest(subjectLoop, subject),
      // CPU of the database server's processes per request (null when it is not on this host, or on
      // PGlite): on two cores it shares them with the event loop, so the two together bound a burst.
      postgresCpuMsPerRequest: postgresCpuPerRequest(subjectLoop, subject),
      gcPauses: pauses.length,
      gcPauseP90Ms: round2(percentile(pauses, 90)),
      gcPauseMaxMs: round2(Math.max(...pauses)),
      baseline: 'GET /api/v1/me',
      baselineNon2xx: baseline.reduce((n, r) => n + r.non2xx, 0),
      baselineP50Ms: median(baseline.map((r) => r.latency.p50)),
      baselineP99Ms: median(baseline.map((r) => r.latency.p99)),
      baselineEventLoopBusyMsPerRequest: busyPerRequest(baselineLoop, baseline),
      baselinePostgresCpuMsPerRequest: postgresCpuPerRequest(baselineLoop, baseline),
      p99Ratio: round2(median(ratios)),
      p99RatioMin: round2(Math.min(...ratios)),
      p99RatioMax: round2(Math.max(...ratios)),
      targetP99Ms: 50,
      meetsTarget: p99 < 50,
    }),
  );

  const lags = await lagsMs(platform.sql, seenAt);
  const lagP99 = Math.round(percentile(lags, 99));
  console.log(
    JSON.stringify({
      name: 'projection-lag',
      engine: platform.engine,
      under: 'http-submit-referral',
      arrivals,
      probe: probe.where,
      referrals: lags.length,
      pollMs: LAG_POLL_MS,
      p50Ms: Math.round(percentile(lags, 50)),
      p90Ms: Math.round(percentile(lags, 90)),
      p99Ms: lagP99,
      maxMs: Math.round(Math.max(...lags)),
      // The probe's own polls (an index lookup of the referrals it still awaits): on a server, from a thread
      // and connection the platform does not use, how long the database alone kept a statement waiting
      // while the submissions ran. On PGlite they go through the platform's client and event loop.
      probePolls: pollRoundTripsMs.length,
      probePollP50Ms: round2(percentile(pollRoundTripsMs, 50)),
      probePollP99Ms: round2(percentile(pollRoundTripsMs, 99)),
      probePollMaxMs: round2(Math.max(...pollRoundTripsMs)),
      targetP99Ms: 500,
      meetsTarget: lagP99 < 500,
    }),
  );
  return failures(subject) + failures(baseline) === 0;
}

/** Appends referral lives (every stage, interleaved) until the store holds `REBUILD_EVENTS` referral events. */
async function seedReferralEvents(platform: Platform, store: EventStore): Promise<number> {
  const count = async () =>
    Number((await platform.sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM es_events WHERE stream_id LIKE 'referral-%'`)).rows[0].n);
  let events = await count();
  for (let variant = 0; events < REBUILD_EVENTS; variant += 500) {
    // About four events per referral: a chunk at a time keeps the concurrent appends bounded.
    await appendReferralTraffic(store, Math.min(500, Math.ceil((REBUILD_EVENTS - events) / 4)), { firstVariant: variant });
    events = await count();
  }
  return events;
}

async function readAllMatching(store: EventStore, projection: Projection): Promise<number> {
  let count = 0;
  let after: GlobalPosition | 'start' = 'start';
  for (;;) {
    const batch = await store.readAll({ after, maxCount: REBUILD_BATCH, filter: projection.filter });
    count += batch.length;
    if (batch.length < REBUILD_BATCH) return count;
    after = batch[batch.length - 1].position;
  }
}

async function timedRate(work: () => Promise<number>): Promise<{ events: number; perSecond: number }> {
  const started = process.hrtime.bigint();
  const events = await work();
  return { events, perSecond: events / (Number(process.hrtime.bigint() - started) / 1e9) };
}

async function benchRebuild(platform: Platform): Promise<void> {
  const store = platform.app.get<EventStore>(EVENT_STORE);
  const dataSource = platform.app.get<DataSource>(READ_MODEL_DATA_SOURCE);
  await seedReferralEvents(platform, store);
  for (const projection of createProjections()) {
    // The live runner applies the seeded events first; a rebuild then competes only with its idle polling.
    await waitUntilCaughtUp(dataSource, store, projection, 600_000);
    const rebuild = () => rebuildProjection(dataSource, store, projection, { batchSize: REBUILD_BATCH }).then((result) => result.events);
    const read = () => readAllMatching(store, projection);
    await rebuild();
    await read();
    const subject: { events: number; perSecond: number }[] = [];
    const baseline: { events: number; perSecond: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      subject.push(await timedRate(rebuild));
      baseline.push(await timedRate(read));
    }
    // A rebuild that read fewer events than there are would look faster than it is.
    for (const [i, s] of subject.entries()) if (s.events !== baseline[i].events) throw new Error(`rebuild applied ${s.events} of ${baseline[i].events} events`);
    const ratios = subject.map((s, i) => s.perSecond / baseline[i].perSecond);
    const perSecond = Math.round(median(subject.map((s) => s.perSecond)));
    console.log(
      JSON.stringify({
        name: 'projection-rebuild',
        projection: projection.name,
        engine: platform.engine,
        events: subject[0].events,
        batchSize: REBUILD_BATCH,
        rounds: ROUNDS,
        perSecond,
        baseline: 'readAll, same filter and batch size',
        baselinePerSecond: Math.round(median(baseline.map((b) => b.perSecond))),
        ratio: round2(median(ratios)),
        ratioMin: round2(Math.min(...ratios)),
        ratioMax: round2(Math.max(...ratios)),
        targetPerSecond: 10_000,
        meetsTarget: perSecond >= 10_000,
      }),
    );
  }
}

async function main(): Promise<void> {
  const platform = await startPlatform();
  let ok = true;
  try {
    for (const arrivals of ARRIVALS) ok = (await benchHttp(platform, arrivals)) && ok;
    await benchRebuild(platform);
  } finally {
    await platform.dispose();
  }
  // A refused or failed request is a bug, not a slow figure: the command fails.
  if (!ok) {
    console.error('Some requests failed (non-2xx or connection errors): see non2xx and errors above.');
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
