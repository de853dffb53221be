import { jsonEvent } from '@eventstore/db-client';
import { GlobalPosition } from '../event-store.port';
import { newEvent } from '../testing/event-fixtures';
import { toEventData } from './event-mapping';
import { isPastBound, selectEvent } from './select-event';
import { decodeReadEvent, readEventResponse } from './testing/grpc-read-fakes';

function at(commit: bigint, streamId = 'referral-1', type = 'ReferralSubmitted') {
  const position: GlobalPosition = { commit, prepare: commit };
  return decodeReadEvent(readEventResponse(toEventData(newEvent(type)), { streamId, revision: 0, position }));
}

function systemAt(commit: bigint, streamId: string, type: string) {
  const data = jsonEvent({ type, data: {} });
  return decodeReadEvent(readEventResponse(data, { streamId, revision: 0, position: { commit, prepare: commit } }));
}

describe('selecting $all events after an exclusive checkpoint', () => {
  const checkpoint: GlobalPosition = { commit: 200n, prepare: 200n };
  const read = [at(200n), at(300n), systemAt(350n, '$stats-127.0.0.1:2113', '$statsCollected'), at(400n, 'case-9'), at(500n)];

  it('drops the event at the checkpoint itself, which the inclusive read returns first', () => {
    const selected = read.map((r) => selectEvent(r, checkpoint, undefined)).filter((e) => e !== undefined);
    expect(selected.map((e) => e.position.commit)).toEqual([300n, 400n, 500n]);
  });

  it('drops everything up to a checkpoint that is not an event position', () => {
    const between = { commit: 399n, prepare: 399n };
    const selected = read.map((r) => selectEvent(r, between, undefined)).filter((e) => e !== undefined);
    expect(selected.map((e) => e.position.commit)).toEqual([400n, 500n]);
  });

  it('keeps the first event when reading from the start', () => {
    expect(selectEvent(at(200n), 'start', undefined)?.position).toEqual({ commit: 200n, prepare: 200n });
  });

  it('never selects system events, even without a filter', () => {
    expect(selectEvent(systemAt(900n, '$stats-127.0.0.1:2113', '$statsCollected'), 'start', undefined)).toBeUndefined();
    expect(selectEvent(systemAt(901n, '$$referral-1', '$metadata'), 'start', undefined)).toBeUndefined();
    expect(selectEvent(systemAt(902n, '$ce-referral', '$>'), 'start', undefined)).toBeUndefined();
  });

  it('applies the filter', () => {
    const byPrefix = read.map((r) => selectEvent(r, 'start', { streamPrefixes: ['case-'] })).filter((e) => e !== undefined);
    expect(byPrefix.map((e) => e.streamId)).toEqual(['case-9']);
    expect(selectEvent(at(600n, 's', 'A.B'), 'start', { eventTypes: ['AxB'] })).toBeUndefined();
    expect(selectEvent(at(600n, 's', 'A.B'), 'start', { eventTypes: ['A.B'] })?.type).toBe('A.B');
  });
});

describe('the upper bound of a $all read', () => {
  const until: GlobalPosition = { commit: 400n, prepare: 400n };

  it('lets a read go on up to the bound, inclusive, and stops it past it, system records included', () => {
    expect(isPastBound(at(300n), until)).toBe(false);
    expect(isPastBound(at(400n), until)).toBe(false);
    expect(isPastBound(at(401n), until)).toBe(true);
    expect(isPastBound(systemAt(500n, '$stats-127.0.0.1:2113', '$statsCollected'), until)).toBe(true);
  });

  it('never stops a read that has no bound', () => {
    expect(isPastBound(at(900n), undefined)).toBe(false);
  });
});
