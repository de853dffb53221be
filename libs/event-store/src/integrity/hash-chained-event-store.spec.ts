import { planAppend } from './hash-chained-event-store';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
const head = (revision: number, id = C) => ({ revision, id });

describe('planning a chained append', () => {
  it('chains onto the head at exactly its revision when the expected revision allows the append', () => {
    expect(planAppend('no_stream', undefined, [A])).toEqual({ kind: 'chain', revision: 'no_stream' });
    expect(planAppend('any', undefined, [A])).toEqual({ kind: 'chain', revision: 'no_stream' });
    expect(planAppend('any', head(4), [A])).toEqual({ kind: 'chain', revision: 4 });
    expect(planAppend('stream_exists', head(4), [A])).toEqual({ kind: 'chain', revision: 4 });
    expect(planAppend(4, head(4), [A, B])).toEqual({ kind: 'chain', revision: 4 });
  });

  it('a stream that does not exist conflicts with stream_exists and with any exact revision', () => {
    expect(planAppend('stream_exists', undefined, [A])).toEqual({ kind: 'conflict', actual: 'no_stream' });
    expect(planAppend(0, undefined, [A])).toEqual({ kind: 'conflict', actual: 'no_stream' });
  });

  it('leaves appends the stream is past to the adapter, at a revision the stream can never be at again', () => {
    expect(planAppend(2, head(4), [A])).toEqual({ kind: 'delegate', revision: 2 });
    expect(planAppend('no_stream', head(4), [A])).toEqual({ kind: 'delegate', revision: 'no_stream' });
    // Ahead of the head: the stream could reach that revision meanwhile, so it must not be asked with it.
    expect(planAppend(7, head(4), [A])).toEqual({ kind: 'delegate', revision: 'no_stream' });
  });

  it('recognises a retry of the last append by its head event, whatever the expected revision', () => {
    expect(planAppend('any', head(4, B), [A, B])).toEqual({ kind: 'delegate', revision: 2 });
    expect(planAppend(4, head(4, A), [A])).toEqual({ kind: 'delegate', revision: 3 });
    expect(planAppend('no_stream', head(1, B), [A, B])).toEqual({ kind: 'delegate', revision: 'no_stream' });
    expect(planAppend('any', head(0, A.toUpperCase()), [A])).toEqual({ kind: 'delegate', revision: 'no_stream' });
  });
});
