import type { IncomingMessage, ServerResponse } from 'node:http';
import { correlationIdOf } from './correlation-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function exchange(header?: string | string[]) {
  const headers: Record<string, string> = {};
  const response = { headersSent: false, setHeader: (name: string, value: string) => (headers[name] = value) } as unknown as ServerResponse;
  const request = { headers: header === undefined ? {} : { 'x-correlation-id': header }, res: response } as unknown as IncomingMessage;
  return { request, response, headers };
}

describe('correlationIdOf', () => {
  it("keeps the caller's sane X-Correlation-Id and echoes it", () => {
    const { request, headers } = exchange('abc-123:retry.2_x');
    expect(correlationIdOf(request)).toBe('abc-123:retry.2_x');
    expect(headers).toEqual({ 'X-Correlation-Id': 'abc-123:retry.2_x' });
  });

  it.each([[undefined], [''], ['has spaces'], ['x'.repeat(101)], ['<script>'], [['a', 'b']]])('replaces %p with a new UUID', (header) => {
    const { request, headers } = exchange(header);
    const id = correlationIdOf(request);
    expect(id).toMatch(UUID);
    expect(headers['X-Correlation-Id']).toBe(id);
  });

  it('decides once per request: every later call answers the same id', () => {
    const { request, response } = exchange();
    const first = correlationIdOf(request, response);
    expect(correlationIdOf(request)).toBe(first);
    expect(correlationIdOf(request, response)).toBe(first);
    expect(correlationIdOf(exchange().request)).not.toBe(first);
  });
});
