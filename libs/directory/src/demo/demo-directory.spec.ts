import { AGENCY_KINDS, LUCCA_PROTOCOL_TERMS, route, USER_ROLES, validateTerms } from '@app/domain';
import { validateNewAgency, validateRoles, validateUsername } from '../directory.validation';
import { DEMO_AGENCIES } from './demo-agencies';
import { DEMO_USERS, demoUserId } from './demo-users';
import { DEMO_LAZIO_AGREEMENT } from './lazio-agreement';

const agency = (id: string) => DEMO_AGENCIES.find((candidate) => candidate.id === id);
const user = (username: string) => DEMO_USERS.find((candidate) => candidate.username === username);

describe('the demo directory', () => {
  it('has valid agencies with distinct ids', () => {
    for (const demo of DEMO_AGENCIES) expect(() => validateNewAgency(demo)).not.toThrow();
    expect(new Set(DEMO_AGENCIES.map((demo) => demo.id)).size).toBe(DEMO_AGENCIES.length);
    for (const demo of DEMO_AGENCIES) expect(AGENCY_KINDS).toContain(demo.kind);
  });

  it('has valid users with distinct usernames and ids, each in an agency that exists', () => {
    for (const demo of DEMO_USERS) {
      expect(validateUsername(demo.username)).toBe(demo.username);
      expect(validateRoles(demo.roles)).toEqual([...demo.roles]);
      expect(agency(demo.agencyId)).toBeDefined();
      expect(demo.id).toBe(demoUserId(demo.username));
      expect(demo.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(new Set(DEMO_USERS.map((demo) => demo.username)).size).toBe(DEMO_USERS.length);
    expect(new Set(DEMO_USERS.map((demo) => demo.id)).size).toBe(DEMO_USERS.length);
  });

  it.each([
    ['liaison.questura.lucca', 'LIAISON', 'questura-lucca'],
    ['liaison.comune.viareggio', 'LIAISON', 'comune-viareggio'],
    ['gatekeeper.ceis.lucca', 'GATEKEEPER', 'ceis-lucca'],
    ['coordinator.provincia.lucca', 'COORDINATOR', 'provincia-lucca'],
    ['auditor.regione.toscana', 'AUDITOR', 'regione-toscana'],
    ['liaison.questura.roma', 'LIAISON', 'questura-roma'],
  ])('has %s, a %s of %s', (username, role, agencyId) => {
    expect(user(username)).toMatchObject({ roles: [role], agencyId });
  });

  it('has someone in every role', () => {
    for (const role of USER_ROLES) expect(DEMO_USERS.some((demo) => demo.roles.includes(role))).toBe(true);
  });

  it("has every party of the domain's Lucca protocol, with the same id and kind", () => {
    for (const party of LUCCA_PROTOCOL_TERMS.parties) expect(agency(party.agencyId)).toMatchObject({ id: party.agencyId, kind: party.kind });
    expect(agency(LUCCA_PROTOCOL_TERMS.routing.fallbackAgencyId)).toBeDefined();
    for (const rule of LUCCA_PROTOCOL_TERMS.routing.rules) expect(agency(rule.to)).toBeDefined();
  });

  it('makes the Lucca coordinator coordinate the Lucca protocol, and the Tuscan auditor audit Tuscany', () => {
    const coordinator = user('coordinator.provincia.lucca')!;
    expect(LUCCA_PROTOCOL_TERMS.parties.find((party) => party.agencyId === coordinator.agencyId)?.roles).toContain('coordinator');
    expect(agency(user('auditor.regione.toscana')!.agencyId)).toMatchObject({ kind: 'REGIONE', territory: { region: 'Toscana', province: null } });
  });

  it('gives a shelter its capacity', () => {
    expect(agency('ceis-lucca')?.services).toContainEqual(expect.objectContaining({ kind: 'shelter', capacity: expect.any(Number) }));
  });
});

describe('the demo Lazio agreement', () => {
  it('is consistent', () => {
    expect(() => validateTerms(DEMO_LAZIO_AGREEMENT)).not.toThrow();
  });

  it('has parties that are demo agencies, with the same kinds', () => {
    for (const party of DEMO_LAZIO_AGREEMENT.parties) expect(agency(party.agencyId)).toMatchObject({ kind: party.kind, name: party.name });
  });

  it('has the Questura di Roma as a referrer, and it is party to no Lucca agreement', () => {
    const roma = user('liaison.questura.roma')!;
    expect(DEMO_LAZIO_AGREEMENT.parties.find((party) => party.agencyId === roma.agencyId)?.roles).toContain('referrer');
    expect(LUCCA_PROTOCOL_TERMS.parties.some((party) => party.agencyId === roma.agencyId)).toBe(false);
  });

  it('has Regione Lazio as its coordinator', () => {
    expect(DEMO_LAZIO_AGREEMENT.parties.find((party) => party.agencyId === 'regione-lazio')?.roles).toContain('coordinator');
    expect(user('coordinator.regione.lazio')).toMatchObject({ agencyId: 'regione-lazio', roles: ['COORDINATOR'] });
  });

  it('routes Rome to the NGO, Agro Pontino labour too, and the rest to the national hotline', () => {
    const facts = { municipality: 'Roma', province: 'RM', exploitationTypes: ['sexual' as const], minor: false, urgency: 'ordinary' as const };
    expect(route(DEMO_LAZIO_AGREEMENT, facts)).toEqual({ agencyId: 'ponte-aperto-roma', ruleId: 'province-of-rome' });
    expect(route(DEMO_LAZIO_AGREEMENT, { ...facts, municipality: 'Sabaudia', province: 'LT', exploitationTypes: ['labour'] })).toEqual({
      agencyId: 'ponte-aperto-roma',
      ruleId: 'agro-pontino-labour',
    });
    expect(route(DEMO_LAZIO_AGREEMENT, { ...facts, municipality: 'Sabaudia', province: 'LT' })).toEqual({ agencyId: 'numero-verde-nazionale', ruleId: null });
  });
});
