import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import { EventFilter, EventHandler, GlobalPosition, Subscription } from '../event-store.port';
import { CaughtUpTracker } from './caught-up-tracker';
import { selectEvent } from './select-event';

export interface EventStoreDbSubscriptionOptions {
  /** Exclusive checkpoint; the client's subscription must have been opened at it (or at the start). */
  after: GlobalPosition | 'start';
  filter?: EventFilter;
  handler: EventHandler;
  onCaughtUp?: () => void;
}

/**
 * Drives a client `$all` catch-up subscription. Iterating the client's stream with `for await` takes
 * one event at a time and pulls the next only after the handler settled, so a slow handler holds the
 * stream back (and through gRPC flow control, the server) instead of piling events up in memory.
 *
 * "Caught up" relies on the server's CaughtUp message (EventStoreDB 23.10 and later, KurrentDB);
 * against older servers `onCaughtUp` is never called and `isCaughtUp` stays false.
 */
export class EventStoreDbSubscription implements Subscription {
  readonly done: Promise<void>;
  private current: GlobalPosition | 'start';
  private readonly tracker = new CaughtUpTracker();
  private closing = false;
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly source: AllStreamSubscription,
    private readonly options: EventStoreDbSubscriptionOptions,
  ) {
    this.current = options.after;
    source.on('caughtUp', this.onServerCaughtUp);
    this.done = this.run();
  }

  get position(): GlobalPosition | 'start' {
    return this.current;
  }

  get isCaughtUp(): boolean {
    return this.tracker.isCaughtUp;
  }

  async stop(): Promise<void> {
    this.close();
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    try {
      for await (const resolved of this.source as AsyncIterable<AllStreamResolvedEvent>) {
        this.tracker.take();
        if (this.closing) break;
        const event = selectEvent(resolved, this.current, this.options.filter);
        if (event) {
          try {
            await this.options.handler(event);
          } catch (error) {
            this.fail(error);
            break;
          }
          this.current = event.position;
        }
        if (this.tracker.settle()) this.announceCaughtUp();
      }
      if (!this.closing) this.failure ??= { error: new Error('The EventStoreDB server ended the $all subscription') };
    } catch (error) {
      // Closing destroys the stream, which ends the iteration with a premature-close error: not a failure.
      if (!this.closing) this.failure ??= { error };
    } finally {
      this.source.removeListener('caughtUp', this.onServerCaughtUp);
      this.close();
    }
    if (this.failure) throw this.failure.error;
  }

  private readonly onServerCaughtUp = (): void => {
    if (this.tracker.serverCaughtUp(this.source.readableLength)) this.announceCaughtUp();
  };

  private announceCaughtUp(): void {
    try {
      this.options.onCaughtUp?.();
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    this.failure ??= { error };
    this.close();
  }

  /** Cancels the gRPC call and ends the iteration in `run`, wherever it is waiting. */
  private close(): void {
    if (this.closing) return;
    this.closing = true;
    // The client emits late gRPC errors on the stream with `emit('error')`; once we have let go of it,
    // an 'error' without a listener would crash the process.
    this.source.on('error', () => undefined);
    void this.source.unsubscribe().catch(() => undefined);
    this.source.destroy();
  }
}
