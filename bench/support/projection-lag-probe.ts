/**
 * Projection lag under load: watches submitted referrals until each is in the case-routing read model
 * (what the inbox reads), and notes when each was first seen. The load worker reports every created
 * referral's id straight to the watcher over a message channel of its own.
 *
 * On a PostgreSQL server the watcher runs on a worker thread of its own with a connection of its own:
 * polling every few milliseconds on the platform's event loop and through its pool would add the
 * probe's own queries to the latencies being measured, as a load generator there would. On embedded
 * PGlite (one database inside the platform's process) it can only poll through the platform's client,
 * on the platform's thread; the output says which (`probe`).
 *
 * The time seen is when the poll that found a referral returned, so the figure errs long, by at most one poll.
 *
 * Each poll is also timed (an index lookup of the referrals still awaited). On a server, from its own
 * thread and connection, its round trip is what the database alone kept a statement waiting during
 * the load; on PGlite it includes waiting for the platform's event loop.
 */
import { performance } from 'node:perf_hooks';
import { isMainThread, MessageChannel, MessagePort, parentPort, Worker, workerData } from 'node:worker_threads';
import { Client } from 'pg';
import { workerBootstrap } from './worker-bootstrap';

/** What the watcher polls through: its own `pg` client, or the platform's SQL client. */
interface Queryable {
  query(text: string, params: unknown[]): Promise<{ rows: { id: string }[] }>;
}

/** Which referral ids, of those asked about, have a row in the case-routing read model. */
const FIND_PROJECTED = 'SELECT referral_id::text AS id FROM rm_referral_cases WHERE referral_id = ANY($1::uuid[])';

export interface LagObservations {
  /** When (epoch ms) each referral was first seen in the read model. */
  seenAt: Map<string, number>;
  /** Referrals still not seen when the watch gave up. */
  missing: number;
  /** How long each poll took, from sending the query to having its rows (ms). */
  pollRoundTripsMs: number[];
}

