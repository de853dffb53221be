import { LUCCA_PROTOCOL_TERMS } from '../demo/lucca-protocol';
import { ValidationFailed } from '../shared/domain-error';
import { lucca } from '../testing/referral.fixtures';
import { AgreementTerms, validateTerms } from './agreement.terms';

function problemsOf(terms: AgreementTerms): string[] {
  try {
    validateTerms(terms);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationFailed);
    return (error as ValidationFailed).details.problems as string[];
  }
}
const obligation = LUCCA_PROTOCOL_TERMS.obligations[0];
const withObligation = (changes: object) => lucca({ obligations: [{ ...obligation, ...changes }] });

describe('validateTerms', () => {
  it('accepts the demo protocol', () => {
    expect(problemsOf(LUCCA_PROTOCOL_TERMS)).toEqual([]);
  });

  it.each([
    ['validity ends before it starts', lucca({ validity: { from: '2026-01-01T00:00:00Z', until: '2025-01-01T00:00:00Z' } })],
    ['validity.from is not an ISO instant', lucca({ validity: { from: '2007' } })],
    ['an agency appears twice among the parties', lucca({}, [LUCCA_PROTOCOL_TERMS.parties[0]])],
    ['no party has the coordinator role', lucca({ parties: LUCCA_PROTOCOL_TERMS.parties.filter((p) => !p.roles.includes('coordinator')) })],
    ['x: unknown agency kind "EMBASSY"', lucca({}, [{ agencyId: 'x', name: 'X', kind: 'EMBASSY' as never, roles: ['referrer'] }])],
    ['x: has no protocol role', lucca({}, [{ agencyId: 'x', name: 'X', kind: 'NGO', roles: [] }])],
    ['two routing rules share an id', lucca({ routing: { rules: [{ id: 'a', match: {}, to: 'ceis-lucca' }, { id: 'a', match: {}, to: 'ceis-lucca' }], fallbackAgencyId: 'ceis-lucca' } })],
    ['routing rule a: unknown exploitation type "organs"', lucca({ routing: { rules: [{ id: 'a', match: { exploitationTypes: ['organs' as never] }, to: 'ceis-lucca' }], fallbackAgencyId: 'ceis-lucca' } })],
    ['obligation acknowledge-routed: "ReferralLost" is not a referral event type', withObligation({ after: 'ReferralLost' })],
    ['obligation acknowledge-routed: "Phoned" is not a referral event type', withObligation({ mustCause: ['Phoned'] })],
    ['obligation acknowledge-routed: names no event that fulfils it', withObligation({ mustCause: [] })],
    ['obligation acknowledge-routed: within "P1M" is not a fixed-length ISO-8601 duration', withObligation({ within: 'P1M' })],
    ['obligation acknowledge-routed: the urgent deadline is longer than the ordinary one', withObligation({ within: 'PT2H', withinIfUrgent: 'PT24H' })],
    ['two obligations share an id', lucca({ obligations: [obligation, obligation] })],
    ['data sharing for health: a category cannot be both always visible and consent-bound', lucca({ dataSharing: [{ role: 'health', always: ['health'], withConsent: ['health'] }] })],
    ['data sharing for health: unknown category "dna"', lucca({ dataSharing: [{ role: 'health', always: ['dna' as never], withConsent: [] }] })],
    ['a protocol role has two data-sharing rules', lucca({ dataSharing: [{ role: 'health', always: [], withConsent: [] }, { role: 'health', always: [], withConsent: [] }] })],
    ['an added indicator reuses an existing code', lucca({ indicators: [{ code: 'deception', label: 'Deceived', source: 'agreement' }] })],
  ])('finds that %s', (problem, terms) => {
    expect(problemsOf(terms)).toContain(problem);
  });
});
