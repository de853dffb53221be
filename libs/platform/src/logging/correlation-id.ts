import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const SANE = /^[A-Za-z0-9._:-]{1,100}$/;
const CORRELATION_ID = Symbol('correlationId');
export const CORRELATION_HEADER = 'X-Correlation-Id';

/**
 * The request's correlation id, decided once and kept on the request: the caller's
 * `X-Correlation-Id` when it is a sane token, a new UUID otherwise. The request log line, the
 * response header and the metadata of every event the request causes all carry this one value.
 */
export function correlationIdOf(request: IncomingMessage, response: ServerResponse | undefined = (request as { res?: ServerResponse }).res): string {
  const held = request as IncomingMessage & { [CORRELATION_ID]?: string };
  if (held[CORRELATION_ID] === undefined) {
    const header = request.headers['x-correlation-id'];
    held[CORRELATION_ID] = typeof header === 'string' && SANE.test(header) ? header : randomUUID();
    if (response && !response.headersSent) response.setHeader(CORRELATION_HEADER, held[CORRELATION_ID]);
  }
  return held[CORRELATION_ID];
}
