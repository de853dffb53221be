import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('makes salted argon2id hashes that verify only the right password', async () => {
    const [first, second] = await Promise.all([hasher.hash('demo'), hasher.hash('demo')]);
    expect(first).toMatch(/^\$argon2id\$v=19\$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('demo');
    expect(await hasher.verify(first, 'demo')).toBe(true);
    expect(await hasher.verify(first, 'Demo')).toBe(false);
  });

  it('answers false, without throwing, for a hash that is not argon2', async () => {
    expect(await hasher.verify('demo', 'demo')).toBe(false);
    expect(await hasher.verify('', 'demo')).toBe(false);
  });

  it('refuses everyone when there is nobody', async () => {
    expect(await hasher.verifyNobody('demo')).toBe(false);
  });

  it('asks for a rehash when the parameters changed', async () => {
    const weak = new PasswordHasher({ memoryCost: 4096, timeCost: 1, parallelism: 1 });
    expect(hasher.needsRehash(await weak.hash('demo'))).toBe(true);
    expect(hasher.needsRehash(await hasher.hash('demo'))).toBe(false);
    expect(hasher.needsRehash('not a hash')).toBe(true);
  });
});
