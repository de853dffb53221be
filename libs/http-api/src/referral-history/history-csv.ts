import { HistoryEntry } from './history-entry';

export const HISTORY_CSV_COLUMNS = [
  'streamRevision', 'eventId', 'type', 'schemaVersion', 'occurredAt', 'recordedAt', 'actorUserId', 'actorAgencyId',
  'correlationId', 'causationId', 'integrityAlgorithm', 'previousHash', 'hash', 'data',
] as const;

/** Cells a spreadsheet would run as a formula (OWASP's list); such a cell gets a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One RFC 4180 field: quoted when it holds a comma, a quote or a line break, quotes doubled. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The history as CSV: a header, one row per event, the event's data as a JSON column; CRLF line ends. */
export function historyCsv(entries: readonly HistoryEntry[]): string {
  const rows = entries.map((entry) =>
    [
      entry.streamRevision, entry.eventId, entry.type, entry.schemaVersion, entry.occurredAt, entry.recordedAt, entry.actor.userId,
      entry.actor.agencyId, entry.correlationId, entry.causationId, entry.integrity?.algorithm ?? null, entry.integrity?.previousHash ?? null,
      entry.integrity?.hash ?? null, JSON.stringify(entry.data),
    ].map(csvField).join(','),
  );
  return [HISTORY_CSV_COLUMNS.join(','), ...rows].map((line) => `${line}\r\n`).join('');
}
