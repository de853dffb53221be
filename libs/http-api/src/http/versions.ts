import { ServiceError } from '@app/platform';

/** ETag of an event-sourced resource: its stream version, quoted as RFC 9110 wants. */
export const etagOf = (version: number): string => `"${version}"`;

/**
 * The version an If-Match header names, or undefined without the header. Accepts `"3"`, `W/"3"` and a
 * bare `3`; anything else is a client error rather than a silently ignored precondition.
 */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new ServiceError('VALIDATION_FAILED', `If-Match must name a version such as "3", got ${header}`, { reason: 'invalid-if-match' });
  }
  return Number(match[1]);
}
