import { randomUUID } from 'node:crypto';
import { PartialIdempotentAppend, WrongExpectedRevision } from '../event-store.errors';
import { comparePositions, EventStore, GlobalPosition, NewEvent, RecordedEvent } from '../event-store.port';
import { verifyStreamChain } from '../integrity/chain-verifier';
import { GENESIS_HASH } from '../integrity/event-hash';
import { newEvent, newEvents, uniquePrefix } from './event-fixtures';

export interface ContractTarget {
  store: EventStore;
  /** Releases what the target created (schema, connections). */
  dispose(): Promise<void>;
}

export interface ContractOptions {
  /** Writers and events per writer of the torture case (the issue asks for at least 8 × 2,000). */
  tortureWriters?: number;
  tortureEventsPerWriter?: number;
  /**
   * The store chains events by hash (`HashChainedEventStore`): the suite then also checks the chain
   * of every stream it wrote, after all its races, retries and conflicts.
   */
  hashChained?: boolean;
}

/**
 * The behaviour every EventStore adapter must show. The suite never assumes an empty store: each test
 * works in streams of its own prefix and reads the global order from a position it recorded first.
 */
export function describeEventStoreContract(
  name: string,
  createTarget: () => Promise<ContractTarget>,
  options: ContractOptions = {},
): void {
  describe(`EventStore contract: ${name}`, () => {
    let target: ContractTarget;
    let store: EventStore;
    const streamsWritten = new Set<string>();

    beforeAll(async () => {
      target = await createTarget();
      store = options.hashChained ? recordingStreams(target.store, streamsWritten) : target.store;
    });

    afterAll(async () => {
      await target?.dispose();
    });

    /** The position of a fresh marker event: everything a test appends afterwards comes after it. */
    async function currentEnd(): Promise<GlobalPosition> {
      const result = await store.appendToStream(uniquePrefix('marker'), [newEvent('MarkerAppended')], 'no_stream');
      return result.position;
    }

    describe('expected revision', () => {
      it('no_stream creates a stream at revision 0 and then conflicts', async () => {
        const stream = uniquePrefix('no-stream');
        const first = await store.appendToStream(stream, [newEvent()], 'no_stream');
        expect(first.nextExpectedRevision).toBe(0);
        const error = await store.appendToStream(stream, [newEvent()], 'no_stream').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevision);
        expect((error as WrongExpectedRevision).actualRevision).toBe(0);
      });

      it('an exact revision appends only when it is the stream head', async () => {
        const stream = uniquePrefix('exact');
        await store.appendToStream(stream, newEvents(2), 'no_stream');
        const appended = await store.appendToStream(stream, [newEvent()], 1);
        expect(appended.nextExpectedRevision).toBe(2);
        for (const stale of [0, 1, 3, 7]) {
          const error = await store.appendToStream(stream, [newEvent()], stale).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(WrongExpectedRevision);
          expect((error as WrongExpectedRevision).actualRevision).toBe(2);
        }
        expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2]);
      });

      it('an exact revision on a missing stream conflicts', async () => {
        const error = await store.appendToStream(uniquePrefix('missing'), [newEvent()], 0).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevision);
        expect((error as WrongExpectedRevision).actualRevision).toBe('no_stream');
      });

      it('stream_exists conflicts on a missing stream and appends to an existing one', async () => {
        const stream = uniquePrefix('exists');
        await expect(store.appendToStream(stream, [newEvent()], 'stream_exists')).rejects.toBeInstanceOf(WrongExpectedRevision);
        await store.appendToStream(stream, [newEvent()], 'no_stream');
        const appended = await store.appendToStream(stream, newEvents(2), 'stream_exists');
        expect(appended.nextExpectedRevision).toBe(2);
      });

      it('any appends whatever the stream holds', async () => {
        const stream = uniquePrefix('any');
        expect((await store.appendToStream(stream, [newEvent()], 'any')).nextExpectedRevision).toBe(0);
        expect((await store.appendToStream(stream, newEvents(3), 'any')).nextExpectedRevision).toBe(3);
      });

      it('of concurrent writers expecting the same revision exactly one succeeds', async () => {
        const stream = uniquePrefix('race');
        await store.appendToStream(stream, [newEvent()], 'no_stream');
        const outcomes = await Promise.allSettled(
          Array.from({ length: 8 }, () => store.appendToStream(stream, [newEvent()], 0)),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const o of outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')) {
          expect(o.reason).toBeInstanceOf(WrongExpectedRevision);
        }
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('concurrent writers with any all succeed, each at its own revision', async () => {
        const stream = uniquePrefix('any-race');
        const results = await Promise.all(Array.from({ length: 8 }, () => store.appendToStream(stream, [newEvent()], 'any')));
        expect(results.map((r) => r.nextExpectedRevision).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      });

      it('a conflicting append writes nothing', async () => {
        const stream = uniquePrefix('nothing');
        await store.appendToStream(stream, [newEvent()], 'no_stream');
        await expect(store.appendToStream(stream, newEvents(3), 5)).rejects.toBeInstanceOf(WrongExpectedRevision);
        expect(await store.readStream(stream)).toHaveLength(1);
      });
    });

    describe('idempotent re-append', () => {
      it('appending the same events again at the same expected revision changes nothing', async () => {
        const stream = uniquePrefix('idem');
        const events = newEvents(3);
        const first = await store.appendToStream(stream, events, 'no_stream');
        const again = await store.appendToStream(stream, events, 'no_stream');
        expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
        expect(comparePositions(again.position, first.position)).toBe(0);
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('a retried single append with an exact revision or any is not appended twice', async () => {
        const stream = uniquePrefix('idem-exact');
        await store.appendToStream(stream, [newEvent()], 'no_stream');
        const event = newEvent();
        const first = await store.appendToStream(stream, [event], 0);
        expect((await store.appendToStream(stream, [event], 0)).nextExpectedRevision).toBe(first.nextExpectedRevision);
        expect((await store.appendToStream(stream, [event], 'any')).nextExpectedRevision).toBe(first.nextExpectedRevision);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('a mix of appended and new events is rejected and writes nothing', async () => {
        const stream = uniquePrefix('idem-mix');
        const [existing] = newEvents(1);
        await store.appendToStream(stream, [existing], 'no_stream');
        const error = await store.appendToStream(stream, [existing, newEvent()], 'no_stream').catch((e: unknown) => e);
        expect(error instanceof PartialIdempotentAppend || error instanceof WrongExpectedRevision).toBe(true);
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('the same event id may appear in another stream', async () => {
        const event = newEvent();
        await store.appendToStream(uniquePrefix('a'), [event], 'no_stream');
        await store.appendToStream(uniquePrefix('b'), [event], 'no_stream');
      });
    });

    describe('reading a stream', () => {
      it('returns events in revision order with everything the writer gave', async () => {
        const stream = uniquePrefix('read');
        const events: NewEvent[] = newEvents(5).map((e, n) => ({ ...e, schemaVersion: n + 1, data: { n, text: 'Città àéü "x" \\ {a,b}\n', list: ['"', '\\', null] } }));
        await store.appendToStream(stream, events, 'no_stream');
        const read = await store.readStream(stream);
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
        read.forEach((recorded, n) => {
          expect(recorded).toMatchObject({
            id: events[n].id,
            type: events[n].type,
            schemaVersion: n + 1,
            data: events[n].data,
            metadata: events[n].metadata,
            streamId: stream,
          });
          expect(recorded.recordedAt).toBeInstanceOf(Date);
        });
        for (let n = 1; n < read.length; n++) expect(comparePositions(read[n - 1].position, read[n].position)).toBe(-1);
      });

      it('reads forwards and backwards from a revision with a max count', async () => {
        const stream = uniquePrefix('window');
        await store.appendToStream(stream, newEvents(10), 'no_stream');
        const revisions = (events: RecordedEvent[]) => events.map((e) => e.revision);
        expect(revisions(await store.readStream(stream, { fromRevision: 3, maxCount: 4 }))).toEqual([3, 4, 5, 6]);
        expect(revisions(await store.readStream(stream, { direction: 'backwards', maxCount: 3 }))).toEqual([9, 8, 7]);
        expect(revisions(await store.readStream(stream, { direction: 'backwards', fromRevision: 4, maxCount: 2 }))).toEqual([4, 3]);
        expect(revisions(await store.readStream(stream, { direction: 'backwards', fromRevision: 'end', maxCount: 1 }))).toEqual([9]);
        expect(revisions(await store.readStream(stream, { fromRevision: 8 }))).toEqual([8, 9]);
        expect(revisions(await store.readStream(stream, { fromRevision: 20 }))).toEqual([]);
      });

      it('a missing stream reads as empty', async () => {
        expect(await store.readStream(uniquePrefix('none'))).toEqual([]);
      });
    });

    describe('reading all', () => {
      it('returns events after a position in global order, consistent with each stream', async () => {
        const prefix = uniquePrefix('all');
        const start = await currentEnd();
        await store.appendToStream(`${prefix}-a`, newEvents(2), 'no_stream');
        await store.appendToStream(`${prefix}-b`, newEvents(1), 'no_stream');
        await store.appendToStream(`${prefix}-a`, newEvents(1), 1);
        const all = await store.readAll({ after: start, filter: { streamPrefixes: [prefix] } });
        expect(all.map((e) => `${e.streamId.slice(prefix.length)}@${e.revision}`)).toEqual(['-a@0', '-a@1', '-b@0', '-a@2']);
        const rest = await store.readAll({ after: all[1].position, filter: { streamPrefixes: [prefix] } });
        expect(rest.map((e) => e.id)).toEqual(all.slice(2).map((e) => e.id));
        const page = await store.readAll({ after: start, maxCount: 2, filter: { streamPrefixes: [prefix] } });
        expect(page.map((e) => e.id)).toEqual(all.slice(0, 2).map((e) => e.id));
      });

      it('stops at an inclusive upper bound, with or without a filter', async () => {
        const prefix = uniquePrefix('until');
        const start = await currentEnd();
        await store.appendToStream(`${prefix}-a`, newEvents(2), 'no_stream');
        await store.appendToStream(`${prefix}-b`, newEvents(2), 'no_stream');
        const all = await store.readAll({ after: start, filter: { streamPrefixes: [prefix] } });
        expect(all).toHaveLength(4);
        const upToSecond = await store.readAll({ after: start, until: all[1].position, filter: { streamPrefixes: [prefix] } });
        expect(upToSecond.map((e) => e.id)).toEqual(all.slice(0, 2).map((e) => e.id));
        const between = await store.readAll({ after: all[0].position, until: all[2].position });
        expect(between.map((e) => e.id)).toEqual(all.slice(1, 3).map((e) => e.id));
        expect(await store.readAll({ after: all[1].position, until: all[1].position })).toEqual([]);
      });

      it('filters by event type or by stream prefix', async () => {
        const prefix = uniquePrefix('filter');
        const start = await currentEnd();
        const type = `Filtered${randomUUID().slice(0, 8)}`;
        await store.appendToStream(`${prefix}-x`, [newEvent(type), newEvent('Other')], 'no_stream');
        await store.appendToStream(`other-${prefix}`, [newEvent(type)], 'no_stream');
        const byType = await store.readAll({ after: start, filter: { eventTypes: [type] } });
        expect(byType.map((e) => e.streamId)).toEqual([`${prefix}-x`, `other-${prefix}`]);
        const byPrefix = await store.readAll({ after: start, filter: { streamPrefixes: [`${prefix}-`] } });
        expect(byPrefix.map((e) => e.type)).toEqual([type, 'Other']);
      });
    });

    describe('catch-up subscription', () => {
      it('delivers history, then live events, and resumes from a checkpoint with no gap and no repeat', async () => {
        const prefix = uniquePrefix('sub');
        const filter = { streamPrefixes: [prefix] };
        await store.appendToStream(`${prefix}-1`, newEvents(5), 'no_stream');

        const seen: RecordedEvent[] = [];
        let caughtUpAt = -1;
        const first = store.subscribeToAll((e) => void seen.push(e), { filter, onCaughtUp: () => (caughtUpAt = seen.length) });
        await waitFor(() => caughtUpAt >= 0);
        expect(caughtUpAt).toBe(5);
        expect(first.isCaughtUp).toBe(true);

        await store.appendToStream(`${prefix}-2`, newEvents(3), 'no_stream');
        await waitFor(() => seen.length === 8);
        await first.stop();
        const checkpoint = first.position;
        expect(checkpoint).toEqual(seen[7].position);

        await store.appendToStream(`${prefix}-1`, newEvents(2), 4);
        const resumed: RecordedEvent[] = [];
        const second = store.subscribeToAll((e) => void resumed.push(e), { filter, after: checkpoint });
        await waitFor(() => resumed.length === 2);
        await store.appendToStream(`${prefix}-3`, newEvents(1), 'no_stream');
        await waitFor(() => resumed.length === 3);
        await sleep(100);
        await second.stop();

        const ids = [...seen, ...resumed].map((e) => e.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(resumed.map((e) => `${e.streamId.slice(prefix.length)}@${e.revision}`)).toEqual(['-1@5', '-1@6', '-3@0']);
        const everything = await store.readAll({ filter, maxCount: 1000 });
        expect(ids).toEqual(everything.map((e) => e.id));
      });

      it('stops and rejects done when the handler throws, leaving the checkpoint before the failed event', async () => {
        const prefix = uniquePrefix('fail');
        await store.appendToStream(`${prefix}-1`, newEvents(3), 'no_stream');
        let calls = 0;
        const subscription = store.subscribeToAll(
          () => {
            calls++;
            if (calls === 2) throw new Error('projection failed');
          },
          { filter: { streamPrefixes: [prefix] } },
        );
        await expect(subscription.done).rejects.toThrow('projection failed');
        const [firstEvent] = await store.readStream(`${prefix}-1`, { maxCount: 1 });
        expect(subscription.position).toEqual(firstEvent.position);
      });
    });

    describe('torture: concurrent writers while a subscriber runs', () => {
      const writers = options.tortureWriters ?? 8;
      const perWriter = options.tortureEventsPerWriter ?? 2000;

      it(`${writers} writers × ${perWriter} events: the subscriber sees every committed event exactly once, in stream order`, async () => {
        const prefix = uniquePrefix('torture');
        const seen: RecordedEvent[] = [];
        const subscription = store.subscribeToAll((e) => void seen.push(e), { filter: { streamPrefixes: [prefix] } });

        const committed = new Set<string>();
        const sharedStreams = [`${prefix}-shared-0`, `${prefix}-shared-1`, `${prefix}-shared-2`];
        const writer = async (w: number): Promise<void> => {
          const own = `${prefix}-own-${w}`;
          let ownRevision: number | 'no_stream' = 'no_stream';
          let written = 0;
          for (let op = 0; written < perWriter; op++) {
            const count = Math.min(op % 50 === 49 ? 3 : 1, perWriter - written);
            const events = newEvents(count, 'TortureEventAppended');
            if (op % 2 === 0) {
              const result = await store.appendToStream(own, events, ownRevision);
              ownRevision = result.nextExpectedRevision;
            } else if (op % 7 === 3) {
              // A writer with a possibly stale view of a shared stream: conflicts are expected and write nothing.
              const shared = sharedStreams[op % 3];
              const [head] = await store.readStream(shared, { direction: 'backwards', maxCount: 1 });
              try {
                await store.appendToStream(shared, events, head ? head.revision : 'no_stream');
              } catch (error) {
                if (!(error instanceof WrongExpectedRevision)) throw error;
                continue;
              }
            } else {
              await store.appendToStream(sharedStreams[op % 3], events, 'any');
            }
            events.forEach((e) => committed.add(e.id));
            written += count;
          }
        };
        await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));

        await waitFor(() => seen.length >= committed.size, 120_000);
        await sleep(250);
        await subscription.stop();

        expect(seen.length).toBe(committed.size);
        expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
        expect(seen.every((e) => committed.has(e.id))).toBe(true);
        const nextRevision = new Map<string, number>();
        const outOfOrder: string[] = [];
        for (const event of seen) {
          const expected = nextRevision.get(event.streamId) ?? 0;
          if (event.revision !== expected) outOfOrder.push(`${event.streamId}@${event.revision} (expected ${expected})`);
          nextRevision.set(event.streamId, event.revision + 1);
        }
        expect(outOfOrder).toEqual([]);
        for (let n = 1; n < seen.length; n++) {
          if (comparePositions(seen[n - 1].position, seen[n].position) >= 0) throw new Error(`positions not increasing at ${n}`);
        }
      }, 300_000);
    });

    if (options.hashChained) {
      describe('hash chain', () => {
        it('links each event to the one before it in its stream, within and across appends', async () => {
          const stream = uniquePrefix('chain');
          await store.appendToStream(stream, newEvents(3), 'no_stream');
          await store.appendToStream(stream, [newEvent()], 2);
          await Promise.all(Array.from({ length: 4 }, () => store.appendToStream(stream, [newEvent()], 'any')));
          const events = await store.readStream(stream);
          expect(events[0].metadata.integrity).toMatchObject({ algorithm: 'sha256-jcs', previousHash: GENESIS_HASH });
          for (let n = 1; n < events.length; n++) {
            expect(events[n].metadata.integrity!.previousHash).toBe(events[n - 1].metadata.integrity!.hash);
          }
          expect(verifyStreamChain(stream, events)).toEqual({ ok: true, streamId: stream, events: 8, lastHash: events[7].metadata.integrity!.hash });
        });

        it('every stream this suite wrote verifies, after all its races, retries and conflicts', async () => {
          expect(streamsWritten.size).toBeGreaterThan(20);
          const broken = [];
          for (const stream of streamsWritten) {
            const result = verifyStreamChain(stream, await store.readStream(stream));
            if (!result.ok) broken.push(result);
          }
          expect(broken).toEqual([]);
        }, 120_000);
      });
    }
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}


/** The store, noting every stream appended to through it. */
function recordingStreams(store: EventStore, streams: Set<string>): EventStore {
  return {
    adapter: store.adapter,
    appendToStream: (streamId, events, expected) => {
      streams.add(streamId);
      return store.appendToStream(streamId, events, expected);
    },
    readStream: (streamId, options) => store.readStream(streamId, options),
    readAll: (options) => store.readAll(options),
    subscribeToAll: (handler, options) => store.subscribeToAll(handler, options),
    ping: () => store.ping(),
    close: () => store.close(),
  };
}
