import { randomUUID } from 'node:crypto';
import { SqlClient } from '@app/database';
import { EventStore } from '@app/event-store';
import { EVENT_STORE, SQL_CLIENT } from '@app/platform';
import { useEmbeddedSuite } from './embedded-suite';
import { PlatformUnderTest } from './platform-under-test';

const NAME = 'Zyxwaldine';
const SURNAME = 'Okonkwo-Brightwater';

/**
 * A referral through HTTP: three agencies, every action, the access rules, personal data. Run on
 * embedded PostgreSQL here and on the PostgreSQL server in `referrals.postgres.e2e-spec.ts`.
 */
export function describeReferralsApi(name: string, prepare: () => Promise<PlatformUnderTest>): void {
  describe(`referrals over HTTP (${name})`, () => {
    const suite = useEmbeddedSuite('referrals', prepare);
    const { http, as } = suite;

    const submission = (overrides: Record<string, unknown> = {}) => ({
      agreementId: 'lucca-2007',
      subject: { firstName: NAME, lastName: SURNAME, birthYear: 1999, nationality: 'NG', gender: 'female', minor: false },
      exploitationTypes: ['sexual'],
      indicators: ['deception', 'restriction-of-movement'],
      urgency: 'urgent',
      consent: { dataSharing: true },
      municipality: 'Viareggio',
      ...overrides,
    });

    async function submit(key = randomUUID(), body = submission(), status = 201) {
      const headers = await as('liaison.questura.lucca');
      return http().post('/api/v1/referrals').set(headers).set('Idempotency-Key', key).send(body).expect(status);
    }

    async function step(username: string, id: string, action: string, body: object = {}, status = 200) {
      const current = await http().get(`/api/v1/referrals/${id}`).set(await as(username)).expect(200);
      return http().post(`/api/v1/referrals/${id}/${action}`).set(await as(username)).set('If-Match', current.headers.etag).send(body).expect(status);
    }

    async function eventTypes(id: string): Promise<string[]> {
      return (await suite.app().get<EventStore>(EVENT_STORE).readStream(`referral-${id}`)).map((e) => e.type);
    }

    it('runs a referral from submission to closure across the Questura, Ce.I.S. and the regional hotline', async () => {
      const submitted = await submit();
      expect(submitted.body).toMatchObject({ status: 'routed', routedTo: { agencyId: 'ceis-lucca' }, version: 2 });
      const id: string = submitted.body.id;

      await step('gatekeeper.ceis.lucca', id, 'acknowledge');
      await step('gatekeeper.ceis.lucca', id, 'transfer', { toAgencyId: 'numero-verde-toscana', reason: 'capacity' });
      await step('gatekeeper.numeroverde.toscana', id, 'acknowledge');
      await step('gatekeeper.numeroverde.toscana', id, 'transfer', { toAgencyId: 'ceis-lucca', reason: 'specialised-service' });
      await step('gatekeeper.ceis.lucca', id, 'acknowledge');
      const assessed = await step('gatekeeper.ceis.lucca', id, 'assessment', { indicatorsConfirmed: true, notes: 'Colloquio con mediatrice culturale.' });
      expect(assessed.body.subject.personalData.data['exploitation-narrative']).toEqual({ text: 'Colloquio con mediatrice culturale.' });
      await step('gatekeeper.ceis.lucca', id, 'hold');
      await step('gatekeeper.ceis.lucca', id, 'resume');
      await step('gatekeeper.ceis.lucca', id, 'placement-request', {});
      await step('gatekeeper.ceis.lucca', id, 'placement-decision', { decision: 'accepted' });
      await step('gatekeeper.ceis.lucca', id, 'placement-start');
      await step('gatekeeper.ceis.lucca', id, 'programme', { type: 'art-18-social' });
      await step('liaison.questura.lucca', id, 'consent', { dataSharing: false });
      await step('liaison.questura.lucca', id, 'consent', { dataSharing: true });
      await step('gatekeeper.ceis.lucca', id, 'placement-end');
      const closed = await step('gatekeeper.ceis.lucca', id, 'close', { outcome: 'social-inclusion' });
      expect(closed.body).toMatchObject({ status: 'closed', outcome: 'social-inclusion', programmes: ['art-18-social'] });
      expect(await eventTypes(id)).toEqual([
        'ReferralSubmitted', 'ReferralRouted', 'ReferralAcknowledged', 'ReferralTransferred', 'ReferralAcknowledged',
        'ReferralTransferred', 'ReferralAcknowledged', 'ReferralAssessed', 'ReferralPutOnHold', 'ReferralResumed',
        'PlacementRequested', 'PlacementAccepted', 'PlacementStarted', 'ProgrammeEnrolled', 'ConsentWithdrawn', 'ConsentRecorded',
        'PlacementEnded', 'ReferralClosed',
      ]);
    });

    it('lets the referrer cancel before acknowledgement, and not after', async () => {
      const { body } = await submit();
      await step('liaison.questura.lucca', body.id as string, 'cancel');
      const other = await submit();
      await step('gatekeeper.ceis.lucca', other.body.id as string, 'acknowledge');
      const refused = await http().post(`/api/v1/referrals/${other.body.id}/cancel`).set(await as('liaison.questura.lucca')).expect(409);
      expect(refused.body.code).toBe('ILLEGAL_TRANSITION');
    });

    it('re-routes a declined placement by the agreement rules', async () => {
      const { body } = await submit();
      const id = body.id as string;
      await step('gatekeeper.ceis.lucca', id, 'acknowledge');
      await step('gatekeeper.ceis.lucca', id, 'placement-request', {});
      const declined = await step('gatekeeper.ceis.lucca', id, 'placement-decision', { decision: 'declined', reason: 'no-capacity' });
      expect(declined.body.routedTo).toMatchObject({ agencyId: 'numero-verde-toscana' });
    });

    it('answers the same Idempotency-Key with the same referral and appends nothing', async () => {
      const key = randomUUID();
      const first = await submit(key);
      const again = await submit(key);
      expect(again.body).toEqual(first.body);
      expect(await eventTypes(first.body.id as string)).toHaveLength(2);
      const reused = await submit(key, submission({ urgency: 'ordinary' }), 422);
      expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      const missing = await http().post('/api/v1/referrals').set(await as('liaison.questura.lucca')).send(submission()).expect(428);
      expect(missing.headers['content-type']).toMatch(/problem\+json/);
    });

    it('refuses a stale If-Match with 412 and an illegal transition with 409, appending nothing', async () => {
      const { body } = await submit();
      const ceis = await as('gatekeeper.ceis.lucca');
      await http().post(`/api/v1/referrals/${body.id}/acknowledge`).set(ceis).set('If-Match', '"1"').expect(412);
      const illegal = await http().post(`/api/v1/referrals/${body.id}/placement-start`).set(ceis).expect(409);
      expect(illegal.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', status: 409 });
      expect(await eventTypes(body.id as string)).toHaveLength(2);
    });

    it('rejects malformed input with every field at fault, and appends nothing', async () => {
      const response = await submit(randomUUID(), submission({ urgency: 'soon', colour: 'red', subject: { firstName: '', lastName: 'X', birthYear: 3000, nationality: 'NGA', gender: 'female', minor: false } }), 400);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
        ['colour', 'subject.birthYear', 'subject.firstName', 'subject.nationality', 'urgency'].sort(),
      );
      const bad = await http().post(`/api/v1/referrals/${randomUUID()}/close`).set(await as('gatekeeper.ceis.lucca')).send({ outcome: 'vanished' }).expect(400);
      expect(bad.body.errors[0].field).toBe('outcome');
    });

    it('hides a referral from every agency that is not party to it', async () => {
      const { body } = await submit();
      // One of each role from agencies with no part in it, auditors and admins of another region included.
      for (const outsider of ['liaison.questura.roma', 'gatekeeper.ponteaperto.roma', 'coordinator.regione.lazio', 'auditor.regione.lazio', 'liaison.comune.viareggio']) {
        const get = await http().get(`/api/v1/referrals/${body.id}`).set(await as(outsider)).expect(404);
        expect(get.body.code).toBe('NOT_FOUND');
        await http().post(`/api/v1/referrals/${body.id}/acknowledge`).set(await as(outsider)).expect(404);
        await http().delete(`/api/v1/referrals/${body.id}/subject`).set(await as(outsider)).expect(404);
      }
      const unknown = await http().get(`/api/v1/referrals/${randomUUID()}`).set(await as('liaison.questura.roma')).expect(404);
      expect(unknown.body.detail).toBe('No such referral');
      expect(await eventTypes(body.id as string)).toHaveLength(2);
    });

    it('shows each party only the personal data its protocol role may see', async () => {
      const { body } = await submit(randomUUID(), submission({ consent: { dataSharing: false } }));
      const referrer = await http().get(`/api/v1/referrals/${body.id}`).set(await as('liaison.questura.lucca')).expect(200);
      expect(referrer.body.subject.personalData).toMatchObject({ status: 'present', categories: ['identity', 'contact'] });
      expect(referrer.body.subject.personalData.data.identity.firstName).toBe(NAME);
      const coordinator = await http().get(`/api/v1/referrals/${body.id}`).set(await as('coordinator.provincia.lucca')).expect(200);
      expect(coordinator.body.subject.personalData).toEqual({ status: 'present', categories: [], data: {} });
      const auditor = await http().get(`/api/v1/referrals/${body.id}`).set(await as('auditor.regione.toscana')).expect(200);
      expect(auditor.body.subject.personalData).toEqual({ status: 'present', categories: [], data: {} });
    });

    it('erases the subject: the data is gone from every read and from the database, and history still replays', async () => {
      const { body } = await submit();
      await http().delete(`/api/v1/referrals/${body.id}/subject`).set(await as('liaison.questura.lucca')).expect(403);
      await http().delete(`/api/v1/referrals/${body.id}/subject`).set(await as('auditor.regione.toscana')).expect(403);
      await http().delete(`/api/v1/referrals/${body.id}/subject`).set(await as('coordinator.provincia.lucca')).expect(204);
      const after = await http().get(`/api/v1/referrals/${body.id}`).set(await as('liaison.questura.lucca')).expect(200);
      expect(after.body.subject.personalData).toEqual({ status: 'erased' });
      expect(JSON.stringify(after.body)).not.toContain(NAME);
      expect(await eventTypes(body.id as string)).toEqual(['ReferralSubmitted', 'ReferralRouted', 'SubjectDataErased']);
      await http().delete(`/api/v1/referrals/${body.id}/subject`).set(await as('coordinator.provincia.lucca')).expect(204);
    });

    it('never stores a subject name in clear in any table', async () => {
      const sql = suite.app().get<SqlClient>(SQL_CLIENT);
      const { rows: tables } = await sql.query<{ name: string }>(
        `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name FROM information_schema.tables
         WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
      );
      expect(tables.length).toBeGreaterThan(5);
      for (const { name } of tables) {
        const { rows } = await sql.query<{ found: boolean }>(
          `SELECT EXISTS (SELECT 1 FROM ${name} t WHERE t::text ILIKE $1 OR t::text ILIKE $2) AS found`,
          [`%${NAME}%`, `%${SURNAME}%`],
        );
        expect({ table: name, found: rows[0].found }).toEqual({ table: name, found: false });
      }
    });
  });
}
