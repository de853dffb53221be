import { ExploitationType, Urgency } from '../catalogue/vocabulary';
import { DomainCommand } from '../shared/decider';
import { SubjectProfile } from './referral.events';
import { ClosureOutcome, PlacementDeclineReason, PlacementDecision, ProgrammeType, TransferReason } from './referral.vocabulary';

/**
 * The caller has already stored the subject's personal data in an encrypted record and passes its
 * reference (`subject.ref`) with the non-identifying attributes; personal data never reaches the domain.
 */
export type SubmitReferral = DomainCommand<
  'SubmitReferral',
  {
    referralId: string;
    agreementId: string;
    subject: SubjectProfile;
    exploitationTypes: readonly ExploitationType[];
    indicators: readonly string[];
    urgency: Urgency;
    consent: { dataSharing: boolean };
    municipality?: string | null;
    at: string;
  }
>;
export type AcknowledgeReferral = DomainCommand<'AcknowledgeReferral', { at: string }>;
export type AssessReferral = DomainCommand<'AssessReferral', { indicatorsConfirmed: boolean; notesRef?: string | null; at: string }>;
/** Without `shelterAgencyId`: the recipient if it runs a shelter, else the agreement's only shelter. */
export type RequestPlacement = DomainCommand<'RequestPlacement', { shelterAgencyId?: string | null; at: string }>;
export type DecidePlacement = DomainCommand<
  'DecidePlacement',
  { decision: PlacementDecision; reason?: PlacementDeclineReason | null; at: string }
>;
export type StartPlacement = DomainCommand<'StartPlacement', { at: string }>;
export type EndPlacement = DomainCommand<'EndPlacement', { at: string }>;
export type EnrolInProgramme = DomainCommand<'EnrolInProgramme', { programme: ProgrammeType; at: string }>;
export type TransferReferral = DomainCommand<'TransferReferral', { toAgencyId: string; reason: TransferReason; at: string }>;
export type RecordConsent = DomainCommand<'RecordConsent', { at: string }>;
export type WithdrawConsent = DomainCommand<'WithdrawConsent', { at: string }>;
export type PutReferralOnHold = DomainCommand<'PutReferralOnHold', { at: string }>;
export type ResumeReferral = DomainCommand<'ResumeReferral', { at: string }>;
export type CloseReferral = DomainCommand<'CloseReferral', { outcome: ClosureOutcome; at: string }>;
export type CancelReferral = DomainCommand<'CancelReferral', { at: string }>;
export type EraseSubjectData = DomainCommand<'EraseSubjectData', { at: string }>;

export type ReferralCommand =
  | SubmitReferral
  | AcknowledgeReferral
  | AssessReferral
  | RequestPlacement
  | DecidePlacement
  | StartPlacement
  | EndPlacement
  | EnrolInProgramme
  | TransferReferral
  | RecordConsent
  | WithdrawConsent
  | PutReferralOnHold
  | ResumeReferral
  | CloseReferral
  | CancelReferral
  | EraseSubjectData;
export type ReferralCommandType = ReferralCommand['type'];
