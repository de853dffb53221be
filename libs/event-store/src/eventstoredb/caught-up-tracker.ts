/**
 * Decides when a subscription's handler has finished every event the server sent before it reported
 * "caught up". The client emits 'caughtUp' as soon as that message passes through its stream, while
 * events before it may still wait in the stream's buffer or be in the handler; so the moment is
 * remembered as a count (events taken so far + events still buffered) and reached when that many
 * events have been settled (handled or skipped).
 */
export class CaughtUpTracker {
  private taken = 0;
  private settled = 0;
  private target: number | undefined;
  private reached = false;

  get isCaughtUp(): boolean {
    return this.reached;
  }

  /** An event left the client's buffer on its way to the handler. */
  take(): void {
    this.taken++;
  }

  /** The event taken last was handled or skipped. True when this completes catching up. */
  settle(): boolean {
    this.settled++;
    return this.check();
  }

  /** The server reported the live point with `buffered` events still queued before that message. True when already reached. */
  serverCaughtUp(buffered: number): boolean {
    // Only the first report counts: after falling behind and catching up again the subscription
    // has long delivered what existed when it started.
    if (this.target === undefined) this.target = this.taken + buffered;
    return this.check();
  }

  private check(): boolean {
    if (this.reached || this.target === undefined || this.settled < this.target) return false;
    this.reached = true;
    return true;
  }
}
