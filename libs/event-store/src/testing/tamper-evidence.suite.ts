import { Queryable } from '@app/database';
import { RecordedEvent } from '../event-store.port';
import { ChainVerification, verifyStreamChain } from '../integrity/chain-verifier';
import { eventHash } from '../integrity/event-hash';
import { HashChainedEventStore } from '../integrity/hash-chained-event-store';
import { verifyEventStore } from '../integrity/verify-event-store';
import { newEvent, newEvents, uniquePrefix } from './event-fixtures';
import { PostgresTarget } from './postgres-targets';

/**
 * Rows of `es_events` altered and deleted behind the application's back, as someone with direct
 * access to the database could: verification must name the first broken link of each stream.
 */
export function describeTamperEvidence(name: string, createTarget: () => Promise<PostgresTarget>): void {
  describe(`tamper evidence: ${name}`, () => {
    let target: PostgresTarget;
    let store: HashChainedEventStore;

    beforeAll(async () => {
      target = await createTarget();
      store = new HashChainedEventStore(target.store);
    });

    afterAll(async () => {
      await target?.dispose();
    });

    /** Runs SQL the table's append-only trigger would refuse, with the trigger off for that transaction only. */
    async function behindTheApplicationsBack(work: (db: Queryable) => Promise<unknown>): Promise<void> {
      await target.sql.transaction(async (tx) => {
        await tx.query('ALTER TABLE es_events DISABLE TRIGGER USER');
        await work(tx);
        await tx.query('ALTER TABLE es_events ENABLE TRIGGER USER');
      });
    }

    /** A stream of six events, appended through the chain in batches and one by one. */
    async function chainedStream(label: string): Promise<{ stream: string; events: RecordedEvent[] }> {
      const stream = uniquePrefix(label);
      await store.appendToStream(stream, newEvents(3, 'StepRecorded'), 'no_stream');
      await store.appendToStream(stream, [newEvent('StepRecorded', { n: 3 })], 2);
      await store.appendToStream(stream, newEvents(2, 'StepRecorded'), 'any');
      const events = await store.readStream(stream);
      expect(verifyStreamChain(stream, events)).toMatchObject({ ok: true, events: 6 });
      return { stream, events };
    }

    const verify = async (stream: string): Promise<ChainVerification> => verifyStreamChain(stream, await store.readStream(stream));

    it('the table refuses UPDATE and DELETE while its trigger is on', async () => {
      const { stream } = await chainedStream('guarded');
      await expect(target.sql.query('DELETE FROM es_events WHERE stream_id = $1', [stream])).rejects.toThrow(/append-only/);
      expect(await verify(stream)).toMatchObject({ ok: true, events: 6 });
    });

    it('an altered row is named: hash-mismatch at its revision', async () => {
      const { stream, events } = await chainedStream('altered');
      await behindTheApplicationsBack((db) =>
        db.query(`UPDATE es_events SET data = jsonb_set(data, '{n}', '99') WHERE stream_id = $1 AND stream_revision = 2`, [stream]),
      );
      expect(await verify(stream)).toEqual({
        ok: false,
        streamId: stream,
        firstBroken: { revision: 2, eventId: events[2].id, type: 'StepRecorded', reason: 'hash-mismatch' },
      });
    });

    it('an altered actor in the metadata is named too', async () => {
      const { stream, events } = await chainedStream('actor');
      await behindTheApplicationsBack((db) =>
        db.query(`UPDATE es_events SET metadata = jsonb_set(metadata, '{actorUserId}', '"someone-else"') WHERE stream_id = $1 AND stream_revision = 4`, [stream]),
      );
      expect(await verify(stream)).toMatchObject({ ok: false, firstBroken: { revision: 4, eventId: events[4].id, reason: 'hash-mismatch' } });
    });

    it('a deleted middle row is named at the event after it: revision-gap', async () => {
      const { stream, events } = await chainedStream('deleted');
      await behindTheApplicationsBack((db) => db.query('DELETE FROM es_events WHERE stream_id = $1 AND stream_revision = 2', [stream]));
      expect(await verify(stream)).toMatchObject({ ok: false, firstBroken: { revision: 3, eventId: events[3].id, reason: 'revision-gap' } });
    });

    it('a deleted middle row with the later ones renumbered is named: previous-hash-mismatch', async () => {
      const { stream, events } = await chainedStream('renumbered');
      await behindTheApplicationsBack(async (db) => {
        await db.query('DELETE FROM es_events WHERE stream_id = $1 AND stream_revision = 2', [stream]);
        // Two steps, so that no intermediate row collides with another on the primary key.
        await db.query('UPDATE es_events SET stream_revision = stream_revision + 1000 WHERE stream_id = $1 AND stream_revision > 2', [stream]);
        await db.query('UPDATE es_events SET stream_revision = stream_revision - 1001 WHERE stream_id = $1 AND stream_revision > 1000', [stream]);
      });
      const remaining = await store.readStream(stream);
      expect(remaining.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
      expect(await verify(stream)).toMatchObject({ ok: false, firstBroken: { revision: 2, eventId: events[3].id, reason: 'previous-hash-mismatch' } });
    });

    it('a replaced row re-chained to its predecessor, later hashes not recomputed, is named at the next link', async () => {
      const { stream, events } = await chainedStream('forged');
      const original = events[2];
      const forged = { ...original, data: { n: 'forged' } };
      const previousHash = original.metadata.integrity!.previousHash;
      const integrity = { algorithm: 'sha256-jcs', previousHash, hash: eventHash(forged, previousHash) };
      await behindTheApplicationsBack((db) =>
        db.query(`UPDATE es_events SET data = $2::jsonb, metadata = jsonb_set(metadata, '{integrity}', $3::jsonb) WHERE stream_id = $1 AND stream_revision = 2`, [
          stream,
          JSON.stringify(forged.data),
          JSON.stringify(integrity),
        ]),
      );
      // The forged event itself is consistent; its successor still points at the original.
      expect(verifyStreamChain(stream, (await store.readStream(stream)).slice(0, 3))).toMatchObject({ ok: true });
      expect(await verify(stream)).toMatchObject({ ok: false, firstBroken: { revision: 3, eventId: events[3].id, reason: 'previous-hash-mismatch' } });
    });

    it('an event appended around the chain is named: missing-chain', async () => {
      const { stream, events } = await chainedStream('around');
      await target.store.appendToStream(stream, [newEvent('StepRecorded')], events.length - 1);
      expect(await verify(stream)).toMatchObject({ ok: false, firstBroken: { revision: 6, reason: 'missing-chain' } });
    });

    it('verifying the whole store in one pass names each broken stream once, at its first broken link', async () => {
      const intact = await chainedStream('intact');
      const first = await chainedStream('whole-altered');
      const second = await chainedStream('whole-deleted');
      await behindTheApplicationsBack(async (db) => {
        await db.query(`UPDATE es_events SET event_type = 'Rewritten' WHERE stream_id = $1 AND stream_revision IN (1, 4)`, [first.stream]);
        await db.query('DELETE FROM es_events WHERE stream_id = $1 AND stream_revision = 0', [second.stream]);
      });
      const result = await verifyEventStore(store, { batchSize: 7 });
      const byStream = new Map(result.broken.map((b) => [b.streamId, b.firstBroken]));
      expect(byStream.get(first.stream)).toEqual({ revision: 1, eventId: first.events[1].id, type: 'Rewritten', reason: 'hash-mismatch' });
      expect(byStream.get(second.stream)).toEqual({ revision: 1, eventId: second.events[1].id, type: 'StepRecorded', reason: 'revision-gap' });
      expect(byStream.has(intact.stream)).toBe(false);
      const total = Number((await target.sql.query<{ n: string }>('SELECT count(*)::text AS n FROM es_events')).rows[0].n);
      expect(result.events).toBe(total);
    });
  });
}
