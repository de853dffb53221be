import { DATA_CATEGORIES, DataCategory } from '../catalogue/vocabulary';
import { AgreementTerms, Consent, ProtocolRole } from './agreement.terms';

/** A role without a rule sees nothing: data protection is closed by default. */
export function visibleCategories(agreement: { terms: AgreementTerms }, role: ProtocolRole, consent: Consent): DataCategory[] {
  const rule = agreement.terms.dataSharing.find((candidate) => candidate.role === role);
  if (!rule) return [];
  const visible = new Set<DataCategory>([...rule.always, ...(consent.dataSharing ? rule.withConsent : [])]);
  return DATA_CATEGORIES.filter((category) => visible.has(category));
}

/** An agency sees what any of its roles in the agreement may see; a non-party sees nothing. */
export function visibleCategoriesForAgency(agreement: { terms: AgreementTerms }, agencyId: string, consent: Consent): DataCategory[] {
  const roles = agreement.terms.parties.find((party) => party.agencyId === agencyId)?.roles ?? [];
  const visible = new Set(roles.flatMap((role) => visibleCategories(agreement, role, consent)));
  return DATA_CATEGORIES.filter((category) => visible.has(category));
}
