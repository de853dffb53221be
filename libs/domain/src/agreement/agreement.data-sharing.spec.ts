import { LUCCA_PROTOCOL_TERMS } from '../demo/lucca-protocol';
import { LUCCA_V1 } from '../testing/referral.fixtures';
import { visibleCategories, visibleCategoriesForAgency } from './agreement.data-sharing';

const given = { dataSharing: true };
const refused = { dataSharing: false };

describe('visibleCategories', () => {
  it('shows a role its always-visible categories, and the consent-bound ones only with consent', () => {
    expect(visibleCategories(LUCCA_V1, 'receiving-body', refused)).toEqual(['identity', 'contact', 'exploitation-narrative']);
    expect(visibleCategories(LUCCA_V1, 'receiving-body', given)).toEqual(['identity', 'contact', 'health', 'legal-status', 'exploitation-narrative']);
    expect(visibleCategories(LUCCA_V1, 'police', refused)).toEqual([]);
    expect(visibleCategories(LUCCA_V1, 'police', given)).toEqual(['identity', 'legal-status', 'exploitation-narrative']);
    expect(visibleCategories(LUCCA_V1, 'health', given)).toEqual(['identity', 'health']);
  });

  it('shows nothing to a role the agreement has no rule for', () => {
    expect(visibleCategories(LUCCA_V1, 'coordinator', given)).toEqual([]);
    expect(visibleCategories(LUCCA_V1, 'judicial', given)).toEqual([]);
  });

  it('follows the version it is given', () => {
    const v2 = { terms: { ...LUCCA_PROTOCOL_TERMS, dataSharing: [{ role: 'police' as const, always: ['legal-status' as const], withConsent: [] }] } };
    expect(visibleCategories(v2, 'police', refused)).toEqual(['legal-status']);
    expect(visibleCategories(LUCCA_V1, 'police', refused)).toEqual([]);
  });
});

describe('visibleCategoriesForAgency', () => {
  it('joins what all of an agency’s roles may see', () => {
    expect(visibleCategoriesForAgency(LUCCA_V1, 'ceis-lucca', refused)).toEqual(['identity', 'contact', 'exploitation-narrative']);
    expect(visibleCategoriesForAgency(LUCCA_V1, 'questura-lucca', given)).toEqual(['identity', 'contact', 'legal-status', 'exploitation-narrative']);
    expect(visibleCategoriesForAgency(LUCCA_V1, 'usl-2-lucca', refused)).toEqual(['identity', 'contact']);
  });

  it('shows nothing to an agency outside the agreement', () => {
    expect(visibleCategoriesForAgency(LUCCA_V1, 'questura-milano', given)).toEqual([]);
  });
});
