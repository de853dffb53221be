import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { EventStore } from '@app/event-store';
import { EVENT_STORE } from '@app/platform';
import { startEmbeddedApp } from './support/embedded-app';

const NAME = 'Quillabeth';
const SURNAME = 'Marrowvane';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** One sample of the Prometheus text format: `name{label="value",…} number`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function samples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample: ${line}`);
      const labels: Record<string, string> = {};
      for (const [, key, value] of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[key] = value;
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

/** The sum over the samples of `name` whose labels include `labels` (0 when there are none yet). */
function valueOf(text: string, name: string, labels: Record<string, string> = {}): number {
  return samples(text)
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

/**
 * Operability through HTTP on the embedded platform: `/metrics` and `/health` open to anyone and
 * nothing else, metrics that move with requests and commands, and the correlation id of a request
 * carried into its log line, its response and its events' metadata, with no body or credential logged.
 */
describe('operability over HTTP (embedded PostgreSQL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'antitratta-operability-'));
  let app: INestApplication;
  let logs: string[] = [];
  let write: jest.SpyInstance;

  beforeAll(async () => {
    // The structured logs go to stdout; the test keeps a copy of every line.
    const original = process.stdout.write.bind(process.stdout);
    write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      logs.push(chunk.toString());
      return (original as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    });
    app = await startEmbeddedApp({ DATA_DIR: dataDir, LOG_LEVEL: 'info' });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    write?.mockRestore();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const http = () => request(app.getHttpServer());
  const token = async (username: string) =>
    `Bearer ${(await http().post('/api/v1/auth/login').send({ username, password: 'demo' }).expect(200)).body.accessToken}`;
  const metrics = async () => (await http().get('/metrics').expect(200)).text;
  const submission = () => ({
    agreementId: 'lucca-2007',
    subject: { firstName: NAME, lastName: SURNAME, birthYear: 1997, nationality: 'NG', gender: 'female', minor: false },
    exploitationTypes: ['sexual'],
    indicators: ['deception'],
    urgency: 'urgent',
    consent: { dataSharing: true },
    municipality: 'Viareggio',
  });
  const loggedLines = () =>
    logs
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('opens /metrics and /health without a token, and of the API only the login', async () => {
    const text = await metrics();
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toMatch(/^projection_lag_seconds\{projection="referral-cases"\} /m);
    await http().get('/health').expect(200);
    // Every operation the API documents, with made-up ids: without a token, 401 before anything else.
    const { body: openApi } = await http().get('/api/docs-json').expect(200);
    const operations = Object.entries(openApi.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ method, path: path.replace(/\{[^}]+\}/g, '6a1f0c2e-0000-4000-8000-000000000000') })),
    );
    expect(operations.length).toBeGreaterThan(10);
    for (const { method, path } of operations) {
      const response = await (http() as unknown as Record<string, (p: string) => request.Test>)[method](path).send({});
      const open: Record<string, number> = { '/health': 200, '/metrics': 200, '/api/v1/auth/login': 400 };
      expect({ method, path, status: response.status }).toEqual({ method, path, status: open[path] ?? 401 });
    }
  });

  it('/health names the database, the event store, each service with its parts (projection lag included), and the transport', async () => {
    const { body } = await http().get('/health').expect(200);
    expect(body.details).toMatchObject({
      database: { status: 'up', engine: 'pglite' },
      eventStore: { status: 'up', adapter: 'postgres' },
      referrals: { status: 'up', eventStore: 'up' },
      projector: { status: 'up', database: 'up', eventStore: 'up' },
      transport: { status: 'up', kind: 'in-process' },
    });
    // Each projection's lag, as the projector service reports it.
    expect(body.details.projector['projection.referral-cases.lagSeconds']).toMatch(/^\d+\.\d{3}$/);
  });

  it('moves the request, command and append metrics, labelled by route template and stream category', async () => {
    const liaison = await token('liaison.questura.lucca');
    const before = await metrics();
    const submitted = await http().post('/api/v1/referrals').set('Authorization', liaison).set('Idempotency-Key', randomUUID()).send(submission()).expect(201);
    const id: string = submitted.body.id;
    await http().get(`/api/v1/referrals/${id}`).set('Authorization', liaison).expect(200);
    const gatekeeper = await token('gatekeeper.ceis.lucca');
    await http().post(`/api/v1/referrals/${id}/acknowledge`).set('Authorization', gatekeeper).expect(200);
    await http().post(`/api/v1/referrals/${id}/acknowledge`).set('Authorization', gatekeeper).expect(409);
    const after = await metrics();

    const moved = (name: string, labels: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(moved('http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/referrals', status: '201' })).toBe(1);
    expect(moved('http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/referrals/:id', status: '200' })).toBe(1);
    expect(moved('http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/referrals/:id/acknowledge', status: '409' })).toBe(1);
    expect(moved('http_request_duration_seconds_sum', { method: 'POST', route: '/api/v1/referrals' })).toBeGreaterThan(0);
    expect(after).not.toContain(id);
    expect(moved('command_duration_seconds_count', { command: 'SubmitReferral', outcome: 'ok' })).toBe(1);
    expect(moved('command_duration_seconds_count', { command: 'AcknowledgeReferral', outcome: 'ok' })).toBe(1);
    expect(moved('command_duration_seconds_count', { command: 'AcknowledgeReferral', outcome: 'ILLEGAL_TRANSITION' })).toBe(1);
    // Submitted and routed, then acknowledged: three events on the referral's stream.
    expect(moved('events_appended_total', { category: 'referral' })).toBe(3);
    expect(moved('events_appended_total', { category: 'agreement' })).toBe(0);
  });

  it("carries the caller's X-Correlation-Id into the response, the request's log line and its events, and logs no body or credential", async () => {
    const liaison = await token('liaison.questura.lucca');
    logs = [];
    const response = await http()
      .post('/api/v1/referrals')
      .set('Authorization', liaison)
      .set('Idempotency-Key', randomUUID())
      .set('X-Correlation-Id', 'abc-123')
      .send(submission())
      .expect(201);
    expect(response.headers['x-correlation-id']).toBe('abc-123');

    const events = await app.get<EventStore>(EVENT_STORE).readStream(`referral-${response.body.id}`);
    expect(events.map((e) => e.type)).toEqual(['ReferralSubmitted', 'ReferralRouted']);
    for (const event of events) expect(event.metadata.correlationId).toBe('abc-123');

    const lines = loggedLines();
    const requestLine = lines.find((line) => line.msg === 'request completed' && line.correlationId === 'abc-123');
    expect(requestLine).toMatchObject({ level: 'info', app: 'gateway', req: { method: 'POST', url: '/api/v1/referrals' }, res: { statusCode: 201 } });
    expect(lines.find((line) => line.msg === 'command executed' && line.correlationId === 'abc-123')).toMatchObject({ command: 'SubmitReferral', outcome: 'ok' });
    const written = logs.join('');
    for (const secret of [NAME, SURNAME, liaison.slice('Bearer '.length), 'Bearer', 'authorization', 'Viareggio']) expect(written).not.toContain(secret);
  });

  it('gives a request without a usable X-Correlation-Id a new one, the same in its response and its events', async () => {
    const liaison = await token('liaison.questura.lucca');
    for (const header of [undefined, 'no spaces allowed', 'x'.repeat(101)]) {
      const call = http().post('/api/v1/referrals').set('Authorization', liaison).set('Idempotency-Key', randomUUID());
      const response = await (header === undefined ? call : call.set('X-Correlation-Id', header)).send(submission()).expect(201);
      const id = response.headers['x-correlation-id'];
      expect(id).toMatch(UUID);
      const events = await app.get<EventStore>(EVENT_STORE).readStream(`referral-${response.body.id}`);
      expect(events).toHaveLength(2);
      for (const event of events) expect(event.metadata.correlationId).toBe(id);
    }
  });

  it('logs the login without its password', async () => {
    logs = [];
    await http().post('/api/v1/auth/login').set('X-Correlation-Id', 'login-1').send({ username: 'liaison.questura.lucca', password: 'demo' }).expect(200);
    const line = loggedLines().find((l) => l.correlationId === 'login-1' && l.msg === 'request completed');
    expect(line).toMatchObject({ req: { method: 'POST', url: '/api/v1/auth/login' }, res: { statusCode: 200 } });
    expect(logs.join('')).not.toMatch(/password|accessToken/);
  });
});
