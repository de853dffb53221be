import { LUCCA_PROTOCOL_TERMS } from '@app/domain';
import { activated, drafted, suspended } from '@app/domain/testing/agreement.fixtures';
import type { EventStore, ReadStreamOptions, RecordedEvent } from '@app/event-store';
import { metadata } from '@app/event-store/testing/event-fixtures';
import { AgreementStates, FreshReads } from './agreement-states';
import { AGREEMENT_MODEL } from './streams';

/**
 * An agreement stream in memory whose reads take their snapshot when they are asked for, as a
 * statement does, and answer only when the test lets them.
 */
class HeldReads {
  readonly events: RecordedEvent[] = [];
  reads = 0;
  private readonly held: (() => void)[] = [];
  failNext = false;

  append(event: { type: string; data: unknown }): void {
    const stored = AGREEMENT_MODEL.stored(event as never);
    this.events.push({
      id: `00000000-0000-4000-8000-${String(this.events.length).padStart(12, '0')}`,
      type: stored.type,
      schemaVersion: stored.schemaVersion,
      data: stored.data,
      metadata: metadata(),
      streamId: 'agreement-lucca-2007',
      revision: this.events.length,
      position: { commit: BigInt(this.events.length), prepare: BigInt(this.events.length) },
      recordedAt: new Date(),
    });
  }

  /** Lets the oldest held read answer, and waits until its callers have had it. */
  async release(): Promise<void> {
    this.held.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  }

  get pending(): number {
    return this.held.length;
  }

  store(): EventStore {
    return {
      readStream: (_stream: string, options?: ReadStreamOptions) => {
        this.reads++;
        const from = options?.fromRevision;
        const snapshot = this.events.slice(typeof from === 'number' ? from : 0);
        const fail = this.failNext;
        this.failNext = false;
        return new Promise<RecordedEvent[]>((resolve, reject) =>
          this.held.push(() => (fail ? reject(new Error('connection lost')) : resolve(snapshot))),
        );
      },
    } as unknown as EventStore;
  }
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('AgreementStates', () => {
  let stream: HeldReads;
  let states: AgreementStates;

  beforeEach(() => {
    stream = new HeldReads();
    stream.append(drafted(LUCCA_PROTOCOL_TERMS));
    stream.append(activated());
    states = new AgreementStates(stream.store());
  });

  it('answers ten concurrent loads of one agreement with two reads', async () => {
    const loads = Array.from({ length: 10 }, () => states.load('lucca-2007'));
    expect(stream.reads).toBe(1);
    await stream.release();
    expect(stream.reads).toBe(2);
    await stream.release();
    const folded = await Promise.all(loads);
    expect(folded.map((f) => f.version)).toEqual(Array(10).fill(2));
    expect(folded[0].state.status).toBe('active');
    expect(stream.pending).toBe(0);
  });

  it('never answers a load with a read that began before it was asked', async () => {
    const early = states.load('lucca-2007');
    // Suspended after the first read took its snapshot, before the second load was asked.
    stream.append(suspended());
    const late = states.load('lucca-2007');
    await stream.release();
    expect((await early).version).toBe(2);
    await stream.release();
    const latest = await late;
    expect(latest.version).toBe(3);
    expect(latest.state.status).toBe('suspended');
  });

  it('reads on from what it folded before', async () => {
    const first = states.load('lucca-2007');
    await stream.release();
    await first;
    const again = states.load('lucca-2007');
    await stream.release();
    expect((await again).version).toBe(2);
    expect(stream.reads).toBe(2);
  });

  it('fails the callers of a failed read only; the next load reads again', async () => {
    stream.failNext = true;
    const failing = states.load('lucca-2007');
    const queued = states.load('lucca-2007');
    await stream.release();
    await expect(failing).rejects.toThrow('connection lost');
    await flush();
    await stream.release();
    expect((await queued).version).toBe(2);
  });
});

describe('FreshReads', () => {
  it('starts a read only when none is under way, and one more for all who asked meanwhile', async () => {
    const releases: (() => void)[] = [];
    let started = 0;
    const reads = new FreshReads(() => {
      const n = ++started;
      return new Promise<number>((resolve) => releases.push(() => resolve(n)));
    });
    const first = reads.next();
    const second = reads.next();
    const third = reads.next();
    expect(started).toBe(1);
    releases[0]();
    expect(await first).toBe(1);
    await flush();
    expect(started).toBe(2);
    const fourth = reads.next(); // The second read is under way: this one waits for a third.
    releases[1]();
    expect(await second).toBe(2);
    expect(await third).toBe(2);
    await flush();
    releases[2]();
    expect(await fourth).toBe(3);
  });
});
