import { BACKWARDS, Direction, END, FORWARDS, ReadRevision, START } from '@eventstore/db-client';
import { ReadStreamOptions } from '../event-store.port';

export interface StreamReadPlan {
  direction: Direction;
  fromRevision: ReadRevision;
  maxCount: number;
}

/**
 * The client's read for our options, or undefined when nothing can be returned. The client's own
 * maxCount default is Number.MAX_SAFE_INTEGER; it is passed explicitly so the plan says what it reads.
 * Forwards from 'end' and backwards from 'start' mean "the event at that end" in the port (as on
 * PostgreSQL), whereas EventStoreDB would return nothing, so they become a one-event read the other way.
 */
export function streamReadPlan(options: ReadStreamOptions = {}): StreamReadPlan | undefined {
  const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
  if (maxCount <= 0) return undefined;
  const backwards = options.direction === 'backwards';
  const direction = backwards ? BACKWARDS : FORWARDS;
  const from = options.fromRevision ?? (backwards ? 'end' : 'start');
  if (typeof from === 'number') return { direction, fromRevision: BigInt(from), maxCount };
  if (from === 'end' && !backwards) return { direction: BACKWARDS, fromRevision: END, maxCount: 1 };
  if (from === 'start' && backwards) return { direction: FORWARDS, fromRevision: START, maxCount: 1 };
  return { direction, fromRevision: from === 'start' ? START : END, maxCount };
}
