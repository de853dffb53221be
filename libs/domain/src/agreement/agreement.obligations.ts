import { Urgency } from '../catalogue/vocabulary';
import { Duration } from '../shared/duration';
import { Obligation } from './agreement.terms';

export function obligationApplies(obligation: Obligation, referral: { minor: boolean }): boolean {
  return obligation.onlyIf?.minor === undefined || obligation.onlyIf.minor === referral.minor;
}

export function obligationWindow(obligation: Obligation, urgency: Urgency): Duration {
  return Duration.parse(urgency === 'urgent' && obligation.withinIfUrgent ? obligation.withinIfUrgent : obligation.within);
}

/** The instant by which the obligation must be met, given when its trigger happened. */
export function obligationDeadline(obligation: Obligation, urgency: Urgency, triggeredAt: string): string {
  return obligationWindow(obligation, urgency).after(triggeredAt);
}
