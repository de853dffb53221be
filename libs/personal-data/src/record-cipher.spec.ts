import { randomBytes, randomUUID } from 'node:crypto';
import { Sealed } from './aes-gcm';
import { PersonalDataCorrupted } from './personal-data.errors';
import { PersonalDataRecord } from './personal-data.record';
import { openRecord, sealRecord } from './record-cipher';

const SUBJECT = randomUUID();
const RECORD: PersonalDataRecord = {
  identity: { firstName: 'Zyxwaldine', lastName: 'Quorvantis', birthYear: 2001, nationality: 'NG', gender: 'female', minor: false },
  health: { text: 'Needs follow-up at the clinic' },
};

function flipped(sealed: Sealed, part: keyof Sealed, index = 0): Sealed {
  const copy = Buffer.from(sealed[part]);
  copy[index] ^= 0x80;
  return { ...sealed, [part]: copy };
}

function corruption(work: () => unknown): PersonalDataCorrupted | undefined {
  try {
    work();
  } catch (error) {
    if (error instanceof PersonalDataCorrupted) return error;
    throw error;
  }
  return undefined;
}

describe('sealing a personal data record', () => {
  const dataKey = randomBytes(32);

  it('opens what it sealed', () => {
    expect(openRecord(dataKey, SUBJECT, sealRecord(dataKey, SUBJECT, RECORD))).toEqual(RECORD);
  });

  it('keeps nothing of the record in clear and never reuses an IV', () => {
    const a = sealRecord(dataKey, SUBJECT, RECORD);
    const b = sealRecord(dataKey, SUBJECT, RECORD);
    expect(a.iv).toHaveLength(12);
    expect(a.tag).toHaveLength(16);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
    for (const sealed of [a, b]) {
      const bytes = Buffer.concat([sealed.iv, sealed.tag, sealed.ciphertext]);
      expect(bytes.includes(Buffer.from('Zyxwaldine'))).toBe(false);
      expect(bytes.toString('latin1')).not.toMatch(/identity|Zyxwaldine|clinic/);
    }
  });

  it('pads the plaintext so the ciphertext length does not tell a short name from a longer one', () => {
    const short = sealRecord(dataKey, SUBJECT, { ...RECORD, identity: { ...RECORD.identity, firstName: 'Al' } });
    const longer = sealRecord(dataKey, SUBJECT, { ...RECORD, identity: { ...RECORD.identity, firstName: 'Alexandrina Maria' } });
    expect(short.ciphertext.length % 256).toBe(0);
    expect(short.ciphertext.length).toBe(longer.ciphertext.length);
  });

  it.each([
    ['ciphertext', 'ciphertext' as const, 0],
    ['ciphertext (last byte)', 'ciphertext' as const, -1],
    ['auth tag', 'tag' as const, 0],
    ['auth tag (last byte)', 'tag' as const, 15],
    ['iv', 'iv' as const, 0],
    ['iv (last byte)', 'iv' as const, 11],
  ])('a flipped byte in the %s is PersonalDataCorrupted', (_label, part, index) => {
    const sealed = sealRecord(dataKey, SUBJECT, RECORD);
    const at = index < 0 ? sealed[part].length + index : index;
    const error = corruption(() => openRecord(dataKey, SUBJECT, flipped(sealed, part, at)));
    expect(error).toEqual(new PersonalDataCorrupted('record', SUBJECT));
    expect(error?.code).toBe('PERSONAL_DATA_CORRUPTED');
  });

  it('a truncated tag, iv or ciphertext is PersonalDataCorrupted', () => {
    const sealed = sealRecord(dataKey, SUBJECT, RECORD);
    expect(corruption(() => openRecord(dataKey, SUBJECT, { ...sealed, tag: sealed.tag.subarray(0, 12) }))).toBeDefined();
    expect(corruption(() => openRecord(dataKey, SUBJECT, { ...sealed, iv: sealed.iv.subarray(0, 8) }))).toBeDefined();
    expect(corruption(() => openRecord(dataKey, SUBJECT, { ...sealed, ciphertext: sealed.ciphertext.subarray(0, 255) }))).toBeDefined();
  });

  it('a record presented as another subject’s (wrong additional data) is PersonalDataCorrupted', () => {
    const sealed = sealRecord(dataKey, SUBJECT, RECORD);
    const other = randomUUID();
    expect(corruption(() => openRecord(dataKey, other, sealed))).toEqual(new PersonalDataCorrupted('record', other));
    expect(corruption(() => openRecord(dataKey, SUBJECT.toUpperCase(), sealed))).toBeDefined();
  });

  it('a record opened with another key is PersonalDataCorrupted', () => {
    const sealed = sealRecord(dataKey, SUBJECT, RECORD);
    expect(corruption(() => openRecord(randomBytes(32), SUBJECT, sealed))).toBeDefined();
  });

  it('the error names the subject by reference only', () => {
    const sealed = sealRecord(dataKey, SUBJECT, RECORD);
    const error = corruption(() => openRecord(dataKey, SUBJECT, flipped(sealed, 'tag')));
    expect(error?.message).toContain(SUBJECT);
    expect(error?.message).not.toMatch(/Zyxwaldine|Quorvantis/);
  });
});
