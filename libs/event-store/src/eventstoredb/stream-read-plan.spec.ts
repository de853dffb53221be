import { BACKWARDS, END, FORWARDS, START } from '@eventstore/db-client';
import { streamReadPlan } from './stream-read-plan';

const ALL = Number.MAX_SAFE_INTEGER;

describe('stream read plan', () => {
  it('reads forwards from the start, everything, by default', () => {
    expect(streamReadPlan()).toEqual({ direction: FORWARDS, fromRevision: START, maxCount: ALL });
  });

  it('reads backwards from the end by default when backwards', () => {
    expect(streamReadPlan({ direction: 'backwards', maxCount: 3 })).toEqual({ direction: BACKWARDS, fromRevision: END, maxCount: 3 });
  });

  it('passes a revision as a bigint, inclusive, in either direction', () => {
    expect(streamReadPlan({ fromRevision: 3, maxCount: 4 })).toEqual({ direction: FORWARDS, fromRevision: 3n, maxCount: 4 });
    expect(streamReadPlan({ direction: 'backwards', fromRevision: 4, maxCount: 2 })).toEqual({
      direction: BACKWARDS,
      fromRevision: 4n,
      maxCount: 2,
    });
  });

  it('reads forwards from the end as the one last event', () => {
    expect(streamReadPlan({ fromRevision: 'end' })).toEqual({ direction: BACKWARDS, fromRevision: END, maxCount: 1 });
  });

  it('reads backwards from the start as the one first event', () => {
    expect(streamReadPlan({ direction: 'backwards', fromRevision: 'start', maxCount: 10 })).toEqual({
      direction: FORWARDS,
      fromRevision: START,
      maxCount: 1,
    });
  });

  it('reads nothing for a max count of zero', () => {
    expect(streamReadPlan({ maxCount: 0 })).toBeUndefined();
    expect(streamReadPlan({ fromRevision: 'end', maxCount: 0 })).toBeUndefined();
  });
});
