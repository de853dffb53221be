import { comparePositions, EventFilter, GlobalPosition, isAfterCheckpoint, RecordedEvent } from '../event-store.port';
import { matchesFilter } from './event-filter';
import { ClientResolvedEvent, isApplicationEvent, toRecordedEvent } from './event-mapping';
import { usablePosition } from './positions';

/**
 * What a `$all` read or subscription hands on: application events strictly after the checkpoint that
 * pass the filter. Undefined for everything else, which the caller skips but still counts as seen.
 */
export function selectEvent(
  resolved: ClientResolvedEvent,
  after: GlobalPosition | 'start',
  filter: EventFilter | undefined,
): RecordedEvent | undefined {
  if (!isApplicationEvent(resolved)) return undefined;
  const { event } = resolved;
  const position = usablePosition(event.position);
  // Our checkpoints are exclusive; EventStoreDB starts a `$all` read at the event at `fromPosition`,
  // inclusive (its reader keeps records at positions >= the requested one). Dropping everything at or
  // before the checkpoint turns one into the other, and also holds if a server version treats a
  // subscription's start as exclusive.
  if (position && !isAfterCheckpoint(position, after)) return undefined;
  if (!matchesFilter(filter, event.streamId, event.type)) return undefined;
  return toRecordedEvent(resolved);
}

/** Whether a record of a forwards `$all` read lies past a read's inclusive upper bound, so the read can stop. */
export function isPastBound(resolved: ClientResolvedEvent, until: GlobalPosition | undefined): boolean {
  if (!until) return false;
  const position = usablePosition(resolved.event?.position);
  return position !== undefined && comparePositions(position, until) > 0;
}
