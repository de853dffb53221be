import type { EventStore } from '@app/event-store';
import type { Decider } from '@app/domain';
import type { EventSourcedModel } from './command-executor';

/** What folding a stream needs of its model. */
type FoldingModel<Event extends { type: string; data: unknown }, State> = Pick<EventSourcedModel<unknown, Event, State, unknown>, 'upcast'> & {
  decider: Pick<Decider<unknown, Event, State, unknown>, 'initialState' | 'evolve'>;
};

interface Folded<State> {
  state: State;
  version: number;
}

/**
 * The folded state of streams that are read far more often than written, such as agreements (every
 * referral command needs its agreement): each load reads only the events appended since the last
 * one, usually none, instead of reading and folding the whole stream again. The state is as current
 * as a full load's, since that read happens on every load; what is saved is re-reading and
 * re-folding events that never change once stored.
 *
 * Holds every stream it was asked for, so it is meant for a kind of stream that stays few.
 */
export class FoldedStreams<Event extends { type: string; data: unknown }, State> {
  private readonly folded = new Map<string, Folded<State>>();

  constructor(
    private readonly store: EventStore,
    private readonly model: FoldingModel<Event, State>,
  ) {}

  async load(streamId: string): Promise<Folded<State>> {
    const known = this.folded.get(streamId);
    const newer = await this.store.readStream(streamId, known ? { fromRevision: known.version } : undefined);
    if (known && newer.length === 0) return known;
    let { state, version } = known ?? { state: this.model.decider.initialState(), version: 0 };
    for (const recorded of newer) {
      if (recorded.revision !== version) throw new Error(`${streamId}: expected revision ${version}, read ${recorded.revision}`);
      state = this.model.decider.evolve(state, this.model.upcast(recorded));
      version++;
    }
    // Loads run concurrently: one that read less must not replace a later fold.
    const latest = this.folded.get(streamId);
    if (latest && latest.version >= version) return latest;
    const result = { state, version };
    if (version > 0) this.folded.set(streamId, result);
    return result;
  }
}
