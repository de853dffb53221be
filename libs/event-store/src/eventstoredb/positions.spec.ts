import { START } from '@eventstore/db-client';
import { isAfterCheckpoint } from '../event-store.port';
import { toReadPosition, usablePosition } from './positions';

describe('positions', () => {
  it('passes a real position through unchanged', () => {
    expect(usablePosition({ commit: 10n, prepare: 8n })).toEqual({ commit: 10n, prepare: 8n });
    expect(usablePosition({ commit: 0n, prepare: 0n })).toEqual({ commit: 0n, prepare: 0n });
  });

  it('drops a missing position and the server\'s -1 sent as an unsigned number', () => {
    const minusOne = (1n << 64n) - 1n;
    expect(usablePosition(undefined)).toBeUndefined();
    expect(usablePosition({ commit: minusOne, prepare: minusOne })).toBeUndefined();
    expect(usablePosition({ commit: 5n, prepare: minusOne })).toBeUndefined();
  });

  it('starts a read at the start or at the checkpoint itself', () => {
    expect(toReadPosition(undefined)).toBe(START);
    expect(toReadPosition('start')).toBe(START);
    expect(toReadPosition({ commit: 3n, prepare: 2n })).toEqual({ commit: 3n, prepare: 2n });
  });
});

describe('exclusive checkpoint', () => {
  const checkpoint = { commit: 100n, prepare: 100n };

  it('keeps only positions strictly after the checkpoint', () => {
    expect(isAfterCheckpoint({ commit: 100n, prepare: 100n }, checkpoint)).toBe(false);
    expect(isAfterCheckpoint({ commit: 99n, prepare: 99n }, checkpoint)).toBe(false);
    expect(isAfterCheckpoint({ commit: 101n, prepare: 101n }, checkpoint)).toBe(true);
  });

  it('compares the commit position first, then the prepare position', () => {
    expect(isAfterCheckpoint({ commit: 100n, prepare: 101n }, checkpoint)).toBe(true);
    expect(isAfterCheckpoint({ commit: 100n, prepare: 99n }, checkpoint)).toBe(false);
    expect(isAfterCheckpoint({ commit: 101n, prepare: 1n }, checkpoint)).toBe(true);
  });

  it('keeps everything after the start', () => {
    expect(isAfterCheckpoint({ commit: 0n, prepare: 0n }, 'start')).toBe(true);
  });
});
