import type { Agreement, ComplianceFigures, ComplianceReport, OpenBreach, ProtocolRole } from '@app/domain';

export interface NamedParty {
  agencyId: string;
  name: string;
}

/** The report as the API shows it: the domain's figures with party names from the agreement's terms. */
export interface ComplianceReportView {
  agreementId: string;
  title: string;
  /** As asked; null for an open end. Instances are selected by trigger time: from inclusive, to exclusive. */
  period: { from: string | null; to: string | null };
  /** Figures are as of min(to, now): what was met or discharged by then counts as such, the rest is open or breached. */
  asOf: string;
  asOfIs: 'to' | 'now';
  obligations: {
    obligationId: string;
    description: string;
    responsibleRole: ProtocolRole;
    agreementVersions: number[];
    figures: ComplianceFigures;
    parties: (NamedParty & { figures: ComplianceFigures })[];
  }[];
  parties: (NamedParty & { figures: ComplianceFigures })[];
  openBreaches: (Omit<OpenBreach, 'responsibleAgencyIds'> & { responsibleAgencies: NamedParty[] })[];
}

/** Names from the latest version that has the party: a renamed party shows its current name. */
function partyNames(agreement: Agreement): (agencyId: string) => string {
  const names = new Map<string, string>();
  for (const version of agreement.versions) for (const party of version.terms.parties) names.set(party.agencyId, party.name);
  return (agencyId) => names.get(agencyId) ?? agencyId;
}

export function complianceReportView(agreement: Agreement, report: ComplianceReport, period: ComplianceReportView['period'], asOfIs: 'to' | 'now'): ComplianceReportView {
  const nameOf = partyNames(agreement);
  const named = <T extends { agencyId: string }>(party: T) => ({ ...party, name: nameOf(party.agencyId) });
  return {
    agreementId: agreement.agreementId,
    title: agreement.versions[agreement.versions.length - 1].terms.title,
    period,
    asOf: report.asOf,
    asOfIs,
    obligations: report.obligations.map((obligation) => ({ ...obligation, parties: obligation.parties.map(named) })),
    parties: report.parties.map(named),
    openBreaches: report.openBreaches.map(({ responsibleAgencyIds, ...breach }) => ({
      ...breach,
      responsibleAgencies: responsibleAgencyIds.map((agencyId) => ({ agencyId, name: nameOf(agencyId) })),
    })),
  };
}
