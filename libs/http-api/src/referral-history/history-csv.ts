import { csvDocument } from '../http/csv';
import { HistoryEntry } from './history-entry';

export const HISTORY_CSV_COLUMNS = [
  'streamRevision', 'eventId', 'type', 'schemaVersion', 'occurredAt', 'recordedAt', 'actorUserId', 'actorAgencyId',
  'correlationId', 'causationId', 'integrityAlgorithm', 'previousHash', 'hash', 'data',
] as const;

/** The history as CSV: a header, one row per event, the event's data as a JSON column; CRLF line ends. */
export function historyCsv(entries: readonly HistoryEntry[]): string {
  const rows = entries.map((entry) => [
      entry.streamRevision, entry.eventId, entry.type, entry.schemaVersion, entry.occurredAt, entry.recordedAt, entry.actor.userId,
      entry.actor.agencyId, entry.correlationId, entry.causationId, entry.integrity?.algorithm ?? null, entry.integrity?.previousHash ?? null,
      entry.integrity?.hash ?? null, JSON.stringify(entry.data),
  ]);
  return csvDocument([HISTORY_CSV_COLUMNS, ...rows]);
}
