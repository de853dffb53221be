import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { LUCCA_AGREEMENT_ID, LUCCA_PROTOCOL_TERMS } from '@app/domain';
import { startEmbeddedApp } from './support/embedded-app';

/** Login, the closed-by-default guard and the agreements API, through HTTP on the embedded platform with demo data. */
describe('auth and agreements over HTTP', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'antitratta-api-'));
  let app: INestApplication;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    app = await startEmbeddedApp({ DATA_DIR: dataDir });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const http = () => request(app.getHttpServer());

  async function tokenOf(username: string): Promise<string> {
    if (!tokens.has(username)) {
      const response = await http().post('/api/v1/auth/login').send({ username, password: 'demo' }).expect(200);
      tokens.set(username, response.body.accessToken as string);
    }
    return tokens.get(username)!;
  }

  const as = async (username: string) => ({ Authorization: `Bearer ${await tokenOf(username)}` });

  describe('authentication', () => {
    it('logs a demo account in and tells it who it is, from the token', async () => {
      const response = await http().get('/api/v1/me').set(await as('gatekeeper.ceis.lucca')).expect(200);
      expect(response.body).toMatchObject({ username: 'gatekeeper.ceis.lucca', agencyId: 'ceis-lucca', roles: ['GATEKEEPER'] });
    });

    it('refuses a wrong password and an unknown user alike, as problem details', async () => {
      for (const body of [{ username: 'liaison.questura.lucca', password: 'nope' }, { username: 'nobody', password: 'demo' }]) {
        const response = await http().post('/api/v1/auth/login').send(body).expect(401);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body).toMatchObject({ status: 401, detail: 'Invalid username or password' });
      }
    });

    it('closes every route to a request without a valid token', async () => {
      await http().get('/api/v1/me').expect(401);
      await http().get('/api/v1/agreements').expect(401);
      await http().get('/api/v1/agreements').set('Authorization', 'Bearer not.a.token').expect(401);
      const me = await http().get('/api/v1/me').set('Authorization', `Bearer ${await tokenOf('liaison.questura.lucca')}`).expect(200);
      // The same claims signed with another secret are refused; signed with the platform's own, accepted.
      const claims = { sub: me.body.userId, username: 'liaison.questura.lucca', agency: me.body.agencyId, roles: me.body.roles };
      const sign = (secret: string) => new JwtService({ secret }).sign(claims, { issuer: 'antitratta-referrals', algorithm: 'HS256' });
      await http().get('/api/v1/me').set('Authorization', `Bearer ${sign('another-secret-of-at-least-32-characters!')}`).expect(401);
      const ownSecret = readFileSync(join(dataDir, 'jwt.secret'), 'utf8').trim();
      await http().get('/api/v1/me').set('Authorization', `Bearer ${sign(ownSecret)}`).expect(200);
      await http().get('/health').expect(200);
    });

    it('rejects a malformed login body with the fields at fault', async () => {
      const response = await http().post('/api/v1/auth/login').send({ username: 'x', password: 'demo', role: 'ADMIN' }).expect(400);
      expect(response.body.errors).toEqual([{ field: 'role', messages: ['property role should not exist'] }]);
    });
  });

  describe('agreements', () => {
    it('shows the demo agreements to their parties only', async () => {
      const lucca = await http().get('/api/v1/agreements').set(await as('liaison.questura.lucca')).expect(200);
      expect(lucca.body.map((a: { id: string }) => a.id)).toEqual([LUCCA_AGREEMENT_ID]);
      expect(lucca.body[0]).toMatchObject({ status: 'active', version: 1 });
      expect(lucca.body[0].title).toContain('Lucca');

      const roma = await http().get('/api/v1/agreements').set(await as('liaison.questura.roma')).expect(200);
      expect(roma.body.map((a: { id: string }) => a.id)).toEqual(['lazio-piano-antitratta']);
      await http().get(`/api/v1/agreements/${LUCCA_AGREEMENT_ID}`).set(await as('liaison.questura.roma')).expect(404);
    });

    it('lets the coordinator draft, amend with If-Match, and activate; a stale If-Match changes nothing', async () => {
      const coordinator = await as('coordinator.provincia.lucca');
      const terms = { ...LUCCA_PROTOCOL_TERMS, title: 'Protocollo Lucca – Versilia (prova)' };
      const created = await http().post('/api/v1/agreements').set(coordinator).send({ agreementId: 'lucca-versilia-test', terms }).expect(201);
      expect(created.body).toMatchObject({ id: 'lucca-versilia-test', status: 'drafted', version: 1 });
      const etag: string = created.headers.etag;

      const amended = await http()
        .post('/api/v1/agreements/lucca-versilia-test/amend')
        .set(coordinator)
        .set('If-Match', etag)
        .send({ terms: { ...terms, title: 'Protocollo Lucca – Versilia (v2)' } })
        .expect(200);
      expect(amended.body).toMatchObject({ version: 2, title: 'Protocollo Lucca – Versilia (v2)' });

      const stale = await http().post('/api/v1/agreements/lucca-versilia-test/activate').set(coordinator).set('If-Match', etag).expect(412);
      expect(stale.body.code).toBe('STALE_VERSION');
      await http().post('/api/v1/agreements/lucca-versilia-test/activate').set(coordinator).set('If-Match', amended.headers.etag).expect(200);
      const activeAgain = await http().post('/api/v1/agreements/lucca-versilia-test/activate').set(coordinator).expect(409);
      expect(activeAgain.body.code).toBe('ILLEGAL_TRANSITION');

      const suspended = await http().post('/api/v1/agreements/lucca-versilia-test/suspend').set(coordinator).send({ reason: 'Rinnovo in corso' }).expect(200);
      expect(suspended.body.status).toBe('suspended');
      const reinstated = await http().post('/api/v1/agreements/lucca-versilia-test/reinstate').set(coordinator).expect(200);
      expect(reinstated.body.status).toBe('active');
      const terminated = await http().post('/api/v1/agreements/lucca-versilia-test/terminate').set(coordinator).expect(200);
      expect(terminated.body).toMatchObject({ status: 'terminated', versions: [{ version: 1 }, { version: 2 }] });
    });

    it('refuses a liaison as author (403) and invalid terms (400), appending nothing', async () => {
      const terms = { ...LUCCA_PROTOCOL_TERMS, title: 'Not allowed' };
      await http().post('/api/v1/agreements').set(await as('liaison.questura.lucca')).send({ agreementId: 'by-a-liaison', terms }).expect(403);
      const invalid = await http()
        .post('/api/v1/agreements')
        .set(await as('coordinator.provincia.lucca'))
        .send({ agreementId: 'Bad Id', terms: { ...terms, validity: { from: 'yesterday' } } })
        .expect(400);
      expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['agreementId', 'terms.validity.from']);
      await http().get('/api/v1/agreements/by-a-liaison').set(await as('coordinator.provincia.lucca')).expect(404);
    });
  });

  it('publishes its OpenAPI document', async () => {
    const response = await http().get('/api/docs-json').expect(200);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/agreements', '/api/v1/agreements/{id}/amend']));
  });
});
