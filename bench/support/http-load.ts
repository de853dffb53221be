/**
 * Fixed-rate HTTP load with autocannon, run on a worker thread of its own: a load generator on the
 * event loop of the platform it measures would add its own work (building requests, parsing
 * responses) to every request's latency. Clients of a real deployment are elsewhere.
 *
 * The worker reports each 201 answer's `id` as it arrives on the feed it is given (the projection-lag
 * probe's, see `projection-lag-probe.ts`), and autocannon's result at the end to the main thread.
 */
import { randomUUID } from 'node:crypto';
import { isMainThread, MessagePort, parentPort, Worker, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import { workerBootstrap } from './worker-bootstrap';

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
  connections: number;
  seconds: number;
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
  // Off the main thread autocannon answers raw histograms (its own workers' format); these are summed up here.
  const raw = await autocannon(options);
  // Exported by autocannon (for results gathered from workers) but missing from its type definitions.
  const { aggregateResult } = autocannon as unknown as { aggregateResult(results: unknown[], options: autocannon.Options): autocannon.Result };
  return aggregateResult([raw], options);
}

if (!isMainThread && (workerData as { load?: HttpLoad } | null)?.load) {
  const { load, createdFeed } = workerData as { load: HttpLoad; createdFeed?: MessagePort };
  generate(load, createdFeed).then(
    (result) => parentPort!.postMessage({ kind: 'done', result } satisfies WorkerMessage),
    (error: unknown) => parentPort!.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage),
  );
}
