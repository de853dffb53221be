import { streamCategory } from './metrics';

describe('streamCategory', () => {
  it('is the stream name before the first dash', () => {
    expect(streamCategory('referral-6a1f0c2e-0000-4000-8000-000000000000')).toBe('referral');
    expect(streamCategory('agreement-lucca-2007')).toBe('agreement');
    expect(streamCategory('standalone')).toBe('standalone');
  });
});
