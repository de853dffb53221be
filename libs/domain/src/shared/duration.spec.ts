import { ValidationFailed } from './domain-error';
import { Duration } from './duration';

const HOUR = 3_600_000;

describe('Duration', () => {
  it.each([
    ['PT24H', 24 * HOUR],
    ['PT2H', 2 * HOUR],
    ['P10D', 240 * HOUR],
    ['P1DT12H', 36 * HOUR],
    ['P2W', 336 * HOUR],
    ['PT30M', HOUR / 2],
    ['PT90S', 90_000],
    ['P1DT1H1M1S', 25 * HOUR + 61_000],
  ])('reads %s', (text, milliseconds) => {
    expect(Duration.parse(text).milliseconds).toBe(milliseconds);
    expect(Duration.parse(text).toString()).toBe(text);
  });

  it.each(['', 'P', 'PT', '24H', 'PT24', 'pt24h', 'P1.5D', 'PT-1H', 'P1DT', ' PT1H'])('refuses %j', (text) => {
    expect(() => Duration.parse(text)).toThrow(ValidationFailed);
    expect(Duration.isValid(text)).toBe(false);
  });

  it('refuses years and months, which have no fixed length', () => {
    expect(() => Duration.parse('P1M')).toThrow(/no fixed length/);
    expect(() => Duration.parse('P1Y2D')).toThrow(/no fixed length/);
    expect(Duration.isValid('PT1M')).toBe(true);
  });

  it('refuses a zero-length deadline', () => {
    expect(() => Duration.parse('PT0H')).toThrow(ValidationFailed);
  });

  it('refuses what is not text', () => {
    expect(() => Duration.parse(24)).toThrow(ValidationFailed);
  });

  it('adds to an instant, giving canonical UTC', () => {
    expect(Duration.parse('PT2H').after('2026-03-28T23:30:00+01:00')).toBe('2026-03-29T00:30:00.000Z');
    // Across the switch to summer time a day is still 24 hours.
    expect(Duration.parse('P1D').after('2026-03-28T12:00:00+01:00')).toBe('2026-03-29T11:00:00.000Z');
  });

  it('compares lengths', () => {
    expect(Duration.parse('P1D').isLongerThan(Duration.parse('PT23H'))).toBe(true);
    expect(Duration.parse('PT24H').isLongerThan(Duration.parse('P1D'))).toBe(false);
  });
});
