import { ExploitationType, Gender, NationalityCategory, Urgency } from '../catalogue/vocabulary';
import { By } from '../shared/actor';
import { DomainEvent } from '../shared/decider';
import { createUpcaster, toStored, UpcastSteps } from '../shared/upcasting';
import { ClosureOutcome, PlacementDeclineReason, ProgrammeType, TransferReason } from './referral.vocabulary';

/**
 * What events may say about the person: a reference to the encrypted subject record and attributes
 * that do not identify anyone. Names, birth year, nationality and narratives stay in the record, so
 * that erasing its key erases them while history still replays.
 */
export interface SubjectProfile {
  ref: string;
  minor: boolean;
  gender: Gender;
  nationalityCategory: NationalityCategory;
}

interface Base {
  referralId: string;
  at: string;
  by: By;
}

export type ReferralSubmitted = DomainEvent<
  'ReferralSubmitted',
  Base & {
    agreementId: string;
    /** The version the referral is judged against for the rest of its life, whatever amendments follow. */
    agreementVersion: number;
    referrerAgencyId: string;
    subject: SubjectProfile;
    exploitationTypes: ExploitationType[];
    indicators: string[];
    urgency: Urgency;
    consent: { dataSharing: boolean };
    municipality: string | null;
    province: string | null;
  }
>;
/** `ruleId` null: no rule matched and the agreement's fallback party received it. */
export type ReferralRouted = DomainEvent<
  'ReferralRouted',
  Base & { toAgencyId: string; ruleId: string | null; cause: 'submission' | 'placement-declined' }
>;
export type ReferralReturnedToReferrer = DomainEvent<'ReferralReturnedToReferrer', Base & { referrerAgencyId: string }>;
export type ReferralAcknowledged = DomainEvent<'ReferralAcknowledged', Base & { agencyId: string }>;
/** `notesRef` points into the encrypted subject record: interview notes are an exploitation narrative. */
export type ReferralAssessed = DomainEvent<'ReferralAssessed', Base & { indicatorsConfirmed: boolean; notesRef: string | null }>;
export type PlacementRequested = DomainEvent<'PlacementRequested', Base & { placementNo: number; shelterAgencyId: string }>;
export type PlacementAccepted = DomainEvent<'PlacementAccepted', Base & { placementNo: number; shelterAgencyId: string }>;
export type PlacementDeclined = DomainEvent<
  'PlacementDeclined',
  Base & { placementNo: number; shelterAgencyId: string; reason: PlacementDeclineReason }
>;
export type PlacementStarted = DomainEvent<'PlacementStarted', Base & { placementNo: number; shelterAgencyId: string }>;
export type PlacementEnded = DomainEvent<'PlacementEnded', Base & { placementNo: number; shelterAgencyId: string }>;
export type ProgrammeEnrolled = DomainEvent<'ProgrammeEnrolled', Base & { programme: ProgrammeType }>;
/** `fromAgencyId` null: the referral had been returned to its referrer. */
export type ReferralTransferred = DomainEvent<
  'ReferralTransferred',
  Base & { fromAgencyId: string | null; toAgencyId: string; reason: TransferReason }
>;
export type ConsentRecorded = DomainEvent<'ConsentRecorded', Base>;
export type ConsentWithdrawn = DomainEvent<'ConsentWithdrawn', Base>;
export type ReferralPutOnHold = DomainEvent<'ReferralPutOnHold', Base>;
export type ReferralResumed = DomainEvent<'ReferralResumed', Base>;
export type ReferralClosed = DomainEvent<'ReferralClosed', Base & { outcome: ClosureOutcome }>;
export type ReferralCancelled = DomainEvent<'ReferralCancelled', Base>;
/** The fact of erasure; the erasing itself (destroying the subject's key) is the caller's job. */
export type SubjectDataErased = DomainEvent<'SubjectDataErased', Base & { subjectRef: string }>;

export type ReferralEvent =
  | ReferralSubmitted
  | ReferralRouted
  | ReferralReturnedToReferrer
  | ReferralAcknowledged
  | ReferralAssessed
  | PlacementRequested
  | PlacementAccepted
  | PlacementDeclined
  | PlacementStarted
  | PlacementEnded
  | ProgrammeEnrolled
  | ReferralTransferred
  | ConsentRecorded
  | ConsentWithdrawn
  | ReferralPutOnHold
  | ReferralResumed
  | ReferralClosed
  | ReferralCancelled
  | SubjectDataErased;
export type ReferralEventType = ReferralEvent['type'];

/** Current schema version of every referral event type; bump it and add an upcast step together. */
export const REFERRAL_EVENT_SCHEMA_VERSIONS = {
  ReferralSubmitted: 1,
  ReferralRouted: 1,
  ReferralReturnedToReferrer: 1,
  ReferralAcknowledged: 1,
  ReferralAssessed: 1,
  PlacementRequested: 1,
  PlacementAccepted: 1,
  PlacementDeclined: 1,
  PlacementStarted: 1,
  PlacementEnded: 1,
  ProgrammeEnrolled: 1,
  ReferralTransferred: 1,
  ConsentRecorded: 1,
  ConsentWithdrawn: 1,
  ReferralPutOnHold: 1,
  ReferralResumed: 1,
  ReferralClosed: 1,
  ReferralCancelled: 1,
  SubjectDataErased: 1,
} as const satisfies Record<ReferralEventType, number>;

export const REFERRAL_EVENT_TYPES = Object.keys(REFERRAL_EVENT_SCHEMA_VERSIONS) as ReferralEventType[];

/** Every type is at v1, so there is nothing to upcast yet. */
export const REFERRAL_UPCAST_STEPS: UpcastSteps<ReferralEventType> = {};

export const upcastReferralEvent = createUpcaster<ReferralEvent>(REFERRAL_EVENT_SCHEMA_VERSIONS, REFERRAL_UPCAST_STEPS);

export const storedReferralEvent = (event: ReferralEvent) => toStored(REFERRAL_EVENT_SCHEMA_VERSIONS, event);
