import { LUCCA_PROTOCOL_TERMS } from '../demo/lucca-protocol';
import { REFERRAL_EVENT_TYPES } from '../referral/referral.events';
import { obligationApplies, obligationDeadline } from './agreement.obligations';
import { Obligation } from './agreement.terms';

const acknowledge = LUCCA_PROTOCOL_TERMS.obligations.find((o) => o.id === 'acknowledge-routed')!;
const decidePlacement = LUCCA_PROTOCOL_TERMS.obligations.find((o) => o.id === 'decide-placement')!;
const notifyProsecutor: Obligation = {
  id: 'notify-juvenile-prosecutor',
  description: 'The receiving body notifies the juvenile prosecutor of a minor',
  after: 'ReferralAcknowledged',
  responsible: 'receiving-body',
  mustCause: ['ReferralTransferred'],
  within: 'PT24H',
  onlyIf: { minor: true },
};

describe('obligations', () => {
  it('have a shorter deadline for urgent referrals where the agreement says so', () => {
    expect(obligationDeadline(acknowledge, 'ordinary', '2026-03-02T09:00:00Z')).toBe('2026-03-03T09:00:00.000Z');
    expect(obligationDeadline(acknowledge, 'urgent', '2026-03-02T09:00:00Z')).toBe('2026-03-02T11:00:00.000Z');
    expect(obligationDeadline(decidePlacement, 'urgent', '2026-03-02T09:00:00+01:00')).toBe('2026-03-04T08:00:00.000Z');
  });

  it('may apply to minors only', () => {
    expect(obligationApplies(notifyProsecutor, { minor: true })).toBe(true);
    expect(obligationApplies(notifyProsecutor, { minor: false })).toBe(false);
    expect(obligationApplies(acknowledge, { minor: false })).toBe(true);
  });

  it('name referral event types, so compliance can read them off the stream', () => {
    for (const obligation of LUCCA_PROTOCOL_TERMS.obligations) {
      expect(REFERRAL_EVENT_TYPES).toContain(obligation.after);
      for (const type of obligation.mustCause) expect(REFERRAL_EVENT_TYPES).toContain(type);
    }
  });
});
