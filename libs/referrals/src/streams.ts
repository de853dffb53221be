import {
  agreementDecider,
  referralDecider,
  storedAgreementEvent,
  storedReferralEvent,
  upcastAgreementEvent,
  upcastReferralEvent,
} from '@app/domain';

export const referralStream = (referralId: string): string => `referral-${referralId}`;
export const agreementStream = (agreementId: string): string => `agreement-${agreementId}`;

export const REFERRAL_MODEL = { decider: referralDecider, upcast: upcastReferralEvent, stored: storedReferralEvent };
export const AGREEMENT_MODEL = { decider: agreementDecider, upcast: upcastAgreementEvent, stored: storedAgreementEvent };
