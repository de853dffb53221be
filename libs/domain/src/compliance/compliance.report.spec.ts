import { complianceFigures, complianceReport, outcomeAt, percentile } from './compliance.report';
import { ObligationInstance } from './compliance.tracking';

const T0 = '2026-03-02T09:00:00.000Z';
const HOUR = 3_600_000;
const at = (hours: number) => new Date(Date.parse(T0) + hours * HOUR).toISOString();

let revision = 0;
function instance(fields: Partial<ObligationInstance> = {}): ObligationInstance {
  revision += 1;
  return {
    referralId: `referral-${revision}`,
    obligationId: 'acknowledge-routed',
    triggerRevision: 1,
    agreementId: 'lucca-2007',
    agreementVersion: 1,
    description: 'The receiving body acknowledges a referral routed to it',
    urgency: 'ordinary',
    responsibleRole: 'receiving-body',
    responsibleAgencyIds: ['ceis-lucca'],
    triggeredAt: T0,
    dueAt: at(24),
    status: 'open',
    metAt: null,
    metByAgencyId: null,
    metByEventType: null,
    dischargedAt: null,
    ...fields,
  };
}
const met = (hours: number, fields: Partial<ObligationInstance> = {}) =>
  instance({ status: 'met', metAt: at(hours), metByAgencyId: 'ceis-lucca', metByEventType: 'ReferralAcknowledged', ...fields });
const discharged = (hours: number, fields: Partial<ObligationInstance> = {}) => instance({ status: 'discharged', dischargedAt: at(hours), ...fields });

describe('outcome at an instant', () => {
  it('met on time up to the deadline included, late after it', () => {
    expect(outcomeAt(met(3), at(100))).toBe('met-on-time');
    expect(outcomeAt(met(24), at(100))).toBe('met-on-time');
    expect(outcomeAt(met(25), at(100))).toBe('met-late');
  });

  it('open before the deadline, breached from it on, while nothing happens', () => {
    expect(outcomeAt(instance(), at(23))).toBe('open');
    expect(outcomeAt(instance(), at(24))).toBe('breached');
    expect(outcomeAt(instance(), at(1000))).toBe('breached');
  });

  it('judges a met or discharged instance as it stood at the instant asked', () => {
    expect(outcomeAt(met(30), at(10))).toBe('open');
    expect(outcomeAt(met(30), at(26))).toBe('breached');
    expect(outcomeAt(discharged(5), at(4))).toBe('open');
  });

  it('discharged before its deadline is no longer owed; at or after it, it had been breached already', () => {
    expect(outcomeAt(discharged(5), at(100))).toBe('discharged');
    expect(outcomeAt(discharged(24), at(100))).toBe('breached');
    expect(outcomeAt(discharged(48), at(100))).toBe('breached');
  });
});

describe('percentile (nearest rank)', () => {
  it('is always an observed value', () => {
    const tenValues = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(percentile(tenValues, 50)).toBe(5);
    expect(percentile(tenValues, 90)).toBe(9);
    expect(percentile(tenValues, 100)).toBe(10);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('refuses a percentile outside (0, 100]', () => {
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('compliance figures', () => {
  it('counts each outcome, rates on-time over what is decided, and times what was met', () => {
    const instances = [met(1), met(3), met(30), instance({ dueAt: at(200) }), instance(), discharged(2)];
    expect(complianceFigures(instances, at(100))).toEqual({
      total: 6,
      metOnTime: 2,
      metLate: 1,
      open: 1,
      breached: 1,
      discharged: 1,
      onTimeRate: 0.5,
      medianTimeToCompleteMs: 3 * HOUR,
      p90TimeToCompleteMs: 30 * HOUR,
    });
  });

  it('has no rate or times when nothing is decided yet', () => {
    expect(complianceFigures([instance({ dueAt: at(200) }), discharged(1)], at(100))).toMatchObject({ onTimeRate: null, medianTimeToCompleteMs: null, p90TimeToCompleteMs: null });
    expect(complianceFigures([], at(100))).toMatchObject({ total: 0, onTimeRate: null });
  });
});

describe('compliance report', () => {
  const hotline = { responsibleAgencyIds: ['numero-verde-toscana'] };
  const feedback = { obligationId: 'feedback-to-referrer', description: 'The referrer hears the outcome', dueAt: at(720) };
  const instances = [
    met(1),
    met(30),
    instance({ referralId: 'referral-b', dueAt: at(2), urgency: 'urgent' }),
    instance({ referralId: 'referral-a', ...hotline, agreementVersion: 2, description: 'Acknowledge (v2)' }),
    instance({ ...feedback, responsibleRole: 'police', responsibleAgencyIds: ['questura-lucca', 'ceis-lucca'] }),
    discharged(30, { referralId: 'referral-c' }),
  ];
  const report = complianceReport(instances, at(100));

  it('gives figures per obligation, per obligation and party, and per party', () => {
    expect(report.asOf).toBe(at(100));
    expect(report.obligations.map((o) => [o.obligationId, o.agreementVersions, o.description, o.figures.total])).toEqual([
      ['acknowledge-routed', [1, 2], 'Acknowledge (v2)', 5],
      ['feedback-to-referrer', [1], 'The referrer hears the outcome', 1],
    ]);
    const acknowledge = report.obligations[0];
    expect(acknowledge.figures).toMatchObject({ metOnTime: 1, metLate: 1, breached: 3, onTimeRate: 0.2 });
    expect(acknowledge.parties.map((p) => [p.agencyId, p.figures.total, p.figures.breached])).toEqual([
      ['ceis-lucca', 4, 2],
      ['numero-verde-toscana', 1, 1],
    ]);
    expect(report.parties.map((p) => [p.agencyId, p.figures.total, p.figures.open])).toEqual([
      ['ceis-lucca', 5, 1],
      ['numero-verde-toscana', 1, 0],
      ['questura-lucca', 1, 1],
    ]);
  });

  it('lists the breaches still open, most overdue first, with how long overdue', () => {
    expect(report.openBreaches.map((b) => [b.referralId, b.obligationId, b.responsibleAgencyIds, b.dueAt, b.overdueByMs / HOUR])).toEqual([
      ['referral-b', 'acknowledge-routed', ['ceis-lucca'], at(2), 98],
      ['referral-a', 'acknowledge-routed', ['numero-verde-toscana'], at(24), 76],
    ]);
  });

  it('is the same for the same instances, whatever their order', () => {
    expect(complianceReport([...instances].reverse(), at(100))).toEqual(report);
  });
});
