import { EventIntegrity, integrityOf, RecordedEvent } from '@app/event-store';

/** One event of a referral's stream, as history shows it. */
export interface HistoryEntry {
  streamRevision: number;
  eventId: string;
  type: string;
  /** As recorded: history shows what was written, not an upcast of it. */
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  actor: { userId: string | null; agencyId: string | null };
  correlationId: string;
  causationId: string | null;
  /** The hash chain link the event carries (`metadata.integrity`), when the store added one. */
  integrity: EventIntegrity | null;
  data: unknown;
}

/** Who is reading: overseers (AUDITOR or ADMIN of the agreement's region) see every actor. */
export interface HistoryReader {
  agencyId: string;
  overseer: boolean;
}

/**
 * Events hold no personal data in clear (a subject reference and attributes that identify nobody),
 * and every party already sees those attributes on the referral, so history shows each event's data
 * as recorded. What it withholds from parties is who, by name of account, acted in another agency:
 * a party sees which agency did what, and the individual user only within its own agency;
 * auditors and admins of the region see every user, since accountability is what they check.
 */
export function historyEntryOf(event: RecordedEvent, reader: HistoryReader): HistoryEntry {
  const { metadata } = event;
  const seesUser = reader.overseer || metadata.actorAgencyId === reader.agencyId;
  return {
    streamRevision: event.revision,
    eventId: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    occurredAt: metadata.occurredAt,
    recordedAt: event.recordedAt.toISOString(),
    actor: { userId: seesUser ? metadata.actorUserId : null, agencyId: metadata.actorAgencyId },
    correlationId: metadata.correlationId,
    causationId: metadata.causationId ?? null,
    integrity: integrityOf(metadata) ?? null,
    data: seesUser ? event.data : withoutActingUser(event.data),
  };
}

/** Referral events name their actor in `data.by` as well as in the metadata. */
function withoutActingUser(data: unknown): unknown {
  const by = (data as { by?: unknown } | null)?.by;
  if (!by || typeof by !== 'object') return data;
  return { ...(data as object), by: { ...by, userId: null } };
}
