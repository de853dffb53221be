import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { register } from 'prom-client';
import request from 'supertest';
import { DEMO_USERS } from '@app/directory';
import { ProjectionRunners } from '@app/projections';
import { startEmbeddedApp } from './embedded-app';
import { PlatformUnderTest } from './platform-under-test';
import { demoLogin } from './demo-login';

/** Polls the projector until every projection has applied every event; never a blind sleep. */
export async function waitForProjections(app: INestApplication, timeoutMs = 30_000): Promise<void> {
  const runners = app.get(ProjectionRunners);
  const deadline = Date.now() + timeoutMs;
  while (!(await runners.health()).every((projection) => projection.lagSeconds === 0 && projection.status === 'up')) {
    if (Date.now() > deadline) throw new Error(`projections did not catch up within ${timeoutMs} ms: ${JSON.stringify(await runners.health())}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Inbox, referral list and counts through HTTP, on the read models the embedded projector keeps.
 * Run on embedded PostgreSQL and on the PostgreSQL server.
 */
export function describeCaseRoutingApi(name: string, prepare: () => Promise<PlatformUnderTest>): void {
  describe(`case routing over HTTP (${name})`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'antitratta-case-routing-'));
    let app: INestApplication;
    let platform: PlatformUnderTest;
    const ids: Record<'a' | 'b' | 'c' | 'rome', string> = { a: '', b: '', c: '', rome: '' };

    const http = () => request(app.getHttpServer());
    const as = demoLogin(http);

    async function submit(username: string, body: Record<string, unknown>): Promise<string> {
      const response = await http()
        .post('/api/v1/referrals')
        .set(await as(username))
        .set('Idempotency-Key', randomUUID())
        .send({
          subject: { firstName: 'Ada', lastName: 'Example', birthYear: 1999, nationality: 'NG', gender: 'female', minor: false },
          exploitationTypes: ['sexual'],
          indicators: ['deception'],
          consent: { dataSharing: true },
          ...body,
        })
        .expect(201);
      return response.body.id as string;
    }

    async function step(username: string, id: string, action: string, body: object = {}): Promise<void> {
      const current = await http().get(`/api/v1/referrals/${id}`).set(await as(username)).expect(200);
      await http().post(`/api/v1/referrals/${id}/${action}`).set(await as(username)).set('If-Match', current.headers.etag).send(body).expect(200);
    }

    /** Every page of the list, following the cursor. */
    async function listAll(username: string, query: Record<string, string | number> = {}, limit = 2): Promise<{ id: string; status: string }[]> {
      const items: { id: string; status: string }[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 100; page++) {
        const response = await http()
          .get('/api/v1/referrals')
          .query({ ...query, limit, ...(cursor ? { cursor } : {}) })
          .set(await as(username))
          .expect(200);
        items.push(...(response.body.items as { id: string; status: string }[]));
        expect(response.body.items.length).toBeLessThanOrEqual(limit);
        cursor = response.body.nextCursor as string | null;
        if (!cursor) return items;
      }
      throw new Error('the cursor never ended');
    }

    beforeAll(async () => {
      platform = await prepare();
      app = await startEmbeddedApp({ DATA_DIR: dataDir, ...platform.env });
      ids.a = await submit('liaison.questura.lucca', { agreementId: 'lucca-2007', urgency: 'urgent', municipality: 'Viareggio' });
      ids.b = await submit('liaison.questura.lucca', { agreementId: 'lucca-2007', urgency: 'ordinary', municipality: 'Viareggio' });
      ids.c = await submit('liaison.questura.lucca', { agreementId: 'lucca-2007', urgency: 'ordinary', municipality: 'Viareggio' });
      ids.rome = await submit('liaison.questura.roma', { agreementId: 'lazio-piano-antitratta', urgency: 'urgent', municipality: 'Roma' });
      await step('gatekeeper.ceis.lucca', ids.b, 'acknowledge');
      await step('gatekeeper.ceis.lucca', ids.b, 'placement-request', {});
      await step('gatekeeper.ceis.lucca', ids.c, 'acknowledge');
      await step('gatekeeper.ceis.lucca', ids.c, 'transfer', { toAgencyId: 'numero-verde-toscana', reason: 'capacity' });
      await waitForProjections(app);
    }, 180_000);

    afterAll(async () => {
      await app?.close();
      await platform?.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('lists for every demo account exactly the referrals the referral API lets it see', async () => {
      for (const user of DEMO_USERS) {
        const listed = (await listAll(user.username)).map((item) => item.id).sort();
        const visible: string[] = [];
        for (const id of Object.values(ids)) {
          const response = await http().get(`/api/v1/referrals/${id}`).set(await as(user.username));
          expect([200, 404]).toContain(response.status);
          if (response.status === 200) visible.push(id);
        }
        expect({ user: user.username, listed }).toEqual({ user: user.username, listed: visible.sort() });
      }
      // The rule has teeth: an outsider sees none of Lucca's, the Tuscan auditor all three.
      expect((await listAll('auditor.regione.toscana')).map((i) => i.id).sort()).toEqual([ids.a, ids.b, ids.c].sort());
      expect((await listAll('liaison.questura.roma')).map((i) => i.id)).toEqual([ids.rome]);
    });

    it('pages with an opaque cursor in a stable order: newest activity first, every referral once', async () => {
      const whole = await http().get('/api/v1/referrals').set(await as('auditor.regione.toscana')).expect(200);
      expect(whole.body.nextCursor).toBeNull();
      const paged = await listAll('auditor.regione.toscana', {}, 1);
      expect(paged.map((item) => item.id)).toEqual(whole.body.items.map((item: { id: string }) => item.id));
      const updated = whole.body.items.map((item: { updatedAt: string }) => item.updatedAt);
      expect([...updated].sort().reverse()).toEqual(updated);
      expect(whole.body.items[0]).toMatchObject({ id: ids.c, status: 'routed', holderAgencyId: 'numero-verde-toscana', agreement: { id: 'lucca-2007', version: 1 } });
    });

    it('filters by status, agreement, holder and urgency', async () => {
      const ids_ = async (username: string, query: Record<string, string>) => (await listAll(username, query, 50)).map((i) => i.id).sort();
      expect(await ids_('gatekeeper.ceis.lucca', { status: 'acknowledged' })).toEqual([ids.b]);
      expect(await ids_('liaison.questura.lucca', { holder: 'numero-verde-toscana' })).toEqual([ids.c]);
      expect(await ids_('liaison.questura.lucca', { urgency: 'urgent' })).toEqual([ids.a]);
      expect(await ids_('liaison.questura.lucca', { agreementId: 'lazio-piano-antitratta' })).toEqual([]);
      expect(await ids_('auditor.regione.lazio', { agreementId: 'lazio-piano-antitratta', status: 'routed' })).toEqual([ids.rome]);
    });

    it('answers 400 with the field for a bad filter, limit or cursor', async () => {
      const headers = await as('gatekeeper.ceis.lucca');
      const bad = async (query: Record<string, string>, field: string) => {
        const response = await http().get('/api/v1/referrals').query(query).set(headers).expect(400);
        expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
        expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      };
      await bad({ status: 'lost' }, 'status');
      await bad({ urgency: 'soon' }, 'urgency');
      await bad({ limit: '0' }, 'limit');
      await bad({ limit: '201' }, 'limit');
      await bad({ limit: 'ten' }, 'limit');
      await bad({ holder: 'Not An Id' }, 'holder');
      await bad({ cursor: 'garbage!' }, 'cursor');
      await bad({ cursor: Buffer.from('["yesterday","x"]').toString('base64url') }, 'cursor');
      await bad({ colour: 'red' }, 'colour');
      await http().get('/api/v1/referrals').expect(401);
      await http().get('/api/v1/inbox').expect(401);
    });

    it("shows a gatekeeper's inbox: what it holds and the placements it must decide, nothing else", async () => {
      const ceis = await http().get('/api/v1/inbox').set(await as('gatekeeper.ceis.lucca')).expect(200);
      const byId = new Map((ceis.body.items as { id: string }[]).map((item) => [item.id, item]));
      expect([...byId.keys()].sort()).toEqual([ids.a, ids.b].sort());
      expect(byId.get(ids.a)).toMatchObject({ status: 'routed', urgency: 'urgent', waitingFor: ['holder', 'obligation'], agreement: { id: 'lucca-2007', version: 1 } });
      expect(byId.get(ids.b)).toMatchObject({ status: 'acknowledged', waitingFor: ['holder', 'placement-decision', 'obligation'], nextObligation: { obligationId: 'decide-placement' }, placement: { shelterAgencyId: 'ceis-lucca', status: 'requested' } });
      // Soonest deadline first, referrals with no obligation due last.
      const due = (ceis.body.items as { nextObligation: { dueAt: string } | null }[]).map((item) => item.nextObligation?.dueAt ?? '~');
      expect([...due].sort()).toEqual(due);
      expect(byId.get(ids.a)).toMatchObject({ nextObligation: { obligationId: 'acknowledge-routed' } });

      const hotline = await http().get('/api/v1/inbox').set(await as('gatekeeper.numeroverde.toscana')).expect(200);
      expect(hotline.body.items.map((item: { id: string }) => item.id)).toEqual([ids.c]);
      const outsider = await http().get('/api/v1/inbox').set(await as('gatekeeper.ponteaperto.roma')).expect(200);
      expect(outsider.body.items.map((item: { id: string }) => item.id)).not.toContain(ids.a);
      // No personal data: the read model holds none, and nothing of the subject's record leaks into the answer.
      expect(JSON.stringify(ceis.body)).not.toMatch(/Ada|Example|1999/);
    });

    it('counts per status what the caller may see (not swallowed by referrals/:id)', async () => {
      const ceis = await http().get('/api/v1/referrals/counts').set(await as('gatekeeper.ceis.lucca')).expect(200);
      expect(ceis.body).toEqual({ total: 3, onHold: 0, byStatus: { routed: 2, acknowledged: 1, returned: 0, closed: 0, cancelled: 0 } });
      const rome = await http().get('/api/v1/referrals/counts').set(await as('auditor.regione.lazio')).expect(200);
      expect(rome.body).toMatchObject({ total: 1, byStatus: { routed: 1 } });
    });

    it('follows new events: a closed referral leaves the inbox and moves in the counts', async () => {
      await step('liaison.questura.lucca', ids.a, 'cancel');
      await waitForProjections(app);
      const ceis = await http().get('/api/v1/inbox').set(await as('gatekeeper.ceis.lucca')).expect(200);
      expect(ceis.body.items.map((item: { id: string }) => item.id)).toEqual([ids.b]);
      const counts = await http().get('/api/v1/referrals/counts').set(await as('liaison.questura.lucca')).expect(200);
      expect(counts.body.byStatus).toMatchObject({ cancelled: 1, routed: 1, acknowledged: 1 });
    });

    it("reports each projection's checkpoint and lag in /health and as projection_lag_seconds", async () => {
      await waitForProjections(app);
      const health = await http().get('/health').expect(200);
      expect(health.body.details.projector).toMatchObject({ status: 'up', 'projection.referral-cases': 'up', 'projection.referral-cases.lagSeconds': '0.000' });
      expect(health.body.details.projector['projection.referral-cases.checkpoint']).toMatch(/^\d+\/\d+$/);
      expect(await register.getSingleMetricAsString('projection_lag_seconds')).toMatch(/^projection_lag_seconds\{projection="referral-cases"\} 0$/m);
    });
  });
}
