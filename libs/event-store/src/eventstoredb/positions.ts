import { Position, ReadPosition, START } from '@eventstore/db-client';
import { GlobalPosition } from '../event-store.port';

/** Positions travel as uint64; the server's "no position" (-1) arrives as 2^64 - 1. */
const FIRST_INVALID = 1n << 63n;

/** Our GlobalPosition and the client's Position have the same shape; this only drops unusable values. */
export function usablePosition(position: Position | undefined): GlobalPosition | undefined {
  if (!position) return undefined;
  if (position.commit < 0n || position.prepare < 0n) return undefined;
  if (position.commit >= FIRST_INVALID || position.prepare >= FIRST_INVALID) return undefined;
  return { commit: position.commit, prepare: position.prepare };
}

export function toReadPosition(after: GlobalPosition | 'start' | undefined): ReadPosition {
  if (after === undefined || after === 'start') return START;
  return { commit: after.commit, prepare: after.prepare };
}
