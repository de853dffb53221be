import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { PgSqlClient } from '@app/database';
import { startEmbeddedApp } from './support/embedded-app';
import { ServiceProcess } from './support/service-process';

/**
 * The distributed deployment on this machine: the referrals and projector apps as separate
 * processes, the gateway in the test, all three talking over the local NATS server and sharing the
 * PostgreSQL server (in a schema of this test's own).
 */
describe('distributed deployment over NATS', () => {
  const schema = `e2e_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const databaseUrl = `${process.env.DATABASE_URL}${process.env.DATABASE_URL!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const env = { DATABASE_URL: databaseUrl, NATS_URL: process.env.NATS_URL, PORT: '0', EVENT_STORE: 'postgres', JWT_SECRET: 'a-test-secret-of-at-least-32-characters!!', MASTER_KEY: Buffer.alloc(32, 7).toString('base64'), DEMO_DATA: 'true' };
  const admin = new PgSqlClient({ connectionString: process.env.DATABASE_URL! });
  let referrals: ServiceProcess;
  let projector: ServiceProcess;
  let gateway: INestApplication;

  beforeAll(async () => {
    await admin.query(`CREATE SCHEMA ${schema}`);
    // One after the other: both apply the event store's migrations at start-up.
    referrals = await ServiceProcess.start('referrals', env);
    projector = await ServiceProcess.start('projector', env);
    gateway = await startEmbeddedApp(env);
  }, 120_000);

  afterAll(async () => {
    await gateway?.close();
    await referrals?.stop();
    await projector?.stop();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.close();
  });

  it('the gateway reports each service up, reached over NATS', async () => {
    const response = await request(gateway.getHttpServer()).get('/health').expect(200);
    expect(response.body.details).toEqual({
      database: { status: 'up', engine: 'postgres' },
      eventStore: { status: 'up', adapter: 'postgres' },
      referrals: { status: 'up', eventStore: 'up' },
      // Each projection also reports its checkpoint and lag (projection.<name>.checkpoint, .lagSeconds).
      projector: expect.objectContaining({
        status: 'up',
        database: 'up',
        eventStore: 'up',
        'projection.referral-cases': 'up',
        'projection.protocol-compliance': 'up',
      }),
      transport: { status: 'up', kind: 'nats' },
    });
  });

  it('runs referral commands in the referrals process: submit, acknowledge, and a refusal with its code', async () => {
    const correlationId = `e2e-${randomUUID()}`;
    const login = async (username: string) =>
      `Bearer ${(await request(gateway.getHttpServer()).post('/api/v1/auth/login').send({ username, password: 'demo' }).expect(200)).body.accessToken}`;
    const liaison = await login('liaison.questura.lucca');
    const gatekeeper = await login('gatekeeper.ceis.lucca');
    const submitted = await request(gateway.getHttpServer())
      .post('/api/v1/referrals')
      .set('Authorization', liaison)
      .set('Idempotency-Key', randomUUID())
      .set('X-Correlation-Id', correlationId)
      .send({
        agreementId: 'lucca-2007',
        subject: { firstName: 'Nadia', lastName: 'Prova', birthYear: 2001, nationality: 'AL', gender: 'female', minor: false },
        exploitationTypes: ['labour'],
        indicators: ['withholding-of-wages'],
        urgency: 'ordinary',
        consent: { dataSharing: true },
        municipality: 'Capannori',
      })
      .expect(201);
    expect(submitted.body).toMatchObject({ status: 'routed', version: 2 });
    const acknowledged = await request(gateway.getHttpServer())
      .post(`/api/v1/referrals/${submitted.body.id}/acknowledge`)
      .set('Authorization', gatekeeper)
      .set('If-Match', submitted.headers.etag)
      .expect(200);
    expect(acknowledged.body).toMatchObject({ status: 'acknowledged', version: 3 });
    const again = await request(gateway.getHttpServer()).post(`/api/v1/referrals/${submitted.body.id}/acknowledge`).set('Authorization', gatekeeper).expect(409);
    expect(again.body.code).toBe('ILLEGAL_TRANSITION');
    // The gateway reads the stream straight from the event store for the auditor's replay.
    const history = await request(gateway.getHttpServer()).get(`/api/v1/referrals/${submitted.body.id}/history`).set('Authorization', await login('auditor.regione.toscana')).expect(200);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['ReferralSubmitted', 'ReferralRouted', 'ReferralAcknowledged']);
    // The referrals process logged the submission under the gateway request's correlation id.
    const lines = referrals.logs.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((line) => line.correlationId === correlationId)).toMatchObject({ app: 'referrals', msg: 'command executed', command: 'SubmitReferral', outcome: 'ok' });
  });

  it('each service answers /health with its own parts and /metrics with its own figures', async () => {
    const portOf = (service: ServiceProcess) => Number(/Listening on http:\/\/localhost:(\d+)/.exec(service.logs)![1]);
    const referralsHttp = request(`http://127.0.0.1:${portOf(referrals)}`);
    const projectorHttp = request(`http://127.0.0.1:${portOf(projector)}`);
    expect((await referralsHttp.get('/health').expect(200)).body.details).toEqual({
      database: { status: 'up', engine: 'postgres' },
      eventStore: { status: 'up', adapter: 'postgres' },
      transport: { status: 'up', kind: 'nats' },
    });
    expect((await projectorHttp.get('/health').expect(200)).body.details).toMatchObject({
      database: { status: 'up', engine: 'postgres' },
      eventStore: { status: 'up', adapter: 'postgres' },
      transport: { status: 'up', kind: 'nats' },
    });
    const referralsMetrics = (await referralsHttp.get('/metrics').expect(200)).text;
    expect(referralsMetrics).toMatch(/^command_duration_seconds_count\{command="SubmitReferral",outcome="ok"\} 1$/m);
    expect(referralsMetrics).toMatch(/^events_appended_total\{category="referral"\} 3$/m);
    expect(referralsMetrics).toContain('process_resident_memory_bytes');
    expect((await projectorHttp.get('/metrics').expect(200)).text).toContain('process_resident_memory_bytes');
  });

  it('a stopped service makes the platform unhealthy', async () => {
    // Nest closes the app on SIGTERM and then re-raises the signal, so a clean stop ends by SIGTERM.
    expect(await referrals.stop('SIGTERM')).toBe('SIGTERM');
    expect(referrals.logs).not.toMatch(/ERROR/);
    const response = await request(gateway.getHttpServer()).get('/health').expect(503);
    expect(response.body.error.referrals.status).toBe('down');
    expect(response.body.details.projector.status).toBe('up');
  });
});
