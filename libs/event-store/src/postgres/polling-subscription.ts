import { EventEmitter } from 'node:events';
import { EventHandler, GlobalPosition, RecordedEvent, Subscription } from '../event-store.port';

export interface PollingSubscriptionOptions {
  after: GlobalPosition | 'start';
  handler: EventHandler;
  onCaughtUp?: () => void;
  /** The next events in global order strictly after the position. */
  readBatch: (after: GlobalPosition | 'start') => Promise<RecordedEvent[]>;
  /** Whether a committed event after the position exists, even one readers may not see yet. */
  hasMore: (after: GlobalPosition | 'start') => Promise<boolean>;
  /** Emits 'appended' whenever new events may have been committed. */
  wakeups: EventEmitter;
  pollIntervalMs: number;
}

const HELD_BACK_FIRST_RETRY_MS = 2;
const HELD_BACK_MAX_RETRY_MS = 200;

/**
 * Catch-up then live, by reading batches after the last delivered position. Live delivery waits for
 * a wake-up (local append or NOTIFY) or the poll interval. Events committed but held back behind an
 * older in-flight transaction are retried quickly with back-off, so a slow transaction delays
 * delivery without making the subscriber wait a whole poll interval.
 */
export class PollingSubscription implements Subscription {
  readonly done: Promise<void>;
  private current: GlobalPosition | 'start';
  private caughtUp = false;
  private stopped = false;
  private dirty = false;
  private wake?: () => void;

  constructor(private readonly options: PollingSubscriptionOptions) {
    this.current = options.after;
    options.wakeups.on('appended', this.onAppended);
    this.done = this.run().finally(() => options.wakeups.off('appended', this.onAppended));
  }

  get position(): GlobalPosition | 'start' {
    return this.current;
  }

  get isCaughtUp(): boolean {
    return this.caughtUp;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.done.catch(() => undefined);
  }

  private readonly onAppended = (): void => {
    this.dirty = true;
    this.wake?.();
  };

  private async run(): Promise<void> {
    let heldBackDelay = HELD_BACK_FIRST_RETRY_MS;
    while (!this.stopped) {
      // Cleared before reading: an append that lands during the read sets it again and we re-read.
      this.dirty = false;
      const batch = await this.options.readBatch(this.current);
      for (const event of batch) {
        if (this.stopped) return;
        await this.options.handler(event);
        this.current = event.position;
      }
      if (batch.length > 0) {
        heldBackDelay = HELD_BACK_FIRST_RETRY_MS;
        continue;
      }
      if (await this.options.hasMore(this.current)) {
        await this.sleep(heldBackDelay);
        heldBackDelay = Math.min(heldBackDelay * 2, HELD_BACK_MAX_RETRY_MS);
        continue;
      }
      heldBackDelay = HELD_BACK_FIRST_RETRY_MS;
      if (!this.caughtUp) {
        this.caughtUp = true;
        this.options.onCaughtUp?.();
      }
      if (!this.dirty) await this.sleep(this.options.pollIntervalMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const wake = (): void => done();
      this.wake = wake;
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
    });
  }
}
