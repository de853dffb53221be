import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Arrivals, runHttpLoad } from './http-load';

/** A server that answers at once and notes when each request arrived. */
async function recordingServer(): Promise<{ server: Server; base: string; arrivals: number[] }> {
  const arrivals: number[] = [];
  const server = createServer((request, response) => {
    arrivals.push(performance.now());
    request.resume();
    request.on('end', () => response.end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, arrivals };
}

/** The most requests that arrived within any span of `spanMs`. */
function mostWithin(arrivals: number[], spanMs: number): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while (sorted[last] - sorted[first] > spanMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

async function loadOf(arrivals: Arrivals) {
  const target = await recordingServer();
  try {
    const result = await runHttpLoad({ base: target.base, method: 'GET', path: '/', headers: {}, rate: 20, connections: 4, seconds: 2, arrivals });
    return { result, seen: target.arrivals };
  } finally {
    await new Promise((resolve) => target.server.close(resolve));
  }
}

describe('runHttpLoad', () => {
  it('paces requests one every 1/rate seconds', async () => {
    const { result, seen } = await loadOf('paced');
    expect(result.non2xx + result.errors).toBe(0);
    expect(seen.length).toBeGreaterThanOrEqual(38);
    // Twenty clients, each once a second for two seconds (a third request may leave as a client stops).
    expect(result.requests.total).toBeGreaterThanOrEqual(38);
    // 50 ms apart: never more than a couple within 20 ms, whatever the timers' jitter.
    expect(mostWithin(seen, 20)).toBeLessThanOrEqual(3);
  });

  it('sends each second’s requests together at its start under per-second bursts', async () => {
    const { result, seen } = await loadOf('per-second-bursts');
    expect(result.non2xx + result.errors).toBe(0);
    expect(seen.length).toBeGreaterThanOrEqual(38);
    // Four connections, five requests each, one after another as soon as answered.
    expect(mostWithin(seen, 20)).toBeGreaterThanOrEqual(15);
  });
});
