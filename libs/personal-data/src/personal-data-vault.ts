import { randomBytes } from 'node:crypto';
import { migrate, Queryable, SqlClient } from '@app/database';
import { KEY_BYTES, toBuffer } from './aes-gcm';
import { MasterKey, MasterKeyRing } from './master-key';
import { PersonalDataErased, UnknownMasterKey } from './personal-data.errors';
import { canonicalSubjectRef, PersonalDataRecord, validatePersonalDataRecord } from './personal-data.record';
import { PERSONAL_DATA_MIGRATION_SET, PERSONAL_DATA_MIGRATIONS } from './personal-data.schema';
import { openRecord, sealRecord } from './record-cipher';

export type PersonalDataReadResult =
  | { status: 'present'; record: PersonalDataRecord }
  | { status: 'erased'; erasedAt: Date }
  | { status: 'unknown' };

export interface PersonalDataVaultOptions {
  /** Wraps every new data key. */
  masterKey: MasterKey;
  /** Earlier master keys, still needed to unwrap the data keys they wrapped (during a rotation). */
  previousMasterKeys?: readonly MasterKey[];
}

/** What a re-wrap did (see `rewrapKeys`). */
export interface RewrapResult {
  /** Data keys that a previous master key wrapped and the current one now wraps. */
  rewrapped: number;
  /** Data keys left as they were because no configured master key has their id: how many, by that id. */
  unknownMasterKeys: Record<string, number>;
}

/** Key rows re-wrapped per transaction, unless told otherwise. */
const REWRAP_BATCH = 200;

interface KeyRow {
  wrapped_key: Uint8Array | null;
  master_key_id: string | null;
  erased_at: Date | string | null;
}

interface ReadRow extends KeyRow {
  subject_ref: string;
  ciphertext: Uint8Array | null;
  iv: Uint8Array | null;
  auth_tag: Uint8Array | null;
}

/**
 * The subjects' personal data, sealed under a key per subject (crypto-shredding): erasing the key
 * erases the data while the events, which carry only the subject reference, still replay.
 *
 * Data keys are unwrapped for each operation and never cached, so an erasure takes effect in every
 * process at once.
 */
export class PersonalDataVault {
  private constructor(
    private readonly sql: SqlClient,
    private readonly keys: MasterKeyRing,
  ) {}

  static async create(sql: SqlClient, options: PersonalDataVaultOptions): Promise<PersonalDataVault> {
    await migrate(sql, PERSONAL_DATA_MIGRATION_SET, PERSONAL_DATA_MIGRATIONS);
    return new PersonalDataVault(sql, new MasterKeyRing(options.masterKey, options.previousMasterKeys));
  }

  /**
   * Seals the record under the subject's key, creating the key on the first store; a later store
   * replaces the record under the same key. Throws PersonalDataErased once the subject was erased.
   *
   * The key row is locked (FOR SHARE, or by our own insert) until the record is written, and erase
   * takes the same row first: so an erasure waits for a store in flight and then deletes its record,
   * or the store waits for the erasure and then finds the tombstone. Never a record without a key.
   */
  async store(subjectRef: string, record: PersonalDataRecord): Promise<void> {
    const ref = canonicalSubjectRef(subjectRef);
    const valid = validatePersonalDataRecord(record);
    const candidate = randomBytes(KEY_BYTES);
    const wrappedCandidate = this.keys.current.wrap(candidate, ref);
    let dataKey: Buffer | undefined;
    try {
      // A subject's first store, the usual case, in one statement: the record goes in only with the
      // key this statement inserts (both committed together, the key row ours until then). Two first
      // stores of one subject race here: the primary key lets one insert and makes the other wait
      // for it to commit, after which the other inserts nothing.
      const first = sealRecord(candidate, ref, valid);
      const { rows } = await this.sql.query(
        `WITH key AS (
           INSERT INTO pd_subject_keys (subject_ref, wrapped_key, master_key_id) VALUES ($1, $2, $3)
           ON CONFLICT (subject_ref) DO NOTHING RETURNING subject_ref
         )
         INSERT INTO pd_subject_records (subject_ref, ciphertext, iv, auth_tag)
         SELECT subject_ref, $4, $5, $6 FROM key RETURNING subject_ref`,
        [ref, wrappedCandidate, this.keys.current.keyId, first.ciphertext, first.iv, first.tag],
        { name: 'pd_store_first' },
      );
      if (rows.length > 0) return;
      // The subject has a committed key already (key rows are never deleted), or an erasure's
      // tombstone: replace the record under that key.
      await this.sql.transaction(async (tx) => {
        dataKey = this.unwrap(ref, await lockKey(tx, ref));
        const sealed = sealRecord(dataKey, ref, valid);
        await tx.query(
          `INSERT INTO pd_subject_records (subject_ref, ciphertext, iv, auth_tag) VALUES ($1, $2, $3, $4)
           ON CONFLICT (subject_ref) DO UPDATE
             SET ciphertext = EXCLUDED.ciphertext, iv = EXCLUDED.iv, auth_tag = EXCLUDED.auth_tag, updated_at = now()`,
          [ref, sealed.ciphertext, sealed.iv, sealed.tag],
        );
      });
    } finally {
      candidate.fill(0);
      dataKey?.fill(0);
    }
  }

