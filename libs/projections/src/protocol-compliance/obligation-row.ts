import type { ObligationInstance, ObligationStatus, ProtocolRole, Urgency } from '@app/domain';

/** A row of `rm_obligations` as the drivers return it (timestamps as Date on both pg and PGlite). */
export interface ObligationRow {
  referral_id: string;
  obligation_id: string;
  trigger_revision: number;
  agreement_id: string;
  agreement_version: number;
  description: string;
  urgency: Urgency;
  responsible_role: ProtocolRole;
  responsible_agency_ids: string[];
  triggered_at: Date | string;
  due_at: Date | string;
  met_at: Date | string | null;
  met_by_agency_id: string | null;
  met_by_event_type: string | null;
  status: ObligationStatus;
  discharged_at: Date | string | null;
}

export const OBLIGATION_COLUMNS = [
  'referral_id uuid', 'obligation_id text', 'trigger_revision integer', 'agreement_id text', 'agreement_version integer', 'description text',
  'urgency text', 'responsible_role text', 'responsible_agency_ids text[]', 'triggered_at timestamptz', 'due_at timestamptz',
  'met_at timestamptz', 'met_by_agency_id text', 'met_by_event_type text', 'status text', 'discharged_at timestamptz',
];
export const OBLIGATION_COLUMN_NAMES = OBLIGATION_COLUMNS.map((column) => column.split(' ')[0]);

const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();
const isoOrNull = (value: Date | string | null): string | null => (value === null ? null : iso(value));

export function instanceOfRow(row: ObligationRow): ObligationInstance {
  return {
    referralId: row.referral_id,
    obligationId: row.obligation_id,
    triggerRevision: Number(row.trigger_revision),
    agreementId: row.agreement_id,
    agreementVersion: Number(row.agreement_version),
    description: row.description,
    urgency: row.urgency,
    responsibleRole: row.responsible_role,
    responsibleAgencyIds: row.responsible_agency_ids,
    triggeredAt: iso(row.triggered_at),
    dueAt: iso(row.due_at),
    status: row.status,
    metAt: isoOrNull(row.met_at),
    metByAgencyId: row.met_by_agency_id,
    metByEventType: row.met_by_event_type,
    dischargedAt: isoOrNull(row.discharged_at),
  };
}

export function rowOfInstance(instance: ObligationInstance): ObligationRow {
  return {
    referral_id: instance.referralId,
    obligation_id: instance.obligationId,
    trigger_revision: instance.triggerRevision,
    agreement_id: instance.agreementId,
    agreement_version: instance.agreementVersion,
    description: instance.description,
    urgency: instance.urgency,
    responsible_role: instance.responsibleRole,
    responsible_agency_ids: [...instance.responsibleAgencyIds],
    triggered_at: instance.triggeredAt,
    due_at: instance.dueAt,
    met_at: instance.metAt,
    met_by_agency_id: instance.metByAgencyId,
    met_by_event_type: instance.metByEventType,
    status: instance.status,
    discharged_at: instance.dischargedAt,
  };
}
