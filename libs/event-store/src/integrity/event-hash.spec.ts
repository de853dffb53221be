import { canonicalEventJson, eventHash, GENESIS_HASH, HashedEvent } from './event-hash';

const event: HashedEvent = {
  streamId: 'referral-1',
  revision: 0,
  id: '0F8FAD5B-D9CB-469F-A165-70867728950E',
  type: 'ReferralSubmitted',
  schemaVersion: 1,
  data: { b: 2, a: [1, 'è'] },
  metadata: { occurredAt: '2026-11-24T09:00:00.000Z', correlationId: 'c-1', causationId: null, actorUserId: 'u-1', actorAgencyId: 'ceis-lucca' },
};

describe('event hash', () => {
  it('is SHA-256 over the RFC 8785 canonical JSON of the event, then the previous hash', () => {
    expect(canonicalEventJson(event)).toBe(
      '{"data":{"a":[1,"è"],"b":2},"id":"0f8fad5b-d9cb-469f-a165-70867728950e",' +
        '"metadata":{"actorAgencyId":"ceis-lucca","actorUserId":"u-1","causationId":null,"correlationId":"c-1","occurredAt":"2026-11-24T09:00:00.000Z"},' +
        '"revision":0,"schemaVersion":1,"streamId":"referral-1","type":"ReferralSubmitted"}',
    );
    // Computed outside Node: printf '%s%s' "<the JSON above>" "<64 zeros>" | sha256sum
    expect(eventHash(event, GENESIS_HASH)).toBe('890c830aae2e9b551569dac2bbb3f6e83f9160a54a71da6ac542a5b461fb9a48');
  });

  it('ignores key order, the integrity metadata itself and what JSON would not store', () => {
    const reordered: HashedEvent = {
      ...event,
      id: event.id.toLowerCase(),
      data: { a: [1, 'è'], b: 2, dropped: undefined },
      metadata: {
        actorAgencyId: 'ceis-lucca',
        actorUserId: 'u-1',
        causationId: null,
        correlationId: 'c-1',
        occurredAt: '2026-11-24T09:00:00.000Z',
        integrity: { algorithm: 'sha256-jcs', previousHash: 'x', hash: 'y' },
      },
    };
    expect(eventHash(reordered, GENESIS_HASH)).toBe(eventHash(event, GENESIS_HASH));
    const withDate = { ...event, data: { at: new Date('2026-11-24T09:00:00.000Z') } };
    expect(eventHash(withDate, GENESIS_HASH)).toBe(eventHash({ ...event, data: { at: '2026-11-24T09:00:00.000Z' } }, GENESIS_HASH));
  });

  it('changes with every covered part and with the previous hash', () => {
    const base = eventHash(event, GENESIS_HASH);
    const variants: HashedEvent[] = [
      { ...event, streamId: 'referral-2' },
      { ...event, revision: 1 },
      { ...event, id: '1f8fad5b-d9cb-469f-a165-70867728950e' },
      { ...event, type: 'ReferralCancelled' },
      { ...event, schemaVersion: 2 },
      { ...event, data: { b: 2, a: [1, 'e'] } },
      { ...event, metadata: { ...event.metadata, actorUserId: 'u-2' } },
      { ...event, metadata: { ...event.metadata, correlationId: 'c-2' } },
    ];
    const hashes = variants.map((v) => eventHash(v, GENESIS_HASH));
    expect(new Set([base, ...hashes]).size).toBe(variants.length + 1);
    expect(eventHash(event, 'a'.repeat(64))).not.toBe(base);
  });
});
