import { AgreementEvent } from './agreement.events';
import { AgreementNotFound } from './agreement.errors';
import { AgreementTerms } from './agreement.terms';

export type AgreementStatus = 'drafted' | 'active' | 'suspended' | 'terminated';

export interface AgreementVersionRecord {
  version: number;
  terms: AgreementTerms;
  recordedAt: string;
}

export interface Agreement {
  status: AgreementStatus;
  agreementId: string;
  /** Oldest first; index = version - 1. The last one is the current version. */
  versions: readonly AgreementVersionRecord[];
}

export type AgreementState = { status: 'none' } | Agreement;

export const initialAgreementState = (): AgreementState => ({ status: 'none' });

export function evolveAgreement(state: AgreementState, event: AgreementEvent): AgreementState {
  if (event.type === 'AgreementDrafted') {
    const { agreementId, version, terms, at } = event.data;
    return { status: 'drafted', agreementId, versions: [{ version, terms, recordedAt: at }] };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'AgreementAmended': {
      const { version, terms, at } = event.data;
      return { ...state, versions: [...state.versions, { version, terms, recordedAt: at }] };
    }
    case 'AgreementActivated':
    case 'AgreementReinstated':
      return { ...state, status: 'active' };
    case 'AgreementSuspended':
      return { ...state, status: 'suspended' };
    case 'AgreementTerminated':
      return { ...state, status: 'terminated' };
  }
}

/**
 * What a referral decision needs of an agreement: one version's terms, plus the agreement's status now
 * (only submission cares about it: referrals in progress go on when an agreement is suspended).
 */
export interface AgreementVersion {
  agreementId: string;
  version: number;
  status: AgreementStatus;
  terms: AgreementTerms;
}

/** The given version of an agreement, or its current one. */
export function agreementVersion(state: AgreementState, version?: number): AgreementVersion {
  if (state.status === 'none') throw new AgreementNotFound();
  const record = version === undefined ? state.versions[state.versions.length - 1] : state.versions[version - 1];
  if (!record) throw new AgreementNotFound(`Agreement ${state.agreementId} has no version ${version}`);
  return { agreementId: state.agreementId, version: record.version, status: state.status, terms: record.terms };
}
