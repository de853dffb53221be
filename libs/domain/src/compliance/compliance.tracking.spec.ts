import { AgreementTerms, Obligation } from '../agreement/agreement.terms';
import { LUCCA_PROTOCOL_TERMS } from '../demo/lucca-protocol';
import { ReferralEvent } from '../referral/referral.events';
import { ReferralState } from '../referral/referral.state';
import { byActor } from '../shared/actor';
import {
  CEIS,
  coordinator,
  evt,
  HOTLINE,
  lucca,
  PROVINCIA,
  QUESTURA,
  REFERRAL_ID,
  routed,
  submitted,
  SUBJECT,
} from '../testing/referral.fixtures';
import { judgedUnder, ObligationInstance, obligationsOfHistory, trackObligations } from './compliance.tracking';

const T0 = '2026-03-02T09:00:00.000Z';
const at = (hours: number) => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();

/**
 * Given the referral's history, when one more event happens, then these instances are created or
 * changed (compared field by field on what each expectation names).
 */
function obligations(terms: AgreementTerms = LUCCA_PROTOCOL_TERMS) {
  return {
    given: (history: readonly ReferralEvent[]) => ({
      when: (event: ReferralEvent) => {
        let state: ReferralState = { stage: 'none' };
        let open: ObligationInstance[] = [];
        history.forEach((past, revision) => {
          if (!judgedUnder(state, past)) return;
          const step = trackObligations(terms, state, past, revision, open);
          state = step.referral;
          open = step.open;
        });
        const step = trackObligations(terms, state, event, history.length, open);
        return {
          then: (expected: Partial<ObligationInstance>[]) => expect(step.changed).toEqual(expected.map((fields) => expect.objectContaining(fields) as unknown)),
          thenOpen: (expected: Partial<ObligationInstance>[]) => expect(step.open).toEqual(expected.map((fields) => expect.objectContaining(fields) as unknown)),
        };
      },
    }),
  };
}

const ordinary = submitted({ urgency: 'ordinary' });
const urgent = submitted({ urgency: 'urgent' });
const submittedAt = (event: typeof ordinary, time: string) => ({ ...event, data: { ...event.data, at: time } });
const ackBy = (who: typeof CEIS, time: string) => evt('ReferralAcknowledged', who, { agencyId: who.agencyId }, time);
const transferred = (to: string, time: string, by = CEIS) => evt('ReferralTransferred', by, { fromAgencyId: 'ceis-lucca', toAgencyId: to, reason: 'specialised-service' }, time);

