import { ProtocolRole } from '../agreement/agreement.terms';
import { Urgency } from '../catalogue/vocabulary';
import { instantMillis } from '../shared/instant';
import { ObligationInstance } from './compliance.tracking';

/**
 * Where an instance stood at an instant. Met and discharged are facts with a date, so an instance
 * met or discharged after `asOf` was still open then; open past its deadline is breached. An instance
 * discharged at or after its deadline had already been breached: ending or moving the referral late
 * does not excuse it.
 */
export type ObligationOutcome = 'met-on-time' | 'met-late' | 'open' | 'breached' | 'discharged';

export function outcomeAt(instance: ObligationInstance, asOf: string): ObligationOutcome {
  return outcomeAtMillis(instance, instantMillis(asOf, 'asOf'));
}

// Instances hold instants recorded by events (already validated), so a plain parse will do: a report
// judges every instance of a period.
function outcomeAtMillis(instance: ObligationInstance, now: number): ObligationOutcome {
  const due = Date.parse(instance.dueAt);
  const met = instance.metAt === null ? null : Date.parse(instance.metAt);
  const discharged = instance.dischargedAt === null ? null : Date.parse(instance.dischargedAt);
  if (met !== null && met <= now) return met <= due ? 'met-on-time' : 'met-late';
  if (discharged !== null && discharged <= now) return discharged >= due ? 'breached' : 'discharged';
  return due <= now ? 'breached' : 'open';
}

/**
 * The figures of a set of instances as of an instant. `onTimeRate` is met on time over everything
 * that has been decided by then (met on time, met late, breached); open instances still may be met on
 * time and discharged ones are no longer owed, so neither counts. It is null when nothing is decided.
 * Times to complete (trigger to met, in milliseconds) are of the instances met by then, on time or late.
 */
export interface ComplianceFigures {
  total: number;
  metOnTime: number;
  metLate: number;
  open: number;
  breached: number;
  discharged: number;
  onTimeRate: number | null;
  medianTimeToCompleteMs: number | null;
  p90TimeToCompleteMs: number | null;
}

/**
 * Nearest-rank percentile: the smallest observed value with at least `p` percent of the values at or
 * below it (`sorted[ceil(p/100 × n) − 1]`). Always one of the observations, so "median 3 h" is a time
 * some referral actually took; with an even count the median is the lower of the two middle values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1];
}

export function complianceFigures(instances: readonly ObligationInstance[], asOf: string): ComplianceFigures {
  const now = instantMillis(asOf, 'asOf');
  const counts = { 'met-on-time': 0, 'met-late': 0, open: 0, breached: 0, discharged: 0 };
  const times: number[] = [];
  for (const instance of instances) {
    const outcome = outcomeAtMillis(instance, now);
    counts[outcome] += 1;
    if (outcome === 'met-on-time' || outcome === 'met-late') times.push(Date.parse(instance.metAt!) - Date.parse(instance.triggeredAt));
  }
  const decided = counts['met-on-time'] + counts['met-late'] + counts.breached;
  return {
    total: instances.length,
    metOnTime: counts['met-on-time'],
    metLate: counts['met-late'],
    open: counts.open,
    breached: counts.breached,
    discharged: counts.discharged,
    onTimeRate: decided === 0 ? null : Math.round((counts['met-on-time'] / decided) * 10_000) / 10_000,
    medianTimeToCompleteMs: percentile(times, 50),
    p90TimeToCompleteMs: percentile(times, 90),
  };
}

export interface OpenBreach {
  referralId: string;
  obligationId: string;
  description: string;
  urgency: Urgency;
  responsibleRole: ProtocolRole;
  responsibleAgencyIds: readonly string[];
  triggeredAt: string;
  dueAt: string;
  overdueByMs: number;
}

export interface PartyFigures {
  agencyId: string;
  figures: ComplianceFigures;
}

export interface ObligationFigures {
  obligationId: string;
  /** From the latest agreement version among the instances. */
  description: string;
  responsibleRole: ProtocolRole;
  /** The agreement versions the instances were judged by: referrals keep the version they were submitted under. */
  agreementVersions: number[];
  figures: ComplianceFigures;
  parties: PartyFigures[];
}

export interface ComplianceReport {
  asOf: string;
  obligations: ObligationFigures[];
  parties: PartyFigures[];
  /** Still open past their deadline at `asOf`, most overdue first. */
  openBreaches: OpenBreach[];
}

/**
 * Figures per obligation, per obligation and party, and per party (responsible agency). An instance
 * owed by several agencies (a role several parties hold) counts once for each of them, and once in
 * its obligation's figures.
 */
export function complianceReport(instances: readonly ObligationInstance[], asOf: string): ComplianceReport {
  const byObligation = groupBy(instances, (instance) => instance.obligationId);
  const obligations = [...byObligation.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([obligationId, owed]): ObligationFigures => {
      const latest = owed.reduce((a, b) => (b.agreementVersion > a.agreementVersion ? b : a));
      return {
        obligationId,
        description: latest.description,
        responsibleRole: latest.responsibleRole,
        agreementVersions: [...new Set(owed.map((instance) => instance.agreementVersion))].sort((a, b) => a - b),
        figures: complianceFigures(owed, asOf),
        parties: partyFigures(owed, asOf),
      };
    });

  const now = instantMillis(asOf, 'asOf');
  const openBreaches = instances
    .filter((instance) => outcomeAtMillis(instance, now) === 'breached' && !(instance.dischargedAt !== null && Date.parse(instance.dischargedAt) <= now))
    .map(
      (instance): OpenBreach => ({
        referralId: instance.referralId,
        obligationId: instance.obligationId,
        description: instance.description,
        urgency: instance.urgency,
        responsibleRole: instance.responsibleRole,
        responsibleAgencyIds: instance.responsibleAgencyIds,
        triggeredAt: instance.triggeredAt,
        dueAt: instance.dueAt,
        overdueByMs: now - Date.parse(instance.dueAt),
      }),
    )
    .sort((a, b) => compare(a.dueAt, b.dueAt) || compare(a.referralId, b.referralId) || compare(a.obligationId, b.obligationId));

  return { asOf, obligations, parties: partyFigures(instances, asOf), openBreaches };
}

function partyFigures(instances: readonly ObligationInstance[], asOf: string): PartyFigures[] {
  const byAgency = new Map<string, ObligationInstance[]>();
  for (const instance of instances) {
    for (const agencyId of new Set(instance.responsibleAgencyIds)) {
      const list = byAgency.get(agencyId) ?? [];
      list.push(instance);
      byAgency.set(agencyId, list);
    }
  }
  return [...byAgency.entries()].sort(([a], [b]) => compare(a, b)).map(([agencyId, owed]) => ({ agencyId, figures: complianceFigures(owed, asOf) }));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item)) ?? [];
    list.push(item);
    groups.set(key(item), list);
  }
  return groups;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
