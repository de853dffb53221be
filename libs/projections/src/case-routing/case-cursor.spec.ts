import { decodeCursor, encodeCursor } from './case-cursor';

describe('case list cursor', () => {
  const cursor = { updatedAt: '2026-11-24T09:00:00.123456Z', referralId: '6f1c1b9e-2f43-4a3c-9d59-0a4b5e3c2d11' };

  it('round-trips', () => {
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([
    ['not base64url', '!!!'],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['a wrong shape', Buffer.from(JSON.stringify({ a: 1 })).toString('base64url')],
    ['a bad instant', Buffer.from(JSON.stringify(['2026-13-40T99:00:00.000000Z', cursor.referralId])).toString('base64url')],
    ['a bad id', Buffer.from(JSON.stringify([cursor.updatedAt, 'x'])).toString('base64url')],
    ['empty', ''],
  ])('rejects %s', (_, text) => {
    expect(decodeCursor(text)).toBeNull();
  });
});
