import { AGREEMENT_EVENT_SCHEMA_VERSIONS, upcastAgreementEvent } from '../agreement/agreement.events';
import { REFERRAL_EVENT_SCHEMA_VERSIONS, REFERRAL_EVENT_TYPES, storedReferralEvent, upcastReferralEvent } from '../referral/referral.events';
import { ACKNOWLEDGED, ROUTED } from '../testing/referral.fixtures';
import { UnsupportedEvent } from './domain-error';
import { createUpcaster } from './upcasting';

type Moved = { type: 'Moved'; data: { to: { city: string; province: string } } };

describe('upcasting', () => {
  // v1 had `city`, v2 `to`, v3 added the province: the steps run in order from the stored version.
  const upcast = createUpcaster<Moved>(
    { Moved: 3 },
    {
      Moved: {
        1: (data: { city: string }) => ({ to: data.city }),
        2: (data: { to: string }) => ({ to: { city: data.to, province: 'unknown' } }),
      },
    },
  );

  it('brings an old version up to the current one, step by step', () => {
    expect(upcast({ type: 'Moved', schemaVersion: 1, data: { city: 'Lucca' } })).toEqual({ type: 'Moved', data: { to: { city: 'Lucca', province: 'unknown' } } });
    expect(upcast({ type: 'Moved', schemaVersion: 2, data: { to: 'Pisa' } })).toEqual({ type: 'Moved', data: { to: { city: 'Pisa', province: 'unknown' } } });
    expect(upcast({ type: 'Moved', schemaVersion: 3, data: { to: { city: 'Lucca', province: 'LU' } } })).toEqual({ type: 'Moved', data: { to: { city: 'Lucca', province: 'LU' } } });
  });

  it('refuses unknown types, newer versions and gaps in the steps', () => {
    expect(() => upcast({ type: 'Teleported', schemaVersion: 1, data: {} })).toThrow(expect.objectContaining({ reason: 'unknown-event-type' }));
    expect(() => upcast({ type: 'Moved', schemaVersion: 4, data: {} })).toThrow(expect.objectContaining({ reason: 'unsupported-schema-version' }));
    expect(() => upcast({ type: 'Moved', schemaVersion: 0, data: {} })).toThrow(UnsupportedEvent);
    const gappy = createUpcaster<Moved>({ Moved: 2 });
    expect(() => gappy({ type: 'Moved', schemaVersion: 1, data: {} })).toThrow(expect.objectContaining({ reason: 'missing-upcast-step' }));
    expect(() => upcast({ type: 'toString', schemaVersion: 1, data: {} })).toThrow(UnsupportedEvent);
  });

  it('is the identity for the domain events, all at v1, and round-trips their stored form', () => {
    expect(new Set(Object.values(REFERRAL_EVENT_SCHEMA_VERSIONS))).toEqual(new Set([1]));
    expect(new Set(Object.values(AGREEMENT_EVENT_SCHEMA_VERSIONS))).toEqual(new Set([1]));
    expect(REFERRAL_EVENT_TYPES).toHaveLength(19);
    for (const event of [...ROUTED, ...ACKNOWLEDGED]) {
      const stored = storedReferralEvent(event);
      expect(stored.schemaVersion).toBe(1);
      expect(upcastReferralEvent(stored)).toEqual(event);
    }
    expect(() => upcastAgreementEvent({ type: 'ReferralSubmitted', schemaVersion: 1, data: {} })).toThrow(UnsupportedEvent);
  });
});
