import { eventTypeFilter, excludeSystemEvents, Filter, streamNameFilter } from '@eventstore/db-client';
import { EventFilter } from '../event-store.port';

/** Never matches; for an empty list, which must select nothing (as on PostgreSQL) rather than everything. */
export const MATCH_NOTHING = '(?!)';

/**
 * Escapes the characters that are special outside a character class. The result means the same in
 * JavaScript and in .NET, whose engine evaluates the server-side filter: both read a backslash before
 * punctuation as that character.
 */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A regex matching exactly one of `values`. Anchored at both ends because the server tests with
 * `Regex.IsMatch`, a search: unanchored, `Submitted` would also select `ReferralSubmitted`.
 */
export function exactMatchRegex(values: readonly string[]): string {
  if (values.length === 0) return MATCH_NOTHING;
  return `^(?:${values.map(escapeRegex).join('|')})$`;
}

/** The server-side filter of a `$all` subscription. Without a filter of ours, system events are still left out. */
export function subscriptionFilter(filter: EventFilter | undefined): Filter {
  if (!filter) return excludeSystemEvents();
  if ('eventTypes' in filter) return eventTypeFilter({ regex: exactMatchRegex(filter.eventTypes) });
  if (filter.streamPrefixes.length === 0) return streamNameFilter({ regex: MATCH_NOTHING });
  return streamNameFilter({ prefixes: [...filter.streamPrefixes] });
}

/**
 * The same selection evaluated here. `readAll` needs it because the v6 client's `readAll` takes no
 * filter; subscriptions apply it again so that exactness never rests on the server's regex engine.
 */
export function matchesFilter(filter: EventFilter | undefined, streamId: string, type: string): boolean {
  if (!filter) return true;
  if ('eventTypes' in filter) return filter.eventTypes.includes(type);
  return filter.streamPrefixes.some((prefix) => streamId.startsWith(prefix));
}