  async read(subjectRef: string): Promise<PersonalDataReadResult> {
    return (await this.readMany([subjectRef])).get(subjectRef)!;
  }

  /**
   * Many subjects in one query, for lists. The answer has an entry for every reference asked, keyed
   * as it was asked. Keys and records come from one snapshot, so no answer mixes before and after an
   * erasure. A record that does not authenticate fails the whole call (PersonalDataCorrupted):
   * tampering is not something to paper over in a list.
   */
  async readMany(subjectRefs: readonly string[]): Promise<Map<string, PersonalDataReadResult>> {
    const canonical = new Map(subjectRefs.map((ref) => [ref, canonicalSubjectRef(ref)]));
    const unique = [...new Set(canonical.values())];
    const found = new Map<string, PersonalDataReadResult>();
    if (unique.length > 0) {
      const { rows } = await this.sql.query<ReadRow>(
        `SELECT k.subject_ref::text AS subject_ref, k.wrapped_key, k.master_key_id, k.erased_at, r.ciphertext, r.iv, r.auth_tag
         FROM pd_subject_keys k LEFT JOIN pd_subject_records r ON r.subject_ref = k.subject_ref
         WHERE k.subject_ref = ANY($1::uuid[])`,
        [unique],
        { name: 'pd_read' },
      );
      for (const row of rows) found.set(row.subject_ref, this.toResult(row));
    }
    const answer = new Map<string, PersonalDataReadResult>();
    for (const [asked, ref] of canonical) answer.set(asked, found.get(ref) ?? { status: 'unknown' });
    return answer;
  }

  /**
   * Destroys the subject's key and deletes its record, leaving a tombstone with the erasure time.
   * Idempotent: erasing again (or a subject never stored) answers with the first erasure's time.
   * `at` lets the caller record the same instant as its erasure event; the database clock otherwise.
   */
  async erase(subjectRef: string, at?: Date): Promise<{ erasedAt: Date }> {
    const ref = canonicalSubjectRef(subjectRef);
    return this.sql.transaction(async (tx) => {
      const { rows } = await tx.query<{ erased_at: Date | string }>(
        `INSERT INTO pd_subject_keys (subject_ref, erased_at) VALUES ($1, COALESCE($2::timestamptz, now()))
         ON CONFLICT (subject_ref) DO UPDATE
           SET wrapped_key = NULL, master_key_id = NULL, erased_at = COALESCE(pd_subject_keys.erased_at, EXCLUDED.erased_at)
         RETURNING erased_at`,
        [ref, at?.toISOString() ?? null],
      );
      // A statement of its own, after the key row is ours: under READ COMMITTED it sees the record of
      // a store that committed while we waited for that row. In one statement it would not.
      await tx.query('DELETE FROM pd_subject_records WHERE subject_ref = $1', [ref]);
      return { erasedAt: toDate(rows[0].erased_at) };
    });
  }

