import { WrongExpectedVersionError } from '@eventstore/db-client';
import { WrongExpectedRevision } from '../event-store.errors';
import { toActualRevision, toClientExpectedRevision, toWrongExpectedRevision } from './expected-revision';

describe('expected revision mapping', () => {
  it.each([
    ['no_stream', 'no_stream'],
    ['stream_exists', 'stream_exists'],
    ['any', 'any'],
    [0, 0n],
    [41, 41n],
    [Number.MAX_SAFE_INTEGER, 9007199254740991n],
  ] as const)('%p becomes the client revision %p', (ours, theirs) => {
    expect(toClientExpectedRevision(ours)).toBe(theirs);
  });

  it('reads the actual revision as a number, and a missing stream as no_stream', () => {
    expect(toActualRevision(7n)).toBe(7);
    expect(toActualRevision(0n)).toBe(0);
    expect(toActualRevision('no_stream')).toBe('no_stream');
    expect(toActualRevision(-1n)).toBe('no_stream');
    expect(toActualRevision(undefined)).toBeUndefined();
  });

  it('turns the client conflict into ours with the stream, our expectation and the actual revision', () => {
    const conflict = new WrongExpectedVersionError(undefined, { streamName: 'referral-1', expected: 3n, current: 5n });
    const error = toWrongExpectedRevision('referral-1', 3, conflict);
    expect(error).toBeInstanceOf(WrongExpectedRevision);
    expect(error).toMatchObject({ streamId: 'referral-1', expectedRevision: 3, actualRevision: 5, code: 'WRONG_EXPECTED_REVISION' });
  });

  it('reports a conflict on a missing stream as actual revision no_stream', () => {
    const conflict = new WrongExpectedVersionError(undefined, { streamName: 's', expected: 'stream_exists', current: 'no_stream' });
    expect(toWrongExpectedRevision('s', 'stream_exists', conflict).actualRevision).toBe('no_stream');
  });
});
