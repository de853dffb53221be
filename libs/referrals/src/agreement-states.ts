import type { AgreementState } from '@app/domain';
import type { EventStore } from '@app/event-store';
import { AGREEMENT_MODEL, agreementStream } from './streams';

interface Folded {
  state: AgreementState;
  version: number;
}

/**
 * The agreements as this process last folded them. Every referral command and read needs one, and
 * agreements change rarely: each load reads only the events appended since the last one (usually
 * none) instead of reading and folding the whole stream again. The state is as current as a full
 * load's, since that read happens on every load; what is saved is re-reading and re-folding events
 * that never change once stored. Holds every agreement it was asked for: agreements stay few.
 *
 * Concurrent loads of one agreement share reads (see `FreshReads`): a burst of submissions under one
 * agreement costs two reads, not one each.
 */
export class AgreementStates {
  private readonly folded = new Map<string, Folded>();
  private readonly reads = new Map<string, FreshReads<Folded>>();

  constructor(private readonly store: EventStore) {}

  load(agreementId: string): Promise<Folded> {
    let reads = this.reads.get(agreementId);
    if (!reads) {
      reads = new FreshReads(() => this.readOn(agreementId));
      this.reads.set(agreementId, reads);
    }
    return reads.next();
  }

  private async readOn(agreementId: string): Promise<Folded> {
    const stream = agreementStream(agreementId);
    const known = this.folded.get(agreementId);
    const newer = await this.store.readStream(stream, known ? { fromRevision: known.version } : undefined);
    if (known && newer.length === 0) return known;
    let { state, version } = known ?? { state: AGREEMENT_MODEL.decider.initialState(), version: 0 };
    for (const recorded of newer) {
      if (recorded.revision !== version) throw new Error(`${stream}: expected revision ${version}, read ${recorded.revision}`);
      state = AGREEMENT_MODEL.decider.evolve(state, AGREEMENT_MODEL.upcast(recorded));
      version++;
    }
    const result = { state, version };
    if (version > 0) this.folded.set(agreementId, result);
    return result;
  }
}

/**
 * Reads of one thing, one at a time, shared by the callers that can share them. A caller must see
 * everything committed before it asked, so it may not join a read already under way (that read's
 * snapshot may be older than the caller's question); it joins the next read instead, which starts
 * when the current one ends and answers every caller that arrived meanwhile.
 */
export class FreshReads<T> {
  private running?: Promise<T>;
  private queued?: Promise<T>;

  constructor(private readonly read: () => Promise<T>) {}

  next(): Promise<T> {
    if (!this.running) return this.start();
    this.queued ??= this.running.then(
      () => this.startQueued(),
      () => this.startQueued(),
    );
    return this.queued;
  }

  private startQueued(): Promise<T> {
    this.queued = undefined;
    return this.start();
  }

  private start(): Promise<T> {
    const reading = this.read().finally(() => {
      if (this.running === reading) this.running = undefined;
    });
    this.running = reading;
    return reading;
  }
}
