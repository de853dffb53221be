import { randomUUID } from 'node:crypto';
import { NewEvent } from '../event-store.port';
import { newEvent } from '../testing/event-fixtures';
import { decodeMetadata, encodeMetadata, isApplicationEvent, toEventData, toRecordedEvent, UnreadableEvent } from './event-mapping';
import { decodeReadEvent, readEventResponse } from './testing/grpc-read-fakes';

const where = { streamId: 'referral-1', eventId: 'e-1' };

function event(overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    id: randomUUID(),
    type: 'ReferralSubmitted',
    schemaVersion: 3,
    data: { referralId: 'r-1', notes: 'Città àéü "x"' },
    metadata: {
      correlationId: 'corr-1',
      causationId: 'cause-1',
      actorUserId: 'user-1',
      actorAgencyId: 'agency-1',
      occurredAt: '2026-11-24T09:00:00.000Z',
    },
    ...overrides,
  };
}

describe('metadata encoding', () => {
  it('stores our metadata flat with the schema version and EventStoreDB correlation keys', () => {
    expect(encodeMetadata(event())).toEqual({
      correlationId: 'corr-1',
      causationId: 'cause-1',
      actorUserId: 'user-1',
      actorAgencyId: 'agency-1',
      occurredAt: '2026-11-24T09:00:00.000Z',
      schemaVersion: 3,
      $correlationId: 'corr-1',
      $causationId: 'cause-1',
    });
  });

  it('leaves $causationId out when there is no cause', () => {
    const encoded = encodeMetadata(event({ metadata: { ...event().metadata, causationId: null } }));
    expect(encoded.causationId).toBeNull();
    expect('$causationId' in encoded).toBe(false);
  });

  it('decodes what it encoded, through JSON', () => {
    for (const original of [event(), event({ schemaVersion: 1, metadata: { ...event().metadata, causationId: null, actorUserId: null, actorAgencyId: null } })]) {
      const stored = JSON.parse(JSON.stringify(encodeMetadata(original))) as unknown;
      expect(decodeMetadata(stored, where)).toEqual({ schemaVersion: original.schemaVersion, metadata: original.metadata });
    }
  });

  it('keeps metadata fields it does not know, and drops only its own keys', () => {
    const original = event();
    const withExtra = { ...original, metadata: { ...original.metadata, tenant: 'north' } };
    const decoded = decodeMetadata(encodeMetadata(withExtra), where);
    expect(decoded.metadata).toEqual({ ...original.metadata, tenant: 'north' });
    expect(Object.keys(decoded.metadata)).not.toEqual(expect.arrayContaining(['schemaVersion']));
    expect(Object.keys(decoded.metadata).some((key) => key.startsWith('$'))).toBe(false);
  });

  it('reads absent nullable fields as null', () => {
    const decoded = decodeMetadata({ schemaVersion: 1, correlationId: 'c', occurredAt: '2026-01-01T00:00:00Z' }, where);
    expect(decoded.metadata).toEqual({
      correlationId: 'c',
      causationId: null,
      actorUserId: null,
      actorAgencyId: null,
      occurredAt: '2026-01-01T00:00:00Z',
    });
  });

  it.each([
    ['binary metadata', new Uint8Array([1, 2])],
    ['no metadata', undefined],
    ['an array', [1]],
    ['no schema version', { correlationId: 'c', occurredAt: 't' }],
    ['a fractional schema version', { schemaVersion: 1.5, correlationId: 'c', occurredAt: 't' }],
    ['a zero schema version', { schemaVersion: 0, correlationId: 'c', occurredAt: 't' }],
    ['no correlation id', { schemaVersion: 1, occurredAt: 't' }],
    ['no occurred-at', { schemaVersion: 1, correlationId: 'c' }],
  ])('rejects %s as not written by this adapter', (_label, raw) => {
    expect(() => decodeMetadata(raw, where)).toThrow(UnreadableEvent);
  });
});

describe('event data', () => {
  it('is a JSON event with our id, type, data and encoded metadata', () => {
    const original = event();
    expect(toEventData(original)).toEqual({
      id: original.id,
      contentType: 'application/json',
      type: 'ReferralSubmitted',
      data: original.data,
      metadata: encodeMetadata(original),
    });
  });

  it('stores undefined data as null, which has a JSON form', () => {
    expect(toEventData(event({ data: undefined })).data).toBeNull();
  });
});

describe('recorded event from the server', () => {
  const stored = {
    streamId: 'referral-1',
    revision: 4,
    position: { commit: 1234n, prepare: 1234n },
    created: new Date('2026-03-04T05:06:07.089Z'),
  };

  it.each([
    ['an object', { n: 1, text: 'Città àéü "x"', nested: [1, { a: null }] }],
    ['an array', [1, 'two']],
    ['a string', 'plain'],
    ['null', null],
    ['a number', 42],
  ])('round-trips %s of data with its metadata through the client decoder', (_label, data) => {
    const original = event({ data });
    const recorded = toRecordedEvent(decodeReadEvent(readEventResponse(toEventData(original), stored)));
    expect(recorded).toEqual({
      id: original.id,
      type: original.type,
      schemaVersion: original.schemaVersion,
      data,
      metadata: original.metadata,
      streamId: 'referral-1',
      revision: 4,
      position: { commit: 1234n, prepare: 1234n },
      recordedAt: new Date('2026-03-04T05:06:07.089Z'),
    });
  });

  it('maps a fixture event from the contract suite unchanged', () => {
    const original = newEvent('ContractEventHappened', { n: 7 });
    const recorded = toRecordedEvent(decodeReadEvent(readEventResponse(toEventData(original), stored)));
    expect(recorded).toMatchObject(original);
  });

  it('refuses a binary event', () => {
    const response = readEventResponse(toEventData(event()), { ...stored, contentType: 'application/octet-stream' });
    expect(() => toRecordedEvent(decodeReadEvent(response))).toThrow(UnreadableEvent);
  });

  it('refuses an event without a usable log position', () => {
    const resolved = decodeReadEvent(readEventResponse(toEventData(event()), stored));
    const withoutPosition = { event: { ...resolved.event!, position: undefined } };
    expect(() => toRecordedEvent(withoutPosition)).toThrow(/log position/);
  });
});

describe('application events', () => {
  const base = { streamId: 'referral-1', id: 'e', revision: 0n, type: 'ReferralSubmitted', created: new Date(0), isJson: true, data: {}, metadata: {} };

  it('are events of ours: no system type, no system stream, no link', () => {
    expect(isApplicationEvent({ event: base })).toBe(true);
    expect(isApplicationEvent({ event: { ...base, type: '$metadata' } })).toBe(false);
    expect(isApplicationEvent({ event: { ...base, type: '$>' } })).toBe(false);
    expect(isApplicationEvent({ event: { ...base, streamId: '$$referral-1' } })).toBe(false);
    expect(isApplicationEvent({ event: base, link: { type: '$>' } })).toBe(false);
    expect(isApplicationEvent({})).toBe(false);
  });
});
