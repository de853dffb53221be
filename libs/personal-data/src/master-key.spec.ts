import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { MasterKey, MasterKeyRing } from './master-key';
import { InvalidMasterKey, PersonalDataCorrupted } from './personal-data.errors';

const SUBJECT = randomUUID();

function flip(bytes: Buffer, index: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[index] ^= 0x01;
  return copy;
}

describe('MasterKey', () => {
  describe('parsing', () => {
    it('accepts the base64 of 32 bytes, surrounding whitespace included, and derives its id from its SHA-256', () => {
      const bytes = randomBytes(32);
      const key = MasterKey.fromBase64(`  ${bytes.toString('base64')}\n`);
      expect(key.keyId).toBe(createHash('sha256').update(bytes).digest('hex').slice(0, 8));
      expect(key.exportBase64()).toBe(bytes.toString('base64'));
      expect(MasterKey.fromBase64(bytes.toString('base64')).keyId).toBe(key.keyId);
    });

    it.each([
      ['empty', '', /is empty/],
      ['whitespace only', '   ', /is empty/],
      ['16 bytes', randomBytes(16).toString('base64'), /decodes to 16 bytes, not 32/],
      ['31 bytes', randomBytes(31).toString('base64'), /decodes to 31 bytes, not 32/],
      ['33 bytes', randomBytes(33).toString('base64'), /decodes to 33 bytes, not 32/],
      ['hex instead of base64', randomBytes(32).toString('hex'), /decodes to 48 bytes, not 32/],
      ['base64url alphabet', '-_' + randomBytes(32).toString('base64').slice(2), /not standard base64/],
      ['missing padding', randomBytes(32).toString('base64').replace(/=$/, ''), /not standard base64/],
      ['inner garbage', randomBytes(32).toString('base64').replace(/^(.{10})./, '$1*'), /not standard base64/],
    ])('rejects %s with a clear error', (_label, value, message) => {
      const error = captureError(() => MasterKey.fromBase64(value, 'MASTER_KEY'));
      expect(error).toBeInstanceOf(InvalidMasterKey);
      expect((error as InvalidMasterKey).code).toBe('INVALID_MASTER_KEY');
      expect(error.message).toMatch(message);
      expect(error.message).toMatch(/^MASTER_KEY: .*exactly 32 random bytes/);
    });

    it('never echoes the rejected value', () => {
      const value = randomBytes(31).toString('base64');
      expect(captureError(() => MasterKey.fromBase64(value)).message).not.toContain(value);
    });

    it('shows only its id when logged or serialised', () => {
      const key = MasterKey.generate();
      const secret = key.exportBase64();
      for (const shown of [inspect(key), JSON.stringify({ key }), String(key), `${inspect({ nested: key })}`]) {
        expect(shown).toContain(key.keyId);
        expect(shown).not.toContain(secret);
        expect(shown).not.toContain(Buffer.from(secret, 'base64').toString('hex'));
      }
    });
  });

  describe('wrapping a data key', () => {
    const master = MasterKey.generate();
    const dataKey = randomBytes(32);

    it('unwraps what it wrapped, for the same subject', () => {
      const wrapped = master.wrap(dataKey, SUBJECT);
      expect(wrapped).toHaveLength(12 + 16 + 32);
      expect(master.unwrap(wrapped, SUBJECT).equals(dataKey)).toBe(true);
    });

    it('uses a fresh IV each time, so the same key never wraps to the same bytes', () => {
      const a = master.wrap(dataKey, SUBJECT);
      const b = master.wrap(dataKey, SUBJECT);
      expect(a.subarray(0, 12).equals(b.subarray(0, 12))).toBe(false);
      expect(a.equals(b)).toBe(false);
      expect(a.includes(dataKey)).toBe(false);
    });

    it.each([
      ['iv', 0],
      ['tag', 12],
      ['ciphertext', 28],
      ['last ciphertext byte', 59],
    ])('detects a flipped byte in the %s', (_part, index) => {
      const wrapped = master.wrap(dataKey, SUBJECT);
      expect(captureError(() => master.unwrap(flip(wrapped, index), SUBJECT))).toEqual(new PersonalDataCorrupted('data-key', SUBJECT));
    });

    it('does not unwrap for another subject (the subject is authenticated data)', () => {
      const wrapped = master.wrap(dataKey, SUBJECT);
      const error = captureError(() => master.unwrap(wrapped, randomUUID()));
      expect(error).toBeInstanceOf(PersonalDataCorrupted);
      expect((error as PersonalDataCorrupted).part).toBe('data-key');
    });

    it('does not unwrap under another master key, nor a truncated or extended wrapping', () => {
      const wrapped = master.wrap(dataKey, SUBJECT);
      expect(captureError(() => MasterKey.generate().unwrap(wrapped, SUBJECT))).toBeInstanceOf(PersonalDataCorrupted);
      expect(captureError(() => master.unwrap(wrapped.subarray(0, 59), SUBJECT))).toBeInstanceOf(PersonalDataCorrupted);
      expect(captureError(() => master.unwrap(Buffer.concat([wrapped, Buffer.from([0])]), SUBJECT))).toBeInstanceOf(PersonalDataCorrupted);
    });

    it('wraps only 32-byte keys', () => {
      expect(() => master.wrap(randomBytes(16), SUBJECT)).toThrow('32 bytes');
    });
  });

  describe('MasterKeyRing', () => {
    it('finds the current and the previous keys by id, and nothing else', () => {
      const current = MasterKey.generate();
      const previous = MasterKey.generate();
      const ring = new MasterKeyRing(current, [previous, current]);
      expect(ring.byId(current.keyId)).toBe(current);
      expect(ring.byId(previous.keyId)).toBe(previous);
      expect(ring.byId(MasterKey.generate().keyId)).toBeUndefined();
    });
  });
});

function captureError(work: () => unknown): Error {
  try {
    work();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
