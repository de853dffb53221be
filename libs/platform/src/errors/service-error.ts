/**
 * Errors cross the transport (NATS or in-process) as plain data. Every error a user can cause has a
 * stable code; anything else is INTERNAL and keeps its message on the service side, in the log.
 */
export const SERVICE_ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  NOT_PERMITTED: 403,
  NOT_FOUND: 404,
  ILLEGAL_TRANSITION: 409,
  WRONG_EXPECTED_REVISION: 409,
  ALREADY_EXISTS: 409,
  STALE_VERSION: 412,
  IDEMPOTENCY_KEY_REUSED: 422,
  PRECONDITION_REQUIRED: 428,
  /** The service behind the transport did not answer in time, or nothing listens for the request. */
  SERVICE_UNAVAILABLE: 503,
  INCONSISTENT_CONTEXT: 500,
  UNSUPPORTED_EVENT: 500,
  INTERNAL: 500,
} as const;

export type ServiceErrorCode = keyof typeof SERVICE_ERROR_STATUS;

export interface ServiceErrorPayload {
  code: ServiceErrorCode;
  reason?: string;
  message: string;
  details?: Record<string, unknown>;
}

/** Errors whose message would tell a client about the system rather than about its request. */
const INTERNAL_CODES = new Set<ServiceErrorCode>(['INCONSISTENT_CONTEXT', 'UNSUPPORTED_EVENT', 'INTERNAL']);

export function isServiceErrorPayload(value: unknown): value is ServiceErrorPayload {
  const code = (value as { code?: unknown } | null)?.code;
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(SERVICE_ERROR_STATUS, code) && typeof (value as { message?: unknown }).message === 'string';
}

export function toServiceError(error: unknown): ServiceErrorPayload {
  if (isServiceErrorPayload(error) && !INTERNAL_CODES.has(error.code)) {
    const { code, message } = error;
    const reason = (error as { reason?: unknown }).reason;
    const details = (error as { details?: unknown }).details;
    return {
      code,
      message,
      ...(typeof reason === 'string' ? { reason } : {}),
      ...(details && typeof details === 'object' ? { details: { ...(details as Record<string, unknown>) } } : {}),
    };
  }
  return { code: 'INTERNAL', message: 'The service could not complete the request' };
}

/** A service error raised in this process (e.g. by the gateway), with the same shape as one received over the transport. */
export class ServiceError extends Error implements ServiceErrorPayload {
  readonly reason?: string;
  readonly details?: Record<string, unknown>;

  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    options: { reason?: string; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'ServiceError';
    this.reason = options.reason;
    this.details = options.details;
  }

  static from(payload: ServiceErrorPayload): ServiceError {
    return new ServiceError(payload.code, payload.message, { reason: payload.reason, details: payload.details });
  }
}
