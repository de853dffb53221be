import { By } from '../shared/actor';
import { DomainEvent } from '../shared/decider';
import { createUpcaster, toStored, UpcastSteps } from '../shared/upcasting';
import { AgreementTerms } from './agreement.terms';

interface Base {
  agreementId: string;
  at: string;
  by: By;
}

export type AgreementDrafted = DomainEvent<'AgreementDrafted', Base & { version: number; terms: AgreementTerms }>;
/** A new version. Referrals already submitted keep the version they were submitted under. */
export type AgreementAmended = DomainEvent<'AgreementAmended', Base & { version: number; terms: AgreementTerms }>;
export type AgreementActivated = DomainEvent<'AgreementActivated', Base & { version: number }>;
export type AgreementSuspended = DomainEvent<'AgreementSuspended', Base & { reason: string }>;
export type AgreementReinstated = DomainEvent<'AgreementReinstated', Base>;
export type AgreementTerminated = DomainEvent<'AgreementTerminated', Base>;

export type AgreementEvent =
  | AgreementDrafted
  | AgreementAmended
  | AgreementActivated
  | AgreementSuspended
  | AgreementReinstated
  | AgreementTerminated;
export type AgreementEventType = AgreementEvent['type'];

export const AGREEMENT_EVENT_SCHEMA_VERSIONS = {
  AgreementDrafted: 1,
  AgreementAmended: 1,
  AgreementActivated: 1,
  AgreementSuspended: 1,
  AgreementReinstated: 1,
  AgreementTerminated: 1,
} as const satisfies Record<AgreementEventType, number>;

export const AGREEMENT_EVENT_TYPES = Object.keys(AGREEMENT_EVENT_SCHEMA_VERSIONS) as AgreementEventType[];

export const AGREEMENT_UPCAST_STEPS: UpcastSteps<AgreementEventType> = {};

export const upcastAgreementEvent = createUpcaster<AgreementEvent>(AGREEMENT_EVENT_SCHEMA_VERSIONS, AGREEMENT_UPCAST_STEPS);

export const storedAgreementEvent = (event: AgreementEvent) => toStored(AGREEMENT_EVENT_SCHEMA_VERSIONS, event);
