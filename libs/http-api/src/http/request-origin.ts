import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { AuthenticatedUser } from '../auth/authenticated-user';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Who acts and in answer to which request, for the metadata of every event the request causes. The
 * correlation id is the caller's `X-Correlation-Id` when it is a sane token, a new UUID otherwise.
 */
export function requestOrigin(user: AuthenticatedUser, request: Request, now: Date = new Date()) {
  const header = request.header('x-correlation-id');
  return {
    actorUserId: user.userId,
    actorAgencyId: user.agencyId,
    correlationId: header && CORRELATION_ID.test(header) ? header : randomUUID(),
    occurredAt: now.toISOString(),
  };
}
