import { AllStreamSubscription, jsonEvent } from '@eventstore/db-client';
import { Subscription as ClientSubscription } from '@eventstore/db-client/dist/streams/utils/Subscription';
import { convertGrpcEvent } from '@eventstore/db-client/dist/utils/convertGrpcEvent';
import { EventFilter, GlobalPosition, RecordedEvent } from '../event-store.port';
import { sleep, waitFor } from '../testing/event-store.contract';
import { newEvent } from '../testing/event-fixtures';
import { toEventData } from './event-mapping';
import { EventStoreDbSubscription } from './eventstoredb-subscription';
import { caughtUpResponse, FakeGrpcRead, readEventResponse } from './testing/grpc-read-fakes';

/**
 * The adapter's subscription over the client's real Subscription stream class, fed by an in-memory
 * stand-in for the gRPC call: what the client does with the server's messages (buffering, the
 * 'caughtUp' event, decoding) is the client's own code, only the network is missing.
 */
function open(options: {
  after?: GlobalPosition | 'start';
  filter?: EventFilter;
  handler: (event: RecordedEvent) => Promise<void> | void;
  onCaughtUp?: () => void;
}): { grpc: FakeGrpcRead; subscription: EventStoreDbSubscription } {
  const grpc = new FakeGrpcRead();
  type CreateStream = ConstructorParameters<typeof ClientSubscription>[0];
  const source = new ClientSubscription(
    (() => Promise.resolve(grpc)) as unknown as CreateStream,
    convertGrpcEvent,
    {},
  ) as unknown as AllStreamSubscription;
  const subscription = new EventStoreDbSubscription(source, { after: options.after ?? 'start', ...options });
  return { grpc, subscription };
}

let commit = 1000n;
function appended(streamId = 'referral-1', type = 'ReferralSubmitted', revision = 0) {
  commit += 100n;
  const position = { commit, prepare: commit };
  return { response: readEventResponse(toEventData(newEvent(type)), { streamId, revision, position }), position };
}

function systemEvent() {
  commit += 100n;
  const data = jsonEvent({ type: '$statsCollected', data: {} });
  return readEventResponse(data, { streamId: '$stats-127.0.0.1:2113', revision: 0, position: { commit, prepare: commit } });
}

