import { etagOf, versionFromIfMatch } from './versions';

describe('versions', () => {
  it('reads the version an If-Match header names', () => {
    expect(versionFromIfMatch(undefined)).toBeUndefined();
    expect(versionFromIfMatch('"3"')).toBe(3);
    expect(versionFromIfMatch('W/"12"')).toBe(12);
    expect(versionFromIfMatch('7')).toBe(7);
    expect(versionFromIfMatch(etagOf(42))).toBe(42);
  });

  it('refuses an If-Match it cannot read', () => {
    expect(() => versionFromIfMatch('*')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', reason: 'invalid-if-match' }) as Error);
    expect(() => versionFromIfMatch('"abc"')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }) as Error);
  });
});
