import { IllegalTransition } from '@app/domain';

/*
 * None of these messages may carry personal data: errors end up in logs and HTTP bodies. They name
 * the subject only by its opaque reference and a problem only by the field it concerns.
 */

/**
 * A sealed record or wrapped key did not authenticate: a byte was changed, it was moved to another
 * subject, or it was sealed under another key. Never a user error (maps to 500): it means tampering
 * or a bug, and nothing of the data is returned.
 */
export class PersonalDataCorrupted extends Error {
  readonly code = 'PERSONAL_DATA_CORRUPTED';

  constructor(
    /** What failed: 'record' (the sealed record), 'data-key' (the wrapped key), 'plaintext' (authentic but unreadable). */
    readonly part: 'record' | 'data-key' | 'plaintext',
    readonly subjectRef?: string,
  ) {
    super(`Personal data${subjectRef ? ` of subject ${subjectRef}` : ''} is corrupted: the ${part} does not authenticate`);
    this.name = 'PersonalDataCorrupted';
  }
}

/** The subject's data was erased; nothing can be stored under the same reference again (409). */
export class PersonalDataErased extends IllegalTransition {
  constructor(
    readonly subjectRef: string,
    readonly erasedAt: Date,
  ) {
    super('personal-data-erased', `The personal data of subject ${subjectRef} was erased at ${erasedAt.toISOString()}`, {
      subjectRef,
      erasedAt: erasedAt.toISOString(),
    });
  }
}

/** The configured master key is not a base64 encoding of exactly 32 bytes. The message never echoes the value. */
export class InvalidMasterKey extends Error {
  readonly code = 'INVALID_MASTER_KEY';

  constructor(problem: string, source = 'Master key') {
    super(
      `${source}: ${problem}. It must be the base64 encoding of exactly 32 random bytes (44 characters ending in "="), ` +
        'e.g. from `openssl rand -base64 32`',
    );
    this.name = 'InvalidMasterKey';
  }
}

/** A data key was wrapped by a master key that is not configured (lost, or rotated away without re-wrapping). */
export class UnknownMasterKey extends Error {
  readonly code = 'UNKNOWN_MASTER_KEY';

  constructor(
    readonly keyId: string,
    readonly subjectRef: string,
  ) {
    super(`The data key of subject ${subjectRef} was wrapped by master key ${keyId}, which is not configured`);
    this.name = 'UnknownMasterKey';
  }
}
