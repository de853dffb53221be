import { AgreementTerms, PlacementStatus, ProtocolRole, Referral, ReferralStage, Urgency } from '@app/domain';

/** Protocol roles whose parties act on every referral of the agreement, wherever it is. */
const ROLES_ON_EVERY_REFERRAL: readonly ProtocolRole[] = ['coordinator', 'health', 'police', 'judicial'];

/**
 * The agencies that may know the referral exists, by the rule of the referral API (`placesOf` /
 * `maySeeReferral`): its referrer, its current and past recipients, its latest placement's shelter,
 * and every party whose protocol role acts on every referral. Auditors and admins of the agreement's
 * region are matched on the region column instead.
 */
export function agenciesThatMaySee(referral: Referral, terms: AgreementTerms): string[] {
  const agencies = new Set<string>([referral.referrerAgencyId, ...referral.triedAgencyIds]);
  if (referral.recipientAgencyId) agencies.add(referral.recipientAgencyId);
  if (referral.placement) agencies.add(referral.placement.shelterAgencyId);
  for (const party of terms.parties) {
    if (party.roles.some((role) => ROLES_ON_EVERY_REFERRAL.includes(role))) agencies.add(party.agencyId);
  }
  return [...agencies].sort();
}

/** Who must act next: the recipient; the referrer while the referral is returned; nobody once it ended. */
export function holderOf(referral: Referral): string | null {
  switch (referral.stage) {
    case 'returned':
      return referral.referrerAgencyId;
    case 'closed':
    case 'cancelled':
      return null;
    default:
      return referral.recipientAgencyId;
  }
}

/** One row of `rm_referral_cases`, as the upsert sends it (JSON: timestamps as ISO text). */
export interface ReferralCaseRow {
  referral_id: string;
  agreement_id: string;
  agreement_version: number;
  region: string;
  status: ReferralStage;
  on_hold: boolean;
  urgency: Urgency;
  minor: boolean;
  referrer_agency_id: string;
  holder_agency_id: string | null;
  shelter_agency_id: string | null;
  placement_status: PlacementStatus | null;
  visible_to: string[];
  submitted_at: string;
  updated_at: string;
  version: number;
  state: Referral;
}

/** `version` is the referral API's: the stream revision of its last event + 1. */
export function referralCaseRow(referral: Referral, version: number, terms: AgreementTerms): ReferralCaseRow {
  return {
    referral_id: referral.referralId,
    agreement_id: referral.agreementId,
    agreement_version: referral.agreementVersion,
    region: terms.territory.region,
    status: referral.stage,
    on_hold: referral.onHold,
    urgency: referral.urgency,
    minor: referral.subject.minor,
    referrer_agency_id: referral.referrerAgencyId,
    holder_agency_id: holderOf(referral),
    shelter_agency_id: referral.placement?.shelterAgencyId ?? null,
    placement_status: referral.placement?.status ?? null,
    visible_to: agenciesThatMaySee(referral, terms),
    submitted_at: referral.submittedAt,
    updated_at: referral.updatedAt,
    version,
    state: referral,
  };
}
