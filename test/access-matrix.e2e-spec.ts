import { randomUUID } from 'node:crypto';
import { DEMO_USERS } from '@app/directory';
import { EventStore } from '@app/event-store';
import { EVENT_STORE } from '@app/platform';
import { useEmbeddedSuite } from './support/embedded-suite';

const NAME = 'Quirinella';

/** Every route that reads or acts on one referral, with a body the validation accepts. */
const ROUTES: readonly { method: 'get' | 'post' | 'delete'; path: string; body?: object }[] = [
  { method: 'get', path: '' },
  { method: 'get', path: '/history' },
  { method: 'get', path: '/state?at=2030-01-01T00:00:00Z' },
  { method: 'get', path: '/history/export?format=csv' },
  { method: 'post', path: '/acknowledge' },
  { method: 'post', path: '/assessment', body: { indicatorsConfirmed: true } },
  { method: 'post', path: '/placement-request', body: {} },
  { method: 'post', path: '/placement-decision', body: { decision: 'accepted' } },
  { method: 'post', path: '/placement-start' },
  { method: 'post', path: '/placement-end' },
  { method: 'post', path: '/programme', body: { type: 'art-18-social' } },
  { method: 'post', path: '/transfer', body: { toAgencyId: 'numero-verde-toscana', reason: 'capacity' } },
  { method: 'post', path: '/consent', body: { dataSharing: false } },
  { method: 'post', path: '/hold' },
  { method: 'post', path: '/resume' },
  { method: 'post', path: '/close', body: { outcome: 'lost-contact' } },
  { method: 'post', path: '/cancel' },
  { method: 'delete', path: '/subject' },
];

/**
 * The access matrix over every demo account: for a Lucca referral and a Lazio one, each account is
 * either party to it (by its agency's place in the referral or protocol role, or as auditor/admin of
 * the region) or it learns nothing — every route answers 404, exactly as for a referral that does not
 * exist, and nothing is appended.
 */
describe('access matrix: every demo account against a referral it is or is not party to', () => {
  const suite = useEmbeddedSuite('matrix');
  const { http, as } = suite;

  async function submit(username: string, agreementId: string, municipality: string): Promise<string> {
    const response = await http()
      .post('/api/v1/referrals')
      .set(await as(username))
      .set('Idempotency-Key', randomUUID())
      .send({
        agreementId,
        subject: { firstName: NAME, lastName: 'Matrice', birthYear: 2001, nationality: 'AL', gender: 'female', minor: false },
        exploitationTypes: ['labour'],
        indicators: ['withholding-of-wages'],
        urgency: 'ordinary',
        consent: { dataSharing: true },
        municipality,
      })
      .expect(201);
    return response.body.id as string;
  }

  const cases = [
    {
      agreement: 'lucca-2007',
      referrer: 'liaison.questura.lucca',
      municipality: 'Viareggio',
      // Referrer, health parties, recipient, the protocol's coordinator, auditor and admin of Tuscany.
      parties: ['liaison.questura.lucca', 'liaison.usl.versilia', 'gatekeeper.ceis.lucca', 'coordinator.provincia.lucca', 'auditor.regione.toscana', 'admin.regione.toscana'],
    },
    {
      agreement: 'lazio-piano-antitratta',
      referrer: 'liaison.questura.roma',
      municipality: 'Roma',
      // Referrer, health party, recipient, and Regione Lazio (the coordinating party) in both its roles.
      parties: ['liaison.questura.roma', 'liaison.asl.roma1', 'gatekeeper.ponteaperto.roma', 'coordinator.regione.lazio', 'auditor.regione.lazio'],
    },
  ];

  it.each(cases)('$agreement: parties see the referral, every other demo account gets 404 on every route', async ({ agreement, referrer, municipality, parties }) => {
    const id = await submit(referrer, agreement, municipality);
    const streamBefore = await suite.app().get<EventStore>(EVENT_STORE).readStream(`referral-${id}`);

    for (const username of parties) {
      await http().get(`/api/v1/referrals/${id}`).set(await as(username)).expect(200);
      await http().get(`/api/v1/referrals/${id}/history`).set(await as(username)).expect(200);
    }
    const outsiders = DEMO_USERS.map((user) => user.username).filter((username) => !parties.includes(username));
    expect(outsiders.length).toBeGreaterThanOrEqual(8);
    for (const username of outsiders) {
      for (const route of ROUTES) {
        const call = http()[route.method](`/api/v1/referrals/${id}${route.path}`).set(await as(username));
        const response = await (route.body ? call.send(route.body) : call);
        expect({ username, route: `${route.method} ${route.path}`, status: response.status }).toEqual({
          username,
          route: `${route.method} ${route.path}`,
          status: 404,
        });
        expect(response.body.detail).toBe('No such referral');
        expect(JSON.stringify(response.body)).not.toContain(NAME);
      }
    }
    const streamAfter = await suite.app().get<EventStore>(EVENT_STORE).readStream(`referral-${id}`);
    expect(streamAfter.map((event) => event.id)).toEqual(streamBefore.map((event) => event.id));
  });
});
