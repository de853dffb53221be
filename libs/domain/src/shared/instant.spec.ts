import { ValidationFailed } from './domain-error';
import { instantMillis, normaliseInstant } from './instant';

describe('instants', () => {
  it('are ISO-8601 with an offset, normalised to UTC milliseconds', () => {
    expect(normaliseInstant('2026-03-02T10:00:00+01:00')).toBe('2026-03-02T09:00:00.000Z');
    expect(normaliseInstant('2026-03-02T09:00Z')).toBe('2026-03-02T09:00:00.000Z');
    expect(normaliseInstant('2026-03-02T09:00:00.123456Z')).toBe('2026-03-02T09:00:00.123Z');
  });

  it.each(['2026-03-02T10:00:00', '2026-03-02', '2026-02-30T10:00:00Z', 'yesterday', '', 1772442000000])('refuse %j', (text) => {
    expect(() => instantMillis(text)).toThrow(ValidationFailed);
  });
});
