import { AgreementTerms, hasProtocolRole, ProtocolRole } from '../agreement/agreement.terms';
import { Actor, hasRole } from '../shared/actor';
import { ReferralCommandType } from './referral.commands';
import { Referral } from './referral.state';

/**
 * The capacities in which someone acts on a referral. Each pairs a user role (what kind of person) with
 * the agency's place in the referral or the protocol (which agency): a LIAISON speaks for the referrer,
 * a GATEKEEPER for a receiving body or shelter, a COORDINATOR for the protocol.
 */
export type Capacity =
  /** LIAISON of a party with the referrer role: may submit. */
  | 'referring-party'
  /** LIAISON of the agency that submitted this referral. */
  | 'referrer'
  /** GATEKEEPER of the current recipient. */
  | 'recipient'
  /** Whoever holds the case now: the recipient, or the referrer while the referral is returned to it. */
  | 'holder'
  /** GATEKEEPER of the shelter of the latest placement. */
  | 'shelter'
  /** COORDINATOR of a party with the coordinator role in the referral's agreement version. */
  | 'coordinator'
  /** ADMIN of the platform, whatever the agency. */
  | 'admin';

/** "Who does what", from DOMAIN.md, refined. An AUDITOR has no capacity, so acts on nothing. */
export const REFERRAL_PERMISSIONS: { readonly [C in ReferralCommandType]: readonly Capacity[] } = {
  SubmitReferral: ['referring-party'],
  AcknowledgeReferral: ['recipient'],
  AssessReferral: ['recipient'],
  RequestPlacement: ['recipient', 'referrer'],
  DecidePlacement: ['shelter'],
  StartPlacement: ['shelter'],
  EndPlacement: ['shelter'],
  EnrolInProgramme: ['recipient'],
  TransferReferral: ['holder', 'coordinator'],
  RecordConsent: ['referrer', 'recipient'],
  WithdrawConsent: ['referrer', 'recipient'],
  PutReferralOnHold: ['recipient'],
  ResumeReferral: ['recipient'],
  CloseReferral: ['holder'],
  CancelReferral: ['referrer'],
  EraseSubjectData: ['coordinator', 'admin'],
};

/** The capacities `actor` has towards `referral` (null before submission) under `terms`. */
export function capacitiesOf(actor: Actor, referral: Referral | null, terms: AgreementTerms): Set<Capacity> {
  const agency = actor.agencyId;
  const liaison = hasRole(actor, 'LIAISON');
  const gatekeeper = hasRole(actor, 'GATEKEEPER');
  const capacities = new Set<Capacity>();
  const grant = (capacity: Capacity, when: boolean) => when && capacities.add(capacity);

  grant('referring-party', liaison && hasProtocolRole(terms, agency, 'referrer'));
  grant('coordinator', hasRole(actor, 'COORDINATOR') && hasProtocolRole(terms, agency, 'coordinator'));
  grant('admin', hasRole(actor, 'ADMIN'));
  if (referral) {
    grant('referrer', liaison && agency === referral.referrerAgencyId);
    grant('recipient', gatekeeper && agency === referral.recipientAgencyId);
    grant('holder', capacities.has('recipient') || (referral.stage === 'returned' && capacities.has('referrer')));
    grant('shelter', gatekeeper && agency === referral.placement?.shelterAgencyId);
  }
  return capacities;
}

/**
 * Which agencies answer for a protocol role on this referral, for compliance: the referral's own
 * referrer, recipient and shelter for those roles, every party holding the role otherwise.
 */
export function responsibleAgencyIds(role: ProtocolRole, referral: Referral, terms: AgreementTerms): string[] {
  switch (role) {
    case 'referrer':
      return [referral.referrerAgencyId];
    case 'receiving-body':
      return referral.recipientAgencyId ? [referral.recipientAgencyId] : [];
    case 'shelter':
      return referral.placement ? [referral.placement.shelterAgencyId] : [];
    default:
      return terms.parties.filter((party) => party.roles.includes(role)).map((party) => party.agencyId);
  }
}
