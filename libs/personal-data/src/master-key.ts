import { createHash, randomBytes } from 'node:crypto';
import { IV_BYTES, KEY_BYTES, open, seal, TAG_BYTES } from './aes-gcm';
import { InvalidMasterKey, PersonalDataCorrupted } from './personal-data.errors';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const WRAPPED_BYTES = IV_BYTES + TAG_BYTES + KEY_BYTES;

/**
 * The key that wraps every subject's data key. It comes from configuration (`MASTER_KEY`) and never
 * touches the database: a dump of the database alone decrypts nothing. The key bytes sit in a
 * private field, so logging or serialising the object shows only its id.
 */
export class MasterKey {
  readonly #key: Buffer;
  /**
   * First 8 hex digits of the key's SHA-256, stored next to each wrapped key so that after a
   * rotation the vault can tell which master key wrapped it. 32 bits of a hash reveal nothing usable
   * about a 256-bit key.
   */
  readonly keyId: string;

  private constructor(key: Buffer) {
    this.#key = key;
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 8);
  }

  /** `source` names where the value came from (e.g. `MASTER_KEY`) in the error; the value itself is never shown. */
  static fromBase64(value: string, source?: string): MasterKey {
    const text = value.trim();
    if (text.length === 0) throw new InvalidMasterKey('it is empty', source);
    if (!BASE64.test(text)) throw new InvalidMasterKey(`it is not standard base64 (${text.length} characters)`, source);
    const key = Buffer.from(text, 'base64');
    if (key.length !== KEY_BYTES) throw new InvalidMasterKey(`it decodes to ${key.length} bytes, not ${KEY_BYTES}`, source);
    return new MasterKey(key);
  }

  static generate(): MasterKey {
    return new MasterKey(randomBytes(KEY_BYTES));
  }

  /** The secret itself, for writing the embedded mode's key file. */
  exportBase64(): string {
    return this.#key.toString('base64');
  }

  /**
   * AES-256-GCM of the data key under the master key, as iv ‖ tag ‖ ciphertext. The subject
   * reference is authenticated with it, so a wrapped key copied to another subject's row does not unwrap.
   */
  wrap(dataKey: Buffer, subjectRef: string): Buffer {
    if (dataKey.length !== KEY_BYTES) throw new Error(`A data key has ${KEY_BYTES} bytes, got ${dataKey.length}`);
    const { iv, tag, ciphertext } = seal(this.#key, dataKey, wrapAad(subjectRef));
    return Buffer.concat([iv, tag, ciphertext]);
  }

  unwrap(wrapped: Buffer, subjectRef: string): Buffer {
    const dataKey =
      wrapped.length === WRAPPED_BYTES
        ? open(
            this.#key,
            {
              iv: wrapped.subarray(0, IV_BYTES),
              tag: wrapped.subarray(IV_BYTES, IV_BYTES + TAG_BYTES),
              ciphertext: wrapped.subarray(IV_BYTES + TAG_BYTES),
            },
            wrapAad(subjectRef),
          )
        : undefined;
    if (!dataKey) throw new PersonalDataCorrupted('data-key', subjectRef);
    return dataKey;
  }

  toString(): string {
    return `MasterKey(${this.keyId})`;
  }

  toJSON(): string {
    return this.toString();
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/**
 * The current master key, which wraps every new data key, and the previous ones, which still unwrap
 * the data keys they wrapped until those are re-wrapped. Rotation is: configure the new key as
 * current and the old as previous, re-wrap, then drop the old key. Dropping it is also what makes
 * remnants of erased keys (dead row versions, WAL, backups) undecryptable.
 */
export class MasterKeyRing {
  private readonly byKeyId = new Map<string, MasterKey>();

  constructor(
    readonly current: MasterKey,
    previous: readonly MasterKey[] = [],
  ) {
    for (const key of [current, ...previous]) if (!this.byKeyId.has(key.keyId)) this.byKeyId.set(key.keyId, key);
  }

  byId(keyId: string): MasterKey | undefined {
    return this.byKeyId.get(keyId);
  }
}

function wrapAad(subjectRef: string): Buffer {
  return Buffer.from(`antitratta/personal-data/data-key/v1/${subjectRef}`, 'utf8');
}
