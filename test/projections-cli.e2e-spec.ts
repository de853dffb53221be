import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { runCli } from '../apps/cli/src/testing/run-cli';
import { startEmbeddedApp } from './support/embedded-app';
import { waitForProjections } from './support/case-routing-api.contract';

/** The operator CLI as its own process, on the embedded database whatever the test run's environment says. */
const cli = (args: string[], env: NodeJS.ProcessEnv) => runCli(args, { DATABASE_URL: '', NATS_URL: '', ...env });

/** `projections:status` and `projections:rebuild` on the embedded database, and their refusal while the platform holds it. */
describe('projection commands (embedded PostgreSQL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'antitratta-cli-'));
  const env = { DATA_DIR: dataDir };
  let referralId: string;

  beforeAll(async () => {
    const app = await startEmbeddedApp(env);
    try {
      const login = await request(app.getHttpServer()).post('/api/v1/auth/login').send({ username: 'liaison.questura.lucca', password: 'demo' }).expect(200);
      const submitted = await request(app.getHttpServer())
        .post('/api/v1/referrals')
        .set('Authorization', `Bearer ${login.body.accessToken}`)
        .set('Idempotency-Key', randomUUID())
        .send({
          agreementId: 'lucca-2007',
          subject: { firstName: 'Ada', lastName: 'Example', birthYear: 1999, nationality: 'NG', gender: 'female', minor: false },
          exploitationTypes: ['sexual'],
          indicators: ['deception'],
          urgency: 'urgent',
          consent: { dataSharing: true },
          municipality: 'Viareggio',
        })
        .expect(201);
      referralId = submitted.body.id;
      await waitForProjections(app);
    } finally {
      await app.close();
    }
  }, 120_000);

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('reports each checkpoint, rebuilds, and the platform serves the rebuilt read model', async () => {
    const status = await cli(['projections:status', '--json'], env);
    expect(status.code).toBe(0);
    const cases = status.stdout.trim().split('\n').map((line) => JSON.parse(line) as { name: string; checkpoint: string }).find((line) => line.name === 'referral-cases');
    expect(cases).toMatchObject({ caughtUp: true, lagSeconds: 0, eventsApplied: 2 });
    expect(cases?.checkpoint).toMatch(/^\d+\/\d+$/);

    const rebuilt = await cli(['projections:rebuild', 'referral-cases'], env);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toMatch(/referral-cases: rebuilt from 2 events/);

    const app = await startEmbeddedApp(env);
    try {
      const login = await request(app.getHttpServer()).post('/api/v1/auth/login').send({ username: 'gatekeeper.ceis.lucca', password: 'demo' }).expect(200);
      const inbox = await request(app.getHttpServer()).get('/api/v1/inbox').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
      expect(inbox.body.items.map((item: { id: string }) => item.id)).toEqual([referralId]);
    } finally {
      await app.close();
    }
  }, 120_000);

  it('refuses an unknown projection', async () => {
    const result = await cli(['projections:rebuild', 'no-such-projection'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown projection "no-such-projection": choose one of referral-cases/);
  }, 60_000);

  it('refuses to open the embedded database while the platform holds it', async () => {
    // This test process stands for a running `npm start`: a live pid in DATA_DIR's lock file.
    writeFileSync(join(dataDir, 'platform.pid'), `${process.pid}\n`);
    try {
      const result = await cli(['projections:rebuild'], env);
      expect(result.code).toBe(3);
      expect(result.stderr).toContain(`The embedded database in ${dataDir} is in use by process ${process.pid}`);
    } finally {
      rmSync(join(dataDir, 'platform.pid'), { force: true });
    }
  }, 60_000);
});
