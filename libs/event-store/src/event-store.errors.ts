import { ExpectedRevision } from './event-store.port';

/** The stream is not at the revision the writer expected: somebody else wrote first, or the writer is stale. */
export class WrongExpectedRevision extends Error {
  readonly code = 'WRONG_EXPECTED_REVISION';

  constructor(
    readonly streamId: string,
    readonly expectedRevision: ExpectedRevision,
    /** The stream's last revision, or 'no_stream'; undefined when the adapter could not tell. */
    readonly actualRevision: number | 'no_stream' | undefined,
  ) {
    super(
      `Stream "${streamId}": expected revision ${String(expectedRevision)}, actual ${actualRevision === undefined ? 'unknown' : String(actualRevision)}`,
    );
    this.name = 'WrongExpectedRevision';
  }
}

/** Some but not all of the events in an append were already in the stream: neither a retry nor a new write. */
export class PartialIdempotentAppend extends Error {
  readonly code = 'PARTIAL_IDEMPOTENT_APPEND';

  constructor(
    readonly streamId: string,
    readonly existingEventIds: readonly string[],
  ) {
    super(`Stream "${streamId}": ${existingEventIds.length} of the events were already appended, the others not`);
    this.name = 'PartialIdempotentAppend';
  }
}

export class InvalidAppend extends Error {
  readonly code = 'INVALID_APPEND';

  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppend';
  }
}
