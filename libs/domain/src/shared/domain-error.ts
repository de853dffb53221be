/**
 * Errors the domain throws on purpose. `code` is the stable category transports map to a status
 * (VALIDATION_FAILED → 400, NOT_PERMITTED → 403, NOT_FOUND → 404, ILLEGAL_TRANSITION → 409);
 * `reason` is a stable, finer key for clients and tests. Messages are for people and may change.
 */
export type DomainErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_PERMITTED'
  | 'NOT_FOUND'
  | 'ILLEGAL_TRANSITION'
  /** The caller wired the decider wrongly (e.g. passed another agreement version): a bug, not a user error. */
  | 'INCONSISTENT_CONTEXT'
  /** A stored event this code cannot read (unknown type, newer schema version). */
  | 'UNSUPPORTED_EVENT';

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;

  constructor(
    readonly reason: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailed extends DomainError {
  readonly code = 'VALIDATION_FAILED';
}

export class NotPermitted extends DomainError {
  readonly code = 'NOT_PERMITTED';
}

export class NotFound extends DomainError {
  readonly code = 'NOT_FOUND';
}

export class IllegalTransition extends DomainError {
  readonly code = 'ILLEGAL_TRANSITION';
}

export class InconsistentContext extends DomainError {
  readonly code = 'INCONSISTENT_CONTEXT';
}

export class UnsupportedEvent extends DomainError {
  readonly code = 'UNSUPPORTED_EVENT';
}

/** Collects every problem in an input so that one answer lists them all, instead of one per attempt. */
export class Problems {
  private readonly list: string[] = [];

  check(ok: boolean, problem: string): this {
    if (!ok) this.list.push(problem);
    return this;
  }

  add(problem: string): this {
    this.list.push(problem);
    return this;
  }

  throwIfAny(reason: string, what: string): void {
    if (this.list.length > 0) {
      throw new ValidationFailed(reason, `${what}: ${this.list.join('; ')}`, { problems: [...this.list] });
    }
  }
}

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

export function isNonEmptyText(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}
