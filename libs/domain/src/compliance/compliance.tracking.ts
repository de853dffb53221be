import { obligationApplies, obligationWindow } from '../agreement/agreement.obligations';
import { AgreementTerms, Obligation, ProtocolRole } from '../agreement/agreement.terms';
import { Urgency } from '../catalogue/vocabulary';
import { ReferralEvent } from '../referral/referral.events';
import { responsibleAgencyIds } from '../referral/referral.permissions';
import { evolveReferral, Referral, ReferralState } from '../referral/referral.state';
import { Duration } from '../shared/duration';

export type ObligationStatus = 'open' | 'met' | 'discharged';

/**
 * One obligation owed on one referral, from the event that triggered it. Only events change it, so
 * replaying a stream rebuilds it exactly; whether an open one is breached depends on the instant it is
 * looked at, and is decided then (see `outcomeAt`).
 */
export interface ObligationInstance {
  referralId: string;
  obligationId: string;
  /** Stream revision of the triggering event: a referral routed twice owes two acknowledgements. */
  triggerRevision: number;
  agreementId: string;
  agreementVersion: number;
  description: string;
  urgency: Urgency;
  responsibleRole: ProtocolRole;
  responsibleAgencyIds: readonly string[];
  triggeredAt: string;
  dueAt: string;
  status: ObligationStatus;
  metAt: string | null;
  metByAgencyId: string | null;
  metByEventType: string | null;
  dischargedAt: string | null;
}

export interface ObligationStep {
  /** The referral after the event. */
  referral: ReferralState;
  /** Every instance the event created or changed (triggered, met, discharged, given its agencies). */
  changed: ObligationInstance[];
  /** The instances still open after the event. */
  open: ObligationInstance[];
}

/** The agreement version a referral is judged by, once the event is applied; null before it is submitted. */
export function judgedUnder(before: ReferralState, event: ReferralEvent): { agreementId: string; version: number } | null {
  if (event.type === 'ReferralSubmitted') return { agreementId: event.data.agreementId, version: event.data.agreementVersion };
  return before.stage === 'none' ? null : { agreementId: before.agreementId, version: before.agreementVersion };
}

/**
 * What one referral event does to the obligations of `terms` (the version the referral was submitted
 * under, see `judgedUnder`), given the referral before it and its open instances. In this order:
 *
 * 1. **Met**: an open instance is met by the first event of one of its `mustCause` types caused by one
 *    of its responsible agencies (`event.data.by.agencyId`), at the event's `at`.
 * 2. **Discharged**: the rest are no longer owed when the referral is closed or cancelled, or when
 *    none of their agencies answers for the role any more (re-routed, transferred or returned before
 *    acknowledging; the placement went to another shelter). Whether that counts as a breach depends
 *    on whether the deadline had already passed (see `outcomeAt`).
 * 3. **Triggered**: each obligation whose `after` is this event and that applies to the referral (minor
 *    only ones) starts an instance, due `within` (or `withinIfUrgent`) after the event's `at`, owed by
 *    the agencies answering for its role once the event is applied. An event never meets or discharges
 *    what it triggers itself, so a transfer hands the new recipient its own instance.
 *
 * Agencies answering for a role are resolved when an instance is triggered; an instance triggered
 * before anyone holds the role (the receiving body on submission, routed by the next event of the same
 * command) takes the first agencies that come to hold it.
 */
export function trackObligations(
  terms: AgreementTerms,
  before: ReferralState,
  event: ReferralEvent,
  revision: number,
  open: readonly ObligationInstance[],
): ObligationStep {
  const after = evolveReferral(before, event);
  if (after.stage === 'none') return { referral: after, changed: [], open: [...open] };
  // Events carry canonical UTC instants (the referral decider normalises them), so they compare as strings.
  const { at } = event.data;
  const by = event.data.by.agencyId;
  const ended = after.stage === 'closed' || after.stage === 'cancelled';
  const changed: ObligationInstance[] = [];
  const stillOpen: ObligationInstance[] = [];

  for (const instance of open) {
    const obligation = terms.obligations.find((o) => o.id === instance.obligationId);
    const answering = responsibleAgencyIds(instance.responsibleRole, after, terms);
    const assigned = instance.responsibleAgencyIds;
    if (obligation?.mustCause.includes(event.type) && assigned.includes(by)) {
      changed.push({ ...instance, status: 'met', metAt: at, metByAgencyId: by, metByEventType: event.type });
    } else if (ended || (assigned.length > 0 && !assigned.some((agency) => answering.includes(agency)))) {
      changed.push({ ...instance, status: 'discharged', dischargedAt: at });
    } else if (assigned.length === 0 && answering.length > 0) {
      const given = { ...instance, responsibleAgencyIds: answering };
      changed.push(given);
      stillOpen.push(given);
    } else {
      stillOpen.push(instance);
    }
  }

  for (const obligation of terms.obligations) {
    if (obligation.after !== event.type || !obligationApplies(obligation, after.subject)) continue;
    const instance = trigger(obligation, after, revision, at, terms);
    changed.push(instance);
    stillOpen.push(instance);
  }
  return { referral: after, changed, open: stillOpen };
}

function trigger(obligation: Obligation, referral: Referral, revision: number, at: string, terms: AgreementTerms): ObligationInstance {
  return {
    referralId: referral.referralId,
    obligationId: obligation.id,
    triggerRevision: revision,
    agreementId: referral.agreementId,
    agreementVersion: referral.agreementVersion,
    description: obligation.description,
    urgency: referral.urgency,
    responsibleRole: obligation.responsible,
    responsibleAgencyIds: responsibleAgencyIds(obligation.responsible, referral, terms),
    triggeredAt: at,
    dueAt: new Date(Date.parse(at) + windowOf(obligation, referral.urgency).milliseconds).toISOString(),
    status: 'open',
    metAt: null,
    metByAgencyId: null,
    metByEventType: null,
    dischargedAt: null,
  };
}

/** `obligationWindow`, parsed once per obligation: a rebuild triggers hundreds of thousands of instances. */
const windows = new WeakMap<Obligation, Partial<Record<Urgency, Duration>>>();
function windowOf(obligation: Obligation, urgency: Urgency): Duration {
  const known = windows.get(obligation) ?? {};
  windows.set(obligation, known);
  return (known[urgency] ??= obligationWindow(obligation, urgency));
}

/**
 * A whole stream, for tests and for anyone without a read model: every instance its events produced,
 * in trigger order. `termsOf` gives the terms of an agreement version.
 */
export function obligationsOfHistory(
  events: readonly ReferralEvent[],
  termsOf: (agreementId: string, version: number) => AgreementTerms,
  firstRevision = 0,
): ObligationInstance[] {
  let state: ReferralState = { stage: 'none' };
  let open: ObligationInstance[] = [];
  const all = new Map<string, ObligationInstance>();
  events.forEach((event, index) => {
    const judged = judgedUnder(state, event);
    if (!judged) return;
    const step = trackObligations(termsOf(judged.agreementId, judged.version), state, event, firstRevision + index, open);
    for (const instance of step.changed) all.set(instanceKey(instance), instance);
    state = step.referral;
    open = step.open;
  });
  return [...all.values()];
}

export const instanceKey = (instance: Pick<ObligationInstance, 'referralId' | 'obligationId' | 'triggerRevision'>): string =>
  `${instance.referralId}/${instance.obligationId}/${instance.triggerRevision}`;
