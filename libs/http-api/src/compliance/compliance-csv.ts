import type { ComplianceFigures } from '@app/domain';
import type { ComplianceReportView } from './compliance-report.view';

const HEADER = [
  'agreement_id', 'as_of', 'obligation_id', 'description', 'responsible_role', 'agency_id', 'agency_name', 'total', 'met_on_time', 'met_late',
  'open', 'breached', 'discharged', 'on_time_rate', 'median_time_to_complete_ms', 'p90_time_to_complete_ms',
];

/**
 * RFC 4180: fields with a comma, a quote or a line break are quoted, quotes doubled, lines end in
 * CRLF. Text that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe:
 * descriptions and names come from agreement terms, which other people write.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const figureFields = (f: ComplianceFigures) => [f.total, f.metOnTime, f.metLate, f.open, f.breached, f.discharged, f.onTimeRate, f.medianTimeToCompleteMs, f.p90TimeToCompleteMs];

/** One row per obligation and responsible party, with the same figures as the JSON report. */
export function complianceCsv(report: ComplianceReportView): string {
  const rows = [HEADER];
  for (const obligation of report.obligations) {
    for (const party of obligation.parties) {
      rows.push(
        [report.agreementId, report.asOf, obligation.obligationId, obligation.description, obligation.responsibleRole, party.agencyId, party.name, ...figureFields(party.figures)].map(
          (value) => csvField(value),
        ),
      );
    }
  }
  return rows.map((row) => row.join(',')).join('\r\n') + '\r\n';
}
