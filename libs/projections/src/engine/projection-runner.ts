import type { DataSource } from 'typeorm';
import type { EventStore, GlobalPosition } from '@app/event-store';
import { AgreementCatalog } from './agreement-catalog';
import { applyBatch, liveScope } from './apply-batch';
import { readCheckpoint } from './checkpoints';
import type { Projection } from './projection';

export interface ProjectionRunnerOptions {
  /** Events per transaction. */
  batchSize?: number;
  /** How often to look for new events once caught up (after an empty or a short batch). */
  pollIntervalMs?: number;
  /** First wait after a failure; doubles up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Told about failures (the runner retries them) and about each applied batch. */
  onError?: (projection: string, error: unknown) => void;
  onBatch?: (projection: string, events: number) => void;
}

export interface RunnerStatus {
  name: string;
  running: boolean;
  /** The last failure, until a batch succeeds again. */
  failure: string | null;
}

/**
 * Keeps one projection's live tables up to date: reads the events after its stored checkpoint, in
 * batches, and applies each batch with its checkpoint in one transaction (see `applyBatch`). Nothing
 * is kept in memory that the database does not also hold, so a crash at any instant loses at most the
 * batch in flight, which the next start reads again. Failures are retried with back-off; meanwhile
 * `status().failure` says what went wrong.
 */
export class ProjectionRunner {
  private readonly options: Required<Omit<ProjectionRunnerOptions, 'onError' | 'onBatch'>> & Pick<ProjectionRunnerOptions, 'onError' | 'onBatch'>;
  private loop?: Promise<void>;
  private stopped = false;
  private wake?: () => void;
  private failure: string | null = null;

  constructor(
    readonly projection: Projection,
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
    options: ProjectionRunnerOptions = {},
  ) {
    this.options = {
      batchSize: options.batchSize ?? 500,
      pollIntervalMs: options.pollIntervalMs ?? 100,
      retryDelayMs: options.retryDelayMs ?? 500,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 30_000,
      onError: options.onError,
      onBatch: options.onBatch,
    };
  }

  start(): void {
    if (this.loop) return;
    this.stopped = false;
    this.loop = this.supervise();
  }

  /** Waits for the batch in flight, if any, to commit or roll back. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  status(): RunnerStatus {
    return { name: this.projection.name, running: this.loop !== undefined && !this.stopped, failure: this.failure };
  }

  private async supervise(): Promise<void> {
    let delay = this.options.retryDelayMs;
    while (!this.stopped) {
      try {
        await this.follow(() => {
          this.failure = null;
          delay = this.options.retryDelayMs;
        });
      } catch (error) {
        this.failure = error instanceof Error ? error.message : String(error);
        this.options.onError?.(this.projection.name, error);
        await this.sleep(delay);
        delay = Math.min(delay * 2, this.options.maxRetryDelayMs);
      }
    }
  }

  private async follow(succeeded: () => void): Promise<void> {
    const { projection, dataSource, store } = this;
    const agreements = new AgreementCatalog(store);
    const scope = liveScope(projection);
    let position: GlobalPosition | 'start' = (await readCheckpoint(dataSource.manager, projection.name)).position;
    while (!this.stopped) {
      const events = await store.readAll({ after: position, maxCount: this.options.batchSize, filter: projection.filter });
      if (events.length === 0) {
        succeeded();
        await this.sleep(this.options.pollIntervalMs);
        continue;
      }
      // Before the transaction, never inside it: on PGlite the transaction holds the only connection.
      await agreements.catchUp(events[events.length - 1].position);
      const outcome = await applyBatch(dataSource, projection, scope, position, events, { agreements });
      position = outcome.position;
      succeeded();
      if (outcome.kind === 'applied') this.options.onBatch?.(projection.name, events.length);
      // A short batch was the last of what there was: the runner is caught up. Reading again at once
      // would find the one or two events appended meanwhile and spend a transaction on each; after the
      // poll interval, one transaction takes all that arrived in it.
      if (outcome.kind === 'applied' && events.length < this.options.batchSize) await this.sleep(this.options.pollIntervalMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      this.wake = done;
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
    });
  }
}
