import { DomainCommand } from '../shared/decider';
import { AgreementTerms } from './agreement.terms';

export type DraftAgreement = DomainCommand<'DraftAgreement', { agreementId: string; terms: AgreementTerms; at: string }>;
export type AmendAgreement = DomainCommand<'AmendAgreement', { terms: AgreementTerms; at: string }>;
export type ActivateAgreement = DomainCommand<'ActivateAgreement', { at: string }>;
export type SuspendAgreement = DomainCommand<'SuspendAgreement', { reason: string; at: string }>;
export type ReinstateAgreement = DomainCommand<'ReinstateAgreement', { at: string }>;
export type TerminateAgreement = DomainCommand<'TerminateAgreement', { at: string }>;

export type AgreementCommand =
  | DraftAgreement
  | AmendAgreement
  | ActivateAgreement
  | SuspendAgreement
  | ReinstateAgreement
  | TerminateAgreement;
export type AgreementCommandType = AgreementCommand['type'];
