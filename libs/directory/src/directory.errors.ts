/**
 * Errors the directory throws on purpose. Same shape as the domain's errors (`code`, `reason`,
 * `details`) so that one mapper turns both into HTTP: VALIDATION_FAILED → 400, NOT_FOUND → 404,
 * ALREADY_EXISTS → 409. `reason` is a stable, finer key; messages are for people and may change.
 */
export type DirectoryErrorCode = 'VALIDATION_FAILED' | 'NOT_FOUND' | 'ALREADY_EXISTS';

export abstract class DirectoryError extends Error {
  abstract readonly code: DirectoryErrorCode;

  constructor(
    readonly reason: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** reasons: invalid-username, invalid-roles, invalid-password, invalid-display-name, invalid-user-id, invalid-agency */
export class InvalidDirectoryInput extends DirectoryError {
  readonly code = 'VALIDATION_FAILED';
}

export class AgencyNotFound extends DirectoryError {
  readonly code = 'NOT_FOUND';

  constructor(agencyId: string) {
    super('unknown-agency', `No agency "${agencyId}" in the directory`, { agencyId });
  }
}

export class AgencyAlreadyExists extends DirectoryError {
  readonly code = 'ALREADY_EXISTS';

  constructor(agencyId: string) {
    super('agency-exists', `An agency "${agencyId}" already exists`, { agencyId });
  }
}

export class UsernameTaken extends DirectoryError {
  readonly code = 'ALREADY_EXISTS';

  constructor(username: string) {
    super('username-taken', `The username "${username}" is taken`, { username });
  }
}

export class UserAlreadyExists extends DirectoryError {
  readonly code = 'ALREADY_EXISTS';

  constructor(userId: string) {
    super('user-exists', `A user with id ${userId} already exists`, { userId });
  }
}
