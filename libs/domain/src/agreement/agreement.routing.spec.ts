import { LUCCA_PROTOCOL_TERMS } from '../demo/lucca-protocol';
import { CASA_VERSILIA, lucca } from '../testing/referral.fixtures';
import { locate, matches, route, RoutingFacts, routingCandidates } from './agreement.routing';
import { AgreementTerms } from './agreement.terms';

const facts = (changes: Partial<RoutingFacts> = {}): RoutingFacts => ({
  municipality: 'Viareggio',
  province: 'LU',
  exploitationTypes: ['sexual'],
  minor: false,
  urgency: 'ordinary',
  ...changes,
});
const hotline = { agencyId: 'numero-verde-toscana', ruleId: null };
const terms: AgreementTerms = lucca(
  {
    routing: {
      rules: [
        { id: 'minors', match: { minor: true }, to: 'numero-verde-toscana' },
        { id: 'urgent-versilia', match: { municipalities: ['Viareggio', 'Camaiore'], urgency: 'urgent' }, to: 'casa-versilia' },
        { id: 'labour-or-begging', match: { exploitationTypes: ['labour', 'begging'], provinces: ['LU'] }, to: 'casa-versilia' },
        { id: 'province', match: { provinces: ['LU'] }, to: 'ceis-lucca' },
      ],
      fallbackAgencyId: 'numero-verde-toscana',
    },
  },
  [CASA_VERSILIA],
);

describe('locate', () => {
  it('finds the province and the spelling of a municipality, ignoring case, accents and spacing', () => {
    expect(locate(LUCCA_PROTOCOL_TERMS.territory, ' forte  DEI marmi')).toEqual({ municipality: 'Forte dei Marmi', province: 'LU' });
    expect(locate(lucca({ territory: { region: 'Toscana', provinces: [{ code: 'LU', name: 'Lucca', municipalities: ['Forlì'] }] } }).territory, 'forli')).toEqual({
      municipality: 'Forlì',
      province: 'LU',
    });
  });

  it('knows no province outside the territory, and nothing without a municipality', () => {
    expect(locate(LUCCA_PROTOCOL_TERMS.territory, 'Firenze ')).toEqual({ municipality: 'Firenze', province: null });
    expect(locate(LUCCA_PROTOCOL_TERMS.territory, null)).toEqual({ municipality: null, province: null });
    expect(locate(LUCCA_PROTOCOL_TERMS.territory, '  ')).toEqual({ municipality: null, province: null });
  });
});

describe('matches', () => {
  it('matches on every field present, and anything on fields absent', () => {
    expect(matches({}, facts())).toBe(true);
    expect(matches({ municipalities: ['viareggio'] }, facts())).toBe(true);
    expect(matches({ municipalities: ['Lucca'] }, facts())).toBe(false);
    expect(matches({ municipalities: ['Lucca'] }, facts({ municipality: null }))).toBe(false);
    expect(matches({ provinces: ['MS'] }, facts())).toBe(false);
    expect(matches({ provinces: ['LU'] }, facts({ province: null }))).toBe(false);
    expect(matches({ exploitationTypes: ['labour'] }, facts({ exploitationTypes: ['sexual', 'labour'] }))).toBe(true);
    expect(matches({ exploitationTypes: ['labour'] }, facts())).toBe(false);
    expect(matches({ minor: true }, facts())).toBe(false);
    expect(matches({ minor: false, urgency: 'ordinary' }, facts())).toBe(true);
    expect(matches({ minor: false, urgency: 'urgent' }, facts())).toBe(false);
  });
});

describe('route', () => {
  it('takes the first matching rule', () => {
    expect(route(terms, facts({ minor: true, urgency: 'urgent' }))).toEqual({ agencyId: 'numero-verde-toscana', ruleId: 'minors' });
    expect(route(terms, facts({ urgency: 'urgent' }))).toEqual({ agencyId: 'casa-versilia', ruleId: 'urgent-versilia' });
    expect(route(terms, facts({ exploitationTypes: ['begging'] }))).toEqual({ agencyId: 'casa-versilia', ruleId: 'labour-or-begging' });
    expect(route(terms, facts())).toEqual({ agencyId: 'ceis-lucca', ruleId: 'province' });
  });

  it('falls back when no rule matches', () => {
    expect(route(terms, facts({ municipality: 'Firenze', province: null }))).toEqual(hotline);
  });

  it('lists candidates in order, each agency once, the fallback last', () => {
    expect(routingCandidates(terms, facts({ urgency: 'urgent', exploitationTypes: ['labour'] }))).toEqual([
      { agencyId: 'casa-versilia', ruleId: 'urgent-versilia' },
      { agencyId: 'ceis-lucca', ruleId: 'province' },
      hotline,
    ]);
  });

  it('after a decline, picks the next candidate not yet tried, then nobody', () => {
    const urgent = facts({ urgency: 'urgent' });
    expect(route(terms, urgent, ['casa-versilia'])).toEqual({ agencyId: 'ceis-lucca', ruleId: 'province' });
    expect(route(terms, urgent, ['casa-versilia', 'ceis-lucca'])).toEqual(hotline);
    expect(route(terms, urgent, ['casa-versilia', 'ceis-lucca', 'numero-verde-toscana'])).toBeNull();
  });
});