/** The polling loop itself, wherever it runs. */
class LagWatcher {
  private readonly pending = new Set<string>();
  private readonly seenAt = new Map<string, number>();
  private readonly pollRoundTripsMs: number[] = [];
  private reported = 0;
  private polling?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly db: Queryable,
    private readonly pollMs: number,
  ) {}

  listen(feed: MessagePort): void {
    feed.on('message', (referralId: string) => {
      this.reported++;
      this.pending.add(referralId);
    });
  }

  start(): void {
    this.polling = this.poll();
  }

  /**
   * Waits (up to `timeoutMs`) until `expected` referrals have been reported (a report may still be on
   * its way when the load has finished) and each of them seen, then stops polling.
   */
  async drain(expected: number, timeoutMs: number): Promise<LagObservations> {
    const deadline = Date.now() + timeoutMs;
    while ((this.reported < expected || this.pending.size > 0) && Date.now() < deadline) await sleep(this.pollMs);
    this.stopped = true;
    await this.polling;
    return { seenAt: this.seenAt, missing: expected - this.seenAt.size, pollRoundTripsMs: this.pollRoundTripsMs };
  }

  private async poll(): Promise<void> {
    while (!this.stopped) {
      if (this.pending.size > 0) {
        const sent = performance.now();
        const { rows } = await this.db.query(FIND_PROJECTED, [[...this.pending]]);
        this.pollRoundTripsMs.push(performance.now() - sent);
        const now = Date.now();
        for (const { id } of rows) {
          this.pending.delete(id);
          this.seenAt.set(id, now);
        }
      }
      await sleep(this.pollMs);
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type ToWatcher = { kind: 'feed'; port: MessagePort } | { kind: 'drain'; expected: number; timeoutMs: number };
type FromWatcher = { kind: 'observed'; seenAt: [string, number][]; missing: number; pollRoundTripsMs: number[] } | { kind: 'failed'; message: string };

const DRAIN_TIMEOUT_MS = 30_000;

export class ProjectionLagProbe {
  private constructor(
    /** This thread's watcher, or the worker running one. */
    private readonly watcher: LagWatcher | { worker: Worker; observed: Promise<LagObservations> },
    readonly where: 'own-thread-and-connection' | 'platform-thread',
  ) {}

  /** On the server at `databaseUrl`, a watcher of its own; without one, polling through the platform's SQL client. */
  static start(options: { databaseUrl?: string; platformSql: Queryable; pollMs: number }): ProjectionLagProbe {
    if (!options.databaseUrl) {
      const watcher = new LagWatcher(options.platformSql, options.pollMs);
      watcher.start();
      return new ProjectionLagProbe(watcher, 'platform-thread');
    }
    const bootstrap = workerBootstrap(__filename);
    const worker = new Worker(bootstrap, { eval: true, workerData: { lagWatcher: { databaseUrl: options.databaseUrl, pollMs: options.pollMs } } });
    // Listening from the start: a watcher that fails to connect says so at once, not only when drained.
    const observed = new Promise<LagObservations>((resolve, reject) => {
      worker.on('message', (message: FromWatcher) => {
        if (message.kind === 'observed') resolve({ seenAt: new Map(message.seenAt), missing: message.missing, pollRoundTripsMs: message.pollRoundTripsMs });
        else reject(new Error(`the lag probe failed: ${message.message}`));
      });
      worker.on('error', reject);
    });
    observed.catch(() => undefined);
    return new ProjectionLagProbe({ worker, observed }, 'own-thread-and-connection');
  }

  /** A port on which a load worker reports created referral ids to the watcher: one per load. */
  feed(): MessagePort {
    const { port1, port2 } = new MessageChannel();
    if (this.watcher instanceof LagWatcher) this.watcher.listen(port2);
    else this.watcher.worker.postMessage({ kind: 'feed', port: port2 } satisfies ToWatcher, [port2]);
    return port1;
  }

  /** Waits for the `expected` referrals reported to be seen, and answers when each was; fails if some never were. */
  async drain(expected: number): Promise<Omit<LagObservations, 'missing'>> {
    let observed: LagObservations;
    if (this.watcher instanceof LagWatcher) {
      observed = await this.watcher.drain(expected, DRAIN_TIMEOUT_MS);
    } else {
      this.watcher.worker.postMessage({ kind: 'drain', expected, timeoutMs: DRAIN_TIMEOUT_MS } satisfies ToWatcher);
      try {
        observed = await this.watcher.observed;
      } finally {
        await this.watcher.worker.terminate();
      }
    }
    if (observed.missing > 0) throw new Error(`${observed.missing} submitted referrals never reached the read model`);
    return { seenAt: observed.seenAt, pollRoundTripsMs: observed.pollRoundTripsMs };
  }
}

/** The worker: its own connection, fed ids by the load workers, answering the observations when asked to drain. */
async function runWatcherWorker(databaseUrl: string, pollMs: number): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const watcher = new LagWatcher(client, pollMs);
  watcher.start();
  parentPort!.on('message', (message: ToWatcher) => {
    if (message.kind === 'feed') {
      watcher.listen(message.port);
      return;
    }
    watcher
      .drain(message.expected, message.timeoutMs)
      .then(async ({ seenAt, missing, pollRoundTripsMs }) => {
        await client.end();
        parentPort!.postMessage({ kind: 'observed', seenAt: [...seenAt], missing, pollRoundTripsMs } satisfies FromWatcher);
      })
      .catch((error: unknown) => parentPort!.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies FromWatcher));
  });
}

if (!isMainThread && (workerData as { lagWatcher?: unknown } | null)?.lagWatcher) {
  const { databaseUrl, pollMs } = (workerData as { lagWatcher: { databaseUrl: string; pollMs: number } }).lagWatcher;
  runWatcherWorker(databaseUrl, pollMs).catch((error: unknown) =>
    parentPort!.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies FromWatcher),
  );
}
