import { NewEvent, RecordedEvent } from '../event-store.port';
import { newEvent } from '../testing/event-fixtures';
import { ChainVerifier, verifyStreamChain } from './chain-verifier';
import { GENESIS_HASH } from './event-hash';
import { chainEvents } from './hash-chained-event-store';

let position = 0n;

/** What a store would give back after appending `events` through the chain, one at a time. */
function chainedStream(streamId: string, count: number): RecordedEvent[] {
  const recorded: RecordedEvent[] = [];
  for (let n = 0; n < count; n++) {
    const [chained] = chainEvents(streamId, [newEvent('StepRecorded', { n })], recorded[n - 1]);
    recorded.push(record(streamId, n, chained));
  }
  return recorded;
}

function record(streamId: string, revision: number, event: NewEvent): RecordedEvent {
  position++;
  return { ...event, streamId, revision, position: { commit: position, prepare: position }, recordedAt: new Date() };
}

describe('chain verifier', () => {
  const stream = 'referral-9';

  it('accepts an intact chain and reports its length and last hash', () => {
    const events = chainedStream(stream, 5);
    expect(verifyStreamChain(stream, events)).toEqual({ ok: true, streamId: stream, events: 5, lastHash: events[4].metadata.integrity!.hash });
    expect(events[0].metadata.integrity!.previousHash).toBe(GENESIS_HASH);
    expect(events[3].metadata.integrity!.previousHash).toBe(events[2].metadata.integrity!.hash);
  });

  it('an empty stream is intact and has no last hash', () => {
    expect(verifyStreamChain(stream, [])).toEqual({ ok: true, streamId: stream, events: 0, lastHash: null });
  });

  it('names an altered event: hash-mismatch', () => {
    const events = chainedStream(stream, 5);
    events[2] = { ...events[2], data: { n: 99 } };
    expect(verifyStreamChain(stream, events)).toEqual({
      ok: false,
      streamId: stream,
      firstBroken: { revision: 2, eventId: events[2].id, type: 'StepRecorded', reason: 'hash-mismatch' },
    });
  });

  it('an altered actor in the metadata is an altered event too', () => {
    const events = chainedStream(stream, 3);
    events[1] = { ...events[1], metadata: { ...events[1].metadata, actorUserId: 'someone-else' } };
    expect(verifyStreamChain(stream, events)).toMatchObject({ ok: false, firstBroken: { revision: 1, reason: 'hash-mismatch' } });
  });

  it('names the event after a deleted one: revision-gap', () => {
    const events = chainedStream(stream, 5);
    const remaining = [...events.slice(0, 2), ...events.slice(3)];
    expect(verifyStreamChain(stream, remaining)).toMatchObject({ ok: false, firstBroken: { revision: 3, eventId: events[3].id, reason: 'revision-gap' } });
  });

  it('a deleted first event is a gap at the new first event', () => {
    const events = chainedStream(stream, 3);
    expect(verifyStreamChain(stream, events.slice(1))).toMatchObject({ ok: false, firstBroken: { revision: 1, reason: 'revision-gap' } });
  });

  it('names the event after a deleted one when the rest was renumbered: previous-hash-mismatch', () => {
    const events = chainedStream(stream, 5);
    const renumbered = [...events.slice(0, 2), ...events.slice(3).map((e) => ({ ...e, revision: e.revision - 1 }))];
    expect(verifyStreamChain(stream, renumbered)).toMatchObject({ ok: false, firstBroken: { revision: 2, eventId: events[3].id, reason: 'previous-hash-mismatch' } });
  });

  it('a replaced event re-chained to its predecessor breaks the link after it: previous-hash-mismatch', () => {
    const events = chainedStream(stream, 5);
    const [forged] = chainEvents(stream, [{ ...events[2], data: { n: 'forged' } }], events[1]);
    events[2] = record(stream, 2, forged);
    expect(verifyStreamChain(stream, events)).toMatchObject({ ok: false, firstBroken: { revision: 3, eventId: events[3].id, reason: 'previous-hash-mismatch' } });
  });

  it('names an event without integrity metadata: missing-chain', () => {
    const events = chainedStream(stream, 3);
    const { integrity: _removed, ...metadata } = events[1].metadata;
    events[1] = { ...events[1], metadata };
    expect(verifyStreamChain(stream, events)).toMatchObject({ ok: false, firstBroken: { revision: 1, reason: 'missing-chain' } });
  });

  it('names an event chained with an unknown algorithm: unsupported-algorithm', () => {
    const events = chainedStream(stream, 2);
    events[1] = { ...events[1], metadata: { ...events[1].metadata, integrity: { ...events[1].metadata.integrity!, algorithm: 'md5' as 'sha256-jcs' } } };
    expect(verifyStreamChain(stream, events)).toMatchObject({ ok: false, firstBroken: { revision: 1, reason: 'unsupported-algorithm' } });
  });

  it('refuses events of another stream', () => {
    expect(() => verifyStreamChain('other', chainedStream(stream, 1))).toThrow(/belongs to/);
  });

  it('verifies interleaved streams in one pass, each against its own last hash', () => {
    const a = chainedStream('a', 4);
    const b = chainedStream('b', 3);
    const c = chainedStream('c', 2);
    b[1] = { ...b[1], type: 'Renamed' };
    const verifier = new ChainVerifier();
    const interleaved = [a[0], b[0], a[1], c[0], b[1], a[2], b[2], c[1], a[3]];
    interleaved.forEach((e) => verifier.add(e));
    expect(verifier.results()).toEqual([
      { ok: true, streamId: 'a', events: 4, lastHash: a[3].metadata.integrity!.hash },
      { ok: false, streamId: 'b', firstBroken: { revision: 1, eventId: b[1].id, type: 'Renamed', reason: 'hash-mismatch' } },
      { ok: true, streamId: 'c', events: 2, lastHash: c[1].metadata.integrity!.hash },
    ]);
  });

  it('chains the events of one append to each other', () => {
    const events = [newEvent(), newEvent(), newEvent()];
    const chained = chainEvents(stream, events, undefined).map((e, n) => record(stream, n, e));
    expect(verifyStreamChain(stream, chained)).toMatchObject({ ok: true, events: 3 });
    expect(chained[1].metadata.integrity!.previousHash).toBe(chained[0].metadata.integrity!.hash);
    expect(chained.map((e) => e.id)).toEqual(events.map((e) => e.id));
  });
});
