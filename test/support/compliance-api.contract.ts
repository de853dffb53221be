import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { startEmbeddedApp } from './embedded-app';
import type { PlatformUnderTest } from './platform-under-test';
import { demoLogin } from './demo-login';

interface Figures {
  total: number;
  metOnTime: number;
  metLate: number;
  open: number;
  breached: number;
  discharged: number;
  onTimeRate: number | null;
}
interface Report {
  agreementId: string;
  asOf: string;
  asOfIs: 'to' | 'now';
  period: { from: string | null; to: string | null };
  obligations: { obligationId: string; figures: Figures; parties: { agencyId: string; name: string; figures: Figures }[] }[];
  parties: { agencyId: string; name: string; figures: Figures }[];
  openBreaches: unknown[];
}

/**
 * The compliance report through HTTP on the running platform: the projector fills it from the
 * referrals made through the API, and only the protocol's coordinators and its region's auditors and
 * admins may read it. Exact late and breached cases, which need instants the test controls, are in
 * the projection's integration suite.
 */
export function describeComplianceApi(name: string, prepare: () => Promise<PlatformUnderTest>): void {
  describe(`compliance report over HTTP (${name})`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'antitratta-compliance-'));
    let app: INestApplication;
    let platform: PlatformUnderTest;
    const started = new Date().toISOString();
    let waiting: string;

    beforeAll(async () => {
      platform = await prepare();
      app = await startEmbeddedApp({ DATA_DIR: dataDir, ...platform.env });
      // Two urgent referrals: one acknowledged at once, one left waiting (due in two hours).
      const acknowledged = await submit();
      waiting = await submit();
      const current = await http().get(`/api/v1/referrals/${acknowledged}`).set(await as('gatekeeper.ceis.lucca')).expect(200);
      await http().post(`/api/v1/referrals/${acknowledged}/acknowledge`).set(await as('gatekeeper.ceis.lucca')).set('If-Match', current.headers.etag).expect(200);
      await caughtUp();
    }, 120_000);

    afterAll(async () => {
      await app?.close();
      await platform?.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const http = () => request(app.getHttpServer());
    const as = demoLogin(http);

    async function submit(): Promise<string> {
      const response = await http()
        .post('/api/v1/referrals')
        .set(await as('liaison.questura.lucca'))
        .set('Idempotency-Key', randomUUID())
        .send({
          agreementId: 'lucca-2007',
          subject: { firstName: 'Adaeze', lastName: 'Testperson', birthYear: 2000, nationality: 'NG', gender: 'female', minor: false },
          exploitationTypes: ['sexual'],
          indicators: ['deception'],
          urgency: 'urgent',
          consent: { dataSharing: true },
          municipality: 'Capannori',
        })
        .expect(201);
      return response.body.id as string;
    }

    async function get(path: string, username: string | null, status: number, accept?: string) {
      let test = http().get(path);
      if (username) test = test.set(await as(username));
      if (accept) test = test.set('Accept', accept);
      const response = await test;
      expect([path, username, response.status]).toEqual([path, username, status]);
      return response;
    }
    const report = (query = '', username = 'coordinator.provincia.lucca', status = 200, accept?: string) =>
      get(`/api/v1/agreements/lucca-2007/compliance${query}`, username, status, accept);

    /** The projector runs beside the API: wait until it has applied the acknowledgement. */
    async function caughtUp(): Promise<void> {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const body = (await report()).body as Report;
        const acknowledge = body.obligations?.find((o) => o.obligationId === 'acknowledge-routed');
        if (acknowledge?.figures.total === 2 && acknowledge.figures.metOnTime === 1) return;
        if (Date.now() > deadline) throw new Error(`The projection did not catch up: ${JSON.stringify(body)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }

    it('gives the coordinator figures per obligation and per party, as of now', async () => {
      const body = (await report()).body as Report;
      expect(body).toMatchObject({ agreementId: 'lucca-2007', asOfIs: 'now', period: { from: null, to: null }, openBreaches: [] });
      expect(Date.parse(body.asOf)).toBeGreaterThanOrEqual(Date.parse(started));
      const acknowledge = body.obligations.find((o) => o.obligationId === 'acknowledge-routed')!;
      expect(acknowledge.figures).toMatchObject({ total: 2, metOnTime: 1, metLate: 0, open: 1, breached: 0, discharged: 0, onTimeRate: 1 });
      expect(acknowledge.parties).toEqual([expect.objectContaining({ agencyId: 'ceis-lucca', name: 'Fondazione ETS Ce.I.S. - Gruppo "Giovani e Comunità" - Lucca' })]);
      expect(body.obligations.find((o) => o.obligationId === 'feedback-to-referrer')!.figures).toMatchObject({ total: 2, open: 2 });
      expect(body.parties.map((p) => [p.agencyId, p.figures.total])).toEqual([['ceis-lucca', 4]]);
    });

    it("puts the open obligation in the responsible agency's inbox, due two hours after the urgent referral was routed", async () => {
      const inbox = await get('/api/v1/inbox', 'gatekeeper.ceis.lucca', 200);
      const item = (inbox.body.items as { id: string; submittedAt: string; nextObligation: unknown }[]).find((i) => i.id === waiting)!;
      expect(item.nextObligation).toEqual({
        obligationId: 'acknowledge-routed',
        description: 'The receiving body acknowledges a referral routed to it',
        dueAt: new Date(Date.parse(item.submittedAt) + 2 * 3_600_000).toISOString(),
      });
    });

    it('reports as of the end of a period that is over, selecting by trigger time', async () => {
      const before = (await report('?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00%2B01:00')).body as Report;
      expect(before).toMatchObject({ asOf: '2020-01-31T23:00:00.000Z', asOfIs: 'to', period: { from: '2020-01-01T00:00:00.000Z', to: '2020-01-31T23:00:00.000Z' }, obligations: [] });
      const since = (await report(`?from=${encodeURIComponent(started)}`)).body as Report;
      expect(since.obligations.map((o) => [o.obligationId, o.figures.total])).toEqual([
        ['acknowledge-routed', 2],
        ['feedback-to-referrer', 2],
      ]);
    });

    it('lets the region’s auditor and admin read it; other parties get 403, outsiders 404', async () => {
      await report('', 'auditor.regione.toscana');
      await report('', 'admin.regione.toscana');
      const party = await report('', 'gatekeeper.ceis.lucca', 403);
      expect(party.body).toMatchObject({ code: 'NOT_PERMITTED' });
      await report('', 'liaison.questura.lucca', 403);
      // Auditors see every agreement, but oversee only their own region's compliance.
      await report('', 'auditor.regione.lazio', 403);
      const outsider = await report('', 'liaison.questura.roma', 404);
      expect(outsider.body).toMatchObject({ code: 'NOT_FOUND' });
      await report('', 'coordinator.regione.lazio', 404);
      await get('/api/v1/agreements/no-such-agreement/compliance', 'auditor.regione.toscana', 404);
      await get('/api/v1/agreements/lucca-2007/compliance', null, 401);
    });

    it('refuses a malformed period with 400', async () => {
      for (const query of ['?from=yesterday', '?to=2026-11-01T00:00:00', '?from=2026-02-30T00:00:00Z', '?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z', '?format=xml', '?until=2026-11-01T00:00:00Z']) {
        const response = await report(query, 'coordinator.provincia.lucca', 400);
        expect(response.body.code).toBe('VALIDATION_FAILED');
      }
    });

    it('exports CSV: one row per obligation and party, the same figures, properly quoted', async () => {
      const csv = await report('?format=csv');
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const lines = csv.text.split('\r\n');
      expect(lines[0]).toBe(
        'agreement_id,as_of,obligation_id,description,responsible_role,agency_id,agency_name,total,met_on_time,met_late,open,breached,discharged,on_time_rate,median_time_to_complete_ms,p90_time_to_complete_ms',
      );
      expect(lines.filter((line) => line !== '')).toHaveLength(3);
      const acknowledge = lines.find((line) => line.includes(',acknowledge-routed,'))!;
      expect(acknowledge).toContain(',ceis-lucca,"Fondazione ETS Ce.I.S. - Gruppo ""Giovani e Comunità"" - Lucca",2,1,0,1,0,0,1,');

      const byAccept = await report('', 'coordinator.provincia.lucca', 200, 'text/csv');
      expect(byAccept.headers['content-type']).toMatch(/^text\/csv/);
      const byPath = await get('/api/v1/agreements/lucca-2007/compliance.csv', 'auditor.regione.toscana', 200);
      expect(byPath.headers['content-disposition']).toBe('attachment; filename="compliance-lucca-2007.csv"');
      expect(byPath.text.split('\r\n')[0]).toBe(lines[0]);
      await get('/api/v1/agreements/lucca-2007/compliance.csv', 'gatekeeper.ceis.lucca', 403);
      await get('/api/v1/agreements/lucca-2007/compliance.csv?from=nope', 'auditor.regione.toscana', 400);
    });
  });
}
