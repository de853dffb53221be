import type { DataSource } from 'typeorm';
import { complianceReport, ComplianceReport, ObligationInstance } from '@app/domain';
import { instanceOfRow, ObligationRow } from './obligation-row';

/** Instances are selected by trigger time: `from` inclusive, `to` exclusive; either may be open. */
export interface CompliancePeriod {
  from: string | null;
  to: string | null;
}

/** Protocol compliance read straight from `rm_obligations`, never from the domain's streams. */
export class ProtocolComplianceQueries {
  constructor(private readonly dataSource: DataSource) {}

  async instances(agreementId: string, period: CompliancePeriod): Promise<ObligationInstance[]> {
    const rows = await this.dataSource.query<ObligationRow[]>(
      `SELECT * FROM rm_obligations
       WHERE agreement_id = $1 AND ($2::timestamptz IS NULL OR triggered_at >= $2) AND ($3::timestamptz IS NULL OR triggered_at < $3)
       ORDER BY triggered_at, referral_id, trigger_revision, obligation_id`,
      [agreementId, period.from, period.to],
    );
    return rows.map(instanceOfRow);
  }

  /**
   * The report as of `min(to, now)`: what had been met or discharged by then counts as such, the rest
   * is open or, past its deadline, breached. The same rows and instant give the same report.
   */
  async report(agreementId: string, period: CompliancePeriod, now: string): Promise<ComplianceReport> {
    const asOf = period.to !== null && Date.parse(period.to) < Date.parse(now) ? new Date(period.to).toISOString() : new Date(now).toISOString();
    return complianceReport(await this.instances(agreementId, period), asOf);
  }
}
