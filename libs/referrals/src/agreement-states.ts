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
 */
export class AgreementStates {
  private readonly folded = new Map<string, Folded>();

  constructor(private readonly store: EventStore) {}

  async load(agreementId: string): Promise<Folded> {
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
    // Loads run concurrently: one that read less must not replace a later fold.
    const latest = this.folded.get(agreementId);
    if (latest && latest.version >= version) return latest;
    const result = { state, version };
    if (version > 0) this.folded.set(agreementId, result);
    return result;
  }
}
