import { route } from '../agreement/agreement.routing';
import { validateTerms } from '../agreement/agreement.terms';
import { LUCCA_PROTOCOL_TERMS } from './lucca-protocol';

describe('the demo Lucca protocol', () => {
  it('is consistent', () => {
    expect(() => validateTerms(LUCCA_PROTOCOL_TERMS)).not.toThrow();
  });

  it('sends referrals from the province to Ce.I.S. and the rest to the regional hotline', () => {
    const facts = { municipality: 'Viareggio', province: 'LU', exploitationTypes: ['labour' as const], minor: true, urgency: 'urgent' as const };
    expect(route(LUCCA_PROTOCOL_TERMS, facts)).toEqual({ agencyId: 'ceis-lucca', ruleId: 'province-of-lucca' });
    expect(route(LUCCA_PROTOCOL_TERMS, { ...facts, municipality: 'Firenze', province: null })).toEqual({ agencyId: 'numero-verde-toscana', ruleId: null });
  });
});
