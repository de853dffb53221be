import { CaughtUpTracker } from './caught-up-tracker';

describe('caught-up tracker', () => {
  it('is caught up at once when the server reports it with nothing taken or buffered', () => {
    const tracker = new CaughtUpTracker();
    expect(tracker.serverCaughtUp(0)).toBe(true);
    expect(tracker.isCaughtUp).toBe(true);
  });

  it('waits for the events still buffered when the server reported it', () => {
    const tracker = new CaughtUpTracker();
    tracker.take();
    expect(tracker.settle()).toBe(false);
    expect(tracker.serverCaughtUp(2)).toBe(false);
    tracker.take();
    expect(tracker.settle()).toBe(false);
    expect(tracker.isCaughtUp).toBe(false);
    tracker.take();
    expect(tracker.settle()).toBe(true);
    expect(tracker.isCaughtUp).toBe(true);
  });

  it('waits for the event in the handler when the report arrives meanwhile', () => {
    const tracker = new CaughtUpTracker();
    tracker.take();
    expect(tracker.serverCaughtUp(0)).toBe(false);
    expect(tracker.settle()).toBe(true);
  });

  it('reports reaching it once, and keeps the first report of the server', () => {
    const tracker = new CaughtUpTracker();
    expect(tracker.serverCaughtUp(1)).toBe(false);
    expect(tracker.serverCaughtUp(5)).toBe(false);
    tracker.take();
    expect(tracker.settle()).toBe(true);
    tracker.take();
    expect(tracker.settle()).toBe(false);
    expect(tracker.serverCaughtUp(0)).toBe(false);
    expect(tracker.isCaughtUp).toBe(true);
  });

  it('is never caught up without a report from the server', () => {
    const tracker = new CaughtUpTracker();
    for (let n = 0; n < 3; n++) {
      tracker.take();
      expect(tracker.settle()).toBe(false);
    }
    expect(tracker.isCaughtUp).toBe(false);
  });
});
