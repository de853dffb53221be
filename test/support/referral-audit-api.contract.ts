import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { SqlClient } from '@app/database';
import { demoUserId } from '@app/directory';
import { SQL_CLIENT } from '@app/platform';
import { useEmbeddedSuite } from './embedded-suite';
import { PlatformUnderTest } from './platform-under-test';
import { parseCsv } from '@app/http-api/testing/csv-reader';

/** What the history route answers per event, as far as these tests read it. */
interface HistoryEvent {
  streamRevision: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  actor: { userId: string | null; agencyId: string | null };
  correlationId: string;
  data: Record<string, unknown>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Agencies with no part in the Lucca referrals, one of each role, auditors of another region included. */
const OUTSIDERS = ['liaison.questura.roma', 'gatekeeper.ponteaperto.roma', 'coordinator.regione.lazio', 'auditor.regione.lazio', 'liaison.comune.viareggio'];

/**
 * Auditor replay and the access log through HTTP: history, the state at an instant, exports, who may
 * read them, and the log of every read. Run on embedded PostgreSQL and on the PostgreSQL server.
 */
export function describeReferralAuditApi(name: string, prepare: () => Promise<PlatformUnderTest>): void {
  describe(`referral history and access log over HTTP (${name})`, () => {
    const suite = useEmbeddedSuite('audit', prepare);
    const { http, as } = suite;

    async function submit(): Promise<string> {
      const response = await http()
        .post('/api/v1/referrals')
        .set(await as('liaison.questura.lucca'))
        .set('Idempotency-Key', randomUUID())
        .set('X-Correlation-Id', 'audit-submission')
        .send({
          agreementId: 'lucca-2007',
          subject: { firstName: 'Ada', lastName: 'Esempio', birthYear: 1998, nationality: 'NG', gender: 'female', minor: false },
          exploitationTypes: ['sexual'],
          indicators: ['deception'],
          urgency: 'urgent',
          consent: { dataSharing: true },
          municipality: 'Viareggio',
        })
        .expect(201);
      return response.body.id as string;
    }

    async function act(username: string, id: string, action: string, body: object = {}) {
      await http().post(`/api/v1/referrals/${id}/${action}`).set(await as(username)).set('X-Correlation-Id', `audit-${action}`).send(body).expect(200);
    }

    /** What GET showed at an instant, and the instant; the next action is recorded strictly later. */
    async function snapshot(username: string, id: string): Promise<{ body: Record<string, unknown>; at: string }> {
      const response = await http().get(`/api/v1/referrals/${id}`).set(await as(username)).expect(200);
      await sleep(2);
      const at = new Date().toISOString();
      await sleep(5);
      return { body: response.body as Record<string, unknown>, at };
    }

    const withoutPersonalData = (view: Record<string, unknown>) => {
      const subject = { ...(view.subject as Record<string, unknown>) };
      delete subject.personalData;
      return { ...view, subject };
    };

    async function accessLog(username: string, query: Record<string, string | number>, status: number): Promise<request.Response> {
      return http().get('/api/v1/audit/access-log').query(query).set(await as(username)).expect(status);
    }

    describe('a referral replayed', () => {
      let id: string;
      const snapshots: { body: Record<string, unknown>; at: string }[] = [];
      let beforeSubmission: string;

      beforeAll(async () => {
        beforeSubmission = new Date(Date.now() - 1000).toISOString();
        id = await submit();
        snapshots.push(await snapshot('liaison.questura.lucca', id));
        await act('gatekeeper.ceis.lucca', id, 'acknowledge');
        snapshots.push(await snapshot('liaison.questura.lucca', id));
        await act('gatekeeper.ceis.lucca', id, 'assessment', { indicatorsConfirmed: true, notes: 'Colloquio.' });
        await act('gatekeeper.ceis.lucca', id, 'placement-request', {});
        snapshots.push(await snapshot('liaison.questura.lucca', id));
        await act('liaison.questura.lucca', id, 'consent', { dataSharing: false });
      }, 60_000);

      it('lists every event in stream order with type, version, revision, actors, instants and correlation', async () => {
        const { body } = await http().get(`/api/v1/referrals/${id}/history`).set(await as('auditor.regione.toscana')).expect(200);
        expect(body).toMatchObject({ referralId: id, streamId: `referral-${id}`, version: 6 });
        const events = body.events as HistoryEvent[];
        expect(events.map((e) => [e.streamRevision, e.type, e.schemaVersion, e.actor.agencyId, e.correlationId])).toEqual([
          [0, 'ReferralSubmitted', 1, 'questura-lucca', 'audit-submission'],
          [1, 'ReferralRouted', 1, 'questura-lucca', 'audit-submission'],
          [2, 'ReferralAcknowledged', 1, 'ceis-lucca', 'audit-acknowledge'],
          [3, 'ReferralAssessed', 1, 'ceis-lucca', 'audit-assessment'],
          [4, 'PlacementRequested', 1, 'ceis-lucca', 'audit-placement-request'],
          [5, 'ConsentWithdrawn', 1, 'questura-lucca', 'audit-consent'],
        ]);
        expect(events.map((e) => e.actor.userId)).toEqual([
          ...Array(2).fill(demoUserId('liaison.questura.lucca')),
          ...Array(3).fill(demoUserId('gatekeeper.ceis.lucca')),
          demoUserId('liaison.questura.lucca'),
        ]);
        for (const [i, event] of events.entries()) {
          expect(event.eventId).toMatch(/^[0-9a-f-]{36}$/);
          expect(Date.parse(event.occurredAt)).toBeLessThanOrEqual(Date.parse(event.recordedAt));
          if (i > 0) expect(Date.parse(event.recordedAt)).toBeGreaterThanOrEqual(Date.parse(events[i - 1].recordedAt));
        }
        expect(events[0].data).toMatchObject({ referralId: id, referrerAgencyId: 'questura-lucca', urgency: 'urgent', subject: { minor: false, gender: 'female' } });
        expect(events[2].data).toMatchObject({ agencyId: 'ceis-lucca', by: { userId: demoUserId('gatekeeper.ceis.lucca') } });
        expect(JSON.stringify(body)).not.toMatch(/Esempio|Colloquio/);
      });

      it('shows parties which agency acted, and the acting user only within their own agency', async () => {
        const { body } = await http().get(`/api/v1/referrals/${id}/history`).set(await as('liaison.questura.lucca')).expect(200);
        const events = body.events as HistoryEvent[];
        expect(events).toHaveLength(6);
        expect(events[0].actor).toEqual({ userId: demoUserId('liaison.questura.lucca'), agencyId: 'questura-lucca' });
        expect(events[2].actor).toEqual({ userId: null, agencyId: 'ceis-lucca' });
        expect(events[2].data.by).toEqual({ userId: null, agencyId: 'ceis-lucca' });
        expect(JSON.stringify(body)).not.toContain(demoUserId('gatekeeper.ceis.lucca'));
      });

      it('gives the referral at an instant exactly as GET showed it then, with its version', async () => {
        for (const { body, at } of snapshots) {
          const state = await http().get(`/api/v1/referrals/${id}/state`).query({ at }).set(await as('auditor.regione.toscana')).expect(200);
          expect(withoutPersonalData(state.body)).toEqual(withoutPersonalData(body));
          expect(state.body.subject.personalData).toEqual({ status: 'not-replayed' });
          expect(state.headers.etag).toBe(`"${body.version as number}"`);
        }
        expect(snapshots.map(({ body }) => [body.version, body.status])).toEqual([[2, 'routed'], [3, 'acknowledged'], [5, 'acknowledged']]);
        // The same for the parties, and with an offset other than Z.
        const offset = new Date(Date.parse(snapshots[1].at) + 2 * 3600_000).toISOString().replace('Z', '+02:00');
        const party = await http().get(`/api/v1/referrals/${id}/state`).query({ at: offset }).set(await as('gatekeeper.ceis.lucca')).expect(200);
        expect(party.body).toMatchObject({ version: 3, status: 'acknowledged', indicatorsConfirmed: null });
        const now = await http().get(`/api/v1/referrals/${id}/state`).query({ at: new Date().toISOString() }).set(await as('auditor.regione.toscana')).expect(200);
        expect(now.body).toMatchObject({ version: 6, consent: { dataSharing: false } });
      });

      it('answers 404 before the referral existed and 400 for an instant that is not one', async () => {
        const before = await http().get(`/api/v1/referrals/${id}/state`).query({ at: beforeSubmission }).set(await as('auditor.regione.toscana')).expect(404);
        expect(before.body).toMatchObject({ code: 'NOT_FOUND', reason: 'referral-not-yet-recorded' });
        for (const at of ['yesterday', '2026-02-30T10:00:00Z', '2026-03-02T10:00:00', '']) {
          const bad = await http().get(`/api/v1/referrals/${id}/state`).query({ at }).set(await as('auditor.regione.toscana')).expect(400);
          expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'at' }] });
        }
        await http().get(`/api/v1/referrals/${id}/state`).set(await as('auditor.regione.toscana')).expect(400);
      });

      it('exports the history as a JSON or CSV attachment', async () => {
        const auditor = await as('auditor.regione.toscana');
        const history = await http().get(`/api/v1/referrals/${id}/history`).set(auditor).expect(200);
        const json = await http().get(`/api/v1/referrals/${id}/history/export`).query({ format: 'json' }).set(auditor).expect(200);
        expect(json.headers['content-disposition']).toBe(`attachment; filename="referral-${id}-history.json"`);
        expect(json.headers['content-type']).toMatch(/^application\/json/);
        expect(json.body).toEqual(history.body);

        const csv = await http().get(`/api/v1/referrals/${id}/history/export`).query({ format: 'csv' }).set(auditor).expect(200);
        expect(csv.headers['content-disposition']).toBe(`attachment; filename="referral-${id}-history.csv"`);
        expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
        const [header, ...rows] = parseCsv(csv.text);
        expect(rows).toHaveLength(6);
        const column = (name: string) => rows.map((row) => row[header.indexOf(name)]);
        const events = history.body.events as HistoryEvent[];
        expect(column('type')).toEqual(events.map((e) => e.type));
        expect(column('streamRevision')).toEqual(['0', '1', '2', '3', '4', '5']);
        expect(column('actorAgencyId')).toEqual(events.map((e) => e.actor.agencyId));
        expect(column('data').map((cell) => JSON.parse(cell) as unknown)).toEqual(events.map((e) => e.data));

        const bad = await http().get(`/api/v1/referrals/${id}/history/export`).query({ format: 'xlsx' }).set(auditor).expect(400);
        expect(bad.body.errors[0].field).toBe('format');
      });

      it('hides all of it from outsiders of every role, exactly as a referral that does not exist', async () => {
        const at = new Date().toISOString();
        const routes = (referralId: string) => [
          `/api/v1/referrals/${referralId}/history`,
          `/api/v1/referrals/${referralId}/state?at=${encodeURIComponent(at)}`,
          `/api/v1/referrals/${referralId}/history/export?format=csv`,
          `/api/v1/referrals/${referralId}/history/export?format=json`,
        ];
        const unknown = randomUUID();
        for (const outsider of OUTSIDERS) {
          const headers = await as(outsider);
          for (const [i, route] of routes(id).entries()) {
            const hidden = await http().get(route).set(headers).expect(404);
            const missing = await http().get(routes(unknown)[i]).set(headers).expect(404);
            expect({ ...(hidden.body as object), instance: null }).toEqual({ ...(missing.body as object), instance: null });
            expect(hidden.headers['content-disposition']).toBeUndefined();
          }
        }
        await http().get(`/api/v1/referrals/${id}/history`).expect(401);
      });
    });

    describe('the access log', () => {
      let id: string;
      let other: string;

      beforeAll(async () => {
        id = await submit();
        other = await submit();
        const read = async (username: string, path: string, correlationId: string, status = 200) =>
          http().get(path).set(await as(username)).set('X-Correlation-Id', correlationId).expect(status);
        await read('gatekeeper.ceis.lucca', `/api/v1/referrals/${id}`, 'read-1');
        await read('auditor.regione.toscana', `/api/v1/referrals/${id}/history`, 'read-2');
        await read('auditor.regione.toscana', `/api/v1/referrals/${id}/state?at=${encodeURIComponent(new Date().toISOString())}`, 'read-3');
        await read('admin.regione.toscana', `/api/v1/referrals/${id}/history/export?format=csv`, 'read-4');
        await read('liaison.questura.roma', `/api/v1/referrals/${id}/history`, 'read-5', 404);
        await read('liaison.questura.roma', `/api/v1/referrals/${randomUUID()}`, 'read-6', 404);
        await read('liaison.questura.lucca', `/api/v1/referrals/${other}`, 'read-7');
        // Acting is not reading: the actions' own answers are not logged.
        await act('gatekeeper.ceis.lucca', id, 'acknowledge');
      }, 60_000);

      it('records each read with who, which agency, what, when and the correlation id; and refused attempts', async () => {
        const { body } = await accessLog('auditor.regione.toscana', { referralId: id }, 200);
        expect(body.nextCursor).toBeNull();
        const entries = body.entries as Record<string, unknown>[];
        expect(entries.map((e) => [e.correlationId, e.username, e.agencyId, e.kind, e.route, e.outcome])).toEqual([
          ['read-5', 'liaison.questura.roma', 'questura-roma', 'history', 'GET /api/v1/referrals/:id/history', 'denied'],
          ['read-4', 'admin.regione.toscana', 'regione-toscana', 'export', 'GET /api/v1/referrals/:id/history/export', 'granted'],
          ['read-3', 'auditor.regione.toscana', 'regione-toscana', 'state', 'GET /api/v1/referrals/:id/state', 'granted'],
          ['read-2', 'auditor.regione.toscana', 'regione-toscana', 'history', 'GET /api/v1/referrals/:id/history', 'granted'],
          ['read-1', 'gatekeeper.ceis.lucca', 'ceis-lucca', 'referral', 'GET /api/v1/referrals/:id', 'granted'],
        ]);
        expect(entries[3]).toMatchObject({ userId: demoUserId('auditor.regione.toscana'), referralId: id, region: 'Toscana', detail: {} });
        expect(entries[2].detail).toMatchObject({ at: expect.any(String) });
        expect(entries[1].detail).toEqual({ format: 'csv' });
        for (const entry of entries) expect(Date.now() - Date.parse(entry.accessedAt as string)).toBeLessThan(120_000);
        // The read of an id no referral has left no entry at all, in any region.
        const unknown = await suite.app().get<SqlClient>(SQL_CLIENT).query(`SELECT 1 FROM audit_access_log WHERE correlation_id = 'read-6'`);
        expect(unknown.rows).toEqual([]);
      });

      it('filters by user, agency and period, and pages with a cursor', async () => {
        const auditorId = demoUserId('auditor.regione.toscana');
        const mine = await accessLog('auditor.regione.toscana', { referralId: id, userId: auditorId }, 200);
        expect(mine.body.entries.map((e: { correlationId: string }) => e.correlationId)).toEqual(['read-3', 'read-2']);
        const questura = await accessLog('auditor.regione.toscana', { agencyId: 'questura-lucca', referralId: other }, 200);
        expect(questura.body.entries.map((e: { correlationId: string }) => e.correlationId)).toEqual(['read-7']);
        const region = await accessLog('auditor.regione.toscana', { agencyId: 'regione-toscana', referralId: id }, 200);
        expect(region.body.entries.map((e: { correlationId: string }) => e.correlationId)).toEqual(['read-4', 'read-3', 'read-2']);
        const future = await accessLog('auditor.regione.toscana', { from: new Date(Date.now() + 60_000).toISOString() }, 200);
        expect(future.body.entries).toEqual([]);

        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: request.Response = await accessLog('admin.regione.toscana', { referralId: id, limit: 2, ...(cursor ? { cursor } : {}) }, 200);
          expect(page.body.entries.length).toBeLessThanOrEqual(2);
          seen.push(...page.body.entries.map((e: { correlationId: string }) => e.correlationId));
          cursor = page.body.nextCursor;
        } while (cursor);
        expect(seen).toEqual(['read-5', 'read-4', 'read-3', 'read-2', 'read-1']);
      });

      it('is for auditors and admins only, each within their region', async () => {
        for (const username of ['liaison.questura.lucca', 'gatekeeper.ceis.lucca', 'coordinator.provincia.lucca', 'coordinator.regione.lazio']) {
          const refused = await accessLog(username, { referralId: id }, 403);
          expect(refused.body.code).toBe('NOT_PERMITTED');
        }
        const lazio = await accessLog('auditor.regione.lazio', { referralId: id }, 200);
        expect(lazio.body).toEqual({ entries: [], nextCursor: null });
        await http().get('/api/v1/audit/access-log').expect(401);
      });

      it('validates its parameters', async () => {
        const fields = async (query: Record<string, string | number>) =>
          ((await accessLog('auditor.regione.toscana', query, 400)).body.errors as { field: string }[]).map((e) => e.field);
        expect(await fields({ referralId: 'nope', userId: '42', agencyId: 'Not An Id', from: 'today', limit: 0, colour: 'red' })).toEqual(
          expect.arrayContaining(['referralId', 'userId', 'agencyId', 'from', 'limit', 'colour']),
        );
        expect(await fields({ limit: 201 })).toEqual(['limit']);
        expect(await fields({ limit: 'many' })).toEqual(['limit']);
        const period = await accessLog('auditor.regione.toscana', { from: '2026-03-02T10:00:00Z', to: '2026-03-02T09:00:00Z' }, 400);
        expect(period.body.reason).toBe('empty-period');
        const cursor = await accessLog('auditor.regione.toscana', { cursor: 'bm90LWEtY3Vyc29y' }, 400);
        expect(cursor.body).toMatchObject({ code: 'VALIDATION_FAILED', reason: 'invalid-cursor' });
      });

      it('returns nothing of a referral when its read cannot be logged', async () => {
        const sql = suite.app().get<SqlClient>(SQL_CLIENT);
        const ceis = await as('gatekeeper.ceis.lucca');
        await sql.query('ALTER TABLE audit_access_log RENAME TO audit_access_log_away');
        try {
          for (const path of [`/api/v1/referrals/${id}`, `/api/v1/referrals/${id}/history`, `/api/v1/referrals/${id}/history/export?format=csv`]) {
            const failed = await http().get(path).set(ceis).expect(503);
            expect(failed.body).toMatchObject({ reason: 'access-log-unavailable' });
            // Neither the referral's view nor its events come with the refusal.
            expect(failed.body).not.toHaveProperty('subject');
            expect(failed.body).not.toHaveProperty('events');
            expect(failed.text).not.toContain('ReferralSubmitted');
          }
          // A refused attempt still answers 404, so an outage tells an outsider nothing.
          await http().get(`/api/v1/referrals/${id}`).set(await as('liaison.questura.roma')).expect(404);
        } finally {
          await sql.query('ALTER TABLE audit_access_log_away RENAME TO audit_access_log');
        }
        await http().get(`/api/v1/referrals/${id}`).set(ceis).expect(200);
      });
    });
  });
}
