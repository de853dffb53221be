import { acknowledged, assessed, CEIS, routed, submitted } from '@app/domain/testing/referral.fixtures';
import { recorded } from '../testing/recorded-events';
import { currentReferral, referralAt } from './referral-at';

const ms = (iso: string) => Date.parse(iso);

describe('the referral at an instant', () => {
  const events = recorded([
    [submitted(), '2026-03-02T09:00:00.000Z'],
    [routed(), '2026-03-02T09:00:00.000Z'],
    [acknowledged(), '2026-03-02T10:00:00.000Z'],
    // Occurred before the acknowledgement was recorded, but recorded after it: known only from 11:00.
    [{ ...assessed(true), data: { ...assessed(true).data, at: '2026-03-02T09:30:00.000Z' } }, '2026-03-02T11:00:00.000Z'],
  ]);

  it('is nothing before the first event was recorded', () => {
    expect(referralAt(events, ms('2026-03-02T08:59:59.999Z'))).toBeNull();
    expect(referralAt([], ms('2030-01-01T00:00:00Z'))).toBeNull();
  });

  it('folds every event recorded at or before the instant, and counts them as the version', () => {
    expect(referralAt(events, ms('2026-03-02T09:00:00.000Z'))).toMatchObject({ version: 2, referral: { stage: 'routed', recipientAgencyId: 'ceis-lucca' } });
    expect(referralAt(events, ms('2026-03-02T10:00:00.000Z'))).toMatchObject({ version: 3, referral: { stage: 'acknowledged', indicatorsConfirmed: null } });
    expect(referralAt(events, ms('2026-03-02T11:00:00.000Z'))).toMatchObject({ version: 4, referral: { indicatorsConfirmed: true } });
  });

  it('goes by when events were recorded, not when they say they occurred', () => {
    expect(referralAt(events, ms('2026-03-02T10:30:00.000Z'))?.referral).toMatchObject({ indicatorsConfirmed: null });
  });

  it('is the current referral once every event is in', () => {
    const now = currentReferral(events);
    expect(referralAt(events, ms('2030-01-01T00:00:00Z'))).toEqual({ referral: now.state, version: now.version });
    expect(now.version).toBe(4);
  });

  it('stops at the first event recorded later, so the state is always a prefix of the stream', () => {
    const outOfOrder = recorded([
      [submitted(), '2026-03-02T09:00:00.000Z'],
      [routed(), '2026-03-02T09:05:00.000Z'],
      [acknowledged(CEIS), '2026-03-02T09:04:00.000Z'],
    ]);
    expect(referralAt(outOfOrder, ms('2026-03-02T09:04:30.000Z'))).toMatchObject({ version: 1, referral: { recipientAgencyId: null } });
  });
});
