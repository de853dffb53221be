import { ValidationFailed } from './domain-error';
import { instantMillis } from './instant';

const PATTERN = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * An ISO-8601 duration of fixed length, for obligation deadlines ('PT24H', 'P10D', 'P1DT12H').
 * Years and months are refused: their length depends on the calendar, and a deadline must not. A day
 * is 24 hours, which is what "within 24 hours" means across a daylight-saving change too.
 */
export class Duration {
  private constructor(
    readonly text: string,
    readonly milliseconds: number,
  ) {}

  static parse(text: unknown): Duration {
    const match = typeof text === 'string' ? PATTERN.exec(text) : null;
    if (!match || text === 'P') {
      const calendar = typeof text === 'string' && /^P[^T]*[YM]/.test(text);
      throw new ValidationFailed(
        'invalid-duration',
        calendar
          ? `${JSON.stringify(text)}: years and months have no fixed length; use weeks, days, hours or minutes`
          : `${JSON.stringify(text)} is not an ISO-8601 duration such as PT24H or P10D`,
      );
    }
    const [weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
    const milliseconds = (weeks * 7 + days) * DAY + hours * HOUR + minutes * MINUTE + seconds * SECOND;
    if (milliseconds === 0) throw new ValidationFailed('invalid-duration', `${String(text)} is zero long: a deadline needs time`);
    return new Duration(text as string, milliseconds);
  }

  static isValid(text: unknown): boolean {
    try {
      Duration.parse(text);
      return true;
    } catch {
      return false;
    }
  }

  /** The instant this long after `instant`, in canonical UTC form. */
  after(instant: string): string {
    return new Date(instantMillis(instant) + this.milliseconds).toISOString();
  }

  isLongerThan(other: Duration): boolean {
    return this.milliseconds > other.milliseconds;
  }

  toString(): string {
    return this.text;
  }
}