describe('obligation tracking', () => {
  it('starts the feedback obligation on submission and gives it to the receiving body the referral is routed to', () => {
    obligations()
      .given([])
      .when(submittedAt(ordinary, T0))
      .then([{ obligationId: 'feedback-to-referrer', triggerRevision: 0, responsibleAgencyIds: [], triggeredAt: T0, dueAt: '2026-04-01T09:00:00.000Z', status: 'open' }]);

    obligations()
      .given([submittedAt(ordinary, T0)])
      .when(routed('ceis-lucca', 'province-of-lucca', QUESTURA, 'submission', T0))
      .then([
        { obligationId: 'feedback-to-referrer', triggerRevision: 0, responsibleAgencyIds: ['ceis-lucca'] },
        {
          referralId: REFERRAL_ID,
          obligationId: 'acknowledge-routed',
          triggerRevision: 1,
          agreementId: 'lucca-2007',
          agreementVersion: 1,
          urgency: 'ordinary',
          responsibleRole: 'receiving-body',
          responsibleAgencyIds: ['ceis-lucca'],
          triggeredAt: T0,
          dueAt: at(24),
          status: 'open',
          metAt: null,
          dischargedAt: null,
        },
      ]);
  });

  it('gives urgent referrals the shorter deadline where the agreement has one', () => {
    obligations()
      .given([submittedAt(urgent, T0)])
      .when(routed('ceis-lucca', 'province-of-lucca', QUESTURA, 'submission', T0))
      .then([{ obligationId: 'feedback-to-referrer', dueAt: '2026-04-01T09:00:00.000Z' }, { obligationId: 'acknowledge-routed', urgency: 'urgent', dueAt: at(2) }]);
  });

  it('is met by the first event of a required type caused by a responsible agency, whenever it comes', () => {
    const routedToCeis = [submittedAt(ordinary, T0), routed('ceis-lucca', 'province-of-lucca', QUESTURA, 'submission', T0)];
    obligations()
      .given(routedToCeis)
      .when(ackBy(CEIS, at(30)))
      .then([{ obligationId: 'acknowledge-routed', status: 'met', metAt: at(30), metByAgencyId: 'ceis-lucca', metByEventType: 'ReferralAcknowledged', dueAt: at(24) }]);
    obligations()
      .given([...routedToCeis, ackBy(CEIS, at(1))])
      .when(evt('ReferralAssessed', CEIS, { indicatorsConfirmed: true, notesRef: null }, at(50)))
      .then([{ obligationId: 'feedback-to-referrer', status: 'met', metAt: at(50), metByEventType: 'ReferralAssessed' }]);
  });

  it('is not met by an agency that does not answer for it', () => {
    const routedToCeis = [submittedAt(ordinary, T0), routed('ceis-lucca', 'province-of-lucca', QUESTURA, 'submission', T0)];
    obligations().given(routedToCeis).when(ackBy(HOTLINE, at(1))).then([]);
    obligations()
      .given(routedToCeis)
      .when(ackBy(HOTLINE, at(1)))
      .thenOpen([{ obligationId: 'feedback-to-referrer' }, { obligationId: 'acknowledge-routed', status: 'open' }]);
  });

  it('is discharged when the referral moves on before it is met, and the new recipient owes its own', () => {
    obligations()
      .given([submittedAt(ordinary, T0), routed('ceis-lucca', 'province-of-lucca', QUESTURA, 'submission', T0)])
      .when(transferred('numero-verde-toscana', at(3), coordinator('provincia-lucca')))
      .then([
        { obligationId: 'feedback-to-referrer', status: 'discharged', dischargedAt: at(3) },
        { obligationId: 'acknowledge-routed', status: 'discharged', dischargedAt: at(3), responsibleAgencyIds: ['ceis-lucca'] },
        { obligationId: 'acknowledge-transferred', triggerRevision: 2, responsibleAgencyIds: ['numero-verde-toscana'], triggeredAt: at(3), dueAt: at(27) },
      ]);
  });

  it('is discharged when the referral is cancelled or closed; a closure can meet the feedback obligation itself', () => {
    obligations()
      .given([submittedAt(ordinary, T0), routed('ceis-lucca', 'province-of-lucca', QUESTURA, 'submission', T0)])
      .when(evt('ReferralCancelled', QUESTURA, {}, at(1)))
      .then([
        { obligationId: 'feedback-to-referrer', status: 'discharged', dischargedAt: at(1) },
        { obligationId: 'acknowledge-routed', status: 'discharged', dischargedAt: at(1) },
      ]);
    obligations()
      .given([submittedAt(ordinary, T0), routed('ceis-lucca', 'province-of-lucca', QUESTURA, 'submission', T0), ackBy(CEIS, at(1))])
      .when(evt('ReferralClosed', CEIS, { outcome: 'indicators-not-confirmed' }, at(5)))
      .then([{ obligationId: 'feedback-to-referrer', status: 'met', metAt: at(5), metByEventType: 'ReferralClosed' }]);
  });

  it('owes a placement decision to the shelter asked, and a re-routing after a decline starts a new acknowledgement', () => {
    const acknowledgedByCeis = [submittedAt(ordinary, T0), routed('ceis-lucca', 'province-of-lucca', QUESTURA, 'submission', T0), ackBy(CEIS, at(1))];
    const requested = evt('PlacementRequested', CEIS, { placementNo: 1, shelterAgencyId: 'ceis-lucca' }, at(2));
    obligations()
      .given(acknowledgedByCeis)
      .when(requested)
      .then([{ obligationId: 'decide-placement', triggerRevision: 3, responsibleRole: 'shelter', responsibleAgencyIds: ['ceis-lucca'], dueAt: at(50) }]);

    obligations()
      .given([...acknowledgedByCeis, requested, evt('PlacementDeclined', CEIS, { placementNo: 1, shelterAgencyId: 'ceis-lucca', reason: 'no-capacity' }, at(60))])
      .when(routed('numero-verde-toscana', null, CEIS, 'placement-declined', at(60)))
      .then([
        { obligationId: 'feedback-to-referrer', status: 'discharged', dischargedAt: at(60) },
        { obligationId: 'acknowledge-routed', triggerRevision: 5, responsibleAgencyIds: ['numero-verde-toscana'], dueAt: at(84) },
      ]);
  });

  it('starts minor-only obligations for minors only', () => {
    const notifyProsecutor: Obligation = {
      id: 'notify-juvenile-prosecutor',
      description: 'The coordinator has the juvenile prosecutor told about a minor',
      after: 'ReferralAcknowledged',
      responsible: 'coordinator',
      mustCause: ['ConsentRecorded'],
      within: 'PT24H',
      onlyIf: { minor: true },
    };
    const terms = lucca({ obligations: [notifyProsecutor] });
    const routedTo = [routed('ceis-lucca', 'province-of-lucca', QUESTURA, 'submission', T0)];
    obligations(terms)
      .given([submittedAt(submitted({ subject: { ...SUBJECT, minor: true } }), T0), ...routedTo])
      .when(ackBy(CEIS, at(1)))
      .then([{ obligationId: 'notify-juvenile-prosecutor', responsibleRole: 'coordinator', responsibleAgencyIds: ['provincia-lucca'], dueAt: at(25) }]);
    obligations(terms).given([submittedAt(ordinary, T0), ...routedTo]).when(ackBy(CEIS, at(1))).then([]);
    obligations(terms)
      .given([submittedAt(submitted({ subject: { ...SUBJECT, minor: true } }), T0), ...routedTo, ackBy(CEIS, at(1))])
      .when(evt('ConsentRecorded', PROVINCIA, {}, at(2)))
      .then([{ obligationId: 'notify-juvenile-prosecutor', status: 'met', metByAgencyId: 'provincia-lucca' }]);
  });

  it('ignores events of a referral it never saw submitted', () => {
    obligations().given([]).when(ackBy(CEIS, at(1))).then([]);
  });
});

