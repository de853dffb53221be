import { ExploitationType, Urgency } from '../catalogue/vocabulary';
import { ReferralEvent, SubjectProfile } from './referral.events';
import { ClosureOutcome, ProgrammeType } from './referral.vocabulary';

/**
 * Where the referral stands with its current holder. Assessment, placement, programmes, hold and
 * consent are tracked beside the stage because they outlive a change of recipient: identification is a
 * fact about the person, not about the agency that made it.
 */
export type ReferralStage =
  /** Submitted, routed or transferred to a recipient that has not acknowledged it yet. */
  | 'routed'
  /** Every candidate declined it: back with its referrer, who may transfer or close it. */
  | 'returned'
  | 'acknowledged'
  | 'closed'
  | 'cancelled';

export type PlacementStatus = 'requested' | 'accepted' | 'declined' | 'started' | 'ended';

export interface Placement {
  no: number;
  shelterAgencyId: string;
  status: PlacementStatus;
}

export interface Referral {
  stage: ReferralStage;
  referralId: string;
  agreementId: string;
  agreementVersion: number;
  referrerAgencyId: string;
  recipientAgencyId: string | null;
  /** Every agency the referral has been routed or transferred to, so re-routing does not go round in circles. */
  triedAgencyIds: readonly string[];
  everAcknowledged: boolean;
  subject: SubjectProfile & { erased: boolean };
  exploitationTypes: readonly ExploitationType[];
  indicators: readonly string[];
  urgency: Urgency;
  municipality: string | null;
  province: string | null;
  consent: { dataSharing: boolean };
  /** null until assessed; the latest assessment wins. */
  indicatorsConfirmed: boolean | null;
  /** The latest placement; earlier ones are in the history. */
  placement: Placement | null;
  programmes: readonly ProgrammeType[];
  onHold: boolean;
  outcome: ClosureOutcome | null;
  submittedAt: string;
  updatedAt: string;
}

export type ReferralState = { stage: 'none' } | Referral;

export const initialReferralState = (): ReferralState => ({ stage: 'none' });

export const OPEN_PLACEMENT: readonly PlacementStatus[] = ['requested', 'accepted', 'started'];

export const hasOpenPlacement = (referral: Referral): boolean =>
  referral.placement !== null && OPEN_PLACEMENT.includes(referral.placement.status);

export const isEnded = (referral: Referral): boolean => referral.stage === 'closed' || referral.stage === 'cancelled';

export function evolveReferral(state: ReferralState, event: ReferralEvent): ReferralState {
  if (event.type === 'ReferralSubmitted') {
    const { data } = event;
    return {
      stage: 'routed',
      referralId: data.referralId,
      agreementId: data.agreementId,
      agreementVersion: data.agreementVersion,
      referrerAgencyId: data.referrerAgencyId,
      recipientAgencyId: null,
      triedAgencyIds: [],
      everAcknowledged: false,
      subject: { ...data.subject, erased: false },
      exploitationTypes: data.exploitationTypes,
      indicators: data.indicators,
      urgency: data.urgency,
      municipality: data.municipality,
      province: data.province,
      consent: data.consent,
      indicatorsConfirmed: null,
      placement: null,
      programmes: [],
      onHold: false,
      outcome: null,
      submittedAt: data.at,
      updatedAt: data.at,
    };
  }
  if (state.stage === 'none') return state;
  const referral: Referral = { ...state, updatedAt: event.data.at };
  const placement = (status: PlacementStatus): Placement | null => referral.placement && { ...referral.placement, status };

  switch (event.type) {
    case 'ReferralRouted':
    case 'ReferralTransferred':
      return {
        ...referral,
        stage: 'routed',
        recipientAgencyId: event.data.toAgencyId,
        triedAgencyIds: [...referral.triedAgencyIds, event.data.toAgencyId],
      };
    case 'ReferralReturnedToReferrer':
      return { ...referral, stage: 'returned', recipientAgencyId: null };
    case 'ReferralAcknowledged':
      return { ...referral, stage: 'acknowledged', everAcknowledged: true };
    case 'ReferralAssessed':
      return { ...referral, indicatorsConfirmed: event.data.indicatorsConfirmed };
    case 'PlacementRequested':
      return { ...referral, placement: { no: event.data.placementNo, shelterAgencyId: event.data.shelterAgencyId, status: 'requested' } };
    case 'PlacementAccepted':
      return { ...referral, placement: placement('accepted') };
    case 'PlacementDeclined':
      return { ...referral, placement: placement('declined') };
    case 'PlacementStarted':
      return { ...referral, placement: placement('started') };
    case 'PlacementEnded':
      return { ...referral, placement: placement('ended') };
    case 'ProgrammeEnrolled':
      return { ...referral, programmes: [...referral.programmes, event.data.programme] };
    case 'ConsentRecorded':
      return { ...referral, consent: { dataSharing: true } };
    case 'ConsentWithdrawn':
      return { ...referral, consent: { dataSharing: false } };
    case 'ReferralPutOnHold':
      return { ...referral, onHold: true };
    case 'ReferralResumed':
      return { ...referral, onHold: false };
    case 'ReferralClosed':
      return { ...referral, stage: 'closed', onHold: false, outcome: event.data.outcome };
    case 'ReferralCancelled':
      return { ...referral, stage: 'cancelled' };
    case 'SubjectDataErased':
      return { ...referral, subject: { ...referral.subject, erased: true } };
  }
}
