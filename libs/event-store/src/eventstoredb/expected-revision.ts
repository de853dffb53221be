import { ANY, AppendExpectedRevision, CurrentRevision, NO_STREAM, STREAM_EXISTS, WrongExpectedVersionError } from '@eventstore/db-client';
import { WrongExpectedRevision } from '../event-store.errors';
import { ExpectedRevision } from '../event-store.port';

export function toClientExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return BigInt(expected);
  }
}

/** The client reports a missing stream as 'no_stream'; a negative number would be the server's -1 for the same. */
export function toActualRevision(current: CurrentRevision | undefined): number | 'no_stream' | undefined {
  if (current === NO_STREAM) return 'no_stream';
  if (typeof current !== 'bigint') return undefined;
  return current < 0n ? 'no_stream' : Number(current);
}

export function toWrongExpectedRevision(
  streamId: string,
  expected: ExpectedRevision,
  error: WrongExpectedVersionError,
): WrongExpectedRevision {
  return new WrongExpectedRevision(streamId, expected, toActualRevision(error.actualVersion));
}
