import { randomUUID } from 'node:crypto';
import { SqlClient } from '@app/database';
import { EventStore } from '@app/event-store';
import { EVENT_STORE, SQL_CLIENT } from '@app/platform';
import { runCli } from '../apps/cli/src/testing/run-cli';
import { useEmbeddedSuite } from './support/embedded-suite';

/** `GET /api/v1/audit/verify`: a referral's hash chain, for whoever may see the referral, on the embedded platform. */
describe('referral integrity verification over HTTP', () => {
  const suite = useEmbeddedSuite('verify');
  const { http, as, dataDir } = suite;

  /** A referral from the Questura di Lucca, routed to Ce.I.S. and acknowledged there: three events. */
  async function acknowledgedReferral(): Promise<string> {
    const submitted = await http()
      .post('/api/v1/referrals')
      .set(await as('liaison.questura.lucca'))
      .set('Idempotency-Key', randomUUID())
      .send({
        agreementId: 'lucca-2007',
        subject: { firstName: 'Ada', lastName: 'Esempio', birthYear: 1998, nationality: 'NG', gender: 'female', minor: false },
        exploitationTypes: ['sexual'],
        indicators: ['deception', 'restriction-of-movement'],
        urgency: 'urgent',
        consent: { dataSharing: true },
        municipality: 'Viareggio',
      })
      .expect(201);
    const id = submitted.body.id as string;
    await http().post(`/api/v1/referrals/${id}/acknowledge`).set(await as('gatekeeper.ceis.lucca')).expect(200);
    return id;
  }

  const verify = async (username: string, referralId: string, status: number) =>
    http().get('/api/v1/audit/verify').query({ referralId }).set(await as(username)).expect(status);

  it("answers ok with the chain's length and last hash to the referral's parties and the region's auditors and admins", async () => {
    const id = await acknowledgedReferral();
    const events = await suite.app().get<EventStore>(EVENT_STORE).readStream(`referral-${id}`);
    expect(events).toHaveLength(3);
    for (const user of ['auditor.regione.toscana', 'admin.regione.toscana', 'liaison.questura.lucca', 'gatekeeper.ceis.lucca', 'coordinator.provincia.lucca']) {
      const response = await verify(user, id, 200);
      expect(response.body).toEqual({ ok: true, streamId: `referral-${id}`, events: 3, lastHash: events[2].metadata.integrity!.hash });
    }
    expect(events[2].metadata.integrity!.hash).toMatch(/^[0-9a-f]{64}$/);
    // Each verification is a read of the referral, in the access log like any other.
    const log = await http().get('/api/v1/audit/access-log').query({ referralId: id }).set(await as('auditor.regione.toscana')).expect(200);
    const verifications = (log.body.entries as { kind: string; username: string; outcome: string }[]).filter((entry) => entry.kind === 'verify');
    expect(verifications.map((entry) => entry.username).sort()).toEqual(
      ['admin.regione.toscana', 'auditor.regione.toscana', 'coordinator.provincia.lucca', 'gatekeeper.ceis.lucca', 'liaison.questura.lucca'],
    );
    expect(new Set(verifications.map((entry) => entry.outcome))).toEqual(new Set(['granted']));
  });

  it('answers 404 to everyone who may not see the referral, exactly as for one that does not exist', async () => {
    const id = await acknowledgedReferral();
    for (const outsider of ['liaison.questura.roma', 'auditor.regione.lazio', 'coordinator.regione.lazio', 'liaison.comune.viareggio']) {
      const response = await verify(outsider, id, 404);
      expect(response.body).toMatchObject({ code: 'NOT_FOUND', detail: 'No such referral' });
    }
    const unknown = await verify('auditor.regione.toscana', randomUUID(), 404);
    expect(unknown.body).toMatchObject({ code: 'NOT_FOUND', detail: 'No such referral' });
  });

  it('answers 400 for a missing or malformed referral id, and 401 without a token', async () => {
    const auditor = await as('auditor.regione.toscana');
    const missing = await http().get('/api/v1/audit/verify').set(auditor).expect(400);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'referralId' }] });
    await http().get('/api/v1/audit/verify').query({ referralId: 'referral-1' }).set(auditor).expect(400);
    await http().get('/api/v1/audit/verify').query({ referralId: randomUUID(), extra: 'x' }).set(auditor).expect(400);
    await http().get('/api/v1/audit/verify').query({ referralId: randomUUID() }).expect(401);
  });

  it('names the first broken link when an event row was altered in the database', async () => {
    const id = await acknowledgedReferral();
    const sql = suite.app().get<SqlClient>(SQL_CLIENT);
    await sql.transaction(async (tx) => {
      await tx.query('ALTER TABLE es_events DISABLE TRIGGER USER');
      await tx.query(`UPDATE es_events SET metadata = jsonb_set(metadata, '{actorAgencyId}', '"questura-roma"') WHERE stream_id = $1 AND stream_revision = 1`, [`referral-${id}`]);
      await tx.query('ALTER TABLE es_events ENABLE TRIGGER USER');
    });
    const [, routed] = await suite.app().get<EventStore>(EVENT_STORE).readStream(`referral-${id}`);
    const response = await verify('auditor.regione.toscana', id, 200);
    expect(response.body).toEqual({
      ok: false,
      streamId: `referral-${id}`,
      firstBroken: { revision: 1, eventId: routed.id, type: 'ReferralRouted', reason: 'hash-mismatch' },
    });
  });

  it('the CLI refuses to open the embedded database while the platform runs', async () => {
    const run = await runCli(['audit:verify'], { DATA_DIR: dataDir, DATABASE_URL: '', EVENT_STORE: 'postgres', NATS_URL: '' });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`The embedded database in ${dataDir} is in use by process ${process.pid}`);
    const response = await http().get('/health').expect(200);
    expect(response.body.status).toBe('ok');
  }, 60_000);
});