describe('EventStoreDB subscription', () => {
  it('delivers history one event at a time, reports caught up after the last of it, then delivers live events', async () => {
    const seen: RecordedEvent[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    let caughtUpAt = -1;
    const { grpc, subscription } = open({
      handler: async (event) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await sleep(3);
        seen.push(event);
        inFlight--;
      },
      onCaughtUp: () => (caughtUpAt = seen.length),
    });
    const history = Array.from({ length: 5 }, () => appended());
    grpc.send(...history.map((h) => h.response), caughtUpResponse());

    await waitFor(() => caughtUpAt >= 0);
    expect(caughtUpAt).toBe(5);
    expect(subscription.isCaughtUp).toBe(true);

    const live = Array.from({ length: 3 }, () => appended('referral-2'));
    grpc.send(...live.map((l) => l.response));
    await waitFor(() => seen.length === 8);
    expect(subscription.position).toEqual(live[2].position);
    expect(maxInFlight).toBe(1);
    expect(seen.map((e) => e.position)).toEqual([...history, ...live].map((h) => h.position));

    await subscription.stop();
    await expect(subscription.done).resolves.toBeUndefined();
    await waitFor(() => grpc.cancelled);
  });

  it('reports caught up at once when the server has no history to send', async () => {
    let caughtUp = false;
    const { grpc, subscription } = open({ handler: () => undefined, onCaughtUp: () => (caughtUp = true) });
    grpc.send(caughtUpResponse());
    await waitFor(() => caughtUp);
    expect(subscription.isCaughtUp).toBe(true);
    expect(subscription.position).toBe('start');
    await subscription.stop();
  });

  it('is not caught up while the server has not said so', async () => {
    const seen: RecordedEvent[] = [];
    const { grpc, subscription } = open({ handler: (e) => void seen.push(e), onCaughtUp: () => undefined });
    grpc.send(appended().response, appended().response);
    await waitFor(() => seen.length === 2);
    await sleep(20);
    expect(subscription.isCaughtUp).toBe(false);
    await subscription.stop();
  });

  it('skips the event at the checkpoint, which the server sends first, and resumes strictly after it', async () => {
    const events = [appended(), appended(), appended()];
    const seen: RecordedEvent[] = [];
    const { grpc, subscription } = open({ after: events[0].position, handler: (e) => void seen.push(e) });
    grpc.send(...events.map((e) => e.response));
    await waitFor(() => seen.length === 2);
    await sleep(20);
    expect(seen.map((e) => e.position)).toEqual([events[1].position, events[2].position]);
    await subscription.stop();
  });

  it('skips system events and events outside the filter, and still counts them towards caught up', async () => {
    const seen: RecordedEvent[] = [];
    let caughtUpAt = -1;
    const { grpc, subscription } = open({
      filter: { streamPrefixes: ['referral-'] },
      handler: async (e) => {
        await sleep(2);
        seen.push(e);
      },
      onCaughtUp: () => (caughtUpAt = seen.length),
    });
    grpc.send(appended('referral-1').response, systemEvent(), appended('other-1').response, appended('referral-2').response, caughtUpResponse());
    await waitFor(() => caughtUpAt >= 0);
    expect(caughtUpAt).toBe(2);
    expect(seen.map((e) => e.streamId)).toEqual(['referral-1', 'referral-2']);
    await subscription.stop();
  });

  it('stops and rejects done when the handler throws, leaving the position before the failed event', async () => {
    const events = [appended(), appended(), appended()];
    const handled: RecordedEvent[] = [];
    const { grpc, subscription } = open({
      handler: (e) => {
        if (handled.length === 1) throw new Error('projection failed');
        handled.push(e);
      },
    });
    grpc.send(...events.map((e) => e.response));
    await expect(subscription.done).rejects.toThrow('projection failed');
    expect(subscription.position).toEqual(events[0].position);
    expect(handled).toHaveLength(1);
    await waitFor(() => grpc.cancelled);
  });

  it('lets the handler in flight finish when stopped, and counts it in the position', async () => {
    const event = appended();
    let release!: () => void;
    let started = false;
    const { grpc, subscription } = open({
      handler: () => {
        started = true;
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    grpc.send(event.response, appended().response);
    await waitFor(() => started);
    const stopped = subscription.stop();
    await sleep(10);
    release();
    await stopped;
    await expect(subscription.done).resolves.toBeUndefined();
    expect(subscription.position).toEqual(event.position);
  });

  it('rejects done when the connection fails', async () => {
    const { grpc, subscription } = open({ handler: () => undefined });
    await sleep(5); // the client attaches its error listener once the call is created
    grpc.emit('error', new Error('14 UNAVAILABLE: Connection dropped'));
    await expect(subscription.done).rejects.toThrow('UNAVAILABLE');
  });

  it('rejects done when the server ends the subscription on its own', async () => {
    const { grpc, subscription } = open({ handler: () => undefined });
    grpc.end();
    await expect(subscription.done).rejects.toThrow('ended the $all subscription');
  });

  it('rejects done when onCaughtUp throws', async () => {
    const { grpc, subscription } = open({
      handler: () => undefined,
      onCaughtUp: () => {
        throw new Error('caught-up hook failed');
      },
    });
    grpc.send(caughtUpResponse());
    await expect(subscription.done).rejects.toThrow('caught-up hook failed');
  });

  it('resolves done when stopped while waiting for events', async () => {
    const { grpc, subscription } = open({ handler: () => undefined });
    await sleep(5);
    await subscription.stop();
    await expect(subscription.done).resolves.toBeUndefined();
    await waitFor(() => grpc.cancelled);
  });
});
