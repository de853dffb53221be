import { randomUUID } from 'node:crypto';
import { Decider, StoredEventShape } from '@app/domain';
import { EventMetadata, EventStore, RecordedEvent, WrongExpectedRevision } from '@app/event-store';
import { eventsAppended, streamCategory } from '@app/platform';

/** How one aggregate is stored: its decider, and how its events map to and from the stored shape. */
export interface EventSourcedModel<Command, Event extends { type: string; data: unknown }, State, Context> {
  decider: Decider<Command, Event, State, Context>;
  upcast: (stored: StoredEventShape) => Event;
  stored: (event: Event) => StoredEventShape;
}

/** A stream folded into state. `version` counts the stream's events: 0 for a stream that does not exist. */
export interface Loaded<State> {
  state: State;
  version: number;
  history: RecordedEvent[];
}

export interface Execution<Event, State = unknown> {
  /** The events this command appended (empty when it was an idempotent repeat). */
  events: Event[];
  /** The stream's version after the command. */
  version: number;
  /** The stream's state after the command: what a reload right after it would fold. */
  state: State;
}

export interface ExecuteOptions<Event, State> {
  /** The version the caller saw (If-Match): a stream that moved on is a StaleVersion. */
  expectedVersion?: number;
  /**
   * Answers from the stream as loaded, without deciding, when it shows that the command was already
   * carried out (an idempotent repeat); undefined to decide it. Asked on every load, so a repeat
   * that raced this command and won is recognised on the retry.
   */
  alreadyDone?: (loaded: Loaded<State>) => Promise<Execution<Event, State> | undefined>;
  /**
   * The command normally starts its stream (a submission): the first attempt decides on the initial
   * state and appends expecting no stream, without reading it first. A stream that exists after all
   * (a repeat, or a race with one) makes that append fail, its events' ids being new, and the command
   * is loaded and decided again as any other, `alreadyDone` first.
   */
  startsStream?: boolean;
}

/** Who asked, and in answer to what: the metadata every appended event carries. */
export interface CommandOrigin {
  actorUserId: string;
  actorAgencyId: string;
  correlationId: string;
  causationId?: string | null;
  /** When the command happened (the decider's `at`). */
  occurredAt: string;
}

export class StaleVersion extends Error {
  readonly code = 'STALE_VERSION';

  constructor(
    readonly streamId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`${streamId} is at version ${actual}, not ${expected}`);
    this.name = 'StaleVersion';
  }
}

const MAX_ATTEMPTS = 5;

/**
 * Load, decide, append with the expected revision. When the caller names the version it saw
 * (If-Match), a stream that moved on is a StaleVersion and nothing is appended. Without one, a
 * concurrent write between load and append makes the store reject the append, and the command is
 * decided again on the new state: the decision is always made on the state it is appended after.
 */
export class CommandExecutor {
  constructor(private readonly store: EventStore) {}

  async load<C, E extends { type: string; data: unknown }, S, X>(
    streamId: string,
    model: EventSourcedModel<C, E, S, X>,
  ): Promise<Loaded<S>> {
    const history = await this.store.readStream(streamId);
    const state = history.reduce((s, recorded) => model.decider.evolve(s, model.upcast(recorded)), model.decider.initialState());
    return { state, version: history.length, history };
  }

  async execute<C, E extends { type: string; data: unknown }, S, X>(
    streamId: string,
    model: EventSourcedModel<C, E, S, X>,
    command: C,
    context: (loaded: Loaded<S>) => Promise<X> | X,
    origin: CommandOrigin,
    options: ExecuteOptions<E, S> = {},
  ): Promise<Execution<E, S>> {
    for (let attempt = 1; ; attempt++) {
      const assumeNew = attempt === 1 && options.startsStream === true && options.expectedVersion === undefined;
      const loaded: Loaded<S> = assumeNew ? { state: model.decider.initialState(), version: 0, history: [] } : await this.load(streamId, model);
      const done = await options.alreadyDone?.(loaded);
      if (done) return done;
      if (options.expectedVersion !== undefined && options.expectedVersion !== loaded.version) {
        throw new StaleVersion(streamId, options.expectedVersion, loaded.version);
      }
      const events = model.decider.decide(command, loaded.state, await context(loaded));
      if (events.length === 0) return { events, version: loaded.version, state: loaded.state };
      const metadata: EventMetadata = {
        correlationId: origin.correlationId,
        causationId: origin.causationId ?? null,
        actorUserId: origin.actorUserId,
        actorAgencyId: origin.actorAgencyId,
        occurredAt: origin.occurredAt,
      };
      try {
        const result = await this.store.appendToStream(
          streamId,
          events.map((event) => ({ id: randomUUID(), ...model.stored(event), metadata })),
          loaded.version === 0 ? 'no_stream' : loaded.version - 1,
        );
        eventsAppended.inc({ category: streamCategory(streamId) }, events.length);
        return { events, version: result.nextExpectedRevision + 1, state: events.reduce((state, event) => model.decider.evolve(state, event), loaded.state) };
      } catch (error) {
        const retry = error instanceof WrongExpectedRevision && options.expectedVersion === undefined && attempt < MAX_ATTEMPTS;
        if (!retry) {
          if (error instanceof WrongExpectedRevision && options.expectedVersion !== undefined) {
            throw new StaleVersion(streamId, options.expectedVersion, typeof error.actualRevision === 'number' ? error.actualRevision + 1 : 0);
          }
          throw error;
        }
      }
    }
  }
}
