import { AgreementTerms, DataCategory, ProtocolRole, Referral, visibleCategories } from '@app/domain';
import { PersonalDataReadResult, revealCategories, RevealedPersonalData } from '@app/personal-data';
import { AuthenticatedUser, isOverseer } from '../auth/authenticated-user';

/** The places an agency can hold in one referral, each a protocol role for data sharing. */
export function placesOf(referral: Referral, terms: AgreementTerms, agencyId: string): ProtocolRole[] {
  const places = new Set<ProtocolRole>();
  if (referral.referrerAgencyId === agencyId) places.add('referrer');
  if (referral.recipientAgencyId === agencyId || referral.triedAgencyIds.includes(agencyId)) places.add('receiving-body');
  if (referral.placement?.shelterAgencyId === agencyId) places.add('shelter');
  // Parties that hold no place in the referral but a protocol role that acts on every referral.
  for (const role of terms.parties.find((party) => party.agencyId === agencyId)?.roles ?? []) {
    if (role === 'coordinator' || role === 'health' || role === 'police' || role === 'judicial') places.add(role);
  }
  return [...places];
}

/**
 * Whether the user may know the referral exists: its agency is party to it (referrer, current or past
 * recipient, shelter, or a party whose protocol role acts on every referral of the agreement), or the
 * user is an AUDITOR or ADMIN of an agency in the region the agreement covers (`userRegion`, from
 * the directory). Nobody else learns that a referral exists.
 */
export function maySeeReferral(user: AuthenticatedUser, referral: Referral, terms: AgreementTerms, userRegion: string | null): boolean {
  if (placesOf(referral, terms, user.agencyId).length > 0) return true;
  const overseer = isOverseer(user);
  return overseer && userRegion !== null && userRegion === terms.territory.region;
}

/** The categories of personal data the user may see: its places' rules, with the subject's consent. */
export function categoriesFor(user: AuthenticatedUser, referral: Referral, terms: AgreementTerms): DataCategory[] {
  const visible = new Set<DataCategory>();
  for (const place of placesOf(referral, terms, user.agencyId)) {
    for (const category of visibleCategories({ terms }, place, referral.consent)) visible.add(category);
  }
  return [...visible];
}

export interface ReferralView {
  id: string;
  status: Referral['stage'];
  onHold: boolean;
  agreement: { id: string; version: number };
  referrer: { agencyId: string; name: string };
  routedTo: { agencyId: string; name: string } | null;
  urgency: Referral['urgency'];
  exploitationTypes: Referral['exploitationTypes'];
  indicators: Referral['indicators'];
  indicatorsConfirmed: boolean | null;
  municipality: string | null;
  consent: Referral['consent'];
  placement: Referral['placement'];
  programmes: Referral['programmes'];
  outcome: Referral['outcome'];
  subject: {
    minor: boolean;
    gender: string;
    nationalityCategory: string;
    /** `present`: the categories this caller may see; `erased`: the data was destroyed; `unavailable`: not stored. */
    personalData: { status: 'present'; categories: DataCategory[]; data: RevealedPersonalData } | { status: 'erased' } | { status: 'unavailable' };
  };
  submittedAt: string;
  updatedAt: string;
  version: number;
}

/** What a submission answers: where the referral stands and with whom. */
export type ReferralSummary = Pick<ReferralView, 'id' | 'status' | 'routedTo' | 'version'>;

/** A party by its name in the agreement's terms (its id when the terms do not name it). */
const partyOf = (terms: AgreementTerms, agencyId: string) => ({
  agencyId,
  name: terms.parties.find((party) => party.agencyId === agencyId)?.name ?? agencyId,
});

export function referralSummary(referral: Referral, version: number, terms: AgreementTerms): ReferralSummary {
  return {
    id: referral.referralId,
    status: referral.stage,
    routedTo: referral.recipientAgencyId ? partyOf(terms, referral.recipientAgencyId) : null,
    version,
  };
}

export function referralView(
  referral: Referral,
  version: number,
  terms: AgreementTerms,
  user: AuthenticatedUser,
  personalData: PersonalDataReadResult,
): ReferralView {
  const categories = categoriesFor(user, referral, terms);
  const erased = referral.subject.erased || personalData.status === 'erased';
  return {
    id: referral.referralId,
    status: referral.stage,
    onHold: referral.onHold,
    agreement: { id: referral.agreementId, version: referral.agreementVersion },
    referrer: partyOf(terms, referral.referrerAgencyId),
    routedTo: referral.recipientAgencyId ? partyOf(terms, referral.recipientAgencyId) : null,
    urgency: referral.urgency,
    exploitationTypes: referral.exploitationTypes,
    indicators: referral.indicators,
    indicatorsConfirmed: referral.indicatorsConfirmed,
    municipality: referral.municipality ?? null,
    consent: referral.consent,
    placement: referral.placement,
    programmes: referral.programmes,
    outcome: referral.outcome,
    subject: {
      minor: referral.subject.minor,
      gender: referral.subject.gender,
      nationalityCategory: referral.subject.nationalityCategory,
      personalData: erased
        ? { status: 'erased' }
        : personalData.status === 'present'
          ? { status: 'present', categories, data: revealCategories(personalData.record, categories) }
          : { status: 'unavailable' },
    },
    submittedAt: referral.submittedAt,
    updatedAt: referral.updatedAt,
    version,
  };
}
