import { ValidationFailed } from './domain-error';

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch of an ISO-8601 instant; an offset is required, because a local time is ambiguous. */
export function instantMillis(text: unknown, field = 'at'): number {
  const match = typeof text === 'string' ? ISO_INSTANT.exec(text) : null;
  const millis = match ? Date.parse(text as string) : NaN;
  // Date.parse rolls 2026-02-30 over to March; a day that does not round-trip is not a real date.
  if (!match || Number.isNaN(millis) || !realDate(+match[1], +match[2], +match[3])) {
    throw new ValidationFailed('invalid-instant', `${field} must be an ISO-8601 instant with an offset, got ${JSON.stringify(text)}`);
  }
  return millis;
}

/** The canonical form (UTC, milliseconds) events carry, so that instants compare as strings. */
export function normaliseInstant(text: unknown, field = 'at'): string {
  return new Date(instantMillis(text, field)).toISOString();
}

function realDate(year: number, month: number, day: number): boolean {
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}