  /**
   * The second step of a master-key rotation (see `MasterKeyRing`): every live data key wrapped by a
   * previous master key is unwrapped and wrapped again by the current one. The records stay as they
   * are; only the wrapping changes. Rows go a batch at a time, in key order, each batch in a
   * transaction that holds its rows (FOR UPDATE): a store or an erasure of one of them waits for the
   * batch, and a row erased meanwhile drops out of it. A key whose master key is not configured is
   * left alone and counted, so that the operator can configure it and run this again; running it
   * again is always safe. Once nothing is left to re-wrap, the previous keys can be destroyed.
   */
  async rewrapKeys(options: { batchSize?: number } = {}): Promise<RewrapResult> {
    const batchSize = options.batchSize ?? REWRAP_BATCH;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a whole number ≥ 1, got ${batchSize}`);
    const current = this.keys.current;
    const result: RewrapResult = { rewrapped: 0, unknownMasterKeys: {} };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = await this.sql.transaction(async (tx) => {
        const { rows } = await tx.query<{ subject_ref: string; wrapped_key: Uint8Array; master_key_id: string }>(
          `SELECT subject_ref::text AS subject_ref, wrapped_key, master_key_id FROM pd_subject_keys
           WHERE subject_ref > $1 AND master_key_id <> $2 ORDER BY subject_ref LIMIT $3 FOR UPDATE`,
          [after, current.keyId, batchSize],
        );
        const rewrapped: { subject_ref: string; wrapped_key: string }[] = [];
        for (const row of rows) {
          const previous = this.keys.byId(row.master_key_id);
          if (!previous) {
            result.unknownMasterKeys[row.master_key_id] = (result.unknownMasterKeys[row.master_key_id] ?? 0) + 1;
            continue;
          }
          const dataKey = previous.unwrap(toBuffer(row.wrapped_key), row.subject_ref);
          try {
            rewrapped.push({ subject_ref: row.subject_ref, wrapped_key: current.wrap(dataKey, row.subject_ref).toString('hex') });
          } finally {
            dataKey.fill(0);
          }
        }
        if (rewrapped.length > 0) {
          // The batch's new wrappings in one statement, as one JSON parameter (hex for the bytes).
          await tx.query(
            `UPDATE pd_subject_keys k SET wrapped_key = decode(v.wrapped_key, 'hex'), master_key_id = $2
             FROM jsonb_to_recordset($1::jsonb) AS v(subject_ref uuid, wrapped_key text) WHERE k.subject_ref = v.subject_ref`,
            [JSON.stringify(rewrapped), current.keyId],
          );
          result.rewrapped += rewrapped.length;
        }
        return rows;
      });
      if (batch.length < batchSize) return result;
      after = batch[batch.length - 1].subject_ref;
    }
  }

  private toResult(row: ReadRow): PersonalDataReadResult {
    if (row.erased_at !== null) return { status: 'erased', erasedAt: toDate(row.erased_at) };
    // A key without a record: a store that never completed (possible once keys live in another database).
    if (row.ciphertext === null || row.iv === null || row.auth_tag === null) return { status: 'unknown' };
    const dataKey = this.unwrap(row.subject_ref, row);
    try {
      const record = openRecord(dataKey, row.subject_ref, {
        ciphertext: toBuffer(row.ciphertext),
        iv: toBuffer(row.iv),
        tag: toBuffer(row.auth_tag),
      });
      return { status: 'present', record };
    } finally {
      dataKey.fill(0);
    }
  }

  private unwrap(ref: string, key: KeyRow): Buffer {
    if (key.erased_at !== null || key.wrapped_key === null || key.master_key_id === null) {
      throw new PersonalDataErased(ref, toDate(key.erased_at ?? new Date(0)));
    }
    const masterKey = this.keys.byId(key.master_key_id);
    if (!masterKey) throw new UnknownMasterKey(key.master_key_id, ref);
    return masterKey.unwrap(toBuffer(key.wrapped_key), ref);
  }
}

async function lockKey(tx: Queryable, ref: string): Promise<KeyRow> {
  const { rows } = await tx.query<KeyRow>(
    'SELECT wrapped_key, master_key_id, erased_at FROM pd_subject_keys WHERE subject_ref = $1 FOR SHARE',
    [ref],
  );
  // The first-store insert conflicted on this row, and key rows are never deleted.
  return rows[0];
}

function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}
