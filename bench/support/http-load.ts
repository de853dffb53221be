/**
 * Fixed-rate HTTP load with autocannon, run on a worker thread of its own: a load generator on the
 * event loop of the platform it measures would add its own work (building requests, parsing
 * responses) to every request's latency. Clients of a real deployment are elsewhere.
 *
 * The worker reports each 201 answer's `id` as it arrives on the feed it is given (the projection-lag
 * probe's, see `projection-lag-probe.ts`), and autocannon's result at the end to the main thread.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { isMainThread, MessagePort, parentPort, Worker, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import { workerBootstrap } from './worker-bootstrap';

/** How the requests of each second arrive (see `HttpLoad.arrivals`). */
export type Arrivals = 'paced' | 'per-second-bursts';

export interface HttpLoad {
  base: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** A new Idempotency-Key on every request (a repeated key would append nothing). */
  freshIdempotencyKey?: boolean;
  /** Requests per second across all connections. */
  rate: number;
  /** The connections of `per-second-bursts`; `paced` opens one per request of a second. */
  connections: number;
  seconds: number;
  /**
   * How the requests of each second arrive:
   * - `paced`: one every 1/rate seconds, evenly spaced (a constant arrival rate): `rate` clients of one
   *   connection each, sending one request per second, started 1/rate seconds apart;
   * - `per-second-bursts`: autocannon's own rate limit over `connections` connections: at every
   *   second's tick each connection sends its share of the rate one request after another, each as
   *   soon as the previous one is answered, so the second's requests arrive together at its start.
   */
  arrivals: Arrivals;
}

type WorkerMessage = { kind: 'done'; result: autocannon.Result } | { kind: 'failed'; message: string };

/** Runs the load on a worker thread; `createdFeed` hears each created resource's id as it is answered. */
export function runHttpLoad(load: HttpLoad, createdFeed?: MessagePort): Promise<autocannon.Result> {
  const bootstrap = workerBootstrap(__filename);
  const worker = new Worker(bootstrap, { eval: true, workerData: { load, createdFeed }, transferList: createdFeed ? [createdFeed] : [] });
  return new Promise((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'done') resolve(message.result);
      else reject(new Error(message.message));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`the load worker exited with ${code}`));
    });
  });
}

async function generate(load: HttpLoad, createdFeed: MessagePort | undefined): Promise<autocannon.Result> {
  // autocannon calls a hook that is present even when undefined: only the ones in use are set.
  const request: autocannon.Request = { method: load.method, path: load.path, headers: load.headers, body: load.body };
  if (load.freshIdempotencyKey) request.setupRequest = (r) => ({ ...r, headers: { ...r.headers, 'idempotency-key': randomUUID() } });
  if (createdFeed) {
    request.onResponse = (status, body) => {
      if (status === 201) createdFeed.postMessage((JSON.parse(body) as { id: string }).id);
    };
  }
  // Without ignoreCoordinatedOmission autocannon pads the histogram for an expected interval of 1 ms
  // (it divides 1 by the per-second rate), which at 100/s invents thousands of slow samples.
  const options: autocannon.Options = {
    url: load.base,
    connections: load.connections,
    overallRate: load.rate,
    duration: load.seconds,
    requests: [request],
    ignoreCoordinatedOmission: true,
  };
  // Exported by autocannon (for results gathered from workers) but missing from its type definitions.
  const { aggregateResult } = autocannon as unknown as { aggregateResult(results: unknown[], options: autocannon.Options): autocannon.Result };
  if (load.arrivals === 'per-second-bursts') {
    // Off the main thread autocannon answers raw histograms (its own workers' format); these are summed up here.
    return aggregateResult([await autocannon(options)], options);
  }
  // One client per request of a second, each sending once a second: a whole number of requests.
  const clients = load.rate;
  if (!Number.isInteger(clients) || clients < 1) throw new Error(`paced arrivals need a whole number of requests per second, got ${clients}`);
  const client: autocannon.Options = { ...options, connections: 1, overallRate: 1 };
  const raws = await Promise.all(Array.from({ length: clients }, (_, i) => sleep((i * 1000) / clients).then(() => autocannon(client))));
  return aggregateResult(raws, { ...options, connections: clients });
}

if (!isMainThread && (workerData as { load?: HttpLoad } | null)?.load) {
  const { load, createdFeed } = workerData as { load: HttpLoad; createdFeed?: MessagePort };
  generate(load, createdFeed).then(
    (result) => parentPort!.postMessage({ kind: 'done', result } satisfies WorkerMessage),
    (error: unknown) => parentPort!.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage),
  );
}