describe('a referral keeps the obligations of the version it was submitted under', () => {
  const v2: AgreementTerms = {
    ...LUCCA_PROTOCOL_TERMS,
    obligations: LUCCA_PROTOCOL_TERMS.obligations.map((o) => (o.id === 'acknowledge-routed' ? { ...o, within: 'PT12H', withinIfUrgent: 'PT1H' } : o)),
  };
  const termsOf = (_id: string, version: number) => (version === 1 ? LUCCA_PROTOCOL_TERMS : v2);
  const history = (version: number, urgency: 'urgent' | 'ordinary') => [
    submittedAt(submitted({ agreementVersion: version, urgency }), T0),
    routed('ceis-lucca', 'province-of-lucca', QUESTURA, 'submission', T0),
  ];
  const acknowledgementDue = (version: number, urgency: 'urgent' | 'ordinary') =>
    obligationsOfHistory(history(version, urgency), termsOf).find((instance) => instance.obligationId === 'acknowledge-routed')!;

  it('before the amendment: the old deadlines; after it: the new ones', () => {
    expect(acknowledgementDue(1, 'ordinary')).toMatchObject({ agreementVersion: 1, dueAt: at(24) });
    expect(acknowledgementDue(1, 'urgent')).toMatchObject({ agreementVersion: 1, dueAt: at(2) });
    expect(acknowledgementDue(2, 'ordinary')).toMatchObject({ agreementVersion: 2, dueAt: at(12) });
    expect(acknowledgementDue(2, 'urgent')).toMatchObject({ agreementVersion: 2, dueAt: at(1) });
  });

  it('replays to the same instances', () => {
    const events = [...history(1, 'urgent'), ackBy(CEIS, at(3)), { type: 'ReferralCancelled', data: { referralId: REFERRAL_ID, at: at(4), by: byActor(QUESTURA) } } as ReferralEvent];
    expect(obligationsOfHistory(events, termsOf)).toEqual(obligationsOfHistory(events, termsOf));
    expect(obligationsOfHistory(events, termsOf).map((i) => [i.obligationId, i.status])).toEqual([
      ['feedback-to-referrer', 'discharged'],
      ['acknowledge-routed', 'met'],
    ]);
  });
});
