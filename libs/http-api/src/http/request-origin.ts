import type { Request } from 'express';
import { correlationIdOf } from '@app/platform';
import { AuthenticatedUser } from '../auth/authenticated-user';

/**
 * Who acts and in answer to which request, for the metadata of every event the request causes. The
 * correlation id is the request's own (`correlationIdOf`): the one its log line and its
 * `X-Correlation-Id` response header carry.
 */
export function requestOrigin(user: AuthenticatedUser, request: Request, now: Date = new Date()) {
  return {
    actorUserId: user.userId,
    actorAgencyId: user.agencyId,
    correlationId: correlationIdOf(request),
    occurredAt: now.toISOString(),
  };
}
