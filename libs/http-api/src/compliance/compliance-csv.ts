import type { ComplianceFigures } from '@app/domain';
import { csvDocument } from '../http/csv';
import type { ComplianceReportView } from './compliance-report.view';

const HEADER = [
  'agreement_id', 'as_of', 'obligation_id', 'description', 'responsible_role', 'agency_id', 'agency_name', 'total', 'met_on_time', 'met_late',
  'open', 'breached', 'discharged', 'on_time_rate', 'median_time_to_complete_ms', 'p90_time_to_complete_ms',
];

const figureFields = (f: ComplianceFigures) => [f.total, f.metOnTime, f.metLate, f.open, f.breached, f.discharged, f.onTimeRate, f.medianTimeToCompleteMs, f.p90TimeToCompleteMs];

/** One row per obligation and responsible party, with the same figures as the JSON report. */
export function complianceCsv(report: ComplianceReportView): string {
  const rows: (string | number | null)[][] = [HEADER];
  for (const obligation of report.obligations) {
    for (const party of obligation.parties) {
      rows.push(
        [report.agreementId, report.asOf, obligation.obligationId, obligation.description, obligation.responsibleRole, party.agencyId, party.name, ...figureFields(party.figures)],
      );
    }
  }
  return csvDocument(rows);
}
