import { collectDefaultMetrics, Counter, Histogram, register } from 'prom-client';

/*
 * The platform's own metrics, in prom-client's default registry (what `GET /metrics` serves). Each is
 * looked up before it is made, so that loading this module twice in one process registers nothing twice.
 */

function histogram<L extends string>(name: string, help: string, labelNames: readonly L[], buckets?: number[]): Histogram<L> {
  return (register.getSingleMetric(name) as Histogram<L> | undefined) ?? new Histogram({ name, help, labelNames, ...(buckets ? { buckets } : {}) });
}

function counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
  return (register.getSingleMetric(name) as Counter<L> | undefined) ?? new Counter({ name, help, labelNames });
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Labelled by the route's template (`/api/v1/referrals/:id`), never the raw URL: ids would make a series each. */
export const httpRequestDuration = histogram(
  'http_request_duration_seconds',
  'HTTP requests the gateway answered, by method, route template and status',
  ['method', 'route', 'status'],
  LATENCY_BUCKETS,
);

export const commandDuration = histogram(
  'command_duration_seconds',
  'Commands the referrals service executed, by command type and outcome (ok or the refusal code)',
  ['command', 'outcome'],
  LATENCY_BUCKETS,
);

export const eventsAppended = counter('events_appended_total', 'Events appended to the event store, by stream category', ['category']);

/** `referral` for `referral-<uuid>`, `agreement` for `agreement-<id>`. */
export function streamCategory(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash > 0 ? streamId.slice(0, dash) : streamId;
}

/** The process metrics (CPU, memory, event loop lag, …), once per process. */
export function collectProcessMetrics(): void {
  if (!register.getSingleMetric('process_cpu_user_seconds_total')) collectDefaultMetrics();
}
