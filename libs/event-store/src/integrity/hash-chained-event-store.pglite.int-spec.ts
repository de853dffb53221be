import { WrongExpectedRevision } from '../event-store.errors';
import { EventStore } from '../event-store.port';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { newEvent, newEvents, uniquePrefix } from '../testing/event-fixtures';
import { pgliteTarget, PostgresTarget } from '../testing/postgres-targets';
import { describeTamperEvidence } from '../testing/tamper-evidence.suite';
import { verifyStreamChain } from './chain-verifier';
import { HashChainedEventStore } from './hash-chained-event-store';

describeEventStoreContract(
  'hash chain over the PostgreSQL adapter on PGlite',
  async () => {
    const target = await pgliteTarget({ pollIntervalMs: 200 });
    return { ...target, store: new HashChainedEventStore(target.store) };
  },
  { hashChained: true },
);

describeTamperEvidence('PGlite', () => pgliteTarget());

describe('hash chain: remembered stream heads', () => {
  let target: PostgresTarget;
  let counting: EventStore;
  const reads: string[] = [];

  beforeAll(async () => {
    target = await pgliteTarget();
    const inner = target.store;
    // The adapter, noting each stream read the chain makes through it.
    const counted = Object.create(inner) as EventStore;
    counted.readStream = (streamId, options) => {
      reads.push(streamId);
      return inner.readStream(streamId, options);
    };
    counting = counted;
  });

  afterAll(async () => target?.dispose());

  it('reads a stream head only when a read has not just told it, and stays chained when another writer moved it', async () => {
    const stream = uniquePrefix('heads');
    const writer = new HashChainedEventStore(counting);
    const other = new HashChainedEventStore(counting);
    reads.length = 0;

    // Expecting no stream: chained onto the genesis hash, nothing to read.
    await writer.appendToStream(stream, [newEvent()], 'no_stream');
    expect(reads).toEqual([]);
    // What it appended is not taken for the head: the next append reads it.
    await writer.appendToStream(stream, newEvents(2), 0);
    expect(reads).toEqual([stream]);
    // A whole-stream read, as a command handler makes before it decides, tells the head.
    await writer.readStream(stream);
    reads.length = 0;
    await writer.appendToStream(stream, [newEvent()], 2);
    expect(reads).toEqual([]);

    // Another process appends after this one read the stream: the head it knows is stale.
    await writer.readStream(stream);
    await other.appendToStream(stream, [newEvent()], 'any');
    const stale = await writer.appendToStream(stream, [newEvent()], 3).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(WrongExpectedRevision);
    expect((stale as WrongExpectedRevision).actualRevision).toBe(4);
    expect((await writer.appendToStream(stream, [newEvent()], 'any')).nextExpectedRevision).toBe(5);
    expect(verifyStreamChain(stream, await writer.readStream(stream))).toMatchObject({ ok: true, events: 6 });
  });

  it('stays chained when a repeat of its append, with other metadata, got there first', async () => {
    const stream = uniquePrefix('repeat');
    const writer = new HashChainedEventStore(counting);
    const other = new HashChainedEventStore(counting);
    const event = newEvent();
    expect(await writer.readStream(stream)).toEqual([]);
    // The same event (same id) from another request: other metadata, so another hash.
    await other.appendToStream(stream, [{ ...event, metadata: { ...event.metadata, correlationId: 'the-other-request' } }], 'no_stream');
    // The adapter finds this writer's event already there and answers success; the stored one is the other's.
    expect((await writer.appendToStream(stream, [event], 'no_stream')).nextExpectedRevision).toBe(0);
    await writer.appendToStream(stream, [newEvent()], 0);
    expect(verifyStreamChain(stream, await writer.readStream(stream))).toMatchObject({ ok: true, events: 2 });
  });

  it('starts a stream it has just read empty without reading its head, and stays chained when another writer started it first', async () => {
    const stream = uniquePrefix('new');
    const writer = new HashChainedEventStore(counting);
    const other = new HashChainedEventStore(counting);
    reads.length = 0;

    // A command handler's load finds no stream; the submission that follows appends without another read.
    expect(await writer.readStream(stream)).toEqual([]);
    await writer.appendToStream(stream, [newEvent()], 'no_stream');
    expect(reads).toEqual([stream]);

    // Seen empty by both; the other writer starts it first, so the remembered emptiness is stale.
    const raced = uniquePrefix('raced');
    await writer.readStream(raced);
    await other.readStream(raced);
    await other.appendToStream(raced, [newEvent()], 'no_stream');
    const stale = await writer.appendToStream(raced, [newEvent()], 'no_stream').catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(WrongExpectedRevision);
    expect((await writer.appendToStream(raced, [newEvent()], 'any')).nextExpectedRevision).toBe(1);
    expect(verifyStreamChain(raced, await writer.readStream(raced))).toMatchObject({ ok: true, events: 2 });
  });
});
