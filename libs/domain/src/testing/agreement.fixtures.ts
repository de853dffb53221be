import { AgreementCommand, AgreementCommandType } from '../agreement/agreement.commands';
import { agreementDecider } from '../agreement/agreement.decider';
import { AgreementEvent, AgreementEventType } from '../agreement/agreement.events';
import { AgreementTerms } from '../agreement/agreement.terms';
import { LUCCA_AGREEMENT_ID } from '../demo/lucca-protocol';
import { byActor } from '../shared/actor';
import { spec } from './decider-spec';
import { AT, EARLIER, PROVINCIA } from './referral.fixtures';

type EventOf<T extends AgreementEventType> = Extract<AgreementEvent, { type: T }>;
type CommandOf<T extends AgreementCommandType> = Extract<AgreementCommand, { type: T }>;

export const agreement = spec(agreementDecider, { actor: PROVINCIA });

export function agreementEvent<T extends AgreementEventType>(
  type: T,
  data: Omit<EventOf<T>['data'], 'agreementId' | 'at' | 'by'>,
  at = EARLIER,
  by = PROVINCIA,
): EventOf<T> {
  return { type, data: { agreementId: LUCCA_AGREEMENT_ID, at, by: byActor(by), ...data } } as unknown as EventOf<T>;
}

export function agreementCmd<T extends AgreementCommandType>(type: T, data = {} as Omit<CommandOf<T>['data'], 'at'>, at = AT): CommandOf<T> {
  return { type, data: { ...data, at } } as unknown as CommandOf<T>;
}

export const drafted = (terms: AgreementTerms) => agreementEvent('AgreementDrafted', { version: 1, terms });
export const amended = (version: number, terms: AgreementTerms) => agreementEvent('AgreementAmended', { version, terms });
export const activated = (version = 1) => agreementEvent('AgreementActivated', { version });
export const suspended = (reason = 'Under review') => agreementEvent('AgreementSuspended', { reason });
export const reinstated = () => agreementEvent('AgreementReinstated', {});
export const terminated = () => agreementEvent('AgreementTerminated', {});
